"""The outputs panel: the selected sample's outputs as bars, the batch's as a fixed-level heatmap."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from shown import show

from nnstudio.document import Batch
from nnstudio.document.palette import class_color, diverging_color
from nnstudio.engine import Dense, Softmax
from nnstudio.plots.outputs_plot import HEAT_ROWS, OutputsPlot
from nnstudio.plots.pyqtgraph_private import rendered

from .conftest import edit_weight, engine_trace


@pytest.fixture
def plot(document, qtbot):
    return show(qtbot, OutputsPlot(document), 560, 400)


def bar_heights(plot):
    return np.asarray(plot.bars.opts["height"])


def test_bars_are_the_selected_samples_probabilities(plot, document, qtbot):
    document.selection.select_sample(170)
    expected = engine_trace(document).output[170]
    np.testing.assert_array_equal(bar_heights(plot), expected)
    assert [b.color().name() for b in plot.bars.opts["brushes"]] == [class_color(c).name() for c in range(3)]
    assert [label.toPlainText() for label in plot.bar_labels] == [f"{p:.3f}" for p in expected]
    assert "Sample 170" in plot.title.text() and "true class 1" in plot.title.text()


def test_a_weight_edit_moves_bars_and_heatmap_to_the_engines_numbers(plot, document, qtbot):
    document.selection.select_sample(250)  # sample 0 sits at the origin, where every output is the same
    items = [id(item) for item in plot.bar_plot.items + plot.heat_plot.items]
    before = bar_heights(plot).copy()
    edit_weight(qtbot, document, 1, 1, 0, 5.0)
    edit_weight(qtbot, document, 0, 0, 1, -3.0)
    expected = engine_trace(document).output
    assert not np.array_equal(bar_heights(plot), before)
    np.testing.assert_array_equal(bar_heights(plot), expected[document.selection.sample])
    np.testing.assert_array_equal(plot.heatmap.image, expected.astype(np.float32))
    assert tuple(plot.heatmap.levels) == (0.0, 1.0)
    assert [id(item) for item in plot.bar_plot.items + plot.heat_plot.items] == items


def test_raw_outputs_get_symmetric_levels_and_a_label_saying_so(plot, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.remove_layer(3)  # the Softmax
    output = engine_trace(document).output
    reach = np.abs(output).max()
    assert tuple(plot.heatmap.levels) == pytest.approx((-reach, reach))
    assert plot.bar_plot.getAxis("left").labelText == "output"
    np.testing.assert_array_equal(plot.heatmap.image, output.astype(np.float32))


def test_clicking_a_heatmap_row_selects_that_sample(plot, document, qtbot):
    view_box = plot.heat_plot.getViewBox()
    scene_point = view_box.mapViewToScene(QPointF(1, 42))
    with qtbot.waitSignal(document.selection.sample_changed) as selected:
        qtbot.mouseClick(plot.graphics.viewport(), Qt.MouseButton.LeftButton,
                         pos=plot.graphics.mapFromScene(scene_point))
    assert selected.args == [42]
    assert plot.row_marker.rect().center().y() == pytest.approx(42)


def test_a_stack_that_cannot_run_shows_why(plot, document, qtbot):
    for _ in range(4):
        with qtbot.waitSignal(document.trace_changed):
            document.remove_layer(0)
    assert document.trace is None
    assert plot.notice.text == document.why_no_trace.text != ""
    assert not plot.bars.isVisible() and not plot.heatmap.isVisible()
    axes = [plot.bar_plot.getAxis("left"), plot.heat_plot.getAxis("bottom"), plot.colour_bar]
    assert not any(item.isVisible() for item in axes), "no leftover ticks under the notice"
    document.undo_stack.undo()
    with qtbot.waitSignal(document.trace_changed):
        document.undo_stack.undo()
    assert plot.notice.text == ""
    assert plot.heatmap.isVisible() and all(item.isVisible() for item in axes)


def test_outputs_near_the_largest_float_keep_an_axis_that_can_be_drawn(plot, document, qtbot):
    document.set_numerics("float64")
    document.remove_layer(3)  # no Softmax: the raw outputs are plotted
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(1, "biases", 0, 0, 1e308)
    plot.grab()  # a paint: pyqtgraph's ticks overflowed on an axis spanning more than the largest float
    low, high = plot.bar_plot.getViewBox().viewRange()[1]
    assert np.isfinite(high - low) and high >= 1e299


def heatmap_colours(plot, sample):
    """The colours the heatmap paints for ``sample``'s outputs, one per class."""
    plot.grab()  # a paint
    picture = rendered(plot.heatmap)
    return [picture.pixelColor(c, sample) for c in range(picture.width())]


def only_the_first_bias(document, qtbot, value, numerics):
    """The notebook's network without its Softmax and with Dense 2 zeroed, but for its first bias:
    every sample's outputs are ``value``, 0, 0."""
    document.set_numerics(numerics)
    document.remove_layer(3)
    document.zero_layer(1)
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(1, "biases", 0, 0, value)


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize(("value", "numerics", "end"), [(-1e-45, "nnfs", -1.0), (1e-200, "float64", 1.0)])
def test_outputs_too_small_for_the_colour_levels_arithmetic_are_painted(plot, document, qtbot, value, numerics, end):
    only_the_first_bias(document, qtbot, value, numerics)
    first, *others = heatmap_colours(plot, 7)
    assert first == diverging_color(end, 1.0)  # the end of the map: the outputs reach no further
    white = diverging_color(0.0, 1.0)
    assert all(max(abs(a - b) for a, b in zip(c.getRgb(), white.getRgb(), strict=True)) <= 4 for c in others)
    assert plot.notice.text == ""


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_outputs_beyond_float32_keep_their_colours_and_beyond_the_axes_say_so(plot, document, qtbot):
    only_the_first_bias(document, qtbot, 1e39, "float64")
    first, *others = heatmap_colours(plot, 7)
    assert first == diverging_color(1.0, 1.0) and first not in others
    assert plot.notice.text == ""

    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(1, "biases", 0, 0, -1e308)
    first, *others = heatmap_colours(plot, 7)
    assert first == diverging_color(-1.0, 1.0) and first not in others
    assert "size up to 1e+308 are beyond ±1e+300" in plot.notice.text


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_outputs_too_close_to_zero_to_draw_apart_are_said_so(plot, document, qtbot):
    only_the_first_bias(document, qtbot, 5e-324, "float64")  # float64's smallest step
    plot.grab()  # a paint: the axes' pixels per unit overflowed and the process died
    assert "within ±1e-300 of 0 (the largest is 4.94e-324)" in plot.notice.text
    low, high = plot.bar_plot.getViewBox().viewRange()[1]
    assert low <= 0 < 1e-300 <= high


def test_a_new_project_with_other_classes_colours_each_bar_at_once(plot, document, qtbot):
    """New selects sample 0 before its trace is announced: the bars were drawn with the last trace's
    colours, one too few, and painting them raised inside Qt (the monkey's seed 6 crashed there)."""
    document.selection.select_sample(5)
    qtbot.wait(10)
    five_classes = document.state.replace(batch=Batch("spiral", 20, 5, 0))
    five_classes = five_classes.replace(layers=(*five_classes.layers[:2], Dense(3, 5), Softmax()))
    document.replace_state(five_classes)  # no event handled between this and the checks
    heights, brushes = plot.bars.opts["height"], plot.bars.opts["brushes"]
    assert len(heights) == len(brushes) == 5
    assert [brush.color() for brush in brushes] == [class_color(c) for c in range(5)]
    plot.grab()  # painted with them


def test_a_batch_taller_than_a_screen_is_pictured_every_kth_sample_each_in_its_place(plot, document, qtbot):
    """5 100 samples in a panel of a few hundred pixels: the painter could show no more than every
    k-th row anyway, so the picture is made of those alone, each drawn k samples tall."""
    with qtbot.waitSignal(document.trace_changed):
        document.set_batch(Batch("spiral", 1700, 3, 0))
    output = engine_trace(document).output
    assert len(output) == 5100 > HEAT_ROWS
    np.testing.assert_array_equal(plot.heatmap.image, output[::3].astype(np.float32))
    rect = plot.heatmap.mapRectToParent(plot.heatmap.boundingRect())
    assert (rect.top(), rect.bottom()) == (-0.5, 5100 - 0.5)
    plot.grab()  # a paint
    assert rendered(plot.heatmap).height() == 1700
    view_box = plot.heat_plot.getViewBox()
    scene_point = view_box.mapViewToScene(QPointF(1, 4242))
    with qtbot.waitSignal(document.selection.sample_changed) as selected:
        qtbot.mouseClick(plot.graphics.viewport(), Qt.MouseButton.LeftButton,
                         pos=plot.graphics.mapFromScene(scene_point))
    assert abs(selected.args[0] - 4242) <= 5100 / plot.heat_plot.getViewBox().height()  # a pixel's worth of rows

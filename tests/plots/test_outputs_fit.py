"""The outputs panel at the size it has at 1280 × 800: value labels that fit their bars, plain
axes, whole-number ticks, titles that say what is shown, a notice that wraps, and zoom."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QFontMetricsF
from shown import show

from nnstudio.document.project_file import load
from nnstudio.plots.outputs_plot import OutputsPlot
from nnstudio.plots.pyqtgraph_private import tick_font

from .conftest import engine_trace

LESSONS = Path(__file__).resolve().parents[2] / "resources" / "lessons"
DOCK_SIZE = (376, 245)  # the Outputs tab in the default layout at 1280 × 800


def open_lesson(document, qtbot, number):
    with qtbot.waitSignal(document.trace_changed):
        document.replace_state(load(next(LESSONS.glob(f"{number}-*.json"))).state)
    qtbot.wait(10)  # the plots lay their new ranges out


@pytest.fixture
def plot(document, qtbot):
    return show(qtbot, OutputsPlot(document), *DOCK_SIZE)


def shown_labels(plot):
    return [label for label in plot.bar_labels if label.isVisible()]


def assert_labels_fit(plot, values):
    """Each shown label reads its bar's value to its decimals, lies inside the plot, beyond its
    bar's end, and touches no other label."""
    plot.grab()  # painted, as a user sees it: pyqtgraph moves a view's items to its new range at the paint
    view_box = plot.bar_plot.getViewBox()
    area = view_box.sceneBoundingRect()
    labels = shown_labels(plot)
    rects = [label.sceneBoundingRect() for label in labels]
    for c, (label, rect) in enumerate(zip(labels, rects, strict=True)):
        text = label.toPlainText()
        decimals = len(text.split(".")[1])
        assert float(text) == pytest.approx(values[c], abs=0.51 * 10 ** -decimals)
        assert area.contains(rect), f"label {text} is clipped"
        end = view_box.mapViewToScene(label.pos()).y()  # the bar's end on screen
        assert (rect.bottom() <= end + 1) if values[c] >= 0 else (rect.top() >= end - 1)
    for i in range(len(rects) - 1):
        assert not rects[i].intersects(rects[i + 1]), "two value labels overlap"


def axis_tick_strings(axis):
    low, high = axis.range
    length = axis.geometry().width() if axis.orientation in ("top", "bottom") else axis.geometry().height()
    values = [v for _, level in axis.tickValues(low, high, length) for v in level]
    return values, axis.tickStrings(values, 1, 1)


def assert_whole_number_ticks_that_fit(axis):
    values, strings = axis_tick_strings(axis)
    assert values, "no ticks at all"
    assert all(float(v).is_integer() for v in values)
    assert strings == [str(int(v)) for v in values]
    if axis.orientation in ("top", "bottom") and len(values) > 1:
        metrics = QFontMetricsF(tick_font(axis))
        pixels_apart = (values[1] - values[0]) * axis.geometry().width() / (axis.range[1] - axis.range[0])
        assert pixels_apart > max(metrics.horizontalAdvance(s) for s in strings)


def test_default_network_labels_fit_and_name_the_prediction(plot, document):
    values = engine_trace(document).output[0]
    assert len(shown_labels(plot)) == 3
    assert_labels_fit(plot, values)
    assert plot.title.text() == "Sample 0 · true class 0 · predicted class 0"


@pytest.mark.parametrize("lesson", [1, 4, 5])
def test_lessons_without_a_softmax_get_plain_fitting_labels_and_no_prediction(plot, document, qtbot, lesson):
    open_lesson(document, qtbot, lesson)
    output = engine_trace(document).output
    assert_labels_fit(plot, output[0])
    assert len(shown_labels(plot)) == output.shape[1]  # there is room for every one of them
    assert plot.title.text() == "Sample 0 · outputs"
    for axis in (plot.bar_plot.getAxis("left"), plot.colour_bar.getAxis("right")):
        assert axis.autoSIPrefixScale == 1.0 and "x0" not in axis.labelString()
    low, high = plot.bar_plot.getViewBox().viewRange()[1]
    assert low <= min(0, output.min()) and high >= max(0, output.max())
    for plot_item, names in ((plot.bar_plot, ("bottom",)), (plot.heat_plot, ("bottom", "left"))):
        for name in names:
            assert_whole_number_ticks_that_fit(plot_item.getAxis(name))


def test_one_sample_with_one_output_is_not_drawn_on_a_tiny_range(plot, document, qtbot):
    open_lesson(document, qtbot, 1)
    value = float(engine_trace(document).output[0, 0])
    low, high = plot.bar_plot.getViewBox().viewRange()[1]
    assert low == pytest.approx(0, abs=0.05 * value)  # nothing negative to show: no room wasted below 0
    assert value < high < 1.5 * value
    values, _ = axis_tick_strings(plot.heat_plot.getAxis("left"))
    assert values == [0]


def test_the_negative_output_of_lesson_5_is_labelled_below_its_bar(plot, document, qtbot):
    open_lesson(document, qtbot, 5)
    values = engine_trace(document).output[0]
    lowest = int(np.argmin(values))
    assert values[lowest] < 0
    label = plot.bar_labels[lowest]
    # shown once the bars' new range is laid out: the fixed wait in open_lesson was too short for
    # it once in a full run on a loaded machine
    qtbot.waitUntil(label.isVisible)
    assert float(label.toPlainText()) == pytest.approx(values[lowest], abs=0.0006)


def test_many_classes_in_a_narrow_panel_leave_labels_out_and_list_values_on_hover(document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.set_neurons(2, 40)  # the last Dense: 40 classes
    plot = show(qtbot, OutputsPlot(document), *DOCK_SIZE)
    values = engine_trace(document).output[0]
    assert_labels_fit(plot, values)
    tooltip = plot.bar_plot.getViewBox().toolTip()
    assert all(f"class {c}: {v:.6g}" in tooltip for c, v in enumerate(values))
    assert_whole_number_ticks_that_fit(plot.heat_plot.getAxis("bottom"))


def test_an_empty_network_has_no_title_and_a_notice_wrapped_to_the_panel(plot, document, qtbot):
    for _ in range(4):
        with qtbot.waitSignal(document.trace_changed):
            document.remove_layer(0)
    assert plot.title.text() == ""
    assert plot.notice.text == document.why_no_trace.text != ""
    assert plot.notice.item.sceneBoundingRect().right() <= plot.graphics.width()


def test_zoom_enlarges_ticks_axis_labels_and_value_labels(plot, document):
    tick_before = tick_font(plot.bar_plot.getAxis("bottom")).pointSizeF()
    label_before = plot.bar_labels[0].textItem.font().pointSizeF()
    plot.apply_zoom(4)
    assert plot.bar_plot.getAxis("bottom").style["tickFont"].pointSizeF() == tick_before + 4
    assert plot.heat_plot.getAxis("left").style["tickFont"].pointSizeF() == tick_before + 4
    assert plot.bar_plot.getAxis("left").labelStyle["font-size"] == f"{tick_before + 4:g}pt"
    assert plot.bar_labels[0].textItem.font().pointSizeF() > label_before or not shown_labels(plot)
    assert_labels_fit(plot, engine_trace(document).output[0])


def test_the_plots_take_the_panel_again_after_an_empty_network(plot, document, qtbot):
    height = plot.bar_plot.geometry().height()
    for _ in range(4):
        with qtbot.waitSignal(document.trace_changed):
            document.remove_layer(0)
    with qtbot.waitSignal(document.trace_changed):
        document.add_layer("Dense")
    qtbot.wait(10)  # the layout settles
    for plot_item in (plot.bar_plot, plot.heat_plot):
        assert plot_item.geometry().height() == pytest.approx(height, abs=1)


def test_without_a_softmax_the_axes_say_output_and_a_zero_label_has_no_minus(plot, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.remove_layer(3)  # the Softmax: the outputs are not class probabilities
    for plot_item in (plot.bar_plot, plot.heat_plot):
        assert plot_item.getAxis("bottom").labelText == "output"
    assert "output 0:" in plot.bar_plot.getViewBox().toolTip()
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows([[1.0, 0.0]], [0], "one row")
    with qtbot.waitSignal(document.trace_changed):
        document.paste_parameters(1, "weights", 0, 0, np.array([[1.0, 0.0, -0.0001], [0, 0, 0], [0, 0, 0]]))
    with qtbot.waitSignal(document.trace_changed):
        document.paste_parameters(0, "weights", 0, 0, np.array([[1.0, 0.0, 0.0], [0, 0, 0]]))
    values = engine_trace(document).output[0]
    assert values[2] < 0 and round(values[2], 3) == 0
    texts = [label.toPlainText() for label in shown_labels(plot)]
    assert texts[2].strip("0.") == "", texts  # reads as zero: "0.000", never "-0.000"


def test_labels_that_cannot_fit_are_not_made_and_come_back_when_the_bars_widen(plot, document, qtbot):
    values = engine_trace(document).output[0]
    assert len(shown_labels(plot)) == len(values)
    plot.resize(70, DOCK_SIZE[1])  # bars a few pixels wide
    qtbot.waitUntil(lambda: plot.bar_labels == [])
    plot.resize(*DOCK_SIZE)
    qtbot.waitUntil(lambda: len(plot.bar_labels) == len(values))
    assert_labels_fit(plot, values)
    assert len(shown_labels(plot)) == len(values)

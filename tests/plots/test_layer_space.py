"""The Layer space panel: the batch in a layer's coordinates, with the input grid carried through."""

import warnings

import numpy as np
import pytest
from paints import PaintCounter
from PySide6.QtCore import Qt
from shown import show

from nnstudio.engine.layer_space import Projection, grid_lines
from nnstudio.plots.layer_space import GRID_LINES, LINE_POINTS, LayerSpace

from .conftest import edit_weight


@pytest.fixture
def panel(document, qtbot):
    return show(qtbot, LayerSpace(document), 520, 420)


def shown_points(panel):
    return panel.points


def choose(qtbot, box, data):
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentData() != data:
        qtbot.keyClick(box, Qt.Key.Key_Down)


def test_it_opens_on_the_last_hidden_layer_along_its_principal_directions(panel, document):
    assert panel.layer_box.currentText() == "ReLU 1"
    X, _ = document.data
    outputs = document.state.network().trace(X).layer_output(1)
    expected = Projection(outputs)(outputs)
    x, y = shown_points(panel)
    assert np.allclose(x, expected[0]) and np.allclose(y, expected[1])
    assert panel.plot_item.getAxis("bottom").labelText == "ReLU 1: principal direction 1"


def test_two_chosen_neurons_and_the_grid_lines_as_that_layer_sees_them(panel, document, qtbot):
    choose(qtbot, panel.layer_box, 2)  # Dense 2
    choose(qtbot, panel.axes_box, "neurons")
    panel.x_neuron.setValue(2)
    panel.y_neuron.setValue(0)
    X, _ = document.data
    outputs = document.state.network().trace(X).layer_output(2)
    x, y = shown_points(panel)
    assert np.array_equal(x, outputs[:, 2]) and np.array_equal(y, outputs[:, 0])
    line_x, line_y = panel.lines.getData()
    assert len(line_x) == 2 * GRID_LINES * LINE_POINTS
    low, high = X.min(axis=0), X.max(axis=0)
    line = grid_lines((low[0], high[0]), (low[1], high[1]), GRID_LINES, LINE_POINTS)[:LINE_POINTS]
    first = document.state.network().trace(line).layer_output(2)
    assert np.allclose(line_x[:LINE_POINTS], first[:, 2])
    joins = panel.lines.opts["connect"]
    assert joins[LINE_POINTS - 2] == 1 and joins[LINE_POINTS - 1] == 0  # a line ends without a jump to the next
    assert panel.plot_item.getAxis("left").labelText == "Dense 2: neuron 0"


def test_it_follows_the_training_weights_and_says_when_there_is_nothing_to_see(panel, document, qtbot):
    before = shown_points(panel)[0].copy()
    document.set_parameter(0, "weights", 0, 0, 3.0)
    qtbot.waitUntil(lambda: not np.array_equal(shown_points(panel)[0], before))
    outputs = document.state.network().trace(document.data[0]).layer_output(1)
    x, y = Projection(outputs)(outputs)
    for c, item in enumerate(panel.class_points.items):  # each class's points moved to where the layer puts them
        chosen = document.data[1] == c
        np.testing.assert_allclose(item.getData(), (x[chosen], y[chosen]))
    for _ in range(len(document.layers)):
        document.remove_layer(0)
    qtbot.waitUntil(lambda: panel.notice.item.isVisible())
    assert "no layers" in panel.notice.item.toPlainText()
    assert len(shown_points(panel)[0]) == 0


def test_a_layer_whose_exponentials_overflow_is_drawn_without_a_warning(panel, document, qtbot):
    from nnstudio.engine import Sigmoid

    dense1, _relu, dense2, softmax = document.layers
    big = dense1.copy()
    big.weights = dense1.weights * 1e5  # ReLU's inputs in the hundreds: a Sigmoid's e^−x overflows
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        document.replace_state(document.state.replace(layers=(big, Sigmoid(), dense2, softmax)))
        qtbot.waitUntil(lambda: panel.layer_box.itemText(1) == "Sigmoid 1")
        choose(qtbot, panel.layer_box, 1)
    assert len(shown_points(panel)[0]) == 300


def test_the_range_holds_still_while_the_points_stay_inside_and_fill_a_quarter_of_it():
    from nnstudio.plots.layer_space import KEPT_FILL, MARGIN, steady_range

    shown = (-1.0, 3.0)
    assert steady_range(shown, np.array([0.0, 1.0])) == shown  # inside, a quarter across
    assert steady_range(shown, np.array([0.0, 2.5, 3.5])) == (-1.0, 3.5 + 3.5 * MARGIN)  # grown to take it in
    narrow = np.array([0.0, 4 * KEPT_FILL - 0.01])  # inside, less than a quarter across
    assert steady_range(shown, narrow) == pytest.approx((-0.1 * narrow[1], 1.1 * narrow[1]))
    assert steady_range(shown, np.array([5.0])) == (4.5, 5.5)  # a single value: a unit span around it


def test_the_view_fits_the_points_once_the_edits_stop(panel, document, qtbot):
    view = panel.plot_item.getViewBox()
    qtbot.waitUntil(lambda: not panel._settle.isActive())
    x, _ = panel.points
    before = view.viewRange()
    dense1 = document.layers[0]
    document.set_parameter(0, "weights", 0, 0, float(dense1.weights[0, 0]) * 1.05)
    qtbot.waitUntil(lambda: not np.array_equal(panel.points[0], x))
    assert view.viewRange() == before  # the axes hold still under a small change
    qtbot.waitUntil(lambda: not panel._settle.isActive())
    line_x, _ = panel.line_points
    drawn = np.concatenate([panel.points[0], line_x])
    span = drawn.max() - drawn.min()
    assert view.viewRange()[0] == pytest.approx([drawn.min() - 0.1 * span, drawn.max() + 0.1 * span])


def test_a_weight_edit_moves_the_points_and_leaves_the_neuron_boxes_unpainted(panel, document, qtbot):
    """The layer keeps its width, so the boxes choosing its neurons need not be drawn again."""
    choose(qtbot, panel.axes_box, "neurons")
    assert panel.x_neuron.isVisible() and panel.y_neuron.isVisible()
    qtbot.wait(50)  # the boxes' first paint, now they are shown
    before = np.array(shown_points(panel))
    viewport = panel.plot_widget.viewport()
    with PaintCounter(panel.x_neuron) as x_box, PaintCounter(panel.y_neuron) as y_box, \
            PaintCounter(viewport) as plot:
        edit_weight(qtbot, document, 0, 0, 0, 0.75)
        qtbot.waitUntil(lambda: plot.count > 0)
    assert not np.array_equal(np.array(shown_points(panel)), before)
    assert (x_box.count, y_box.count) == (0, 0)


def test_in_a_narrow_dock_every_control_is_whole_and_the_neuron_boxes_only_choose_neurons(document, qtbot):
    """At the default dock's width the boxes take a second line rather than showing "euron (";
    along principal directions there is no neuron to choose, so no box asks for one."""
    panel = show(qtbot, LayerSpace(document), 290, 300)
    assert not panel.x_neuron.isVisible() and not panel.y_neuron.isVisible()
    choose(qtbot, panel.axes_box, "neurons")
    qtbot.wait(10)  # the layout runs from a posted event
    controls = (panel.layer_box, panel.axes_box, panel.x_neuron, panel.y_neuron)
    assert all(box.isVisible() for box in controls)
    for box in controls:
        assert box.width() >= box.sizeHint().width()
        assert box.geometry().right() < panel.width() and not box.geometry().intersects(panel.plot_widget.geometry())
    choose(qtbot, panel.axes_box, "principal")
    assert not panel.x_neuron.isVisible() and not panel.y_neuron.isVisible()


def test_two_of_its_neurons_starts_at_the_layers_first_two(panel, document, qtbot):
    """Not neuron 0 against itself (a diagonal line that shows nothing), for each layer chosen."""
    X, _ = document.data
    for index in (1, 2):
        choose(qtbot, panel.layer_box, index)
        choose(qtbot, panel.axes_box, "neurons")
        assert (panel.x_neuron.value(), panel.y_neuron.value()) == (0, 1)
        outputs = document.state.network().trace(X).layer_output(index)
        x, y = shown_points(panel)
        assert np.array_equal(x, outputs[:, 0]) and np.array_equal(y, outputs[:, 1])
        assert panel.plot_item.getAxis("left").labelText.endswith("neuron 1")
        panel.y_neuron.setValue(2)

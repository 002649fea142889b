"""The Loss along weight panel: the curve around the selected weight, its tangent, the gradient check,
and a drag that sets the weight."""

import numpy as np
import pytest
from shown import show

from nnstudio.document import Batch
from nnstudio.document.selection import ParameterCell
from nnstudio.plots.loss_along_weight import PICK_A_WEIGHT, LossAlongWeight


@pytest.fixture
def panel(qtbot, document):
    return show(qtbot, LossAlongWeight(document), 500, 400)


def test_without_a_selected_weight_it_asks_for_one(panel):
    assert panel.notice.item.isVisible() and panel.notice.item.textItem.toPlainText() == PICK_A_WEIGHT().text
    assert not panel.curve.isVisible()


def test_the_curve_passes_through_the_loss_with_the_backward_passs_slope(panel, document, qtbot):
    with qtbot.waitSignal(document.selection.parameter_changed):
        document.selection.select_parameter(ParameterCell(1, "weights", 2, 0))
    cell, values, losses, analytic, numerical = panel.shown
    middle = len(values) // 2
    assert values[middle] == document.dense(1).weights[2, 0]
    assert np.isclose(losses[middle], document.trace.loss, rtol=1e-6)
    network = document.state.network()
    network.backward(*document.data)
    assert analytic == network.layers[2].dweights[2, 0]
    xs, ys = panel.tangent.getData()
    assert np.isclose((ys[1] - ys[0]) / (xs[1] - xs[0]), analytic)
    assert "Dense 2's weight [2, 0]" in panel.title.text()
    assert "they agree" in panel.check_label.text()
    assert abs(numerical - analytic) < 1e-4 * abs(analytic)


def test_dropping_the_point_sets_the_weight_in_one_undo_step(panel, document, qtbot):
    document.selection.select_parameter(ParameterCell(0, "biases", 0, 1))
    qtbot.waitUntil(lambda: panel.shown is not None)
    steps = document.undo_stack.count()
    panel.point.setPos(0.25, 1.0)
    panel.point.sigPositionChangeFinished.emit(panel.point)  # what pyqtgraph emits when a drag ends
    assert document.dense(0).biases[0, 1] == np.float32(0.25)
    assert document.undo_stack.count() == steps + 1
    qtbot.waitUntil(lambda: panel.shown[1][len(panel.shown[1]) // 2] == np.float32(0.25))


def test_a_batch_without_labels_says_why_there_is_no_gradient(panel, document, qtbot):
    document.selection.select_parameter(ParameterCell(0, "weights", 0, 0))
    document.set_batch(Batch("hand", hand_X=np.zeros((2, 2)), hand_y=None), "no labels")
    qtbot.waitUntil(lambda: panel.shown is None)
    assert "labels" in panel.notice.item.textItem.toPlainText()


def test_a_tangent_over_a_sweep_past_the_largest_float_is_not_finite_and_warns_of_nothing():
    import warnings

    from nnstudio.plots.loss_along_weight import sweep_half_width, tangent_points

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xs, ys = tangent_points(1e308, 1.0, 0.0, sweep_half_width(1e308))
    assert not np.isfinite(xs).all() and not np.isfinite(ys).all()


def test_a_large_sweep_runs_off_the_gui_thread_says_so_and_is_drawn_when_done(panel, document, qtbot,
                                                                              monkeypatch):
    from nnstudio.plots import loss_along_weight

    monkeypatch.setattr(loss_along_weight, "SWEEP_AT_ONCE", 0)  # every sweep counts as large
    document.selection.select_parameter(ParameterCell(1, "weights", 2, 0))
    assert panel.shown is None and not panel.curve.isVisible()  # the window goes on at once
    assert "Computing the loss at 81 values" in panel.notice.item.textItem.toPlainText()
    document.set_parameter(1, "weights", 2, 0, 0.5)  # an edit meanwhile: the first sweep is dropped
    qtbot.waitUntil(lambda: panel.shown is not None, timeout=10_000)
    cell, values, losses, _analytic, _numerical = panel.shown
    assert cell == ParameterCell(1, "weights", 2, 0) and values[len(values) // 2] == np.float32(0.5)
    assert np.isclose(losses[len(values) // 2], document.trace.loss, rtol=1e-6)
    assert panel.curve.isVisible() and not panel.notice.item.isVisible()

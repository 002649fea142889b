"""Regularize… (Weights panel): a Dense's L1 and L2 penalties, in one undo step, shown in its caption,
in the status bar's loss and in its gradients."""

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from shown import show

from nnstudio.engine.loss import regularization_loss
from nnstudio.widgets.loss_summary import LossSummary
from nnstudio.widgets.parameter_editor import ParametersPanel


@pytest.fixture
def panel(document, qtbot):
    return show(qtbot, ParametersPanel(document), 620, 700)


def test_the_dialog_sets_the_penalties_in_one_undo_step(panel, document, qtbot):
    editor = panel.editors[0]
    def answer():
        shown = QApplication.activeModalWidget()
        assert [box.value() for box in shown.boxes] == [0, 0, 0, 0]
        shown.boxes[1].setValue(5e-4)
        shown.boxes[3].setValue(5e-4)
        shown.accept()

    QTimer.singleShot(0, answer)
    editor.regularize_button.click()
    assert document.dense(0).regularizers == (0, 5e-4, 0, 5e-4)
    assert "regularized: weight L2 0.0005, bias L2 0.0005" in editor.caption.text()
    assert document.undo_stack.undoText() == "Regularize Dense 1: weight L2 0.0005, bias L2 0.0005"
    document.undo_stack.undo()
    assert document.dense(0).regularizers == (0, 0, 0, 0) and "regularized" not in editor.caption.text()


def test_the_loss_shows_data_and_penalty(document, qtbot):
    summary = show(qtbot, LossSummary(document), 500, 40)
    with qtbot.waitSignal(document.trace_changed):
        document.set_regularizers(0, (0.0, 0.01, 0.0, 0.0))
    trace = document.trace
    penalty = regularization_loss(document.dense(0))
    assert trace.regularization_loss == penalty and penalty > 0
    assert f"(data {trace.loss:.4f} + regularization {penalty:.4f})" in summary.text()


def test_a_penalty_out_of_range_is_refused_and_the_old_kept(document):
    said = []
    document.message_posted.connect(lambda message: said.append(message.text))
    assert not document.set_regularizers(1, (0.0, -1.0, 0.0, 0.0))
    assert not document.set_regularizers(1, (np.nan, 0.0, 0.0, 0.0))
    assert document.dense(1).regularizers == (0, 0, 0, 0)
    assert "weight L2 of -1 is outside 0 … 1 — it stays 0" in said[0]


def test_the_gradient_on_a_weight_includes_its_penalty(document, qtbot):
    document.set_regularizers(1, (0.0, 0.5, 0.0, 0.0))
    walk = document.walk
    index = next(i for i, step in enumerate(walk.steps) if step.label.startswith("Dense 2: dweights"))
    explanation = walk.explain(index, 0, 1, document.data[1])
    assert "+ 2 × 0.5 × " in explanation.formulas[0].shown
    assert any("regularization" in note for note in explanation.notes)

"""The explanation panel follows the selected cell and every edit."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip
from shown import show

from nnstudio.document import Batch, Document, State, spiral_classifier
from nnstudio.engine import Dense
from nnstudio.widgets.explanation import HINT, ExplanationPanel
from nnstudio.widgets.stepper import StepperPanel


def dense(weights, biases):
    layer = Dense(*np.shape(weights))
    layer.weights = np.array(weights, dtype=np.float64)
    layer.biases = np.array(biases, dtype=np.float64)
    return layer


def hand_document(X, weights, biases):
    """A hand batch through one Dense in float64 (the notebook's first cells)."""
    batch = Batch("hand", hand_X=np.array(X, dtype=np.float64), hand_y=np.zeros(len(X), dtype=np.int64))
    return Document(State(layers=(dense(weights, biases),), numerics="float64", batch=batch))


@pytest.fixture
def panels(qtbot):
    """Returns a function building a stepper and an explanation panel over a document."""

    def build(document):
        stepper = StepperPanel(document)
        explanation = ExplanationPanel(document, stepper)
        for widget in (stepper, explanation):
            show(qtbot, widget, 700, 400)
        return stepper, explanation

    return build


def click_cell(qtbot, stepper, row, column):
    rect = stepper.view.visualRect(stepper.view.model().index(row, column))
    qtbot.mouseClick(stepper.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def shown_formulas(explanation):
    return [label.text() for label in explanation.formula_labels if not label.isHidden()]


def test_the_notebooks_first_neuron_reads_4_8(qtbot, panels):
    document = hand_document([[1, 2, 3, 2.5]], [[0.2], [0.8], [-0.5], [1.0]], [[2.0]])
    stepper, explanation = panels(document)
    qtbot.mouseClick(stepper.buttons[stepper.reset_action], Qt.MouseButton.LeftButton)
    click_cell(qtbot, stepper, 0, 0)
    assert shown_formulas(explanation)[0] == "1.0×0.2 + 2.0×0.8 + 3.0×(−0.5) + 2.5×1.0 = 2.8"
    qtbot.mouseClick(stepper.buttons[stepper.step_action], Qt.MouseButton.LeftButton)
    formulas = shown_formulas(explanation)
    assert formulas[0] == "1.0×0.2 + 2.0×0.8 + 3.0×(−0.5) + 2.5×1.0 + 2.0 = 4.8"
    assert formulas[1] == "2.8 + 2.0 = 4.8"
    assert explanation.title_label.text() == "Dense 1: + biases — sample 0, neuron 0"
    assert stepper.shape_label.text() == "1×1  (1 sample × 1 neuron)"


def test_an_edit_updates_the_explanation(qtbot, panels):
    document = hand_document([[1, 2, 3, 2.5]], [[0.2], [0.8], [-0.5], [1.0]], [[2.0]])
    stepper, explanation = panels(document)
    click_cell(qtbot, stepper, 0, 0)
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(0, "biases", 0, 0, 3.0)
    assert document.selection.step == 1
    assert shown_formulas(explanation)[0] == "1.0×0.2 + 2.0×0.8 + 3.0×(−0.5) + 2.5×1.0 + 3.0 = 5.8"


def test_selecting_another_cell_explains_it(qtbot, panels):
    document = Document()  # the notebook's spiral network
    stepper, explanation = panels(document)
    document.selection.select_step(2)  # ReLU 1
    click_cell(qtbot, stepper, 3, 2)
    before = document.trace.steps[2].inputs[3, 2]
    assert explanation.title_label.text() == "ReLU 1 — sample 3, neuron 2"
    assert shown_formulas(explanation)[0].startswith("max(0, " + f"{before:.4g}".replace("-", "−") + ")")
    assert explanation.explanation.value == document.trace.steps[2].output[3, 2]


def test_a_long_sum_is_shortened_with_the_whole_sum_on_hover(qtbot, panels):
    rng = np.random.default_rng(3)
    document = hand_document(rng.normal(size=(2, 12)), rng.normal(size=(12, 2)), [[0.0, 1.0]])
    stepper, explanation = panels(document)
    click_cell(qtbot, stepper, 1, 1)
    label = explanation.formula_labels[0]
    assert "…" in label.text()
    assert label.text().count("×") == 4
    QApplication.sendEvent(label, QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), label.mapToGlobal(QPoint(5, 5))))
    assert QToolTip.isVisible()
    assert QToolTip.text().count("×") == 12
    assert "Hover" in explanation.notes_label.text()


def test_a_sum_of_thousands_of_terms_gets_a_bounded_tooltip_and_opens_whole_on_a_click(qtbot, panels):
    document = Document(spiral_classifier().replace(batch=Batch("spiral", 1000, 3, 0)))
    stepper, explanation = panels(document)
    document.selection.select_step(document.trace.forward_end)  # the loss: the mean of 3 000 losses
    click_cell(qtbot, stepper, 0, 0)
    label = next(label for label in explanation.formula_labels if label.isVisible() and "…" in label.text())
    QApplication.sendEvent(label, QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), label.mapToGlobal(QPoint(5, 5))))
    assert QToolTip.isVisible() and len(QToolTip.text()) < 1500
    assert "characters more: click the sum to read them" in QToolTip.text()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    window = explanation.sum_window
    qtbot.waitUntil(window.isVisible)
    whole = window.findChild(QTextBrowser).toPlainText()
    assert whole.count("+") >= 2999 and whole.endswith(label.text().rsplit("= ", 1)[1])
    window.reject()


def test_copy_explanation_puts_every_term_of_a_shortened_sum_on_the_clipboard(qtbot, panels):
    rng = np.random.default_rng(3)
    document = hand_document(rng.normal(size=(2, 12)), rng.normal(size=(12, 2)), [[0.0, 1.0]])
    stepper, explanation = panels(document)
    click_cell(qtbot, stepper, 1, 1)
    assert explanation.copy_action in explanation.actions()  # on the panel's right-click menu
    explanation.activateWindow()
    qtbot.waitUntil(explanation.isActiveWindow)
    qtbot.mouseClick(explanation.title_label, Qt.MouseButton.LeftButton)  # a click on the sum opens it
    focused = QApplication.focusWidget()
    assert focused is explanation or explanation.isAncestorOf(focused)
    qtbot.keySequence(focused, QKeySequence.StandardKey.Copy)
    copied = QApplication.clipboard().text()
    assert copied.startswith(explanation.title_label.text())
    assert copied.count("×") >= 12 and "…" not in copied.splitlines()[2]
    assert all(note in copied for note in explanation.explanation.notes)
    assert "Hover" in explanation.notes_label.text() and "Hover" not in copied  # every term is there


def test_without_a_selection_or_a_trace_it_says_what_to_do(qtbot):
    document = Document(State(layers=()))
    explanation = ExplanationPanel(document)
    qtbot.addWidget(explanation)
    assert explanation.title_label.text() == document.why_no_trace.text
    assert explanation.explanation is None
    explanation = ExplanationPanel(Document())
    qtbot.addWidget(explanation)
    assert explanation.title_label.text() == HINT


def test_the_title_follows_the_zoom_in_bold_and_the_formulas_stay_larger(panels):
    _, explanation = panels(Document())
    for points in (6, -2, 0):
        font = QApplication.font()
        font.setPointSize(font.pointSize() + points)
        explanation.setFont(font)  # as the window zooms a panel
        title = explanation.title_label.font()
        assert title.pointSizeF() == font.pointSizeF() and title.bold()
        assert all(label.font().pointSizeF() > title.pointSizeF() for label in explanation.formula_labels)

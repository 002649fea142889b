"""The layer stack panel, driven as a user drives it: buttons, keys, the in-place editor, the menu."""

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QSpinBox
from shown import show

from nnstudio.document.messages import Severity
from nnstudio.document.palette import SEVERITY_COLORS
from nnstudio.engine import Dense
from nnstudio.widgets.layer_stack import LayerStackPanel


@pytest.fixture
def panel(document, qtbot, qtmodeltester):
    panel = show(qtbot, LayerStackPanel(document), 320, 400)
    qtmodeltester.check(panel.model)
    return panel


def shown(panel):
    """The text of every row of the list, as the view shows it."""
    model = panel.view.model()
    return [model.index(row).data() for row in range(model.rowCount())]


def kinds(document):
    return [layer.kind for layer in document.layers]


def click_row(panel, qtbot, row):
    rect = panel.view.visualRect(panel.model.index(row))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_add_buttons_insert_after_the_selected_layer(panel, document, qtbot):
    qtbot.mouseClick(panel.buttons["Add Dense"], Qt.MouseButton.LeftButton)  # nothing selected: before the Softmax
    assert kinds(document) == ["Dense", "ReLU", "Dense", "Dense", "Softmax"]
    assert shown(panel)[4].startswith("Dense 3") and "3→3" in shown(panel)[4]
    click_row(panel, qtbot, 1)  # Dense 1
    qtbot.mouseClick(panel.buttons["Add ReLU"], Qt.MouseButton.LeftButton)
    assert kinds(document) == ["Dense", "ReLU", "ReLU", "Dense", "Dense", "Softmax"]
    assert panel.view.currentIndex().row() == 2  # the new layer is selected
    click_row(panel, qtbot, 0)  # the batch row: insert before every layer
    qtbot.mouseClick(panel.buttons["Add Softmax"], Qt.MouseButton.LeftButton)
    assert kinds(document)[0] == "Softmax"
    assert shown(panel)[1].startswith("Softmax 1") and shown(panel)[1].endswith("300×2")


def test_adding_a_dense_after_a_resized_layer_takes_its_width(panel, document, qtbot):
    document.set_neurons(2, 5)
    click_row(panel, qtbot, 3)  # Dense 2, now 3→5
    qtbot.mouseClick(panel.buttons["Add Dense"], Qt.MouseButton.LeftButton)
    assert document.layers[3].weights.shape == (5, 3)
    assert "5→3" in shown(panel)[4]


def test_keys_move_and_remove_the_selected_layer(panel, document, qtbot):
    click_row(panel, qtbot, 2)  # ReLU 1
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert kinds(document) == ["Dense", "Dense", "ReLU", "Softmax"]
    assert panel.view.currentIndex().row() == 3
    assert shown(panel)[2].startswith("Dense 2") and "3→3" in shown(panel)[2]
    qtbot.keyClick(panel.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert kinds(document) == ["Dense", "ReLU", "Dense", "Softmax"]
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert kinds(document) == ["Dense", "Dense", "Softmax"]
    assert panel.view.currentIndex().row() == 2  # the next layer takes the selection
    assert document.undo_stack.count() == 3


def test_move_buttons_follow_the_selection(panel, qtbot):
    assert not panel.buttons["Remove layer"].isEnabled()
    click_row(panel, qtbot, 1)
    assert panel.buttons["Remove layer"].isEnabled()
    assert not panel.buttons["Move layer up"].isEnabled() and panel.buttons["Move layer down"].isEnabled()
    click_row(panel, qtbot, 4)
    assert panel.buttons["Move layer up"].isEnabled() and not panel.buttons["Move layer down"].isEnabled()
    click_row(panel, qtbot, 0)
    assert not panel.buttons["Remove layer"].isEnabled()


def edit_in_place(panel, qtbot, row, text, editor_type):
    """Open the in-place editor of ``row`` (an ``editor_type``), type ``text`` over its value and press Enter."""
    index = panel.model.index(row)
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, editor_type)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.view.state() != QAbstractItemView.State.EditingState)  # commits queued


def test_editing_the_neuron_count_in_place_resizes_and_undo_restores_the_bits(panel, document, qtbot):
    before = [(layer.weights.copy(), layer.biases.copy()) for layer in document.layers if isinstance(layer, Dense)]
    edit_in_place(panel, qtbot, 1, "5", QSpinBox)
    assert "2→5" in shown(panel)[1] and shown(panel)[1].endswith("300×5")
    assert "5→3" in shown(panel)[3]  # Dense 2 adapted to its new input width
    assert np.array_equal(document.layers[0].weights[:, :3], before[0][0])
    assert np.array_equal(document.layers[2].weights[:3], before[1][0])
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    after = [(layer.weights, layer.biases) for layer in document.layers if isinstance(layer, Dense)]
    for (w0, b0), (w1, b1) in zip(before, after, strict=True):
        assert w0.dtype == w1.dtype and np.array_equal(w0, w1) and np.array_equal(b0, b1)
    assert "2→3" in shown(panel)[1]


def test_a_neuron_count_out_of_range_keeps_the_old_one_and_says_why(panel, document, qtbot):
    with qtbot.waitSignal(document.message_posted) as message:
        edit_in_place(panel, qtbot, 3, "0", QSpinBox)
    assert "keeps 3" in message.args[0].text
    assert document.layers[2].n_neurons == 3 and "3→3" in shown(panel)[3]


def test_a_stack_that_cannot_run_says_why_in_a_sentence(panel, document, qtbot):
    assert panel.problem_label.isHidden()
    click_row(panel, qtbot, 1)
    for _ in range(4):
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert document.layers == ()
    qtbot.waitUntil(lambda: panel.problem_label.isVisible())
    text = panel.problem_label.text()
    assert text == document.why_no_trace.text and text.endswith(".") and "Traceback" not in text
    assert shown(panel) == ["batch   300×2"]
    qtbot.mouseClick(panel.buttons["Add Dense"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.problem_label.text() != text)


def test_the_context_menu_offers_the_panels_actions(panel):
    offered = [action for action in panel.context_menu().actions() if not action.isSeparator()]
    texts = [action.text() for action in offered]
    assert texts == ["Add Dense", "Add ReLU", "Add Softmax", "Add Leaky ReLU", "Add Sigmoid", "Add Tanh", "Add Linear",
                     "Add Dropout",
                     "Set &neurons…", "Remove layer", "Move layer up", "Move layer down"]
    assert all(action in panel.actions() for action in offered)


def test_the_sentence_under_the_stack_is_coloured_by_its_severity(panel, document, qtbot):
    def colour():
        return panel.problem_label.palette().color(QPalette.ColorRole.WindowText)

    text_colour = panel.palette().color(QPalette.ColorRole.WindowText)
    with qtbot.waitSignal(document.trace_changed):
        document.remove_layer(3)  # the Softmax: no loss, a hint
    assert "not a Softmax" in panel.problem_label.text() and colour() == text_colour
    with qtbot.waitSignal(document.trace_changed):
        document.add_layer("Softmax")
        document.set_hand_rows([[0.1, 0.2], [0.3, 0.4]], [0, 7], "Type two rows")  # a label the output lacks
    assert "Label 7" in panel.problem_label.text() and colour() == SEVERITY_COLORS[Severity.WARNING]
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(np.zeros((0, 2)), np.zeros(0, dtype=np.int64), "Clear the rows")
    assert document.trace is None
    assert panel.problem_label.text() == document.why_no_trace.text and colour() == SEVERITY_COLORS[Severity.ERROR]


def test_the_other_activations_are_under_the_more_button(panel, document, qtbot):
    menu = panel.more_button.menu()
    assert [action.text() for action in menu.actions()] == ["Add Leaky ReLU", "Add Sigmoid", "Add Tanh", "Add Linear",
                                                            "Add Dropout"]
    click_row(panel, qtbot, 1)  # Dense 1
    menu.actions()[1].trigger()  # as chosen from the button's menu
    assert kinds(document) == ["Dense", "Sigmoid", "ReLU", "Dense", "Softmax"]
    assert shown(panel)[2].startswith("Sigmoid 1")
    assert "1 / (1 + e^−x)" in panel.model.index(2).data(Qt.ItemDataRole.ToolTipRole)


def test_a_dropout_from_the_more_menu_changes_nothing_outside_training_and_its_rate_is_edited_in_place(
        panel, document, qtbot):
    loss = document.trace.loss
    click_row(panel, qtbot, 2)  # ReLU 1
    dropout_action = next(a for a in panel.more_button.menu().actions() if a.text() == "Add Dropout")
    dropout_action.trigger()
    assert kinds(document) == ["Dense", "ReLU", "Dropout", "Dense", "Softmax"]
    assert shown(panel)[3].startswith("Dropout 1") and shown(panel)[3].endswith("rate 0.1  → 300×3")
    assert "Double-click to change the rate" in panel.model.index(3).data(Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: document.trace is not None and document.trace.loss == loss)  # off outside training
    assert "Dropout 1: × mask (training)" in [step.label for step in document.walk.steps]
    edit_in_place(panel, qtbot, 3, "0.25", QLineEdit)
    assert document.layers[2].rate == 0.25 and shown(panel)[3].endswith("rate 0.25  → 300×3")
    for bad in ("1", "-0.1", "half"):
        with qtbot.waitSignal(document.message_posted) as message:
            edit_in_place(panel, qtbot, 3, bad, QLineEdit)
        assert f"'{bad}' is not a Dropout rate" in message.args[0].text and "keeps 0.25" in message.args[0].text
        assert document.layers[2].rate == 0.25
    document.undo_stack.undo()
    assert document.layers[2].rate == 0.1 and shown(panel)[3].endswith("rate 0.1  → 300×3")


def test_set_neurons_from_the_menu_asks_and_resizes_the_selected_dense(panel, document, qtbot):
    click_row(panel, qtbot, 3)  # Dense 2
    assert panel.neurons_action.isEnabled()
    asked = []

    def answer():
        dialog = QApplication.activeModalWidget()
        asked.append(dialog.labelText())
        dialog.setIntValue(6)
        dialog.accept()

    QTimer.singleShot(0, answer)
    next(a for a in panel.context_menu().actions() if a.text() == "Set &neurons…").trigger()
    assert asked == ["Neurons of Dense 2 (1 to 512):"]
    assert document.layers[2].n_neurons == 6 and "3→6" in shown(panel)[3]
    click_row(panel, qtbot, 2)  # ReLU 1: no neurons of its own
    assert not panel.neurons_action.isEnabled()

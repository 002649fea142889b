"""The weights-and-biases panel, driven as a student drives it: typing in cells, pasting blocks."""

import numpy as np
import pytest
from paints import PaintCounter
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QToolTip
from shown import show

from nnstudio.engine import Network
from nnstudio.widgets.parameter_editor import ParameterEditor, ParametersPanel

BAD_ENTRIES = ["abc", "", "nan", "inf", "1e400"]


@pytest.fixture
def panel(document, qtbot):
    panel = show(qtbot, ParametersPanel(document), 520, 640)
    return panel


@pytest.fixture
def messages(document):
    posted = []
    document.message_posted.connect(lambda message: posted.append(message.text))
    return posted


def type_into_cell(qtbot, view, row, column, text):
    """Open the cell's editor, replace its text with ``text`` and press Enter."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)  # the editor the view opened on that cell
    assert isinstance(editor, QLineEdit) and editor.isVisible()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits and closes its editor through a queued call
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def expected_output(document):
    X, _ = document.data
    return Network(layer.copy() for layer in document.layers).forward(X)


def test_one_editor_per_dense_with_a_caption(panel, document):
    assert len(panel.editors) == 2
    assert "Dense 2" in panel.editors[1].caption.text()
    assert "3 inputs × 3 neurons" in panel.editors[1].caption.text()


def test_typing_a_weight_changes_the_network_and_what_is_shown(panel, document, qtbot):
    view = panel.editors[1].weights_view
    type_into_cell(qtbot, view, 2, 0, "0.5")
    assert document.dense(1).weights[2, 0] == np.float32(0.5)
    assert view.model().index(2, 0).data() == "0.5"
    assert np.array_equal(document.trace.output, expected_output(document))
    before_edit = document.trace.output
    type_into_cell(qtbot, view, 2, 0, "-3")  # a second edit of one cell is a second undo step
    assert document.undo_stack.count() == 2
    assert not np.array_equal(document.trace.output, before_edit)
    document.undo_stack.undo()
    assert view.model().index(2, 0).data() == "0.5"
    document.undo_stack.undo()
    assert document.dense(1).weights[2, 0] != np.float32(0.5)


def test_typing_a_bias_changes_the_output(panel, document, qtbot):
    before = document.trace.output.copy()
    type_into_cell(qtbot, panel.editors[0].biases_view, 0, 1, "1.25")
    assert document.dense(0).biases[0, 1] == np.float32(1.25)
    assert not np.array_equal(document.trace.output, before)
    assert np.array_equal(document.trace.output, expected_output(document))


@pytest.mark.parametrize("text", BAD_ENTRIES)
def test_bad_entries_keep_the_value_bit_for_bit(panel, document, messages, qtbot, text):
    before = document.dense(0).weights.copy()
    shown = panel.editors[0].weights_view.model().index(1, 1).data()
    type_into_cell(qtbot, panel.editors[0].weights_view, 1, 1, text)
    assert document.dense(0).weights.tobytes() == before.tobytes()
    assert panel.editors[0].weights_view.model().index(1, 1).data() == shown
    assert document.undo_stack.count() == 0
    assert messages and "the weight stays" in messages[-1]


def test_paste_a_block_from_the_clipboard(panel, document, qtbot):
    view = panel.editors[1].weights_view
    before = document.dense(1).weights.copy()
    QApplication.clipboard().setText("1\t2\n3\t4\n")
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 1))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    expected = before.copy()
    expected[1:3, 1:3] = [[1, 2], [3, 4]]
    assert np.array_equal(document.dense(1).weights, expected)
    assert view.model().index(2, 2).data() == "4"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.dense(1).weights.tobytes() == before.tobytes()
    document.undo_stack.redo()
    assert np.array_equal(document.dense(1).weights, expected)


def test_paste_past_the_table_edge_says_what_was_left_out(panel, document, messages, qtbot):
    view = panel.editors[1].weights_view
    rows, columns = document.dense(1).weights.shape
    QApplication.clipboard().setText("1\t2\n3\t4\n")
    view.setFocus()
    view.setCurrentIndex(view.model().index(rows - 1, columns - 1))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.dense(1).weights[rows - 1, columns - 1] == 1
    assert messages[-1] == f"3 pasted values fell outside the {rows}×{columns} weights and were left out."


def test_paste_comma_separated_is_cut_to_a_larger_selection(panel, document, qtbot):
    view = panel.editors[0].weights_view
    before = document.dense(0).weights.copy()
    QApplication.clipboard().setText("5,6,7\n8,9,10\n")
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # select 1 × 2
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    expected = before.copy()
    expected[0, :2] = [5, 6]
    assert np.array_equal(document.dense(0).weights, expected)


def test_pasting_bad_text_changes_nothing(panel, document, messages, qtbot):
    view = panel.editors[0].weights_view
    before = document.dense(0).weights.copy()
    QApplication.clipboard().setText("1\tnope\n")
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.dense(0).weights.tobytes() == before.tobytes()
    assert document.undo_stack.count() == 0
    assert "'nope'" in messages[-1]


def test_copy_a_selection_out_as_tab_separated_text(panel, document, qtbot):
    view = panel.editors[1].weights_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = [line.split("\t") for line in QApplication.clipboard().text().split("\n")]
    copied = np.array(lines, dtype=np.float64).astype(np.float32)
    assert copied.tobytes() == document.dense(1).weights[0:2, 1:3].tobytes()


def test_zero_and_reinitialise_one_layer(panel, document, qtbot):
    other = document.dense(1).weights.copy()
    qtbot.mouseClick(panel.editors[0].zero_button, Qt.MouseButton.LeftButton)
    assert not document.dense(0).weights.any() and not document.dense(0).biases.any()
    assert panel.editors[0].weights_view.model().index(0, 0).data() == "0"
    qtbot.mouseClick(panel.editors[0].reinitialise_button, Qt.MouseButton.LeftButton)
    assert document.dense(0).weights.any()
    assert np.array_equal(document.dense(1).weights, other)
    assert document.undo_stack.count() == 2


def test_initialise_all_with_a_seed_and_the_books_scale(panel, document, qtbot, monkeypatch):
    dialogs = []
    make = panel.initialise_dialog

    def recorded():
        dialog = make()
        dialogs.append(dialog)
        QTimer.singleShot(0, lambda: (dialog.seed.setValue(7), dialog.scale.setCurrentIndex(1), dialog.accept()))
        return dialog

    monkeypatch.setattr(panel, "initialise_dialog", recorded)
    qtbot.mouseClick(panel.initialise_button, Qt.MouseButton.LeftButton)
    assert len(dialogs) == 1
    rng = np.random.RandomState(7)
    for number in (0, 1):
        dense = document.dense(number)
        expected = np.float32(0.01) * rng.randn(*dense.weights.shape).astype(np.float32)
        assert np.array_equal(dense.weights, expected)
    assert document.state.init.seed == 7 and document.state.init.scale == 0.01


def test_panel_is_rebuilt_only_when_the_dense_count_changes(panel, document):
    first = list(panel.editors)
    document.set_neurons(0, 5)
    assert panel.editors == first
    assert panel.editors[1].weights_view.model().rowCount() == 5
    document.add_layer("Dense", 2, 4)
    assert len(panel.editors) == 3 and panel.editors[:2] == first
    document.undo_stack.undo()
    assert len(panel.editors) == 2
    for index in (3, 2, 1, 0):
        document.remove_layer(index)
    assert panel.editors == [] and panel.empty_label.isVisibleTo(panel)


def test_the_editor_of_a_removed_layer_is_gone_from_sight_at_once(panel, document, qtbot):
    document.remove_layer(2)  # Dense 2 goes
    visible = [editor for editor in panel.findChildren(ParameterEditor) if editor.isVisible()]
    assert visible == panel.editors and len(visible) == 1


def test_delete_sets_the_selected_cells_to_0_in_one_undo_step(panel, document, qtbot):
    view = panel.editors[1].weights_view
    before = document.dense(1).weights.copy()
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 1))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    expected = before.copy()
    expected[0:2, 1:3] = 0
    assert document.dense(1).weights.tobytes() == expected.tobytes()
    assert view.model().index(1, 2).data() == "0" and document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Set 4 weights of Dense 2 to 0"
    document.undo_stack.undo()
    assert document.dense(1).weights.tobytes() == before.tobytes()


def test_delete_in_an_open_cell_editor_deletes_a_character(panel, document, qtbot):
    view = panel.editors[0].biases_view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClicks(view, "1")  # the first key opens the editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert document.dense(0).biases[0, 0] == 2


def test_the_neuron_count_is_typed_beside_the_layers_caption(panel, document, qtbot):
    box = panel.editors[0].neurons
    assert box.value() == 3
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "5")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert document.layers[0].n_neurons == 5 and document.layers[2].n_inputs == 5
    qtbot.waitUntil(lambda: "2 inputs × 5 neurons" in panel.editors[0].caption.text())
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.editors[0].neurons.value() == 3)


def test_a_decimal_comma_is_refused_at_the_cell_with_the_fix(panel, document, qtbot, messages):
    view = panel.editors[0].weights_view
    view.setFocus()
    old = document.layers[0].weights[1, 2]
    type_into_cell(qtbot, view, 1, 2, "1,5")
    assert document.layers[0].weights[1, 2] == old
    assert messages[-1].startswith("'1,5' is not a number here: write the decimal point as a point, 1.5")
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == messages[-1]


def test_a_weight_edit_leaves_the_neurons_box_unpainted(panel, document, qtbot):
    """The count did not change, so its box (and the panel behind it) need not be drawn again."""
    editor = panel.editors[0]
    with PaintCounter(editor.neurons) as box, PaintCounter(editor.weights_view.viewport()) as table:
        type_into_cell(qtbot, editor.weights_view, 0, 0, "0.75")
        qtbot.waitUntil(lambda: table.count > 0)
        qtbot.wait(50)
    assert document.dense(0).weights[0, 0] == np.float32(0.75)
    assert box.count == 0

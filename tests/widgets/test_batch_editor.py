"""The batch panel, driven as a student drives it: choosing a source, typing rows, importing CSV."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox
from shown import show

from nnstudio.document import Batch
from nnstudio.engine import Network, spiral, vertical
from nnstudio.widgets.batch_editor import BatchPanel


@pytest.fixture
def panel(document, qtbot):
    panel = show(qtbot, BatchPanel(document), 480, 600)
    return panel


@pytest.fixture
def messages(document):
    posted = []
    document.message_posted.connect(lambda message: posted.append(message.text))
    return posted


@pytest.fixture
def warnings(monkeypatch):
    """Record QMessageBox.warning calls instead of opening a modal box."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: shown.append(text))
    return shown


def choose_source(qtbot, panel, kind):
    combo = panel.source
    combo.setFocus()
    while combo.currentData() != kind:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def type_into_cell(qtbot, view, row, column, text):
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)  # the editor the view opened on that cell
    assert isinstance(editor, QLineEdit) and editor.isVisible()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def cell(panel, row, column):
    return panel.view.model().index(row, column).data()


def test_generated_batch_is_shown_read_only(panel, document, qtbot):
    X, y = spiral(100, 3)
    assert panel.view.model().rowCount() == 300
    assert cell(panel, 299, 0) == f"{X[299, 0]:.4g}" and cell(panel, 299, 2) == str(y[299])
    assert not panel.add_button.isEnabled() and not panel.inputs.isEnabled()
    index = panel.view.model().index(0, 0)
    centre = panel.view.visualRect(index).center()
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert panel.view.indexWidget(index) is None
    assert "300 samples × 2 inputs" in panel.summary.text()


def test_switching_to_vertical_and_changing_its_parameters(panel, document, qtbot):
    choose_source(qtbot, panel, "vertical")
    X, y = document.data
    expected_X, expected_y = vertical(100, 3, 0)
    assert np.array_equal(X, expected_X) and np.array_equal(y, expected_y)
    panel.samples.setValue(10)
    panel.classes.setValue(4)
    expected_X, _ = vertical(10, 4, 0)
    assert np.array_equal(document.data[0], expected_X)
    assert panel.view.model().rowCount() == 40
    assert cell(panel, 39, 1) == f"{expected_X[39, 1]:.4g}"
    assert document.undo_stack.count() == 3
    for _ in range(3):
        document.undo_stack.undo()
    assert panel.source.currentData() == "spiral" and panel.samples.value() == 100
    assert np.array_equal(document.data[0], spiral(100, 3)[0])


def test_switching_to_hand_entered_starts_from_the_data_sets_rows(panel, document, qtbot):
    X, y = spiral(100, 3)
    panel.source.setCurrentIndex(panel.source.findData("hand"))  # picked from the open list
    assert document.state.batch.kind == "hand"
    assert np.array_equal(document.data[0], X) and np.array_equal(document.data[1], y)
    assert panel.view.model().rowCount() == 300 and cell(panel, 299, 1) == f"{X[299, 1]:.4g}"
    assert panel.add_button.isEnabled()
    type_into_cell(qtbot, panel.view, 299, 1, "0.25")  # the spiral's points are the student's to edit
    assert document.data[0][299, 1] == 0.25 and np.array_equal(document.data[0][:299], X[:299])
    assert "hand-entered" in panel.summary.text()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.state.batch.kind == "spiral" and panel.source.currentData() == "spiral"


def test_rows_given_by_a_lesson_are_shown_as_their_origin_until_switched_to_hand(panel, document, qtbot):
    given = Batch("hand", hand_X=np.array([[0.5, 1.0], [2.0, -1.0]]), hand_y=np.array([1, 0]),
                  origin="Spiral: the notebook's second spiral_data(100, 3)")
    document.replace_state(document.state.replace(batch=given))
    assert panel.source.currentText() == "Spiral: the notebook's second spiral_data(100, 3)"
    assert "as given" in panel.summary.text()
    assert not panel.add_button.isEnabled() and not panel.view.model().flags(
        panel.view.model().index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    panel.source.setCurrentIndex(panel.source.findData("hand"))
    assert document.state.batch.editable and np.array_equal(document.data[0], given.hand_X)
    assert panel.source.findData("given") == -1 and panel.add_button.isEnabled()


def test_enter_a_hand_batch_row(panel, document, qtbot):
    document.set_hand_rows([[0, 0]], [0], "one row of zeros")
    assert panel.source.currentData() == "hand"
    type_into_cell(qtbot, panel.view, 0, 0, "0.5")
    type_into_cell(qtbot, panel.view, 0, 1, "-1.5")
    type_into_cell(qtbot, panel.view, 0, 2, "2")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    type_into_cell(qtbot, panel.view, 1, 0, "3")
    X, y = document.data
    assert np.array_equal(X, [[0.5, -1.5], [3, 0]]) and np.array_equal(y, [2, 0])
    assert cell(panel, 0, 1) == "-1.5"
    expected = Network(layer.copy() for layer in document.layers).forward(X)
    assert np.array_equal(document.trace.output, expected)
    assert document.trace.loss is not None


def test_bad_text_in_a_hand_cell_keeps_the_value(panel, document, qtbot):
    choose_source(qtbot, panel, "hand")
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    before = document.data[0].copy()
    count = document.undo_stack.count()
    for text in ("abc", "", "nan", "inf", "1e400"):
        type_into_cell(qtbot, panel.view, 0, 0, text)
        assert document.data[0].tobytes() == before.tobytes()
        assert messages and "the input stays 0" in messages[-1]
    type_into_cell(qtbot, panel.view, 0, 2, "1.5")
    assert "class label stays 0" in messages[-1]
    assert document.undo_stack.count() == count


def test_delete_rows_and_change_the_number_of_inputs(panel, document, qtbot):
    document.set_hand_rows([[1, 2], [3, 4], [5, 6]], [0, 1, 2], "three rows")
    panel.view.selectRow(1)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert np.array_equal(document.data[0], [[1, 2], [5, 6]])
    panel.inputs.setValue(3)
    assert np.array_equal(document.data[0], [[1, 2, 0], [5, 6, 0]])
    assert panel.view.model().headerData(2, Qt.Orientation.Horizontal) == "x2"
    assert document.dense(0).weights.shape == (3, 3)  # Dense 1 adapted to the wider batch
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert np.array_equal(document.data[0], [[1, 2], [3, 4], [5, 6]])
    assert panel.inputs.value() == 2 and document.dense(0).weights.shape == (2, 3)


def test_impossible_labels_are_flagged_not_crashed_on(panel, document, qtbot):
    document.set_hand_rows([[1, 2], [3, 4]], [0, 7], "a label too big")
    assert "1 class label is not among the 3 classes" in panel.summary.text()
    assert document.trace is not None and document.trace.loss is None
    assert "label 7" in document.why_no_loss.text.lower()


def test_import_a_good_csv(panel, document, tmp_path, warnings):
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,x3,class\n0.5,1,2,1\n-1,0,3.5,0\n")
    assert panel.import_csv(str(path))
    X, y = document.data
    assert np.array_equal(X, [[0.5, 1, 2], [-1, 0, 3.5]]) and np.array_equal(y, [1, 0])
    assert panel.source.currentData() == "hand" and panel.inputs.value() == 3
    assert cell(panel, 1, 2) == "3.5" and not warnings
    document.undo_stack.undo()
    assert np.array_equal(document.data[0], spiral(100, 3)[0])


@pytest.mark.parametrize(
    ("text", "words"), [("1,2,0\n3,4\n", "Line 2 has 2 values"), ("1,2,0\n3,four,1\n", "'four' is not a number")]
)
def test_a_ragged_or_non_numeric_csv_keeps_the_batch(panel, document, tmp_path, warnings, text, words):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    before = document.state.batch
    assert not panel.import_csv(str(path))
    assert document.state.batch is before and document.undo_stack.count() == 0
    assert len(warnings) == 1 and words in warnings[0] and "current batch is kept" in warnings[0]


def test_export_then_import_round_trips(panel, document, tmp_path, warnings):
    document.set_hand_rows([[0.1, 1 / 3], [2e-9, -7]], [2, 1], "rows")
    X, y = document.data
    X, y = X.copy(), y.copy()
    path = tmp_path / "out.csv"
    assert panel.export_csv(str(path))
    document.set_hand_rows([[0, 0]], [0], "other")
    assert panel.import_csv(str(path))
    assert document.data[0].tobytes() == X.tobytes() and np.array_equal(document.data[1], y)


def test_the_summary_counts_one_sample_and_one_input_in_the_singular(panel, document, qtbot):
    document.set_hand_rows([[0, 0]], [0], "one row of zeros")
    assert "1 sample × 2 inputs" in panel.summary.text()
    panel.inputs.setValue(1)
    assert "1 sample × 1 input," in panel.summary.text()
    panel.inputs.setValue(3)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "2 samples × 3 inputs" in panel.summary.text()


def test_a_data_set_too_big_to_save_is_refused_and_the_fields_show_the_batch_kept(panel, document, qtbot):
    panel.samples.setValue(10_000)
    panel.classes.setValue(10)  # 100 000 rows: the most a project file holds
    kept, steps = document.data[0], document.undo_stack.count()
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    qtbot.keyClick(panel.classes, Qt.Key.Key_Up)  # 11 classes: 110 000 rows
    assert messages and "the limit is 100,000" in messages[-1] and "stays as it was" in messages[-1]
    assert panel.classes.value() == 10 and panel.samples.value() == 10_000
    assert document.data[0] is kept and document.undo_stack.count() == steps


def test_the_summary_names_a_data_set_as_the_source_box_does(panel, qtbot):
    choose_source(qtbot, panel, "vertical")
    assert "generated: Vertical blobs." in panel.summary.text()
    choose_source(qtbot, panel, "hand")  # rows typed here, or read from a lesson or a CSV file
    assert "hand-entered: edit any cell" in panel.summary.text()


def press(qtbot, view, key, modifier=Qt.KeyboardModifier.NoModifier):
    view.setFocus()
    qtbot.keyClick(view, key, modifier)


def test_copy_three_rows_as_tab_separated_text(panel, document, qtbot):
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    for _ in range(2):
        qtbot.keyClick(panel.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    for _ in range(2):
        qtbot.keyClick(panel.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    QApplication.clipboard().clear()
    press(qtbot, panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    X, y = document.data
    lines = [line.split("\t") for line in QApplication.clipboard().text().split("\n")]
    assert len(lines) == 3 and all(len(line) == 3 for line in lines)
    copied = np.array([[float(v) for v in line[:2]] for line in lines]).astype(X.dtype)
    assert copied.tobytes() == X[:3].tobytes()  # every digit, in the batch's own dtype
    assert [int(line[2]) for line in lines] == list(y[:3])


def test_paste_a_tab_separated_block_adds_the_rows_it_needs(panel, document, qtbot, messages):
    document.set_hand_rows([[1, 2], [3, 4]], [0, 1], "two rows")
    panel.view.setCurrentIndex(panel.view.model().index(1, 0))
    QApplication.clipboard().setText("0.5\t-1\t2\n7\t8\t1\n")
    press(qtbot, panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    X, y = document.data
    assert np.array_equal(X, [[1, 2], [0.5, -1], [7, 8]]) and np.array_equal(y, [0, 2, 1])
    assert cell(panel, 2, 1) == "8" and cell(panel, 2, 2) == "1"
    assert not messages
    document.undo_stack.undo()  # the whole block was one step
    assert np.array_equal(document.data[0], [[1, 2], [3, 4]])


def test_paste_right_of_the_class_column_says_what_was_left_out(panel, document, qtbot, messages):
    document.set_hand_rows([[1, 2], [3, 4]], [0, 1], "two rows")
    panel.view.setCurrentIndex(panel.view.model().index(0, 1))
    QApplication.clipboard().setText("5\t2\t9\n")
    press(qtbot, panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    X, y = document.data
    assert np.array_equal(X, [[1, 5], [3, 4]]) and np.array_equal(y, [2, 1])
    assert messages[-1] == "1 pasted value fell right of the class column and was left out."


def test_pasting_a_bad_label_or_into_a_generated_batch_changes_nothing(panel, document, qtbot, messages):
    before = document.state.batch
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    QApplication.clipboard().setText("1\t2\t0\n")
    press(qtbot, panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.state.batch is before and "switch the source to Hand-entered" in messages[-1]
    document.set_hand_rows([[1, 2]], [0], "one row")
    before = document.state.batch
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    QApplication.clipboard().setText("1\t2\t0.5\n")
    press(qtbot, panel.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert document.state.batch is before
    assert messages[-1].startswith("'0.5' (line 1, value 3 of the pasted block) is not a class number")


def test_the_table_keeps_its_place_when_rows_are_added_or_deleted(panel, document, qtbot):
    document.set_hand_rows(np.arange(120.0).reshape(60, 2), np.zeros(60), "sixty rows")
    view = panel.view
    view.scrollTo(view.model().index(40, 0), view.ScrollHint.PositionAtTop)
    top = view.rowAt(0)
    assert top > 30
    view.setCurrentIndex(view.model().index(45, 1))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(document.data[0]) == 59 and view.rowAt(0) == top
    view.setCurrentIndex(view.model().index(44, 1))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert len(document.data[0]) == 60 and view.rowAt(0) == top
    assert (view.currentIndex().row(), view.currentIndex().column()) == (44, 1)  # still selected
    assert view.selectionModel().isSelected(view.model().index(44, 1))
    type_into_cell(qtbot, view, 44, 0, "7")
    assert view.rowAt(0) == top and view.currentIndex().row() == 44


def test_a_class_beyond_the_outputs_is_kept_and_the_classes_there_are_named_at_the_cell(panel, document, qtbot,
                                                                                      messages):
    from PySide6.QtWidgets import QToolTip

    document.set_hand_rows([[1, 2], [3, 4]], [0, 1], "two rows")
    type_into_cell(qtbot, panel.view, 1, 2, "7")
    assert document.data[1][1] == 7
    assert messages[-1] == ("Sample 1 is now of class 7, but the output gives 3 classes: classes here are 0, 1"
                            " and 2. It is marked red, and there is no loss until the last Dense has 8 neurons.")
    qtbot.waitUntil(QToolTip.isVisible)
    assert "classes here are 0, 1 and 2" in QToolTip.text()

"""Stepping through the forward pass with the buttons, the shortcuts and the step list."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from shown import show

from nnstudio.document import Document, State
from nnstudio.document.step_model import VALUE_ROLE
from nnstudio.engine import Dense, Network, ReLU, Softmax, spiral
from nnstudio.widgets.stepper import StepperPanel


def notebook_spiral_trace(first_weight=None):
    """The notebook's spiral classifier computed by the engine alone (nnfs numerics, seed 0),
    optionally with weight [0, 0] of the first Dense replaced."""
    network = Network([Dense(2, 3), ReLU(), Dense(3, 3), Softmax()])
    network.astype(np.dtype(np.float32))
    network.initialise(0, 0.10)
    if first_weight is not None:
        weights = network.layers[0].weights.copy()
        weights[0, 0] = first_weight
        network.layers[0].weights = weights
    X, y = spiral(100, 3, 0)
    return network.trace(X, y)


def shown(panel):
    """The matrix the panel's table shows, read back cell by cell through its view's model."""
    model = panel.view.model()
    return np.array(
        [[model.data(model.index(r, c), VALUE_ROLE) for c in range(model.columnCount())]
         for r in range(model.rowCount())]
    )


def as_matrix(step):
    return step.output.reshape(len(step.output), -1)


@pytest.fixture
def panel(qtbot, document):
    widget = show(qtbot, StepperPanel(document), 900, 500)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def click(qtbot, panel, action):
    qtbot.mouseClick(panel.buttons[action], Qt.MouseButton.LeftButton)


def test_stepping_with_the_buttons_shows_each_engine_array(qtbot, panel, document):
    expected = notebook_spiral_trace()
    click(qtbot, panel, panel.reset_action)
    assert document.selection.step == 0
    assert not panel.back_action.isEnabled()
    for index, step in enumerate(expected.steps):
        assert panel.step_box.currentText() == f"→ {index + 1}. {step.label}"
        assert panel.counter_label.text() == f"Step {index + 1} of 19 (forward)"
        rows, columns = as_matrix(step).shape
        assert panel.shape_label.text().startswith(f"{rows}×{columns}  (300 samples × ")
        assert np.array_equal(shown(panel), as_matrix(step))
        click(qtbot, panel, panel.step_action)
    assert document.selection.step == 7  # the forward pass is over: the backward pass follows
    assert panel.step_box.currentText() == "← 8. Softmax + loss: gradient"
    assert panel.counter_label.text() == "Step 8 of 19 (backward)"


def test_step_back_and_run_to_end_buttons(qtbot, panel, document):
    click(qtbot, panel, panel.reset_action)
    click(qtbot, panel, panel.step_action)
    click(qtbot, panel, panel.step_action)
    click(qtbot, panel, panel.back_action)
    assert document.selection.step == 1
    click(qtbot, panel, panel.end_action)
    assert document.selection.step == 6
    assert panel.step_box.currentText() == "→ 7. Loss: categorical cross-entropy"
    assert panel.shape_label.text() == "300×1  (300 samples × 1 loss each)"


@pytest.mark.parametrize(
    ("keys", "step"),
    [
        ([(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)], 0),
        ([(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier), (Qt.Key.Key_F10, Qt.KeyboardModifier.NoModifier)], 1),
        ([(Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier),
          (Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)], 2),
        ([(Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)], 5),
        ([(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)], 4),
        ([(Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)], 6),
        ([(Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier), (Qt.Key.Key_End, Qt.KeyboardModifier.AltModifier)], 6),
    ],
)
def test_shortcuts_step_from_the_table(qtbot, panel, document, keys, step):
    panel.view.setFocus()
    for key, modifier in keys:
        qtbot.keyClick(panel.view, key, modifier)
    assert document.selection.step == step
    assert np.array_equal(shown(panel), as_matrix(notebook_spiral_trace().steps[step]))


def test_plain_arrows_still_move_between_cells(qtbot, panel, document):
    document.selection.select_step(0)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Right)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert document.selection.step == 0
    assert (panel.view.currentIndex().row(), panel.view.currentIndex().column()) == (1, 1)
    assert document.selection.sample == 1


def test_picking_an_earlier_step_shows_its_result(qtbot, panel, document):
    expected = notebook_spiral_trace()
    panel.step_box.showPopup()
    popup = panel.step_box.view()
    qtbot.waitExposed(popup)
    rect = popup.visualRect(popup.model().index(2, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert document.selection.step == 2
    assert panel.step_box.currentText() == "→ 3. ReLU 1"
    assert np.array_equal(shown(panel), as_matrix(expected.steps[2]))


def test_steps_not_computed_yet_are_greyed(qtbot, panel, document):
    document.selection.select_step(2)
    colour = [panel.step_box.itemData(i, Qt.ItemDataRole.ForegroundRole) for i in range(7)]
    grey = panel.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert grey != panel.palette().color(QPalette.ColorRole.Text)
    assert [c == grey for c in colour] == [False] * 3 + [True] * 4


def test_the_step_list_comes_back_after_a_stack_that_could_not_run(qtbot, panel, document):
    document.selection.select_step(2)
    names = [panel.step_box.itemText(i) for i in range(panel.step_box.count())]
    for _ in range(4):
        with qtbot.waitSignal(document.trace_changed):
            document.remove_layer(0)
    assert panel.step_box.count() == 0
    with qtbot.waitSignal(document.trace_changed):
        document.undo_stack.undo()  # the last Softmax alone: it runs again, as it did before
    assert [panel.step_box.itemText(i) for i in range(panel.step_box.count())] == ["→ 1. Softmax 1"]
    for _ in range(3):
        with qtbot.waitSignal(document.trace_changed):
            document.undo_stack.undo()
    assert [panel.step_box.itemText(i) for i in range(panel.step_box.count())] == names
    assert panel.step_box.currentText() == "→ 3. ReLU 1"
    grey = panel.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    colour = [panel.step_box.itemData(i, Qt.ItemDataRole.ForegroundRole) for i in range(7)]
    assert [c == grey for c in colour] == [False] * 3 + [True] * 4


def test_editing_a_weight_keeps_the_step_and_recomputes_it(qtbot, panel, document):
    document.selection.select_step(2)
    before = shown(panel)
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(0, "weights", 0, 0, 5.0)
    assert document.selection.step == 2
    assert panel.step_box.currentText() == "→ 3. ReLU 1"
    after = shown(panel)
    assert not np.array_equal(before, after)
    assert np.array_equal(after, as_matrix(notebook_spiral_trace(first_weight=5.0).steps[2]))


def test_clicking_a_cell_selects_the_sample_and_says_which_cell(qtbot, panel, document):
    document.selection.select_step(3)
    index = panel.view.model().index(4, 1)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.cell_selected) as selected:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == [3, 4, 1]
    assert document.selection.sample == 4


def test_a_sample_selected_elsewhere_selects_its_row(qtbot, panel, document):
    with qtbot.waitSignal(panel.cell_selected) as selected:
        document.selection.select_sample(42)
    assert panel.view.currentIndex().row() == 42
    assert selected.args[1] == 42


def test_a_network_that_cannot_run_shows_why(qtbot):
    document = Document(State(layers=()))
    panel = StepperPanel(document)
    qtbot.addWidget(panel)
    assert document.trace is None
    assert panel.result_stack.currentWidget() is panel.problem_label
    assert panel.problem_label.text() == document.why_no_trace.text
    assert "no layers" in panel.problem_label.text()
    assert not any(action.isEnabled() for action in panel.step_actions)


def test_main_window_docks_the_panels_and_has_a_run_menu(qtbot):
    from nnstudio.widgets.main_window import MainWindow

    window = MainWindow(Document())
    qtbot.addWidget(window)
    assert {"Forward pass", "Explanation"} <= set(window.docks)
    menus = {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}
    run_texts = [action.text() for action in menus["Run"].actions()]
    assert run_texts == ["&Reset", "Step &back", "&Step", "Run to &end"]


def test_the_table_keeps_its_place_when_a_weight_changes_or_the_step_does(qtbot, document):
    from nnstudio.document.project_file import load

    lesson = Path(__file__).resolve().parents[2] / "resources" / "lessons" / "6-spiral-relu.json"
    with qtbot.waitSignal(document.trace_changed):
        document.replace_state(load(lesson).state)
    panel = show(qtbot, StepperPanel(document), 560, 320)
    bar = panel.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    panel.view.scrollTo(panel.view.model().index(99, 0), panel.view.ScrollHint.PositionAtBottom)  # rows 96–99
    top = panel.view.rowAt(0)
    assert 80 < top <= 96
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(0, "weights", 0, 0, 0.5)
    assert panel.view.rowAt(0) == top
    assert panel.view.currentIndex().row() == 0  # the selected cell stays selected
    click(qtbot, panel, panel.back_action)  # the sums before ReLU: the same 300 samples
    assert panel.view.rowAt(0) == top


def test_the_table_keeps_its_scroll_position_and_cell_across_an_edit(qtbot):
    """Lesson 6 asks to scroll to rows 96–99: a weight edit must not send the table back to row 0."""
    from nnstudio.document.project_file import load

    lesson = Path(__file__).resolve().parents[2] / "resources" / "lessons" / "6-spiral-relu.json"
    document = Document(load(lesson).state)
    panel = show(qtbot, StepperPanel(document), 600, 400)
    view = panel.view
    view.setCurrentIndex(view.model().index(97, 1))
    view.scrollTo(view.model().index(97, 1))
    before = view.verticalScrollBar().value()
    assert before > 0
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(0, "weights", 0, 0, 0.5)
    assert view.verticalScrollBar().value() == before
    assert (view.currentIndex().row(), view.currentIndex().column()) == (97, 1)


def test_each_step_shows_the_books_numpy_line_for_it(qtbot, panel, document):
    codes = {}
    for index, step in enumerate(document.walk.steps):
        document.selection.select_step(index)
        codes[step.label] = panel.code_label.text()
        assert panel.code_label.isVisible() == bool(step.kind.code)
    assert codes["Dense 1: inputs · weights"] == "np.dot(inputs, self.weights)"
    assert codes["ReLU 1"] == "np.maximum(0, inputs)"
    assert codes["Dense 2: dweights = inputsᵀ · dvalues"] == "np.dot(self.inputs.T, dvalues)"
    assert all(codes.values())  # every step of the notebook's network has its line


def test_the_selected_value_shows_its_line_with_each_operand_at_that_row_and_column(panel, document, qtbot):
    from nnstudio.engine.forward_steps import RELU

    document.selection.select_step(1)  # Dense 1: + biases
    panel.view.setCurrentIndex(panel.model.index(3, 1))
    assert panel.cell_code_label.isVisible()
    assert panel.cell_code_label.text() == ("value [3, 1]: np.dot(inputs<b>[3, :]</b>, self.weights<b>[:, 1]</b>)"
                                            " + self.biases<b>[0, 1]</b>")
    document.selection.select_step(2)  # ReLU 1, at the same cell
    qtbot.waitUntil(lambda: "maximum" in panel.cell_code_label.text())
    assert RELU.cell_code(3, 1) == "np.maximum(0, inputs[3, 1])"
    assert panel.cell_code_label.text() == "value [3, 1]: np.maximum(0, inputs<b>[3, 1]</b>)"

"""Copying matrices out as tab-separated text: the forward pass's step result, the network's
output matrix, and a whole weight table. What is pasted back must be the very same numbers, so
the clipboard is parsed in the array's own dtype and compared bit for bit with the engine's."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from nnstudio.engine import Network
from nnstudio.widgets.main_window import MainWindow
from nnstudio.widgets.parameter_editor import ParametersPanel
from nnstudio.widgets.stepper import StepperPanel


def engine_trace(document):
    """The engine's own trace of the document's layers and batch."""
    X, y = document.data
    return Network(layer.copy() for layer in document.layers).trace(X, y)


def clipboard_matrix(dtype):
    """The clipboard's tab-separated text as a matrix of ``dtype``, read as a spreadsheet would."""
    lines = [line.split("\t") for line in QApplication.clipboard().text().split("\n")]
    return np.array([[float(cell) for cell in line] for line in lines]).astype(dtype)


def show_active(qtbot, widget):
    """Show ``widget`` as the active window, where shortcuts reach the focused view."""
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def same_bits(copied, expected):
    expected = np.asarray(expected).reshape(len(expected), -1)
    return copied.shape == expected.shape and copied.tobytes() == expected.tobytes()


@pytest.fixture
def stepper(document, qtbot):
    panel = StepperPanel(document)
    panel.resize(560, 520)
    return show_active(qtbot, panel)


def copy_button(panel):
    [button] = [b for b in panel.findChildren(QToolButton) if b.defaultAction() is panel.copy_matrix_action]
    return button


@pytest.mark.parametrize("numerics", ["nnfs", "float64"])
def test_copy_matrix_button_copies_every_digit_of_the_step_shown(stepper, document, qtbot, numerics):
    document.set_numerics(numerics)
    qtbot.mouseClick(stepper.buttons[stepper.reset_action], Qt.MouseButton.LeftButton)
    for _ in range(2):  # the first Dense's product, its sum with the biases, then ReLU
        qtbot.mouseClick(stepper.buttons[stepper.step_action], Qt.MouseButton.LeftButton)
    QApplication.clipboard().clear()
    qtbot.mouseClick(copy_button(stepper), Qt.MouseButton.LeftButton)

    expected = engine_trace(document).steps[2].output
    assert expected.dtype == (np.float32 if numerics == "nnfs" else np.float64)
    assert same_bits(clipboard_matrix(expected.dtype), expected)
    assert QApplication.clipboard().text().count("\n") == len(expected) - 1, "one line per sample"


def test_the_loss_step_copies_as_one_column(stepper, document, qtbot):
    qtbot.keyClick(stepper, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)  # Reset: the first step
    qtbot.keyClick(stepper, Qt.Key.Key_F5)  # Run to end of the forward pass: the loss of each sample
    qtbot.mouseClick(copy_button(stepper), Qt.MouseButton.LeftButton)
    losses = engine_trace(document).sample_losses
    assert same_bits(clipboard_matrix(losses.dtype), losses)


def test_ctrl_c_copies_the_selected_block(stepper, document, qtbot):
    view = stepper.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(4, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    shown_step = engine_trace(document).steps[document.selection.step].output.reshape(300, -1)
    block = shown_step[4:6, 0:2]
    assert same_bits(clipboard_matrix(block.dtype), block)


def test_ctrl_c_without_a_selection_copies_the_whole_matrix(stepper, document, qtbot):
    qtbot.keyClick(stepper, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)  # Reset: inputs · weights
    stepper.view.setFocus()
    stepper.view.clearSelection()
    qtbot.keyClick(stepper.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    product = engine_trace(document).steps[0].output
    assert same_bits(clipboard_matrix(product.dtype), product)


def test_copy_matrix_is_disabled_when_the_network_cannot_run(stepper, document, qtbot):
    assert stepper.copy_matrix_action.isEnabled()
    with qtbot.waitSignal(document.trace_changed):
        for _ in document.layers:
            document.remove_layer(0)
    assert document.trace is None
    assert not stepper.copy_matrix_action.isEnabled()


def test_ctrl_c_on_a_weight_table_without_a_selection_copies_all_of_it(document, qtbot):
    panel = show_active(qtbot, ParametersPanel(document))
    view = panel.editors[0].weights_view
    view.setFocus()
    view.clearSelection()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    weights = document.dense(0).weights
    assert same_bits(clipboard_matrix(weights.dtype), weights)


def test_copy_output_matrix_from_the_edit_menu(qtbot):
    window = show_active(qtbot, MainWindow())
    action = window.export_actions.copy_output_action
    assert action in window.edit_menu.actions()
    QApplication.clipboard().clear()
    action.trigger()
    output = engine_trace(window.document).output
    assert same_bits(clipboard_matrix(output.dtype), output)
    assert "300×3" in window.message_line.text()


def test_copy_output_matrix_without_an_output_keeps_the_clipboard(qtbot):
    window = show_active(qtbot, MainWindow())
    for _ in window.document.layers:
        window.document.remove_layer(0)
    QApplication.clipboard().setText("kept")
    window.export_actions.copy_output_action.trigger()
    assert QApplication.clipboard().text() == "kept"
    message = window.message_line.text()
    assert message.startswith(window.document.why_no_trace.text)
    assert message.endswith("There is no output matrix to copy; the clipboard is unchanged.")

"""The main window: menus and shortcuts, undo naming the next step, numerics, zoom, the saved layout,
and the --screenshot command line."""

import subprocess
import sys
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QImage, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabBar

from nnstudio.document.messages import Message, Severity
from nnstudio.document.palette import SEVERITY_COLORS
from nnstudio.widgets.main_window import SQUEEZED, ZOOM_STEP, MainWindow

ROOT = Path(__file__).resolve().parents[2]


def menu(window, title):
    """The menu bar's menu whose title (without the mnemonic) is ``title``."""
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no {title} menu")


def texts(menu):
    return [action.text().replace("&", "") for action in menu.actions() if not action.isSeparator()]


def kinds(window):
    return [layer.kind for layer in window.document.layers]


def test_the_window_has_its_title_menus_and_fits_a_1280_by_800_screen(window):
    assert "NN Studio" in window.windowTitle()
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert [title for title in titles if title in ("File", "Edit", "Layer", "View")] == [
        "File", "Edit", "Layer", "View"]
    assert "Quit" in texts(menu(window, "File"))
    assert window.size().width() <= 1280 and window.size().height() <= 800
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800
    assert window.docks["Layers"].isVisible()
    assert window.dockWidgetArea(window.docks["Layers"]) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_every_dock_and_tool_bar_has_a_unique_object_name(window):
    names = [dock.objectName() for dock in window.docks.values()] + [window.tool_bar.objectName()]
    assert all(names) and len(set(names)) == len(names)


def test_the_layer_menu_holds_the_panels_own_actions(window):
    panel = window.layer_stack
    layer_actions = [action for action in menu(window, "Layer").actions() if not action.isSeparator()]
    for action in [*panel.add_actions.values(), panel.remove_action, panel.move_up_action, panel.move_down_action]:
        assert action in layer_actions


def test_the_edit_menu_names_the_next_undo_and_redo_and_the_keys_work(window, qtbot):
    edit = menu(window, "Edit")
    assert not window.undo_action.isEnabled()
    qtbot.mouseClick(window.layer_stack.buttons["Add Softmax"], Qt.MouseButton.LeftButton)
    assert "Undo Add Softmax" in texts(edit)
    assert kinds(window)[-1] == "Softmax" and len(kinds(window)) == 5
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(kinds(window)) == 4
    assert "Redo Add Softmax" in texts(edit)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(kinds(window)) == 5
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(kinds(window)) == 5


def test_the_numerics_switch_converts_the_weights_and_undo_restores_them(window):
    document = window.document
    assert document.state.numerics == "nnfs" and window.numerics_actions["nnfs"].isChecked()
    before = [layer.weights.copy() for layer in document.layers if hasattr(layer, "weights")]
    window.numerics_actions["float64"].trigger()
    assert document.state.numerics == "float64"
    after = [layer.weights for layer in document.layers if hasattr(layer, "weights")]
    for converted, original in zip(after, before, strict=True):
        assert converted.dtype == np.float64 and np.array_equal(converted, original.astype(np.float64))
    window.undo_action.trigger()
    assert window.numerics_actions["nnfs"].isChecked()
    restored = [layer.weights for layer in document.layers if hasattr(layer, "weights")]
    assert all(w.dtype == b.dtype and np.array_equal(w, b) for w, b in zip(restored, before, strict=True))


def text_colour(label):
    return label.palette().color(QPalette.ColorRole.WindowText)


def test_the_status_bar_shows_the_documents_messages_with_their_severity(window, qtbot):
    line = window.message_line
    assert line.text() == "" and line.icon.isHidden()
    window.layer_stack.model.setData(window.layer_stack.model.index(1), "many", Qt.ItemDataRole.EditRole)
    assert "'many' is not a whole number" in line.text()
    assert line.message.severity == Severity.ERROR
    assert line.icon.isVisible() and text_colour(line.label) == SEVERITY_COLORS[Severity.ERROR]
    error_icon = line.icon.pixmap().toImage()
    window.stepper.copy_matrix_action.trigger()
    assert line.text().startswith("Copied the 300×1 result of step 7")
    assert line.message.severity == Severity.HINT
    assert text_colour(line.label) == text_colour(window.statusBar())  # a hint reads as plain text
    assert line.icon.isVisible() and line.icon.pixmap().toImage() != error_icon
    window.layer_stack.model.setData(window.layer_stack.model.index(1), "4", Qt.ItemDataRole.EditRole)
    assert line.message.severity == Severity.WARNING and "Dense 2 now takes 4 inputs" in line.text()
    assert text_colour(line.label) == SEVERITY_COLORS[Severity.WARNING]
    window.undo_action.trigger()
    assert line.text() == "" and line.icon.isHidden()


def test_a_long_message_does_not_widen_the_window(window):
    width = window.width()
    window.document.post(Message(Severity.HINT, "A sentence " * 60))
    assert window.minimumSizeHint().width() <= width and window.width() == width


def test_zoom_keys_scale_the_panels_text_and_the_zoom_is_remembered(window, qtbot):
    view = window.layer_stack.view
    size = view.font().pointSize()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSize() == size + 2 * ZOOM_STEP
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSize() == size + ZOOM_STEP
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.layer_stack.view.font().pointSize() == size + ZOOM_STEP
    again.reset_zoom_action.trigger()
    assert again.layer_stack.view.font().pointSize() == size


def test_zoom_scales_the_whole_window_not_only_the_panels_text(window, qtbot):
    # issue 12: buttons, the tool bar, dock titles and tabs, the menus; the panel buttons wrap
    def sizes():
        tool_button = window.tool_bar.widgetForAction(window.undo_action)
        menu = window.menuBar().actions()[0].menu()
        return {
            "tool bar": tool_button.font().pointSize(), "menu": menu.font().pointSize(),
            "dock title": window.docks["Layers"].font().pointSize(),
            "tabs": next(bar for bar in window.findChildren(QTabBar) if bar.isVisible()).font().pointSize(),
            "Layers buttons": window.layer_stack.buttons["Add Dense"].font().pointSize(),
            "Forward pass buttons": next(iter(window.stepper.buttons.values())).font().pointSize(),
            "status bar": window.statusBar().font().pointSize(),
        }

    before = sizes()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert sizes() == {name: size + ZOOM_STEP for name, size in before.items()}
    window.reset_zoom_action.trigger()
    assert sizes() == before


def test_the_dock_layout_comes_back_at_the_next_start(window, qtbot):
    window.tabifyDockWidget(window.docks["Batch"], window.docks["Layers"])
    window.docks["Network"].toggleViewAction().trigger()  # the user closes a panel
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.docks["Layers"] in again.tabifiedDockWidgets(again.docks["Batch"])
    assert again.docks["Network"].isHidden() and not again.docks["Network"].toggleViewAction().isChecked()


def test_screenshot_writes_a_picture_of_the_window_and_exits_0(tmp_path):
    out = tmp_path / "window.png"
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 700


def type_and_enter(qtbot, view, row, column, text):
    """Click a cell, type ``text`` (the first key opens the cell's editor) and press Enter."""
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClicks(view, text[0])
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_undo_takes_back_one_typed_value_at_a_time(window, qtbot):
    view = window.parameters_panel.editors[0].weights_view
    for text in ("6", "7", "8"):
        type_and_enter(qtbot, view, 0, 0, text)
    assert view.model().index(0, 0).data() == "8"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.model().index(0, 0).data() == "7"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.model().index(0, 0).data() == "6"


def test_switching_the_numerics_there_and_back_leaves_the_project_unchanged(window, qtbot):
    before = [layer.weights.copy() for layer in window.document.layers if hasattr(layer, "weights")]
    for name in ("float64", "nnfs"):
        qtbot.mouseClick(window.tool_bar.widgetForAction(window.numerics_actions[name]), Qt.MouseButton.LeftButton)
    assert window.numerics_actions["nnfs"].isChecked()
    assert not window.isWindowModified() and not window.undo_action.isEnabled()
    after = [layer.weights for layer in window.document.layers if hasattr(layer, "weights")]
    assert all(a.tobytes() == b.tobytes() and a.dtype == b.dtype for a, b in zip(after, before, strict=True))
    qtbot.mouseClick(window.tool_bar.widgetForAction(window.numerics_actions["float64"]), Qt.MouseButton.LeftButton)
    assert window.isWindowModified()  # a real switch is a change


def test_the_tool_bars_undo_and_redo_say_so(window, qtbot):
    undo, redo = (window.tool_bar.widgetForAction(action) for action in (window.undo_action, window.redo_action))
    assert (undo.text(), redo.text()) == ("Undo", "Redo")
    assert undo.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    qtbot.mouseClick(window.layer_stack.buttons["Add Softmax"], Qt.MouseButton.LeftButton)
    assert undo.toolTip() == "Undo Add Softmax"
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert redo.toolTip() == "Redo Add Softmax" and len(kinds(window)) == 4


def dock_geometries(window):
    return {title: dock.geometry().getRect() for title, dock in window.docks.items() if dock.isVisible()}


def same_places(shown, default, pixels=10):
    """Whether the same panels are shown, each within ``pixels`` of its default place and size."""
    return shown.keys() == default.keys() and all(
        max(abs(a - b) for a, b in zip(shown[title], default[title], strict=True)) <= pixels for title in default)


def test_reset_layout_puts_every_panel_back(window, qtbot):
    qtbot.waitUntil(lambda: window.docks["Explanation"].width() > 0)
    default = dock_geometries(window)
    window.tabifyDockWidget(window.docks["Batch"], window.docks["Layers"])
    window.docks["Network"].toggleViewAction().trigger()  # the user closes a panel
    window.docks["Explanation"].setFloating(True)
    window.tool_bar.toggleViewAction().trigger()
    action = next(a for a in menu(window, "View").actions() if a.text().replace("&", "") == "Reset layout")
    action.trigger()
    qtbot.waitUntil(lambda: same_places(dock_geometries(window), default))
    assert window.tool_bar.isVisible() and not window.docks["Explanation"].isFloating()


def test_a_squeezed_layout_is_not_brought_back_at_the_next_start(window, qtbot):
    docks = window.docks
    window.resizeDocks([docks["Forward pass"], docks["Explanation"], docks["Outputs"]], [1, 2000, 2000],
                       Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.squeezed_panels() == ["Forward pass"])
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.waitUntil(lambda: again.docks["Forward pass"].width() >= SQUEEZED)  # the default layout's
    assert again.squeezed_panels() == []


def test_the_books_code_in_the_forward_pass_grows_with_the_zoom_and_stays_fixed_pitch(window, qtbot):
    """A projector's audience reads the code line as well as the table under it."""
    labels = (window.stepper.code_label, window.stepper.cell_code_label)
    sizes = [label.font().pointSizeF() for label in labels]
    assert sizes[0] == window.stepper.view.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    for label, size in zip(labels, sizes, strict=True):
        assert label.font().pointSizeF() == size + 2 * ZOOM_STEP
        assert QFontInfo(label.font()).fixedPitch()

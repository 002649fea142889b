"""The Help menu and presentation mode, driven from the menus and keys as a user does."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser
from shown import show

from nnstudio.widgets.help_menu import PANEL_GUIDE
from nnstudio.widgets.main_window import PRESENTATION_ZOOM, MainWindow


def menu_action(window, menu_title, text):
    menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().title() == menu_title)
    return next(a for a in menu.actions() if a.text() == text)


def test_f1_lists_every_shortcut_of_the_menus(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
    text = dialog.findChild(QTextBrowser).toPlainText()
    for expected in ("Presentation mode", "F11", "Zoom in", "Undo", "Train", "Keyboard shortcuts", "F1"):
        assert expected in text
    dialog.reject()


def test_the_help_windows_are_as_zoomed_as_the_window(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
    shown = dialog.findChild(QTextBrowser).font().pointSize()
    assert shown == window.font().pointSize() > QApplication.font().pointSize()
    dialog.reject()


def test_a_message_box_opens_as_zoomed_as_the_window(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    sizes = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        sizes.append(box.font().pointSize())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    menu_action(window, "&Help", "&About NN Studio").trigger()
    assert sizes == [window.font().pointSize()] and sizes[0] > QApplication.font().pointSize()


def test_the_panel_guide_names_every_panel_of_the_window(document, qtbot):
    window = MainWindow(document)
    assert set(PANEL_GUIDE) == set(window.docks)


def test_about_names_the_versions(document, qtbot):
    window = show(qtbot, MainWindow(document), 1280, 800)
    seen = []

    def read_and_close():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    menu_action(window, "&Help", "&About NN Studio").trigger()
    assert seen and all(name in seen[0] for name in ("Qt", "PySide6", "numpy", "pyqtgraph", "nnfs 0.5.1"))


def test_f11_presents_full_screen_large_without_the_banner_and_comes_back(window, qtbot):
    document = window.document
    document.replace_state(document.state.replace(note="A lesson's caption"))
    qtbot.waitUntil(window.caption_banner.isVisible)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.windowState() & Qt.WindowState.WindowFullScreen and window.zoom == PRESENTATION_ZOOM
    assert not window.caption_banner.isVisible() and window.presentation_action.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.zoom == 0 and window.caption_banner.isVisible()
    assert not window.presentation_action.isChecked()


def test_a_teacher_writes_the_title_and_caption_and_a_closed_caption_comes_back(window, qtbot):
    document = window.document

    def write():
        dialog = QApplication.activeModalWidget()
        dialog.title.setText("Lesson 17: my own")
        dialog.note.setPlainText("Watch the regions as you train.")
        dialog.accept()

    QTimer.singleShot(0, write)
    window.file_actions.lessons_menu.edit_caption_action.trigger()
    assert document.state.note == "Watch the regions as you train."
    assert window.file_actions.title == "Lesson 17: my own" and "Lesson 17: my own" in window.windowTitle()
    qtbot.waitUntil(window.caption_banner.isVisible)
    assert window.caption_banner.label.text() == "Watch the regions as you train."
    qtbot.mouseClick(window.caption_banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.caption_banner.isVisible()
    menu_action(window, "&View", "Show the &caption").trigger()
    assert window.caption_banner.isVisible()
    document.undo_stack.undo()
    assert document.state.note == "" and not window.caption_banner.isVisible()

"""New, Open, Save, Save As, Recent files and the unsaved-changes question, driven as a user does."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from nnstudio.document.project_file import load
from nnstudio.widgets.main_window import MainWindow

Buttons = QMessageBox.StandardButton


@pytest.fixture
def window(qtbot, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.warnings, window.questions = [], []
    window.answer = Buttons.Discard
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: window.warnings.append(text))

    def question(_parent, _title, text, *args):
        window.questions.append(text)
        return window.answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return window


def choose_file(monkeypatch, path):
    """The file dialogs answer ``path`` (as if the user picked it)."""
    answer = (str(path), "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: answer)


def press(qtbot, window, standard_key):
    sequence = QKeySequence.keyBindings(standard_key)[0]
    qtbot.keyClick(window, sequence[0].key(), sequence[0].keyboardModifiers())


def test_file_menu_holds_the_actions_with_standard_shortcuts_before_quit(window):
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["&New", "&Open…", "Open &Recent"]
    assert texts[-1] == "&Quit"
    actions = window.file_actions
    for action, key in [(actions.new_action, QKeySequence.StandardKey.New),
                        (actions.open_action, QKeySequence.StandardKey.Open),
                        (actions.save_action, QKeySequence.StandardKey.Save),
                        (actions.save_as_action, QKeySequence.StandardKey.SaveAs)]:
        assert action.shortcuts() == QKeySequence.keyBindings(key)


def test_save_with_the_shortcut_then_reopen_is_identical(qtbot, window, monkeypatch, tmp_path):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    document = window.document
    document.set_parameter(0, "weights", 1, 2, 0.625)
    assert window.isWindowModified()
    path = tmp_path / "mine.nnstudio.json"
    choose_file(monkeypatch, path)
    press(qtbot, window, QKeySequence.StandardKey.Save)  # untitled: Save asks where
    assert path.exists() and document.undo_stack.isClean() and not window.isWindowModified()
    assert "mine" in window.windowTitle()
    saved = document.state
    document.set_parameter(0, "weights", 0, 0, 9.0)
    press(qtbot, window, QKeySequence.StandardKey.Open)
    assert len(window.questions) == 1  # unsaved changes: asked first, answered Discard
    for mine, theirs in zip(document.state.layers, saved.layers, strict=True):
        if mine.kind == "Dense":
            assert mine.weights.dtype == theirs.weights.dtype
            assert np.array_equal(mine.weights, theirs.weights) and np.array_equal(mine.biases, theirs.biases)


def test_cancel_keeps_the_unsaved_network(window, monkeypatch, tmp_path):
    document = window.document
    document.set_parameter(0, "weights", 0, 0, 4.0)
    state = document.state
    window.answer = Buttons.Cancel
    window.file_actions.new_action.trigger()
    assert document.state is state and not document.undo_stack.isClean()


def test_new_after_save_needs_no_question_and_starts_afresh(window, monkeypatch, tmp_path):
    document = window.document
    document.set_parameter(0, "weights", 0, 0, 4.0)
    choose_file(monkeypatch, tmp_path / "a.nnstudio.json")
    window.file_actions.save_as_action.trigger()
    window.file_actions.new_action.trigger()
    assert window.questions == []
    assert document.dense(0).weights[0, 0] != 4.0 and window.file_actions.path is None


def test_answer_save_saves_before_opening(window, monkeypatch, tmp_path):
    document = window.document
    first = tmp_path / "first.nnstudio.json"
    choose_file(monkeypatch, first)
    window.file_actions.save_action.trigger()
    document.set_parameter(0, "biases", 0, 1, -1.5)
    window.answer = Buttons.Save
    window.file_actions.open_action.trigger()  # Save goes to first, then Open reads first back
    assert load(first).state.layers[0].biases[0, 1] == np.float32(-1.5)
    assert document.dense(0).biases[0, 1] == np.float32(-1.5)


def test_quit_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window):
    window.show()
    window.document.set_parameter(0, "weights", 0, 0, 2.0)
    window.answer = Buttons.Cancel
    window.quit_action.trigger()
    assert window.isVisible() and len(window.questions) == 1
    window.answer = Buttons.Discard
    window.quit_action.trigger()
    assert not window.isVisible()


def test_recent_files_menu_lists_and_opens_saved_files(window, monkeypatch, tmp_path):
    for name in ("one", "two"):
        choose_file(monkeypatch, tmp_path / f"{name}.nnstudio.json")
        window.file_actions.save_as_action.trigger()
    menu = window.file_actions.recent_menu
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["&1 two.nnstudio.json", "&2 one.nnstudio.json"]
    window.document.set_parameter(0, "weights", 0, 0, 7.0)
    window.answer = Buttons.Discard
    menu.actions()[1].trigger()
    assert window.file_actions.path.name == "one.nnstudio.json"
    (tmp_path / "two.nnstudio.json").unlink()
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if "two" in a.text()).trigger()
    assert "no longer exists" in window.warnings[-1]
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["&1 one.nnstudio.json"]


def test_a_bad_file_shows_a_dialog_and_keeps_the_network(window, monkeypatch, tmp_path):
    bad = tmp_path / "bad.nnstudio.json"
    bad.write_text('{"format": "nnstudio-project", "version": 3}')
    state = window.document.state
    choose_file(monkeypatch, bad)
    window.file_actions.open_action.trigger()
    assert window.document.state is state
    assert "version 3" in window.warnings[0] and "unchanged" in window.warnings[0]


def test_export_script_writes_a_file(window, monkeypatch, tmp_path):
    out = tmp_path / "net.py"
    choose_file(monkeypatch, out)
    window.file_actions.export_action.trigger()
    assert "class Layer_Dense" in out.read_text()
    assert window.message_line.text().startswith("Wrote net.py")


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_exporting_a_network_that_overflows_says_so_in_its_dialog_alone(window, monkeypatch, tmp_path):
    document = window.document
    document.set_hand_rows([[1.0, 1.0]], [0], "Type one row")
    document.set_parameter(0, "weights", 0, 0, 3e38)
    document.set_parameter(0, "weights", 1, 0, 3e38)  # 3e38 + 3e38 passes float32's largest value
    choose_file(monkeypatch, tmp_path / "net.py")
    window.file_actions.export_action.trigger()
    assert "overflowed float32" in window.warnings[0]
    assert not (tmp_path / "net.py").exists()


def test_lessons_menu_sits_before_view(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("Le&ssons") == titles.index("&View") - 1
    assert window.file_actions.lessons_menu.isEnabled()
    assert all(a.statusTip() for a in window.file_actions.lessons_menu.lesson_actions)


def test_a_missing_file_on_the_command_line_opens_the_window_and_says_so_without_waiting(qtbot, tmp_path,
                                                                                           monkeypatch):
    from nnstudio.app import open_window

    monkeypatch.chdir(tmp_path)
    window = open_window("missing.json")  # python main.py missing.json
    qtbot.addWidget(window)
    assert window.isVisible() and QApplication.activeModalWidget() is None
    [box] = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert box.windowModality() == Qt.WindowModality.NonModal
    assert str(tmp_path / "missing.json") in box.text()
    assert "unchanged" not in box.text() and "spiral classifier" in box.text()
    assert window.document.undo_stack.isClean() and window.file_actions.path is None


def record_dialogs(monkeypatch, answer):
    """The file dialogs answer ``answer``; returns the folder or suggestion each was opened with."""
    opened_with = []

    def dialog(_parent, _caption, start, *rest, **keywords):
        opened_with.append(Path(start))
        return str(answer), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return opened_with


def test_a_lessons_suggested_file_name_is_valid_everywhere(window, monkeypatch):
    window.file_actions.lessons_menu.lesson_actions[5].trigger()  # "Lesson 6: Spiral data …"
    assert ":" in window.file_actions.title
    opened_with = record_dialogs(monkeypatch, "")
    window.file_actions.save_as_action.trigger()
    window.file_actions.export_action.trigger()
    project, script = (path.name for path in opened_with)
    assert project.startswith("Lesson 6 - Spiral") and project.endswith(".nnstudio.json")
    assert script.startswith("Lesson_6_-_Spiral") and script.endswith(".py")
    assert not any(set(name) & set('<>:"/\\|?*') for name in (project, script))


def test_file_dialogs_open_in_the_folder_last_used(window, monkeypatch, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    record_dialogs(monkeypatch, folder / "mine.nnstudio.json")
    window.file_actions.save_as_action.trigger()
    assert (folder / "mine.nnstudio.json").exists()
    window.file_actions.new_action.trigger()  # untitled again: no project folder to fall back on
    opened_with = record_dialogs(monkeypatch, "")
    window.file_actions.open_action.trigger()
    window.file_actions.export_action.trigger()
    window.batch_panel.import_button.click()
    window.batch_panel.export_button.click()
    window.export_actions.picture_actions["Data"].trigger()
    open_folder, script, csv_in, csv_out, picture = opened_with
    assert open_folder == csv_in == folder
    assert script.parent == csv_out.parent == picture.parent == folder

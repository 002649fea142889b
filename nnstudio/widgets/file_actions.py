"""The File menu's actions: New, Open, Open Recent, Save, Save As, Export as Python script.

Unsaved work is never lost silently: New, Open and closing the window ask first when the undo
stack is not clean. A file that cannot be read gives a dialog saying why; the network that was
open stays open, unchanged.
"""

from dataclasses import replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import SIGNAL, SLOT, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnstudio.document import spiral_classifier
from nnstudio.document.export_script import ExportError, export_script
from nnstudio.document.messages import hint
from nnstudio.document.project_file import SUFFIX, Project, ProjectFileError, load, save, write_text

from .file_places import file_name, last_folder, remember_folder, suggested_path
from .lessons import LessonsMenu, find_lessons, show_start_page_first_time

APP_TITLE = "NN Studio"
PROJECT_FILTER = f"NN Studio projects (*{SUFFIX} *.json);;All files (*)"
SCRIPT_FILTER = "Python scripts (*.py)"
RECENT_KEY = "files/recent"
MAX_RECENT = 8

SAVED = hint("Saved {file}.")
WROTE_SCRIPT = hint("Wrote {file}: run it with python to see the same numbers.")


def install_file_actions(window):
    """Put the file actions in ``window``'s File menu (above Quit) and a Lessons menu before View."""
    actions = FileActions(window)
    actions.lessons_menu = LessonsMenu(actions, actions.lessons, window)
    window.menuBar().insertMenu(window.view_menu.menuAction(), actions.lessons_menu)
    return actions


class FileActions(QObject):
    """Owns the window's file: its path, its title, and the actions that open and save it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.path = None  # the file the network was opened from or saved to; None when untitled
        self.title = ""  # a lesson's or a file's title, saved with it
        self.lessons = find_lessons()
        self.new_action = self._action("&New", self.new, QKeySequence.StandardKey.New)
        self.open_action = self._action("&Open…", self.open, QKeySequence.StandardKey.Open)
        self.recent_menu = window.file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_action = self._action("&Save", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action("Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.export_action = self._action("&Export as Python script…", self.export_script)
        self.export_action.setStatusTip("Write a numpy script in the notebook's style that prints these numbers")
        quit_action = window.quit_action
        file_menu = window.file_menu
        file_menu.insertActions(quit_action, [self.new_action, self.open_action])
        file_menu.insertMenu(quit_action, self.recent_menu)
        file_menu.insertSeparator(quit_action)
        file_menu.insertActions(quit_action, [self.save_action, self.save_as_action])
        file_menu.insertSeparator(quit_action)
        file_menu.insertAction(quit_action, self.export_action)
        file_menu.insertSeparator(quit_action)
        self.document.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._closing_confirmed = False
        # Quit asks about unsaved changes first. (A string disconnect: disconnecting the bound
        # method window.close corrupts a reference count in PySide 6.)
        QObject.disconnect(quit_action, SIGNAL("triggered(bool)"), window, SLOT("close()"))
        quit_action.triggered.connect(lambda _=False: self.quit())
        self._show_title()

    def _action(self, text, slot, standard_key=None):
        action = QAction(text, self.window)
        if standard_key is not None:
            action.setShortcuts(QKeySequence.keyBindings(standard_key))
        action.triggered.connect(lambda _=False: slot())
        return action

    # ----- New and Open ------------------------------------------------------------------------
    def new(self):
        if self.may_discard_changes():
            self._take(Project(spiral_classifier()), None)

    def open(self):
        if not self.may_discard_changes():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Open a project", self._folder(), PROJECT_FILTER)
        if path:
            self.open_file(path)

    def open_file(self, path, untitled=False, title=None):
        """Open the project at ``path``; on a bad file show why and keep the open network.
        ``untitled``: keep no path (a lesson), so Save asks where; ``title`` replaces the file's.
        Returns whether it opened."""
        try:
            project = load(path)
        except ProjectFileError as error:
            QMessageBox.warning(
                self.window, "Could not open the file",
                f"{Path(path).name} was not opened. {error}\n\nThe network that was open is unchanged.",
            )
            return False
        self._open(project, path, untitled, title)
        return True

    def open_at_start(self, path):
        """Open the file named on the command line, the window already shown: a file that cannot
        be opened is said, with its full path, in a box that does not wait for an answer (the
        window behind it is ready to use). Returns whether it opened."""
        try:
            project = load(path)
        except ProjectFileError as error:
            box = QMessageBox(
                QMessageBox.Icon.Warning, "Could not open the file",
                f"{Path(path).absolute()} was not opened. {error}\n\nNN Studio starts with the notebook's"
                " spiral classifier instead.",
                QMessageBox.StandardButton.Ok, self.window,
            )
            box.setWindowModality(Qt.WindowModality.NonModal)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.show()
            return False
        self._open(project, path)
        return True

    def _open(self, project, path, untitled=False, title=None):
        if title is not None:
            project = replace(project, title=title)
        self._take(project, None if untitled else Path(path))
        if not untitled:
            self._remember(path)
            remember_folder(path)

    def _take(self, project, path):
        self.document.replace_state(project.state, project.step, project.history)
        self.path, self.title = path, project.title
        self._show_title()  # the project's note shows in the window's caption banner

    # ----- Save --------------------------------------------------------------------------------
    def save(self):
        """Save to the current file (asking where when untitled); returns whether it was saved."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self):
        suggestion = str(self.path) if self.path else suggested_path(self._name(), SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self.window, "Save the project", suggestion, PROJECT_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += SUFFIX
        return self._write(Path(path))

    def _write(self, path):
        self.document.trainer.pause()  # the state on screen is saved, and the run is one undo step
        try:
            save(Project(self.document.state, self._saved_step(), self.title, tuple(self.document.history)), path)
        except ProjectFileError as error:
            QMessageBox.warning(self.window, "Could not save", f"{error}\n\nThe network is still open, unsaved.")
            return False
        self.path = Path(path)
        self.document.undo_stack.setClean()
        self._remember(path)
        remember_folder(path)
        self._show_title()
        self.document.post(SAVED(file=self.path.name))
        return True

    def _saved_step(self):
        """The current step, or None at the forward pass's end (the file then opens at its end)."""
        walk = self.document.walk
        step = self.document.selection.step
        return None if walk is None or step == walk.forward_end else step

    # ----- Export ------------------------------------------------------------------------------
    def export_script(self):
        try:
            text = export_script(self.document.state, self.title)
        except ExportError as error:
            QMessageBox.warning(self.window, "Could not export", str(error))
            return False
        suggestion = suggested_path(file_name(self._name()).replace(" ", "_"), ".py", self._folder())
        path, _ = QFileDialog.getSaveFileName(self.window, "Export as Python script", suggestion, SCRIPT_FILTER)
        if not path:
            return False
        try:
            write_text(path, text)
        except ProjectFileError as error:
            QMessageBox.warning(self.window, "Could not export", str(error))
            return False
        remember_folder(path)
        self.document.post(WROTE_SCRIPT(file=Path(path).name))
        return True

    def show_start_page_first_time(self):
        return show_start_page_first_time(self, self.lessons)

    # ----- unsaved changes ---------------------------------------------------------------------
    def may_discard_changes(self):
        """True when there is nothing unsaved, or the user saved or chose to discard it."""
        if self.document.undo_stack.isClean():
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, "Unsaved changes",
            f"{self._name()} has changes that are not saved. Save them first?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save,
        )
        if answer == buttons.Save:
            return self.save()
        return answer == buttons.Discard

    def quit(self):
        """Quit: ask about unsaved changes first, then close the window."""
        if self.may_discard_changes():
            self._closing_confirmed = True
            self.window.close()
            self._closing_confirmed = False

    def may_close(self, event):
        """Whether the window may close: the user closing it (its close button) with unsaved changes
        is asked first. A close from code (Quit, which asked already, or a test) is not asked about."""
        return not event.spontaneous() or self._closing_confirmed or self.may_discard_changes()

    # ----- recent files and the title ----------------------------------------------------------
    def recent_files(self):
        value = QSettings().value(RECENT_KEY)  # a one-entry list may come back as a plain string
        return [value] if isinstance(value, str) else list(value or [])

    def _remember(self, path):
        path = str(Path(path).resolve())
        recent = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        QSettings().setValue(RECENT_KEY, recent)

    def _fill_recent_menu(self):
        self.recent_menu.clear()
        for number, path in enumerate(self.recent_files(), start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def _open_recent(self, path):
        if not self.may_discard_changes():
            return
        if not Path(path).exists():
            QSettings().setValue(RECENT_KEY, [p for p in self.recent_files() if p != path])
            QMessageBox.warning(self.window, "Could not open the file",
                                f"{path} no longer exists; it was taken off the recent files.")
            return
        self.open_file(path)

    def _name(self):
        if self.path is not None:
            return self.path.name.removesuffix(SUFFIX).removesuffix(".json")
        return self.title or "Untitled"

    def _folder(self):
        """The folder the dialogs open in: the one last used, else the project's, else home."""
        return last_folder(self.path.parent if self.path else None)

    def set_title(self, title):
        """The project's title (saved with it; a lesson's names the window while it is untitled)."""
        self.title = title
        self._show_title()

    def _show_title(self):
        self.window.setWindowTitle(f"{self._name()}[*] — {APP_TITLE}")
        self.window.setWindowModified(not self.document.undo_stack.isClean())

    def _on_clean_changed(self, clean):
        if shiboken6.isValid(self.window):  # the undo stack also says so while the window is deleted
            self.window.setWindowModified(not clean)

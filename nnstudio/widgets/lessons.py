"""The notebook's lessons: a Lessons menu, and a start page shown the first time the app opens.

Each lesson is a project file in ``resources/lessons`` (made by ``make_lessons.py``) whose title
names it and whose note is a two-line caption of what to notice.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
)

from nnstudio.document.project_file import ProjectFileError, load

LESSON_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "lessons"
WELCOME_KEY = "start_page/shown"


@dataclass(frozen=True)
class Lesson:
    number: int
    title: str
    caption: str
    path: Path


def find_lessons(folder=LESSON_FOLDER):
    """The lessons in ``folder``, in order; a file that cannot be read is left out."""
    lessons = []
    for path in sorted(folder.glob("*.json"), key=lambda p: int(p.name.split("-")[0])):
        try:
            project = load(path)
        except ProjectFileError:
            continue
        lessons.append(Lesson(len(lessons) + 1, project.title, project.state.note, path))
    return lessons


class LessonsMenu(QMenu):
    """One action per lesson, then the start page."""

    def __init__(self, file_actions, lessons, parent=None):
        super().__init__("Le&ssons", parent)
        self._file_actions = file_actions
        self.lesson_actions = []
        for lesson in lessons:
            action = QAction(f"&{lesson.number}  {lesson.title}", self)
            action.setStatusTip(lesson.caption.split("\n")[0])
            action.triggered.connect(lambda _=False, chosen=lesson: open_lesson(file_actions, chosen))
            self.addAction(action)
            self.lesson_actions.append(action)
        self.addSeparator()
        self.start_page_action = self.addAction("&Start page…")
        self.start_page_action.triggered.connect(lambda: show_start_page(file_actions, lessons))


def open_lesson(file_actions, lesson):
    """Open ``lesson`` untitled (Save then asks where, so the lesson itself stays as it is)."""
    if file_actions.may_discard_changes():
        file_actions.open_file(lesson.path, untitled=True, title=f"Lesson {lesson.number}: {lesson.title}")


class StartPage(QDialog):
    """Welcome: what the app is for, and the lessons with their captions; double-click opens one."""

    def __init__(self, lessons, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Welcome to NN Studio")
        self.setObjectName("StartPage")
        self.lessons = lessons
        heading = QLabel("<h2>Welcome to NN Studio</h2>"
                         "<p>See, number by number, how a neural network computes — the network of "
                         "<i>Neural Networks from Scratch</i>. Each lesson opens one step of the notebook "
                         "with exactly its numbers; change any weight or input and watch every number "
                         "that depends on it follow.</p>")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        for lesson in lessons:
            item = QListWidgetItem(f"{lesson.number}. {lesson.title}\n{lesson.caption}")
            item.setData(Qt.ItemDataRole.UserRole, lesson.number - 1)
            self.list.addItem(item)
        if lessons:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Open lesson", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton("Start with the spiral classifier",
                                             QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel("The lessons stay in the Lessons menu.")
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def chosen(self):
        """The lesson selected in the list, or None."""
        row = self.list.currentRow()
        return self.lessons[row] if 0 <= row < len(self.lessons) else None


def show_start_page(file_actions, lessons):
    """Show the start page (not blocking); opening a lesson goes through the usual checks."""
    page = StartPage(lessons, file_actions.window)
    page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.accepted.connect(lambda: page.chosen() and open_lesson(file_actions, page.chosen()))
    page.show()
    return page


def show_start_page_first_time(file_actions, lessons):
    """The start page, the first time the app opens; None afterwards."""
    settings = QSettings()
    if settings.value(WELCOME_KEY, False, type=bool):
        return None
    settings.setValue(WELCOME_KEY, True)
    return show_start_page(file_actions, lessons)

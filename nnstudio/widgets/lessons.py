"""The notebook's lessons: a Lessons menu, a start page shown the first time the app opens, and
a banner that keeps the open lesson's caption in view above the data plot.

Each lesson is a project file in ``resources/lessons`` (made by ``resources/make_lessons.py``,
shipped in the package as ``nnstudio.lessons``) whose title names it and whose note is a two-line
caption of what to notice.
"""

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnstudio.document.limits import MAX_TITLE
from nnstudio.document.project_file import ProjectFileError, read_heading

LESSON_FOLDER = files("nnstudio.lessons")  # a folder: pip installs a package as files
WELCOME_KEY = "start_page/shown"


@dataclass(frozen=True)
class Lesson:
    number: int
    title: str
    caption: str
    path: Path


def find_lessons(folder=LESSON_FOLDER):
    """The lessons in ``folder``, in order, by their titles and captions; a file that is not a
    project file is left out (one broken past its heading says so when it is opened)."""
    lessons = []
    paths = (path for path in folder.iterdir() if path.name.endswith(".json"))
    for path in sorted(paths, key=lambda p: int(p.name.split("-")[0])):
        try:
            title, caption = read_heading(path)
        except ProjectFileError:
            continue
        lessons.append(Lesson(len(lessons) + 1, title, caption, path))
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
        self.edit_caption_action = self.addAction("&Edit title and caption…")
        self.edit_caption_action.setStatusTip("Write the title and the caption a class sees above the data (saved with"
                                              " the project)")
        self.edit_caption_action.triggered.connect(lambda: edit_caption(file_actions))


def edit_caption(file_actions):
    """Ask for the project's title and caption, and take them (the caption as one undo step)."""
    document = file_actions.document
    dialog = CaptionDialog(file_actions.title, document.state.note, file_actions.window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    title, note = dialog.values()
    if document.set_note(note):
        file_actions.set_title(title)


class CaptionDialog(QDialog):
    """A project's title and caption, as a teacher writes them for a lesson."""

    def __init__(self, title, note, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Title and caption")
        self.title = QLineEdit(title, maxLength=MAX_TITLE, placeholderText="Lesson 17: …")
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText("What the class should look at, and what to try.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Title:", self.title)
        form.addRow("Caption:", self.note)
        form.addRow(buttons)
        self.resize(520, 320)

    def values(self):
        return self.title.text().strip(), self.note.toPlainText().strip()


def open_lesson(file_actions, lesson):
    """Open ``lesson`` untitled (Save then asks where, so the lesson itself stays as it is)."""
    if file_actions.may_discard_changes():
        file_actions.open_file(lesson.path, untitled=True, title=f"Lesson {lesson.number}: {lesson.title}")


class TitleLineDelegate(QStyledItemDelegate):
    """Draws an item's text with its first line in bold: a title over its caption."""

    MARGIN = 6

    def paint(self, painter, option, index):
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        title, _, caption = index.data().partition("\n")  # option.text has its newlines replaced
        option.text = ""
        widget = option.widget
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = option.state & QStyle.StateFlag.State_Selected
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(role))
        area = option.rect.adjusted(self.MARGIN, self.MARGIN // 2, -self.MARGIN, -self.MARGIN // 2)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        title_rect = painter.boundingRect(area, flags, title)
        painter.drawText(area, flags, title)
        painter.setFont(option.font)
        painter.drawText(area.adjusted(0, title_rect.height(), 0, 0), flags, caption)
        painter.restore()

    def sizeHint(self, option, index):
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        lines = index.data().count("\n") + 1
        height = lines * QFontMetrics(option.font).lineSpacing() + self.MARGIN + 2
        return QSize(super().sizeHint(option, index).width(), height)


class StartPage(QDialog):
    """Welcome: what the app is for, and the lessons with their captions; double-click opens one."""

    def __init__(self, lessons, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Welcome to NN Studio")
        self.setObjectName("StartPage")
        self.lessons = lessons
        heading = QLabel("<h2>Welcome to NN Studio</h2>"
                         "<p>See, number by number, how a neural network computes and learns — the "
                         "networks of <i>Neural Networks from Scratch</i>, on its data or TensorFlow "
                         "Playground's. Each lesson opens one step of the book with exactly its numbers; "
                         "change any weight or input and watch every number that depends on it follow, "
                         "or press Train and watch it learn.</p>")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setItemDelegate(TitleLineDelegate(self.list))
        for lesson in lessons:
            self.list.addItem(f"{lesson.number}. {lesson.title}\n{lesson.caption}")
        if lessons:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Open lesson", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton("Start with the spiral classifier",
                                             QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.hint = QLabel("The lessons stay in the <b>Lessons</b> menu: open any of them again at any time.")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(760, 540)

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


class CaptionBanner(QFrame):
    """The open lesson's or project's caption (``document.state.note``), kept in view while it is
    open; hidden when there is none. Its × hides it until another lesson or project is opened."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("CaptionBanner")
        self.document = document
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)  # a note's colours, in any theme
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide the caption; the next lesson opened shows its own")
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 2, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        document.state_replaced.connect(self._on_state_replaced)
        document.note_changed.connect(self._on_state_replaced)  # an edited caption shows at once
        self._on_state_replaced()

    def _on_state_replaced(self):
        note = self.document.state.note
        self.label.setText(note)
        self.setVisible(bool(note))


def install_caption_banner(window):
    """Put a CaptionBanner above ``window``'s central widget (the data plot); returns it."""
    banner = CaptionBanner(window.document)
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(window.takeCentralWidget(), 1)
    window.setCentralWidget(holder)
    return banner

"""The newest message, in the status bar: its severity's icon, then its sentence in its colour."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStyle, QWidget

from nnstudio.document.messages import Severity
from nnstudio.document.palette import severity_color

SHOWN_MS = 8000  # a message goes after this, or at the next edit, whichever comes first
ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.HINT: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class MessageLine(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.icon = QLabel()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # cut at the status bar's width (the tooltip has it all) rather than widening the window
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.clear)
        self.message = None  # the Message shown, or None
        self.icon.hide()

    def show_message(self, message):
        self.message = message
        size = self.label.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(ICONS[message.severity]).pixmap(size, size))
        self.icon.show()
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, severity_color(message.severity, text))
        self.label.setPalette(palette)
        self.label.setText(message.text)
        self.label.setToolTip(message.text)  # a long sentence is cut by the window's width
        self._timer.start()

    def clear(self):
        if self.message is None:
            return  # an edit with nothing to clear leaves the status bar as it is
        self.message = None
        self._timer.stop()
        self.icon.hide()
        self.label.clear()
        self.label.setToolTip("")

    def text(self):
        """The sentence shown ("" when none)."""
        return self.label.text()

"""Counting the paint events a widget receives: what a change makes Qt redraw."""

from PySide6.QtCore import QEvent, QObject


class PaintCounter(QObject):
    """Counts the paint events ``widget`` receives while installed (use as a context manager)."""

    def __init__(self, widget):
        super().__init__()
        self.widget = widget
        self.count = 0

    def __enter__(self):
        self.widget.installEventFilter(self)
        return self

    def __exit__(self, *_exception):
        self.widget.removeEventFilter(self)

    def eventFilter(self, watched, event):
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.count += 1
        return False

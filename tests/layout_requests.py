"""Counting the layout requests a widget receives: a panel laid out again on every edit is slow."""

from PySide6.QtCore import QEvent, QObject


class LayoutRequests(QObject):
    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False

"""How a panel takes the window's zoom (View → Zoom in) without growing its dock, and so the
window, past the screen: its content scrolls when it no longer fits (and a row of tool buttons
wraps: ``qt_helpers.flow_layout``)."""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFrame, QScrollArea


def scrolled(content, parent=None):
    """``content`` in a frameless scroll area that gives it all the room there is, and scroll bars
    only when that is less than ``content`` needs."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


CELL_PADDING = 16  # pixels around a cell's text, across
ROW_PADDING = 8  # and up and down


def size_sections(view, *widest_texts):
    """Rows as tall as the view's text and columns wide enough for the widest of ``widest_texts``:
    a table's cells follow its font, so zooming neither clips nor elides a number."""
    metrics = view.fontMetrics()
    view.verticalHeader().setDefaultSectionSize(metrics.height() + ROW_PADDING)
    width = max(metrics.horizontalAdvance(text) for text in widest_texts) + CELL_PADDING
    view.horizontalHeader().setDefaultSectionSize(width)


class _FontWatcher(QObject):
    def __init__(self, widget, callback):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.FontChange:
            self._callback()
        return False


def on_font_change(widget, callback):
    """Call ``callback()`` whenever ``widget``'s font changes (a zoom reaches it), and once now."""
    _FontWatcher(widget, callback)
    callback()

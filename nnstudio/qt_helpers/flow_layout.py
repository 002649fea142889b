"""A row of buttons that wraps onto more lines when it is too narrow, like words in a paragraph.

A panel's own tool bar (Reset, Step, Run to end; + Dense, + ReLU) must stay whole at every zoom:
zoomed in on a projector, its buttons take a second line instead of being cut. Within a line,
the room left over goes to the items that expand across (an ``Expanding`` size policy), in
proportion to their stretch, so that at the desktop's text size the row
fills the panel as a ``QHBoxLayout`` would.
"""

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout


class FlowLayout(QLayout):
    def __init__(self, parent=None, spacing=2):
        super().__init__(parent)
        self._items = []  # QLayoutItem
        self._stretches = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def add_widget(self, widget, stretch=1):
        """Add ``widget``; ``stretch``: its share of a line's leftover room, if it may grow."""
        self.addWidget(widget)
        self._stretches[-1] = stretch

    # ----- QLayout -----------------------------------------------------------------------------
    def addItem(self, item):
        self._items.append(item)
        self._stretches.append(1)

    def count(self):
        return len(self._items)

    def itemAt(self, index):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index):
        if not 0 <= index < len(self._items):
            return None
        self._stretches.pop(index)
        return self._items.pop(index)

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect):
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self):
        """All on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item, _ in shown) + self.spacing() * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item, _ in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self):
        """The widest item at its narrowest: everything else can wrap."""
        size = QSize()
        for item, _ in self._shown():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    # ----- arranging ---------------------------------------------------------------------------
    def _shown(self):
        return [(item, stretch) for item, stretch in zip(self._items, self._stretches, strict=True)
                if not item.isEmpty()]

    def _with_margins(self, size):
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect, place):
        """Lay the items out in ``rect`` (only measure when not ``place``); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        lines, line, used = [], [], 0
        for item, stretch in self._shown():
            width = min(item.sizeHint().width(), max(area.width(), item.minimumSize().width()))
            if line and used + self.spacing() + width > area.width():
                lines.append(line)
                line, used = [], 0
            used += (self.spacing() if line else 0) + width
            line.append((item, stretch, width))
        if line:
            lines.append(line)
        y = area.y()
        for line in lines:
            height = max(_height(item, width) for item, _, width in line)
            if place:
                self._place_line(line, area.x(), y, area.width(), height)
            y += height + self.spacing()
        return y - self.spacing() - area.y() + margins.top() + margins.bottom() if lines else 0

    def _place_line(self, line, x, y, width, height):
        growing = [stretch if item.expandingDirections() & Qt.Orientation.Horizontal else 0
                   for item, stretch, _ in line]
        spare = max(0, width - sum(natural for *_, natural in line) - self.spacing() * (len(line) - 1))
        for (item, _, natural), share in zip(line, growing, strict=True):
            extra = spare * share // sum(growing) if share else 0
            item.setGeometry(QRect(QPoint(x, y), QSize(natural + extra, height)))
            x += natural + extra + self.spacing()


def _height(item, width):
    """The height ``item`` needs at ``width``: a word-wrapped label's grows as it narrows."""
    return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()

"""Word-wrapped labels one under another, laid out by hand so a new text costs one measurement.

In a QLayout inside a scroll area, a label whose text changes sets off three layout passes: the
column's layout measures every label again (a text layout each), then the scroll area measures
and resizes the column, which lays it out once more: about 1.4 ms per edit for the explanation
panel. Here the column measures each shown label once, moves only what moved, and asks its scroll
area for a new layout only when its own height, or the width of a term too long to wrap, changed.
"""

from PySide6.QtCore import QEvent, QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget

MIN_WIDTH = 120  # pixels: narrower, a formula would wrap after every term


class StackedLabels(QWidget):
    def __init__(self, labels, parent=None):
        super().__init__(parent)
        self.labels = list(labels)
        for label in self.labels:
            label.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # read by the scroll area, which has no layout to ask
        self.setSizePolicy(policy)
        self._extent = None  # the (height, widest unbreakable term) when the labels were last placed

    def _margin(self):
        return self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)

    def _spacing(self):
        return self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing)

    def _shown(self):
        return [label for label in self.labels if not label.isHidden()]

    def _widest_word(self):
        """The widest run of text a label cannot break: the labels are never narrower."""
        return max((label.minimumSizeHint().width() for label in self._shown()), default=0)

    def _heights(self, width):
        """Each shown label with the height its text needs at the column's ``width``."""
        inner = max(1, width - 2 * self._margin(), self._widest_word())
        return inner, [(label, _height(label, inner)) for label in self._shown()]

    def heightForWidth(self, width):
        _, heights = self._heights(width)
        return sum(height for _, height in heights) + self._spacing() * max(0, len(heights) - 1) + 2 * self._margin()

    def hasHeightForWidth(self):
        return True

    def sizeHint(self):
        width = max(self.width(), MIN_WIDTH)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self):
        # a scroll area scrolls across rather than cut a term the labels cannot wrap
        return QSize(max(MIN_WIDTH, self._widest_word() + 2 * self._margin()), 0)

    def place(self):
        """Put every shown label under the one before, as tall as its text needs; ask for a new
        layout around the column only when its height or its least width changed."""
        margin, spacing = self._margin(), self._spacing()
        inner, heights = self._heights(self.width())
        y = margin
        for label, height in heights:
            label.setGeometry(QRect(margin, y, inner, height))  # a no-op when unchanged
            y += height + spacing
        extent = (y, self._widest_word())
        if extent != self._extent:
            self._extent = extent
            self.updateGeometry()

    def showEvent(self, event):
        # texts set while hidden asked for no layout (Qt posts none to a hidden widget)
        super().showEvent(event)
        self.place()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.place()

    def event(self, event):
        # posted by a label whose text, font or visibility changed (this widget has no QLayout)
        if event.type() == QEvent.Type.LayoutRequest:
            self.place()
            return True
        return super().event(event)


def _height(label, width):
    """What ``label`` needs at ``width``: a label with no text yet answers -1 to heightForWidth."""
    height = label.heightForWidth(width)
    return height if height >= 0 else label.sizeHint().height()

"""A sentence pinned to a plot's corner, for when there is nothing (or not everything) to draw."""

import pyqtgraph as pg

MARGIN = 8  # pixels from the plot's top-left corner


class Notice:
    """A TextItem parented to a ViewBox rather than placed in data coordinates, so it stays put in
    the top-left corner whatever the plot shows, and wraps to the plot's width."""

    def __init__(self, view_box):
        self._view_box = view_box
        self.item = pg.TextItem(color="#7a1f1f", fill=pg.mkBrush(255, 255, 255, 225), anchor=(0, 0))
        self.item.setParentItem(view_box)
        self.item.setPos(MARGIN, MARGIN)
        self.item.setZValue(100)
        self.item.setVisible(False)

    def show(self, text):
        """Show ``text``, or hide the notice when ``text`` is empty."""
        if text:
            self.item.setTextWidth(max(160.0, self._view_box.width() - 2 * MARGIN))
            self.item.setText(text)
        self.item.setVisible(bool(text))

    @property
    def text(self):
        return self.item.toPlainText() if self.item.isVisible() else ""

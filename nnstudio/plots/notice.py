"""A sentence pinned to a plot's corner, for when there is nothing (or not everything) to draw."""

import pyqtgraph as pg

MARGIN = 8  # pixels from the host's top-left corner
MIN_WIDTH = 60.0  # pixels: narrower than this, the sentence would be a word a line


class Notice:
    """A TextItem parented to a graphics widget (a ViewBox, or a whole layout) rather than placed
    in data coordinates, so it stays put in the top-left corner whatever the plot shows, and wraps
    to the host's width whenever that changes."""

    def __init__(self, host):
        self._host = host
        self.item = pg.TextItem(color="#7a1f1f", fill=pg.mkBrush(255, 255, 255, 235), anchor=(0, 0))
        self.item.setParentItem(host)
        self.item.setPos(MARGIN, MARGIN)
        self.item.setZValue(100)
        self.item.setVisible(False)
        host.geometryChanged.connect(self._wrap)

    def show(self, text):
        """Show ``text``, or hide the notice when ``text`` is empty."""
        if text:
            self.item.setText(text)
            self._wrap()
        self.item.setVisible(bool(text))

    def set_font(self, font):
        self.item.setFont(font)
        self._wrap()

    def _wrap(self):
        self.item.setTextWidth(max(MIN_WIDTH, self._host.width() - 2 * MARGIN))

    @property
    def text(self):
        return self.item.toPlainText() if self.item.isVisible() else ""

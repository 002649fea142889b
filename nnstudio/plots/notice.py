"""A message pinned to a plot's corner, for when there is nothing (or not everything) to draw."""

import pyqtgraph as pg
from PySide6.QtGui import QColor

from nnstudio.document.palette import severity_color

MARGIN = 8  # pixels from the host's top-left corner
MIN_WIDTH = 60.0  # pixels: narrower than this, the sentence would be a word a line
TEXT_COLOR = QColor("#303030")  # on the notice's white, whatever the window's theme


class Notice:
    """A TextItem parented to a graphics widget (a ViewBox, or a whole layout) rather than placed
    in data coordinates, so it stays put in the top-left corner whatever the plot shows, and wraps
    to the host's width whenever that changes."""

    def __init__(self, host):
        self._host = host
        self.item = pg.TextItem(color=TEXT_COLOR, fill=pg.mkBrush(255, 255, 255, 235), anchor=(0, 0))
        self.item.setParentItem(host)
        self.item.setPos(MARGIN, MARGIN)
        self.item.setZValue(100)
        self.item.setVisible(False)
        host.geometryChanged.connect(self._wrap)

    def show(self, message):
        """Show ``message`` (a Message) in its severity's colour, or hide the notice when it is None."""
        if message is not None:
            self.item.setColor(severity_color(message.severity, TEXT_COLOR))
            self.item.setText(message.text)
            self._wrap()
        self.item.setVisible(message is not None)

    def set_font(self, font):
        self.item.setFont(font)
        self._wrap()

    def _wrap(self):
        self.item.setTextWidth(max(MIN_WIDTH, self._host.width() - 2 * MARGIN))

    @property
    def text(self):
        return self.item.toPlainText() if self.item.isVisible() else ""

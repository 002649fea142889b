"""A ring of fixed size on screen around the selected sample's point of a plot."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem


class SelectionRing(QGraphicsEllipseItem):
    """Drawn by Qt itself: a pyqtgraph scatter of one point costs about 0.25 ms a paint, and the
    selected sample's point moves on every edit. Its position is in the plot's coordinates, its
    size in pixels."""

    def __init__(self, diameter, width):
        super().__init__(-diameter / 2, -diameter / 2, diameter, diameter)
        pen = QPen(Qt.GlobalColor.black, width)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # a click goes to the point under it
        self.setZValue(10)

    def show_at(self, x, y):
        self.setPos(float(x), float(y))

    def centre(self):
        """Where the ring is, in the plot's coordinates."""
        return self.pos().x(), self.pos().y()

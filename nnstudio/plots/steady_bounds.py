"""Scatter and bar items that work out their bounding rectangle once per change.

Qt asks an item for its bounding rectangle many times per repaint (to find the area to redraw,
to cull, to index the scene): about fourteen times per edit across the app's scatters. pyqtgraph
recomputes it in Python each time, with the item's pixel size on screen, which walks up to the
view: about 0.1 ms a call. Qt's rule is that an item calls ``prepareGeometryChange`` before its
rectangle changes, and pyqtgraph's do for new data; the pixel padding also follows the view's
transform and the spots' or pen's size. The rectangle is kept until one of those changes.
"""

import pyqtgraph as pg
from PySide6.QtCore import QRectF

from .pyqtgraph_private import bars_bounds_key, scatter_bounds_key


class SteadyBounds:
    """Mixin for a pyqtgraph item (first among its bases)."""

    _kept = None  # (the item's bounds key when the rectangle was worked out, the rectangle)

    def _bounds_key(self):
        """What the rectangle depends on besides the view and prepareGeometryChange."""
        raise NotImplementedError

    def prepareGeometryChange(self):
        self._kept = None
        super().prepareGeometryChange()

    def viewTransformChanged(self):
        self._kept = None
        super().viewTransformChanged()

    def boundingRect(self):
        if self._kept is None or self._kept[0] != self._bounds_key():
            rect = super().boundingRect()
            self._kept = (self._bounds_key(), rect)
        return QRectF(self._kept[1])  # a copy: a caller may change what it is given


class SteadyScatter(SteadyBounds, pg.ScatterPlotItem):
    def _bounds_key(self):
        return scatter_bounds_key(self)


class SteadyBars(SteadyBounds, pg.BarGraphItem):
    def _bounds_key(self):
        return bars_bounds_key(self)

"""Plots framed by their axes alone, for the Outputs panel, which is on screen at start.

A pyqtgraph PlotItem also builds, whatever it is used for, its context menu's form (some forty
widgets), that menu, an auto-range button with its icon and a title; a ColorBarItem is a PlotItem
too. The Outputs panel's three took about 45 ms of the window's start-up here; these take 8
(``benchmarks/startup.py`` measures the start). They answer the part of PlotItem's and
ColorBarItem's interface the panel uses, under the same names.
"""

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGraphicsGridLayout, QGraphicsPixmapItem, QSizePolicy

COLOUR_STEPS = 256  # entries of a colour bar's lookup table, as ColorBarItem makes it
AXIS_PLACES = {"left": (0, 0), "bottom": (1, 1), "right": (0, 2), "top": (-1, 1)}  # around the view at (0, 1)


class LightPlot(pg.GraphicsWidget):
    """A ViewBox between a left and a bottom axis (``axisItems`` may give either), or the axes
    ``names`` asks for."""

    def __init__(self, axisItems=None, names=("left", "bottom"), parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.vb = pg.ViewBox(parent=self, enableMenu=False)
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(1, 1, 1, 1)
        self.layout.setSpacing(0)
        self.setLayout(self.layout)
        top = 1 if "top" in names else 0
        self.layout.addItem(self.vb, top, 1)
        self.axes = {}
        for name in names:
            axis = (axisItems or {}).get(name) or pg.AxisItem(name)
            axis.linkToView(self.vb)
            row, column = AXIS_PLACES[name]
            self.layout.addItem(axis, row + top, column)
            self.axes[name] = axis
        self.items = []

    def getViewBox(self):
        return self.vb

    def getAxis(self, name):
        return self.axes[name]

    def setLabel(self, axis, text):
        self.axes[axis].setLabel(text)

    def addItem(self, item):
        self.items.append(item)
        self.vb.addItem(item)

    def removeItem(self, item):
        self.items.remove(item)
        self.vb.removeItem(item)

    def setXRange(self, low, high, padding=None):
        self.vb.setXRange(low, high, padding=padding)

    def setYRange(self, low, high, padding=None):
        self.vb.setYRange(low, high, padding=padding)

    def setMouseEnabled(self, x, y):
        self.vb.setMouseEnabled(x=x, y=y)

    def invertY(self, inverted=True):
        self.vb.invertY(inverted)


class LightColourBar(LightPlot):
    """A colour map drawn upright, ``width`` pixels wide in a frame, its levels on an axis to the
    right; it gives the image items it is set for its colour map and levels, as ColorBarItem."""

    def __init__(self, values=(0.0, 1.0), colorMap="viridis", width=14, parent=None):
        super().__init__(names=("left", "bottom", "right", "top"), parent=parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.vb.setMouseEnabled(x=False, y=False)
        self.vb.setRange(xRange=(0, 1), yRange=(0, COLOUR_STEPS), padding=0)
        self.layout.setColumnFixedWidth(1, width)
        for name, axis in self.axes.items():  # the others frame the bar
            axis.setZValue(0.5)
            if name != "right":
                axis.setTicks([])
                axis.setStyle(showValues=False)
        self.axis = self.axes["right"]
        self.axis.setWidth(45)
        self.axis.unlinkFromView()
        self.bar = QGraphicsPixmapItem()
        self.bar.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self.vb.addItem(self.bar)
        self.values = tuple(values)
        self._colour_map = None
        self._images = []
        self.setColorMap(colorMap)
        self.setLevels(values)

    def setImageItem(self, image, insert_in=None):
        """Colour ``image``; placed beside the view of the LightPlot ``insert_in``, if given."""
        self._images.append(image)
        image.setLevels(self.values)
        image.setColorMap(self._colour_map)
        if insert_in is not None:
            insert_in.layout.addItem(self, 0, 4)
            insert_in.layout.setColumnFixedWidth(3, 5)  # a gap after the view

    def setColorMap(self, colour_map):
        self._colour_map = pg.colormap.get(colour_map) if isinstance(colour_map, str) else colour_map
        table = np.expand_dims(self._colour_map.getLookupTable(nPts=COLOUR_STEPS, alpha=True), axis=1)
        self._table = np.ascontiguousarray(table)  # the image reads this buffer
        image = QImage(self._table.data, 1, COLOUR_STEPS, 4, QImage.Format.Format_RGBA8888)
        self.bar.setPixmap(QPixmap.fromImage(image))
        for item in self._images:
            item.setColorMap(self._colour_map)

    def setLevels(self, values):
        self.values = tuple(values)
        self.axis.setRange(*self.values)
        for item in self._images:
            item.setLevels(self.values)

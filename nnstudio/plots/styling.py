"""Axes that read plainly, and the fonts that follow the window's zoom (View → Zoom in).

pyqtgraph's axes rescale small numbers with an SI prefix ("output (x0.001)" over ticks of ±50),
which misleads next to labels that print the numbers themselves; every axis here shows plain
values. Counted things (classes, samples) get an IntegerAxis: whole-number ticks only.
"""

import math

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsItem

from .pyqtgraph_private import axis_title, axis_title_text, tick_font

AXES = ("left", "bottom", "right", "top")
# pyqtgraph's ticks overflow on an axis spanning more than the largest float: an axis reaches this far
AXIS_LIMIT = 1e300
# and spans at least this much: across a narrower one, pixels per unit overflow and Qt's painter fails
AXIS_RESOLUTION = 1e-300
TICK_GAP = 8  # pixels at least between two tick labels


class IntegerAxis(pg.AxisItem):
    """An axis of counted things: ticks at whole numbers only, 1, 2, 5, 10 … apart, as close as
    their labels fit without touching."""

    def __init__(self, orientation, **kwargs):
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickSpacing(self, minVal, maxVal, size):
        if maxVal <= minVal or size <= 0:
            return []
        return [(whole_spacing(self._label_extent(minVal, maxVal) + TICK_GAP, (maxVal - minVal) / size), 0.0)]

    def _label_extent(self, minVal, maxVal):
        """Pixels a tick label takes along the axis: its width across, its height up and down."""
        metrics = QFontMetricsF(tick_font(self))
        if self.orientation in ("left", "right"):
            return metrics.height()
        return max(metrics.horizontalAdvance(str(round(value))) for value in (minVal, maxVal))

    def tickStrings(self, values, scale, spacing):
        return [str(round(value)) for value in values]


def whole_spacing(pixels, units_per_pixel):
    """The smallest of 1, 2, 5, 10, 20, 50 … at least ``pixels`` long on the axis."""
    needed = max(1.0, pixels * units_per_pixel)
    power = 10.0 ** math.floor(math.log10(needed))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= needed)


def tickable(low, high):
    """``low``…``high`` clipped to ±AXIS_LIMIT, a range pyqtgraph can put ticks on."""
    return max(-AXIS_LIMIT, min(low, AXIS_LIMIT)), max(-AXIS_LIMIT, min(high, AXIS_LIMIT))


def integer_axes(*orientations):
    """``axisItems`` for a PlotItem whose ``orientations`` count things."""
    return {orientation: IntegerAxis(orientation) for orientation in orientations}


def plain_axes(plot_item):
    """No SI-prefix rescaling on any of ``plot_item``'s axes, and each axis kept as a pixmap: the
    items next to an axis (an image, bars, a dot at the edge) repaint on every edit, and an axis
    they touch is then blitted rather than drawn tick by tick (redrawn only when it changes). Its
    title is an item of its own, a rich text laid out on every paint, so it is kept too."""
    for axis in axes_of(plot_item):
        axis.enableAutoSIPrefix(False)
        for item in (axis, axis_title(axis)):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def axes_of(plot_item):
    """The axes of ``plot_item`` (a PlotItem has all four, hidden or not; a LightPlot those it shows)."""
    return [plot_item.getAxis(name) for name in AXES if name in plot_item.axes]


def point_edge():
    """The thin dark ring around a data point, which keeps pale class colours apart from the regions."""
    return pg.mkPen(40, 40, 40, 200, width=0.8)


def zoomed_font(points, change=0.0, bold=False):
    """The application's font ``points`` larger (the window's zoom), plus ``change`` points."""
    font = QFont(QApplication.font())
    font.setPointSizeF(max(5.0, font.pointSizeF() + points + change))
    font.setBold(bold)
    return font


def css_size(font):
    """``font``'s size as pyqtgraph's label options spell it."""
    return f"{font.pointSizeF():g}pt"


def zoom_axes(plot_item, font):
    """Tick labels and axis labels of ``plot_item`` in ``font``'s size."""
    for axis in axes_of(plot_item):
        axis.setStyle(tickFont=font)
        if axis_title_text(axis):
            axis.setLabel(axis_title_text(axis), **{"font-size": css_size(font)})

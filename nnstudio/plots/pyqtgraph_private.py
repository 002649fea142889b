"""Every use of pyqtgraph's undocumented attributes, in one place.

pyqtgraph's public methods do not reach what the plots need to stay fast (place a scatter's
points without styling each one, keep an item's bounding rectangle, hand an image item its
pixels) or to follow the window's zoom (an axis' title item and tick font, a text item's
margins). The attributes used for that are pyqtgraph's own and may change in any release: each
function below has a test in tests/plots/test_pyqtgraph_private.py that fails when it does, and
pyproject.toml bounds pyqtgraph to the versions those tests passed on.
"""

import numpy as np


def place_points(scatter, x, y):
    """Show the points ``x``, ``y`` (arrays) in ``scatter``, whose points all have one style.

    ``ScatterPlotItem.setData`` rebuilds every point's record and looks each one's style up in the
    symbol atlas, a Python loop over the points (0.1 s for 100 000 points of one style, 25 ms for
    3 000 with a brush each). Points of one style have the same record but for their position: the
    first point is styled by setData, the others copy its record (its place in the atlas
    included), and the records take the positions in place; what follows is what ``addPoints``
    does after filling them (new bounds, a repaint, the signal)."""
    if len(x) == 0 or len(scatter.data) == 0:
        scatter.setData(x=x[:1], y=y[:1])  # nothing drawn, or the one point whose record is copied
    if len(scatter.data) != len(x):
        scatter.data = np.repeat(scatter.data[:1], len(x))
        scatter.data["item"] = None  # no SpotItem stands for a copy (addPoints clears them too)
    scatter.data["x"] = x
    scatter.data["y"] = y
    scatter.prepareGeometryChange()
    scatter.informViewBoundsChanged()
    scatter.bounds = [None, None]
    scatter.invalidate()
    scatter.sigPlotChanged.emit(scatter)


def scatter_bounds_key(scatter):
    """What a ScatterPlotItem's rectangle depends on besides its view: pyqtgraph empties ``bounds``
    when the points, their sizes or their pens change."""
    return tuple(scatter.bounds)


def bars_bounds_key(bars):
    """What a BarGraphItem's rectangle depends on besides its view: its data's bounds and its
    pens' widths, both worked out anew by ``setOpts``."""
    return (bars._dataBounds, tuple(bars._penWidth))


def image_to_draw(item):
    """An ImageItem's ``(image, lut, levels)`` as ``setImage`` left them, or None when the item
    is not drawn one pixel per value, rows first."""
    if item.axisOrder != "row-major" or item.autoDownsample:
        return None
    return item.image, item.lut, item.levels


def set_rendered(item, qimage):
    """Hand an ImageItem the picture of its image, as its own ``render`` does, so that ``paint``
    draws it without rendering again."""
    item.qimage = qimage
    item._renderRequired = False
    item._unrenderable = False


def rendered(item):
    """The picture an ImageItem last rendered (None before its first)."""
    return item.qimage


def text_document(text_item):
    """The QTextDocument a TextItem lays its text out in."""
    return text_item.textItem.document()


def text_placement(text_item):
    """A TextItem's anchor (as a tuple) and angle, as last set."""
    return tuple(text_item.anchor), text_item.angle


def axis_title(axis):
    """The graphics item that draws an AxisItem's title."""
    return axis.label


def axis_title_text(axis):
    """An AxisItem's title as given to ``setLabel`` (empty when it has none)."""
    return axis.labelText


def tick_font(axis):
    """The font an AxisItem draws its ticks in: its tick font, else the item's own."""
    return axis.style["tickFont"] or axis.font()

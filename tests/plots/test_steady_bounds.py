"""A kept bounding rectangle is always the one pyqtgraph would work out afresh."""

import pyqtgraph as pg
import pytest
from shown import show

from nnstudio.plots.steady_bounds import SteadyBars, SteadyScatter


@pytest.fixture
def plot(qtbot):
    widget = show(qtbot, pg.PlotWidget(), 400, 300)
    widget.getPlotItem().getViewBox().disableAutoRange()
    widget.setRange(xRange=(-2, 2), yRange=(-2, 2), padding=0)
    return widget


def afresh(item):
    """The rectangle as the pyqtgraph class computes it, nothing kept."""
    pyqtgraph_class = pg.ScatterPlotItem if isinstance(item, SteadyScatter) else pg.BarGraphItem
    return pyqtgraph_class.boundingRect(item)


@pytest.fixture(params=["scatter", "bars"])
def item(request, plot):
    if request.param == "scatter":
        item = SteadyScatter(x=[0.0, 1.0], y=[0.0, 0.5], size=10)
    else:
        item = SteadyBars(x=[0, 1], height=[0.3, 0.8], width=0.6)
    plot.addItem(item)
    return item


def changes(item, plot):
    """Each way the app (or a user's zoom) changes an item, in turn."""
    if isinstance(item, SteadyScatter):
        yield lambda: item.setData(x=[-1.0, 1.5, 0.2], y=[0.1, -0.7, 1.9])
        yield lambda: item.setSize(25)
        yield lambda: item.setPen(pg.mkPen("k", width=6))
    else:
        yield lambda: item.setOpts(x=[0, 1, 2], height=[-0.4, 0.9, 1.7], width=0.6)
        yield lambda: item.setOpts(pen=pg.mkPen("k", width=5))
    yield lambda: plot.setRange(xRange=(-8, 8), yRange=(-1, 1), padding=0)
    yield lambda: plot.resize(800, 200)


def test_the_kept_rectangle_follows_every_change(plot, item, qtbot):
    assert item.boundingRect() == afresh(item)
    for change in changes(item, plot):
        before = item.boundingRect()
        change()
        qtbot.wait(10)
        assert afresh(item) != before  # a change that moves the rectangle
        assert item.boundingRect() == afresh(item)


def test_a_caller_changing_the_rectangle_it_got_does_not_change_the_item(item):
    rect = item.boundingRect()
    rect.adjust(-5, -5, 5, 5)
    assert item.boundingRect() == afresh(item) != rect

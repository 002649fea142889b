"""Each use of pyqtgraph's undocumented attributes still does what the plots rely on: these fail
when a pyqtgraph release renames or changes one (pyproject.toml bounds it to versions they passed on)."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QFont, QImage
from shown import show

from nnstudio.plots import pyqtgraph_private as private


@pytest.fixture
def plot(qtbot):
    widget = show(qtbot, pg.PlotWidget(), 300, 200)
    widget.getPlotItem().getViewBox().disableAutoRange()
    widget.setRange(xRange=(-3, 3), yRange=(-3, 3), padding=0)
    return widget


def picture_of(plot, scatter):
    plot.addItem(scatter)
    image = plot.grab().toImage()
    plot.removeItem(scatter)
    return image


@pytest.mark.parametrize("counts", [(0, 5), (5, 5), (5, 40), (40, 3), (3, 0), (0, 1), (1, 1)])
def test_placed_points_are_what_setdata_would_draw(plot, counts):
    placed = pg.ScatterPlotItem(size=9, brush=pg.mkBrush("g"), pen=pg.mkPen("k", width=0.8))
    rng = np.random.default_rng(sum(counts))
    for count in counts:
        placed.boundingRect()  # pyqtgraph keeps bounds once worked out: placing must drop them
        changed = []
        placed.sigPlotChanged.connect(changed.append)
        x, y = rng.uniform(-2.5, 2.5, count), rng.uniform(-2.5, 2.5, count)

        private.place_points(placed, x, y)

        placed.sigPlotChanged.disconnect(changed.append)
        remade = pg.ScatterPlotItem(x=x, y=y, size=9, brush=pg.mkBrush("g"), pen=pg.mkPen("k", width=0.8))
        assert [(p.pos().x(), p.pos().y()) for p in placed.points()] == list(zip(x, y, strict=True))
        assert {p.brush().color().name() for p in placed.points()} <= {"#00ff00"}
        assert placed.dataBounds(0) == remade.dataBounds(0) and placed.dataBounds(1) == remade.dataBounds(1)
        assert changed
        assert picture_of(plot, placed) == picture_of(plot, remade)
        assert placed.boundingRect() == remade.boundingRect()


def test_the_scatter_bounds_key_changes_with_its_points_sizes_and_pens(plot):
    scatter = pg.ScatterPlotItem(x=[0.0, 1.0], y=[0.0, 1.0], size=5)
    plot.addItem(scatter)
    for change in (
        lambda: scatter.setData(x=[0.0, 2.0], y=[0.0, 1.0]),
        lambda: scatter.setSize(20),
        lambda: scatter.setPen(pg.mkPen("k", width=7)),
    ):
        scatter.boundingRect()
        before = private.scatter_bounds_key(scatter)
        change()
        assert private.scatter_bounds_key(scatter) != before


def test_the_bars_bounds_key_follows_their_data_and_pen(plot):
    bars = pg.BarGraphItem(x=[0, 1], height=[0.5, 1.0], width=0.5)
    plot.addItem(bars)
    bars.boundingRect()
    before = private.bars_bounds_key(bars)
    bars.setOpts(height=[0.5, 2.0])
    bars.boundingRect()
    taller = private.bars_bounds_key(bars)
    bars.setOpts(pen=pg.mkPen("k", width=9))
    bars.boundingRect()
    assert len({before, taller, private.bars_bounds_key(bars)}) == 3


def test_the_image_to_draw_is_what_setimage_was_given(qapp):
    item = pg.ImageItem(axisOrder="row-major")
    image = np.arange(6, dtype=np.float32).reshape(2, 3)
    lut = pg.colormap.get("viridis").getLookupTable(nPts=16)
    item.setImage(image, levels=(0.0, 5.0), lut=lut)
    drawn, drawn_lut, levels = private.image_to_draw(item)
    np.testing.assert_array_equal(drawn, image)
    np.testing.assert_array_equal(drawn_lut, lut)
    assert tuple(levels) == (0.0, 5.0)
    item.setAutoDownsample(True)
    assert private.image_to_draw(item) is None
    assert private.image_to_draw(pg.ImageItem(axisOrder="col-major")) is None


def test_an_image_handed_its_picture_paints_it_without_rendering_again(plot, qtbot, monkeypatch):
    item = pg.ImageItem(axisOrder="row-major")
    item.setImage(np.zeros((2, 2), dtype=np.float32), levels=(0, 1))
    plot.addItem(item)
    picture = QImage(2, 2, QImage.Format.Format_ARGB32_Premultiplied)
    picture.fill(0xFF00FF00)
    renders = []
    monkeypatch.setattr(pg.ImageItem, "render", lambda self: renders.append(self))

    private.set_rendered(item, picture)
    plot.setRange(xRange=(0, 2), yRange=(0, 2), padding=0)
    plot.repaint()

    assert renders == []
    assert private.rendered(item) is picture
    centre = plot.mapFromScene(plot.getPlotItem().getViewBox().mapViewToScene(pg.Point(1, 1)))
    assert plot.grab().toImage().pixelColor(centre).name() == "#00ff00"


def test_a_text_item_lays_out_in_its_document_and_reports_its_placement(qapp):
    text = pg.TextItem("0.5")
    wide = text.boundingRect().width()
    private.text_document(text).setDocumentMargin(0)
    assert text.boundingRect().width() < wide
    text.setAnchor((0.5, 1.0))
    text.setAngle(90)
    assert private.text_placement(text) == ((0.5, 1.0), 90)


def test_an_axis_title_its_text_and_its_tick_font(qapp):
    axis = pg.AxisItem("left")
    assert private.axis_title_text(axis) == ""
    axis.setLabel("probability")
    assert private.axis_title_text(axis) == "probability"
    assert "probability" in private.axis_title(axis).toPlainText()
    assert private.tick_font(axis) == axis.font()
    font = QFont(axis.font())
    font.setPointSizeF(font.pointSizeF() + 5)
    axis.setStyle(tickFont=font)
    assert private.tick_font(axis).pointSizeF() == font.pointSizeF()

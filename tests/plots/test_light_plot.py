"""The Outputs panel's light plots draw what pyqtgraph's PlotItem and ColorBarItem drew."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter

from nnstudio.plots.light_plot import LightColourBar, LightPlot
from nnstudio.plots.outputs_plot import diverging_map


def picture(item):
    """``item``'s pixels, drawn alone in a scene of its own size, and the scene (which owns it)."""
    scene = pg.GraphicsScene()
    scene.addItem(item)
    item.resize(80, 200)
    image = QImage(80, 200, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    return image, scene


@pytest.mark.parametrize("colour_map", ["viridis", "diverging"])
def test_the_colour_bar_colours_images_and_itself_as_pyqtgraphs(qapp, colour_map):
    values = np.linspace(-1.5, 1.5, 40, dtype=np.float32).reshape(8, 5)
    images = []
    for bar_kind in (LightColourBar, pg.ColorBarItem):
        image = pg.ImageItem(axisOrder="row-major")
        image.setImage(values)
        bar = bar_kind(values=(0, 1), width=14) if bar_kind is LightColourBar else \
            pg.ColorBarItem(values=(0, 1), colorMap="viridis", interactive=False, width=14)
        bar.setImageItem(image)
        bar.setColorMap("viridis" if colour_map == "viridis" else diverging_map())
        bar.setLevels((-1.0, 1.0))
        image.render()
        images.append((image, bar))
    (light_image, light_bar), (pyqtgraph_image, pyqtgraph_bar) = images
    np.testing.assert_array_equal(light_image.lut, pyqtgraph_image.lut)
    assert light_image.levels is not None and list(light_image.levels) == list(pyqtgraph_image.levels) == [-1, 1]
    assert light_bar.bar.pixmap().toImage() == pyqtgraph_bar.bar.pixmap().toImage()
    assert light_bar.getAxis("right").range == pyqtgraph_bar.getAxis("right").range == [-1.0, 1.0]


def test_a_light_plot_places_its_items_in_its_view(qapp):
    plot = LightPlot()
    dot = pg.ScatterPlotItem(x=[1.0], y=[2.0], size=30, brush="r", pen=None)
    plot.addItem(dot)
    plot.setXRange(0, 2, padding=0)
    plot.setYRange(0, 4, padding=0)
    image, _scene = picture(plot)
    colour = image.pixelColor(plot.getViewBox().sceneBoundingRect().center().toPoint())
    assert (colour.red(), colour.green(), colour.blue()) == (255, 0, 0)  # the dot, at the view's centre
    assert plot.items == [dot]
    plot.removeItem(dot)
    assert plot.items == [] and dot.scene() is None

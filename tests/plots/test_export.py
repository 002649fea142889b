"""Pictures of the plot panels: a PNG that loads at the panel's size and shows what the panel
shows, an SVG that parses as XML, and a sentence (with no file left behind) when it cannot be written."""

import importlib
import xml.etree.ElementTree as ElementTree

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from nnstudio.document.palette import class_color
from nnstudio.plots.data_plot import DataPlot
from nnstudio.plots.export import PictureExportError, export_picture, graphics_view
from nnstudio.plots.loss_plot import LossPlot
from nnstudio.plots.outputs_plot import OutputsPlot

from .conftest import show

PANELS = {"data": DataPlot, "outputs": OutputsPlot, "loss": LossPlot}


def pixels(image):
    """The image as a rows × columns × RGB array."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : 3 * image.width()].reshape(image.height(), image.width(), 3)


def count_colour(image, colour, tolerance=12):
    rgb = np.array(QColor(colour).getRgb()[:3])
    return int((np.abs(pixels(image).astype(int) - rgb).max(axis=2) <= tolerance).sum())


def parse_svg(path):
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text
    root = ElementTree.fromstring(text)
    assert root.tag.endswith("svg")
    return root


@pytest.mark.parametrize("name", PANELS)
def test_png_loads_at_the_size_of_the_plot(document, qtbot, tmp_path, name):
    panel = show(qtbot, PANELS[name](document), 560, 420)
    path = tmp_path / f"{name}.png"
    width, height = export_picture(panel, path)
    image = QImage(str(path))
    assert not image.isNull()
    view = graphics_view(panel)
    assert isinstance(view, pg.GraphicsView)
    assert (image.width(), image.height()) == (width, height) == (view.width(), view.height())
    assert count_colour(image, class_color(0)) > 20, "the class 0 points, bars or dots are in the picture"


@pytest.mark.parametrize("name", PANELS)
def test_svg_parses_as_xml_and_covers_the_plot(document, qtbot, tmp_path, name):
    panel = show(qtbot, PANELS[name](document), 560, 420)
    path = tmp_path / f"{name}.svg"
    width, height = export_picture(panel, path)
    root = parse_svg(path)
    assert root.get("viewBox").split() == ["0", "0", str(width), str(height)]
    assert len(list(root.iter())) > 50, "the plot's items, not an empty drawing"


def test_svg_export_leaves_pyqtgraph_as_it_was(document, qtbot, tmp_path):
    module = importlib.import_module("pyqtgraph.exporters.SVGExporter")  # the module, not its class
    before = module.correctCoordinates
    export_picture(show(qtbot, LossPlot(document)), tmp_path / "loss.svg")
    assert module.correctCoordinates is before


def test_a_plain_graphics_view_exports_through_qt(qtbot, tmp_path):
    scene = QGraphicsScene()
    scene.addRect(QRectF(0, 0, 200, 100), brush=QColor("#d62728"))
    view = show(qtbot, QGraphicsView(scene), 300, 200)
    width, height = export_picture(view, tmp_path / "view.png")
    image = QImage(str(tmp_path / "view.png"))
    assert (image.width(), image.height()) == (width, height) == (view.viewport().width(), view.viewport().height())
    assert count_colour(image, "#d62728") > 200 * 100 * 0.9
    export_picture(view, tmp_path / "view.svg")
    root = parse_svg(tmp_path / "view.svg")
    assert root.get("viewBox") == f"0 0 {width} {height}"


def test_a_name_without_a_picture_suffix_is_refused(document, qtbot, tmp_path):
    panel = show(qtbot, LossPlot(document))
    with pytest.raises(PictureExportError, match=r"loss\.jpg does not end in \.png or \.svg"):
        export_picture(panel, tmp_path / "loss.jpg")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_gives_a_sentence_and_no_file(document, qtbot, tmp_path):
    panel = show(qtbot, OutputsPlot(document))
    with pytest.raises(PictureExportError, match=r"^Could not write outputs\.png: .+\.$"):
        export_picture(panel, tmp_path / "no such folder" / "outputs.png")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_picture(document, qtbot, tmp_path, monkeypatch):
    panel = show(qtbot, LossPlot(document))
    path = tmp_path / "loss.png"
    path.write_bytes(b"the old picture")
    monkeypatch.setattr("nnstudio.plots.export.QSaveFile.commit", lambda _self: False)
    with pytest.raises(PictureExportError):
        export_picture(panel, path)
    assert path.read_bytes() == b"the old picture"

"""Pictures of the plot panels: a PNG that loads at the panel's size and shows what the panel
shows, titles and big numbers included, an SVG that keeps them as text, and a sentence (with no
file left behind) when it cannot be written."""

import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView
from shown import show

from nnstudio.document.palette import class_color
from nnstudio.plots.data_plot import DataPlot
from nnstudio.plots.export import PictureExportError, export_picture, picture_widget
from nnstudio.plots.loss_plot import LossPlot
from nnstudio.plots.outputs_plot import OutputsPlot

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


def svg_texts(root):
    """The text of every <text> element of an SVG, stripped."""
    return ["".join(element.itertext()).strip() for element in root.iter() if element.tag.endswith("text")]


@pytest.mark.parametrize("name", PANELS)
def test_png_loads_at_the_size_of_the_panel(document, qtbot, tmp_path, name):
    panel = show(qtbot, PANELS[name](document), 560, 420)
    path = tmp_path / f"{name}.png"
    width, height = export_picture(panel, path)
    image = QImage(str(path))
    assert not image.isNull()
    shown = picture_widget(panel)
    assert (image.width(), image.height()) == (width, height) == (shown.width(), shown.height())
    assert count_colour(image, class_color(0)) > 20, "the class 0 points, bars or dots are in the picture"


def test_the_data_picture_is_the_plot_without_the_controls_under_it(document, qtbot):
    panel = show(qtbot, DataPlot(document), 560, 420)
    assert picture_widget(panel) is panel.plot_widget.viewport()


@pytest.mark.parametrize("name", PANELS)
def test_svg_parses_as_xml_and_covers_the_panel(document, qtbot, tmp_path, name):
    panel = show(qtbot, PANELS[name](document), 560, 420)
    path = tmp_path / f"{name}.svg"
    width, height = export_picture(panel, path)
    root = parse_svg(path)
    assert root.get("viewBox").split() == ["0", "0", str(width), str(height)]
    assert len(list(root.iter())) > 50, "the plot's items, not an empty drawing"


def test_the_outputs_picture_carries_its_title_and_the_loss_picture_its_big_numbers(document, qtbot, tmp_path):
    outputs = show(qtbot, OutputsPlot(document), 560, 420)
    export_picture(outputs, tmp_path / "outputs.svg")
    assert outputs.title.text() in svg_texts(parse_svg(tmp_path / "outputs.svg"))
    loss = show(qtbot, LossPlot(document), 560, 420)
    export_picture(loss, tmp_path / "loss.svg")
    texts = svg_texts(parse_svg(tmp_path / "loss.svg"))
    assert loss.loss_label.text() in texts and loss.accuracy_label.text() in texts


def test_svg_axes_are_text_though_they_are_cached_pixmaps_on_screen(document, qtbot, tmp_path):
    panel = show(qtbot, LossPlot(document), 560, 420)
    axis = panel.plot_item.getAxis("bottom")
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    export_picture(panel, tmp_path / "loss.svg")
    texts = svg_texts(parse_svg(tmp_path / "loss.svg"))
    assert "sample" in texts and "100" in texts, "the axis label and a tick label, as text"
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache, "the cache is back"


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


def test_a_picture_is_on_white_paper_without_the_windows_grey_behind_its_titles(document, qtbot, tmp_path):
    panel = show(qtbot, LossPlot(document), 560, 420)
    export_picture(panel, tmp_path / "loss.png")
    image = QImage(str(tmp_path / "loss.png"))
    assert QColor(image.pixel(2, 2)) == QColor("white"), "the corner above the big numbers"
    for label in (panel.loss_label, panel.accuracy_label):  # opaque on screen, so as not to repaint
        corner = label.mapTo(panel, label.rect().topLeft())  # the panel under them on every edit
        assert QColor(image.pixel(corner.x() + 1, corner.y() + 1)) == QColor("white"), "behind a big number"


def render_svg(path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    image = QImage(renderer.defaultSize(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def test_an_svg_of_many_points_holds_them_as_one_picture(document, qtbot, tmp_path):
    # 30 000 points drawn one by one took 2 s and 42 MB of SVG
    from nnstudio.document import Batch
    from nnstudio.plots.export import VECTOR_POINTS

    panel = show(qtbot, DataPlot(document), 560, 420)
    found = {}
    for per_class in (100, VECTOR_POINTS // 3 + 1):
        with qtbot.waitSignal(document.trace_changed):
            document.set_batch(Batch("spiral", per_class, 3, 0))
        path = tmp_path / f"data-{per_class}.svg"
        export_picture(panel, path)
        elements = [element.tag.split("}")[-1] for element in parse_svg(path).iter()]
        found[per_class] = (elements.count("image"), path.stat().st_size)
        assert count_colour(render_svg(path), class_color(2)) > 200, "the class 2 points are drawn"
    (few_images, _), (many_images, many_bytes) = found.values()
    assert few_images >= 300  # pyqtgraph draws each point as a small picture of its symbol
    assert many_images < 10 and many_bytes < 2_000_000

"""Pictures of a panel as PNG or SVG files.

A panel is found by the pyqtgraph view it holds, so the plots need no export code of their own:
pyqtgraph's exporters draw that view's scene (the SVG keeps lines and text as vectors). A panel
drawn with a plain QGraphicsView (the network diagram) is drawn with Qt's own painter targets.
Files are written through QSaveFile, so a failed export never leaves half a picture.
"""

import importlib
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSaveFile, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView

PICTURE_FORMATS = {".png": "PNG image", ".svg": "SVG drawing"}
CSS_DPI = 96  # pixels per inch in SVG and CSS lengths
# the module (pyqtgraph.exporters.SVGExporter, the attribute, is its class of the same name)
_SVG_EXPORTER_MODULE = importlib.import_module("pyqtgraph.exporters.SVGExporter")


class PictureExportError(Exception):
    """Why a picture was not written, as a sentence for the user."""


def graphics_view(panel):
    """The view a panel draws in: a pyqtgraph view if it holds one, else any QGraphicsView
    (the panel itself included); None when it has neither."""
    for kind in (pg.GraphicsView, QGraphicsView):
        if isinstance(panel, kind):
            return panel
        views = panel.findChildren(kind)
        if views:
            return views[0]
    return None


def export_picture(panel, path):
    """Write a picture of ``panel`` to ``path``, PNG or SVG as its suffix says.
    Returns the picture's (width, height) in pixels; raises PictureExportError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in PICTURE_FORMATS:
        raise PictureExportError(
            f"{path.name} does not end in .png or .svg, the two picture formats NN Studio writes."
        )
    view = graphics_view(panel)
    if view is None:
        raise PictureExportError("This panel draws no picture that can be exported.")
    pyqtgraph_view = isinstance(view, pg.GraphicsView)
    size = view.size() if pyqtgraph_view else view.viewport().size()  # what each exporter draws
    if size.isEmpty():
        raise PictureExportError("The panel has no size yet: show it on screen, then export it.")
    if pyqtgraph_view:
        data = _pyqtgraph_png(view) if suffix == ".png" else _pyqtgraph_svg(view)
    else:
        data = _qt_png(view, size) if suffix == ".png" else _qt_svg(view, size)
    _write(path, data)
    return size.width(), size.height()


def _pyqtgraph_png(view):
    return _png_bytes(ImageExporter(view.scene()).export(toBytes=True))


def _pyqtgraph_svg(view):
    with _closed_paths_tolerated():
        return SVGExporter(view.scene()).export(toBytes=True)


@contextmanager
def _closed_paths_tolerated():
    """pyqtgraph 0.14.0's SVG exporter reads every token of a path as "x,y" and fails on the "Z"
    Qt 6.11 writes to close a rectangle (pyqtgraph issue #3485, fixed upstream by commit 1b84c2b2,
    not in a release yet). While exporting, its coordinate fix-up sees the paths without their
    Z's, which are put back where they were afterwards."""
    original = _SVG_EXPORTER_MODULE.correctCoordinates

    def tolerant(node, defs, item, options):
        closed = []
        for path in node.getElementsByTagName("path"):
            tokens = path.getAttribute("d").split()
            closed.append((path, [i for i, token in enumerate(tokens) if token in ("Z", "z")]))
            path.setAttribute("d", " ".join(token for token in tokens if token not in ("Z", "z")))
        original(node, defs, item, options)
        for path, positions in closed:
            tokens = path.getAttribute("d").split()  # one token per token given, each moved
            for position in positions:
                tokens.insert(position, "Z")
            path.setAttribute("d", " ".join(tokens))

    _SVG_EXPORTER_MODULE.correctCoordinates = tolerant
    try:
        yield
    finally:
        _SVG_EXPORTER_MODULE.correctCoordinates = original


def _qt_png(view, size):
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.render(painter)
    painter.end()
    return _png_bytes(image)


def _qt_svg(view, size):
    data = QByteArray()
    buffer = QBuffer(data)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setResolution(CSS_DPI)  # so that a browser shows it at the panel's size in pixels
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle("NN Studio")
    painter = QPainter(generator)
    view.render(painter)
    painter.end()
    return bytes(data)


def _png_bytes(image):
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _write(path, data):
    """Write ``data`` all at once: a temporary file renamed over ``path`` once complete."""
    file = QSaveFile(str(path))
    if file.open(QIODevice.OpenModeFlag.WriteOnly):
        file.write(data)
        if file.commit():
            return
    raise PictureExportError(f"Could not write {path.name}: {file.errorString()}.")

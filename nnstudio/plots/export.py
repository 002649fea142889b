"""Pictures of a panel as PNG or SVG files.

A picture is the panel as the student sees it, drawn by Qt's own painter targets: its title and
big numbers included, not only the plot under them. A panel may name the widget its picture is
taken of (``picture_widget``: the data plot leaves out the row of controls under it); a graphics
view is pictured by its viewport (no frame, no scroll bars). In an SVG the plots stay lines and
text: the items kept as pixmaps for speed on screen are drawn as vectors while it is written
(but a crowd of points goes in as one picture).
Files are written through QSaveFile, so a failed export never leaves half a picture.
"""

from contextlib import contextmanager
from pathlib import Path

from pyqtgraph import ScatterPlotItem
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QPoint, QRect, QSaveFile, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QAbstractScrollArea, QGraphicsItem, QGraphicsView, QWidget

from nnstudio.qt_helpers.when_shown import WhenShown

PICTURE_FORMATS = {".png": "PNG image", ".svg": "SVG drawing"}
CSS_DPI = 96  # pixels per inch in SVG and CSS lengths
VECTOR_POINTS = 5_000  # a scatter of more points goes into an SVG as one picture, at the screen's pixels
# the panel's own drawing on white paper, without the grey of the window behind its titles
ON_PAPER = QWidget.RenderFlag.DrawChildren


class PictureExportError(Exception):
    """Why a picture was not written, as a sentence for the user."""


def picture_widget(panel):
    """The widget a picture of ``panel`` shows."""
    widget = getattr(panel, "picture_widget", panel)
    return widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget


def export_picture(panel, path, scale=1):
    """Write a picture of ``panel`` to ``path``, PNG or SVG as its suffix says, ``scale`` times the
    panel's size on screen (for slides: the same drawing, its text and lines drawn at that size).
    Returns the picture's (width, height) in pixels; raises PictureExportError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in PICTURE_FORMATS:
        raise PictureExportError(
            f"{path.name} does not end in .png or .svg, the two picture formats NN Studio writes."
        )
    for updates in panel.findChildren(WhenShown):  # a panel out of sight may not show the last edit yet
        updates.catch_up()
    # ... nor be laid out for it: the layouts its new texts asked for are posted, not yet run
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    widget = picture_widget(panel)
    size = widget.size()
    if size.isEmpty():
        raise PictureExportError("The panel has no size yet: show it on screen, then export it.")
    _write(path, _png(widget, scale) if suffix == ".png" else _svg(widget, scale))
    return round(size.width() * scale), round(size.height() * scale)


def _png(widget, scale):
    image = QImage(widget.size() * scale, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(scale, scale)
    with _on_paper(widget):
        widget.render(painter, QPoint(), renderFlags=ON_PAPER)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def _svg(widget, scale):
    size = widget.size()
    data = QByteArray()
    buffer = QBuffer(data)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size * scale)  # shown that large; the drawing inside keeps the panel's coordinates
    generator.setResolution(CSS_DPI)  # so that a browser shows it at the panel's size in pixels
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle("NN Studio")
    with _drawn_as_vectors(widget), _on_paper(widget):
        painter = QPainter(generator)
        painter.fillRect(0, 0, size.width(), size.height(), Qt.GlobalColor.white)
        widget.render(painter, QPoint(), renderFlags=ON_PAPER)
        painter.end()
    return bytes(data)


@contextmanager
def _on_paper(widget):
    """No widget under ``widget`` fills its own background for a while: the numbers rewritten on
    every edit are opaque on screen (so their panel is not repainted under them), and would be
    boxes of the window's grey on the white paper."""
    filled = [child for child in widget.findChildren(QWidget) if child.autoFillBackground()]
    for child in filled:
        child.setAutoFillBackground(False)
    try:
        yield
    finally:
        for child in filled:
            child.setAutoFillBackground(True)


@contextmanager
def _drawn_as_vectors(widget):
    """Every graphics item under ``widget`` uncached for a while: a cached item is painted from its
    pixmap, which an SVG would hold as a picture of its text and lines. The scatters of a plot
    with more than VECTOR_POINTS points go the other way: pyqtgraph draws each point as a small
    picture of its symbol, and 30 000 of them took 2 s and 42 MB of SVG; one picture of them all
    takes 0.02 s and 0.1 MB."""
    views = [widget] if isinstance(widget, QGraphicsView) else []
    views += widget.findChildren(QGraphicsView)
    if isinstance(widget.parent(), QGraphicsView):  # a view's viewport
        views.append(widget.parent())
    items = [item for view in views for item in view.scene().items()]
    crowds = [item for view in views for item in _crowds(view.scene())]
    cached = [(item, item.cacheMode()) for item in items
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache or item in crowds]
    for item, _ in cached:  # Qt's device cache draws the picture of a crowd (as on screen: its pixels)
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache if item in crowds
                          else QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)


def _crowds(scene):
    """The scatters of more than one point in ``scene``, when they hold more than VECTOR_POINTS
    points together (a selection ring or a legend's swatch stays a vector)."""
    scatters = [item for item in scene.items() if isinstance(item, ScatterPlotItem) and len(item.getData()[0]) > 1]
    return scatters if sum(len(item.getData()[0]) for item in scatters) > VECTOR_POINTS else []


def _write(path, data):
    """Write ``data`` all at once: a temporary file renamed over ``path`` once complete."""
    file = QSaveFile(str(path))
    if file.open(QIODevice.OpenModeFlag.WriteOnly):
        file.write(data)
        if file.commit():
            return
    raise PictureExportError(f"Could not write {path.name}: {file.errorString()}.")

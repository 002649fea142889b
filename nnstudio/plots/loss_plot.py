"""Each sample's loss as a dot (coloured by its class), with the mean loss and the accuracy as
large numbers above it."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QGridLayout, QLabel, QVBoxLayout, QWidget

from nnstudio.document.palette import class_color
from nnstudio.qt_helpers.growing_label import GrowingLabel
from nnstudio.qt_helpers.when_shown import WhenShown

from .class_scatters import ClassScatters
from .notice import Notice
from .steady_bounds import SteadyScatter
from .styling import integer_axes, plain_axes, zoom_axes, zoomed_font

PICK_RADIUS = 8  # pixels: a click this close to a dot selects its sample
HEADROOM = 1.15  # the loss axis reaches this much above the highest dot when it is (re)set
SHRINK_BELOW = 0.5  # the loss axis is reset when the highest dot falls below this share of it


def loss_axis_top(highest, top):
    """The top of the loss axis for a highest loss of ``highest`` when it now reaches ``top``: kept
    while the dots fit and fill more than SHRINK_BELOW of it, so the axis does not move (nor its
    ticks get redrawn) on every edit."""
    if top is not None and SHRINK_BELOW * top <= highest <= top:
        return top
    return max(highest, 1e-3) * HEADROOM


BIG_NUMBER_SCALE = 2.2  # the mean loss and accuracy, this many times the desktop's text size


def big_number_font(points):
    """The big numbers' font at zoom ``points``: they grow by the points the text does, not in
    proportion, so a zoomed panel still has room for its plot."""
    font = zoomed_font(0, bold=True)
    font.setPointSizeF(font.pointSizeF() * BIG_NUMBER_SCALE + points)
    return font


def big_number():
    label = GrowingLabel("–", alignment=Qt.AlignmentFlag.AlignCenter)
    label.setFont(big_number_font(0))
    return label


def caption_label(text):
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class LossPlot(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.loss_label = big_number()
        self.accuracy_label = big_number()
        numbers = QGridLayout()
        numbers.addWidget(self.loss_label, 0, 0, Qt.AlignmentFlag.AlignCenter)
        numbers.addWidget(self.accuracy_label, 0, 1, Qt.AlignmentFlag.AlignCenter)
        numbers.addWidget(caption_label("mean loss"), 1, 0)
        numbers.addWidget(caption_label("accuracy"), 1, 1)
        self.loss_label.setToolTip("The mean over the batch of each sample's −log(probability of its true class)")
        self.accuracy_label.setToolTip("The share of samples whose largest output is at their true class")

        # a widget rather than the plot's title: it wraps to the panel's width and follows its font
        self.title = QLabel("Each sample's loss, −log(probability of its true class), and their mean (dashed)",
                            wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.plot_widget = pg.PlotWidget(background="w", axisItems=integer_axes("bottom"), enableMenu=False)
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.setLabel("bottom", "sample")
        self.plot_item.setLabel("left", "loss")
        plain_axes(self.plot_item)
        self.view_box = self.plot_item.getViewBox()
        self.view_box.disableAutoRange()  # set from the data, only when it no longer fits
        self.losses = ClassScatters(self.plot_item, lambda c: SteadyScatter(size=6, pen=None, brush=class_color(c)))
        # one ring at the item's origin, moved with setPos: drawn once into a pixmap, then only blitted
        self.selection = SteadyScatter(x=[0.0], y=[0.0], size=14, pen=pg.mkPen("k", width=2.5), brush=pg.mkBrush(None))
        self.selection.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # unlabelled (the title names it, the big number above gives its value): a value label would
        # be rewritten and re-placed on every edit, which costs more than the rest of the panel
        self.mean_line = pg.InfiniteLine(angle=0, pen=pg.mkPen("k", width=1.5, style=Qt.PenStyle.DashLine))
        self.selection.setZValue(1)  # over the class scatters made later
        for item in (self.mean_line, self.selection):
            self.plot_item.addItem(item)
        self.notice = Notice(self.plot_item)  # the whole plot: a short one still has room for it

        self.setMinimumSize(300, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(numbers)
        layout.addWidget(self.title)
        layout.addWidget(self.plot_widget, 1)

        self._loss_top = None  # the top of the loss axis
        self._samples = None  # the number of samples the sample axis spans
        self.plot_widget.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self._updates = WhenShown(self, self._on_trace_changed)
        document.trace_changed.connect(self._updates.request)
        document.selection.sample_changed.connect(self._updates.or_later(self._on_sample_changed))
        self._updates.request()

    def apply_zoom(self, points):
        """Ticks, axis labels, the notice and the big numbers ``points``
        larger than the desktop's text (the captions follow the panel's font by themselves)."""
        font = zoomed_font(points)
        zoom_axes(self.plot_item, font)
        self.notice.set_font(font)
        for label in (self.loss_label, self.accuracy_label):
            label.setFont(big_number_font(points))

    def _on_trace_changed(self):
        trace = self.document.trace
        accuracy = None if trace is None else trace.accuracy
        self.accuracy_label.show_text("–" if accuracy is None else f"{100 * accuracy:.1f} %")
        losses = None if trace is None else trace.sample_losses
        self.loss_label.show_text("–" if losses is None else f"{trace.loss:.4f}")
        self.notice.show((self.document.why_no_trace or self.document.why_no_loss) if losses is None else None)
        self.losses.set_visible(losses is not None)
        for item in (self.mean_line, self.selection):
            item.setVisible(losses is not None)
        if losses is None:
            return
        _, y = self.document.data
        self.losses.show(np.arange(len(losses)), losses, y)
        self.mean_line.setValue(float(trace.loss))
        self._fit_axes(len(losses), float(losses.max()) if len(losses) else 0.0)
        self._on_sample_changed(self.document.selection.sample)

    def _fit_axes(self, samples, highest):
        top = loss_axis_top(highest, self._loss_top)
        if top != self._loss_top:
            self._loss_top = top
            self.view_box.setYRange(0.0, top, padding=0)
        if samples != self._samples:
            self._samples = samples
            self.view_box.setXRange(-0.5, max(samples, 1) - 0.5, padding=0.02)

    def _on_sample_changed(self, sample):
        trace = self.document.trace
        losses = None if trace is None else trace.sample_losses
        if losses is None or not 0 <= sample < len(losses):
            return
        self.selection.setPos(float(sample), float(losses[sample]))

    def _on_mouse_clicked(self, event):
        trace = self.document.trace
        if trace is None or trace.sample_losses is None:
            return
        if not self.view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        where = self.view_box.mapSceneToView(event.scenePos())
        pixel = self.view_box.viewPixelSize()
        losses = trace.sample_losses
        distances = np.hypot((np.arange(len(losses)) - where.x()) / pixel[0], (losses - where.y()) / pixel[1])
        nearest = int(np.argmin(distances))
        if distances[nearest] <= PICK_RADIUS:
            self.document.selection.select_sample(nearest)

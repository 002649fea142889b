"""The network's outputs: the selected sample's as bars, and the whole batch's as a heatmap.

The heatmap is the output matrix the notebook prints — one row per sample, one column per class —
with fixed levels: 0 to 1 for probabilities, symmetric around 0 for raw outputs.

Each bar carries its value as a label sized to the bar: as many digits as fit across it, else
turned on its side, else left out (hovering the bars lists every exact value). The value axis
keeps room above and below the bars for those labels, measured in pixels.
"""

import math
from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPalette, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QVBoxLayout, QWidget

from nnstudio.document.messages import warning
from nnstudio.document.number_text import fixed
from nnstudio.document.palette import class_color, diverging_color
from nnstudio.engine import predicted_classes

from .fast_image import FastImageItem
from .light_plot import LightColourBar, LightPlot
from .notice import Notice
from .pyqtgraph_private import text_document, text_placement
from .steady_bounds import SteadyBars
from .styling import AXIS_LIMIT, AXIS_RESOLUTION, integer_axes, plain_axes, tickable, zoom_axes, zoomed_font

BAR_WIDTH = 0.7
X_PADDING = 0.0  # of the class axis' span, beyond the outer bars' slots (they leave a gap already)
TRUE_CLASS_PEN = pg.mkPen("k", width=2.5)  # the outline of the sample's true class bar
NO_PEN = pg.mkPen(None)
LABEL_MARGIN = 0  # pixels of a value label's box around its text (LABEL_GAP keeps them apart)
LABEL_ROOM = 4  # pixels kept clear beyond a value label, up to the plot's edge
LABEL_GAP = 2  # pixels at least between two labels side by side
MAX_LABEL_SHARE = 0.25  # of the plot's height, at most, kept free for labels along the bars
# Rows of the heatmap's image at most: more than a screen has pixels, so its painter would skip
# the others anyway. A batch of more samples shows every k-th, each k rows tall (17 958 samples
# × 512 outputs: 0.3 s a picture, now 0.03).
HEAT_ROWS = 2160

BEYOND_THE_AXIS = warning("Outputs of size up to {reach:.3g} are beyond ±{limit:g}, the most the plots can draw:"
                          " their bars and colours stop there. Hovering the bars lists the values.")
TOO_CLOSE_TO_ZERO = warning("Every output is within ±{resolution:g} of 0 (the largest is {reach:.3g}), too close to 0"
                            " for the plots to draw apart: they are drawn against ±{resolution:g}. Hovering the bars"
                            " lists the values.")


def heat_rows(output):
    """The rows of ``output`` the heatmap's image holds: every one, or every k-th of more than HEAT_ROWS."""
    return output[:: max(1, -(-len(output) // HEAT_ROWS))]


def diverging_map():
    """The palette's blue–white–red map as a pyqtgraph ColorMap (for outputs that are not probabilities)."""
    return pg.ColorMap([0.0, 0.5, 1.0], [diverging_color(v, 1.0) for v in (-1.0, 0.0, 1.0)])


def are_probabilities(trace):
    return trace.output_step.kind.probabilities


def is_binary(trace):
    """Whether the output is one probability of class 1, scored by binary cross-entropy (chapter 16)."""
    return trace.objective is not None and trace.objective.single_probability


def column_name(trace):
    """What a column of the output is: a class's probability, the probability of class 1 (one
    Sigmoid output), or the last layer's output."""
    return "class" if are_probabilities(trace) else "probability of class 1" if is_binary(trace) else "output"


def out_of_range_note(reach):
    """A warning when outputs as large as ``reach`` (in size) are beyond what the plots can draw,
    else None."""
    if reach > AXIS_LIMIT:
        return BEYOND_THE_AXIS(reach=reach, limit=AXIS_LIMIT)
    if 0 < reach < AXIS_RESOLUTION:
        return TOO_CLOSE_TO_ZERO(reach=reach, resolution=AXIS_RESOLUTION)
    return None


def label_fonts(points):
    """The value labels' font at zoom ``points``, then a smaller one for narrow bars."""
    return (zoomed_font(points, -1), zoomed_font(points, -2.5))


def label_decimals(reach):
    """Decimals to try for values up to ``reach``, most first: three, or as many as show two
    significant digits of a small reach (0.004 → 4); then one fewer if that still shows two."""
    two_digits = max(0, 1 - math.floor(math.log10(reach))) if reach > 0 else 0
    most = max(3, two_digits)
    return list(range(most, max(two_digits, most - 1) - 1, -1))


def bar_range(low, high, below_px, above_px, height_px):
    """The value axis' range showing ``low``…``high`` with ``below_px`` / ``above_px`` pixels of room
    beyond them, on an axis ``height_px`` pixels long (a 15 % margin while it has no size yet)."""
    span = high - low
    share = (below_px + above_px) / height_px if height_px > 0 else 1.0
    if share >= 0.8:  # too short to measure in pixels
        margin = 0.15 * span
        return (low - margin if low < 0 else low, high + margin if high > 0 else high)
    per_px = span / (height_px - below_px - above_px)
    return (low - below_px * per_px, high + above_px * per_px)


class LabelStyle(NamedTuple):
    decimals: int | None  # None: the labels are left out
    angle: int  # 0 across the bar, 90 along it
    font: QFont


def label_style(low, high, slot, height, fonts):
    """How to label bars ``slot`` pixels apart, on a plot ``height`` pixels high, whose values lie
    in ``low``…``high``, and how many pixels a label reaches beyond its bar: across the bar in the
    first of ``fonts`` and decimals that fits, else along it if that leaves the bars room, else
    not at all."""
    decimals_tried = label_decimals(max(high, -low))
    for font in fonts:
        metrics = QFontMetricsF(font)
        for decimals in decimals_tried:
            if _text_width(metrics, low, high, decimals) + LABEL_GAP <= slot:
                return LabelStyle(decimals, 0, font), metrics.height() + 2 * LABEL_MARGIN
    for font in fonts:
        metrics = QFontMetricsF(font)
        decimals = decimals_tried[0]  # along the bar there is room for every digit
        extent = _text_width(metrics, low, high, decimals)
        if math.ceil(metrics.height()) + 2 * LABEL_MARGIN <= slot and extent <= MAX_LABEL_SHARE * height:
            return LabelStyle(decimals, 90, font), extent
    return LabelStyle(None, 0, fonts[0]), 0.0


def _text_width(metrics, low, high, decimals):
    """Pixels across the widest label of a value in ``low``…``high`` (the ends are the widest)."""
    widest = max(metrics.horizontalAdvance(fixed(value, decimals)) for value in (low, high))
    return widest + 2 * LABEL_MARGIN


class OutputsPlot(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # a widget rather than a pyqtgraph label: it wraps, and follows the panel's (zoomed) font
        self.title = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.title.setContentsMargins(4, 4, 4, 4)
        self.title.setAutoFillBackground(True)  # white, as the plots under it (no style sheet: it
        palette = self.title.palette()           # would stop the zoomed font from reaching it)
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.black)
        self.title.setPalette(palette)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.graphics, 1)

        self.bar_plot = LightPlot(axisItems=integer_axes("bottom"))
        self.graphics.addItem(self.bar_plot, row=0, col=0)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        self.bar_plot.setLabel("bottom", "class")
        self.bar_plot.setLabel("left", "probability")
        self.bars = SteadyBars(x=[], height=[], width=BAR_WIDTH)
        self.bar_plot.addItem(self.bars)
        self.bar_labels = []  # one value label per bar, made when the number of classes changes
        self._labelled_values = np.zeros(0)  # the values the labels were last shown for

        self.heat_plot = LightPlot(axisItems=integer_axes("bottom", "left"))
        self.graphics.addItem(self.heat_plot, row=0, col=1)
        self.heat_plot.setMouseEnabled(x=False, y=False)
        self.heat_plot.invertY(True)  # sample 0 on top, as the printed matrix
        self.heat_plot.setLabel("bottom", "class")
        self.heat_plot.setLabel("left", "sample")
        self.heatmap = FastImageItem(axisOrder="row-major")
        self.heat_plot.addItem(self.heatmap)
        self.colour_bar = LightColourBar(values=(0, 1), colorMap="viridis", width=14)
        self.colour_bar.setImageItem(self.heatmap, insert_in=self.heat_plot)
        self.row_marker = QGraphicsRectItem()
        marker_pen = QPen(Qt.GlobalColor.red, 2)
        marker_pen.setCosmetic(True)
        self.row_marker.setPen(marker_pen)
        self.heat_plot.addItem(self.row_marker)
        for plot in (self.bar_plot, self.heat_plot, self.colour_bar):
            plain_axes(plot)
            # Hidden (nothing to show), a plot keeps its room: else the layout shrinks to nothing
            # and stays so when the plots come back (only a resize of the panel laid them out again).
            policy = plot.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            plot.setSizePolicy(policy)
        self.graphics.ci.layout.setColumnStretchFactor(0, 5)  # the bars get a little more: the
        self.graphics.ci.layout.setColumnStretchFactor(1, 4)  # heatmap shares with its colour bar
        self.setMinimumSize(180, 220)

        self.notice = Notice(self.graphics.ci)  # across both plots: an empty panel has room for it
        self._label_fonts = label_fonts(0)
        self._label_style = LabelStyle(None, 0, self._label_fonts[0])  # how the bar labels are written
        self._probabilities = None  # whether the colour bar shows 0…1 (True) or ±max (False)
        self._levels = None  # the colour bar's levels
        self._labels_fitted_for = None  # the label_style arguments the labels and bar axis are fitted to
        self._bar_span = (0.0, 1.0)  # the values the bar axis must show, labels aside
        self._bar_range = None  # the bar axis' range as last set
        self._shape = None  # the output matrix's shape the axes and the heatmap's rect are set for
        self._bar_brushes = []  # one per class

        self.heat_plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.bar_plot.getViewBox().sigResized.connect(self._fit_bar_labels)
        document.trace_changed.connect(self._on_trace_changed)
        document.selection.sample_changed.connect(self._on_sample_changed)
        self._on_trace_changed()

    def apply_zoom(self, points):
        """Ticks, axis labels, title and value labels ``points`` larger than the desktop's text."""
        font = zoomed_font(points)
        for plot in (self.bar_plot, self.heat_plot, self.colour_bar):
            zoom_axes(plot, font)
        self.notice.set_font(font)
        self._label_fonts = label_fonts(points)
        self._fit_bar_labels()
        self._on_sample_changed(self.document.selection.sample)

    def _on_trace_changed(self):
        trace = self.document.trace
        probabilities = trace is not None and (are_probabilities(trace) or is_binary(trace))
        output = None if trace is None else trace.output
        reach = float(np.max(np.abs(output))) if output is not None and output.size else 0.0
        self.notice.show(self.document.why_no_trace if trace is None else None if probabilities
                         else out_of_range_note(reach))
        # with nothing to show, the plots go whole (axes and colour bar too): the notice alone explains
        for plot in (self.bar_plot, self.heat_plot, self.colour_bar):
            plot.setVisible(trace is not None)
        if trace is None:
            self._set_title("")  # the notice says why there is nothing to show
            return
        if probabilities:
            levels = (0.0, 1.0)
            self._bar_span = levels
        else:
            drawn = min(max(reach, AXIS_RESOLUTION), AXIS_LIMIT) if reach > 0 else 1.0
            levels = (-drawn, drawn)
            low, high = min(0.0, float(output.min(initial=0.0))), max(0.0, float(output.max(initial=0.0)))
            if high - low < AXIS_RESOLUTION:  # too narrow an axis to draw: widened from 0 the way the values go
                low, high = (-AXIS_RESOLUTION if low < 0 else 0.0), (AXIS_RESOLUTION if high > 0 else 0.0)
            self._bar_span = (low, high) if high > low else (0.0, 1.0)
        if probabilities != self._probabilities:
            self._probabilities = probabilities
            self.colour_bar.setColorMap("viridis" if probabilities else diverging_map())
            self.bar_plot.setLabel("left", "probability" if probabilities else "output")
        # without a Softmax the columns are the last layer's outputs, not classes (yet); a single
        # Sigmoid output is the probability of class 1
        column = column_name(trace)
        if column != self.heat_plot.getAxis("bottom").labelText:
            for plot in (self.bar_plot, self.heat_plot):
                plot.setLabel("bottom", column)
        # Levels and ranges are set only when they change: each set redraws the axes' ticks.
        if levels != self._levels:
            self._levels = levels
            self.colour_bar.setLevels(levels)
        self.heatmap.setImage(heat_rows(output), levels=levels)  # its rect keeps every sample's place
        shape = (*output.shape, is_binary(trace))
        if shape != self._shape:
            self._shape = shape
            self._fit_shape(*shape)
        self._fit_bar_labels()
        self._on_sample_changed(self.document.selection.sample)

    def _fit_shape(self, n_samples, n_classes, binary):
        # a single probability is class 1's: its bar takes class 1's colour
        self._bar_brushes = [pg.mkBrush(class_color(c + binary)) for c in range(n_classes)]
        self.heatmap.setRect(QRectF(-0.5, -0.5, n_classes, n_samples))
        self.heat_plot.setXRange(-0.5, n_classes - 0.5, padding=0)
        self.heat_plot.setYRange(-0.5, n_samples - 0.5, padding=0)
        self.bar_plot.setXRange(-0.5, n_classes - 0.5, padding=X_PADDING)

    def _fit_bar_labels(self):
        """Choose how the value labels are written for the bars' current width in pixels, and give
        the value axis the room they take."""
        low, high = self._bar_span
        view_box = self.bar_plot.getViewBox()
        n_classes = self._shape[1] if self._shape else 1
        slot = view_box.width() / (1 + 2 * X_PADDING) / n_classes  # pixels per class
        fitted_for = (low, high, slot, view_box.height(), self._label_fonts)
        if fitted_for == self._labels_fitted_for:  # the same bars on the same plot: nothing to do
            return
        self._labels_fitted_for = fitted_for
        style, extent = label_style(*fitted_for)
        if style != self._label_style:
            self._label_style = style
            for label in self.bar_labels:
                label.setFont(style.font)
            self._show_bar_labels(self._labelled_values)  # labels made, or dropped, for the new style
        room = extent + LABEL_ROOM
        shown = bar_range(low, high, room if low < 0 else LABEL_ROOM, room, view_box.height())
        if shown != self._bar_range:
            self._bar_range = shown
            self.bar_plot.setYRange(*tickable(*shown), padding=0)

    def _on_sample_changed(self, sample):
        trace = self.document.trace
        if trace is None or not 0 <= sample < len(trace.output):
            return
        if (*trace.output.shape, is_binary(trace)) != self._shape:
            # A new project selects its first sample before its trace is announced: shown whole
            # now, else its bars would take the last trace's colours, one per class it had
            self._on_trace_changed()
            return
        values = trace.output[sample]
        n_classes = len(values)
        _, y = self.document.data
        true_class = int(y[sample]) if sample < len(y) else -1
        pens = [TRUE_CLASS_PEN if c == true_class else NO_PEN for c in range(n_classes)]
        self.bars.setOpts(x=np.arange(n_classes), height=values, width=BAR_WIDTH,
                          brushes=self._bar_brushes, pens=pens)
        self._show_bar_labels(values)
        column = column_name(trace)
        self.bar_plot.getViewBox().setToolTip(
            f"Sample {sample}:\n" + "\n".join(
                f"{column}: {value:.6g}" if is_binary(trace) else f"{column} {c}: {value:.6g}"
                for c, value in enumerate(values))
        )
        if are_probabilities(trace) or is_binary(trace):
            truth = f" · true class {true_class}" if true_class >= 0 else ""
            predicted = int(predicted_classes(values[None, :])[0])
            self._set_title(f"Sample {sample}{truth} · predicted class {predicted}")
        else:  # not a classifier (yet): its largest output predicts nothing
            self._set_title(f"Sample {sample} · outputs")
        marker = QRectF(-0.5, sample - 0.5, n_classes, 1)
        if marker != self.row_marker.rect():
            self.row_marker.setRect(marker)

    def _set_title(self, title):
        if title != self.title.text():
            self.title.setText(title)

    def _show_bar_labels(self, values):
        """A label on each bar, written in the label style; none where they do not fit (they are
        not made: 512 outputs took 0.2 s to make labels for)."""
        self._labelled_values = values
        decimals, angle, _ = self._label_style
        shown = values if decimals is not None else values[:0]
        while len(self.bar_labels) < len(shown):
            label = pg.TextItem(color="k")
            text_document(label).setDocumentMargin(LABEL_MARGIN)
            label.setFont(self._label_style.font)
            self.bar_plot.addItem(label)
            self.bar_labels.append(label)
        while len(self.bar_labels) > len(shown):
            self.bar_plot.removeItem(self.bar_labels.pop())
        for c, (label, value) in enumerate(zip(self.bar_labels, shown, strict=True)):
            text = fixed(value, decimals)
            if text != label.toPlainText():
                label.setText(text)
            # beyond the bar's end: above a positive bar, below a negative one
            above = value >= 0
            anchor = ((0.5, 1.0) if above else (0.5, 0.0)) if angle == 0 else ((0.0, 0.5) if above else (1.0, 0.5))
            if (anchor, angle) != text_placement(label):
                label.setAnchor(anchor)
                label.setAngle(angle)
            label.setPos(c, float(value))

    def _on_mouse_clicked(self, event):
        view_box = self.heat_plot.getViewBox()
        trace = self.document.trace
        if trace is None or not view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        sample = int(round(view_box.mapSceneToView(event.scenePos()).y()))
        self.document.selection.select_sample(sample)

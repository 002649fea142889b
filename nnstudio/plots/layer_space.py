"""The Layer space panel: the batch as a chosen layer sees it, with the input plane's grid lines
carried through the network (``engine.layer_space``), redrawn on every edit and every frame of a
run, so a student watches the layers bend the spiral apart while training."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSignalBlocker, QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from nnstudio.document.messages import hint
from nnstudio.document.palette import class_color
from nnstudio.engine import Network, layer_name
from nnstudio.engine.layer_space import Projection, grid_lines
from nnstudio.qt_helpers.flow_layout import FlowLayout
from nnstudio.qt_helpers.when_shown import WhenShown

from .class_scatters import ClassScatters
from .notice import Notice
from .steady_bounds import SteadyScatter
from .styling import plain_axes, point_edge, tickable, zoom_axes, zoomed_font

GRID_LINES = 11  # lines each way across the input plane
LINE_POINTS = 60  # points along each line: enough for a ReLU's bends to show
PRINCIPAL, NEURONS = "principal", "neurons"
# Which point is joined to the next: every one along a line, none from a line's end to the next line
LINE_JOINS = np.tile(np.r_[np.ones(LINE_POINTS - 1, dtype=np.int32), 0], 2 * GRID_LINES)
NOTHING_TO_SEE = hint("{why}")
LARGEST_DRAWN = 1e100  # coordinates beyond this are not drawn: the plot's padded range would overflow
MARGIN = 0.1  # of the shown span, on every side of what is drawn
# While edits or training frames come, the view keeps its range as long as what is drawn stays
# inside it and fills at least this share of it across, and grows to take in what leaves it. A
# student trying a weight back and forth sees the points move against still axes; and a new range
# costs more than the rest of the panel's refresh (new ticks, every item's transform).
KEPT_FILL = 1 / 4
SETTLE_MS = 700  # this long after the last change the view fits what is drawn


class LayerSpace(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.plane = None  # a callable giving the data plot's region rectangle: the grid lines cover it
        self.layer_box = QComboBox()
        self.layer_box.setToolTip("The layer whose outputs are the coordinates")
        self.axes_box = QComboBox()
        self.axes_box.addItem("first two principal directions", PRINCIPAL)
        self.axes_box.addItem("two of its neurons", NEURONS)
        self.axes_box.setToolTip("A layer of more than two neurons is seen along the two directions the batch"
                                 " spreads most in (principal components), or along two neurons you choose")
        self.x_neuron, self.y_neuron = QSpinBox(prefix="x: neuron "), QSpinBox(prefix="y: neuron ")
        controls = FlowLayout(spacing=4)  # in a narrow dock the boxes take a second line rather than being cut
        for widget in (QLabel("Layer:"), self.layer_box, self.axes_box, self.x_neuron, self.y_neuron):
            controls.add_widget(widget, 1 if widget is self.axes_box else 0)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMenuEnabled(False)
        self.plot_item = self.plot_widget.getPlotItem()
        plain_axes(self.plot_item)
        self.plot_item.hideButtons()  # the range follows what is drawn (steady_range)
        self.plot_item.getViewBox().disableAutoRange()
        self.lines = pg.PlotDataItem(pen=pg.mkPen(150, 150, 150, 160, width=1))
        self.plot_item.addItem(self.lines)
        edge = point_edge()
        self.class_points = ClassScatters(
            self.plot_item, lambda c: SteadyScatter(size=7, pen=edge, brush=pg.mkBrush(class_color(c))))
        self.points = self.line_points = (np.zeros(0), np.zeros(0))  # (x, y) of what is drawn
        self.notice = Notice(self.plot_item.getViewBox())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.plot_widget, 1)
        self.setMinimumSize(300, 220)
        self._index = None  # the stack index shown, kept across edits
        self._neurons_of = None  # the (stack index, width) of the layer the neuron boxes choose in
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(lambda: self._set_view(fitted_range))
        self._updates = WhenShown(self, self._refresh)
        document.trace_changed.connect(self._updates.request)
        for box in (self.layer_box, self.axes_box):
            box.activated.connect(self._on_choice)
        for spin in (self.x_neuron, self.y_neuron):
            spin.valueChanged.connect(self._on_choice)
        self._updates.request()

    def apply_zoom(self, points):
        font = zoomed_font(points)
        zoom_axes(self.plot_item, font)
        self.notice.set_font(font)

    def _on_choice(self, *_arguments):
        self._index = self.layer_box.currentData()
        self._refresh()

    # ----- what is shown --------------------------------------------------------------------------
    def _refresh(self):
        layers = self.document.layers
        self._fill_layer_box(layers)
        trace = self.document.trace
        if trace is None or self._index is None:
            self._show_nothing(self.document.why_no_trace.text if trace is None else "There are no layers to see.")
            return
        X, y = self.document.data
        batch = trace.layer_output(self._index)  # the document's trace: finite, or there is none
        width = batch.shape[1]
        by_neurons = self.axes_box.currentData() == NEURONS or width <= 2
        # another layer starts at its first two neurons, not neuron 0 against itself (and only
        # then are the boxes set: setRange and setValue repaint a box even to what it holds)
        if (self._index, width) != self._neurons_of:
            self._neurons_of = (self._index, width)
            for spin, neuron in zip((self.x_neuron, self.y_neuron), (0, min(1, width - 1)), strict=True):
                with QSignalBlocker(spin):
                    spin.setRange(0, width - 1)
                    spin.setValue(neuron)
        for spin in (self.x_neuron, self.y_neuron):
            spin.setVisible(by_neurons)  # along principal directions no neuron is chosen
            spin.setEnabled(width > 1)
        self.axes_box.setEnabled(width > 2)
        projection = Projection(batch, (self.x_neuron.value(), self.y_neuron.value()) if by_neurons else None)
        with np.errstate(all="ignore"):
            xs, ys = projection(batch)
        if not drawable(xs, ys):
            self._show_nothing(f"{layer_name(layers, self._index)} gives values too large to draw.")
            return
        self._show_points(xs, ys, y)
        self._draw_lines(*self._lines_seen(projection, X))
        self._keep_in_view()
        name = layer_name(layers, self._index)
        axes = ("principal direction 1", "principal direction 2") if not by_neurons else (
            f"neuron {self.x_neuron.value()}", f"neuron {self.y_neuron.value()}" if width > 1 else "")
        for side, text in (("bottom", f"{name}: {axes[0]}"), ("left", f"{name}: {axes[1]}" if axes[1] else "")):
            if self.plot_item.getAxis(side).labelText != text:  # a new label redraws the axis
                self.plot_item.setLabel(side, text)
        self.notice.show(None)

    def _show_points(self, xs, ys, y):
        self.points = (xs, ys)
        self.class_points.show(xs, ys, y)

    def _keep_in_view(self):
        """Show the points and the lines: the range moves only when they leave it or shrink well
        inside it, and fits them once the changes stop."""
        self._set_view(steady_range)
        self._settle.start()

    def _set_view(self, choose_range):
        """Set each axis to ``choose_range(shown range, values drawn along it)``."""
        view = self.plot_item.getViewBox()
        shown = view.viewRange()
        drawn = [np.concatenate([self.points[axis], self.line_points[axis]]) for axis in (0, 1)]
        x_range, y_range = (choose_range(kept, values) for kept, values in zip(shown, drawn, strict=True))
        if [list(x_range), list(y_range)] != shown:
            view.setRange(xRange=x_range, yRange=y_range, padding=0)

    def _draw_lines(self, xs, ys):
        self.line_points = (xs, ys)
        self.lines.setData(x=xs, y=ys, connect=LINE_JOINS if len(xs) else "all")

    def _lines_seen(self, projection, X):
        """The input plane's grid lines in the layer's coordinates; none when the batch has not 2
        inputs or the plane reaches values too large to draw."""
        nothing = (np.zeros(0), np.zeros(0))
        if X.ndim != 2 or X.shape[1] != 2:
            return nothing
        rect = self.plane() if self.plane is not None else None
        if rect is None or rect.isEmpty():
            low, high = (X.min(axis=0), X.max(axis=0)) if len(X) else ((-1, -1), (1, 1))
            rect = QRectF(float(low[0]), float(low[1]), float(high[0] - low[0]), float(high[1] - low[1]))
        points = grid_lines((rect.left(), rect.right()), (rect.top(), rect.bottom()), GRID_LINES, LINE_POINTS)
        network = Network(self.document.state.layers)  # tracing leaves the layers as they are
        try:
            with np.errstate(all="ignore"):
                xs, ys = projection(network.trace(points.astype(network.dtype)).layer_output(self._index))
        except ValueError:  # the plane reaches where the network overflows
            return nothing
        return (xs, ys) if drawable(xs, ys) else nothing

    def _fill_layer_box(self, layers):
        """One entry per layer; the one shown is kept (or, at first, the last hidden layer's output)."""
        entries = [(layer_name(layers, i), i) for i in range(len(layers))]
        if [(self.layer_box.itemText(i), self.layer_box.itemData(i)) for i in range(self.layer_box.count())] != entries:
            self.layer_box.blockSignals(True)
            self.layer_box.clear()
            for text, index in entries:
                self.layer_box.addItem(text, index)
            self.layer_box.blockSignals(False)
        if self._index is None or self._index >= len(layers):
            self._index = default_layer(layers)
        position = self.layer_box.findData(self._index)
        self.layer_box.setCurrentIndex(position)

    def _show_nothing(self, why):
        self._show_points(np.zeros(0), np.zeros(0), np.zeros(0, dtype=int))
        self._draw_lines(np.zeros(0), np.zeros(0))
        self.notice.show(NOTHING_TO_SEE(why=why))


def drawable(xs, ys):
    """Whether a plot can take these coordinates: finite, and small enough that its padded range
    does not overflow (pyqtgraph refuses a range of ±inf)."""
    with np.errstate(all="ignore"):
        largest = max(np.abs(xs).max(initial=0), np.abs(ys).max(initial=0))
    return bool(largest < LARGEST_DRAWN)


def fitted_range(_shown, values):
    """The span of ``values`` with a MARGIN on both sides (a unit span around a single value)."""
    if len(values) == 0:
        return (-1.0, 1.0)
    low, high = tickable(float(np.min(values)), float(np.max(values)))
    pad = (high - low) * MARGIN or 0.5
    return (low - pad, high + pad)


def steady_range(shown, values):
    """``shown``, grown to take in ``values`` if they leave it, while they fill KEPT_FILL of it
    across; else their fitted range."""
    fitted = fitted_range(shown, values)
    if len(values) == 0:
        return tuple(shown)
    kept = (min(shown[0], fitted[0]), max(shown[1], fitted[1])) if not (
        shown[0] <= np.min(values) and np.max(values) <= shown[1]) else tuple(shown)
    return kept if np.ptp(values) >= KEPT_FILL * (kept[1] - kept[0]) else fitted


def default_layer(layers):
    """The layer ConvNetJS shows: the output of the last hidden layer (what the last Dense sees);
    the last layer when there is no hidden one, None when there are no layers."""
    dense = [i for i, layer in enumerate(layers) if layer.kind == "Dense"]
    if len(dense) >= 2:
        return dense[-1] - 1
    return len(layers) - 1 if layers else None

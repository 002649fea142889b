"""Loss along one weight: the loss as the selected weight or bias sweeps a range around its value,
everything else held, with the tangent of slope dL/dw at the value it has (the book's chapter 7
figures), and the gradient checked against the central difference. Dragging the point along the
curve sets the weight (one undo step)."""

from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nnstudio.document.messages import Message, hint
from nnstudio.engine.arithmetic_text import MINUS, number
from nnstudio.engine.weight_sweep import BOOK_DELTA, central_difference, loss_along, relative_difference
from nnstudio.qt_helpers.latest_job import LatestJob
from nnstudio.qt_helpers.when_shown import WhenShown

from .notice import Notice
from .styling import plain_axes, zoom_axes, zoomed_font

POINTS = 81  # values the sweep takes, the current one in the middle
# Multiply-adds a sweep may take on the GUI thread (a few milliseconds); a larger one runs on a pool
# thread and is drawn when it is done: 81 passes through a network at the work limit took 11 s
SWEEP_AT_ONCE = 50_000_000
AGREE = 1e-4  # a relative difference below this: the two derivatives agree
AGREE_NEAR_ZERO = 1e-7  # or an absolute one below this, for a gradient at or near 0
SWEEPING = hint("Computing the loss at {points} values of the weight: each is a pass through the whole batch…")
PICK_A_WEIGHT = hint("Click a weight or bias in the Weights and biases panel to see the loss along it.")
NO_GRADIENT = hint("The loss needs labels and a Softmax (or a single Sigmoid output) at the end: {why}")


def sweep_half_width(value):
    """How far each side of ``value`` the sweep reaches: wide enough to see the curve bend."""
    return max(0.5, 2 * abs(value))


def sweep_around(network, X, y, layer_index, cell, value):
    """The sweep's values and losses around ``value``, and the central difference there."""
    half = sweep_half_width(value)
    with np.errstate(invalid="ignore", over="ignore"):  # a sweep past the largest float has no values
        values = np.linspace(value - half, value + half, POINTS)
    losses = loss_along(network, X, y, layer_index, cell.which, cell.row, cell.column, values)
    numerical = central_difference(network, X, y, layer_index, cell.which, cell.row, cell.column)
    return values, losses, numerical


def tangent_points(value, loss, slope, half_width):
    """The two ends of the tangent at (``value``, ``loss``) over the sweep; not finite when the
    sweep itself is not (a weight near the largest float: the curve then has a gap, the tangent none)."""
    with np.errstate(invalid="ignore", over="ignore"):
        xs = np.array([value - half_width, value + half_width])
        return xs, loss + slope * (xs - value)


class LossAlongWeight(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMenuEnabled(False)
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.setLabel("left", "loss")
        self.plot_item.setLabel("bottom", "value of the weight")
        plain_axes(self.plot_item)
        self.curve = pg.PlotDataItem(pen=pg.mkPen("#1f77b4", width=2), connect="finite")
        self.tangent = pg.PlotDataItem(pen=pg.mkPen("#d62728", width=1.5, style=Qt.PenStyle.DashLine),
                                       connect="finite")
        self.point = pg.TargetItem(movable=True, size=12, pen=pg.mkPen("#d62728", width=2))
        self.point.setToolTip("Drag along the curve to set the weight")
        self.point.sigPositionChangeFinished.connect(self._on_point_dropped)
        for item in (self.curve, self.tangent, self.point):
            self.plot_item.addItem(item)
        self.notice = Notice(self.plot_item.getViewBox())
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.check_label)
        self.setMinimumSize(300, 220)
        self.shown = None  # (cell, values, losses, analytic, numerical) drawn last
        self._pending = None  # (cell, value, loss, analytic) of the sweep running in the background
        self._sweeps = LatestJob()
        self._sweeps.finished.connect(self._on_sweep_done)
        self._updates = WhenShown(self, self._refresh)
        document.trace_changed.connect(self._updates.request)
        document.selection.parameter_changed.connect(self._updates.request)
        self._updates.request()

    def apply_zoom(self, points):
        font = zoomed_font(points)
        zoom_axes(self.plot_item, font)
        self.notice.set_font(font)

    # ----- what is shown --------------------------------------------------------------------------
    def _parameter(self):
        """(cell, layer index, analytic gradient) of the selected weight or bias, or a Message why not."""
        cell = self.document.selection.parameter
        indices = self.document.state.dense_indices()
        if cell is None or cell.number >= len(indices):
            return PICK_A_WEIGHT()
        layer_index = indices[cell.number]
        values = getattr(self.document.layers[layer_index], cell.which)
        if not (cell.row < values.shape[0] and cell.column < values.shape[1]):
            return PICK_A_WEIGHT()
        walk = self.document.walk
        step = None if walk is None else walk.step_of(f"d{cell.which}", layer_index)
        if step is None:
            why = self.document.why_no_trace or self.document.why_no_loss
            return NO_GRADIENT(why=why.text if why is not None else "")
        return cell, layer_index, float(step.output[cell.row, cell.column])

    def _refresh(self):
        found = self._parameter()
        drawn = not isinstance(found, Message)
        self._sweeps.cancel()  # a sweep still running is of a state gone
        self._show_items(drawn)
        self.notice.show(None if drawn else found)
        if not drawn:
            self.shown = None
            self.title.setText("Loss along one weight")
            self.check_label.clear()
            return
        cell, layer_index, analytic = found
        network = self.document.state.network()
        X, y = self.document.data
        value = float(getattr(network.layers[layer_index], cell.which)[cell.row, cell.column])
        loss = float(self.document.trace.loss)
        sweep = partial(sweep_around, network, X, y, layer_index, cell, value)
        if POINTS * len(X) * sum(layer.weights.size for layer in network.dense_layers) <= SWEEP_AT_ONCE:
            self._draw(cell, value, loss, analytic, *sweep())
            return
        self._show_items(False)
        self.notice.show(SWEEPING(points=POINTS))
        self._pending = (cell, value, loss, analytic)
        self._sweeps.request(lambda _cancelled: sweep())  # 81 passes, not worth stopping between

    def _on_sweep_done(self, number):
        outcome, error = self._sweeps.take(number)
        if not self._sweeps.is_latest(number) or error is not None:
            return  # superseded, or the network overflowed somewhere along the sweep: nothing to draw
        self._show_items(True)
        self.notice.show(None)
        self._draw(*self._pending, *outcome)

    def _show_items(self, shown):
        for item in (self.curve, self.tangent, self.point):
            item.setVisible(shown)

    def _draw(self, cell, value, loss, analytic, values, losses, numerical):
        self.curve.setData(values, losses)
        self.tangent.setData(*tangent_points(value, loss, analytic, sweep_half_width(value)))
        self.point.setPos(value, loss)
        self.shown = (cell, values, losses, analytic, numerical)
        symbol = "w" if cell.which == "weights" else "b"
        where = (f"weight [{cell.row}, {cell.column}] (input {cell.row} → neuron {cell.column})"
                 if cell.which == "weights" else f"bias of neuron {cell.column}")
        self.title.setText(f"<b>Loss along Dense {cell.number + 1}'s {where}</b>, everything else held; the"
                           f" dashed line is the tangent, its slope dL/d{symbol} = {number(analytic)}.")
        self.check_label.setText(self._check_text(symbol, value, analytic, numerical))

    @staticmethod
    def _check_text(symbol, value, analytic, numerical):
        difference = relative_difference(analytic, numerical)
        agree = difference < AGREE or abs(analytic - numerical) < AGREE_NEAR_ZERO
        verdict = ("they agree" if agree else
                   "they differ: where a probability is clipped, or in float32, the two can part")
        return (f"Check this gradient: the backward pass gives dL/d{symbol} = {number(analytic)}; the central"
                f" difference (L({symbol} + δ) {MINUS} L({symbol} {MINUS} δ)) / 2δ with δ = {BOOK_DELTA:g} gives"
                f" {number(numerical)}. Relative difference {difference:.1e}: {verdict}.")

    # ----- what the user does ---------------------------------------------------------------------
    def _on_point_dropped(self):
        if self.shown is None:
            return
        cell = self.shown[0]
        self.document.set_parameter(cell.number, cell.which, cell.row, cell.column, float(self.point.pos().x()))

"""The training curves: loss, accuracy and learning rate per epoch, one colour per run, earlier runs
kept so two optimizers can be raced from the same start; fed from the document's history.

The legend is a wrapping label above the plots, not a legend item inside them: a run's name is wider
than the panel, and an item that wide widened the plots past the panel's edge.

Each run gets its lines once; as it grows, the new epochs are copied into arrays kept with them
and the lines get ``setData``. A run that carries on from the one before (the next press of
Train or Step, with nothing changed in between) keeps that run's colour and legend entry, and its
lines start from that run's last epoch: the two read as one line."""

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from nnstudio.document.messages import hint
from nnstudio.qt_helpers.when_shown import WhenShown

from .notice import Notice
from .styling import plain_axes, zoom_axes, zoomed_font

# Colours that stay apart from each other on white (Okabe & Ito's, and a few more).
RUN_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7f3c8d", "#000000",
               "#a6761d", "#e7298a")
LEFT_AXIS_WIDTH = 62  # pixels: the three plots' epochs line up whatever their tick labels
UNDONE_ALPHA = 80  # of 255: an undone run stays in sight, faded
LINE_SAMPLE = "━━"  # a run's colour in the legend
KEY_COLOUR = "#606060"
FIGURES = ("loss", "test_loss", "accuracy", "test_accuracy", "learning_rate")
EMPTY = hint("Press Train (Ctrl+T) or Step one epoch (Ctrl+E): the loss and accuracy of every epoch appear here.")


def round_up(value):
    """The smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 times a power of ten at least ``value`` (1 for nothing
    yet): an axis a little longer than its curve, changed every few hundred epochs, not every frame."""
    if not value > 0 or not math.isfinite(value):
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 1.5, 2, 3, 4, 5, 6, 8, 10) if step * power >= value)


class RunLines:
    """The lines of one run, and the figures they show so far as arrays."""

    def __init__(self, run, plots):
        self.run = run
        self.items = {}
        for figure in FIGURES:
            item = pg.PlotDataItem(symbolSize=5)
            item.setClipToView(True)
            item.setDownsampling(auto=True, method="peak")
            plots[figure.removeprefix("test_")].addItem(item)
            self.items[figure] = item
        self._arrays = {figure: np.empty(0) for figure in FIGURES}
        self._shown = dict.fromkeys(FIGURES, 0)
        self._lead = None  # the RunLines this run's lines start from
        self._points = dict.fromkeys(FIGURES, 0)  # drawn by each line
        self.highest = dict.fromkeys(FIGURES, 0.0)  # of each figure so far, for the axes
        self.style = None

    def update(self, lead=None):
        """Copy the epochs added since the last update, and show them. ``lead``: the RunLines of the
        run this one carries on, whose last epoch its lines start from, so that the two read as one
        line (and a run of one epoch, a Step, is a segment, not a point no pen draws)."""
        run = self.run
        if lead is not self._lead:  # the run before was undone or redone: drawn again from the start
            self._lead = lead
            self._shown = dict.fromkeys(FIGURES, 0)
        for figure in FIGURES:
            values = getattr(run, figure)
            shown = self._shown[figure]
            if len(values) == shown:
                continue
            before = getattr(lead.run, figure)[-1:] if lead is not None else []
            offset = len(before)  # the lead's value, if any, goes first
            array = self._arrays[figure]
            if offset + len(values) > len(array):  # grow by doubling: a long run copies each figure about twice
                array = np.resize(array, max(64, 2 * (offset + len(values))))
                self._arrays[figure] = array
            array[:offset] = before
            array[offset + shown : offset + len(values)] = values[shown:]
            self.highest[figure] = max(self.highest[figure], float(np.max(values[shown:])))
            self._shown[figure] = len(values)
            count = offset + len(values)
            self.items[figure].setData(run.first_epoch - offset + np.arange(count), array[:count])
            self._points[figure] = count

    def mark_if_alone(self, followed):
        """A line of one point draws nothing: it gets a dot in its colour, unless the next run's
        line starts from it (``followed``)."""
        for figure, item in self.items.items():
            alone = self._points[figure] == 1 and not followed
            if alone != (item.opts["symbol"] is not None):
                item.setSymbol("o" if alone else None)

    def set_style(self, colour, undone):
        if (colour, undone) == self.style:
            return
        self.style = colour, undone
        for figure, item in self.items.items():
            pen = pg.mkPen(colour, width=1)  # a wider pen costs Qt's raster engine several ms a frame
            if figure.startswith("test_"):
                pen.setStyle(Qt.PenStyle.DashLine)
            if undone:
                faded = pen.color()
                faded.setAlpha(UNDONE_ALPHA)
                pen.setColor(faded)
                pen.setStyle(Qt.PenStyle.DotLine)
            item.setPen(pen)
            item.setSymbolPen(pen.color())  # the dot of a line of one point
            item.setSymbolBrush(pen.color())

    def remove(self, plots):
        for figure, item in self.items.items():
            plots[figure.removeprefix("test_")].removeItem(item)


class TrainingCurves(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.log_loss = QCheckBox("Log scale for the loss")
        self.log_loss.setToolTip("Show the loss on a logarithmic axis: the late, small gains stay visible")
        self.legend = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.plots = {}
        # Names as the book prints them ("acc"): a name runs up its plot's left axis, and in the
        # default panel "accuracy" was taller than its plot and ran into the others' names.
        for row, (figure, title) in enumerate((("loss", "loss"), ("accuracy", "acc"), ("learning_rate", "rate"))):
            plot = self.graphics.addPlot(row=row, col=0)
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
            plot.setMenuEnabled(False)
            plot.setLabel("left", title)
            plain_axes(plot)
            if figure != "loss":
                plot.setXLink(self.plots["loss"])
            if figure != "learning_rate":  # the epochs are numbered once, under the lowest plot: the
                plot.getAxis("bottom").setStyle(showValues=False)  # others' numbers took a third of a short panel
            self.plots[figure] = plot
        self.plots["learning_rate"].setLabel("bottom", "epoch")
        self.plots["loss"].setToolTip("The mean loss over the training batch each epoch (dashed: over the test data)")
        self.plots["accuracy"].setToolTip("The accuracy each epoch: the share of samples whose class the network"
                                          " gives the highest probability (dashed: of the test data)")
        self.plots["learning_rate"].setToolTip("The learning rate each epoch used (it falls with the decay)")
        for plot in self.plots.values():  # set from the data in steps, so the axes are not redrawn every frame
            plot.disableAutoRange()
        self.plots["accuracy"].setYRange(0.0, 1.0, padding=0.02)
        self.plots["accuracy"].getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        for row, stretch in ((0, 5), (1, 3), (2, 2)):
            self.graphics.ci.layout.setRowStretchFactor(row, stretch)
        self.notice = Notice(self.plots["loss"].getViewBox())

        self.setMinimumSize(300, 220)  # as the Loss panel it shares a tab group with: the window fits 1280 × 800
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.log_loss)
        layout.addWidget(self.legend)
        layout.addWidget(self.graphics, 1)

        self.lines = []  # RunLines, one per run of the history, in order
        self._legend_for = None  # the runs and the key the legend shows
        self._ranges = {}  # plot → the (low, high) its axis was last set to
        self.log_loss.toggled.connect(self._on_log_toggled)
        self._updates = WhenShown(self, self._on_history_changed)
        document.history_changed.connect(self._updates.request)
        self._updates.request()

    def apply_zoom(self, points):
        font = zoomed_font(points)
        for plot in self.plots.values():
            zoom_axes(plot, font)
        self.notice.set_font(font)

    def _on_history_changed(self):
        history = self.document.history
        while self.lines and (len(self.lines) > len(history) or any(
                lines.run is not run for lines, run in zip(self.lines, history, strict=False))):
            self.lines.pop().remove(self.plots)  # a new project's history, or a run that came to nothing
        for run in history[len(self.lines):]:
            self.lines.append(RunLines(run, self.plots))
        entries = []
        colour_index, previous = -1, None  # the RunLines before
        followed = set()  # ids of the RunLines that the next run's lines start from
        for lines in self.lines:
            run, before = lines.run, previous.run if previous is not None else None
            continues = (before is not None and not before.undone and run.description == before.description
                         and run.first_epoch == before.first_epoch + len(before.loss))
            if not continues:
                colour_index += 1
                entries.append((colour_index, run))
            lines.set_style(RUN_COLOURS[colour_index % len(RUN_COLOURS)], run.undone)
            lines.update(lead=previous if continues else None)
            if continues:
                followed.add(id(previous))
            previous = lines
        for lines in self.lines:
            lines.mark_if_alone(followed=id(lines) in followed)
        self._show_legend(entries)
        self._fit_axes()
        self.notice.show(None if history else EMPTY())

    def _on_log_toggled(self, on):
        """On a log scale the loss axis follows the data (its lowest value matters there); on a
        linear one it is set in steps from 0."""
        loss = self.plots["loss"]
        loss.setLogMode(y=on)
        self._ranges.pop(("loss", "y"), None)
        if on:
            loss.getAxis("left").setTicks(None)  # the log axis's own decades
            loss.enableAutoRange(y=True)
        else:
            loss.disableAutoRange()
            self._fit_axes()

    def _fit_axes(self):
        """Epochs from the first run's start to a round number past the last epoch, and the loss and
        learning rate from 0 to a round number above their highest value: changed only when the
        curves outgrow them."""
        if not self.lines:
            return
        first = min(lines.run.first_epoch for lines in self.lines)
        last = max(lines.run.first_epoch + len(lines.run.loss) for lines in self.lines)
        self._set_range("loss", "x", first, first + round_up(last - first))
        for figure in ("loss", "learning_rate"):
            if figure == "loss" and self.log_loss.isChecked():
                continue
            highest = max(max(lines.highest[figure], lines.highest.get(f"test_{figure}", 0.0)) for lines in self.lines)
            top = round_up(highest)
            if self._set_range(figure, "y", 0.0, top):  # three ticks: the plots are short
                self.plots[figure].getAxis("left").setTicks([[(value, f"{value:g}") for value in (0.0, top / 2, top)]])

    def _set_range(self, figure, axis, low, high):
        """Set ``axis`` of ``figure``'s plot to ``low``…``high``; whether it changed."""
        if self._ranges.get((figure, axis)) == (low, high):
            return False
        self._ranges[(figure, axis)] = (low, high)
        set_range = self.plots[figure].setXRange if axis == "x" else self.plots[figure].setYRange
        set_range(low, high, padding=0.02)
        return True

    def _show_legend(self, entries):
        """One line per run (a run carried on by the next keeps one): its colour, its optimizer,
        and whether it was undone; then a key to the kinds of line drawn besides the solid training
        batch's. Rebuilt only when that changes, not as a run grows."""
        shown = [(index, run.description, run.undone) for index, run in entries]
        key = [text for text, drawn in (("dashed: test data", any(len(lines.run.test_loss) for lines in self.lines)),
                                        ("dotted: undone", any(lines.run.undone for lines in self.lines))) if drawn]
        if (shown, key) == self._legend_for:
            return
        self._legend_for = shown, key
        lines = [f'<span style="color:{RUN_COLOURS[index % len(RUN_COLOURS)]}">{LINE_SAMPLE}</span>'
                 f" {index + 1}. {html.escape(description)}{' (undone)' if undone else ''}"
                 for index, description, undone in shown]
        if key:
            lines.append(f'<span style="color:{KEY_COLOUR}">{" · ".join(key)}</span>')
        self.legend.setText("<br>".join(lines))
        self.legend.setVisible(bool(lines))

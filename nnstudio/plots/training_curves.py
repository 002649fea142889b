"""The training curves: loss, accuracy and learning rate per epoch, one colour per run, earlier runs
kept so two optimizers can be raced from the same start; fed from the document's history.

Each run gets its lines once; as it grows, the new epochs are copied into arrays kept with them
and the lines get ``setData``. A run that carries on from the one before (the next press of
Train or Step, with nothing changed in between) keeps that run's colour and legend entry."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnstudio.qt_helpers.when_shown import WhenShown

from .notice import Notice
from .styling import plain_axes, zoom_axes, zoomed_font

# Colours that stay apart from each other on white (Okabe & Ito's, and a few more).
RUN_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7f3c8d", "#000000",
               "#a6761d", "#e7298a")
LEFT_AXIS_WIDTH = 62  # pixels: the three plots' epochs line up whatever their tick labels
UNDONE_ALPHA = 80  # of 255: an undone run stays in sight, faded
FIGURES = ("loss", "test_loss", "accuracy", "test_accuracy", "learning_rate")
EMPTY = "Press Train (Ctrl+T) or Step one epoch (Ctrl+E): the loss and accuracy of every epoch appear here."


class RunLines:
    """The lines of one run, and the figures they show so far as arrays."""

    def __init__(self, run, plots):
        self.run = run
        self.items = {}
        for figure in FIGURES:
            item = pg.PlotDataItem()
            item.setClipToView(True)
            item.setDownsampling(auto=True, method="peak")
            plots[figure.removeprefix("test_")].addItem(item)
            self.items[figure] = item
        self._arrays = {figure: np.empty(0) for figure in FIGURES}
        self._shown = dict.fromkeys(FIGURES, 0)
        self.style = None

    def update(self):
        """Copy the epochs added since the last update, and show them."""
        run = self.run
        for figure in FIGURES:
            values = getattr(run, figure)
            shown = self._shown[figure]
            if len(values) == shown:
                continue
            array = self._arrays[figure]
            if len(values) > len(array):  # grow by doubling: a long run copies each figure about twice
                array = np.resize(array, max(64, 2 * len(values)))
                self._arrays[figure] = array
            array[shown:len(values)] = values[shown:]
            self._shown[figure] = len(values)
            self.items[figure].setData(run.first_epoch + np.arange(len(values)), array[:len(values)])

    def set_style(self, colour, undone):
        if (colour, undone) == self.style:
            return
        self.style = colour, undone
        for figure, item in self.items.items():
            pen = pg.mkPen(colour, width=2)
            if figure.startswith("test_"):
                pen.setStyle(Qt.PenStyle.DashLine)
            if undone:
                faded = pen.color()
                faded.setAlpha(UNDONE_ALPHA)
                pen.setColor(faded)
                pen.setWidthF(1.5)
                pen.setStyle(Qt.PenStyle.DotLine)
            item.setPen(pen)

    def remove(self, plots):
        for figure, item in self.items.items():
            plots[figure.removeprefix("test_")].removeItem(item)


class TrainingCurves(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.log_loss = QCheckBox("Log scale for the loss")
        self.log_loss.setToolTip("Show the loss on a logarithmic axis: the late, small gains stay visible")
        self.key = QLabel("solid: the training batch · dashed: test data · dotted, faded: undone")
        self.key.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.log_loss)
        top.addWidget(self.key, 1)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        self.plots = {}
        # the legend has a row of its own above the plots, so it covers no line
        self.legend = pg.LegendItem(brush=pg.mkBrush(255, 255, 255, 220), colCount=2, labelTextColor="k")
        self.graphics.addItem(self.legend, row=0, col=0)
        for row, (figure, title) in enumerate((("loss", "loss"), ("accuracy", "accuracy"),
                                               ("learning_rate", "rate")), start=1):
            plot = self.graphics.addPlot(row=row, col=0)
            plot.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
            plot.setMenuEnabled(False)
            plot.setLabel("left", title)
            plot.showGrid(x=True, y=True, alpha=0.15)
            plain_axes(plot)
            if figure != "loss":
                plot.setXLink(self.plots["loss"])
            self.plots[figure] = plot
        self.plots["learning_rate"].setLabel("bottom", "epoch")
        self.plots["learning_rate"].getAxis("left").setStyle(maxTickLevel=0)  # a short plot: few ticks
        self.plots["learning_rate"].setToolTip("The learning rate each epoch used (it falls with the decay)")
        self.plots["accuracy"].setYRange(0.0, 1.0, padding=0.02)
        self.plots["accuracy"].enableAutoRange(y=False)
        self.plots["accuracy"].getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        for row, stretch in ((1, 5), (2, 3), (3, 2)):
            self.graphics.ci.layout.setRowStretchFactor(row, stretch)
        self.notice = Notice(self.plots["loss"].getViewBox())

        self.setMinimumSize(300, 220)  # as the Loss panel it shares a tab group with: the window fits 1280 × 800
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(top)
        layout.addWidget(self.graphics, 1)

        self.lines = []  # RunLines, one per run of the history, in order
        self._legend_for = None  # the (colour, label) entries the legend shows
        self.log_loss.toggled.connect(lambda on: self.plots["loss"].setLogMode(y=on))
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
        colour_index, previous = -1, None
        for lines in self.lines:
            run = lines.run
            continues = (previous is not None and not previous.undone and run.description == previous.description
                         and run.first_epoch == previous.first_epoch + len(previous.loss))
            if not continues:
                colour_index += 1
                entries.append((colour_index, run))
            lines.set_style(RUN_COLOURS[colour_index % len(RUN_COLOURS)], run.undone)
            lines.update()
            previous = run
        self._show_legend(entries)
        self.notice.show("" if history else EMPTY)

    def _show_legend(self, entries):
        """One entry per run (a run carried on by the next keeps one): its optimizer, and whether
        it was undone. Rebuilt only when that changes, not as a run grows."""
        shown = [(index, run.description, run.undone) for index, run in entries]
        if shown == self._legend_for:
            return
        self._legend_for = shown
        self.legend.clear()
        for index, description, undone in shown:
            sample = pg.PlotDataItem(pen=pg.mkPen(RUN_COLOURS[index % len(RUN_COLOURS)], width=2))
            self.legend.addItem(sample, f"{index + 1}. {description}{' (undone)' if undone else ''}")

"""The network's outputs: the selected sample's as bars, and the whole batch's as a heatmap.

The heatmap is the output matrix the notebook prints — one row per sample, one column per class —
with fixed levels: 0 to 1 for probabilities, symmetric around 0 for raw outputs.
"""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsRectItem, QVBoxLayout, QWidget

from nnstudio.document.palette import class_color, diverging_color

from .notice import Notice

BAR_WIDTH = 0.7
TRUE_CLASS_PEN = pg.mkPen("k", width=2.5)  # the outline of the sample's true class bar
NO_PEN = pg.mkPen(None)


def diverging_map():
    """The palette's blue–white–red map as a pyqtgraph ColorMap (for outputs that are not probabilities)."""
    return pg.ColorMap([0.0, 0.5, 1.0], [diverging_color(v, 1.0) for v in (-1.0, 0.0, 1.0)])


def are_probabilities(trace):
    return trace.steps[-1].kind in ("softmax", "loss") if trace.steps else False


class OutputsPlot(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground("w")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

        self.title = self.graphics.addLabel(row=0, col=0, colspan=2, color="k", size="10pt")
        self.bar_plot = self.graphics.addPlot(row=1, col=0)
        self.bar_plot.setMenuEnabled(False)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        self.bar_plot.setLabel("bottom", "class")
        self.bar_plot.setLabel("left", "probability")
        self.bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        self.bar_plot.addItem(self.bars)
        self.bar_labels = []  # one value label per bar, made when the number of classes changes

        self.heat_plot = self.graphics.addPlot(row=1, col=1)
        self.heat_plot.setMenuEnabled(False)
        self.heat_plot.setMouseEnabled(x=False, y=False)
        self.heat_plot.invertY(True)  # sample 0 on top, as the printed matrix
        self.heat_plot.setLabel("bottom", "class")
        self.heat_plot.setLabel("left", "sample (the whole batch)")
        self.heatmap = pg.ImageItem(axisOrder="row-major")
        self.heat_plot.addItem(self.heatmap)
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap="viridis", interactive=False, width=14)
        self.colour_bar.setImageItem(self.heatmap, insert_in=self.heat_plot)
        self.row_marker = QGraphicsRectItem()
        marker_pen = QPen(Qt.GlobalColor.red, 2)
        marker_pen.setCosmetic(True)
        self.row_marker.setPen(marker_pen)
        self.heat_plot.addItem(self.row_marker)
        self.graphics.ci.layout.setColumnStretchFactor(0, 1)
        self.graphics.ci.layout.setColumnStretchFactor(1, 1)
        self.setMinimumSize(360, 220)

        self.notice = Notice(self.bar_plot.getViewBox())
        self._probabilities = None  # whether the colour bar shows 0…1 (True) or ±max (False)
        self._levels = None  # the colour bar's and the bar axis' levels
        self._shape = None  # the output matrix's shape the axes and the heatmap's rect are set for
        self._bar_brushes = []  # one per class

        self.heat_plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        document.trace_changed.connect(self._on_trace_changed)
        document.sample_selected.connect(self._on_sample_selected)
        self._on_trace_changed()

    def _on_trace_changed(self):
        trace = self.document.trace
        self.notice.show(self.document.problem if trace is None else "")
        for item in (self.bars, self.heatmap, self.row_marker):
            item.setVisible(trace is not None)
        for label in self.bar_labels:
            label.setVisible(trace is not None)
        if trace is None:
            return
        output = trace.output
        probabilities = are_probabilities(trace)
        if probabilities:
            levels = (0.0, 1.0)
        else:
            reach = float(np.max(np.abs(output))) or 1.0
            levels = (-reach, reach)
        if probabilities != self._probabilities:
            self._probabilities = probabilities
            self.colour_bar.setColorMap("viridis" if probabilities else diverging_map())
            self.bar_plot.setLabel("left", "probability" if probabilities else "output")
        # Axes and levels are set only when they change: each set redraws the axes' ticks.
        if levels != self._levels:
            self._levels = levels
            self.colour_bar.setLevels(levels)
            self.bar_plot.setYRange(levels[0] * 1.15, levels[1] * 1.15, padding=0)  # room for the value labels
        self.heatmap.setImage(output.astype(np.float32, copy=False), levels=levels)
        if output.shape != self._shape:
            self._shape = output.shape
            self._fit_shape(*output.shape)
        self._on_sample_selected(self.document.selected_sample)

    def _fit_shape(self, n_samples, n_classes):
        ticks = [[(c, str(c)) for c in range(n_classes)]]
        for plot in (self.bar_plot, self.heat_plot):
            plot.getAxis("bottom").setTicks(ticks)
        self._bar_brushes = [pg.mkBrush(class_color(c)) for c in range(n_classes)]
        self.heatmap.setRect(QRectF(-0.5, -0.5, n_classes, n_samples))
        self.heat_plot.setXRange(-0.5, n_classes - 0.5, padding=0)
        self.heat_plot.setYRange(-0.5, n_samples - 0.5, padding=0)
        self.bar_plot.setXRange(-0.5, n_classes - 0.5, padding=0.02)

    def _on_sample_selected(self, sample):
        trace = self.document.trace
        if trace is None or not 0 <= sample < len(trace.output):
            return
        values = trace.output[sample]
        n_classes = len(values)
        _, y = self.document.data
        true_class = int(y[sample]) if sample < len(y) else -1
        pens = [TRUE_CLASS_PEN if c == true_class else NO_PEN for c in range(n_classes)]
        self.bars.setOpts(x=np.arange(n_classes), height=values, width=BAR_WIDTH,
                          brushes=self._bar_brushes, pens=pens)
        self._show_bar_labels(values)
        predicted = int(np.argmax(values))
        truth = f" · true class {true_class}" if true_class >= 0 else ""
        title = f"Sample {sample}{truth} · predicted class {predicted}"
        if title != self.title.text:  # a new title lays the whole graphics layout out again
            self.title.setText(title)
        marker = QRectF(-0.5, sample - 0.5, n_classes, 1)
        if marker != self.row_marker.rect():
            self.row_marker.setRect(marker)

    def _show_bar_labels(self, values):
        while len(self.bar_labels) < len(values):
            label = pg.TextItem(color="k", anchor=(0.5, 1))
            self.bar_plot.addItem(label)
            self.bar_labels.append(label)
        while len(self.bar_labels) > len(values):
            self.bar_plot.removeItem(self.bar_labels.pop())
        for c, (label, value) in enumerate(zip(self.bar_labels, values, strict=True)):
            text = f"{value:.3f}"
            if text != label.toPlainText():
                label.setText(text)
            label.setPos(c, max(float(value), 0.0))

    def _on_mouse_clicked(self, event):
        view_box = self.heat_plot.getViewBox()
        trace = self.document.trace
        if trace is None or not view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        sample = int(round(view_box.mapSceneToView(event.scenePos()).y()))
        self.document.select_sample(sample)

"""The stack drawn as the book draws it: inputs and neurons as circles joined by their weights.

A line's colour says the weight's sign and its thickness its size (as TensorFlow Playground
draws them); a circle is filled by the neuron's value for the selected sample at the current
step. Hovering a line shows its weight; clicking it selects that cell in the weight table (through
``document.select_parameter``). Wide layers show their first neurons and a "+N more" marker.

The scene is rebuilt only when the shape of the stack changes; values update the items in place.
"""

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from nnstudio.document.palette import diverging_color, readable_text_color
from nnstudio.engine import Dense, layer_name

MAX_SHOWN = 8  # neurons drawn per column; the rest are summarised by "+N more"
RADIUS = 17
COLUMN_GAP = 170
ROW_GAP = 48
HIT_WIDTH = 8  # pixels around a line that still count as on it (hover, click)
MIN_WIDTH, MAX_WIDTH = 0.6, 6.0  # line widths of the smallest and largest weight of a layer
MIN_STRENGTH = 0.35  # how much colour even a tiny weight's line keeps, so it stays visible
EMPTY_FILL = QColor(235, 235, 235)  # a neuron not computed yet at the current step


def largest_size(values):
    """The largest absolute value in ``values`` (0 when empty), without an array of absolutes."""
    return max(float(values.max()), -float(values.min())) if values.size else 0.0


@dataclass(frozen=True)
class Column:
    """One column of circles: the inputs, or a Dense layer with the activations that follow it."""

    title: str
    width: int
    dense_number: int  # -1 for the inputs
    stack_indices: tuple  # the layers whose steps fill this column


def columns_of(layers, n_features):
    columns = [Column("Inputs", n_features, -1, ())]
    number = 0
    for index, layer in enumerate(layers):
        if isinstance(layer, Dense):
            columns.append(Column(layer_name(layers, index), layer.n_neurons, number, (index,)))
            number += 1
        else:
            last = columns[-1]
            columns[-1] = Column(f"{last.title} → {layer.kind}", last.width, last.dense_number,
                                 last.stack_indices + (index,))
    return columns


class ConnectionItem(QGraphicsLineItem):
    """The line of weight [row, column] of the ``number``-th Dense."""

    def __init__(self, diagram, number, row, column, start, end):
        super().__init__(start.x(), start.y(), end.x(), end.y())
        self.diagram = diagram
        self.key = (number, row, column)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._shown = None  # the (weight, scale) the pen and tooltip show
        self._hit_shape = self._stroke(HIT_WIDTH)

    def _stroke(self, width):
        stroker = QPainterPathStroker()
        stroker.setWidth(width)
        path = QPainterPath(self.line().p1())
        path.lineTo(self.line().p2())
        return stroker.createStroke(path)

    def shape(self):
        # made when the pen changes: the scene asks for it on every hover and after every change
        return self._hit_shape

    def show_weight(self, weight, scale):
        """Colour and thickness for ``weight`` among weights reaching ``scale``; nothing is redone
        (nor repainted) when neither has changed."""
        if (weight, scale) == self._shown:
            return
        self._shown = (weight, scale)
        size = abs(weight) / scale if scale > 0 else 0.0
        strength = MIN_STRENGTH + (1 - MIN_STRENGTH) * size
        colour = diverging_color(strength if weight >= 0 else -strength, 1.0)
        width = MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * size
        self.setPen(QPen(colour, width))
        self._hit_shape = self._stroke(max(HIT_WIDTH, width))
        number, row, column = self.key
        # named as the weight table names rows and columns
        source = f"input {row}" if number == 0 else f"neuron {row} of Dense {number}"
        self.setToolTip(
            f"Dense {number + 1} weight [{row}, {column}] = {weight:.6g}\n"
            f"from {source} to neuron {column} — click to select it in the weight table"
        )

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self.diagram.document.select_parameter(*self.key)
            event.accept()
        else:
            super().mousePressEvent(event)


class NeuronItem(QGraphicsEllipseItem):
    def __init__(self, centre):
        super().__init__(centre.x() - RADIUS, centre.y() - RADIUS, 2 * RADIUS, 2 * RADIUS)
        self.setPen(QPen(QColor(60, 60, 60), 1.2))
        self.setZValue(2)
        self.value_text = QGraphicsSimpleTextItem(self)
        font = QFont()
        font.setPointSizeF(7)
        self.value_text.setFont(font)
        self.centre = centre
        self._shown = None  # the (value, scale, description) shown

    def show_value(self, value, scale, description):
        """Fill and label the circle; nothing is redone (nor repainted) when nothing changed."""
        if (value, scale, description) == self._shown:
            return
        self._shown = (value, scale, description)
        if value is None:
            self.setBrush(QBrush(EMPTY_FILL))
            self.value_text.setText("")
            self.setToolTip(f"{description}: not computed yet at this step")
            return
        fill = diverging_color(value, scale)
        self.setBrush(QBrush(fill))
        self.value_text.setBrush(QBrush(readable_text_color(fill)))
        self.value_text.setText(f"{value:.2f}")
        box = self.value_text.boundingRect()
        self.value_text.setPos(self.centre.x() - box.width() / 2, self.centre.y() - box.height() / 2)
        self.setToolTip(f"{description}: {value:.6g}")


class NetworkDiagram(QGraphicsView):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QBrush(Qt.GlobalColor.white))
        self.setMinimumSize(240, 180)
        self._shape = None  # the columns the scene was built for
        self.columns = []
        self.neurons = []  # per column, the drawn NeuronItems
        self.connections = {}  # (number, row, column) → ConnectionItem
        self.titles = []
        self.step_band = None
        self.selected_halo = None
        self.problem_text = None
        document.trace_changed.connect(self._on_trace_changed)
        document.step_changed.connect(self._on_trace_changed)
        document.sample_selected.connect(self._on_trace_changed)
        document.parameter_selected.connect(self._on_parameter_selected)
        self._on_trace_changed()

    # ----- building (only when the shape changes) ----------------------------------------------
    def _build(self, columns):
        scene = self.scene()
        scene.clear()
        self._shape = columns
        self.columns = columns
        self.neurons, self.connections, self.titles = [], {}, []
        tallest = max(min(c.width, MAX_SHOWN) for c in columns)
        self.step_band = QGraphicsRectItem()
        self.step_band.setBrush(QBrush(QColor(255, 244, 200)))
        self.step_band.setPen(QPen(Qt.PenStyle.NoPen))
        self.step_band.setZValue(-2)
        scene.addItem(self.step_band)
        title_font = QFont()
        title_font.setBold(True)
        for c, column in enumerate(columns):
            shown = min(column.width, MAX_SHOWN)
            top = (tallest - shown) * ROW_GAP / 2
            centres = [QPointF(c * COLUMN_GAP, top + r * ROW_GAP) for r in range(shown)]
            items = []
            for centre in centres:
                item = NeuronItem(centre)
                scene.addItem(item)
                items.append(item)
            self.neurons.append(items)
            title = scene.addSimpleText(f"{column.title}\n{column.width} {'features' if c == 0 else 'neurons'}",
                                        title_font)
            title.setPos(c * COLUMN_GAP - title.boundingRect().width() / 2, -RADIUS - 48)
            self.titles.append(title)
            if column.width > shown:
                more = scene.addSimpleText(f"+{column.width - shown} more")
                more.setPos(c * COLUMN_GAP - more.boundingRect().width() / 2, centres[-1].y() + RADIUS + 4)
            if c > 0:
                self._connect(self.neurons[c - 1], items, column.dense_number)
        self.selected_halo = QGraphicsLineItem()
        self.selected_halo.setPen(QPen(QColor(255, 200, 0, 200), 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        self.selected_halo.setZValue(-1)
        self.selected_halo.setVisible(False)
        scene.addItem(self.selected_halo)
        self.problem_text = scene.addSimpleText("")
        self.problem_text.setBrush(QBrush(QColor(122, 31, 31)))
        self.problem_text.setPos(-RADIUS, tallest * ROW_GAP + 10)
        self._fit()

    def _connect(self, sources, targets, number):
        weights = self.document.dense(number).weights
        for row, source in enumerate(sources[: weights.shape[0]]):
            for column, target in enumerate(targets):
                line = ConnectionItem(self, number, row, column, source.centre, target.centre)
                self.scene().addItem(line)
                self.connections[(number, row, column)] = line

    # ----- showing values ------------------------------------------------------------------------
    def _on_trace_changed(self, *_):
        X, _labels = self.document.data
        columns = columns_of(self.document.layers, X.shape[1] if X.ndim == 2 else 0)
        if columns != self._shape:
            self._build(columns)
        self._show_weights()
        self._show_values()
        trace = self.document.trace
        self.problem_text.setText(self.document.problem if trace is None else "")

    def _show_weights(self):
        shown = {}  # Dense number → (its weights as Python floats, the largest size among them)
        for (number, row, column), line in self.connections.items():
            if number not in shown:
                weights = self.document.dense(number).weights
                shown[number] = (weights.tolist(), largest_size(weights))
            weights, scale = shown[number]
            line.show_weight(weights[row][column], scale)

    def _show_values(self):
        trace = self.document.trace
        sample = self.document.selected_sample
        X, _labels = self.document.data
        current = self.document.step
        band_column = None  # the column the current step computes
        for c, column in enumerate(self.columns):
            row_values, scale = None, 0.0
            if c == 0 and 0 <= sample < len(X):
                row_values, scale = X[sample], largest_size(X)
            elif trace is not None and sample >= 0:
                reached = [i for i, step in enumerate(trace.steps[: current + 1])
                           if step.layer_index in column.stack_indices]
                if reached:
                    step = trace.steps[reached[-1]]
                    # probabilities are coloured on their own 0…1 scale, other values by the batch's largest
                    scale = 1.0 if step.kind == "softmax" else largest_size(step.output)
                    row_values = step.output[sample]
                    if reached[-1] == current:
                        band_column = c
            for r, item in enumerate(self.neurons[c]):
                value = None if row_values is None else float(row_values[r])
                name = f"input {r}" if c == 0 else f"{column.title.split(' → ')[0]}, neuron {r}"
                item.show_value(value, scale, f"{name}, sample {sample}")
        self.step_band.setVisible(band_column is not None)
        x = (band_column or 0) * COLUMN_GAP
        height = max(len(items) for items in self.neurons) * ROW_GAP
        self.step_band.setRect(QRectF(x - RADIUS - 12, -RADIUS - 52, 2 * RADIUS + 24, height + 52))

    def _on_parameter_selected(self, number, row, column):
        line = self.connections.get((number, row, column))
        if line is None:
            self.selected_halo.setVisible(False)
            return
        self.selected_halo.setLine(line.line())
        self.selected_halo.setVisible(True)

    # ----- fitting the view ----------------------------------------------------------------------
    def _fit(self):
        rect = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        self.scene().setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.4:  # don't blow a small network up to giant circles
            self.resetTransform()
            self.scale(1.4, 1.4)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.scene() is not None and self._shape is not None:
            self._fit()

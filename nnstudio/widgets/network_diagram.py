"""The stack drawn as the book draws it: inputs and neurons as circles joined by their weights.

A line's colour says the weight's sign and its thickness its size (as TensorFlow Playground
draws them); a circle is filled by the neuron's value for the selected sample at the current
step. Hovering a line shows its weight; clicking it selects that cell in the weight table (through
the document's selection). Wide layers show their first neurons and a "+N more" marker.

The drawing is laid out in the view's pixels for its size and font: circles just big enough for
their value in a readable font (bigger when there is room), as many rows as fit the height. It
is rebuilt only when the stack's shape, the view's size or its font (the window's zoom) change;
values update the items in place.
"""

import functools
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
)

from nnstudio.document.number_text import fixed
from nnstudio.document.palette import diverging_color, readable_text_color
from nnstudio.document.selection import ParameterCell
from nnstudio.engine import FORWARD, Dense, Features, layer_name
from nnstudio.engine.arithmetic_text import counted
from nnstudio.plots.neuron_maps import neuron_images, plane_grids
from nnstudio.qt_helpers.when_shown import WhenShown

MAX_SHOWN = 8  # neurons drawn per column at most; the rest are summarised by "+N more"
MIN_ROWS = 3  # drawn per column even when the view is too short for them (it is then shrunk)
MARGIN = 10  # pixels around the drawing
ROW_SPACE = 6  # pixels at least between two circles of a column
TITLE_GAP = 6  # pixels between a column's title and its first circle
MAX_GROWTH = 1.6  # circles and their text grow with the room, up to this many times their least size
FIT_SLACK = 2  # pixels of the margin a drawing may lose before it is shrunk instead
BAND_SLACK = 16  # pixels the current step's band reaches beyond the titles and circles
WIDEST_VALUE = "−0.00"  # the widest value text a circle must hold (values below 10)
HIT_WIDTH = 8  # pixels around a line that still count as on it (hover, click)
MIN_WIDTH, MAX_WIDTH = 0.6, 6.0  # line widths of the smallest and largest weight of a layer (< HIT_WIDTH)
MAP_RESOLUTION = 24  # pixels a side of a neuron's map in its circle
MIN_STRENGTH = 0.35  # how much colour even a tiny weight's line keeps, so it stays visible
EMPTY_FILL = QColor(235, 235, 235)  # a neuron not computed yet at the current step


def largest_size(values):
    """The largest absolute value in ``values`` (0 when empty), without an array of absolutes."""
    return max(float(values.max()), -float(values.min())) if values.size else 0.0


@dataclass(frozen=True)
class Column:
    """One column of circles: the inputs, or a Dense layer with the activations that follow it."""

    title: str
    name: str  # how the stack names the column's Dense ("Dense 1"); "input" for the inputs
    width: int
    dense_number: int  # -1 for the inputs
    stack_indices: tuple  # the layers whose steps fill this column


def columns_of(layers, n_features):
    columns = [Column("Inputs", "input", n_features, -1, ())]
    number = 0
    for index, layer in enumerate(layers):
        if isinstance(layer, Dense):
            name = layer_name(layers, index)
            columns.append(Column(name, name, layer.n_neurons, number, (index,)))
            number += 1
        elif isinstance(layer, Features) and index == 0:  # the inputs the network takes: Playground's features
            columns[0] = Column("Input features", "input", layer.n_features, -1, (index,))
        else:
            last = columns[-1]
            columns[-1] = Column(f"{last.title} → {layer.kind}", last.name, last.width, last.dense_number,
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
        self._hit_shape = self._stroke(HIT_WIDTH)  # wider than the widest line: the same for every pen

    def _stroke(self, width):
        stroker = QPainterPathStroker()
        stroker.setWidth(width)
        path = QPainterPath(self.line().p1())
        path.lineTo(self.line().p2())
        return stroker.createStroke(path)

    def shape(self):
        # made once: the scene asks for it on every hover and after every change
        return self._hit_shape

    def show_weight(self, weight, scale, gradient=False):
        """Colour and thickness for ``weight`` among weights reaching ``scale`` (or for the loss's
        gradient on it, when ``gradient``); nothing is redone (nor repainted) when none has changed."""
        if (weight, scale, gradient) == self._shown:
            return
        weight_before = self._shown[0] if self._shown and self._shown[2] == gradient else None
        self._shown = (weight, scale, gradient)
        size = abs(weight) / scale if scale > 0 else 0.0
        strength = MIN_STRENGTH + (1 - MIN_STRENGTH) * size
        colour = diverging_color(strength if weight >= 0 else -strength, 1.0)
        self.setPen(QPen(colour, MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * size))
        if weight == weight_before:  # only the layer's largest weight moved: the same tooltip
            return
        number, row, column = self.key
        # named as the weight table names rows and columns
        source = f"input {row}" if number == 0 else f"neuron {row} of Dense {number}"
        what = "gradient dL/dw of weight" if gradient else "weight"
        # a click puts the weight's cell in front, focused: the number typed next replaces it
        click = ("click to select its weight in the weight table" if gradient
                 else "click, then type a number to change it")
        self.setToolTip(f"Dense {number + 1} {what} [{row}, {column}] = {weight:.6g}\n"
                        f"from {source} to neuron {column} — {click}")

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self.diagram.document.selection.select_parameter(ParameterCell(number=self.key[0], which="weights",
                                                                           row=self.key[1], column=self.key[2]))
            event.accept()
        else:
            super().mousePressEvent(event)


def value_text(value):
    """A neuron's value in at most about five characters: two decimals below 10, fewer above."""
    decimals = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    return fixed(value, decimals, "−")


@dataclass(frozen=True)
class Layout:
    """Where things go, in the view's pixels: found from the view's size and font."""

    radius: float
    row_gap: float
    column_gap: float
    rows: int  # circles drawn per column at most
    title_height: float
    broken_titles: bool  # the activation under the layer's name, for narrow columns
    value_font: QFont
    title_font: QFont


def layout_for(columns, width, height, font):
    """The layout of ``columns`` in a ``width`` × ``height`` view whose text is ``font``."""
    value_font = QFont(font)
    value_font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    title_font = QFont(font)
    title_font.setBold(True)
    values = QFontMetricsF(value_font)
    titles = QFontMetricsF(title_font)
    least_radius = max(values.horizontalAdvance(WIDEST_VALUE), values.height()) / 2 + 2
    spread = (width - 2 * MARGIN) / max(1, len(columns) - 1)  # between columns, if they fill the width
    broken = max(title_width(titles, column, c, False) for c, column in enumerate(columns)) + 16 > spread
    title_height = (3 if broken else 2) * titles.height() + TITLE_GAP
    least_gap = 2 * least_radius + ROW_SPACE
    # what the circles have: the height less the margins, titles, step band and "+N more" marker
    room = height - 2 * MARGIN - BAND_SLACK - title_height - titles.height()
    rows = max(MIN_ROWS, min(MAX_SHOWN, int((room - 2 * least_radius) // least_gap) + 1))
    tallest = max(min(c.width, rows) for c in columns)
    # when no column is cut short for want of room, spare room makes the circles bigger
    growth = 1.0
    if rows == MAX_SHOWN or all(c.width <= rows for c in columns):
        growth = min(MAX_GROWTH, max(1.0, (room - (tallest - 1) * ROW_SPACE) / (2 * least_radius * tallest)))
    value_font.setPointSizeF(value_font.pointSizeF() * growth)
    radius = least_radius * growth
    gap = 2 * radius + ROW_SPACE
    row_gap = min((room - 2 * radius) / (tallest - 1), 2 * gap) if tallest > 1 else gap
    row_gap = max(row_gap, gap)
    title_widths = [title_width(titles, column, c, broken) for c, column in enumerate(columns)]
    # the first and last columns' titles (or "+N more") reach past their circles, centred on them
    more_width = titles.horizontalAdvance(f"+{max(c.width for c in columns)} more")
    overhang = [max(radius, title_widths[i] / 2, more_width / 2) for i in (0, -1)]
    spread = (width - 2 * MARGIN - sum(overhang)) / max(1, len(columns) - 1)
    column_gap = max(spread, max(title_widths) + 16, 2 * radius + 40)
    return Layout(radius, row_gap, column_gap, rows, title_height, broken, value_font, title_font)


def column_title(column, c, broken):
    """"Dense 1 → ReLU" over "3 neurons"; ``broken``, the activation on a line of its own."""
    name = column.title.replace(" → ", "\n→ ") if broken else column.title
    return f"{name}\n{counted(column.width, 'feature' if c == 0 else 'neuron')}"


def title_width(metrics, column, c, broken):
    return max(metrics.horizontalAdvance(line) for line in column_title(column, c, broken).split("\n"))


def round_picture(image):
    """An RGB uint8 image as 32-bit premultiplied pixels, opaque inside the circle it fills and
    fading to clear over its edge's last pixel."""
    rows, columns, _ = image.shape
    alpha = circle_alpha(rows, columns)
    rgb = (image.astype(np.uint32) * alpha[..., None] + 127) // 255  # premultiplied, rounded
    return alpha << 24 | rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2]


@functools.cache
def circle_alpha(rows, columns):
    """Coverage (0…255) of each pixel by the ellipse inscribed in a ``rows × columns`` image."""
    y, x = np.mgrid[0:rows, 0:columns]
    distance = np.hypot((x + 0.5) / columns - 0.5, (y + 0.5) / rows - 0.5) * min(rows, columns)
    coverage = np.clip(min(rows, columns) / 2 - distance + 0.5, 0.0, 1.0)
    return np.round(255 * coverage).astype(np.uint32)


class NeuronItem(QGraphicsEllipseItem):
    def __init__(self, centre, radius, font, diagram=None, key=None):
        super().__init__(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        self.setPen(QPen(QColor(60, 60, 60), 1.2))
        self.setZValue(2)
        self.value_text = QGraphicsSimpleTextItem(self)
        self.value_text.setFont(font)
        # Over a map (which has every colour) the value reads on a pale plate: a text outline, its
        # other way, took a third of the diagram's repaint
        self.value_plate = QGraphicsRectItem(self)
        self.value_plate.setBrush(QBrush(QColor(255, 255, 255, 190)))
        self.value_plate.setPen(QPen(Qt.PenStyle.NoPen))
        self.value_plate.setZValue(0.5)
        self.value_plate.hide()
        self.centre = centre
        self._shown = None  # the (value, scale, description) shown
        self._fill = QBrush(EMPTY_FILL)  # its value's colour, shown when no map is
        self.diagram, self.key = diagram, key  # key: (stack index of the layer shown, neuron)
        self.map_item = None  # the neuron's map over the input plane, round, behind the circle
        if key is not None:
            self.setAcceptHoverEvents(True)
            self.setCursor(Qt.CursorShape.PointingHandCursor)

    def show_map(self, image):
        """Fill the circle with ``image`` (an RGB uint8 array: the neuron over the input plane, y up),
        or with its value's colour again when None."""
        if image is None:
            if self.map_item is not None:
                self.scene().removeItem(self.map_item)
                self.map_item = None
                self.setBrush(self._fill)
            self.value_plate.hide()
            return
        rows, columns, _ = image.shape
        pixels = round_picture(image[::-1])  # rows from the top: y grows upwards
        picture = QImage(pixels.data, columns, rows, 4 * columns, QImage.Format.Format_ARGB32_Premultiplied)
        if self.map_item is None:
            # Under the circle's outline, which the map itself leaves clear round its edge: the
            # circle drawn without its fill, not clipped (clipping every map to its circle took
            # half of the diagram's repaint)
            self.map_item = QGraphicsPixmapItem(self)
            self.map_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            self.map_item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
            self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            self.value_text.setZValue(1)
        self.map_item.setPixmap(QPixmap.fromImage(picture))  # a copy: ``pixels`` may go
        box = self.rect()
        self.map_item.setScale(box.width() / columns)
        self.map_item.setPos(box.topLeft())
        self.value_text.setBrush(QBrush(QColor("black")))
        self.value_plate.setVisible(bool(self.value_text.text()))

    def hoverEnterEvent(self, event):
        self.diagram.hover_neuron(self.key)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event):
        self.diagram.hover_neuron(None)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event):
        if self.key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.diagram.pin_neuron(self.key)
            event.accept()
            return
        super().mousePressEvent(event)

    def show_value(self, value, scale, description):
        """Fill and label the circle; nothing is redone (nor repainted) when nothing changed."""
        if (value, scale, description) == self._shown:
            return
        self._shown = (value, scale, description)
        self._fill = QBrush(EMPTY_FILL if value is None else diverging_color(value, scale))
        if self.map_item is None:  # a map fills it from behind
            self.setBrush(self._fill)
        if value is None:
            self.value_text.setText("")
            self.value_plate.hide()
            self.setToolTip(f"{description}: not computed yet at this step")
            return
        fill = self._fill.color()
        self.value_text.setBrush(QBrush(readable_text_color(fill) if self.map_item is None else QColor("black")))
        self.value_text.setText(value_text(value))
        box = self.value_text.boundingRect()
        self.value_text.setPos(self.centre.x() - box.width() / 2, self.centre.y() - box.height() / 2)
        self.value_plate.setRect(self.value_text.mapRectToParent(box).adjusted(-2, 0, 2, 0))
        self.value_plate.setVisible(self.map_item is not None)
        self.setToolTip(f"{description}: {value:.6g}")


class NetworkDiagram(QGraphicsView):
    # the neuron whose map the data plot shows large: (stack index, neuron; -1 for an input), or None
    neuron_map_requested = Signal(object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QBrush(Qt.GlobalColor.white))
        self.setMinimumSize(240, 180)
        self._shape = None  # the columns, and the view's size and font, the scene was built for
        self.columns = []
        self.neurons = []  # per column, the drawn NeuronItems
        self.connections = {}  # (number, row, column) → ConnectionItem
        self.titles = []
        self.step_band = None
        self.selected_halo = None
        self.problem_text = None
        self.arrangement = None  # the Layout the scene was built with
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # a drawing that
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # does not fit shrinks
        self._updates = WhenShown(self, self._on_trace_changed)
        for signal in (document.trace_changed, document.selection.step_changed, document.selection.sample_changed):
            signal.connect(self._updates.request)
        document.selection.parameter_changed.connect(self._on_parameter_changed)
        self.by_gradient_action = QAction("Colour connections by &gradient", self)
        self.by_gradient_action.setCheckable(True)
        self.by_gradient_action.setStatusTip(
            "Colour and thicken each connection by the loss's gradient on its weight (dweights) instead of the weight")
        self.by_gradient_action.toggled.connect(lambda _checked: self._show_weights())
        self.addAction(self.by_gradient_action)
        self.maps_action = QAction("Show each neuron's &map over the input plane", self)
        self.maps_action.setCheckable(True)
        self.maps_action.setChecked(True)
        self.maps_action.setStatusTip("Fill each circle with what the neuron computes at every point of the data"
                                      " plot (2 inputs only); hover or click a neuron to see its map large there")
        self.maps_action.toggled.connect(lambda _checked: self._show_maps())
        self.addAction(self.maps_action)
        self.plane = None  # a callable giving the data plot's region rectangle, so maps cover the same plane
        self._hovered = self._pinned = None
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setToolTip("Right-click to colour the connections by weight or by gradient")
        self._updates.request()

    def apply_zoom(self, points):
        """Lay the drawing out again for the zoomed font the window has just given the view."""
        self._relayout()

    # ----- building (only when the shape, the size or the font changes) --------------------------
    def _relayout(self):
        """Build the scene again for the view's present size and font, if they call for another
        layout; the values and the selected weight are shown again on the new items."""
        if self._shape is None:
            return
        columns = self._columns_now()  # the stack may have changed since the last trace was shown
        if self._layout_key(columns) != self._shape:
            self._build(columns)
            self._show_weights()
            self._show_values()
            self._show_maps()
            self._on_parameter_changed(self.document.selection.parameter)
            self._show_problem()

    def _layout_key(self, columns):
        size = self.viewport().size()
        return columns, (size.width(), size.height(), self.font().key())

    def _build(self, columns):
        scene = self.scene()
        scene.clear()
        self._shape = self._layout_key(columns)
        viewport = self.viewport().size()
        layout = self.arrangement = layout_for(columns, viewport.width(), viewport.height(), self.font())
        radius, row_gap, column_gap = layout.radius, layout.row_gap, layout.column_gap
        self.columns = columns
        self.neurons, self.connections, self.titles = [], {}, []
        tallest = max(min(c.width, layout.rows) for c in columns)
        self.step_band = QGraphicsRectItem()
        self.step_band.setBrush(QBrush(QColor(255, 244, 200)))
        self.step_band.setPen(QPen(Qt.PenStyle.NoPen))
        self.step_band.setZValue(-2)
        scene.addItem(self.step_band)
        for c, column in enumerate(columns):
            shown = min(column.width, layout.rows)
            top = (tallest - shown) * row_gap / 2
            centres = [QPointF(c * column_gap, top + r * row_gap) for r in range(shown)]
            items = []
            for centre in centres:
                key = (column.stack_indices[-1] if column.stack_indices else -1, len(items))
                item = NeuronItem(centre, radius, layout.value_font, self, key)
                scene.addItem(item)
                items.append(item)
            self.neurons.append(items)
            title = scene.addSimpleText(column_title(column, c, layout.broken_titles), layout.title_font)
            title.setPos(c * column_gap - title.boundingRect().width() / 2, -radius - layout.title_height)
            self.titles.append(title)
            if column.width > shown:
                more = scene.addSimpleText(f"+{column.width - shown} more", layout.title_font)
                more.setPos(c * column_gap - more.boundingRect().width() / 2, centres[-1].y() + radius + 2)
            if c > 0:
                self._connect(self.neurons[c - 1], items, column.dense_number)
        self.selected_halo = QGraphicsLineItem()
        self.selected_halo.setPen(QPen(QColor(255, 200, 0, 200), 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        self.selected_halo.setZValue(-1)
        self.selected_halo.setVisible(False)
        scene.addItem(self.selected_halo)
        # wrapped to the view's width: a sentence wider than the drawing would shrink it all
        self.problem_text = QGraphicsTextItem()
        self.problem_text.setDefaultTextColor(QColor(122, 31, 31))
        self.problem_text.setFont(self.font())
        self.problem_text.setTextWidth(max(120, viewport.width() - 2 * MARGIN - 1))
        self.problem_text.setPos(scene.itemsBoundingRect().left(), (tallest - 1) * row_gap + radius + 8)
        scene.addItem(self.problem_text)
        self._fit()

    def _connect(self, sources, targets, number):
        weights = self.document.dense(number).weights
        for row, source in enumerate(sources[: weights.shape[0]]):
            for column, target in enumerate(targets):
                line = ConnectionItem(self, number, row, column, source.centre, target.centre)
                self.scene().addItem(line)
                self.connections[(number, row, column)] = line

    # ----- showing values ------------------------------------------------------------------------
    def _columns_now(self):
        X, _labels = self.document.data
        return columns_of(self.document.layers, X.shape[1] if X.ndim == 2 else 0)

    def _on_trace_changed(self):
        columns = self._columns_now()
        if self._layout_key(columns) != self._shape:
            self._build(columns)
            self._on_parameter_changed(self.document.selection.parameter)
        self._show_weights()
        self._show_values()
        self._show_maps()
        self._show_problem()

    def _show_problem(self):
        text = self.document.why_no_trace.text if self.document.trace is None else ""
        if text != self.problem_text.toPlainText():
            self.problem_text.setPlainText(text)

    def _shown_matrix(self, number):
        """Dense ``number``'s weights, or the loss's gradient on them when asked for and there is one."""
        if self.by_gradient_action.isChecked() and self.document.walk is not None:
            step = self.document.walk.step_of("dweights", self.document.state.dense_indices()[number])
            if step is not None:
                return step.output, True
        return self.document.dense(number).weights, False

    def _show_weights(self):
        shown = {}  # Dense number → (its values as Python floats, the largest size among them, gradients?)
        for (number, row, column), line in self.connections.items():
            if number not in shown:
                values, gradient = self._shown_matrix(number)
                shown[number] = (values.tolist(), largest_size(values), gradient)
            values, scale, gradient = shown[number]
            line.show_weight(values[row][column], scale, gradient)

    def _show_values(self):
        trace = self.document.walk
        sample = self.document.selection.sample
        X, _labels = self.document.data
        current = self.document.selection.step
        band_column = None  # the column the current step computes
        for c, column in enumerate(self.columns):
            row_values, scale = None, 0.0
            if c == 0 and not column.stack_indices and 0 <= sample < len(X):
                row_values, scale = X[sample], largest_size(X)
            elif trace is not None and sample >= 0:
                reached = [i for i, step in enumerate(trace.steps[: current + 1])
                           if step.layer_index in column.stack_indices and step.kind.direction is FORWARD]
                if reached:
                    step = trace.steps[reached[-1]]
                    # probabilities are coloured on their own 0…1 scale, other values by the batch's largest
                    scale = 1.0 if step.kind.probabilities else largest_size(step.output)
                    row_values = step.output[sample]
                    if reached[-1] == current:
                        band_column = c
            for r, item in enumerate(self.neurons[c]):
                value = None if row_values is None else float(row_values[r])
                name = self._input_name(r) if c == 0 else f"{column.name}, neuron {r}"
                item.show_value(value, scale, f"{name}, sample {sample}")
        self.step_band.setVisible(band_column is not None)
        layout = self.arrangement
        x = (band_column or 0) * layout.column_gap
        top = -layout.radius - layout.title_height - 4
        bottom = (max(len(items) for items in self.neurons) - 1) * layout.row_gap + layout.radius + 6
        band = QRectF(x - layout.radius - 10, top, 2 * layout.radius + 20, bottom - top)
        if band != self.step_band.rect():
            self.step_band.setRect(band)

    # ----- each neuron's map over the input plane ----------------------------------------------
    def hover_neuron(self, key):
        self._hovered = key
        self.neuron_map_requested.emit(key or self._pinned)

    def pin_neuron(self, key):
        """Keep ``key``'s map shown large (a second click lets it go)."""
        self._pinned = None if self._pinned == key else key
        self.neuron_map_requested.emit(self._hovered or self._pinned)

    def _layer_grids(self):
        """Every layer's output over a MAP_RESOLUTION grid of the data plot's plane (and the inputs'
        own, by index -1), or None when there are no maps to show."""
        X, _labels = self.document.data
        if not self.maps_action.isChecked() or self.document.trace is None or X.ndim != 2 or X.shape[1] != 2:
            return None
        rect = self.plane() if self.plane is not None else None
        if rect is None or rect.isEmpty():  # no data plot to follow: the data's own extent
            low, high = (X.min(axis=0), X.max(axis=0)) if len(X) else ((-1, -1), (1, 1))
            rect = QRectF(QPointF(*low), QPointF(*high)).normalized()
        try:
            return plane_grids(self.document.state.layers, rect, MAP_RESOLUTION)
        except ValueError:  # the plane reaches where the network overflows
            return None

    def _show_maps(self):
        grids = self._layer_grids()
        for items in self.neurons:
            by_layer = {}  # one column's neurons come from one layer: their maps are made at once
            for item in items:
                by_layer.setdefault(item.key[0], []).append(item)
            for index, shown in by_layer.items():
                images = None if grids is None else neuron_images(
                    grids, self.document.layers, index, [item.key[1] for item in shown])
                for i, item in enumerate(shown):
                    item.show_map(None if images is None else images[i])

    def _input_name(self, r):
        layers = self.document.layers
        return layers[0].names[r] if layers and isinstance(layers[0], Features) else f"input {r}"

    def _on_parameter_changed(self, cell):
        """Halo the selected weight's line (a bias, or a weight not drawn, has none)."""
        if self.selected_halo is None:
            return  # not drawn yet: the first drawing reads the selection
        line = None if cell is None or cell.which != "weights" else self.connections.get(
            (cell.number, cell.row, cell.column))
        if line is None:
            self.selected_halo.setVisible(False)
            return
        self.selected_halo.setLine(line.line())
        self.selected_halo.setVisible(True)

    # ----- fitting the view ----------------------------------------------------------------------
    def _fit(self):
        """Show the drawing at its size, centred; shrink it only when even the least layout does
        not fit (a stack wider than the view)."""
        rect = self.scene().itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self.scene().setSceneRect(rect)
        self.resetTransform()
        viewport = self.viewport().size()
        if rect.width() > viewport.width() + FIT_SLACK or rect.height() > viewport.height() + FIT_SLACK:
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._relayout()

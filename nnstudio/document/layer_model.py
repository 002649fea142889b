"""The layer stack as a Qt list model: the batch on top, then one row per layer with the shape
that leaves it. An adapter over ``document.layers``: every edit goes through the document."""

from typing import NamedTuple

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nnstudio.engine import Dense, Dropout, Features, layer_name
from nnstudio.engine.arithmetic_text import counted

from .messages import error

ROOT = QModelIndex()
LAYER_ROW_MIME = "application/x-nnstudio-layer-row"
BATCH_ROW = 0  # the batch is row 0; layer ``i`` of the stack is row ``i + 1``
CURRENT_BACKGROUND = QColor("#ffe9a8")
CURRENT_FOREGROUND = QColor("#202020")
NOT_WHOLE_NEURONS = error("'{value}' is not a whole number of neurons — {layer} keeps {neurons}.")
HIGHLIGHT_ROLES = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]


def layer_row(index):
    return index + 1


def stack_index(row):
    return row - 1


class Row(NamedTuple):
    """What one row shows, as last announced to the views."""

    kind: str  # "batch", "Dense", "ReLU" or "Softmax"
    name: str  # "Dense 1"
    shape: str  # "2→3  → 300×3"
    tooltip: str
    neurons: int | None  # a Dense's neuron count, else None
    rate: float | None = None  # a Dropout's rate, else None


class LayerListModel(QAbstractListModel):
    """Row 0 is the batch; rows below are the layers. Dense rows edit their neuron count in place;
    layer rows drag and drop to reorder.

    The model keeps a snapshot of the rows it last announced and moves it to the document's new
    rows one announced step at a time (insert, remove or move, then dataChanged), so views and
    selections follow; any other change of the stack is a reset."""

    NameRole = Qt.ItemDataRole.UserRole + 1  # "Dense 1"
    ShapeRole = Qt.ItemDataRole.UserRole + 2  # "2→3  → 300×3": what flows through and out

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self._rows = self._rows_now()
        self._current = self._current_row_now()
        document.state_changed.connect(self._on_state_changed)  # rows show layers and the batch size
        document.trace_changed.connect(self._on_trace_changed)
        document.selection.step_changed.connect(self._on_step_changed)

    # ----- reading -----------------------------------------------------------------------------
    def rowCount(self, parent=ROOT):
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.name}   {row.shape}"
        if role == self.NameRole:
            return row.name
        if role == self.ShapeRole:
            return row.shape
        if role == Qt.ItemDataRole.EditRole:
            return row.neurons if row.rate is None else f"{row.rate:g}"  # a rate is typed as text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if index.row() == self._current:
            return _highlight(role)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        row = self._rows[index.row()]
        if row.kind == "batch":
            return flags
        if row.kind != "Features":  # the input features stay first
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if row.neurons is not None or row.rate is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def current_row(self):
        """The row of the layer the current step works in, or -1 (no trace, or the loss step)."""
        return self._current

    # ----- editing the neuron count ------------------------------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable
        ):
            return False
        row = self._rows[index.row()]
        if row.rate is not None:
            return self._document.set_dropout_rate(stack_index(index.row()), value)
        count = _whole_number(value)
        if count is None:
            self._document.post(NOT_WHOLE_NEURONS(value=value, layer=row.name, neurons=row.neurons))
            return False
        return self._document.set_neurons(stack_index(index.row()), count)

    # ----- drag and drop -----------------------------------------------------------------------
    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [LAYER_ROW_MIME]

    def mimeData(self, indexes):
        rows = sorted({index.row() for index in indexes if index.isValid() and index.row() != BATCH_ROW})
        if len(rows) != 1:
            return None
        mime = QMimeData()
        mime.setData(LAYER_ROW_MIME, QByteArray(str(rows[0]).encode()))
        return mime

    def dropMimeData(self, data, action, row, column, parent):
        """Move the dragged layer so it lands before ``row`` (at the end when ``row`` is -1).
        The move is one undo step on the document; the rows follow from ``state_changed``."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(LAYER_ROW_MIME):
            return False
        source = stack_index(int(bytes(data.data(LAYER_ROW_MIME)).decode()))
        if not 0 <= source < len(self._rows) - 1:
            return False
        before = len(self._rows) if row < 0 else row
        position = max(stack_index(before), 0)  # dropping above the batch means "first layer"
        destination = position - 1 if position > source else position
        if destination == source:
            return False
        self._document.move_layer(source, destination)
        return True

    # ----- following the document --------------------------------------------------------------
    def _on_state_changed(self):
        self._follow(self._rows_now())

    def _on_trace_changed(self):
        self._follow_current()

    def _on_step_changed(self, _step):
        self._follow_current()

    def _follow(self, rows):
        """Announce the way from the rows shown to ``rows``."""
        old_kinds = tuple(row.kind for row in self._rows[1:])
        new_kinds = tuple(row.kind for row in rows[1:])
        if old_kinds != new_kinds:
            change = _single_change(old_kinds, new_kinds)
            if change is None:
                self.beginResetModel()
                self._rows = rows
                self.endResetModel()
                return
            self._announce(change, rows)
        changed = [r for r, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new]
        self._rows = rows
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))

    def _announce(self, change, rows):
        """Insert, remove or move one row of the snapshot; the rows' new texts come after."""
        if change[0] == "insert":
            row = layer_row(change[1])
            self.beginInsertRows(ROOT, row, row)
            self._rows.insert(row, rows[row])
            self.endInsertRows()
        elif change[0] == "remove":
            row = layer_row(change[1])
            self.beginRemoveRows(ROOT, row, row)
            del self._rows[row]
            self.endRemoveRows()
        else:
            source, destination = layer_row(change[1]), layer_row(change[2])
            before = destination + 1 if destination > source else destination
            self.beginMoveRows(ROOT, source, source, ROOT, before)
            self._rows.insert(destination, self._rows.pop(source))
            self.endMoveRows()

    def _follow_current(self):
        old, self._current = self._current, self._current_row_now()
        for row in {old, self._current} - {-1}:
            if old != self._current and row < len(self._rows):
                self.dataChanged.emit(self.index(row), self.index(row), HIGHLIGHT_ROLES)

    # ----- what the rows show ------------------------------------------------------------------
    def _current_row_now(self):
        trace = self._document.walk
        step = self._document.selection.step
        if trace is None or step < 0:
            return -1
        index = trace.steps[step].layer_index
        return layer_row(index) if index >= 0 else -1

    def _rows_now(self):
        batch = self._document.state.batch
        layers = self._document.layers
        samples = len(self._document.data[0])
        width = batch.n_features
        rows = [Row("batch", "batch", f"{samples}×{width}",
                    f"The batch: {counted(samples, 'sample')} of {counted(width, 'input')} ({batch.kind} data).", None)]
        for index, layer in enumerate(layers):
            name = layer_name(layers, index)
            tooltip = f"{name}: {layer.description}."
            neurons = None
            if isinstance(layer, Dense):
                neurons = layer.n_neurons
                shape = f"{layer.n_inputs}→{neurons}  → {samples}×{neurons}"
                tooltip += (f"\n{counted(layer.n_inputs, 'input')}, {counted(neurons, 'neuron')}."
                            " Double-click to change the neurons.")
                width = neurons
            elif isinstance(layer, Features):
                shape = f"{width}→{layer.n_features}  → {samples}×{layer.n_features}"
                tooltip = (f"Input features: {', '.join(layer.names)}, computed from each sample's x₀ and x₁"
                           " (chosen in the Batch panel).")
                width = layer.n_features
            elif isinstance(layer, Dropout):
                shape = f"rate {layer.rate:g}  → {samples}×{width}"
                tooltip += (f"\nIn training it drops {layer.rate:.0%} of the values, a new mask each epoch;"
                            " the outputs, the loss and the test data are computed without it."
                            " Double-click to change the rate.")
            else:
                shape = f"→ {samples}×{width}"
            if not isinstance(layer, Features):
                tooltip += "\nDrag, or Ctrl+Up / Ctrl+Down, to move it."
            rows.append(Row(layer.kind, name, shape, tooltip,
                            neurons, layer.rate if isinstance(layer, Dropout) else None))
        return rows


def _highlight(role):
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(CURRENT_BACKGROUND)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(CURRENT_FOREGROUND)
    return None


def _whole_number(value):
    """``value`` as an int when it is a whole number (3, "3", " 3 "), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _single_change(old, new):
    """How ``old`` became ``new`` as ("insert", i), ("remove", i) or ("move", source, destination);
    None when it takes more than one such step."""
    if len(new) == len(old) + 1:
        i = next((k for k in range(len(old)) if old[k] != new[k]), len(old))
        return ("insert", i) if new[:i] + new[i + 1 :] == old else None
    if len(new) == len(old) - 1:
        i = next((k for k in range(len(new)) if old[k] != new[k]), len(new))
        return ("remove", i) if old[:i] + old[i + 1 :] == new else None
    if len(new) != len(old):
        return None
    differ = [k for k in range(len(old)) if old[k] != new[k]]
    first, last = differ[0], differ[-1]
    moved_down = old[first + 1 : last + 1] + (old[first],)
    if moved_down == new[first : last + 1]:
        return ("move", first, last)
    moved_up = (old[last],) + old[first:last]
    if moved_up == new[first : last + 1]:
        return ("move", last, first)
    return None

"""The layer stack as a Qt list model: the batch on top, then one row per layer with the shape
that leaves it. An adapter over ``document.layers``: every edit goes through the document."""

from PySide6.QtCore import QAbstractListModel, QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nnstudio.engine import Dense, layer_name

ROOT = QModelIndex()
LAYER_ROW_MIME = "application/x-nnstudio-layer-row"
BATCH_ROW = 0  # the batch is row 0; layer ``i`` of the stack is row ``i + 1``
CURRENT_BACKGROUND = QColor("#ffe9a8")
CURRENT_FOREGROUND = QColor("#202020")
HIGHLIGHT_ROLES = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]

EXPLANATIONS = {
    "Dense": "inputs · weights + biases, one output column per neuron",
    "ReLU": "max(0, x) for every value; the shape does not change",
    "Softmax": "each row exponentiated and divided by its sum: one probability per class",
}


def layer_row(index):
    return index + 1


def stack_index(row):
    return row - 1


class LayerListModel(QAbstractListModel):
    """Row 0 is the batch; rows below are the layers. Dense rows edit their neuron count in place;
    layer rows drag and drop to reorder."""

    NameRole = Qt.ItemDataRole.UserRole + 1  # "Dense 1"
    ShapeRole = Qt.ItemDataRole.UserRole + 2  # "2→3 → 300×3": what flows through and out

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self._kinds = self._kinds_now()
        document.network_changed.connect(self._on_network_changed)
        document.batch_changed.connect(self._on_batch_changed)
        document.trace_changed.connect(self._on_trace_changed)
        document.step_changed.connect(self._on_step_changed)

    # ----- reading -----------------------------------------------------------------------------
    def rowCount(self, parent=ROOT):
        return 0 if parent.isValid() else len(self._kinds) + 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._name(row)}   {self._shape(row)}"
        if role == self.NameRole:
            return self._name(row)
        if role == self.ShapeRole:
            return self._shape(row)
        if role == Qt.ItemDataRole.EditRole:
            layer = self._layer(row)
            return layer.n_neurons if isinstance(layer, Dense) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if row == self.current_row():
            return self._highlight(role)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.row() == BATCH_ROW:
            return flags
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        if isinstance(self._layer(index.row()), Dense):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def current_row(self):
        """The row of the layer the current step works in, or -1 (no trace, or the loss step)."""
        trace = self._document.trace
        step = self._document.step
        if trace is None or step < 0:
            return -1
        index = trace.steps[step].layer_index
        return layer_row(index) if index >= 0 else -1

    # ----- editing the neuron count ------------------------------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable
        ):
            return False
        layer = self._layer(index.row())
        count = _whole_number(value)
        if count is None:
            name = layer_name(self._document.layers, stack_index(index.row()))
            self._document.message_posted.emit(
                f"'{value}' is not a whole number of neurons — {name} keeps {layer.n_neurons}."
            )
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
        The move is one undo step on the document; the rows follow from ``network_changed``."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(LAYER_ROW_MIME):
            return False
        source = stack_index(int(bytes(data.data(LAYER_ROW_MIME)).decode()))
        if not 0 <= source < len(self._kinds):
            return False
        before = self.rowCount() if row < 0 else row
        position = max(stack_index(before), 0)  # dropping above the batch means "first layer"
        destination = position - 1 if position > source else position
        if destination == source:
            return False
        self._document.move_layer(source, destination)
        return True

    # ----- following the document --------------------------------------------------------------
    def _on_network_changed(self):
        self._follow_structure(self._kinds_now())
        self._all_rows_changed()

    def _on_batch_changed(self):
        self._all_rows_changed()

    def _on_trace_changed(self):
        self._all_rows_changed(HIGHLIGHT_ROLES)

    def _on_step_changed(self, _step):
        self._all_rows_changed(HIGHLIGHT_ROLES)

    def _follow_structure(self, kinds):
        """Announce the change from the rows shown to ``kinds`` as one insert, removal or move when
        it is one (so selections survive), else as a reset."""
        if kinds == self._kinds:
            return
        change = _single_change(self._kinds, kinds)
        if change is None:
            self.beginResetModel()
            self._kinds = kinds
            self.endResetModel()
        elif change[0] == "insert":
            self.beginInsertRows(ROOT, layer_row(change[1]), layer_row(change[1]))
            self._kinds = kinds
            self.endInsertRows()
        elif change[0] == "remove":
            self.beginRemoveRows(ROOT, layer_row(change[1]), layer_row(change[1]))
            self._kinds = kinds
            self.endRemoveRows()
        else:
            source, destination = change[1], change[2]
            before = destination + 1 if destination > source else destination
            self.beginMoveRows(ROOT, layer_row(source), layer_row(source), ROOT, layer_row(before))
            self._kinds = kinds
            self.endMoveRows()

    def _all_rows_changed(self, roles=()):
        self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1), list(roles))

    # ----- helpers -----------------------------------------------------------------------------
    def _kinds_now(self):
        return tuple(layer.kind for layer in self._document.layers)

    def _layer(self, row):
        return None if row == BATCH_ROW else self._document.layers[stack_index(row)]

    def _name(self, row):
        return "batch" if row == BATCH_ROW else layer_name(self._document.layers, stack_index(row))

    def _widths(self):
        """The width of the data leaving the batch and then each layer."""
        widths = [self._document.state.batch.n_features]
        for layer in self._document.layers:
            widths.append(layer.n_neurons if isinstance(layer, Dense) else widths[-1])
        return widths

    def _shape(self, row):
        samples = len(self._document.data[0])
        out = f"{samples}×{self._widths()[row]}"
        layer = self._layer(row)
        if row == BATCH_ROW:
            return out
        if isinstance(layer, Dense):
            return f"{layer.n_inputs}→{layer.n_neurons}  → {out}"
        return f"→ {out}"

    def _tooltip(self, row):
        if row == BATCH_ROW:
            batch = self._document.state.batch
            samples, width = len(self._document.data[0]), batch.n_features
            return f"The batch: {samples} samples of {width} inputs ({batch.kind} data)."
        layer = self._layer(row)
        text = f"{self._name(row)}: {EXPLANATIONS[layer.kind]}."
        if isinstance(layer, Dense):
            text += f"\n{layer.n_inputs} inputs, {layer.n_neurons} neurons. Double-click to change the neurons."
        return text + "\nDrag, or Ctrl+Up / Ctrl+Down, to move it."

    @staticmethod
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

"""A Dense layer's ``weights`` (or ``biases``) as a table: an adapter over the document.

Rows and columns are laid out as the book lays them — one row per input, one column per
neuron — and each cell is coloured by its value so large and negative weights stand out.
The model names its layer by ``number`` (the n-th Dense), so it survives the stack changing
around it, and shows an empty table while there is no such Dense.
"""

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from nnstudio.engine import PLAIN_INPUTS
from nnstudio.engine.arithmetic_text import counted

from .cell_roles import ALIGNMENT, BACKGROUND, DISPLAY, EDIT, FOREGROUND, RIGHT_ALIGNED, TOOLTIP
from .messages import warning
from .number_text import compact, exact, read_block, read_number, rejected
from .palette import diverging_color, readable_text_color

WHICH = ("weights", "biases")
ROOT = QModelIndex()  # a table has no parent items
# A view asks each visible cell for seven roles on every paint: the others are turned away first.
ANSWERED_ROLES = frozenset({DISPLAY, EDIT, TOOLTIP, ALIGNMENT, BACKGROUND, FOREGROUND})
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

PASTE_LEFT_OUT = warning("{values} fell outside the {shape} {which} and {verb} left out.")


class ParameterTableModel(QAbstractTableModel):
    follows = "network_changed"  # the document's signal after which the values may have changed

    def __init__(self, document, number, which="weights", parent=None):
        super().__init__(parent)
        if which not in WHICH:
            raise ValueError(f"which must be one of {WHICH}, got {which!r}")
        self._document = document
        self.number = number
        self.which = which
        self._matrix = self._current()
        self._scale = _scale_of(self._matrix)
        self._colours = {}  # (row, column) → (background, text colour), worked out when first painted
        self._named_rows = self._row_names()  # the rows' names as last announced
        getattr(document, self.follows).connect(self._on_network_changed)

    @property
    def name(self):
        """What one cell holds, for messages: "weight" or "bias"."""
        return "weight" if self.which == "weights" else "bias"

    @property
    def matrix(self):
        """The values shown (an empty 0 × 0 array while the Dense does not exist)."""
        return self._matrix

    def _current(self):
        if self.number >= len(self._document.state.dense_indices()):
            return np.zeros((0, 0))
        return getattr(self._document.dense(self.number), self.which)

    # ----- shape -------------------------------------------------------------------------------
    def rowCount(self, parent=ROOT):
        return 0 if parent.isValid() else self._matrix.shape[0]

    def columnCount(self, parent=ROOT):
        return 0 if parent.isValid() else self._matrix.shape[1]

    def headerData(self, section, orientation, role=DISPLAY):
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"neuron {section}"  # numbered from 0, as weights[row, column] is
        if self.which == "biases":
            return "bias"
        names = self._row_names()
        return names[section] if names else f"input {section}"

    def _row_names(self):
        """The input features' names (x₀², …) for the first Dense's weight rows, when the network takes some."""
        features = self._document.features
        if self.which == "weights" and self.number == 0 and features != PLAIN_INPUTS and (
                len(features) == self._matrix.shape[0]):
            return features
        return None

    def flags(self, index):
        return CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # ----- values ------------------------------------------------------------------------------
    def data(self, index, role=DISPLAY):
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        if role == ALIGNMENT:
            return RIGHT_ALIGNED
        value = self._matrix[index.row(), index.column()]
        if role == DISPLAY:
            return compact(value)
        if role == EDIT:
            return exact(value)
        if role == BACKGROUND:
            return self._cell_colours(index.row(), index.column(), value)[0]
        if role == FOREGROUND:
            return self._cell_colours(index.row(), index.column(), value)[1]
        return self._describe(index.row(), index.column(), value)  # TOOLTIP

    def _cell_colours(self, row, column, value):
        """A cell's background on the value map and the text colour that reads on it: every paint
        asks for both, for every visible cell."""
        colours = self._colours.get((row, column))
        if colours is None:
            background = diverging_color(value, self._scale)
            colours = self._colours[row, column] = (background, readable_text_color(background))
        return colours

    def _describe(self, row, column, value):
        if self.which == "biases":
            return f"Bias of neuron {column}: {exact(value)}"
        return f"Weight from input {row} to neuron {column}: {exact(value)}"

    def setData(self, index, value, role=EDIT):
        if not index.isValid() or role != EDIT:
            return False
        row, column = index.row(), index.column()
        if not (row < self._matrix.shape[0] and column < self._matrix.shape[1]):
            return False  # an editor committing into a table its layer has left
        old = self._matrix[row, column]
        number, why = read_number(value, self._matrix.dtype)
        if why:
            self._document.post(rejected(value, why, self.name, old))
            return False
        if self._matrix.dtype.type(number) == old and np.signbit(number) == np.signbit(old):
            return True  # typing the value it already has is not an edit worth undoing
        return bool(self._document.set_parameter(self.number, self.which, row, column, number))

    def paste(self, top, left, texts):
        """Write a block of cell texts with its top-left at (top, left) as one undo step.
        Any text that is not a number rejects the whole block, with a message; True if pasted."""
        rows, refused = read_block(texts, lambda _column, text: read_number(text, self._matrix.dtype),
                                   f"{self.which} stay as they were")
        if refused:
            self._document.post(refused)
            return False
        block = np.array(rows, dtype=np.float64).reshape(len(rows), -1)
        if block.size == 0 or not (0 <= top < self.rowCount() and 0 <= left < self.columnCount()):
            return False
        self._document.paste_parameters(self.number, self.which, top, left, block)
        fitted = min(block.shape[0], self.rowCount() - top) * min(block.shape[1], self.columnCount() - left)
        if fitted < block.size:
            left_out = block.size - fitted
            self._document.post(PASTE_LEFT_OUT(values=counted(left_out, "pasted value"), which=self.which,
                                               shape=f"{self.rowCount()}×{self.columnCount()}",
                                               verb="was" if left_out == 1 else "were"))
        return True

    def clear(self, indexes):
        """Set the cells at ``indexes`` to 0, as a spreadsheet clears cells: one undo step."""
        cells = [(index.row(), index.column()) for index in indexes if index.isValid()]
        if not cells:
            return False
        rows, columns = zip(*cells, strict=True)
        top, left = min(rows), min(columns)
        block = self._matrix[top : max(rows) + 1, left : max(columns) + 1].astype(np.float64)
        for row, column in cells:
            block[row - top, column - left] = 0.0
        if np.array_equal(block, self._matrix[top : max(rows) + 1, left : max(columns) + 1]):
            return True  # already 0: nothing worth undoing
        what = counted(len(cells), self.name) if len(cells) > 1 else f"{self.name} [{top}, {left}]"
        self._document.paste_parameters(self.number, self.which, top, left, block,
                                        f"Set {what} of Dense {self.number + 1} to 0")
        return True

    # ----- following the document --------------------------------------------------------------
    def _on_network_changed(self):
        matrix = self._current()
        if matrix is self._matrix:
            return  # another layer changed; arrays in a state are never edited in place
        if matrix.shape != self._matrix.shape:
            self.beginResetModel()
            self._matrix, self._scale, self._colours = matrix, _scale_of(matrix), {}
            self._named_rows = self._row_names()
            self.endResetModel()
            return
        old, scale = self._matrix, _scale_of(matrix)
        # A new colour scale recolours every cell; otherwise only the cells whose value changed
        # are announced (an edit of one weight repaints one cell, and its untouched biases none).
        changed = np.ones(matrix.shape, dtype=bool) if scale != self._scale else _changed_cells(old, matrix)
        self._matrix, self._scale, self._colours = matrix, scale, {}
        if self._row_names() != self._named_rows:  # other input features, as many as before
            self._named_rows = self._row_names()
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, matrix.shape[0] - 1)
        rows, columns = np.nonzero(changed)
        if rows.size:
            self.dataChanged.emit(
                self.index(int(rows.min()), int(columns.min())), self.index(int(rows.max()), int(columns.max()))
            )


def _scale_of(matrix):
    """The colour map saturates at the largest magnitude in the matrix."""
    return float(np.max(np.abs(matrix))) if matrix.size else 0.0


def _changed_cells(old, new):
    """Where ``new`` shows differently from ``old`` (same shape): another value, sign of zero or dtype."""
    if old.dtype != new.dtype:
        return np.ones(new.shape, dtype=bool)
    return (old != new) | (np.signbit(old) != np.signbit(new))


class GradientTableModel(ParameterTableModel):
    """The loss's gradient on a Dense's weights (``dweights``) or biases (``dbiases``), laid out as
    the weights are, read-only, from the backward pass of the document's walk; an empty table when
    the network cannot learn from the batch."""

    follows = "trace_changed"
    active = False  # followed only while shown: each trace would otherwise have its backward pass made

    @property
    def name(self):
        return "gradient"

    def set_active(self, active):
        self.active = active
        if active:
            self._on_network_changed()

    def _on_network_changed(self):
        if self.active:
            super()._on_network_changed()

    def _current(self):
        if not self.active:
            return np.zeros((0, 0))
        walk = self._document.walk
        indices = self._document.state.dense_indices()
        if walk is None or self.number >= len(indices):
            return np.zeros((0, 0))
        step = walk.step_of(f"d{self.which}", indices[self.number])
        return np.zeros((0, 0)) if step is None else step.output

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _describe(self, row, column, value):
        if self.which == "biases":
            return f"Gradient of the loss on the bias of neuron {column}: {exact(value)}"
        return f"Gradient of the loss on the weight from input {row} to neuron {column}: {exact(value)}"

    def setData(self, index, value, role=EDIT):
        return False

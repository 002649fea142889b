"""A read-only table of one trace step's result, its headers saying what its rows and columns are."""

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from nnstudio.engine.arithmetic_text import number

from .cell_roles import ALIGNMENT, DISPLAY, EDIT, RIGHT_ALIGNED, TOOLTIP
from .number_text import exact

VALUE_ROLE = Qt.ItemDataRole.UserRole  # the cell's value as the engine computed it (a float)
# A view asks each visible cell for seven roles on every paint: the others are turned away first.
ANSWERED_ROLES = frozenset({DISPLAY, EDIT, TOOLTIP, ALIGNMENT, VALUE_ROLE})
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def result_matrix(step):
    """A step's output as a matrix: the loss (one value per sample) becomes one column."""
    output = step.output
    return output.reshape(-1, 1) if output.ndim == 1 else output


class StepModel(QAbstractTableModel):
    """Shows ``step.output`` of the step given to ``set_step``; nothing when given None."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._matrix = np.zeros((0, 0))
        self._kind = None
        self._names = None  # the columns' own names, when the kind gives them (input features)

    @property
    def matrix(self):
        return self._matrix

    def set_step(self, step):
        """Show ``step``'s result: values change in place when the shape and kind stay the same.
        Returns whether the table was reset (its scroll position is then lost)."""
        matrix = np.zeros((0, 0)) if step is None else result_matrix(step)
        kind = None if step is None else step.kind
        names = None if step is None else kind.column_names(step)
        if matrix.shape == self._matrix.shape and kind == self._kind and names == self._names:
            self._matrix = matrix
            if matrix.size:
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(matrix.shape[0] - 1, matrix.shape[1] - 1),
                    [DISPLAY, TOOLTIP, EDIT, VALUE_ROLE],
                )
            return False
        self.beginResetModel()
        self._matrix, self._kind, self._names = matrix, kind, names
        self.endResetModel()
        return True

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._matrix.shape[0]

    def columnCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._matrix.shape[1]

    def data(self, index, role=DISPLAY):
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        if role == ALIGNMENT:
            return RIGHT_ALIGNED
        value = self._matrix[index.row(), index.column()]
        if role == DISPLAY:
            return number(value)
        if role == TOOLTIP:
            return f"{exact(value)} ({value.dtype})"  # every digit the engine holds, and no more
        if role == EDIT:
            return exact(value)  # what Copy puts on the clipboard: reads back as the same value
        return float(value)  # VALUE_ROLE

    def flags(self, index):
        return CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section, orientation, role=DISPLAY):
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section)  # the sample number; the panel says rows are samples
        if self._kind is None:
            return None
        if self._kind.single_column:
            return self._kind.columns
        return self._names[section] if self._names else f"{self._kind.columns} {section}"

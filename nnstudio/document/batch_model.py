"""The batch as a table: one row per sample, one column per input, then the class label.

A hand-entered batch is edited here (numbers only, one undo step per cell); a spiral or
vertical batch is shown read-only so the student sees the numbers the network gets. Labels
the output cannot give (negative, or not below the last Dense's width) are flagged in red.
"""

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from nnstudio.engine.arithmetic_text import counted
from nnstudio.engine.objectives import classes_told_apart

from .messages import error, warning
from .number_text import compact, exact, read_block, read_label, read_number, rejected
from .palette import class_color

ROOT = QModelIndex()  # a table has no parent items
FLAG_COLOR = QColor("#f4a6a6")
NOT_HAND_ENTERED = error("These rows are not hand-entered: switch the source to Hand-entered to paste into them"
                         " — nothing was pasted.")
OUTSIDE_THE_CLASSES = warning("Sample {row} is now of class {label}, but the output gives {classes}: {names}. It is"
                              " marked red, and there is no loss until the last Dense has {needed} neurons.")
RIGHT_OF_THE_CLASS = warning("{values} fell right of the class column and {verb} left out.")


NO_LABEL = {
    Qt.ItemDataRole.DisplayRole: "–",
    Qt.ItemDataRole.EditRole: "",
    Qt.ItemDataRole.TextAlignmentRole: int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    Qt.ItemDataRole.ToolTipRole: "These rows carry no class labels. Type a class here to label them all (the others"
                                 " start as class 0) and get a loss.",
}


def class_names(classes):
    """How a student reads the classes an output of ``classes`` columns gives."""
    if classes == 1:
        return "the only class here is 0"
    if classes <= 5:
        return f"classes here are {', '.join(map(str, range(classes - 1)))} and {classes - 1}"
    return f"classes here are 0 to {classes - 1}"


class HandBatchModel(QAbstractTableModel):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self._X, self._y = document.data
        self._classes = self._classes_given()
        document.state_changed.connect(self._on_state_changed)  # the labels flagged follow the network

    @property
    def editable(self):
        return self._document.state.batch.editable

    @property
    def n_inputs(self):
        return self._X.shape[1]

    @property
    def classes(self):
        """How many classes the output gives (the last Dense's width; 2 for a single Sigmoid output),
        or None without a Dense."""
        return self._classes

    def _classes_given(self):
        return classes_told_apart(self._document.layers)

    def is_flagged(self, row):
        """Whether sample ``row``'s label is one the output cannot give."""
        label = self._y[row]
        return self._classes is not None and not 0 <= label < self._classes

    def flagged_rows(self):
        if self._classes is None:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero((self._y < 0) | (self._y >= self._classes))

    # ----- shape -------------------------------------------------------------------------------
    def rowCount(self, parent=ROOT):
        return 0 if parent.isValid() else len(self._y)

    def columnCount(self, parent=ROOT):
        return 0 if parent.isValid() else self.n_inputs + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section)  # sample numbers count from 0, as X[i] does
        return "class" if section == self.n_inputs else f"x{section}"

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable else flags

    # ----- values ------------------------------------------------------------------------------
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        is_label = column == self.n_inputs
        value = self._y[row] if is_label else self._X[row, column]
        if is_label and not self._document.state.batch.has_labels:
            return NO_LABEL.get(role)  # the rows carry no class: shown as a dash, typed afresh
        if role == Qt.ItemDataRole.DisplayRole:
            return str(int(value)) if is_label else compact(value)
        if role == Qt.ItemDataRole.EditRole:
            return str(int(value)) if is_label else exact(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not is_label:
            return None
        flagged = self.is_flagged(row)
        if role == Qt.ItemDataRole.BackgroundRole and flagged:
            return FLAG_COLOR
        if role == Qt.ItemDataRole.DecorationRole and not flagged:
            return class_color(value)
        if role == Qt.ItemDataRole.ToolTipRole and flagged:
            return (
                f"Class {int(value)} is not one the output can give: its last Dense has"
                f" {counted(self._classes, 'neuron')}, so classes run 0…{self._classes - 1}."
            )
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        row, column = index.row(), index.column()
        X, y = self._X.copy(), self._y.copy()
        if column == self.n_inputs:
            number, why = read_label(value)
            if why:
                self._document.post(rejected(value, why, "class label", y[row]))
                return False
            y[row] = number
            text = f"Set the class of sample {row} to {number}"
        else:
            number, why = read_number(value)
            if why:
                self._document.post(rejected(value, why, "input", X[row, column]))
                return False
            X[row, column] = number
            text = f"Set x{column} of sample {row} to {number:g}"
        labels_given = column == self.n_inputs
        if np.array_equal(X, self._X) and np.array_equal(y, self._y) and (
                self._document.state.batch.has_labels or not labels_given):
            return True  # the value it already had (a first class typed labels the rows, though)
        self._document.set_hand_rows(X, y, text, labels_given=labels_given)
        classes = self._classes
        if column == self.n_inputs and classes is not None and number >= classes:
            self._document.post(OUTSIDE_THE_CLASSES(row=row, label=number, classes=counted(classes, "class"),
                                                    names=class_names(classes), needed=number + 1))
        return True

    def paste(self, top, left, texts):
        """Write a block of cell texts with its top-left at (top, left) as one undo step, as a
        spreadsheet pastes: rows past the last sample are added as new samples; values right of
        the class column are left out, and said so. Any cell that does not read rejects the whole
        block, with a message; True if pasted."""
        if not self.editable:
            self._document.post(NOT_HAND_ENTERED())
            return False
        n_inputs = self.n_inputs
        width = min(max(map(len, texts), default=0), self.columnCount() - left)

        def read(column, text):
            return read_label(text) if left + column == n_inputs else read_number(text)

        rows, refused = read_block([line[:width] for line in texts], read, "batch stays as it was")
        if refused:
            self._document.post(refused)
            return False
        if not rows or width <= 0:
            return False
        bottom = top + len(rows)
        added = max(0, bottom - len(self._y))
        X = np.vstack([self._X, np.zeros((added, n_inputs))])
        y = np.concatenate([self._y, np.zeros(added, dtype=self._y.dtype)])
        block = np.array(rows, dtype=np.float64)
        inputs = min(width, n_inputs - left)
        if inputs > 0:
            X[top:bottom, left : left + inputs] = block[:, :inputs]
        if left + width > n_inputs:
            y[top:bottom] = block[:, n_inputs - left].astype(np.int64)
        text = f"Paste {len(rows)}×{width} into the batch"
        if added:
            text += f" ({counted(added, 'new sample')})"
        if not self._document.set_hand_rows(X, y, text, labels_given=left + width > n_inputs):
            return False  # past a limit: the document said so
        left_out = sum(len(line) for line in texts) - len(rows) * width
        if left_out:
            self._document.post(RIGHT_OF_THE_CLASS(values=counted(left_out, "pasted value"),
                                                   verb="was" if left_out == 1 else "were"))
        return True

    # ----- following the document --------------------------------------------------------------
    def _on_state_changed(self):
        X, y = self._document.data
        classes, classes_before = self._classes_given(), self._classes
        if X.shape[1] != self._X.shape[1]:
            self.beginResetModel()
            self._X, self._y, self._classes = X, y, classes
            self.endResetModel()
        elif X is not self._X or y is not self._y:
            self._resize_rows(X, y)
            self._X, self._y, self._classes = X, y, classes
            self._emit_all_changed()
        elif classes != classes_before:
            self._classes = classes
            if self.rowCount():
                column = self.n_inputs
                self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    def _resize_rows(self, X, y):
        """Add or take away rows at the end to match ``X`` (the rows kept read as before until
        dataChanged): the view keeps its scroll position and selection, as it would not through a
        reset."""
        old, new = len(self._y), len(y)
        if new > old:
            self.beginInsertRows(ROOT, old, new - 1)
            self._X, self._y = np.vstack([self._X, X[old:]]), np.concatenate([self._y, y[old:]])
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(ROOT, new, old - 1)
            self._X, self._y = self._X[:new], self._y[:new]
            self.endRemoveRows()

    def _emit_all_changed(self):
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

"""Copy matrix reads the array, not every cell through the model: the same text, every digit, and a
table too large to copy is refused in a sentence."""

import numpy as np
import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from nnstudio.document.number_text import exact
from nnstudio.widgets import table_clipboard
from nnstudio.widgets.table_clipboard import copy_table, matrix_text, tab_separated


class CellsOnly(QAbstractTableModel):
    """A model answering cell by cell, as a model without a matrix does."""

    def __init__(self, matrix):
        super().__init__()
        self._values = matrix

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return self._values.shape[0]

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return self._values.shape[1]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return exact(self._values[index.row(), index.column()]) if role == Qt.ItemDataRole.EditRole else None


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_arrays_text_is_every_cells_exact_text(dtype):
    rng = np.random.default_rng(1)
    matrix = (rng.standard_normal((40, 7)) * 10.0 ** rng.integers(-30, 30, (40, 7))).astype(dtype)
    matrix[0, 0], matrix[1, 1] = -0.0, 0.1
    expected = tab_separated([exact(value) for value in row] for row in matrix)
    assert matrix_text(matrix) == expected
    back = np.array([line.split("\t") for line in matrix_text(matrix).split("\n")], dtype=dtype)
    assert back.tobytes() == matrix.tobytes()


def test_a_table_past_the_limit_is_refused_with_a_sentence(qapp, monkeypatch):
    monkeypatch.setattr(table_clipboard, "MAX_COPIED", 20)
    QApplication.clipboard().setText("before")
    said = []
    assert not copy_table(CellsOnly(np.ones((5, 5))), said.append)
    assert QApplication.clipboard().text() == "before"
    assert "25 numbers" in said[0].text and "nothing was copied" in said[0].text
    assert copy_table(CellsOnly(np.ones((4, 5))), said.append)
    assert QApplication.clipboard().text().count("\t") == 16

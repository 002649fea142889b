"""Copy a table view's selection as tab-separated text, and paste such a block into it,
the way spreadsheets exchange cells."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from nnstudio.document.messages import error

MAX_COPIED = 1_000_000  # numbers Copy matrix puts on the clipboard at most: about a second's work
TOO_MANY_TO_COPY = error("The table holds {count} numbers, more than the {limit} a copy takes: nothing was copied."
                         " Select a block of cells and press Ctrl+C to copy part of it.")


def tab_separated(cells):
    """Rows of cell texts as spreadsheets exchange them: tabs between cells, a line per row."""
    return "\n".join("\t".join(line) for line in cells)


def selection_text(view):
    """The selected cells' full-precision text as lines of tab-separated values (the bounding
    rectangle of the selection; unselected cells inside it are left empty)."""
    indexes = view.selectionModel().selectedIndexes()
    if not indexes:
        return ""
    rows = [index.row() for index in indexes]
    columns = [index.column() for index in indexes]
    top, left = min(rows), min(columns)
    cells = [[""] * (max(columns) - left + 1) for _ in range(max(rows) - top + 1)]
    for index in indexes:
        cells[index.row() - top][index.column() - left] = str(index.data(Qt.ItemDataRole.EditRole))
    return tab_separated(cells)


def matrix_text(matrix):
    """Every value of ``matrix`` in full precision (as ``number_text.exact`` writes it), tab-separated:
    read from the array itself, not cell by cell through a model (which took seconds for 3 000 rows)."""
    if matrix.dtype == np.float64:
        return tab_separated(map(repr, row) for row in matrix.tolist())
    return tab_separated(map(str, row) for row in matrix)


def copy_table(model, post):
    """Put every cell of ``model`` on the clipboard; a table past MAX_COPIED numbers is refused with
    a message given to ``post``. Returns whether it copied."""
    count = model.rowCount() * model.columnCount()
    if count > MAX_COPIED:
        post(TOO_MANY_TO_COPY(count=f"{count:,}", limit=f"{MAX_COPIED:,}"))
        return False
    QApplication.clipboard().setText(table_text(model))
    return True


def table_text(model):
    """Every cell of ``model`` in full precision, tab-separated: from its ``matrix`` when it has one,
    else its cells' edit-role texts."""
    matrix = getattr(model, "matrix", None)
    if matrix is not None:
        return matrix_text(matrix)
    return tab_separated(
        [str(model.index(row, column).data(Qt.ItemDataRole.EditRole)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    )


def split_block(text):
    """Pasted text as rows of cell texts: tab-separated if it holds a tab, else comma-separated.
    Blank lines (a spreadsheet's trailing newline) are dropped."""
    separator = "\t" if "\t" in text else ","
    return [line.split(separator) for line in text.splitlines() if line.strip()]


def paste_target(view, block_rows, block_columns):
    """Where a pasted block goes: its top-left at the selection's top-left; a larger selection
    limits it. Returns (top, left, rows, columns), or None without a selection."""
    indexes = view.selectionModel().selectedIndexes() or [view.currentIndex()]
    indexes = [index for index in indexes if index.isValid()]
    if not indexes:
        return None
    top = min(index.row() for index in indexes)
    left = min(index.column() for index in indexes)
    rows = max(index.row() for index in indexes) - top + 1
    columns = max(index.column() for index in indexes) - left + 1
    if rows * columns > 1:
        return top, left, min(rows, block_rows), min(columns, block_columns)
    return top, left, block_rows, block_columns


def install_clipboard(view, paste=None):
    """Give ``view`` Copy (Ctrl+C: the selection, or the whole table when nothing is selected)
    and, when ``paste`` is given, Paste (Ctrl+V). ``paste(top, left, texts)`` receives the pasted
    block, cut to the selection, as rows of cell texts."""

    def copy():
        text = selection_text(view) or table_text(view.model())
        if text:
            QApplication.clipboard().setText(text)

    def paste_clipboard():
        texts = split_block(QApplication.clipboard().text())
        if not texts:
            return
        target = paste_target(view, len(texts), max(len(row) for row in texts))
        if target is None:
            return
        top, left, rows, columns = target
        paste(top, left, [row[:columns] for row in texts[:rows]])

    commands = [("&Copy", QKeySequence.StandardKey.Copy, copy)]
    if paste is not None:
        commands.append(("&Paste", QKeySequence.StandardKey.Paste, paste_clipboard))
    actions = []
    for title, key, slot in commands:
        action = QAction(title, view)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        view.addAction(action)
        actions.append(action)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return actions

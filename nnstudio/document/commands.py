"""The one undo command: swap the document's state for another, and back."""

from PySide6.QtGui import QUndoCommand

CELL_EDIT_ID = 1


class StateCommand(QUndoCommand):
    """Replace the document's whole state. ``merge_key`` lets repeated edits of one cell become
    one undo step (as Qt's undoframework example merges moves of one item)."""

    def __init__(self, document, before, after, text, merge_key=None):
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._merge_key = merge_key

    def id(self):
        return CELL_EDIT_ID if self._merge_key is not None else -1

    def mergeWith(self, other):
        if other._merge_key != self._merge_key:
            return False
        self._after = other._after
        self.setText(other.text())
        return True

    def redo(self):
        self._document._restore(self._after)

    def undo(self):
        self._document._restore(self._before)

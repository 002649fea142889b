"""The one undo command: swap the document's state for another, and back."""

from PySide6.QtGui import QUndoCommand

MERGING_ID = 1


class StateCommand(QUndoCommand):
    """Replace the document's whole state. Each command is an undo step of its own (a value typed
    and committed is one, so undo goes back one typed value at a time), except that consecutive
    commands given the same ``merge_key`` become one, as Qt's undoframework example merges the
    moves of one item: switching the numerics there and back is then no step at all, and the
    project is as saved again."""

    def __init__(self, document, before, after, text, merge_key=None):
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._merge_key = merge_key

    def id(self):
        return MERGING_ID if self._merge_key is not None else -1

    def mergeWith(self, other):
        if other._merge_key != self._merge_key:
            return False
        self._after = other._after
        self.setText(other.text())
        # Merged commands change only the numerics and the layers' dtype: back where they started,
        # the stack drops the command (and is clean again if it was clean before it).
        before, after = self._before, self._after
        self.setObsolete(before.numerics == after.numerics and before.same_layers(after))
        return True

    def redo(self):
        self._document._restore(self._after)

    def undo(self):
        self._document._restore(self._before)

"""The one undo command: swap the document's state for another, and back."""

from PySide6.QtGui import QUndoCommand


class StateCommand(QUndoCommand):
    """Replace the document's whole state. Each command is an undo step of its own: a value typed
    and committed is one, so undo goes back one typed value at a time, as a spreadsheet does."""

    def __init__(self, document, before, after, text):
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after

    def redo(self):
        self._document._restore(self._after)

    def undo(self):
        self._document._restore(self._before)

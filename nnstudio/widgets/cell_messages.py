"""A refused (or doubtful) entry explained where it was typed: the error or warning the document
posts while a table has the keyboard (or its cell editor has) appears in a tooltip by the current
cell, as well as in the status bar."""

from PySide6.QtCore import QObject, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip

from nnstudio.document.messages import Severity


class CellMessages(QObject):
    def __init__(self, view, document):
        super().__init__(view)
        self._view = view
        document.message_posted.connect(self._on_message)

    def _on_message(self, message):
        view = self._view
        focus = QApplication.focusWidget()
        typing_here = view.state() == QAbstractItemView.State.EditingState or (
            focus is not None and (focus is view or view.isAncestorOf(focus)))
        index = view.currentIndex()
        if message.severity not in (Severity.ERROR, Severity.WARNING) or not typing_here or not index.isValid():
            return
        # once the cell's editor has closed: the focus going back to the table would hide it at once
        cell = QPersistentModelIndex(index)  # the model may change before the call
        QTimer.singleShot(0, self, lambda: self._show(cell, message.text))

    def _show(self, cell, text):
        view = self._view
        if cell.isValid():
            index = view.model().index(cell.row(), cell.column())
            QToolTip.showText(view.viewport().mapToGlobal(view.visualRect(index).bottomLeft()), text, view.viewport())


def install_cell_messages(view, document):
    """Show ``document``'s refusals by the current cell of ``view`` while it is being typed into."""
    return CellMessages(view, document)

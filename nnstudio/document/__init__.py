"""The document: the network and batch a user edits, its undo stack, its trace, and the Qt item
models that show it. QtCore/QtGui only."""

from .document import Document
from .state import Batch, Initialisation, State, spiral_classifier

__all__ = ["Batch", "Document", "Initialisation", "State", "spiral_classifier"]

"""Helpers for the plot panels' tests: editing a weight as the table does, and the
engine's own answer to compare what the plots show against (``document`` comes from tests/conftest.py)."""


from nnstudio.engine import Network


def engine_trace(document):
    """The engine's trace for the document's current layers and batch, computed independently."""
    X, y = document.data
    return Network(layer.copy() for layer in document.layers).trace(X, y)


def edit_weight(qtbot, document, number, row, column, value):
    """Change one weight as the table does, and wait until the views have had the new trace."""
    with qtbot.waitSignal(document.trace_changed):
        assert document.set_parameter(number, "weights", row, column, value)


"""Fixtures for the plot panels: a document on the notebook's spiral classifier, and the engine's
own answer for it to compare what the plots show against."""

import pytest

from nnstudio.document import Document
from nnstudio.engine import Network


@pytest.fixture
def document(qapp):
    return Document()


def engine_trace(document):
    """The engine's trace for the document's current layers and batch, computed independently."""
    X, y = document.data
    return Network(layer.copy() for layer in document.layers).trace(X, y)


def show(qtbot, widget, width=520, height=480):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def edit_weight(qtbot, document, number, row, column, value):
    """Change one weight as the table does, and wait until the views have had the new trace."""
    with qtbot.waitSignal(document.trace_changed):
        assert document.set_parameter(number, "weights", row, column, value)


def tick_font(axis):
    """The font ``axis`` draws its ticks in: its tick font, else the graphics item's own."""
    return axis.style["tickFont"] or axis.font()

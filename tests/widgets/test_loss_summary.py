"""The status bar keeps the loss and accuracy in sight and follows every edit."""

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from nnstudio.document import Document
from nnstudio.engine import Network
from nnstudio.widgets.loss_summary import LossSummary


@pytest.fixture
def summary(qtbot):
    document = Document()
    label = LossSummary(document)
    qtbot.addWidget(label)
    return label


def engine_figures(document):
    X, y = document.data
    trace = Network([layer.copy() for layer in document.layers]).trace(X, y)
    return trace.loss, trace.accuracy


def test_shows_the_engines_loss_and_accuracy_after_an_edit(summary, qtbot):
    document = summary.document
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(1, "weights", 0, 0, 3.0)
    loss, accuracy = engine_figures(document)
    assert not np.isclose(loss, 1.0986, atol=1e-4)  # the edit moved the loss away from ln 3
    assert summary.text() == f"loss {loss:.4f} · accuracy {100 * accuracy:.1f} %"
    assert summary.loss_value.font().bold() and summary.accuracy_value.font().bold()


def test_a_network_without_a_loss_shows_dashes_without_a_gap(summary, qtbot):
    number_width = summary.loss_value.width()
    with qtbot.waitSignal(summary.document.trace_changed):
        summary.document.remove_layer(3)
    assert summary.text() == "loss – · accuracy –"
    dash = QLabel("–")
    dash.setFont(summary.loss_value.font())
    assert summary.loss_value.width() == dash.sizeHint().width() < number_width


def test_the_numbers_follow_the_zoom_and_stay_bold(summary):
    font = summary.font()
    before = summary.loss_value.fontInfo().pointSizeF()
    font.setPointSizeF(font.pointSizeF() + 6)
    summary.setFont(font)  # what View → Zoom in does to the status bar's summary
    for value in (summary.loss_value, summary.accuracy_value):
        assert value.fontInfo().pointSizeF() > before and value.fontInfo().bold()

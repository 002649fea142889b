"""A weight's cell editor left open (text typed, Enter not pressed) while its layer goes away —
removed, or replaced by a smaller project — is dropped, not committed into a layer that is gone
(which raised out of Qt's commit and killed the process)."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from shown import show

from nnstudio.document.state import spiral_classifier
from nnstudio.widgets.layer_stack import LayerStackPanel
from nnstudio.widgets.parameter_editor import ParametersPanel


@pytest.fixture
def panels(document, qtbot):
    return show(qtbot, LayerStackPanel(document), 320, 300), show(qtbot, ParametersPanel(document), 520, 640)


def open_editor_with(qtbot, view, text):
    index = view.model().index(0, 1)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text)  # no Enter
    return editor


def test_removing_the_layer_under_an_open_editor(panels, document, qtbot):
    stack, weights = panels
    open_editor_with(qtbot, weights.editors[1].weights_view, "2.871")
    rect = stack.view.visualRect(stack.model.index(3))  # Dense 2
    qtbot.mouseClick(stack.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    stack.remove_action.trigger()
    QApplication.processEvents()
    assert [layer.kind for layer in document.layers] == ["Dense", "ReLU", "Softmax"]
    assert len(weights.editors) == 1
    assert document.undo_stack.count() == 1  # the removal, and no edit of a weight that is gone


def test_opening_a_smaller_project_under_an_open_editor(panels, document, qtbot):
    _, weights = panels
    open_editor_with(qtbot, weights.editors[1].biases_view, "7")
    smaller = spiral_classifier()
    smaller = smaller.replace(layers=smaller.layers[:1])
    document.replace_state(smaller)
    QApplication.processEvents()
    assert len(document.layers) == 1 and len(weights.editors) == 1
    assert not np.any(document.dense(0).biases == 7)


def test_a_cell_that_is_gone_is_refused_by_the_document(document):
    assert document.set_parameter(5, "weights", 0, 0, 1.0) is False
    assert document.set_parameter(0, "weights", 9, 0, 1.0) is False
    document.paste_parameters(3, "biases", 0, 0, np.ones((1, 1)))
    assert document.undo_stack.count() == 0

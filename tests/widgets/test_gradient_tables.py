"""Show gradients: below each Dense's weights and biases, the loss's gradient on each of them,
following every edit, read-only, copied as tab-separated text."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from shown import show
from test_parameter_editor import type_into_cell

from nnstudio.document import Batch, Document
from nnstudio.document.parameter_model import GradientTableModel
from nnstudio.document.state import spiral_classifier
from nnstudio.widgets.parameter_editor import ParametersPanel


def gradients(document):
    """Every Dense's (dweights, dbiases) by the engine alone."""
    network = document.state.network()
    network.backward(*document.data)
    return [(layer.dweights, layer.dbiases) for layer in network.dense_layers]


def table(model):
    """What the table's cells say, every digit (the text reads back as the stored value in its own dtype)."""
    return np.array([[model.data(model.index(r, c), Qt.ItemDataRole.EditRole)
                      for c in range(model.columnCount())] for r in range(model.rowCount())],
                    dtype=model.matrix.dtype)


@pytest.fixture
def panel(document, qtbot):
    return show(qtbot, ParametersPanel(document), 620, 900)


def tick(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))


def test_gradients_appear_under_the_weights_when_asked_for(panel, document, qtbot):
    editor = panel.editors[1]
    assert not editor.gradient_views["weights"].isVisible()
    tick(qtbot, panel.gradients_box)
    assert editor.gradient_views["weights"].isVisible() and editor.gradient_views["biases"].isVisible()
    for editor, (dweights, dbiases) in zip(panel.editors, gradients(document), strict=True):
        assert np.array_equal(table(editor.gradient_models["weights"]), dweights)
        assert np.array_equal(table(editor.gradient_models["biases"]), dbiases)
    tick(qtbot, panel.gradients_box)
    assert not editor.gradient_views["weights"].isVisible()


def test_gradients_follow_a_typed_weight(panel, document, qtbot):
    tick(qtbot, panel.gradients_box)
    before = table(panel.editors[0].gradient_models["weights"])
    with qtbot.waitSignal(document.trace_changed):
        type_into_cell(qtbot, panel.editors[1].weights_view, 0, 0, "2.5")
    after = table(panel.editors[0].gradient_models["weights"])
    assert not np.array_equal(before, after)
    assert np.array_equal(after, gradients(document)[0][0])


def test_a_gradient_cannot_be_typed_over_but_copies_as_text(panel, document, qtbot):
    tick(qtbot, panel.gradients_box)
    view = panel.editors[1].gradient_views["biases"]
    model = view.model()
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, 1), "3")
    view.selectAll()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = np.array([float(text) for text in QApplication.clipboard().text().split("\t")])
    assert np.array_equal(copied.astype(np.float32), gradients(document)[1][1][0])


def test_the_gradient_model_passes_qts_model_tests(qtmodeltester, document):
    model = GradientTableModel(document, 0, "weights")
    model.set_active(True)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_without_labels_there_is_no_gradient(qtbot):
    batch = Batch("hand", hand_X=np.zeros((2, 2)), hand_y=None)
    document = Document(replace(spiral_classifier(), batch=batch))
    model = GradientTableModel(document, 0, "weights")
    model.set_active(True)
    assert (model.rowCount(), model.columnCount()) == (0, 0)

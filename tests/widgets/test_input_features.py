"""Input features chosen in the Batch panel: the stack, the weights, the explanation, the Layers panel."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from shown import show

from nnstudio.document import Batch
from nnstudio.document.parameter_model import ParameterTableModel
from nnstudio.engine import Features
from nnstudio.widgets.batch_editor import BatchPanel
from nnstudio.widgets.layer_stack import LayerStackPanel


@pytest.fixture
def panel(document, qtbot):
    return show(qtbot, BatchPanel(document), 480, 600)


@pytest.fixture
def messages(document):
    posted = []
    document.message_posted.connect(lambda message: posted.append(message.text))
    return posted


def click(qtbot, panel, name):
    qtbot.mouseClick(panel.feature_buttons[name], Qt.MouseButton.LeftButton)


def test_clicking_x0_and_x1_squared_adds_them_as_inputs_keeping_x0_and_x1s_weights(panel, document, qtbot):
    assert [name for name, b in panel.feature_buttons.items() if b.isChecked()] == ["x₀", "x₁"]
    weights = document.layers[0].weights.copy()
    click(qtbot, panel, "x₀²")
    click(qtbot, panel, "x₁²")
    assert document.layers[0].names == ("x₀", "x₁", "x₀²", "x₁²")
    dense = document.layers[1]
    assert dense.weights.shape == (4, 3) and np.array_equal(dense.weights[:2], weights)
    trace = document.trace
    assert trace.steps[0].label == "Input features"
    X, _ = document.data
    assert np.array_equal(trace.steps[0].output[:, 3], X[:, 1] * X[:, 1])  # x₁²
    explained = trace.explain(0, 5, 2)
    assert explained.formulas[0].shown.startswith("x₀² = ") and "Sample 5's inputs are x₀ = " in explained.notes[0]
    click(qtbot, panel, "x₀")
    assert document.features == ("x₁", "x₀²", "x₁²")
    assert np.array_equal(document.layers[1].weights[0], weights[1])  # x₁'s row, kept by name
    for _ in range(3):
        document.undo_stack.undo()
    assert document.layers[0].weights.shape == (2, 3) and not isinstance(document.layers[0], Features)
    assert [name for name, b in panel.feature_buttons.items() if b.isChecked()] == ["x₀", "x₁"]


def test_the_last_feature_cannot_be_taken_away(panel, document, qtbot, messages):
    click(qtbot, panel, "x₀")
    click(qtbot, panel, "x₁")
    assert messages[-1] == "The network needs at least one input feature — the features stay as they were."
    assert document.features == ("x₁",) and panel.feature_buttons["x₁"].isChecked()


def test_features_need_two_inputs(panel, document, qtbot, messages):
    X = np.zeros((4, 3))
    document.set_batch(Batch("hand", hand_X=X, hand_y=np.zeros(4, dtype=np.int64)))
    assert not panel.feature_buttons["x₀²"].isEnabled()
    assert not document.set_features(["x₀", "x₀²"])
    assert messages[-1].startswith("Input features are computed from two inputs, x₀ and x₁; this batch has 3")


def test_the_layers_panel_keeps_the_features_first(document, qtbot, messages):
    document.set_features(["x₀", "x₁", "x₀x₁"])
    layers = show(qtbot, LayerStackPanel(document), 320, 400)
    model = layers.model
    assert model.index(1).data(model.NameRole) == "Features 1"
    assert model.index(1).data(model.ShapeRole) == "2→3  → 300×3"
    assert not model.flags(model.index(1)) & Qt.ItemFlag.ItemIsDragEnabled
    document.move_layer(1, 0)
    assert isinstance(document.layers[0], Features)
    assert messages[-1] == "The input features come first in the stack: choose them in the Batch panel."
    document.add_layer("ReLU", 0)
    assert isinstance(document.layers[0], Features) and document.layers[1].kind == "ReLU"


def test_the_first_dense_names_its_weight_rows_by_feature(document, qtmodeltester):
    weights = ParameterTableModel(document, 0)
    qtmodeltester.check(weights)
    document.set_features(["x₀", "x₁", "x₀²"])
    assert [weights.headerData(row, Qt.Orientation.Vertical) for row in range(3)] == ["x₀", "x₁", "x₀²"]
    with_signal = []
    weights.headerDataChanged.connect(lambda *args: with_signal.append(args))
    document.set_features(["x₀", "x₁", "sin x₀"])  # as many rows: only the names change
    assert weights.headerData(2, Qt.Orientation.Vertical) == "sin x₀" and with_signal
    assert ParameterTableModel(document, 1).headerData(0, Qt.Orientation.Vertical) == "input 0"
    qtmodeltester.check(weights)

"""The step result model shows the engine's arrays, in place when the shape stays."""


import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.document import Document
from nnstudio.document.step_model import VALUE_ROLE, StepModel
from nnstudio.engine import Dense, Network, ReLU, Softmax, TraceStep, spiral


def notebook_spiral_trace():
    """The notebook's spiral classifier built from the engine alone: nnfs numerics, seed 0."""
    network = Network([Dense(2, 3), ReLU(), Dense(3, 3), Softmax()])
    network.astype(np.dtype(np.float32))
    network.initialise(0, 0.10)
    X, y = spiral(100, 3, 0)
    return network.trace(X, y)


def shown(model):
    """What the model holds, cell by cell, read back through its data()."""
    return np.array(
        [[model.data(model.index(r, c), VALUE_ROLE) for c in range(model.columnCount())]
         for r in range(model.rowCount())]
    )


@pytest.fixture
def model(qapp):
    return StepModel()


def test_passes_the_model_tester(qtmodeltester, model):
    qtmodeltester.check(model)
    model.set_step(notebook_spiral_trace().steps[0])
    qtmodeltester.check(model)
    model.set_step(None)
    qtmodeltester.check(model)


def test_every_step_of_the_spiral_network_shows_the_engines_array(model):
    document = Document()
    expected = notebook_spiral_trace()
    assert len(document.trace.steps) == len(expected.steps) == 7
    for index, step in enumerate(expected.steps):
        model.set_step(document.trace.steps[index])
        assert np.array_equal(shown(model), step.output.reshape(len(step.output), -1))


def test_values_change_in_place_and_shape_changes_reset(qtbot, model):
    trace = notebook_spiral_trace()
    model.set_step(trace.steps[1])
    step = trace.steps[1]
    edited = TraceStep(step.kind, step.layer_index, step.inputs, step.output + 1)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as changed:
        model.set_step(edited)
    top_left, bottom_right = changed.args[:2]
    assert (top_left.row(), top_left.column()) == (0, 0)
    assert (bottom_right.row(), bottom_right.column()) == (299, 2)
    assert model.data(model.index(0, 0), VALUE_ROLE) == float(trace.steps[1].output[0, 0] + 1)
    with qtbot.waitSignal(model.modelReset):
        model.set_step(trace.steps[6])  # the loss: 300×1
    assert (model.rowCount(), model.columnCount()) == (300, 1)


def test_headers_say_what_rows_and_columns_are(model):
    trace = notebook_spiral_trace()
    model.set_step(trace.steps[0])
    assert model.headerData(2, Qt.Orientation.Horizontal) == "neuron 2"
    assert model.headerData(7, Qt.Orientation.Vertical) == "7"
    model.set_step(trace.steps[5])
    assert model.headerData(1, Qt.Orientation.Horizontal) == "class 1"
    model.set_step(trace.steps[6])
    assert model.headerData(0, Qt.Orientation.Horizontal) == "loss"


def test_cells_read_short_with_every_digit_on_hover(model):
    trace = notebook_spiral_trace()
    model.set_step(trace.steps[5])
    value = trace.steps[5].output[4, 1]
    assert model.data(model.index(4, 1)) == f"{value:.4g}"
    # every digit of the float32 and no more, as numpy prints it (not the float64 it widens to)
    assert model.data(model.index(4, 1), Qt.ItemDataRole.ToolTipRole) == f"{str(value)} (float32)"
    assert len(str(value)) < len(repr(float(value)))
    assert not model.flags(model.index(4, 1)) & Qt.ItemFlag.ItemIsEditable

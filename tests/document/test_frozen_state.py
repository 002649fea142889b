"""A state cannot be changed behind the undo stack: its arrays refuse writes after every kind of
edit, a trace leaves its layers as they were, and copies for in-place work are writeable."""

from dataclasses import fields

import numpy as np
import pytest

from nnstudio.document import Batch, Document, spiral_classifier
from nnstudio.document.batch_model import HandBatchModel
from nnstudio.document.project_file import Project, load, save
from nnstudio.document.state import UnseenData
from nnstudio.engine import Adam, Dense, Network, spiral


def arrays_of(state):
    """(name, array) for every array a state holds: on its layers, in its batch and test data."""
    for index, layer in enumerate(state.layers):
        for name, value in vars(layer).items():
            if isinstance(value, np.ndarray):
                yield f"layer {index} {name}", value
    for part in (state.batch, state.test):
        for field in fields(part):
            value = getattr(part, field.name)
            if isinstance(value, np.ndarray):
                yield f"{type(part).__name__}.{field.name}", value


def assert_cannot_be_written(state):
    for name, array in arrays_of(state):
        with pytest.raises(ValueError, match="read-only"):
            array[...] = 1
        with pytest.raises(ValueError, match="read-only"):
            array += 1
        base = array.base  # nor through the memory it is a view of
        while isinstance(base, np.ndarray):
            assert not base.flags.writeable, f"{name} is a view of a writeable array"
            base = base.base


def snapshot(state):
    return {name: (array, array.tobytes()) for name, array in arrays_of(state)}


def assert_unchanged(state, before):
    now = snapshot(state)
    for name, (array, bits) in before.items():
        assert now[name][0] is array and now[name][1] == bits, f"{name} changed"


def edit_a_hand_cell(document, tmp_path):
    document.set_hand_rows([[0.5, -1.0], [2.0, 0.25]], [0, 2], "Type two rows")
    model = HandBatchModel(document)
    assert model.setData(model.index(1, 0), "7.5")
    assert model.setData(model.index(0, 2), "1")


def open_a_file(document, tmp_path):
    edited = Document()
    edited.set_hand_rows([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0, 1, 2], "Type three rows")
    save(Project(edited.state), tmp_path / "rows.nnstudio")
    document.replace_state(load(tmp_path / "rows.nnstudio").state)


EDITS = {
    "weight edit": lambda document, _: document.set_parameter(0, "weights", 1, 2, 0.75),
    "paste": lambda document, _: document.paste_parameters(1, "biases", 0, 1, np.array([[1.5, -2.0]])),
    "resize": lambda document, _: document.set_neurons(0, 5),
    "initialise": lambda document, _: document.reinitialise(7, 0.01),
    "initialise one layer": lambda document, _: document.reinitialise(7, 0.01, number=1),
    "zero a layer": lambda document, _: document.zero_layer(1),
    "numerics": lambda document, _: document.set_numerics("float64"),
    "add a layer": lambda document, _: document.add_layer("Dense", 2, 4),
    "data set": lambda document, _: document.use_dataset("vertical", 40, 2, 3),
    "hand rows": lambda document, _: document.set_hand_rows([[1, 2, 3]], [1], "Type a row of 3 inputs"),
    "batch edit": edit_a_hand_cell,
    "open file": open_a_file,
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_no_array_of_a_state_can_be_written_after_an_edit(document, tmp_path, edit):
    first = document.state
    before = snapshot(first)
    assert_cannot_be_written(first)
    edit(document, tmp_path)
    assert document.state is not first
    assert_cannot_be_written(document.state)
    assert document.trace is not None
    assert_unchanged(first, before)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
        assert_cannot_be_written(document.state)


def test_a_state_takes_no_writeable_view_of_an_array(document):
    rows = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    document.set_batch(Batch("hand", hand_X=rows[:2], hand_y=np.array([0, 1])))
    rows[0, 0] = 99.0
    assert document.state.batch.hand_X[0, 0] == 1.0
    assert_cannot_be_written(document.state)


def test_a_trace_leaves_the_states_layers_as_they_were(document):
    layers = document.state.layers
    before = [{name: id(value) for name, value in vars(layer).items()} for layer in layers]
    assert document.trace.loss is not None
    document.set_parameter(0, "weights", 0, 0, 0.5)  # a new trace over layers shared with the undo history
    assert document.trace.loss is not None
    assert [{name: id(value) for name, value in vars(layer).items()} for layer in layers] == before


def test_copies_of_a_states_layers_are_writeable_and_leave_the_state_alone(document):
    state = document.state
    before = snapshot(state)
    for layer in state.layers:
        if isinstance(layer, Dense):
            working = layer.copy()  # what an optimizer updates in place
            working.weights += 1.0
            working.biases -= 0.5
            assert working.weights.flags.writeable and working.biases.flags.writeable
    assert_unchanged(state, before)


def test_an_optimizer_works_on_copies_and_the_trained_state_is_frozen_too():
    state = spiral_classifier().replace(test=UnseenData("rows", X=np.ones((2, 2)), y=np.array([0, 1])))
    before = snapshot(state)
    X, y = spiral(100, 3)
    network = state.network()
    optimizer = Adam(learning_rate=0.05)
    for _ in range(3):
        network.train_epoch(X, y, optimizer)
    trained = state.replace(layers=tuple(network.layers))
    names = [name for name, _ in arrays_of(trained)]
    assert "layer 0 weight_momentums" in names and "layer 2 bias_cache" in names
    assert_cannot_be_written(trained)
    assert_unchanged(state, before)


def test_an_optimizer_cannot_update_a_states_own_layers():
    state = spiral_classifier()
    before = snapshot(state)
    X, y = spiral(100, 3)
    with pytest.raises(ValueError, match="read-only"):
        Network(state.layers).train_epoch(X, y, Adam(learning_rate=0.05))
    assert_unchanged(state, before)

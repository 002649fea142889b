"""A Dropout in the document: trained in the training process, saved and opened, refused when wrong."""

import json
import re

import pytest

from nnstudio.document import Document, spiral_classifier
from nnstudio.document.project_file import Project, ProjectFileError, dumps, loads
from nnstudio.engine import Dense, Dropout
from nnstudio.engine.layers import same_stream


def with_dropout(rate=0.2, seed=5):
    dense1, relu, dense2, softmax = spiral_classifier().layers
    return spiral_classifier().replace(layers=(dense1, relu, Dropout(rate, seed), dense2, softmax))


def test_a_run_trains_with_a_new_mask_each_epoch_as_the_engine_and_undo_takes_the_stream_back(qtbot):
    document = Document(with_dropout().replace(epochs=6))
    start = document.state
    with qtbot.waitSignal(document.trainer.running_changed, timeout=20_000, check_params_cb=lambda on: not on):
        document.trainer.train()
    network, optimizer = start.network(), start.optimizer.build()
    X, y = start.batch.data()
    losses = [float(network.train_epoch(X, y, optimizer)[0]) for _ in range(6)]
    assert document.history[-1].loss == losses
    assert [layer.weights.tobytes() for layer in document.layers if isinstance(layer, Dense)] == \
        [layer.weights.tobytes() for layer in network.dense_layers]
    assert same_stream(document.layers[2].stream, network.layers[2].stream)
    assert not document.layers[2].drawn_nothing
    document.undo_stack.undo()
    assert document.layers[2].drawn_nothing and document.state.same_layers(start)


def test_a_dropout_is_saved_and_opened_again_with_where_its_stream_stands():
    state = with_dropout()
    network = state.network()
    X, y = state.batch.data()
    network.train_epoch(X, y, state.optimizer.build())
    for saved in (state, state.replace(layers=tuple(network.layers))):
        opened = loads(dumps(Project(saved))).state
        assert opened.same_layers(saved)
        assert (opened.layers[2].rate, opened.layers[2].seed) == (0.2, 5)
    trained_file = json.loads(dumps(Project(state.replace(layers=tuple(network.layers)))))
    assert "stream" in trained_file["layers"][2] and "stream" not in json.loads(dumps(Project(state)))["layers"][2]


@pytest.mark.parametrize(("change", "message"), [
    (lambda spec: spec.update(rate=1.0), "The Dropout rate of layer 3 is 1.0; it must be from 0 to 0.99."),
    (lambda spec: spec.update(rate="half"), '"rate" in layer 3 should be a finite number'),
    (lambda spec: spec.pop("seed"), 'The field "seed" is missing from layer 3.'),
])
def test_a_file_with_a_wrong_dropout_is_refused_by_name(change, message):
    data = json.loads(dumps(Project(with_dropout())))
    change(data["layers"][2])
    with pytest.raises(ProjectFileError, match=re.escape(message)):
        loads(json.dumps(data))


def test_a_stream_of_the_wrong_length_is_refused():
    state = with_dropout()
    network = state.network()
    network.train_epoch(*state.batch.data(), state.optimizer.build())
    data = json.loads(dumps(Project(state.replace(layers=tuple(network.layers)))))
    keys = data["layers"][2]["stream"]["keys"]
    keys["values"], keys["shape"] = keys["values"][:10], [10]
    with pytest.raises(ProjectFileError, match="its random stream needs 624"):
        loads(json.dumps(data))

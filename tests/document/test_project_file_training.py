"""Project files keep training: the optimizer and what it counted, its caches on every Dense, the
epochs to run, the test data and the runs' curves — so a saved run continues as if never saved."""

import json

import numpy as np
import pytest

from nnstudio.document import spiral_classifier
from nnstudio.document.project_file import Project, ProjectFileError, dumps, loads, project_dict
from nnstudio.document.state import UnseenData
from nnstudio.document.training import PRESETS, Run, from_preset
from nnstudio.engine import Dense, Network


def trained(state, epochs):
    """``state`` after ``epochs`` epochs of its optimizer, as a value (what the trainer publishes)."""
    network = state.network()
    optimizer = state.optimizer.build()
    X, y = state.batch.data()
    for _ in range(epochs):
        network.train_epoch(X, y, optimizer)
    return state.replace(layers=tuple(network.layers), optimizer=state.optimizer.after(optimizer))


def weights_of(state):
    return [(layer.weights.tobytes(), layer.biases.tobytes()) for layer in state.layers if isinstance(layer, Dense)]


@pytest.mark.parametrize("preset", PRESETS, ids=lambda preset: preset.optimizer)
def test_a_saved_run_goes_on_exactly_as_one_never_saved(preset):
    start = spiral_classifier().replace(optimizer=from_preset(preset))
    halfway = trained(start, 20)
    reopened = loads(dumps(Project(halfway))).state
    assert reopened.optimizer == halfway.optimizer
    assert weights_of(trained(reopened, 20)) == weights_of(trained(halfway, 20))
    assert weights_of(trained(halfway, 20)) == weights_of(trained(start, 40))


def test_adams_caches_are_saved_with_each_dense():
    state = trained(spiral_classifier(), 3)
    layers = project_dict(Project(state))["layers"]
    assert sorted(layers[0]["optimizer_caches"]) == ["bias_cache", "bias_momentums", "weight_cache", "weight_momentums"]
    reopened = loads(dumps(Project(state))).state
    for mine, theirs in zip(reopened.layers, state.layers, strict=True):
        if isinstance(mine, Dense):
            assert mine.weight_cache.tobytes() == theirs.weight_cache.tobytes()


def test_settings_epochs_test_data_and_curves_round_trip():
    X = np.array([[0.5, -0.25], [1.0, 2.0]], dtype=np.float32)
    state = spiral_classifier().replace(
        optimizer=from_preset(PRESETS[2]), epochs=250, test=UnseenData("rows", 1, X, np.array([0, 2]))
    )
    runs = (Run("SGD", 0, [1.1, 0.9], [0.3, 0.5], [1.0, 0.999], undone=True), Run("Adam", 2, [0.8], [0.6], [0.05]))
    project = loads(dumps(Project(state, history=runs)))
    assert project.state.optimizer == state.optimizer
    assert project.state.epochs == 250
    assert project.state.test.kind == "rows" and project.state.test.X.tobytes() == X.tobytes()
    assert project.history == runs


def test_a_version_1_file_opens_with_the_training_defaults():
    data = project_dict(Project(spiral_classifier()))
    for key in ("optimizer", "epochs", "test", "history"):
        data.pop(key)
    data["version"] = 1
    project = loads(json.dumps(data))
    assert project.state.optimizer == spiral_classifier().optimizer
    assert project.history == ()


def edited(change):
    data = project_dict(Project(trained(spiral_classifier(), 2)))
    change(data)
    return json.dumps(data)


BAD = {
    "unknown optimizer": lambda d: d["optimizer"].update(name="Nesterov"),
    "negative learning rate": lambda d: d["optimizer"]["settings"].update(learning_rate=-1),
    "beta of 1": lambda d: d["optimizer"]["settings"].update(beta_1=1),
    "zero epochs": lambda d: d.update(epochs=0),
    "cache of the wrong shape": lambda d: d["layers"][0]["optimizer_caches"]["weight_cache"].update(
        shape=[1, 3], values=[[0, 0, 0]]),
    "no test rows": lambda d: d["test"].update(
        kind="rows", X={"dtype": "float64", "shape": [0, 2], "values": []},
        y={"dtype": "int64", "shape": [0], "values": []}),
    "history not a list": lambda d: d.update(history={}),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_training_field_is_refused_with_a_sentence(name):
    with pytest.raises(ProjectFileError) as error:
        loads(edited(BAD[name]))
    message = str(error.value)
    assert (message[0].isupper() or message[0] == "\"") and message.endswith("."), message


def test_a_network_without_training_saves_no_caches():
    layers = project_dict(Project(spiral_classifier()))["layers"]
    assert all("optimizer_caches" not in layer for layer in layers)
    assert Network(spiral_classifier().layers)


def test_a_trained_project_switched_to_float64_saves_and_opens_again():
    """Found by the monkey: the optimizer's caches stayed float32 after the numerics switch, and the
    project saved then was refused on open."""
    from nnstudio.document import Document

    document = Document(trained(spiral_classifier(), 3))
    document.set_numerics("float64")
    reopened = loads(dumps(Project(document.state))).state
    dense = [layer for layer in reopened.layers if isinstance(layer, Dense)]
    assert all(layer.weight_cache.dtype == np.float64 for layer in dense)
    document.set_numerics("nnfs")
    assert loads(dumps(Project(document.state))).state.layers[0].weight_momentums.dtype == np.float32

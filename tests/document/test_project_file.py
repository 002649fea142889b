"""Project files: exact round trips, atomic saves, and a sentence for every kind of bad file."""

import json
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnstudio.document import Batch, Initialisation, State, spiral_classifier
from nnstudio.document.limits import MAX_ENTRIES
from nnstudio.document.project_file import (
    Project,
    ProjectFileError,
    dumps,
    exact_values,
    load,
    loads,
    project_dict,
    save,
)
from nnstudio.engine import ACTIVATIONS, Dense, ReLU, Softmax


def dense(weights, biases):
    layer = Dense.__new__(Dense)
    layer.weights, layer.biases = weights, biases
    return layer


def assert_same_state(a, b):
    assert len(a.layers) == len(b.layers)
    for mine, theirs in zip(a.layers, b.layers, strict=True):
        assert mine.kind == theirs.kind
        if isinstance(mine, Dense):
            for name in ("weights", "biases"):
                x, y = getattr(mine, name), getattr(theirs, name)
                assert x.dtype == y.dtype and x.shape == y.shape
                assert x.tobytes() == y.tobytes()  # bit for bit, the sign of zero included
    assert (a.numerics, a.init, a.note) == (b.numerics, b.init, b.note)
    assert a.batch.origin == b.batch.origin
    for name in ("hand_X", "hand_y"):
        x, y = getattr(a.batch, name), getattr(b.batch, name)
        assert x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()
    assert (a.batch.kind, a.batch.samples, a.batch.classes, a.batch.seed) == (
        b.batch.kind, b.batch.samples, b.batch.classes, b.batch.seed)


def awkward_float32_state():
    rng = np.random.default_rng(3)
    weights = rng.standard_normal((3, 4)).astype(np.float32)
    weights[0, 0] = -0.0
    weights[0, 1] = np.finfo(np.float32).tiny / 8  # subnormal
    weights[0, 2] = np.finfo(np.float32).max
    weights[0, 3] = np.float32(0.1)
    biases = rng.standard_normal((1, 4)).astype(np.float32)
    X = rng.standard_normal((5, 3))
    X[0, 0] = 1 / 3
    batch = Batch("hand", 7, 4, 9, X, np.array([0, 1, 2, 3, 0]), origin="rows a lesson gives")
    layers = (dense(weights, biases), ReLU(), dense(rng.standard_normal((4, 2)).astype(np.float32),
                                                    np.zeros((1, 2), np.float32)), Softmax())
    return State(layers, "nnfs", batch, Initialisation(42, 0.01), "A note\nwith two lines, \"quotes\" and ünïcode")


def test_save_then_load_gives_the_same_state_bit_for_bit(tmp_path):
    for state, step in [(awkward_float32_state(), 3), (spiral_classifier(), None)]:
        path = tmp_path / "p.nnstudio.json"
        save(Project(state, step, "Title"), path)
        project = load(path)
        assert_same_state(project.state, state)
        assert (project.step, project.title) == (step, "Title")


def test_float64_state_round_trips(tmp_path):
    rng = np.random.default_rng(0)
    layers = (dense(rng.standard_normal((2, 3)) / 7, rng.standard_normal((1, 3)) * 1e-300),)
    state = State(layers, "float64", Batch("spiral", 10, 3, 5))
    assert_same_state(loads(dumps(Project(state))).state, state)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=20))
def test_every_finite_float32_bit_pattern_round_trips(bits):
    values = np.array(bits, dtype=np.uint32).view(np.float32)
    values = values[np.isfinite(values)]
    back = np.array(json.loads(json.dumps(exact_values(values))), dtype=np.float64).astype(np.float32)
    assert back.tobytes() == values.tobytes()


def test_float32_values_are_written_short():
    assert exact_values(np.array([0.1, 0.2], dtype=np.float32)) == [0.1, 0.2]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=50), st.integers(-30, 30))
def test_float32_values_are_written_as_numpys_shortest_repr(bits, shift):
    # the vectorised search for the fewest digits picks the decimal numpy's str prints, ties included
    values = np.array(bits, dtype=np.uint32).view(np.float32)
    values = np.concatenate([values, np.ldexp(values % 1, shift).astype(np.float32), np.float32([-0.5, 0.447265625])])
    values = values[np.isfinite(values)]
    assert exact_values(values) == [float(str(value)) for value in values]


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "p.nnstudio.json"
    save(Project(spiral_classifier()), path)
    before = path.read_bytes()

    def crash(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ProjectFileError, match="No space left"):
        save(Project(awkward_float32_state()), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def good():
    return project_dict(Project(spiral_classifier(), None, "t"))


def edited(change):
    data = good()
    change(data)
    return json.dumps(data)


BAD = {
    "not JSON": "this is not json",
    "truncated": dumps(Project(spiral_classifier()))[:300],
    "empty": "",
    "a list": "[1, 2]",
    "unknown version": edited(lambda d: d.update(version=99)),
    "no format": edited(lambda d: d.pop("format")),
    "missing layers": edited(lambda d: d.pop("layers")),
    "missing step": edited(lambda d: d.pop("step")),
    "numerics unknown": edited(lambda d: d.update(numerics="float16")),
    "weights wrong type": edited(lambda d: d["layers"][0].update(weights="0.1")),
    "value is text": edited(lambda d: d["layers"][0]["weights"]["values"][0].__setitem__(0, "1")),
    "value is bool": edited(lambda d: d["layers"][0]["weights"]["values"][0].__setitem__(0, True)),
    "wrong shape": edited(lambda d: d["layers"][0]["weights"].update(shape=[3, 2])),
    "ragged rows": edited(lambda d: d["layers"][0]["weights"]["values"][0].pop()),
    "NaN": dumps(Project(spiral_classifier())).replace("0.17640524", "NaN", 1),
    "Infinity": dumps(Project(spiral_classifier())).replace("0.17640524", "-Infinity", 1),
    "overflows float32": dumps(Project(spiral_classifier())).replace("0.17640524", "1e39", 1),
    "overflows float64": dumps(Project(spiral_classifier())).replace("0.17640524", "1e999", 1),
    "whole number beyond float64": dumps(Project(spiral_classifier())).replace("0.17640524", "9" * 400, 1),
    "huge shape": edited(lambda d: d["layers"][0]["weights"].update(shape=[100000, 10000])),
    "layers do not chain": edited(lambda d: d["layers"].insert(2, d["layers"][0])),
    "biases not a row": edited(lambda d: d["layers"][0]["biases"].update(shape=[3, 1], values=[[0], [0], [0]])),
    "dtype not the numerics": edited(lambda d: d["layers"][0]["weights"].update(dtype="float64")),
    "unknown layer": edited(lambda d: d["layers"].append({"kind": "Conv2D"})),
    "negative label": edited(lambda d: d["batch"]["hand_y"].update(values=[-1], shape=[1])),
    "huge data set": edited(lambda d: d["batch"].update(samples=100000, classes=1000)),
    "seed out of range": edited(lambda d: d["init"].update(seed=-1)),
    "scale zero": edited(lambda d: d["init"].update(scale=0)),
    "step negative": edited(lambda d: d.update(step=-3)),
    "huge integer": dumps(Project(spiral_classifier())).replace('"seed": 0', '"seed": ' + "9" * 5000, 1),
    "deep nesting": "[" * 100000,
    "code in a string": edited(lambda d: d.update(numerics="__import__('os').system('echo hi')")),
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_file_raises_one_error_with_a_sentence(name):
    with pytest.raises(ProjectFileError) as error:
        loads(BAD[name])
    message = str(error.value)
    assert (message[0].isupper() or message[0] == '"') and message.endswith("."), message


def test_a_huge_declared_shape_is_refused_before_anything_is_built():
    text = edited(lambda d: d["layers"][0]["weights"].update(shape=[31623, 31623], values=[]))
    with pytest.raises(ProjectFileError, match=f"{MAX_ENTRIES:,}"):
        loads(text)


def test_non_utf8_and_oversized_files_are_refused(tmp_path, monkeypatch):
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProjectFileError, match="UTF-8"):
        load(binary)
    monkeypatch.setattr("nnstudio.document.project_file.MAX_FILE_BYTES", 5)
    with pytest.raises(ProjectFileError, match="at most"):
        load(binary)
    with pytest.raises(ProjectFileError, match="Could not read"):
        load(tmp_path / "missing.json")


def test_every_activation_round_trips(tmp_path):
    layers = [dense(np.ones((2, 2)), np.zeros((1, 2)))]
    for kind in ACTIVATIONS.values():
        layers.append(kind())
    state = State(tuple(layers), "float64", Batch("spiral", 10, 3, 5))
    loaded = loads(dumps(Project(state))).state
    assert [layer.kind for layer in loaded.layers] == ["Dense", *ACTIVATIONS]


def test_given_test_rows_narrower_than_a_batch_changed_since_are_saved_and_opened_again():
    # the monkey widened the batch of a project with a lesson's test rows: saved, then refused on open
    from nnstudio.document.state import UnseenData

    test = UnseenData("rows", 1, np.array([[0.5, -0.25]]), np.array([1]))
    state = spiral_classifier().replace(batch=Batch("hand", hand_X=np.ones((2, 3)), hand_y=[0, 1]), layers=(),
                                        test=test)
    back = loads(dumps(Project(state))).state
    assert back.test.same_as(test) and back.batch.n_features == 3

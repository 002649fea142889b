"""Hundreds of damaged project files fed to the window's Open: each loads or shows its error in a
dialog; nothing raises, and a file that fails leaves the open network exactly as it was."""

import json
import random

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from nnstudio.document.project_file import Project, dumps, project_dict
from nnstudio.engine import Dense
from nnstudio.widgets.lessons import LESSON_FOLDER
from nnstudio.widgets.main_window import MainWindow

SEED = 20240611


def base_texts():
    """A few valid files to damage: two lessons and the window's default network."""
    return [(LESSON_FOLDER / name).read_text() for name in ("4-batch-two-layers.json", "7-spiral-classifier.json")]


def truncations(text, rng, count):
    return [text[: rng.randrange(len(text))] for _ in range(count)]


def flips(text, rng, count):
    raw = text.encode()
    out = []
    for _ in range(count):
        damaged = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            position = rng.randrange(len(damaged))
            damaged[position] ^= 1 << rng.randrange(8)
        out.append(bytes(damaged))
    return out


def paths(node, prefix=()):
    """Every (path, value) inside the parsed JSON."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node[:3]):
            yield from paths(value, (*prefix, i))


def edit(data, path, change):
    data = json.loads(json.dumps(data))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    change(parent, path[-1])
    return data


WRONG_VALUES = ["text", 1.5, -1, 0, None, True, [], {}, 10**12, [[1e308] * 3], 3e38 * 10]


def structural(text, rng, count):
    data = json.loads(text)
    locations = [p for p, _ in paths(data) if p]
    out = []
    for _ in range(count):
        path = rng.choice(locations)
        if rng.random() < 0.3:
            damaged = edit(data, path, lambda parent, key: parent.pop(key))  # a field removed
        else:
            value = rng.choice(WRONG_VALUES)
            damaged = edit(data, path, lambda parent, key, v=value: parent.__setitem__(key, v))
        out.append(json.dumps(damaged))
    return out


def huge_shapes(text):
    data = json.loads(text)
    out = []
    for shape in ([10**9, 1], [31623, 31623], [2**40, 2**40], [10**5, 10**5]):
        damaged = json.loads(json.dumps(data))
        damaged["layers"][0]["weights"]["shape"] = shape
        out.append(json.dumps(damaged))
        damaged = json.loads(json.dumps(data))
        damaged["batch"]["hand_X"]["shape"] = shape
        out.append(json.dumps(damaged))
    return out


def corrupted_files():
    rng = random.Random(SEED)
    files = []
    for text in base_texts():
        files += truncations(text, rng, 40)
        files += flips(text, rng, 60)
        files += structural(text, rng, 60)
        files += huge_shapes(text)
    return files


def snapshot(document):
    state = document.state
    arrays = [np.copy(a) for layer in state.layers if isinstance(layer, Dense) for a in (layer.weights, layer.biases)]
    X, y = document.data
    return state, arrays, np.copy(X), np.copy(y)


def assert_unchanged(document, before):
    state, arrays, X, y = before
    assert document.state is state
    now = [a for layer in state.layers if isinstance(layer, Dense) for a in (layer.weights, layer.biases)]
    for old, new in zip(arrays, now, strict=True):
        assert old.dtype == new.dtype and np.array_equal(old, new)
    X_now, y_now = document.data
    assert np.array_equal(X_now, X) and np.array_equal(y_now, y)


@pytest.fixture
def window(qtbot, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text, *a: window.messages.append(text))
    return window


def test_hundreds_of_corrupted_files_load_or_say_why(window, tmp_path):
    files = corrupted_files()
    assert len(files) >= 300
    document = window.document
    document.set_parameter(0, "weights", 0, 0, 0.5)  # an edit, so "unchanged" means something
    path = tmp_path / "damaged.nnstudio.json"
    loaded = refused = 0
    for content in files:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        before = snapshot(document)
        window.messages.clear()
        opened = window.open_file(str(path))
        if opened:
            loaded += 1
            assert window.messages == []
            assert document.trace is not None or document.why_no_trace  # it computes, or says why not
        else:
            refused += 1
            assert len(window.messages) == 1
            assert "The network that was open is unchanged." in window.messages[0]
            assert_unchanged(document, before)
    assert refused > 200 and loaded > 0


def test_a_good_file_reopens_identical(window, tmp_path):
    document = window.document
    document.set_parameter(1, "biases", 0, 2, -0.25)
    document.selection.select_step(2)
    path = tmp_path / "kept.nnstudio.json"
    path.write_text(dumps(Project(document.state, 2)))
    before = project_dict(Project(document.state, 2))
    document.set_parameter(0, "weights", 1, 1, 3.0)
    assert window.open_file(str(path))
    assert project_dict(Project(document.state, document.selection.step)) == before

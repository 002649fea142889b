"""Limits agree: what a file may hold, every box can show; what a file may not hold is refused at
open with the limit named; and whatever the menus and panels build is saved and opened again."""

import json

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox

from nnstudio.document.project_file import Project, dumps
from nnstudio.document.state import Batch, spiral_classifier
from nnstudio.engine import ReLU
from nnstudio.widgets.main_window import MainWindow

Buttons = QMessageBox.StandardButton


@pytest.fixture
def window(qtbot, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _title, text, *a: window.warnings.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: Buttons.Discard)
    return window


def choose_file(monkeypatch, path):
    """The file dialogs answer ``path`` (as if the user picked it)."""
    answer = (str(path), "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: answer)


def open_project(window, monkeypatch, path):
    choose_file(monkeypatch, path)
    window.file_actions.open_action.trigger()


def write_project(path, state, change=None):
    """Save ``state`` to ``path``, with ``change`` applied to its JSON first (a hand-edited file)."""
    data = json.loads(dumps(Project(state)))
    if change:
        change(data)
    path.write_text(json.dumps(data))
    return path


def type_into_spin_box(qtbot, spin, text):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def with_batch(**fields):
    return lambda data: data["batch"].update(fields)


def test_forty_classes_show_as_forty_and_a_new_seed_keeps_them(window, monkeypatch, qtbot, tmp_path):
    path = write_project(tmp_path / "forty.nnstudio.json", spiral_classifier(), with_batch(samples=10, classes=40))
    open_project(window, monkeypatch, path)
    panel = window.batch_panel
    assert window.document.state.batch.classes == 40
    assert panel.classes.value() == 40
    type_into_spin_box(qtbot, panel.seed, "5")
    batch = window.document.state.batch
    assert (batch.seed, batch.classes, batch.samples) == (5, 40, 10)
    assert len(window.document.data[0]) == 400


def hand_columns(width):
    return with_batch(kind="hand", hand_X={"dtype": "float64", "shape": [1, width], "values": [[0.0] * width]},
                      hand_y={"dtype": "int64", "shape": [1], "values": [0]})


@pytest.mark.parametrize(
    ("change", "box", "value"),
    [
        (with_batch(samples=1, classes=256), "classes", 256),
        (with_batch(samples=100_000, classes=1), "samples", 100_000),
        (with_batch(seed=2**31 - 1), "seed", 2**31 - 1),
        (hand_columns(100), "inputs", 100),
        (hand_columns(512), "inputs", 512),
    ],
)
def test_the_largest_values_a_file_holds_are_shown_as_they_are(window, monkeypatch, tmp_path, change, box, value):
    state = spiral_classifier().replace(layers=(ReLU(),))
    open_project(window, monkeypatch, write_project(tmp_path / "large.nnstudio.json", state, change))
    assert not window.warnings, window.warnings
    assert getattr(window.batch_panel, box).value() == value


@pytest.mark.parametrize(
    ("change", "limit"),
    [
        (with_batch(seed=2**31), "2147483647"),
        (lambda data: data["init"].update(seed=2**32 - 1), "2147483647"),
        (with_batch(samples=1, classes=257), "256"),
    ],
    ids=["batch seed 2³¹", "weights' seed 2³²−1", "257 classes"],
)
def test_a_file_past_a_limit_is_refused_naming_it_and_nothing_changes(window, monkeypatch, tmp_path, change, limit):
    path = write_project(tmp_path / "past.nnstudio.json", spiral_classifier(), change)
    state = window.document.state
    seed_shown = window.batch_panel.seed.value()
    open_project(window, monkeypatch, path)
    assert window.document.state is state
    assert window.batch_panel.seed.value() == seed_shown
    assert len(window.warnings) == 1 and limit in window.warnings[0] and "unchanged" in window.warnings[0]


def test_initialise_all_draws_with_the_largest_seed(window, qtbot, monkeypatch):
    panel = window.parameters_panel
    before = window.document.dense(0).weights.copy()
    make = panel.initialise_dialog

    def typed_into():
        dialog = make()
        QTimer.singleShot(0, lambda: (type_into_spin_box(qtbot, dialog.seed, "2147483647"), dialog.accept()))
        return dialog

    monkeypatch.setattr(panel, "initialise_dialog", typed_into)
    qtbot.mouseClick(panel.initialise_button, Qt.MouseButton.LeftButton)
    assert window.document.state.init.seed == 2**31 - 1
    rng = np.random.RandomState(2**31 - 1)
    assert np.array_equal(window.document.dense(0).weights, np.float32(0.1) * rng.randn(2, 3).astype(np.float32))
    assert not np.array_equal(window.document.dense(0).weights, before)


def save_and_reopen(window, monkeypatch, path):
    """File ▸ Save As to ``path``, File ▸ New, then File ▸ Open of ``path``."""
    choose_file(monkeypatch, path)
    window.file_actions.save_as_action.trigger()
    window.file_actions.new_action.trigger()
    window.file_actions.open_action.trigger()
    assert not window.warnings, window.warnings


def test_an_empty_hand_batch_saves_and_opens_again(window, monkeypatch, qtbot, tmp_path):
    panel = window.batch_panel
    panel.source.setCurrentIndex(panel.source.findData("hand"))
    view = panel.view
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.selectAll()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert window.document.state.batch.hand_X.shape == (0, 2)
    save_and_reopen(window, monkeypatch, tmp_path / "empty.nnstudio.json")
    batch = window.document.state.batch
    assert batch.kind == "hand" and batch.hand_X.shape == (0, 2) and view.model().rowCount() == 0


def test_the_layer_menu_stops_at_the_layer_limit_and_says_so(window, monkeypatch, qtbot, tmp_path):
    window.document.replace_state(spiral_classifier().replace(layers=(ReLU(),) * 255))
    add_relu = next(a for a in window.layer_menu.actions() if a.text() == "Add ReLU")
    add_relu.trigger()
    assert len(window.document.layers) == 256
    add_relu.trigger()
    assert len(window.document.layers) == 256
    assert "256" in window.message_line.text()
    save_and_reopen(window, monkeypatch, tmp_path / "deep.nnstudio.json")
    assert len(window.document.layers) == 256


def test_a_csv_past_the_inputs_limit_is_refused_and_a_wide_one_saves_and_opens(window, monkeypatch, tmp_path):
    panel = window.batch_panel
    batch = window.document.state.batch
    too_wide = tmp_path / "513.csv"
    too_wide.write_text(",".join(["0.5"] * 513 + ["1"]) + "\n")
    choose_file(monkeypatch, too_wide)
    panel.import_button.click()
    assert window.document.state.batch is batch
    assert len(window.warnings) == 1 and "512" in window.warnings[0] and "kept" in window.warnings[0]
    window.warnings.clear()
    wide = tmp_path / "512.csv"
    wide.write_text(",".join(["0.5"] * 512 + ["1"]) + "\n")
    choose_file(monkeypatch, wide)
    panel.import_button.click()
    assert window.document.state.batch.hand_X.shape == (1, 512)
    save_and_reopen(window, monkeypatch, tmp_path / "wide.nnstudio.json")
    assert window.document.state.batch.hand_X.shape == (1, 512)
    assert isinstance(window.document.state.batch, Batch)

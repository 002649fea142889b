"""The selection: one sample, one step, one weight or bias, held and announced by the document."""

import numpy as np

from nnstudio.document import Batch, State
from nnstudio.document.selection import ParameterCell
from nnstudio.engine import Dense, Softmax


def test_a_new_project_starts_at_the_first_sample_and_last_step_and_says_so(document, qtbot):
    selection = document.selection
    selection.select_sample(42)
    selection.select_step(1)
    selection.select_parameter(ParameterCell(1, "biases", 0, 2))
    heard = []
    selection.sample_changed.connect(lambda sample: heard.append(("sample", sample)))
    selection.step_changed.connect(lambda step: heard.append(("step", step)))
    selection.parameter_changed.connect(lambda cell: heard.append(("parameter", cell)))
    state = State(layers=(Dense(2, 2, rng=np.random.RandomState(1)), Softmax()), numerics="float64",
                  batch=Batch("vertical", 10, 2, 0))
    document.replace_state(state)
    steps = len(document.trace.steps)
    assert (selection.sample, selection.step, selection.parameter) == (0, steps - 1, None)
    assert sorted(heard, key=str) == [("parameter", None), ("sample", 0), ("step", steps - 1)]


def test_a_project_opens_at_its_saved_step(document):
    state = document.state
    document.replace_state(state, step=2)
    assert document.selection.step == 2


def test_the_step_and_sample_are_read_within_the_trace_and_kept_as_chosen(document):
    selection = document.selection
    selection.select_sample(250)
    selection.select_step(1)
    assert document.use_dataset("spiral", 20, 3, 0)
    assert selection.sample == 59  # the last of 60 samples
    for _ in range(len(document.layers)):
        document.remove_layer(0)
    assert document.trace is None and selection.step == -1
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert (selection.sample, selection.step) == (250, 1)


def test_selecting_what_is_selected_already_says_nothing(document, qtbot):
    selection = document.selection
    selection.select_step(2)
    selection.select_sample(3)
    selection.select_parameter(ParameterCell(0, "weights", 1, 1))
    heard = []
    for signal in (selection.sample_changed, selection.step_changed, selection.parameter_changed):
        signal.connect(heard.append)
    selection.select_step(2)
    selection.select_sample(3)
    selection.select_parameter(ParameterCell(0, "weights", 1, 1))
    selection.select_sample(300)  # beyond the batch: refused
    assert heard == []
    assert (selection.step, selection.sample) == (2, 3)


def test_a_saved_step_of_a_network_that_cannot_run_is_not_kept(document):
    document.selection.select_step(1)
    document.replace_state(State(layers=(), batch=Batch("vertical", 10, 2, 0)), step=3)
    assert document.trace is None and document.selection.step == -1
    for kind in ("Dense", "ReLU", "Dense"):
        document.add_layer(kind)
    assert len(document.trace.steps) == 5
    assert document.selection.step == 4  # the last, not a stale 1 or 3

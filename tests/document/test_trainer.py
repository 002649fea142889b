"""Training runs in the document: the same numbers as the engine's own loop, one undo step per run,
a history of runs that undo does not erase, and runs that stop where they must."""

import numpy as np
import pytest

from nnstudio.document import Batch
from nnstudio.document.limits import MAX_EPOCHS
from nnstudio.document.state import UnseenData
from nnstudio.document.training import CHAPTER_10_ADAM, PRESETS, OptimizerState
from nnstudio.engine import Dense

RUN_TIMEOUT = 20_000  # ms: far above any run here, so only a hang fails


def dense_arrays(layers):
    return [(layer.weights.tobytes(), layer.biases.tobytes()) for layer in layers if isinstance(layer, Dense)]


def run(qtbot, document, epochs=None):
    assert document.trainer.train(epochs)
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=RUN_TIMEOUT)


def headless(state, epochs, X, y):
    """What the engine's loop gives on its own: the network and the losses of each epoch."""
    network, optimizer = state.network(), state.optimizer.build()
    losses = [network.train_epoch(X, y, optimizer)[0] for _ in range(epochs)]
    return network, optimizer, losses


def test_a_run_trains_as_the_engine_does_and_is_one_undo_step(qtbot, document):
    start = document.state
    start_bits = dense_arrays(start.layers)
    run(qtbot, document, 300)
    network, optimizer, losses = headless(start, 300, *document.data)
    assert dense_arrays(document.layers) == dense_arrays(network.layers)
    assert document.history[-1].loss == [float(loss) for loss in losses]
    assert document.state.optimizer.iterations == 300
    assert document.state.optimizer.current_learning_rate == optimizer.current_learning_rate
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Train 300 epochs with Adam"
    assert dense_arrays(start.layers) == start_bits  # the state before the run was never written

    document.undo_stack.undo()
    assert document.state is start and dense_arrays(document.layers) == start_bits
    assert document.history[-1].undone
    document.undo_stack.redo()
    assert dense_arrays(document.layers) == dense_arrays(network.layers) and not document.history[-1].undone


def test_runs_continue_where_the_last_stopped_with_what_the_optimizer_remembers(qtbot, document):
    start = document.state
    run(qtbot, document, 120)
    run(qtbot, document, 80)
    network, _, losses = headless(start, 200, *document.data)
    assert dense_arrays(document.layers) == dense_arrays(network.layers)
    assert [run.first_epoch for run in document.history] == [0, 120]
    assert document.history[1].loss == [float(loss) for loss in losses[120:]]


def test_step_is_a_run_of_one_epoch(qtbot, document):
    assert document.trainer.step()
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=RUN_TIMEOUT)
    assert document.undo_stack.undoText() == "Train 1 epoch with Adam"
    assert len(document.history[-1].loss) == 1 and document.state.optimizer.iterations == 1


def test_pause_ends_a_long_run_at_the_state_on_screen(qtbot, document):
    shown = []
    document.trainer.progressed.connect(lambda: shown.append(document.state))
    assert document.trainer.train(MAX_EPOCHS)
    qtbot.waitUntil(lambda: document.state.optimizer.iterations > 0, timeout=RUN_TIMEOUT)
    document.trainer.pause()
    assert not document.trainer.running
    epochs = document.state.optimizer.iterations
    assert 0 < epochs < MAX_EPOCHS and len(document.history[-1].loss) == epochs
    assert document.state is shown[-1]
    assert document.undo_stack.undoText() == f"Train {epochs:,} epoch{'s' * (epochs != 1)} with Adam"


def test_pause_ends_the_training_process(qtbot, document):
    assert document.trainer.train(MAX_EPOCHS)
    process = document.trainer._process
    qtbot.waitUntil(lambda: document.state.optimizer.iterations > 0, timeout=RUN_TIMEOUT)
    document.trainer.pause()
    assert process.poll() is not None  # ended and reaped, not left running


def test_a_process_that_cannot_start_is_said_and_changes_nothing(qtbot, document, monkeypatch):
    from nnstudio.document import trainer

    def refuse(*arguments, **options):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(trainer.subprocess, "Popen", refuse)
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    assert not document.trainer.train(100)
    assert not document.trainer.running and document.history == [] and document.undo_stack.count() == 0
    assert messages == ["Training could not start a process to run in (Too many open files) — nothing changed."]
    assert document.undo_stack.canRedo() is False and document.undo_stack.canUndo() is False


def test_undo_is_greyed_out_while_a_run_goes(qtbot, document):
    document.set_parameter(0, "weights", 0, 0, 0.5)
    assert document.trainer.train(MAX_EPOCHS)
    assert not document.undo_stack.canUndo()
    document.trainer.pause()
    assert document.undo_stack.canUndo()


def test_an_edit_during_a_run_pauses_it_first_and_lands_on_top(qtbot, document):
    assert document.trainer.train(MAX_EPOCHS)
    qtbot.waitUntil(lambda: document.state.optimizer.iterations > 0, timeout=RUN_TIMEOUT)
    trained = document.state
    document.set_parameter(0, "weights", 0, 0, 0.25)
    assert not document.trainer.running
    assert document.undo_stack.count() == 2 and document.undo_stack.text(1).startswith("Set weight")
    assert document.dense(0).weights[0, 0] == np.float32(0.25)
    assert dense_arrays([document.dense(1)]) == dense_arrays([trained.layers[2]])


def test_editing_a_weight_during_a_pause_and_going_on_trains_from_the_edit(qtbot, document):
    run(qtbot, document, 50)
    document.set_parameter(1, "biases", 0, 2, -0.75)
    edited = document.state
    run(qtbot, document, 50)
    network, _, _ = headless(edited, 50, *document.data)
    assert dense_arrays(document.layers) == dense_arrays(network.layers)


def test_an_undone_run_stays_in_the_history_beside_the_next(qtbot, document):
    document.use_preset(PRESETS[1])  # SGD
    run(qtbot, document, 40)
    document.undo_stack.undo()
    document.use_preset(CHAPTER_10_ADAM)
    run(qtbot, document, 40)
    first, second = document.history
    assert first.undone and not second.undone
    assert first.description == "SGD" and second.description.startswith("Adam, learning rate 0.05")
    assert first.first_epoch == second.first_epoch == 0
    assert first.loss[0] == second.loss[0]  # from the same start


def test_a_diverging_run_stops_at_the_last_finite_epoch_and_says_where(qtbot, document):
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    document.use_preset(PRESETS[1])
    assert document.set_optimizer_setting("learning_rate", 1e30)  # (1e6 only saturates the softmax here)
    start = document.state
    run(qtbot, document, 1000)
    epochs = document.state.optimizer.iterations
    assert epochs < 1000
    assert messages and messages[-1].startswith(f"Training stopped at epoch {epochs}: Dense")
    assert "overflowed float32" in messages[-1]
    X, y = document.data
    network, _, _ = headless(start, epochs, X, y)
    assert dense_arrays(document.layers) == dense_arrays(network.layers)
    for layer in network.dense_layers:
        assert np.isfinite(layer.weights).all() and np.isfinite(layer.biases).all()
    document.undo_stack.undo()
    assert document.state is start


def test_test_data_is_measured_every_epoch_on_the_weights_the_epoch_starts_from(qtbot, document):
    document.set_test(UnseenData("generated", seed=1))
    assert document.undo_stack.undoText() == "Test on spiral data drawn with seed 1"
    start = document.state
    run(qtbot, document, 5)
    X_test, y_test = Batch("spiral", 100, 3, 1).data()
    network, optimizer = start.network(), start.optimizer.build()
    expected = []
    for _ in range(5):
        expected.append(float(network.trace(X_test, y_test).loss))
        network.train_epoch(*document.data, optimizer)
    assert document.history[-1].test_loss == expected
    assert len(document.history[-1].test_accuracy) == 5


def test_without_a_softmax_at_the_end_training_is_refused_with_the_reason(qtbot, document):
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    document.remove_layer(3)
    assert "Softmax" in document.training_problem
    assert not document.trainer.train(10)
    assert messages[-1] == document.training_problem and document.history == []


def test_labels_that_do_not_fit_refuse_training_with_the_documents_reason(qtbot, document):
    document.set_hand_rows([[0.1, 0.2]], [7], "Use one sample of class 7")
    assert document.training_problem == document.why_no_loss.text != ""
    assert not document.trainer.train(10)


@pytest.mark.parametrize(("name", "value"), [("learning_rate", 0.0), ("learning_rate", -1.0), ("beta_1", 1.0),
                                             ("epsilon", 0.0), ("decay", -1e-3), ("learning_rate", float("nan"))])
def test_an_out_of_range_setting_is_refused_and_the_old_value_kept(document, name, value):
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    before = document.state.optimizer
    assert not document.set_optimizer_setting(name, value)
    assert document.state.optimizer is before and document.undo_stack.count() == 0
    label = next(setting.label.lower() for setting in before.kind.settings if setting.name == name)
    assert messages[-1].endswith(f"the {label} stays {before.values[name]:g}.")


def test_optimizer_edits_are_undo_steps_and_start_the_optimizer_afresh(qtbot, document):
    run(qtbot, document, 3)
    assert "weight_cache" in document.dense(0).__dict__
    document.set_optimizer("RMSprop")
    assert document.state.optimizer == OptimizerState.fresh("RMSprop")
    assert "weight_cache" not in document.dense(0).__dict__
    assert document.set_optimizer_setting("rho", 0.5)
    assert document.undo_stack.undoText() == "Set rho of RMSprop to 0.5"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.state.optimizer.name == "Adam" and document.state.optimizer.iterations == 3
    assert "weight_cache" in document.dense(0).__dict__


def test_epochs_per_run_are_kept_within_their_range(document):
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    assert document.set_epochs(500) and document.state.epochs == 500
    assert not document.set_epochs(0) and not document.set_epochs(MAX_EPOCHS + 1)
    assert document.state.epochs == 500 and messages[-1].endswith("it stays 500.")


def test_the_history_keeps_as_many_runs_as_a_project_file_holds(qtbot, document, monkeypatch):
    from nnstudio.document import trainer

    monkeypatch.setattr(trainer, "MAX_RUNS", 3)
    for _ in range(4):
        run(qtbot, document, 1)
    assert [run.first_epoch for run in document.history] == [1, 2, 3]


class DeafConnection:
    """The trainer's connection to its process, as it is once the process has ended: asking fails."""

    def __init__(self, connection):
        self._connection = connection

    def send(self, message):
        raise BrokenPipeError(32, "Broken pipe")

    def __getattr__(self, name):
        return getattr(self._connection, name)


def test_a_process_ending_as_a_snapshot_is_asked_for_still_ends_the_run_with_its_last_state(qtbot, document):
    start = document.state
    assert document.trainer.train(150)
    document.trainer._connection = DeafConnection(document.trainer._connection)
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=RUN_TIMEOUT)
    network, _, _ = headless(start, 150, *document.data)
    assert dense_arrays(document.layers) == dense_arrays(network.layers)
    assert len(document.history[-1].loss) == 150

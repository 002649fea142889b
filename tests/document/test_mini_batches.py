"""Mini-batches in the document: the run, the epoch count, the project file and the exported script."""

import json

import numpy as np
from test_export_script import printed_weights, run

from nnstudio.document import Batch, Document, spiral_classifier
from nnstudio.document.export_script import export_script
from nnstudio.document.project_file import Project, dumps, loads
from nnstudio.engine import Dense
from nnstudio.engine.datasets import mini_batch_order


def batched(size=32, epochs=5):
    return spiral_classifier().replace(batch_size=size, epochs=epochs)


def engine_run(state, epochs):
    """``state`` trained ``epochs`` epochs in mini-batches by the engine itself: rows shuffled once."""
    network, optimizer = state.network(), state.optimizer.build()
    X, y = state.batch.data()
    order = mini_batch_order(len(X))
    figures = [network.train_epoch(X[order], y[order], optimizer, state.batch_size) for _ in range(epochs)]
    return network, optimizer, figures


def test_a_run_in_mini_batches_counts_epochs_and_steps_and_trains_as_the_engine(qtbot):
    document = Document(batched())
    with qtbot.waitSignal(document.trainer.running_changed, timeout=20_000, check_params_cb=lambda on: not on):
        document.trainer.train()
    network, optimizer, figures = engine_run(batched(), 5)
    assert document.history[-1].loss == [float(loss) for loss, _ in figures]
    assert document.state.optimizer.iterations == 50 and document.state.optimizer.epochs_run == 5
    assert [layer.weights.tobytes() for layer in document.layers if isinstance(layer, Dense)] == \
        [layer.weights.tobytes() for layer in network.dense_layers]
    with qtbot.waitSignal(document.trainer.running_changed, timeout=20_000, check_params_cb=lambda on: not on):
        document.trainer.train()
    assert document.history[-1].first_epoch == 5  # the curves go on in epochs, not steps


def test_the_size_is_refused_out_of_range_and_undone(qtbot):
    document = Document(spiral_classifier())
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    assert document.set_batch_size(16) and document.state.batch_size == 16
    assert not document.set_batch_size(-1)
    assert messages[-1] == "A mini-batch has 0 (the whole batch) to 100,000 samples; -1 is not — it stays 16."
    document.undo_stack.undo()
    assert document.state.batch_size == 0


def test_the_size_and_the_epochs_run_are_saved_and_opened_again():
    state = batched(48)
    network, optimizer, _ = engine_run(state, 3)
    trained = state.replace(layers=tuple(network.layers), optimizer=state.optimizer.after(optimizer, 3))
    opened = loads(dumps(Project(trained))).state
    assert opened.batch_size == 48
    assert (opened.optimizer.iterations, opened.optimizer.epochs_run) == (21, 3)
    data = json.loads(dumps(Project(spiral_classifier())))
    del data["batch_size"]  # a file from before mini-batches
    assert loads(json.dumps(data)).state.batch_size == 0


def test_the_exported_script_trains_in_the_same_mini_batches(tmp_path):
    state = batched(50).replace(batch=Batch("spiral", 40, 3, 2))
    dense = state.layers[0].copy()
    dense.set_regularizers(0, 5e-4, 0, 5e-4)
    state = state.replace(layers=(dense, *state.layers[1:]))
    network, optimizer, figures = engine_run(state, 3)
    state = state.replace(layers=tuple(network.layers), optimizer=state.optimizer.after(optimizer, 3))
    stdout = run(export_script(state), tmp_path, epochs=101)
    network, optimizer, figures = engine_run(state, 101)
    weights = [array for layer in network.dense_layers for array in (layer.weights, layer.biases)]
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == [array.tobytes() for array in weights]
    loss, accuracy = figures[97]  # the script numbers on from the 3 epochs already run
    assert f"epoch: 100, acc: {accuracy:.3f}, loss: {loss:.3f} (data_loss: " in stdout

"""Chapter 16's binary logistic regression in the exported script: its loss, its labels as a column
of 0/1, its accuracy and its training, exactly as the app computes them."""

import numpy as np
import pytest
from test_export_script import assert_script_matches_app, printed_weights, run, trained
from test_mini_batches import engine_run

from nnstudio.document import Batch, Initialisation, State
from nnstudio.document.export_script import export_script
from nnstudio.document.state import UnseenData
from nnstudio.document.training import CHAPTER_10_ADAM, from_preset
from nnstudio.engine import Dense, Network, ReLU, Sigmoid

SPIRAL = Batch("spiral", 30, 2, 0)


def binary_state(batch=SPIRAL, **changes):
    """Dense(2, 8) (L2 5e-4) → ReLU → Dense(8, 1) → Sigmoid in the book's float32, Adam."""
    network = Network([Dense(2, 8, dtype=np.dtype(np.float32)), ReLU(), Dense(8, 1, dtype=np.dtype(np.float32)),
                       Sigmoid()])
    network.initialise(0, 0.1)
    network.layers[0].set_regularizers(0, 5e-4, 0, 5e-4)
    return State(tuple(network.layers), "nnfs", batch, Initialisation(0, 0.1),
                 optimizer=from_preset(CHAPTER_10_ADAM), **changes)


def weights_of(layers):
    return [array.tobytes() for layer in layers if isinstance(layer, Dense) for array in (layer.weights, layer.biases)]


@pytest.mark.parametrize("state", [
    binary_state(),
    binary_state(Batch("hand", hand_X=np.array([[0.1, -0.2], [0.5, 0.4], [-1.0, 2.0]]), hand_y=np.array([1, 0, 1]))),
    binary_state(Batch("circle", 20, 2, 3, noise=0.1)),
], ids=["spiral", "hand rows", "Playground circle"])
def test_a_single_sigmoid_output_exports_its_binary_loss_and_accuracy_exactly(state, tmp_path):
    script = export_script(state)
    assert "class Loss_BinaryCrossentropy" in script and "y = y.reshape(-1, 1).astype(np.uint8)" in script
    assert "Activation_Softmax_Loss_CategoricalCrossentropy()" not in script
    assert_script_matches_app(state, tmp_path)


def test_the_script_trains_a_binary_network_as_the_app_does(tmp_path):
    state, _ = trained(binary_state(), 20)
    stdout = run(export_script(state), tmp_path, epochs=101)
    expected, _ = trained(state, 101)
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == weights_of(expected.layers)
    network, optimizer = state.network(), state.optimizer.build()
    X, y = state.batch.data()
    for _ in range(81):  # the script numbers its epochs on from the 20 already run: its epoch 100 is the 81st
        loss, accuracy = network.train_epoch(X, y, optimizer)
    assert f"epoch: 100, acc: {accuracy:.3f}, loss: {loss:.3f} (data_loss: " in stdout

def test_held_out_rows_and_mini_batches_keep_the_label_column(tmp_path):
    state = binary_state(Batch("spiral", 40, 2, 1), test=UnseenData("held_out", 3, share=25), batch_size=16)
    script = export_script(state)
    assert "y_test = y_test.reshape(-1, 1).astype(np.uint8)" in script
    assert_script_matches_app(state, tmp_path)
    stdout = run(script, tmp_path, epochs=7)
    X, y = state.test.training_data(state.batch)
    engine_state = state.replace(batch=Batch("hand", hand_X=X, hand_y=y), test=UnseenData())
    network, _, _ = engine_run(engine_state, 7)
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == weights_of(network.layers)

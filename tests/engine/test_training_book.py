"""Backpropagation, the optimizers and random search against the book's own code (chapters 6, 9–11).

The book's numbers come from ``tests/book_oracle.py``, which runs the book's code under
``nnfs.init()`` in a subprocess. With ``NNFS_BOOK`` set to a copy of Sentdex/nnfs_book the book is
run afresh (and must agree with the stored run); otherwise the stored run of it is read from
``tests/data/book_oracle.npz``.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from book_oracle import SOFTMAX_SHAPES

from engine.test_golden import assert_identical
from nnstudio.engine import (
    FLOAT32,
    SGD,
    Adagrad,
    Adam,
    Dense,
    Dropout,
    Network,
    RandomSearch,
    ReLU,
    RMSprop,
    Sigmoid,
    Softmax,
    layers,
    spiral,
    vertical,
)
from nnstudio.engine.update_steps import walk

ROOT = Path(__file__).resolve().parents[2]
STORED = ROOT / "tests" / "data" / "book_oracle.npz"
OPTIMIZERS = {
    "sgd": lambda: SGD(),
    "sgd_momentum": lambda: SGD(decay=1e-3, momentum=0.9),
    "adagrad": lambda: Adagrad(decay=1e-4),
    "rmsprop": lambda: RMSprop(learning_rate=0.02, decay=1e-5, rho=0.999),
    "adam": lambda: Adam(learning_rate=0.05, decay=5e-7),
}


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    with np.load(STORED) as saved:
        stored = dict(saved)
    if not os.environ.get("NNFS_BOOK"):
        return stored
    path = tmp_path_factory.mktemp("book") / "book.npz"
    subprocess.run([sys.executable, str(ROOT / "tests" / "book_oracle.py"), str(path)], check=True)
    with np.load(path) as saved:
        fresh = dict(saved)
    assert fresh.keys() == stored.keys()
    for key in fresh:
        assert_identical(stored[key], fresh[key])
    return fresh


def network_from(weights1, weights2):
    """Dense → ReLU → Dense → Softmax in the book's float32, holding the book's first weights."""
    dense1, dense2 = Dense(*weights1.shape, dtype=FLOAT32), Dense(*weights2.shape, dtype=FLOAT32)
    dense1.weights, dense2.weights = weights1, weights2
    return Network([dense1, ReLU(), dense2, Softmax()])


def test_the_data_is_the_books(book):
    X, y = spiral(100, 3, seed=0)
    assert_identical(X, book["ch9-X"])
    assert_identical(y, book["ch9-y"])
    X, y = vertical(100, 3, seed=0)
    assert_identical(X, book["ch6-X"])


def test_chapter_9_gradients_are_the_books(book):
    network = network_from(book["ch9-weights1"], book["ch9-weights2"])
    trace = network.backward(book["ch9-X"], book["ch9-y"])
    assert_identical(trace.loss, book["ch9-loss"])
    by_label = {step.label: step.output for step in trace.steps}
    assert_identical(by_label["Softmax + loss: gradient"], book["ch9-softmax_loss_dinputs"])
    assert_identical(by_label["ReLU 1: gradient"], book["ch9-relu_dinputs"])
    dense1, dense2 = network.dense_layers
    for number, dense in ((1, dense1), (2, dense2)):
        assert_identical(dense.dweights, book[f"ch9-dweights{number}"])
        assert_identical(dense.dbiases, book[f"ch9-dbiases{number}"])
        assert_identical(dense.dinputs, book[f"ch9-dinputs{number}"])
        assert_identical(by_label[f"Dense {number}: dweights = inputsᵀ · dvalues"], book[f"ch9-dweights{number}"])


def test_chapter_9_the_long_way_is_the_books(book):
    network = network_from(book["ch9-weights1"], book["ch9-weights2"])
    trace = network.backward(book["ch9-X"], book["ch9-y"], combined=False)
    loss_step, softmax_step = trace.steps[:2]
    assert_identical(loss_step.output, book["ch9-loss_dinputs"])
    assert_identical(softmax_step.output, book["ch9-softmax_dinputs"])


@pytest.mark.parametrize("shape", SOFTMAX_SHAPES)
def test_the_softmaxs_jacobians_stacked_give_the_books_sample_by_sample_loop(book, shape, monkeypatch):
    key = "ch9-long-{}x{}".format(*shape)
    softmax = Softmax()
    assert_identical(softmax.forward(book[f"{key}-inputs"]), book[f"{key}-output"])
    monkeypatch.setattr(layers, "JACOBIAN_VALUES", 3 * shape[1] ** 2)  # three samples' Jacobians at a time
    assert_identical(softmax.backward(book[f"{key}-dvalues"]), book[f"{key}-dinputs"])


@pytest.mark.parametrize("combined", [True, False])
def test_the_steppers_walk_shows_chapter_9s_gradients_and_leaves_the_weights_alone(book, combined):
    network = network_from(book["ch9-weights1"], book["ch9-weights2"])
    steps = walk(network, book["ch9-X"], book["ch9-y"], Adam(), combined).steps
    by_label = {step.label: step.output for step in steps}
    if combined:
        assert_identical(by_label["Softmax + loss: gradient"], book["ch9-softmax_loss_dinputs"])
    else:  # the book's long way, whose later gradients differ from the shortcut's in rounding
        assert_identical(by_label["Loss: gradient"], book["ch9-loss_dinputs"])
        assert_identical(by_label["Softmax 1: gradient"], book["ch9-softmax_dinputs"])
        return
    assert_identical(by_label["ReLU 1: gradient"], book["ch9-relu_dinputs"])
    for number in (1, 2):
        assert_identical(by_label[f"Dense {number}: dweights = inputsᵀ · dvalues"], book[f"ch9-dweights{number}"])
        assert_identical(by_label[f"Dense {number}: dbiases = Σ dvalues"], book[f"ch9-dbiases{number}"])
        assert_identical(by_label[f"Dense {number}: dinputs = dvalues · weightsᵀ"], book[f"ch9-dinputs{number}"])
    assert_identical(network.dense_layers[0].weights, book["ch9-weights1"])


def test_backward_steps_follow_the_gradient_from_the_loss_to_the_first_layer(book):
    network = network_from(book["ch9-weights1"], book["ch9-weights2"])
    trace = network.backward(book["ch9-X"], book["ch9-y"])
    assert [step.kind.name for step in trace.steps] == [
        "softmax_loss_backward", "dweights", "dbiases", "dinputs", "relu_backward", "dweights", "dbiases", "dinputs",
    ]
    assert [step.layer_index for step in trace.steps] == [3, 2, 2, 2, 1, 0, 0, 0]


def train(name, book):
    """The book's chapter 10 run with ``name``'s optimizer, epoch by epoch, by the engine."""
    network = network_from(book[f"ch10-{name}-weights1"], book[f"ch10-{name}-weights2"])
    optimizer = OPTIMIZERS[name]()
    X, y = spiral(100, 3, seed=0)
    losses, accuracies, rates = [], [], []
    for _ in range(len(book[f"ch10-{name}-losses"])):
        rates.append(optimizer.current_learning_rate)
        loss, accuracy = network.train_epoch(X, y, optimizer)
        losses.append(loss)
        accuracies.append(accuracy)
    return network, np.array(losses), np.array(accuracies), np.array(rates)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_epoch_of_chapter_10_is_the_books(book, name):
    network, losses, accuracies, rates = train(name, book)
    assert_identical(losses, book[f"ch10-{name}-losses"])
    assert_identical(accuracies, book[f"ch10-{name}-accuracies"])
    assert_identical(rates, book[f"ch10-{name}-rates"])
    dense1, dense2 = network.dense_layers
    assert_identical(dense1.weights, book[f"ch10-{name}-final_weights1"])
    assert_identical(dense1.biases, book[f"ch10-{name}-final_biases1"])
    assert_identical(dense2.weights, book[f"ch10-{name}-final_weights2"])
    assert_identical(dense2.biases, book[f"ch10-{name}-final_biases2"])
    if name == "adam":
        # Chapter 11: the trained network on the next spiral of the book's stream.
        test = network.trace(book["ch11-X"], book["ch11-y"])
        assert_identical(test.loss, book["ch11-loss"])
        assert_identical(test.accuracy, book["ch11-accuracy"])
        # What the chapter's own script prints, line for line.
        printed = "".join(
            f"epoch: {epoch}, acc: {accuracies[epoch]:.3f}, loss: {losses[epoch]:.3f}, lr: {rates[epoch]}\n"
            for epoch in range(0, len(losses), 100)
        )
        assert printed == str(book["ch10-printed"])


def test_chapter_6_random_search_is_the_books(book):
    network = network_from(book["ch6-weights1"], book["ch6-weights2"])
    search = RandomSearch(scale=0.05)
    search.rng.set_state(book_stream(book, "ch6"))
    X, y = vertical(100, 3, seed=0)
    lowest = [network.train_epoch(X, y, search)[0] for _ in range(len(book["ch6-lowest"]))]
    assert_identical(np.array(lowest, dtype=np.float32), book["ch6-lowest"])
    dense1, dense2 = network.dense_layers
    assert_identical(dense1.weights, book["ch6-final_weights1"])
    assert_identical(dense1.biases, book["ch6-final_biases1"])
    assert_identical(dense2.weights, book["ch6-final_weights2"])
    assert_identical(dense2.biases, book["ch6-final_biases2"])


def test_chapter_14_with_l2_regularization_is_the_books(book):
    """Every epoch's loss (data + regularization) and accuracy, the final weights and the validation of
    chapter 14's run, bit for bit; its printed last lines are the issue's."""
    network = network_from(book["ch14-weights1"], book["ch14-weights2"])
    network.layers[0].set_regularizers(0, 5e-4, 0, 5e-4)
    X, y = book["ch9-X"], book["ch9-y"]
    optimizer = Adam(learning_rate=0.02, decay=5e-7)
    losses, accuracies = zip(*(network.train_epoch(X, y, optimizer) for _ in range(10001)), strict=True)
    assert_identical(np.array(losses), book["ch14-losses"])
    assert_identical(np.array(accuracies), book["ch14-accuracies"])
    dense1, dense2 = network.dense_layers
    assert_identical(dense1.weights, book["ch14-final_weights1"])
    assert_identical(dense2.biases, book["ch14-final_biases2"])
    validation = network.trace(book["ch14-X_test"], book["ch14-y_test"])
    assert_identical(validation.loss, book["ch14-validation_loss"])
    assert_identical(validation.accuracy, book["ch14-validation_accuracy"])
    printed = str(book["ch14-printed"])
    assert "epoch: 10000, acc: 0.950, loss: 0.226 (data_loss: 0.165, reg_loss: 0.062)" in printed
    assert "validation, acc: 0.840, loss: 0.525" in printed


def book_stream(book, chapter):
    """Numpy's global random stream where the book's chapter left it, as a RandomState's state."""
    return ("MT19937", book[f"{chapter}-rng_keys"], int(book[f"{chapter}-rng_position"]),
            int(book[f"{chapter}-rng_has_gauss"]), float(book[f"{chapter}-rng_cached_gaussian"]))


def test_chapter_15_with_dropout_is_the_books(book):
    """Chapter 15's Dropout 0.1 on spiral 1 000 × 3, its first 1 001 epochs (of 10 001; the chapter 15
    lesson is made from the engine's replay of them all, checked there against the book's final
    weights and validation): every epoch's loss and accuracy and the weights after them, bit for
    bit, the masks drawn from where the book's stream stood after its layers were made."""
    dense1, dense2 = Dense(2, 64, dtype=FLOAT32), Dense(64, 3, dtype=FLOAT32)
    dense1.weights, dense2.weights = book["ch15-weights1"], book["ch15-weights2"]
    dense1.set_regularizers(0, 5e-4, 0, 5e-4)
    dropout = Dropout(0.1)
    dropout.stream = book_stream(book, "ch15")
    network = Network([dense1, ReLU(), dropout, dense2, Softmax()])
    X, y = spiral(1000, 3, seed=0)
    assert_identical(X, book["ch15-X"])
    optimizer = Adam(learning_rate=0.05, decay=5e-5)
    epochs = 1001
    losses, accuracies = zip(*(network.train_epoch(X, y, optimizer) for _ in range(epochs)), strict=True)
    assert_identical(np.array(losses), book["ch15-losses"][:epochs])
    assert_identical(np.array(accuracies), book["ch15-accuracies"][:epochs])
    assert_identical(dense1.weights, book["ch15-early_weights1"])
    assert_identical(dense1.biases, book["ch15-early_biases1"])
    assert_identical(dense2.weights, book["ch15-early_weights2"])
    assert_identical(dense2.biases, book["ch15-early_biases2"])
    printed = str(book["ch15-printed"])  # the whole run, as the chapter's script prints it here
    assert f"epoch: 1000, acc: {book['ch15-accuracies'][1000]:.3f}, loss: {book['ch15-losses'][1000]:.3f}" in printed
    assert printed.rstrip().endswith("validation, acc: 0.740, loss: 0.671")


def test_chapter_16_binary_logistic_regression_is_the_books(book):
    """Chapter 16's one Sigmoid output with binary cross-entropy on spiral 100 × 2 (L2 5e-4 on Dense
    1, Adam with decay 5e-7): every epoch's loss and accuracy, the final weights and the validation
    on the next spiral, bit for bit, and the lines its script prints here."""
    dense1, dense2 = Dense(2, 64, dtype=FLOAT32), Dense(64, 1, dtype=FLOAT32)
    dense1.weights, dense2.weights = book["ch16b-weights1"], book["ch16b-weights2"]
    dense1.set_regularizers(0, 5e-4, 0, 5e-4)
    network = Network([dense1, ReLU(), dense2, Sigmoid()])
    X, y = spiral(100, 2, seed=0)
    assert_identical(X, book["ch16b-X"])
    assert_identical(y, book["ch16b-y"])
    optimizer = Adam(decay=5e-7)
    first = network.trace(X, y)
    assert first.steps[-1].kind.name == "binary_loss"
    assert_identical(first.loss, book["ch16b-data_losses"][0])
    losses, accuracies = zip(*(network.train_epoch(X, y, optimizer) for _ in range(10001)), strict=True)
    assert_identical(np.array(losses), book["ch16b-losses"])
    assert_identical(np.array(accuracies), book["ch16b-accuracies"])
    for name, array in (("weights1", dense1.weights), ("biases1", dense1.biases),
                        ("weights2", dense2.weights), ("biases2", dense2.biases)):
        assert_identical(array, book[f"ch16b-final_{name}"])
    validation = network.trace(book["ch16b-X_test"], book["ch16b-y_test"])
    assert_identical(validation.loss, book["ch16b-validation_loss"])
    assert_identical(validation.accuracy, book["ch16b-validation_accuracy"])
    printed = str(book["ch16b-printed"])
    assert "epoch: 10000, acc: 0.945, loss: 0.260 (data_loss: 0.204, reg_loss: 0.056)" in printed
    assert printed.rstrip().endswith("validation, acc: 0.920, loss: 0.237")


def test_chapter_19_mini_batches_are_the_books(book):
    """Chapter 19's Model training in batches of 32 (its last one shorter) on the shuffled spiral:
    every epoch's accumulated loss and accuracy, the learning rate (decayed every step), and the
    final weights, bit for bit."""
    network = network_from(book["ch19-weights1"], book["ch19-weights2"])
    optimizer = Adam(learning_rate=0.05, decay=5e-5)
    X, y = book["ch19-X"], book["ch19-y"]
    figures = []
    for _ in range(len(book["ch19-losses"])):
        loss, accuracy = network.train_epoch(X, y, optimizer, batch_size=32)
        figures.append((loss, accuracy, optimizer.current_learning_rate))
    losses, accuracies, rates = (np.array(column) for column in zip(*figures, strict=True))
    assert_identical(losses, book["ch19-losses"])
    assert_identical(accuracies, book["ch19-accuracies"])
    assert_identical(rates, book["ch19-rates"])
    assert optimizer.iterations == 10 * len(losses)  # 300 samples: nine steps of 32 and one of 12
    dense1, dense2 = network.dense_layers
    assert_identical(dense1.weights, book["ch19-final_weights1"])
    assert_identical(dense2.biases, book["ch19-final_biases2"])

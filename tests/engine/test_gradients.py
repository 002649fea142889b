"""Backpropagation against the definition of a derivative, and the optimizers' rules, on any input."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nnstudio.engine import (
    ACTIVATIONS,
    FLOAT64,
    SGD,
    Adagrad,
    Adam,
    Dense,
    Network,
    RandomSearch,
    ReLU,
    RMSprop,
    Sigmoid,
    Softmax,
)

STEP = 1e-6


def loss_of(network, X, y):
    return float(network.trace(X, y).loss)


def central_difference(network, X, y, array, index):
    """(L(w + h) − L(w − h)) / 2h for one entry of ``array`` (the book's chapter 7 derivative)."""
    kept = array[index]
    array[index] = kept + STEP
    above = loss_of(network, X, y)
    array[index] = kept - STEP
    below = loss_of(network, X, y)
    array[index] = kept
    return (above - below) / (2 * STEP)


@st.composite
def stacks(draw):
    """A random float64 stack of Dense layers with any activation between them, ending in Softmax
    or in a single Sigmoid output (chapter 16), with a batch and labels that fit it."""
    widths = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
    classes = draw(st.integers(2, 4))
    binary = draw(st.booleans())
    samples = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.RandomState(seed)
    layers, width = [], draw(st.integers(1, 4))
    n_inputs = width
    for n_neurons in [*widths, 1 if binary else classes]:
        dense = Dense(width, n_neurons, dtype=FLOAT64)
        dense.weights = rng.randn(width, n_neurons)
        dense.biases = rng.randn(1, n_neurons) * 0.5
        layers += [dense, draw(st.sampled_from(list(ACTIVATIONS.values())))()]
        width = n_neurons
    layers[-1] = Sigmoid() if binary else Softmax()
    X = rng.randn(samples, n_inputs)
    y = rng.randint(0, 2 if binary else classes, samples)
    return Network(layers), X, y


@settings(deadline=None, max_examples=40)
@given(stacks())
def test_analytic_gradients_agree_with_central_differences(case):
    network, X, y = case
    # The loss clips a true class's probability to [1e-7, 1 − 1e-7]: there it is flat, while the
    # book's gradient (which ignores the clip) is not. The rule holds where nothing is clipped.
    outputs = network.forward(X)
    if outputs.shape[1] == 1:
        # Binary cross-entropy takes log(1 − ŷ): within 1e-3 of 1, that difference keeps too few
        # digits for a central difference over 1e-6 (a float limit of the book's formula, not of
        # its gradient: with a step of 1e-4 the two agree again)
        assume(((outputs > 1e-3) & (outputs < 1 - 1e-3)).all())
    else:
        probabilities = outputs[np.arange(len(y)), y]
        assume(((probabilities > 1e-6) & (probabilities < 1 - 1e-6)).all())
    for combined in (True, False):
        network.backward(X, y, combined=combined)
        for dense in network.dense_layers:
            analytic = {"weights": dense.dweights.copy(), "biases": dense.dbiases.copy()}
            for which, gradient in analytic.items():
                array = getattr(dense, which)
                for index in np.ndindex(array.shape):
                    numeric = central_difference(network, X, y, array, index)
                    # A ReLU input within STEP of 0 has a kink there: the difference straddles it.
                    assert gradient[index] == pytest.approx(numeric, rel=1e-4, abs=1e-6) or _near_kink(network, X)


def _near_kink(network, X):
    values = X
    for layer in network.layers:
        if isinstance(layer, ReLU) and (np.abs(values) < 1e-4).any():
            return True
        values = layer.forward(values)
    return False


def small_network():
    dense = Dense(2, 2, dtype=FLOAT64)
    dense.weights = np.array([[0.5, -0.25], [0.125, 1.0]])
    return Network([dense, Softmax()]), np.array([[1.0, 2.0], [-1.0, 0.5]]), np.array([0, 1])


def test_sgd_steps_against_the_gradient_by_the_learning_rate():
    network, X, y = small_network()
    dense = network.dense_layers[0]
    before = dense.weights.copy()
    network.backward(X, y)
    gradient = dense.dweights.copy()
    network.train_epoch(X, y, SGD(learning_rate=0.5))
    np.testing.assert_array_equal(dense.weights, before - 0.5 * gradient)


@pytest.mark.parametrize(
    "optimizer", [SGD(), SGD(momentum=0.9, decay=0.1), Adagrad(), RMSprop(), Adam(), Adam(decay=1e-3)],
    ids=["SGD", "SGD momentum", "AdaGrad", "RMSprop", "Adam", "Adam decay"],
)
def test_training_lowers_the_loss_of_a_small_network(optimizer):
    network, X, y = small_network()
    first, _ = network.train_epoch(X, y, optimizer)
    for _ in range(200):
        last, _ = network.train_epoch(X, y, optimizer)
    assert last < first
    assert optimizer.iterations == 201


def test_decay_lowers_the_learning_rate_as_the_book_does():
    optimizer = SGD(learning_rate=1.0, decay=0.5)
    network, X, y = small_network()
    network.train_epoch(X, y, optimizer)
    network.train_epoch(X, y, optimizer)
    assert optimizer.current_learning_rate == 1.0 * (1.0 / (1.0 + 0.5 * 1))


def test_random_search_keeps_only_a_lower_loss():
    network, X, y = small_network()
    search = RandomSearch(scale=0.5, seed=3)
    lowest = [network.train_epoch(X, y, search)[0] for _ in range(50)]
    assert all(later <= earlier for earlier, later in zip(lowest, lowest[1:], strict=False))
    assert loss_of(network, X, y) == pytest.approx(lowest[-1])


@pytest.mark.parametrize(
    ("layers", "labels", "reason"),
    [
        (lambda: [Dense(2, 2)], np.array([0, 1]), "not a Softmax"),
        (lambda: [Dense(2, 2), Softmax()], None, "no class labels"),
        (lambda: [Softmax()], np.array([0, 1]), "no Dense"),
        (lambda: [Dense(2, 3), Sigmoid()], np.array([0, 1]), "Sigmoid of 3 outputs"),
        (lambda: [Dense(2, 1), Sigmoid()], np.array([0, 2]), "label 2 of sample 1 is not 0 or 1"),
    ],
)
def test_a_network_that_cannot_learn_says_why(layers, labels, reason):
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(ValueError, match=reason):
        Network(layers()).train_epoch(X, labels, Adam())


def test_a_backward_pass_that_records_no_steps_leaves_the_same_gradients():
    recorded, X, y = small_network()
    unrecorded, _, _ = small_network()
    trace = recorded.backward(X, y)
    quiet = unrecorded.backward(X, y, record=False)
    assert len(trace.steps) > 0 and quiet.steps == ()
    assert quiet.loss == trace.loss and np.array_equal(quiet.correct, trace.correct)
    assert recorded.layers[0].dweights.tobytes() == unrecorded.layers[0].dweights.tobytes()
    assert recorded.layers[0].dinputs.tobytes() == unrecorded.layers[0].dinputs.tobytes()

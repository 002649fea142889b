"""Properties that hold for any input: hypothesis draws the matrices."""

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnstudio.engine import NUMERICS, CategoricalCrossEntropy, Dense, Network, ReLU, Softmax

DTYPES = [np.dtype(np.float32), np.dtype(np.float64)]
SUM_TOLERANCE = {np.dtype(np.float32): 1e-5, np.dtype(np.float64): 1e-12}
relaxed = settings(deadline=None)  # first calls pay numpy's warm-up; that is not what is tested


ROWS, COLUMNS = st.integers(1, 12), st.integers(1, 8)


def matrices(dtype, low, high, rows=ROWS, columns=COLUMNS):
    elements = st.floats(low, high, width=8 * dtype.itemsize)
    return st.tuples(rows, columns).flatmap(lambda shape: arrays(dtype, shape, elements=elements))


@pytest.mark.parametrize("dtype", DTYPES)
@relaxed
@given(data=st.data())
def test_softmax_rows_are_probabilities_even_for_huge_logits(dtype, data):
    logits = data.draw(matrices(dtype, -1e4, 1e4))
    probabilities = Softmax().forward(logits)
    assert probabilities.dtype == dtype
    assert probabilities.shape == logits.shape
    assert np.isfinite(probabilities).all()
    assert ((probabilities >= 0) & (probabilities <= 1)).all()
    assert np.allclose(probabilities.sum(axis=1), 1, rtol=0, atol=SUM_TOLERANCE[dtype])
    # the largest logit of each row keeps the largest probability
    rows = np.arange(len(logits))
    assert (probabilities[rows, logits.argmax(axis=1)] == probabilities.max(axis=1)).all()


@pytest.mark.parametrize("dtype", DTYPES)
@relaxed
@given(data=st.data())
def test_loss_is_finite_when_the_true_class_gets_probability_zero(dtype, data):
    probabilities = Softmax().forward(data.draw(matrices(dtype, -50, 50, columns=st.integers(2, 6))))
    samples, classes = probabilities.shape
    labels = np.array(data.draw(st.lists(st.integers(0, classes - 1), min_size=samples, max_size=samples)))
    zeroed = np.array(data.draw(st.lists(st.booleans(), min_size=samples, max_size=samples)))
    assume(zeroed.any())
    probabilities[np.flatnonzero(zeroed), labels[zeroed]] = 0

    loss_function = CategoricalCrossEntropy()
    sample_losses = loss_function.forward(probabilities, labels)
    assert np.isfinite(sample_losses).all()
    # a probability of 0 is clipped to 1e-7, so its loss is -log(1e-7) ≈ 16.12
    assert np.allclose(sample_losses[zeroed], -np.log(1e-7), rtol=1e-6)
    assert np.isfinite(loss_function.calculate(probabilities, labels))


@pytest.mark.parametrize("dtype", DTYPES)
@relaxed
@given(
    batch=st.integers(1, 16),
    widths=st.lists(st.integers(1, 9), min_size=2, max_size=5),
    seed=st.integers(0, 2**32 - 1),
)
def test_shapes_are_preserved_through_the_stack(dtype, batch, widths, seed):
    layers = []
    for n_inputs, n_neurons in pairwise(widths):
        layers += [Dense(n_inputs, n_neurons), ReLU()]
    layers[-1] = Softmax()
    network = Network(layers)
    network.astype(dtype)
    network.initialise(seed, 0.10)
    X = np.random.RandomState(seed).randn(batch, widths[0]).astype(dtype)

    trace = network.trace(X)
    for step in trace.steps:
        layer = network.layers[step.layer_index]
        expected_width = layer.n_neurons if isinstance(layer, Dense) else step.inputs.shape[1]
        assert step.output.shape == (batch, expected_width)
        assert step.output.dtype == dtype
    assert trace.output.shape == (batch, widths[-1])
    values = X
    for layer in layers:
        values = layer.forward(values)
        assert layer.output is values
    assert np.array_equal(values, trace.output)


@relaxed
@given(
    seed=st.integers(0, 2**32 - 1),
    other=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([0.10, 0.01]),
    numerics=st.sampled_from(sorted(NUMERICS)),
)
def test_initialise_is_deterministic_per_seed(seed, other, scale, numerics):
    def weights(seed):
        network = Network([Dense(2, 4), ReLU(), Dense(4, 3), Softmax()])
        network.astype(NUMERICS[numerics])
        network.initialise(seed, scale)
        for layer in network.dense_layers:
            assert layer.weights.dtype == NUMERICS[numerics]
            assert np.array_equal(layer.biases, np.zeros((1, layer.n_neurons)))
        return np.concatenate([layer.weights.ravel() for layer in network.dense_layers])

    first = weights(seed)
    assert np.array_equal(first, weights(seed))
    assert 0 < np.abs(first).max() < 10 * scale  # scale · N(0, 1): 20 draws stay within 10σ
    if other != seed:
        assert not np.array_equal(first, weights(other))

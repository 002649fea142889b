"""Input features (TensorFlow Playground's, named x₀, x₁, x₀², x₁², x₀x₁, sin x₀, sin x₁ as the batch's columns)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnstudio.engine import FEATURES, Adam, Dense, Features, Network, Softmax
from nnstudio.engine.playground_data import PLAYGROUND_DATA

POINTS = arrays(np.float64, st.tuples(st.integers(1, 6), st.just(2)), elements=st.floats(-3, 3))
NAMES = st.lists(st.sampled_from(list(FEATURES)), min_size=1, unique=True)


@given(POINTS, NAMES)
def test_each_column_is_its_feature_of_x0_and_x1(X, names):
    output = Features(names).activate(X)
    x0, x1 = X[:, 0], X[:, 1]
    by_hand = {"x₀": x0, "x₁": x1, "x₀²": x0**2, "x₁²": x1**2, "x₀x₁": x0 * x1, "sin x₀": np.sin(x0),
               "sin x₁": np.sin(x1)}
    ordered = [name for name in FEATURES if name in names]
    assert Features(names).names == tuple(ordered)
    assert np.array_equal(output, np.column_stack([by_hand[name] for name in ordered]))


@settings(max_examples=30)
@given(POINTS, NAMES)
def test_the_gradient_on_x0_and_x1_agrees_with_central_differences(X, names):
    layer = Features(names)
    weights = np.linspace(-1, 1, layer.n_features)  # a loss Σ features · weights
    layer.forward(X)
    analytic = layer.backward(np.tile(weights, (len(X), 1)))
    delta = 1e-6
    for column in range(2):
        step = np.zeros_like(X)
        step[:, column] = delta
        numeric = (layer.activate(X + step) @ weights - layer.activate(X - step) @ weights) / (2 * delta)
        assert np.allclose(analytic[:, column], numeric, atol=1e-6)


@pytest.mark.parametrize("names", [[], ["x₃"], ["x²"]])
def test_unknown_or_no_features_are_refused(names):
    with pytest.raises(ValueError, match="input features are chosen from"):
        Features(names)


def test_features_need_a_batch_of_two_inputs():
    network = Network([Features(["x₀", "x₀²"]), Dense(2, 2)])
    with pytest.raises(ValueError, match="computed from 2 inputs"):
        network.trace(np.zeros((4, 3)))


def test_with_x0_squared_and_x1_squared_a_network_without_a_hidden_layer_separates_the_circle():
    X, y = PLAYGROUND_DATA["circle"](200, 3, 0.0)
    plain = Network([Dense(2, 2, rng=np.random.RandomState(0)), Softmax()])
    squared = Network([Features(["x₀²", "x₁²"]), Dense(2, 2, rng=np.random.RandomState(0)), Softmax()])
    for network in (plain, squared):
        optimizer = Adam(learning_rate=0.05)
        for _ in range(300):
            network.train_epoch(X, y, optimizer)
    assert plain.trace(X, y).accuracy < 0.75
    assert squared.trace(X, y).accuracy > 0.97

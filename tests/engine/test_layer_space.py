"""The data as a layer sees it: projections of a layer's outputs and grid lines carried through."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnstudio.engine import Dense, Network, ReLU, spiral
from nnstudio.engine.layer_space import Projection, grid_lines

OUTPUTS = arrays(np.float64, st.tuples(st.integers(3, 30), st.integers(2, 6)), elements=st.floats(-5, 5))


def test_two_chosen_neurons_are_the_axes_as_they_are():
    outputs = np.arange(12.0).reshape(4, 3)
    x, y = Projection(outputs, axes=(2, 0))(outputs)
    assert np.array_equal(x, outputs[:, 2]) and np.array_equal(y, outputs[:, 0])


@given(OUTPUTS)
def test_principal_directions_keep_the_most_spread_and_do_not_flip(outputs):
    projection = Projection(outputs)
    x, y = projection(outputs)
    assert np.isclose(x.mean(), 0, atol=1e-9) and np.isclose(y.mean(), 0, atol=1e-9)
    assert x.var() >= y.var() - 1e-9  # the first direction spreads the batch most
    centred = outputs - outputs.mean(axis=0)
    assert x.var() + y.var() <= centred.var(axis=0).sum() + 1e-9
    again = Projection(outputs.copy())
    assert np.allclose(again(outputs)[0], x) and np.allclose(again(outputs)[1], y)


def test_a_line_is_straight_in_the_inputs_and_carried_through_the_network():
    lines = grid_lines((-1, 1), (-2, 2), 3, 5)
    assert lines.shape == (30, 2)
    assert np.array_equal(lines[:5, 1], np.full(5, -2.0)) and np.array_equal(lines[15:20, 0], np.full(5, -1.0))
    network = Network([Dense(2, 4, rng=np.random.RandomState(1)), ReLU()])
    X, _ = spiral(10, 3, seed=0)
    assert np.array_equal(network.trace(X).layer_output(1), np.maximum(0, network.layers[0].forward(X)))
    assert network.trace(lines).layer_output(0).shape == (30, 4)


def test_outputs_whose_mean_overflows_are_seen_along_the_neurons_without_an_error():
    rng = np.random.default_rng(0)
    outputs = (1 + rng.random(size=(50, 4))) * 1e307  # float64 numerics: the sum passes float64's largest
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x, y = Projection(outputs)(outputs)
    assert np.array_equal(x, outputs[:, 0]) and np.array_equal(y, outputs[:, 1])
    flat = np.ones((5, 3))  # no spread at all: the neurons themselves
    assert np.array_equal(Projection(flat).directions, np.eye(3)[:2])


def test_the_covariance_gives_a_tall_batch_the_directions_the_svd_gives():
    from nnstudio.engine.layer_space import principal_directions

    rng = np.random.default_rng(4)
    tall = rng.standard_normal((400, 6)) * [5.0, 3.0, 1.0, 0.5, 0.2, 0.1]
    tall -= tall.mean(axis=0)
    by_svd = np.linalg.svd(tall, full_matrices=False)[2]
    by_covariance = principal_directions(tall)
    for first_two in range(2):  # the same lines, up to their signs
        assert abs(by_svd[first_two] @ by_covariance[first_two]) == pytest.approx(1.0, abs=1e-9)
    wide = rng.standard_normal((3, 6))
    assert np.allclose(principal_directions(wide), np.linalg.svd(wide, full_matrices=False)[2])

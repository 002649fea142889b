"""The loss along one weight, and the numerical derivative that checks the backward pass's."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nnstudio.engine import Dense, Network, ReLU, Softmax, spiral
from nnstudio.engine.weight_sweep import BOOK_DELTA, central_difference, loss_along, relative_difference


def network(seed=0):
    stack = Network([Dense(2, 5), ReLU(), Dense(5, 3), Softmax()])
    stack.initialise(seed, 0.5)
    return stack


def test_the_loss_at_the_weights_own_value_is_the_traces_and_the_network_is_left_alone():
    X, y = spiral(50, 3)
    stack = network()
    before = stack.layers[2].weights.copy()
    value = before[3, 1]
    losses = loss_along(stack, X, y, 2, "weights", 3, 1, [value - 1, value, value + 1])
    assert losses[1] == stack.trace(X, y).loss
    assert losses[0] != losses[1] != losses[2]
    assert np.array_equal(stack.layers[2].weights, before)


def test_a_bias_moves_its_neurons_output_for_every_sample():
    X, y = spiral(20, 3)
    stack = network()
    shifted = Network(layer.copy() for layer in stack.layers)
    shifted.layers[0].biases = shifted.layers[0].biases + np.array([[0, 0, 0.7, 0, 0]])
    value = stack.layers[0].biases[0, 2]
    assert loss_along(stack, X, y, 0, "biases", 0, 2, [value + 0.7])[0] == shifted.trace(X, y).loss


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 1000), layer=st.sampled_from([0, 2]), row=st.integers(0, 1), column=st.integers(0, 2))
@example(seed=273, layer=0, row=1, column=1)  # a sample's ReLU input within δ·x of 0: once failed here
def test_the_central_difference_agrees_with_the_backward_pass(seed, layer, row, column):
    X, y = spiral(30, 3, seed=seed)
    stack = network(seed)
    copy = Network(layer.copy() for layer in stack.layers)
    copy.backward(X, y)
    analytic = copy.layers[layer].dweights[row, column]
    probabilities = stack.forward(X)[np.arange(len(y)), y]
    if probabilities.min() < 1e-6:  # the loss is clipped there: flat, while the gradient is not
        return
    if layer == 0:  # moving the weight by ±δ moves ReLU's input by ±δ·x: across its kink, no slope is right
        before_relu = stack.layers[0].forward(X)[:, column]
        if np.any(np.abs(before_relu) <= BOOK_DELTA * np.abs(X[:, row])):
            return
    numerical = central_difference(stack, X, y, layer, "weights", row, column)
    # relative where the gradient is large, absolute near 0
    assert relative_difference(analytic, numerical) < 1e-4 or abs(analytic - numerical) < 1e-6


def test_relative_difference():
    assert relative_difference(0.0, 0.0) == 0.0
    assert relative_difference(2.0, 1.0) == 0.5
    assert relative_difference(1.0, -1.0) == 2.0

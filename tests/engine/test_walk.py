"""One epoch as the stepper walks it: forward, backward, then the optimizer's update, each step
explained with its numbers; the update steps give exactly the weights ``train_epoch`` gives (which
the book's own code checks in test_training_book), and walking changes nothing."""

import copy
import warnings

import numpy as np
import pytest

from nnstudio.engine import (
    BACKWARD,
    FLOAT32,
    FORWARD,
    SGD,
    UPDATE,
    Adagrad,
    Adam,
    Dense,
    Network,
    ReLU,
    RMSprop,
    Softmax,
    spiral,
)
from nnstudio.engine.arithmetic_text import number
from nnstudio.engine.update_steps import walk

OPTIMIZERS = {
    "sgd": lambda: SGD(learning_rate=0.5),
    "sgd_momentum": lambda: SGD(decay=1e-3, momentum=0.9),
    "adagrad": lambda: Adagrad(decay=1e-4),
    "rmsprop": lambda: RMSprop(learning_rate=0.02, decay=1e-5, rho=0.999),
    "adam": lambda: Adam(learning_rate=0.05, decay=5e-7),
}


def spiral_network(dtype=FLOAT32):
    network = Network([Dense(2, 8, dtype=dtype), ReLU(), Dense(8, 3, dtype=dtype), Softmax()])
    network.initialise(0, 0.10)
    return network


def test_an_epoch_walks_forward_then_backward_then_updates_each_dense():
    X, y = spiral(20, 3)
    steps = walk(spiral_network(), X, y, Adam()).steps
    directions = [step.kind.direction for step in steps]
    assert directions == [FORWARD] * 7 + [BACKWARD] * 8 + [UPDATE] * 4
    assert [step.label for step in steps[-4:]] == [
        "Dense 1: new weights (Adam)", "Dense 1: new biases (Adam)",
        "Dense 2: new weights (Adam)", "Dense 2: new biases (Adam)"]
    assert walk(spiral_network(), X, y, Adam()).forward_end == 6


def test_without_a_gradient_optimizer_the_walk_ends_with_the_backward_pass():
    X, y = spiral(20, 3)
    assert walk(spiral_network(), X, y).steps[-1].kind.direction is BACKWARD


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_update_steps_give_the_weights_train_epoch_gives_epoch_after_epoch(name):
    X, y = spiral(30, 3)
    network, optimizer = spiral_network(), OPTIMIZERS[name]()
    for _ in range(12):
        before = [(layer.weights.copy(), layer.biases.copy()) for layer in network.dense_layers]
        counted = optimizer.iterations
        updates = [step.output for step in walk(network, X, y, optimizer).steps if step.kind.direction is UPDATE]
        assert optimizer.iterations == counted  # the walk updates a copy of the optimizer
        for layer, (weights, biases) in zip(network.dense_layers, before, strict=True):
            assert np.array_equal(layer.weights, weights) and np.array_equal(layer.biases, biases)
        network.train_epoch(X, y, optimizer)
        trained = [array for layer in network.dense_layers for array in (layer.weights, layer.biases)]
        assert len(updates) == len(trained)
        for shown, real in zip(updates, trained, strict=True):
            assert shown.dtype == real.dtype and np.array_equal(shown, real)


def test_backward_steps_are_the_networks_backward_pass_and_leave_the_layers_untouched():
    X, y = spiral(30, 3)
    network = spiral_network()
    steps = [step for step in walk(network, X, y).steps if step.kind.direction is BACKWARD]
    assert not any(hasattr(layer, "dweights") for layer in network.layers)
    reference = copy.deepcopy(network).backward(X, y)
    assert len(steps) == len(reference.steps)
    for shown, real in zip(steps, reference.steps, strict=True):
        assert shown.kind is real.kind and np.array_equal(shown.output, real.output)


def test_softmax_and_loss_gradient_reads_probability_minus_one_over_the_samples():
    X, y = spiral(100, 3)
    network = spiral_network(np.dtype(np.float64))
    trace = walk(network, X, y)
    index = next(i for i, step in enumerate(trace.steps) if step.kind.name == "softmax_loss_backward")
    probabilities = network.forward(X)
    true_class = int(y[5])
    explanation = trace.explain(index, 5, true_class, y)
    p = probabilities[5, true_class]
    assert explanation.formulas[0].shown == f"({number(p)} \u2212 1) / 300 = {number((p - 1) / 300)}"
    other = (true_class + 1) % 3
    assert trace.explain(index, 5, other, y).formulas[0].shown.startswith(f"{number(probabilities[5, other])} / 300")


def test_a_dweight_is_the_sum_over_every_sample_of_input_times_dvalue():
    X, y = spiral(40, 3)
    network = spiral_network(np.dtype(np.float64))
    trace = walk(network, X, y)
    index = next(i for i, step in enumerate(trace.steps) if step.label.startswith("Dense 1: dweights"))
    explanation = trace.explain(index, 1, 4, y)
    full = explanation.formulas[0].full
    assert full.count("\u00d7") == 120  # one product per sample
    relu_in = X @ network.layers[0].weights + network.layers[0].biases
    dvalues = trace.steps[index].inputs
    assert np.isclose(explanation.value, X[:, 1] @ dvalues[:, 4], rtol=1e-12)
    assert "ReLU 1: gradient" in " ".join(explanation.notes)  # the chain rule names the way back
    assert (relu_in.shape, explanation.title) == ((120, 8), "Dense 1: dweights = inputsᵀ · dvalues — input 1, neuron 4")


def test_relu_passes_the_gradient_only_where_its_input_was_positive():
    X, y = spiral(40, 3)
    trace = walk(spiral_network(), X, y)
    index = next(i for i, step in enumerate(trace.steps) if step.label == "ReLU 1: gradient")
    step = trace.steps[index]
    inputs = step.layer.inputs
    negative = tuple(np.argwhere(inputs <= 0)[0])
    positive = tuple(np.argwhere(inputs > 0)[0])
    assert "≤ 0, so the gradient is 0" in trace.explain(index, *negative, y).notes[0]
    assert trace.explain(index, *negative, y).value == 0
    assert trace.explain(index, *positive, y).value == step.inputs[positive]


def test_adams_update_writes_out_m_v_their_corrections_and_the_step():
    X, y = spiral(30, 3)
    network, optimizer = spiral_network(np.dtype(np.float64)), Adam(learning_rate=0.05)
    for _ in range(3):
        network.train_epoch(X, y, optimizer)  # caches that are not zero
    trace = walk(network, X, y, optimizer)
    index = next(i for i, step in enumerate(trace.steps) if step.label == "Dense 2: new weights (Adam)")
    layer = trace.steps[index].layer
    dw = layer.dweights[3, 1]
    m = 0.9 * layer.weight_momentums[3, 1] + 0.1 * dw
    v = 0.999 * layer.weight_cache[3, 1] + 0.001 * dw**2
    m_hat, v_hat = m / (1 - 0.9**4), v / (1 - 0.999**4)
    new = layer.weights[3, 1] - 0.05 * m_hat / (np.sqrt(v_hat) + 1e-7)
    explanation = trace.explain(index, 3, 1, y)
    lines = [formula.shown for formula in explanation.formulas]
    assert lines[0].endswith(f"= {number(m)}") and lines[1].endswith(f"= {number(m_hat)}")
    assert lines[2].endswith(f"= {number(v)}") and lines[3].endswith(f"= {number(v_hat)}")
    assert np.isclose(explanation.value, new, rtol=1e-12) and lines[4].endswith(f"= {number(new)}")


def test_sgd_with_momentum_writes_out_the_update_then_the_new_weight():
    X, y = spiral(30, 3)
    network, optimizer = spiral_network(np.dtype(np.float64)), SGD(learning_rate=0.5, momentum=0.9)
    network.train_epoch(X, y, optimizer)
    trace = walk(network, X, y, optimizer)
    index = next(i for i, step in enumerate(trace.steps) if step.label == "Dense 1: new biases (SGD)")
    layer = trace.steps[index].layer
    update = 0.9 * layer.bias_momentums[0, 2] - 0.5 * layer.dbiases[0, 2]
    lines = [formula.shown for formula in trace.explain(index, 0, 2, y).formulas]
    assert lines[0].endswith(f"= {number(update)}")
    assert lines[1] == f"b + update = {number(layer.biases[0, 2])} + " \
        f"{number(update) if update >= 0 else '(' + number(update) + ')'} = {number(layer.biases[0, 2] + update)}"


def test_an_update_that_overflows_is_shown_as_it_is_without_a_warning():
    X, y = spiral(10, 3)
    network = spiral_network(np.dtype(np.float64))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trace = walk(network, X * 1000, y, SGD(learning_rate=1e308))
    updates = [step.output for step in trace.steps if step.kind.direction is UPDATE]
    assert not all(np.isfinite(update).all() for update in updates)
    assert all(np.isfinite(step.output).all() for step in trace.steps if step.kind.direction is not UPDATE)

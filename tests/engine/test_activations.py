"""The activations beyond the notebook's: Leaky ReLU, Sigmoid (the book's chapter 16), Tanh and
Linear, each with its forward and backward rule, its steps and their explanations."""

import numpy as np
import pytest

from engine.test_golden import assert_identical
from engine.test_training_book import book  # noqa: F401 - the fixture
from nnstudio.engine import (
    ACTIVATIONS,
    BACKWARD,
    FLOAT32,
    Dense,
    LeakyReLU,
    Linear,
    Network,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
    spiral,
)
from nnstudio.engine.arithmetic_text import number
from nnstudio.engine.update_steps import walk

VALUES = np.array([[-3.0, -0.5, 0.0, 0.25, 2.0]])
FORMULAS = {
    "ReLU": lambda x: np.maximum(0, x),
    "Leaky ReLU": lambda x: np.where(x > 0, x, 0.01 * x),
    "Sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "Tanh": np.tanh,
    "Linear": lambda x: x,
}
SLOPES = {
    "ReLU": lambda x: (x > 0).astype(float),
    "Leaky ReLU": lambda x: np.where(x > 0, 1.0, 0.01),
    "Sigmoid": lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2,
    "Tanh": lambda x: 1 / np.cosh(x) ** 2,
    "Linear": lambda x: np.ones_like(x),
}


def test_every_activation_is_offered_by_its_name():
    assert list(ACTIVATIONS) == ["ReLU", "Leaky ReLU", "Sigmoid", "Tanh", "Linear", "Softmax"]
    assert all(ACTIVATIONS[kind].kind == kind and ACTIVATIONS[kind]().copy().kind == kind for kind in ACTIVATIONS)


@pytest.mark.parametrize("kind", list(FORMULAS))
def test_forward_and_backward_follow_the_functions_and_their_slopes(kind):
    layer = ACTIVATIONS[kind]()
    assert np.allclose(layer.forward(VALUES), FORMULAS[kind](VALUES), rtol=1e-15, atol=0)
    dvalues = np.array([[0.5, -1.0, 2.0, 3.0, -0.25]])
    expected = dvalues * SLOPES[kind](VALUES)
    assert np.allclose(layer.backward(dvalues), expected, rtol=1e-12, atol=1e-300)


def test_sigmoid_is_the_books_chapter_16_sigmoid(book):  # noqa: F811 - the fixture
    sigmoid = Sigmoid()
    assert_identical(sigmoid.forward(book["ch16-sigmoid_inputs"]), book["ch16-sigmoid_output"])
    assert_identical(sigmoid.backward(book["ch16-sigmoid_dvalues"]), book["ch16-sigmoid_dinputs"])


def mixed_walk():
    X, y = spiral(10, 3)
    layers = [Dense(2, 4), Sigmoid(), Dense(4, 4), Tanh(), Dense(4, 4), LeakyReLU(), Dense(4, 4), Linear(),
              Dense(4, 3), Softmax()]
    network = Network(layers)
    network.initialise(1, 1.0)
    return walk(network, X, y), y


def test_a_mixed_stack_steps_and_explains_every_activation_both_ways():
    trace, y = mixed_walk()
    labels = [step.label for step in trace.steps]
    for name in ("Sigmoid 1", "Tanh 1", "Leaky ReLU 1", "Linear 1"):
        assert name in labels and f"{name}: gradient" in labels
    for index, step in enumerate(trace.steps):
        row = min(1, len(step.output) - 1)  # dbiases have one row
        explanation = trace.explain(index, row, 0, y)
        assert explanation.value == step.output.reshape(len(step.output), -1)[row, 0]
        assert explanation.formulas[0].shown.endswith(number(explanation.value))


def test_an_activations_explanation_has_its_numbers():
    trace, y = mixed_walk()
    index = [step.label for step in trace.steps].index("Sigmoid 1")
    given = trace.steps[index].inputs[2, 1]
    assert trace.explain(index, 2, 1, y).formulas[0].shown.startswith("1 / (1 + e^")
    assert np.isclose(trace.steps[index].output[2, 1], 1 / (1 + np.exp(-given)))
    backward = [step.label for step in trace.steps].index("Leaky ReLU 1: gradient")
    step = trace.steps[backward]
    negative = tuple(np.argwhere(step.layer.inputs <= 0)[0])
    explanation = trace.explain(backward, *negative, y)
    assert explanation.formulas[0].shown.startswith("0.01 × ") and "0.01" in explanation.notes[0]
    assert trace.steps[backward].kind.direction is BACKWARD


def test_activations_compute_in_the_books_float32():
    X, _ = spiral(10, 3)
    for kind in ("Leaky ReLU", "Sigmoid", "Tanh", "Linear"):
        network = Network([Dense(2, 3, dtype=FLOAT32), ACTIVATIONS[kind]()])
        assert network.forward(X).dtype == np.float32


def test_relu_keeps_its_own_rule():
    assert isinstance(ACTIVATIONS["ReLU"](), ReLU)

"""The lessons of chapters 7 to 9 open where the book's backward pass can be followed, on the book's
numbers: chapter 8's neuron, chapter 9's spiral network and its printed gradients."""

from pathlib import Path

import numpy as np
from test_training_lessons import book, same_bits  # noqa: F401 - book is a fixture

from nnstudio.document.project_file import load
from nnstudio.engine import Network
from nnstudio.engine.update_steps import walk

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "resources" / "lessons"


def opened(name):
    """The lesson's project, and its walk (every step of one epoch) as the app computes it."""
    project = load(LESSONS / name)
    state = project.state
    return project, walk(Network(state.layers), *state.batch.data(), state.optimizer.build())


def test_chapter_8s_neuron_gives_the_books_partial_derivatives():
    project, steps = opened("12-one-neuron-backward.json")
    x, w, b = np.array([1.0, -2.0, 3.0]), np.array([-3.0, -1.0, 2.0]), 1.0
    z = x @ w + b
    assert z == 6.0  # the book's neuron
    dvalue = 1 / (1 + np.exp(-z)) - 1  # Softmax of (6, 0) and the loss of class 0, on the neuron's output
    assert steps.steps[project.step].label == "ReLU 1: gradient"
    by_label = {step.label: step.output for step in steps.steps}
    assert np.allclose(by_label["ReLU 1: gradient"], [[dvalue, 0]], rtol=1e-12, atol=0)
    assert np.allclose(by_label["Dense 1: dweights = inputsᵀ · dvalues"][:, 0], x * dvalue, rtol=1e-12)
    assert np.allclose(by_label["Dense 1: dbiases = Σ dvalues"], [[dvalue, 0]], rtol=1e-12, atol=0)
    assert np.allclose(by_label["Dense 1: dinputs = dvalues · weightsᵀ"][0], w * dvalue, rtol=1e-12)


def test_chapter_9s_lesson_opens_at_dense_1s_dweights_as_the_book_prints_them(book):  # noqa: F811
    project, steps = opened("13-backward-pass-of-the-spiral.json")
    step = steps.steps[project.step]
    assert step.label == "Dense 1: dweights = inputsᵀ · dvalues"
    assert same_bits(step.output, book["ch9-dweights1"])


def test_chapter_7s_lesson_holds_chapter_9s_network(book):  # noqa: F811
    project, _ = opened("11-derivative-and-tangent.json")
    dense1, dense2 = (layer for layer in project.state.layers if hasattr(layer, "weights"))
    assert same_bits(dense1.weights, book["ch9-weights1"]) and same_bits(dense2.weights, book["ch9-weights2"])

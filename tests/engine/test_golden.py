"""The engine against the notebook's own code: same arrays in, bit-identical arrays out.

The reference runs in a subprocess (``tests/reference_book.py``) because ``nnfs.init()`` patches
numpy for the whole process it runs in.
"""

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
import reference_book as book

from nnstudio.engine import NUMERICS, Dense, Network, ReLU, Softmax, spiral, vertical

ROOT = Path(__file__).resolve().parents[2]
STEP_KEYS = ["dot1", "bias1", "relu1", "dot2", "bias2", "softmax1", "sample_losses"]


def run_reference(mode, tmp_path_factory):
    path = tmp_path_factory.mktemp("reference") / f"{mode}.npz"
    subprocess.run([sys.executable, str(ROOT / "tests" / "reference_book.py"), mode, str(path)], check=True)
    with np.load(path) as saved:
        return dict(saved)


@pytest.fixture(scope="module")
def nnfs_ref(tmp_path_factory):
    return run_reference("nnfs", tmp_path_factory)


@pytest.fixture(scope="module")
def plain_ref(tmp_path_factory):
    return run_reference("plain", tmp_path_factory)


def assert_identical(actual, expected):
    """Same dtype, same shape, same bits."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.dtype == expected.dtype
    assert actual.shape == expected.shape
    assert np.array_equal(actual, expected)
    assert actual.tobytes() == expected.tobytes()  # and the same signs of zero


def spiral_network(numerics, seed, scale):
    network = Network([Dense(2, 3), ReLU(), Dense(3, 3), Softmax()])
    network.astype(NUMERICS[numerics])
    network.initialise(seed, scale)
    return network


def assert_trace_matches(network, X, y, ref, prefix):
    dense1, dense2 = network.dense_layers
    assert_identical(dense1.weights, ref[f"{prefix}weights1"])
    assert_identical(dense1.biases, ref[f"{prefix}biases1"])
    assert_identical(dense2.weights, ref[f"{prefix}weights2"])
    assert_identical(dense2.biases, ref[f"{prefix}biases2"])

    trace = network.trace(X, y)
    assert [step.kind.name for step in trace.steps] == ["dot", "bias", "relu", "dot", "bias", "softmax", "loss"]
    for step, key in zip(trace.steps, STEP_KEYS, strict=True):
        assert_identical(step.output, ref[prefix + key])
    assert_identical(trace.output, ref[f"{prefix}softmax1"])
    assert_identical(trace.sample_losses, ref[f"{prefix}sample_losses"])
    assert_identical(trace.loss, ref[f"{prefix}loss"])
    assert_identical(trace.accuracy, ref[f"{prefix}accuracy"])
    assert_identical(network.forward(X), ref[f"{prefix}softmax1"])


@pytest.mark.parametrize(("samples", "classes", "seed"), book.DATASET_CASES)
@pytest.mark.parametrize(("name", "make"), [("spiral", spiral), ("vertical", vertical)])
def test_datasets_equal_nnfs(nnfs_ref, name, make, samples, classes, seed):
    X, y = make(samples, classes, seed=seed)
    assert_identical(X, nnfs_ref[f"{name}-{samples}-{classes}-{seed}-X"])
    assert_identical(y, nnfs_ref[f"{name}-{samples}-{classes}-{seed}-y"])


@pytest.mark.parametrize(("seed", "scale"), book.NETWORK_CASES)
def test_float32_spiral_network_equals_nnfs(nnfs_ref, seed, scale):
    X, y = spiral(100, 3, seed=0)
    assert_trace_matches(spiral_network("nnfs", seed, scale), X, y, nnfs_ref, f"net-{seed}-{scale}-")


@pytest.mark.parametrize(("seed", "scale"), book.NETWORK_CASES)
def test_float64_spiral_network_equals_plain_numpy(plain_ref, seed, scale):
    X, y = plain_ref["spiral64-X"], plain_ref["spiral64-y"]
    network = spiral_network("float64", seed, scale)
    assert_trace_matches(network, X, y, plain_ref, f"net64-{seed}-{scale}-")


def test_one_hot_labels_give_the_same_losses(nnfs_ref, plain_ref):
    cases = [
        ("nnfs", nnfs_ref, *spiral(100, 3), "net"),
        ("float64", plain_ref, plain_ref["spiral64-X"], plain_ref["spiral64-y"], "net64"),
    ]
    for numerics, ref, X, y, prefix in cases:
        one_hot = np.eye(3, dtype=NUMERICS[numerics])[y]  # the book's np.eye is float32 after nnfs.init()
        trace = spiral_network(numerics, 0, 0.10).trace(X, one_hot)
        assert_identical(trace.sample_losses, ref[f"{prefix}-0-0.1-sample_losses_onehot"])
        assert_identical(trace.accuracy, ref[f"{prefix}-0-0.1-accuracy"])


def test_notebook_stack_4_5_2_10_equals_plain_numpy(plain_ref):
    network = Network([Dense(4, 5), Dense(5, 2), Dense(2, 10)])
    network.initialise(0, 0.10)
    X = np.array(book.NOTEBOOK_X)
    trace = network.trace(X)
    for number, layer in enumerate(network.dense_layers, start=1):
        assert_identical(layer.weights, plain_ref[f"stack-weights{number}"])
        assert_identical(trace.steps[2 * number - 1].output, plain_ref[f"stack-output{number}"])
    assert_identical(trace.output, plain_ref["stack-output3"])


def test_notebook_stack_matches_its_printout():
    """In [10] as printed in the notebook (8 digits), recomputed by the engine."""
    network = Network([Dense(4, 5), Dense(5, 2), Dense(2, 10)])
    network.initialise(0, 0.10)
    trace = network.trace(np.array(book.NOTEBOOK_X))
    printed_first = [
        [0.10758131, 1.03983522, 0.24462411, 0.31821498, 0.18851053],
        [-0.08349796, 0.70846411, 0.00293357, 0.44701525, 0.36360538],
        [-0.50763245, 0.55688422, 0.07987797, -0.34889573, 0.04553042],
    ]
    printed_second = [[0.148296, -0.08397602], [0.14100315, -0.01340469], [0.20124979, -0.07290616]]
    assert np.allclose(trace.steps[1].output, printed_first, rtol=0, atol=1e-8)
    assert np.allclose(trace.steps[3].output, printed_second, rtol=0, atol=1e-8)
    assert np.allclose(trace.output[0, :3], [0.01110314, 0.01753274, 0.00116307], rtol=0, atol=1e-8)


def lesson_layer():
    """In [15]'s Dense(2,5): drawn, as in the notebook, after spiral_data's three randn(100) calls."""
    rng = np.random.RandomState(0)
    rng.randn(3 * 100)
    return Dense(2, 5, scale=0.10, rng=rng, dtype=NUMERICS["nnfs"])


def test_lesson_spiral_through_dense_2_5_and_relu(nnfs_ref):
    X, _ = spiral(100, 3)
    layer = lesson_layer()
    assert_identical(layer.weights, nnfs_ref["lesson-weights"])
    rows = Network([layer, ReLU()]).forward(X)[96:100]
    assert_identical(rows, nnfs_ref["lesson-rows"])
    printed = [
        [0.07766829, 0.08039562, 0.12873529, 0.0, 0.0],
        [0.13565907, 0.0, 0.05062564, 0.04318418, 0.0],
        [0.10540763, 0.02938177, 0.12049235, 0.0, 0.0],
        [0.12440884, 0.0, 0.104376, 0.0, 0.0],
    ]
    assert np.allclose(rows, printed, rtol=0, atol=1e-8)  # numpy prints arrays to 8 digits


def test_lesson_softmax_and_loss(nnfs_ref):
    """In [18] and In [22]: the notebook's second spiral (its stream continues) through 2-3-3."""
    network = Network([Dense(2, 3), ReLU(), Dense(3, 3), Softmax()])
    network.astype(NUMERICS["nnfs"])
    network.layers[0].weights = nnfs_ref["lesson2-weights1"]
    network.layers[2].weights = nnfs_ref["lesson2-weights2"]
    trace = network.trace(nnfs_ref["lesson2-X"], nnfs_ref["lesson2-y"])
    assert_identical(trace.output, nnfs_ref["lesson2-softmax"])
    assert_identical(trace.loss, nnfs_ref["lesson2-loss"])
    # these prints are float32's shortest round-trip form, so they give back the very bits
    assert_identical(trace.output[1], np.array([0.33333507, 0.33333328, 0.3333316], dtype=np.float32))
    assert_identical(trace.loss, np.float32(1.09855))


@pytest.mark.parametrize("numerics", ["float64", "nnfs"])
def test_dense_trace_is_dot_then_bias(numerics):
    rng = np.random.RandomState(3)
    network = Network([Dense(4, 3), ReLU(), Dense(3, 2)])
    network.astype(NUMERICS[numerics])
    network.initialise(1, 0.5)
    for layer in network.dense_layers:
        layer.biases = rng.randn(*layer.biases.shape).astype(NUMERICS[numerics])
    X = rng.randn(6, 4).astype(NUMERICS[numerics])
    trace = network.trace(X)

    assert [step.kind.name for step in trace.steps] == ["dot", "bias", "relu", "dot", "bias"]
    assert [step.layer_index for step in trace.steps] == [0, 0, 1, 2, 2]
    assert_identical(trace.steps[0].inputs, X)
    for before, after in pairwise(trace.steps):
        assert_identical(after.inputs, before.output)
    for dot_step, bias_step in (trace.steps[0:2], trace.steps[3:5]):
        layer = network.layers[dot_step.layer_index]
        if numerics == "nnfs":
            expected = np.dot(dot_step.inputs.astype(np.float64), layer.weights.astype(np.float64))
            expected = expected.astype(np.float32)
        else:
            expected = np.dot(dot_step.inputs, layer.weights)
        assert_identical(dot_step.output, expected)
        assert_identical(bias_step.output, expected + layer.biases)
    assert_identical(trace.output, network.forward(X))
    assert_identical(trace.output, trace.steps[-1].output)


def test_traces_compare_by_identity_without_raising():
    """A view asks "is this still the trace I showed?"; comparing arrays field by field would raise."""
    network = Network([Dense(2, 3), Softmax()])
    X = np.array([[0.1, 0.2], [0.3, 0.4]])
    first, second = network.trace(X), network.trace(X)
    assert first == first and first != second
    assert (first, (0, 1, 2)) != (second, (0, 1, 2))
    assert first.steps[0] != second.steps[0]
    assert len({first, second, first}) == 2

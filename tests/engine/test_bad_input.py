"""Bad input is a ValueError whose message names what was wrong — never a silent broadcast or NaN."""

import warnings

import numpy as np
import pytest

from nnstudio.engine import CategoricalCrossEntropy, Dense, Network, ReLU, Softmax, accuracy, spiral, vertical


def network():
    return Network([Dense(2, 3), ReLU(), Dense(3, 4), Softmax()])


X = np.array([[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6]])
Y = np.array([0, 3, 1])


@pytest.mark.parametrize(
    ("layers", "message"),
    [
        ([Dense(3, 4)], "Dense 1 expects 3 inputs but the batch gives 2"),
        ([Dense(2, 3), ReLU(), Dense(4, 2)], "Dense 2 expects 4 inputs but ReLU 1 gives 3"),
        ([Dense(2, 3), Dense(2, 5), Softmax()], "Dense 2 expects 2 inputs but Dense 1 gives 3"),
    ],
)
def test_dense_that_does_not_fit_the_width_before_it(layers, message):
    with pytest.raises(ValueError, match=message):
        Network(layers).forward(X)


def test_dense_forward_on_its_own_checks_the_width():
    with pytest.raises(ValueError, match="Dense 3→2 expects 3 inputs per sample, got 2"):
        Dense(3, 2).forward(X)


@pytest.mark.parametrize("inputs", [np.array([0.1, 0.2]), np.zeros((1, 1, 2)), [0.1, 0.2]])
def test_dense_forward_needs_a_2d_batch(inputs):
    with pytest.raises(
        ValueError, match=r"Dense 2→3 expects a batch of shape \(samples, 2\), got shape \((2,|1, 1, 2)\)"
    ):
        Dense(2, 3).forward(inputs)


def test_biases_that_do_not_match_the_neurons():
    net = network()
    net.layers[2].biases = np.zeros((1, 5))
    with pytest.raises(ValueError, match=r"Dense 3→4 has 5 biases; it needs one per neuron \(4\)"):
        net.forward(X)


@pytest.mark.parametrize(("value", "message"), [(np.zeros((2, 3, 1)), "2-D"), (np.zeros((2, 3)), "one row")])
def test_biases_of_the_wrong_shape(value, message):
    with pytest.raises(ValueError, match=f"Dense biases .*{message}"):
        Dense(2, 3).biases = value


def test_weights_that_are_not_a_matrix():
    with pytest.raises(ValueError, match=r"Dense weights must be a 2-D matrix, got shape \(3,\)"):
        Dense(2, 3).weights = np.zeros(3)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_inputs(bad):
    inputs = X.copy()
    inputs[1, 0] = bad
    with pytest.raises(ValueError, match=rf"inputs holds {bad} at \[1, 0\]"):
        network().trace(inputs, Y)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
@pytest.mark.parametrize("name", ["weights", "biases"])
def test_non_finite_parameters_are_refused(name, bad):
    layer = Dense(2, 3)
    value = getattr(layer, name).copy()
    value[0, 1] = bad
    with pytest.raises(ValueError, match=rf"Dense {name} holds {bad} at \[0, 1\]"):
        setattr(layer, name, value)


@pytest.mark.parametrize("name", ["weights", "biases"])
def test_non_finite_parameter_written_in_place_is_named(name):
    net = network()
    getattr(net.layers[2], name)[0, 1] = np.nan
    with pytest.raises(ValueError, match=rf"Dense 2 {name} holds nan at \[0, 1\]"):
        net.trace(X, Y)


@pytest.mark.filterwarnings("ignore:overflow encountered", "ignore:invalid value encountered")
def test_overflow_is_explained():
    net = network()
    net.layers[0].weights = np.full((2, 3), 1e308)
    with pytest.raises(ValueError, match="at “Dense 1: inputs · weights” .* overflowed float64"):
        net.forward(np.full((3, 2), 10.0))


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (np.array([0, 4, 1]), r"label 4 of sample 1 is outside the 4 classes the output gives \(0…3\)"),
        (np.array([0, 1, -1]), "label -1 of sample 2 is outside the 4 classes"),
        (np.array([0, 1]), "labels have 2 entries but the batch has 3 samples"),
        (np.array([0, 1, 2, 3]), "labels have 4 entries but the batch has 3 samples"),
        (np.array([0.0, 1.0, 2.0]), "class labels must be integers, got dtype float64"),
        (np.eye(3), "one-hot labels have 3 columns but the output has 4 classes"),
        (np.zeros((3, 4, 1)), "labels must be class indices"),
    ],
)
def test_bad_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        network().trace(X, labels)
    predictions = np.full((3, 4), 0.25)
    with pytest.raises(ValueError, match=message):
        CategoricalCrossEntropy().calculate(predictions, labels)
    with pytest.raises(ValueError, match=message):
        accuracy(predictions, labels)


@pytest.mark.parametrize("call", [lambda p: CategoricalCrossEntropy().calculate(p, Y), lambda p: accuracy(p, Y)])
def test_non_finite_predictions_never_give_a_silent_nan_loss(call):
    predictions = np.full((3, 4), 0.25)
    predictions[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"predictions holds nan at \[2, 1\]"):
        call(predictions)


@pytest.mark.parametrize(
    "call", [lambda: network().trace(np.zeros((0, 2)), np.zeros(0, int)), lambda: network().forward(np.zeros((0, 2)))]
)
def test_empty_batch(call):
    with pytest.raises(ValueError, match="inputs is an empty batch"):
        call()


def test_empty_predictions():
    with pytest.raises(ValueError, match="predictions is an empty batch"):
        CategoricalCrossEntropy().calculate(np.zeros((0, 3)), np.zeros(0, int))


@pytest.mark.parametrize("inputs", [np.array([0.1, 0.2]), np.zeros((2, 2, 2))])
def test_inputs_that_are_not_a_matrix(inputs):
    with pytest.raises(ValueError, match="inputs must be a 2-D matrix"):
        network().forward(inputs)


def test_inputs_that_are_not_numbers():
    with pytest.raises(ValueError, match="inputs must hold numbers"):
        network().forward(np.array([["a", "b"]]))


def test_empty_network():
    with pytest.raises(ValueError, match="the network has no layers"):
        Network([]).forward(X)


@pytest.mark.parametrize("make", [spiral, vertical])
@pytest.mark.parametrize(("samples", "classes"), [(0, 3), (5, 0)])
def test_empty_data_set(make, samples, classes):
    with pytest.raises(ValueError, match=f"samples={samples}, classes={classes}"):
        make(samples, classes)


@pytest.mark.parametrize(("n_inputs", "n_neurons"), [(0, 3), (2, 0)])
def test_dense_with_no_inputs_or_neurons(n_inputs, n_neurons):
    with pytest.raises(ValueError, match=f"got {n_inputs}→{n_neurons}"):
        Dense(n_inputs, n_neurons)


def test_integer_weights_compute_in_floating_point():
    """Whole-number weights typed by a student must not truncate the inputs to integers."""
    layer = Dense(2, 1)
    layer.weights = np.array([[1], [2]])
    layer.biases = np.array([[1]])
    assert np.array_equal(Network([layer]).forward(np.array([[0.5, 0.25]])), [[2.0]])


def test_no_loss_without_softmax_is_explained():
    trace = Network([Dense(2, 3)]).trace(X, np.array([0, 1, 2]))
    assert trace.loss is None and trace.sample_losses is None
    assert "not a Softmax" in trace.loss_note
    assert trace.accuracy is None  # accuracy is a classifier's figure, like the loss


@pytest.mark.parametrize("run", ["trace", "backward"])
def test_an_input_beyond_float32_is_named_in_the_books_numerics_without_a_warning(run):
    net = network()
    net.astype(np.float32)
    inputs = X.copy()
    inputs[2, 1] = -1e300  # a float64 the batch holds, which float32 would make infinite
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "overflow encountered in cast" would be one
        with pytest.raises(ValueError, match=r"inputs holds -1e\+300 at \[2, 1\], beyond the ±3.4e\+38 that float32"):
            getattr(net, run)(inputs, Y)
    inputs[2, 1] = -3e38  # within reach: computed as before
    assert net.trace(inputs, Y).output.dtype == np.float32

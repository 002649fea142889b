"""Each kind of step says what it is: its direction, its rows and columns, its label; the trace
computes by the layers' rules without storing anything on them."""

import numpy as np

from nnstudio.engine import BACKWARD, FORWARD, Dense, Network, ReLU, Softmax, spiral
from nnstudio.engine.backward_steps import (
    DBIASES,
    DINPUTS,
    DWEIGHTS,
    LOSS_BACKWARD,
    RELU_BACKWARD,
    SOFTMAX_BACKWARD,
    SOFTMAX_LOSS_BACKWARD,
)
from nnstudio.engine.forward_steps import BIAS, DOT, LOSS, RELU, SOFTMAX


def spiral_network():
    network = Network([Dense(2, 3), ReLU(), Dense(3, 3), Softmax()])
    network.initialise(0, 0.10)
    return network


def test_the_forward_pass_is_made_of_forward_kinds_in_the_books_order():
    X, y = spiral(100, 3)
    trace = spiral_network().trace(X, y)
    assert [step.kind for step in trace.steps] == [DOT, BIAS, RELU, DOT, BIAS, SOFTMAX, LOSS]
    assert all(step.kind.direction is FORWARD for step in trace.steps)


def test_rows_and_columns_say_what_a_result_holds():
    kinds = (DOT, BIAS, RELU, SOFTMAX, LOSS)
    assert {kind.rows for kind in kinds} == {"sample"}
    assert [kind.columns for kind in kinds] == ["neuron", "neuron", "neuron", "class", "loss"]
    assert [kind.single_column for kind in kinds] == [False] * 4 + [True]
    assert [kind.probabilities for kind in kinds] == [False, False, False, True, False]


def test_labels_are_built_from_the_layers_name():
    assert DOT.label("Dense 12") == "Dense 12: inputs · weights"
    assert BIAS.label("Dense 12") == "Dense 12: + biases"
    assert RELU.label("ReLU 4") == "ReLU 4"
    assert LOSS.label("") == "Loss: categorical cross-entropy"
    X, y = spiral(10, 3)
    trace = Network([Dense(2, 4), ReLU(), Dense(4, 4), ReLU(), Dense(4, 3), Softmax()]).trace(X, y)
    assert [step.label for step in trace.steps][5:8] == ["ReLU 2", "Dense 3: inputs · weights", "Dense 3: + biases"]
    assert [step.layer_name for step in trace.steps][-2:] == ["Softmax 1", ""]


def test_the_output_step_is_the_last_layers_with_or_without_a_loss():
    X, y = spiral(10, 3)
    network = spiral_network()
    with_loss = network.trace(X, y)
    assert with_loss.output_step is with_loss.steps[-2] and with_loss.output_step.kind is SOFTMAX
    without_softmax = Network(network.layers[:3]).trace(X, y)
    assert without_softmax.output_step is without_softmax.steps[-1] and without_softmax.output_step.kind is BIAS


def test_a_trace_stores_nothing_on_the_layers_and_forward_does_as_in_the_book():
    network = spiral_network()
    before = [dict(vars(layer)) for layer in network.layers]
    X, y = spiral(20, 3)
    trace = network.trace(X, y)
    assert [vars(layer).keys() for layer in network.layers] == [state.keys() for state in before]
    relu, softmax = network.layers[1], network.layers[3]
    assert np.array_equal(relu.forward(trace.steps[1].output), trace.steps[2].output)
    assert relu.output is not None and softmax.forward(trace.steps[4].output).shape == (60, 3)
    assert np.array_equal(softmax.output, trace.steps[5].output)


def test_the_backward_pass_is_made_of_backward_kinds_from_the_loss_to_the_first_layer():
    X, y = spiral(20, 3)
    combined = spiral_network().backward(X, y)
    assert [step.kind for step in combined.steps] == [
        SOFTMAX_LOSS_BACKWARD, DWEIGHTS, DBIASES, DINPUTS, RELU_BACKWARD, DWEIGHTS, DBIASES, DINPUTS]
    long_way = spiral_network().backward(X, y, combined=False)
    assert [step.kind for step in long_way.steps[:3]] == [LOSS_BACKWARD, SOFTMAX_BACKWARD, DWEIGHTS]
    assert all(step.kind.direction is BACKWARD for step in (*combined.steps, *long_way.steps))
    assert [step.label for step in combined.steps[1:5]] == [
        "Dense 2: dweights = inputsᵀ · dvalues", "Dense 2: dbiases = Σ dvalues",
        "Dense 2: dinputs = dvalues · weightsᵀ", "ReLU 1: gradient"]


def test_a_gradients_rows_and_columns_match_its_shape():
    X, y = spiral(20, 3)
    network = Network([Dense(2, 5), ReLU(), Dense(5, 3), Softmax()])
    trace = network.backward(X, y)
    first_dense = trace.steps[-3:]  # dweights 2×5, dbiases 1×5, dinputs 60×2
    assert [(step.kind.rows, step.kind.columns) for step in first_dense] == [
        ("input", "neuron"), ("row", "neuron"), ("sample", "input")]
    assert [step.output.shape for step in first_dense] == [(2, 5), (1, 5), (60, 2)]
    assert (RELU_BACKWARD.rows, RELU_BACKWARD.columns) == ("sample", "neuron")


def test_every_kind_of_step_has_the_books_numpy_line():
    from nnstudio.engine import backward_steps, features, forward_steps, update_steps
    from nnstudio.engine.step_kind import StepKind

    kinds = [value for module in (forward_steps, backward_steps, features)
             for value in vars(module).values() if isinstance(value, StepKind)]
    kinds += [kind for pair in update_steps.UPDATE_KINDS.values() for kind in pair]
    assert len(kinds) > 30
    assert [kind for kind in kinds if not kind.code] == []

"""Each step's line for one value, evaluated with numpy on the step's own arrays, gives that value."""

import numpy as np
import pytest

from nnstudio.engine import Dense, LeakyReLU, Network, ReLU, Sigmoid, Softmax, Tanh, spiral


@pytest.mark.parametrize("activation", [ReLU, LeakyReLU, Sigmoid, Tanh])
def test_the_line_for_a_value_of_each_forward_and_backward_step_computes_it(activation):
    X, y = spiral(10, 3, seed=1)
    network = Network([Dense(2, 4), activation(), Dense(4, 3), Softmax()])
    network.initialise(2, 0.5)
    checked = set()
    steps = network.trace(X, y).steps + network.backward(X, y).steps
    for i, step in enumerate(steps):
        # the bias step's line starts again from the layer's inputs: those of the product before it
        given = steps[i - 1].inputs if step.kind.name == "bias" else step.inputs
        for row, column in ((0, 0), (5, 2)):
            rows, columns = step.output.reshape(len(step.output), -1).shape
            if row >= rows or column >= columns:
                continue
            code = step.kind.cell_code(row, column)
            if code is None:
                continue
            backward = step.kind.direction.value == "backward"
            names = {"np": np, "self": step.layer, "y_true": y, "y_pred": step.inputs, "samples": len(X),
                     ("dvalues" if backward else "inputs"): given}
            value = eval(code.split("  #")[0], names)  # noqa: S307 - the engine's own text
            assert value == pytest.approx(step.output.reshape(len(step.output), -1)[row, column], rel=1e-9), code
            checked.add(step.kind.name)
    assert {"dot", "bias", "softmax", "loss", "softmax_loss_backward", "dweights", "dbiases", "dinputs"} <= checked
    assert len(checked & {"relu", "leaky_relu", "sigmoid", "tanh"}) == 1

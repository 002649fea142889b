"""The loss as one weight or bias moves with everything else held, as the book's chapter 7 draws a
function with its tangent, and the numerical derivative that checks a gradient.

A parameter is named as a trace names it: ``layer_index`` in the stack, ``which`` ("weights" or
"biases"), ``row`` and ``column``. The network given is left as it was: each function works on
copies of its layers.
"""

import numpy as np

from .checks import require_representable
from .numerics import FLOAT64, as_numerics
from .objectives import objective_for

BOOK_DELTA = 0.0001  # the book's p2_delta: how far each side of the point the secant reaches


def loss_along(network, X, y, layer_index, which, row, column, values):
    """The mean loss on ``(X, y)`` with the parameter set to each of ``values`` in turn (the stack
    ends in a Softmax or a single Sigmoid output: ``Network.check_trainable``)."""
    layers = [layer.copy() for layer in network.layers]
    inputs = require_representable(np.asarray(X), network.dtype)
    for layer in layers[:layer_index]:  # what reaches the parameter's layer does not change
        inputs = layer.forward(inputs)
    y = np.asarray(y)
    objective = None
    parameter = getattr(layers[layer_index], which)
    losses = np.empty(len(values))
    with np.errstate(all="ignore"):  # a value that overflows gives a loss that is not finite, drawn as a gap
        for i, value in enumerate(values):
            parameter[row, column] = value
            outputs = inputs
            for layer in layers[layer_index:]:
                outputs = layer.forward(outputs)
            if objective is None:  # the labels as the loss takes them, checked once
                objective = objective_for(layers, outputs.shape[1])
                targets = objective.targets(y, outputs)
            losses[i] = np.mean(objective.sample_losses(outputs, targets))
    return losses


def central_difference(network, X, y, layer_index, which, row, column, delta=BOOK_DELTA):
    """``(L(p + δ) − L(p − δ)) / 2δ`` in float64: the numerical derivative of the loss on the
    parameter, to check the backward pass's analytic one against."""
    twin = type(network)(layer.copy() for layer in network.layers)
    twin.astype(FLOAT64)
    value = float(getattr(twin.layers[layer_index], which)[row, column])
    below, above = loss_along(twin, as_numerics(X, FLOAT64), y, layer_index, which, row, column,
                              [value - delta, value + delta])
    return (above - below) / (2 * delta)


def relative_difference(analytic, numerical):
    """``|a − n| / max(|a|, |n|)``: 0 when both agree, 1 or more when they have nothing in common."""
    scale = max(abs(analytic), abs(numerical))
    return 0.0 if scale == 0 else abs(analytic - numerical) / scale

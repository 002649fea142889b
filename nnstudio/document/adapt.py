"""Make every Dense fit the width that flows into it, keeping every weight that still fits, and
draw new weights exactly as the current initialisation would draw them for the whole stack."""

import numpy as np

from nnstudio.engine import Dense, Network, layer_name
from nnstudio.engine.arithmetic_text import counted

from .messages import warning

ADAPTED = warning("{layer} now takes {inputs} (was {was}): kept the {kept}×{neurons} weights that fit and"
                  " {action}.")


def blank_dense(n_inputs, n_neurons, dtype):
    """A Dense of zeros (drawing nothing from any random stream)."""
    dense = Dense.__new__(Dense)
    dense.weights = np.zeros((n_inputs, n_neurons), dtype=dtype)
    dense.biases = np.zeros((1, n_neurons), dtype=dtype)
    return dense


def initial_weights(state, layers):
    """The weights ``Network.initialise`` with ``state``'s seed and scale gives each Dense of
    ``layers``, by stack index: what "Initialise all" would draw for this very stack."""
    network = Network(
        blank_dense(layer.n_inputs, layer.n_neurons, state.dtype) if isinstance(layer, Dense) else layer
        for layer in layers
    )
    network.initialise(state.init.seed, state.init.scale)
    return {index: layer.weights for index, layer in enumerate(network.layers) if isinstance(layer, Dense)}


def resized(matrix, fresh):
    """``matrix`` cut or grown to the shape of ``fresh``; cells it did not have come from ``fresh``."""
    grown = fresh.astype(matrix.dtype)
    rows, columns = min(fresh.shape[0], matrix.shape[0]), min(fresh.shape[1], matrix.shape[1])
    grown[:rows, :columns] = matrix[:rows, :columns]
    return grown


def with_neurons(state, index, n_neurons):
    """``state`` with the Dense at ``index`` resized to ``n_neurons`` (new columns drawn, new biases 0)."""
    dense = state.layers[index]
    layers = list(state.layers)
    layers[index] = blank_dense(dense.n_inputs, n_neurons, dense.weights.dtype)
    grown = Dense.__new__(Dense)
    grown.weights = resized(dense.weights, initial_weights(state, layers)[index])
    grown.biases = resized(dense.biases, np.zeros((1, n_neurons)))
    layers[index] = grown
    return state.replace(layers=tuple(layers))


def adapted(state):
    """``state`` with each Dense's weight rows matched to the width before it, and sentences
    saying what was changed (empty when nothing was)."""
    layers = list(state.layers)
    width = state.batch.n_features
    fits = []  # (index, the width flowing into it) of each Dense that does not fit
    for index, layer in enumerate(layers):
        if isinstance(layer, Dense) and layer.n_inputs != width:
            fits.append((index, width))
        width = layer.output_width(width)
    if not fits:
        return state, []
    target = list(layers)
    for index, width in fits:
        target[index] = blank_dense(width, layers[index].n_neurons, state.dtype)
    fresh = initial_weights(state, target)
    messages = []
    for index, width in fits:
        layer = layers[index]
        fitted = Dense.__new__(Dense)
        fitted.weights = resized(layer.weights, fresh[index])
        fitted.biases = layer.biases.copy()
        kept = min(width, layer.n_inputs)
        change = width - layer.n_inputs
        action = f"drew {counted(change, 'new row')}" if change > 0 else f"dropped {counted(-change, 'row')}"
        messages.append(ADAPTED(layer=layer_name(layers, index), inputs=counted(width, "input"), was=layer.n_inputs,
                                kept=kept, neurons=layer.n_neurons, action=action))
        layers[index] = fitted
    return state.replace(layers=tuple(layers)), messages

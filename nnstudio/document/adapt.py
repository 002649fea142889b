"""Make every Dense fit the width that flows into it, keeping every weight that still fits."""

import numpy as np

from nnstudio.engine import Dense, layer_name
from nnstudio.engine.numerics import random_weights


def resized(matrix, rows, columns, fill):
    """``matrix`` cut or grown to ``rows × columns``; new cells come from ``fill(rows, columns)``."""
    grown = fill(rows, columns).astype(matrix.dtype)
    keep_rows, keep_columns = min(rows, matrix.shape[0]), min(columns, matrix.shape[1])
    grown[:keep_rows, :keep_columns] = matrix[:keep_rows, :keep_columns]
    return grown


def weight_fill(state):
    """New weights drawn as the current initialisation would draw them."""
    rng = np.random.RandomState(state.init.seed)
    return lambda rows, columns: random_weights(rng, rows, columns, state.init.scale, state.dtype)


def with_neurons(state, index, n_neurons):
    """``state`` with the Dense at ``index`` resized to ``n_neurons`` (new columns drawn, new biases 0)."""
    dense = state.layers[index]
    grown = Dense.__new__(Dense)
    grown.weights = resized(dense.weights, dense.n_inputs, n_neurons, weight_fill(state))
    grown.biases = resized(dense.biases, 1, n_neurons, lambda r, c: np.zeros((r, c)))
    layers = list(state.layers)
    layers[index] = grown
    return state.replace(layers=tuple(layers))


def adapted(state):
    """``state`` with each Dense's weight rows matched to the width before it, and sentences
    saying what was changed (empty when nothing was)."""
    width = state.batch.n_features
    layers = list(state.layers)
    messages = []
    for index, layer in enumerate(layers):
        if not isinstance(layer, Dense):
            continue
        if layer.n_inputs != width:
            fitted = Dense.__new__(Dense)
            fitted.weights = resized(layer.weights, width, layer.n_neurons, weight_fill(state))
            fitted.biases = layer.biases.copy()
            kept = min(width, layer.n_inputs)
            action = (
                f"drew {width - layer.n_inputs} new rows" if width > layer.n_inputs
                else f"dropped {layer.n_inputs - width} rows"
            )
            messages.append(
                f"{layer_name(layers, index)} now takes {width} inputs (was {layer.n_inputs}):"
                f" kept the {kept}×{layer.n_neurons} weights that fit and {action}."
            )
            layers[index] = fitted
        width = layers[index].n_neurons
    return state.replace(layers=tuple(layers)), messages

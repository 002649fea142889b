"""An ordered stack of layers, its shape checks, and the traced forward pass."""

from dataclasses import dataclass

import numpy as np

from .checks import require_batch, require_finite
from .layers import Dense, Softmax
from .loss import check_labels, fraction_correct, negative_log_likelihoods
from .numerics import as_numerics, random_weights


# eq=False: a generated __eq__ would compare arrays and raise; two records are equal when they are one
@dataclass(frozen=True, slots=True, eq=False)
class TraceStep:
    """One operation of the forward pass: what went in, what came out."""

    kind: str  # "dot", "bias", "relu", "softmax" or "loss"
    label: str  # what a student reads, e.g. "Dense 1: inputs · weights"
    layer_index: int  # index in the stack; -1 for the loss
    inputs: np.ndarray
    output: np.ndarray


@dataclass(frozen=True, slots=True, eq=False)
class Trace:
    """Every step of one forward pass, with the loss and accuracy when labels were given."""

    steps: tuple
    output: np.ndarray
    sample_losses: np.ndarray | None = None
    loss: np.floating | None = None
    accuracy: np.floating | None = None
    loss_note: str = ""  # why there is no loss, in a sentence, when there is none


def layer_name(layers, index):
    """ "Dense 2" for the second Dense, "ReLU 1" for the first ReLU: how the stack labels layers."""
    layer = layers[index]
    number = sum(1 for other in layers[: index + 1] if other.kind == layer.kind)
    return f"{layer.kind} {number}"


def layer_names(layers):
    """``layer_name`` for every layer of the stack, in one pass."""
    counts = {}
    names = []
    for layer in layers:
        counts[layer.kind] = counts.get(layer.kind, 0) + 1
        names.append(f"{layer.kind} {counts[layer.kind]}")
    return names


class Network:
    """The layers in order. ``forward(X)`` runs them; ``trace(X, y)`` records every step."""

    def __init__(self, layers=()):
        self.layers = list(layers)

    def __repr__(self):
        return f"Network({self.layers!r})"

    @property
    def dense_layers(self):
        return [layer for layer in self.layers if isinstance(layer, Dense)]

    @property
    def dtype(self):
        """The dtype the network computes in: that of its Dense layers (float64 with none)."""
        dense = self.dense_layers
        return dense[0].weights.dtype if dense else np.dtype(np.float64)

    def astype(self, dtype):
        """Store every weight and bias in ``dtype``."""
        for layer in self.dense_layers:
            layer.weights = as_numerics(layer.weights, dtype)
            layer.biases = as_numerics(layer.biases, dtype)

    def initialise(self, seed=0, scale=0.10):
        """Draw every Dense layer's weights in stack order from one stream seeded with ``seed``
        (the stream ``np.random.seed(seed)`` gives the book's ``Layer_Dense`` constructors) and
        zero the biases."""
        rng = np.random.RandomState(seed)
        dtype = self.dtype
        for layer in self.dense_layers:
            layer.weights = random_weights(rng, layer.n_inputs, layer.n_neurons, scale, dtype)
            layer.biases = np.zeros((1, layer.n_neurons), dtype=dtype)

    def widths(self, n_features):
        """The width of the data after each layer, starting with ``n_features``. Raises a
        ValueError naming the first layer that does not fit."""
        if not self.layers:
            raise ValueError("the network has no layers: add a Dense layer to compute anything")
        widths = [n_features]
        for index, layer in enumerate(self.layers):
            if isinstance(layer, Dense):
                layer.check()
                if layer.n_inputs != widths[-1]:
                    before = "the batch" if index == 0 else layer_name(self.layers, index - 1)
                    raise ValueError(
                        f"{layer_name(self.layers, index)} expects {layer.n_inputs} inputs but"
                        f" {before} gives {widths[-1]}"
                    )
                widths.append(layer.n_neurons)
            else:
                widths.append(widths[-1])
        return widths

    def forward(self, X):
        return self.trace(X).output

    def trace(self, X, y=None):
        """Run the forward pass recording each operation; with labels ``y``, add the loss."""
        X = require_batch(X, "inputs")
        require_finite(X, "inputs")
        self.widths(X.shape[1])
        X = as_numerics(X, self.dtype)
        steps = []
        values = X
        names = layer_names(self.layers)
        for index, (layer, name) in enumerate(zip(self.layers, names, strict=True)):
            if isinstance(layer, Dense):
                product = layer.dot(values)
                steps.append(TraceStep("dot", f"{name}: inputs · weights", index, values, product))
                values = layer.add_biases(product)
                steps.append(TraceStep("bias", f"{name}: + biases", index, product, values))
            else:
                output = layer.forward(values)
                steps.append(TraceStep(layer.kind.lower(), name, index, values, output))
                values = output
        if not np.isfinite(values).all():
            for layer, name in zip(self.layers, names, strict=True):
                if isinstance(layer, Dense):  # a value written into the arrays in place
                    require_finite(layer.weights, f"{name} weights")
                    require_finite(layer.biases, f"{name} biases")
            raise ValueError(
                "the output holds non-finite values: a weight or input is so large that the"
                f" computation overflowed {values.dtype}"
            )
        if y is None:
            return Trace(tuple(steps), values, loss_note="No labels: give the batch class labels to get a loss.")
        y = check_labels(y, len(values), values.shape[1])
        acc = fraction_correct(values, y)
        if not isinstance(self.layers[-1], Softmax):
            note = "The last layer is not a Softmax: add one to turn outputs into probabilities and get a loss."
            return Trace(tuple(steps), values, accuracy=acc, loss_note=note)
        sample_losses = negative_log_likelihoods(values, y)
        steps.append(TraceStep("loss", "Loss: categorical cross-entropy", -1, values, sample_losses))
        return Trace(tuple(steps), values, sample_losses, np.mean(sample_losses), acc)

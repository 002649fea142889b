"""An ordered stack of layers, its shape checks, and the traced forward pass."""

import math

import numpy as np

from .checks import require_batch, require_finite
from .layers import Dense, Softmax
from .loss import CategoricalCrossEntropy, SoftmaxCrossEntropy, check_labels, fraction_correct, negative_log_likelihoods
from .numerics import as_numerics, random_weights

STEP_LABELS = {
    "dot": "{name}: inputs · weights",
    "bias": "{name}: + biases",
    "loss": "Loss: categorical cross-entropy",
    "softmax_loss_backward": "Softmax + loss: gradient",
    "loss_backward": "Loss: gradient",
    "softmax_backward": "{name}: gradient",
    "relu_backward": "{name}: gradient",
    "dweights": "{name}: dweights = inputsᵀ · dvalues",
    "dbiases": "{name}: dbiases = Σ dvalues",
    "dinputs": "{name}: dinputs = dvalues · weightsᵀ",
}


class TraceStep:
    """One operation of the forward pass: what went in, what came out.

    A plain slotted class: cheap to make (a trace makes several per pass) and, like any object,
    equal only to itself (comparing the arrays inside would be ambiguous)."""

    __slots__ = ("kind", "layer_index", "inputs", "output", "_layers")

    def __init__(self, kind, layer_index, inputs, output, layers=()):
        self.kind = kind  # "dot", "bias", "relu", "softmax" or "loss"
        self.layer_index = layer_index  # index in the stack; -1 for the loss
        self.inputs = inputs
        self.output = output
        self._layers = layers

    @property
    def label(self):
        """What a student reads, e.g. "Dense 1: inputs · weights"."""
        name = layer_name(self._layers, self.layer_index) if self.layer_index >= 0 else ""
        return STEP_LABELS.get(self.kind, "{name}").format(name=name)

    def __repr__(self):
        return f"TraceStep({self.label!r}, {self.output.shape})"


class Trace:
    """Every step of one forward pass, with the loss and accuracy when labels were given."""

    __slots__ = ("steps", "output", "sample_losses", "loss", "accuracy", "loss_note")

    def __init__(self, steps, output, sample_losses=None, loss=None, accuracy=None, loss_note=""):
        self.steps = steps
        self.output = output
        self.sample_losses = sample_losses
        self.loss = loss
        self.accuracy = accuracy
        self.loss_note = loss_note  # why there is no loss, in a sentence, when there is none


class BackwardTrace:
    """One backward pass: the loss and accuracy of the forward pass it started from, and one step
    per backward operation in the order the gradient flows (from the loss to the first layer)."""

    __slots__ = ("steps", "loss", "accuracy")

    def __init__(self, steps, loss, accuracy):
        self.steps = steps
        self.loss = loss
        self.accuracy = accuracy


def layer_name(layers, index):
    """ "Dense 2" for the second Dense, "ReLU 1" for the first ReLU: how the stack labels layers."""
    layer = layers[index]
    number = sum(1 for other in layers[: index + 1] if other.kind == layer.kind)
    return f"{layer.kind} {number}"


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

    def forward(self, X):
        return self.trace(X).output

    def trace(self, X, y=None):
        """Run the forward pass recording each operation; with labels ``y``, add the loss and
        accuracy (for a network that ends in Softmax, the classifier the loss is defined for)."""
        X = require_batch(X, "inputs")
        if not math.isfinite(X.sum()):  # one reduction on the common path; the full check names the cell
            require_finite(X, "inputs")
        if not self.layers:
            raise ValueError("the network has no layers: add a Dense layer to compute anything")
        layers = tuple(self.layers)
        steps = []
        values = as_numerics(X, self.dtype)
        for index, layer in enumerate(layers):
            if isinstance(layer, Dense):
                self._check_fits(index, values.shape[1])
                product = layer.dot(values)
                steps.append(TraceStep("dot", index, values, product, layers))
                values = layer.add_biases(product)
                steps.append(TraceStep("bias", index, product, values, layers))
            else:
                output = layer.forward(values)
                steps.append(TraceStep(layer.kind.lower(), index, values, output, layers))
                values = output
        if y is None or not isinstance(layers[-1], Softmax):
            if not np.isfinite(values).all():
                self._explain_non_finite(steps)
            if y is None:
                return Trace(tuple(steps), values, loss_note="No labels: give the batch class labels to get a loss.")
            check_labels(y, len(values), values.shape[1])
            note = "The last layer is not a Softmax: add one to turn outputs into probabilities and get a loss."
            return Trace(tuple(steps), values, loss_note=note)
        y = check_labels(y, len(values), values.shape[1])
        sample_losses = negative_log_likelihoods(values, y)
        loss = np.mean(sample_losses)
        # A non-finite value anywhere in a row spreads through that row's Softmax into its loss,
        # so one finite mean stands for a finite output.
        if not math.isfinite(loss):
            self._explain_non_finite(steps)
        steps.append(TraceStep("loss", -1, values, sample_losses, layers))
        return Trace(tuple(steps), values, sample_losses, loss, fraction_correct(values, y))

    def check_trainable(self, y):
        """Raise a ValueError saying why this stack cannot learn from labels ``y``, if it cannot."""
        if y is None:
            raise ValueError("the batch has no class labels: training needs a class for every sample")
        if not self.layers or not isinstance(self.layers[-1], Softmax):
            raise ValueError("the last layer is not a Softmax: training needs probabilities to take a loss of")
        if not self.dense_layers:
            raise ValueError("the network has no Dense layer: there are no weights to train")

    def backward(self, X, y, combined=True):
        """Forward, then backward as chapter 9 runs them, leaving ``dweights`` and ``dbiases`` on
        every Dense. The stack must end in Softmax; with ``combined`` (as training runs) its
        gradient and the loss's are taken together, else each by its own rule (the book's long way).
        Returns the BackwardTrace."""
        self.check_trainable(y)
        values = as_numerics(require_batch(X, "inputs"), self.dtype)
        for index, layer in enumerate(self.layers):
            if isinstance(layer, Dense):
                self._check_fits(index, values.shape[1])
            values = layer.forward(values)
        y = check_labels(y, len(values), values.shape[1])
        sample_losses = negative_log_likelihoods(values, y)
        loss, accuracy = np.mean(sample_losses), fraction_correct(values, y)
        layers = tuple(self.layers)
        last = len(layers) - 1
        if combined:
            dvalues = SoftmaxCrossEntropy().backward(values, y)
            steps = [TraceStep("softmax_loss_backward", last, values, dvalues, layers)]
        else:
            dvalues = CategoricalCrossEntropy().backward(values, y)
            steps = [TraceStep("loss_backward", -1, values, dvalues, layers)]
            gradient = layers[last].backward(dvalues)
            steps.append(TraceStep("softmax_backward", last, dvalues, gradient, layers))
            dvalues = gradient
        for index in range(last - 1, -1, -1):
            layer = layers[index]
            if isinstance(layer, Dense):
                layer.backward(dvalues)
                steps.append(TraceStep("dweights", index, dvalues, layer.dweights, layers))
                steps.append(TraceStep("dbiases", index, dvalues, layer.dbiases, layers))
                steps.append(TraceStep("dinputs", index, dvalues, layer.dinputs, layers))
            else:
                layer.backward(dvalues)
                steps.append(TraceStep(f"{layer.kind.lower()}_backward", index, dvalues, layer.dinputs, layers))
            dvalues = layer.dinputs
        return BackwardTrace(tuple(steps), loss, accuracy)

    def train_epoch(self, X, y, optimizer):
        """One epoch of the book's training loop: forward, backward, then the optimizer updates
        every Dense in stack order. Returns the loss and accuracy of the forward pass before the
        update, as the book prints them. Random search (chapter 6) runs its own try-and-keep."""
        if not optimizer.uses_gradients:
            self.check_trainable(y)
            return optimizer.try_epoch(self, X, y)
        trace = self.backward(X, y)
        optimizer.pre_update_params()
        for layer in self.dense_layers:
            optimizer.update_params(layer)
        optimizer.post_update_params()
        return trace.loss, trace.accuracy

    def _check_fits(self, index, width):
        """Raise, naming the layer, if the Dense at ``index`` cannot take ``width`` inputs."""
        layer = self.layers[index]
        layer.check()
        if layer.n_inputs != width:
            before = "the batch" if index == 0 else layer_name(self.layers, index - 1)
            raise ValueError(
                f"{layer_name(self.layers, index)} expects {layer.n_inputs} inputs but {before} gives {width}"
            )

    def _explain_non_finite(self, steps):
        """Raise a ValueError naming a non-finite parameter, or else the first step that overflowed."""
        for index, layer in enumerate(self.layers):
            if isinstance(layer, Dense):  # a value written into the arrays in place
                name = layer_name(self.layers, index)
                require_finite(layer.weights, f"{name} weights")
                require_finite(layer.biases, f"{name} biases")
        step = next(step for step in steps if not np.isfinite(step.output).all())
        dtype = step.output.dtype
        raise ValueError(
            f"the output holds non-finite values: at “{step.label}” a value passed the largest {dtype}"
            f" ({np.finfo(dtype).max:.3g}), so the computation overflowed {dtype}; make the weights or inputs smaller"
        )

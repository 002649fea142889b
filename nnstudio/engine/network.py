"""An ordered stack of layers, its shape checks, and the traced forward pass."""

import math

import numpy as np

from .checks import require_batch, require_finite, require_representable
from .layers import Dense
from .loss import check_labels, regularization_loss
from .numerics import as_numerics, random_weights
from .objectives import objective_for, output_width, why_no_objective
from .step_kind import FORWARD


class TraceStep:
    """One operation of a pass through the network: what kind it is, what went in, what came out.

    A plain slotted class: cheap to make (a trace makes several per pass) and, like any object,
    equal only to itself (comparing the arrays inside would be ambiguous)."""

    __slots__ = ("kind", "layer_index", "inputs", "output", "_layers", "optimizer")

    def __init__(self, kind, layer_index, inputs, output, layers=(), optimizer=None):
        self.kind = kind  # a StepKind (forward_steps.DOT, …): its label, rows, columns, explanation
        self.layer_index = layer_index  # index in the stack; -1 for the loss
        self.inputs = inputs
        self.output = output
        self._layers = layers
        self.optimizer = optimizer  # for an update step, the optimizer as it updated; else None

    @property
    def layer(self):
        """The layer that computed this step (None for the loss)."""
        return self._layers[self.layer_index] if self.layer_index >= 0 else None

    @property
    def layer_name(self):
        """How the stack names the step's layer ("Dense 1"); empty for the loss."""
        return layer_name(self._layers, self.layer_index) if self.layer_index >= 0 else ""

    @property
    def label(self):
        """What a student reads, e.g. "Dense 1: inputs · weights"."""
        return self.kind.label(self.layer_name)

    def __repr__(self):
        return f"TraceStep({self.label!r}, {self.output.shape})"


class Trace:
    """Every step of one forward pass, with the loss and accuracy when labels were given."""

    __slots__ = ("steps", "output", "sample_losses", "loss", "accuracy", "loss_note", "regularization_loss",
                 "objective")

    def __init__(self, steps, output, sample_losses=None, loss=None, accuracy=None, loss_note="",
                 regularization_loss=0, objective=None):
        self.steps = steps
        self.output = output
        self.sample_losses = sample_losses
        self.loss = loss  # the data loss: the mean of the samples' losses
        self.accuracy = accuracy
        self.loss_note = loss_note  # why there is no loss, in a sentence, when there is none
        self.regularization_loss = regularization_loss  # the Dense layers' L1 and L2 penalties (chapter 14)
        self.objective = objective  # how the loss scores the output (``objectives``), None without a loss

    @property
    def total_loss(self):
        """The book's ``loss = data_loss + regularization_loss`` (the data loss alone without penalties)."""
        return self.loss + self.regularization_loss

    @property
    def output_step(self):
        """The step whose result is the network's output: the last layer's last forward step."""
        return next(step for step in reversed(self.steps) if step.layer_index >= 0 and step.kind.direction is FORWARD)

    @property
    def forward_end(self):
        """Index of the forward pass's last step (the loss, when there is one)."""
        return max(i for i, step in enumerate(self.steps) if step.kind.direction is FORWARD)

    def layer_output(self, layer_index):
        """What the layer at ``layer_index`` gives: the result of its last step (a Dense's bias step)."""
        return next(step.output for step in reversed(self.steps) if step.layer_index == layer_index)

    def step_of(self, kind_name, layer_index):
        """The step of kind ``kind_name`` ("dweights") computed by the layer at ``layer_index``, or None."""
        return next((step for step in self.steps if step.kind.name == kind_name and step.layer_index == layer_index),
                    None)

    def explain(self, step_index, row, column, labels=None):
        """How cell (``row``, ``column``) of ``steps[step_index]`` was computed, as an Explanation
        with the actual numbers; ``labels`` are the batch's class labels (the loss needs them)."""
        step = self.steps[step_index]
        return step.kind.explain(self, step, row, column, labels)


class BackwardTrace:
    """One backward pass: the loss and accuracy of the forward pass it started from, and one step
    per backward operation in the order the gradient flows (from the loss to the first layer)."""

    __slots__ = ("steps", "loss", "accuracy", "sample_losses", "correct")

    def __init__(self, steps, loss, accuracy, sample_losses=None, correct=None):
        self.steps = steps
        self.loss = loss
        self.accuracy = accuracy
        self.sample_losses = sample_losses  # each sample's loss, whose mean ``loss`` is
        self.correct = correct  # for each sample, whether its predicted class is its class


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

    def copy(self):
        """A network of copies of the layers (their arrays, caches and random streams)."""
        return Network(layer.copy() for layer in self.layers)

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

    @property
    def drops_out(self):
        """Whether a layer computes otherwise in training (a Dropout)."""
        return any(layer.training_steps != layer.steps for layer in self.layers)

    def trace(self, X, y=None, training=False):
        """Run the forward pass recording each operation; with labels ``y``, add the loss and
        accuracy (for a network that ends in Softmax, the classifier the loss is defined for).
        With ``training``, each layer computes as in a training epoch: a Dropout draws its mask,
        moving its random stream on (trace copies to keep the layers as they were)."""
        X = require_batch(X, "inputs")
        if not math.isfinite(X.sum()):  # one reduction on the common path; the full check names the cell
            require_finite(X, "inputs")
        if not self.layers:
            raise ValueError("the network has no layers: add a Dense layer to compute anything")
        layers = tuple(self.layers)
        steps = []
        values = require_representable(X, self.dtype)
        for index, layer in enumerate(layers):
            if isinstance(layer, Dense):
                self._check_fits(index, values.shape[1])
            for kind in layer.training_steps if training else layer.steps:  # each by the layer's rule
                output = kind.compute(layer, values)
                steps.append(TraceStep(kind, index, values, output, layers))
                values = output
        objective = objective_for(layers, values.shape[1])
        if y is None or objective is None:
            if not np.isfinite(values).all():
                self._explain_non_finite(steps)
            if y is None:
                return Trace(tuple(steps), values, loss_note="No labels: give the batch class labels to get a loss.")
            check_labels(y, len(values), values.shape[1])
            why, remedy = why_no_objective(layers, values.shape[1])
            return Trace(tuple(steps), values, loss_note=f"{why[0].upper()}{why[1:]}: {remedy}.")
        targets = objective.targets(y, values)
        sample_losses = objective.sample_losses(values, targets)
        loss = np.mean(sample_losses)
        # A non-finite value anywhere in a row spreads through that row's Softmax into its loss,
        # so one finite mean stands for a finite output.
        if not math.isfinite(loss):
            self._explain_non_finite(steps)
        steps.append(TraceStep(objective.loss_step, -1, values, sample_losses, layers))
        return Trace(tuple(steps), values, sample_losses, loss, np.mean(objective.correct(values, targets)),
                     regularization_loss=self.regularization_loss(), objective=objective)

    def regularization_loss(self):
        """The penalties of every Dense in stack order, added as the book adds them (chapter 14)."""
        total = 0
        for layer in self.layers:
            if isinstance(layer, Dense):
                total = total + regularization_loss(layer)
        return total

    def check_trainable(self, y):
        """The objective this stack learns by from labels ``y`` (``objectives``); a ValueError
        saying why it cannot learn, if it cannot."""
        if y is None:
            raise ValueError("the batch has no class labels: training needs a class for every sample")
        width = output_width(self.layers)
        objective = objective_for(self.layers, width)
        if objective is None:
            why, _ = why_no_objective(self.layers, width)
            raise ValueError(f"{why}: training needs probabilities to take a loss of")
        if not self.dense_layers:
            raise ValueError("the network has no Dense layer: there are no weights to train")
        return objective

    def backward(self, X, y, combined=True, record=True):
        """Forward, then backward as chapter 9 runs them, leaving ``dweights`` and ``dbiases`` on
        every Dense. The stack must end in Softmax, or in a single Sigmoid output (chapter 16);
        with ``combined`` (as training runs) a Softmax's gradient and the loss's are taken together,
        else each by its own rule (the book's long way). Returns the BackwardTrace; without
        ``record`` it holds no steps (a training epoch reads none: making them cost 3 % of it)."""
        objective = self.check_trainable(y)
        values = require_representable(require_batch(X, "inputs"), self.dtype)
        for index, layer in enumerate(self.layers):
            if isinstance(layer, Dense):
                self._check_fits(index, values.shape[1])
            values = layer.forward(values)
        targets = objective.targets(y, values)
        sample_losses = objective.sample_losses(values, targets)
        correct = objective.correct(values, targets)
        loss, accuracy = np.mean(sample_losses), np.mean(correct)
        layers = tuple(self.layers)
        kind, recorded_under, dvalues, before_loss = objective.backward(values, targets, len(layers) - 1, combined)
        steps = [TraceStep(kind, recorded_under, values, dvalues, layers)] if record else None
        for index in range(before_loss, -1, -1):
            layer = layers[index]
            layer.backward(dvalues)
            if record:
                steps.extend(TraceStep(kind, index, dvalues, kind.result(layer), layers)
                             for kind in layer.backward_steps)
            dvalues = layer.dinputs
        return BackwardTrace(tuple(steps or ()), loss, accuracy, sample_losses, correct)

    def train_epoch(self, X, y, optimizer, batch_size=None):
        """One epoch of the book's training loop: forward, backward, then the optimizer updates
        every Dense in stack order. Returns the loss and accuracy of the forward pass before the
        update, as the book prints them (the loss with the layers' penalties added, chapter 14).
        Random search (chapter 6) runs its own try-and-keep.

        With a ``batch_size`` smaller than the batch, the epoch is the book's chapter 19 loop: one
        step (forward, backward, update) per slice of ``batch_size`` rows in order, the last one
        shorter; the epoch's loss is the mean of every sample's loss as its step met it, plus the
        penalties of the weights the epoch ends with, and its accuracy the share of samples its
        step classified right."""
        if not optimizer.uses_gradients:
            self.check_trainable(y)
            return optimizer.try_epoch(self, X, y)
        if batch_size is None or batch_size >= len(X):
            trace = self.backward(X, y, record=False)
            loss = trace.loss + self.regularization_loss()  # the book's data_loss + regularization_loss
            self._update(optimizer)
            return loss, trace.accuracy
        loss_sum = correct = count = 0  # the book's Loss and Accuracy accumulators
        for start in range(0, len(X), batch_size):
            trace = self.backward(X[start : start + batch_size], y[start : start + batch_size], record=False)
            self._update(optimizer)
            loss_sum += np.sum(trace.sample_losses)
            correct += np.sum(trace.correct)
            count += len(trace.sample_losses)
        return loss_sum / count + self.regularization_loss(), correct / count

    def _update(self, optimizer):
        """The optimizer's update of every Dense, from the gradients the backward pass left."""
        optimizer.pre_update_params()
        for layer in self.dense_layers:
            optimizer.update_params(layer)
        optimizer.post_update_params()

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

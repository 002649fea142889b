"""What a stack's output is scored with against the labels: its loss, its accuracy, the loss's step
and its gradient. The last layer decides. A Softmax classifies among its outputs (categorical
cross-entropy, the notebook's chapter 5); a single Sigmoid output tells two classes apart, class 1
when it is above 0.5 (binary logistic regression with binary cross-entropy, the book's chapter 16).
"""

import numpy as np

from .backward_steps import BINARY_LOSS_BACKWARD, LOSS_BACKWARD, SOFTMAX_LOSS_BACKWARD, true_classes
from .forward_steps import BINARY_LOSS, LOSS
from .layers import Dense, Sigmoid, Softmax
from .loss import (
    BinaryCrossEntropy,
    CategoricalCrossEntropy,
    SoftmaxCrossEntropy,
    binary_losses,
    check_labels,
    negative_log_likelihoods,
)


class Categorical:
    """A Softmax's probabilities against class indices (or one-hot rows)."""

    loss_step = LOSS
    single_probability = False  # one column per class

    def targets(self, y, outputs):
        """The labels as the loss takes them, checked against the outputs."""
        return check_labels(y, len(outputs), outputs.shape[1])

    def sample_losses(self, outputs, targets):
        return negative_log_likelihoods(outputs, targets)

    def correct(self, outputs, targets):
        """For each sample, whether its largest output is at its class."""
        return np.argmax(outputs, axis=1) == true_classes(targets)

    def backward(self, outputs, targets, last, combined=True):
        """The loss's gradient as (its step's kind, the stack index the step is recorded under,
        dvalues, the index of the layer the gradient goes on to). With ``combined`` the Softmax's
        gradient is taken with the loss's (chapter 9's shortcut)."""
        if combined:
            return SOFTMAX_LOSS_BACKWARD, last, SoftmaxCrossEntropy().backward(outputs, targets), last - 1
        return LOSS_BACKWARD, -1, CategoricalCrossEntropy().backward(outputs, targets), last


class Binary:
    """One Sigmoid output, the probability of class 1, against labels 0 and 1."""

    loss_step = BINARY_LOSS
    single_probability = True  # one column: the probability of class 1

    def targets(self, y, outputs):
        """The book's ``y.reshape(-1, 1)``: a column of 0/1, as uint8 as the book's spiral labels
        (so the loss keeps the outputs' dtype)."""
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if y.ndim == 1 and y.dtype.kind in "iu" and y.size and (y.max() > 1 or y.min() < 0):
            i = int(np.argmax((y > 1) | (y < 0)))
            raise ValueError(f"label {y[i]} of sample {i} is not 0 or 1: a single Sigmoid output tells two classes"
                             " apart; end in a Softmax with one output per class for more")
        return check_labels(y, len(outputs), 2).reshape(-1, 1).astype(np.uint8)

    def sample_losses(self, outputs, targets):
        return binary_losses(outputs, targets)

    def correct(self, outputs, targets):
        """For each sample, whether the output is on its class's side of 0.5 (the book's
        ``(output > 0.5) * 1 == y``)."""
        return ((outputs > 0.5) * 1 == targets)[:, 0]

    def backward(self, outputs, targets, last, combined=True):
        """As ``Categorical.backward``; the Sigmoid's gradient always follows by its own rule."""
        return BINARY_LOSS_BACKWARD, -1, BinaryCrossEntropy().backward(outputs, targets), last


CATEGORICAL = Categorical()
BINARY = Binary()


def output_width(layers, inputs=None):
    """How many outputs the stack gives: its last Dense's neurons (``inputs`` without a Dense)."""
    dense = [layer for layer in layers if isinstance(layer, Dense)]
    return dense[-1].n_neurons if dense else inputs


def classes_told_apart(layers):
    """How many classes the stack's output tells apart: one per output, two for a single Sigmoid
    output (class 0 or 1); None without a Dense."""
    width = output_width(layers)
    if width is None:
        return None
    return 2 if objective_for(layers, width) is BINARY else width


def objective_for(layers, width):
    """The objective of a stack of ``width`` outputs, or None when its output is not probabilities
    a loss is defined for."""
    last = layers[-1] if layers else None
    if isinstance(last, Softmax):
        return CATEGORICAL
    if isinstance(last, Sigmoid) and width == 1:
        return BINARY
    return None


def why_no_objective(layers, width):
    """Why a stack of ``width`` outputs has no loss, and what gives it one: two clauses, without a
    capital or a stop."""
    if layers and isinstance(layers[-1], Sigmoid):
        return (f"the last layer is a Sigmoid of {width} outputs, and binary cross-entropy (chapter 16) scores a"
                " single one", "give the last Dense 1 neuron to tell two classes apart, or end in a Softmax")
    return "the last layer is not a Softmax", "add one to turn outputs into probabilities and get a loss"


def predicted_classes(outputs):
    """Each row's predicted class: the largest output's column; for a single output (a Sigmoid's
    probability of class 1), 1 above 0.5 and 0 otherwise."""
    outputs = np.asarray(outputs)
    if outputs.shape[-1] == 1:
        return (outputs[..., 0] > 0.5).astype(np.intp)
    return np.argmax(outputs, axis=-1)

"""Categorical and binary cross-entropy and accuracy, as the book computes them."""

import numpy as np

from .checks import require_batch, require_finite
from .layers import Softmax


def check_labels(y_true, n_samples, n_classes):
    """``y_true`` as class indices (1-D) or one-hot rows (2-D) that fit the predictions."""
    y_true = np.asarray(y_true)
    if y_true.ndim not in (1, 2):
        raise ValueError(f"labels must be class indices (1-D) or one-hot rows (2-D), got shape {y_true.shape}")
    if len(y_true) != n_samples:
        raise ValueError(f"labels have {len(y_true)} entries but the batch has {n_samples} samples")
    if y_true.ndim == 1:
        if y_true.dtype.kind not in "iu":
            raise ValueError(f"class labels must be integers, got dtype {y_true.dtype}")
        # max and min first: one reduction each on the common path, the search only on failure
        if y_true.size and (y_true.max() >= n_classes or (y_true.dtype.kind == "i" and y_true.min() < 0)):
            i = int(np.argmax((y_true >= n_classes) | (y_true < 0)))
            raise ValueError(
                f"label {y_true[i]} of sample {i} is outside the {n_classes} classes the output gives"
                f" (0…{n_classes - 1})"
            )
    elif y_true.shape[1] != n_classes:
        raise ValueError(f"one-hot labels have {y_true.shape[1]} columns but the output has {n_classes} classes")
    return y_true


def check_predictions(y_pred, y_true):
    """Finite predictions and labels that fit them, or a ValueError saying what does not fit."""
    y_pred = require_batch(y_pred, "predictions")
    require_finite(y_pred, "predictions")
    return y_pred, check_labels(y_true, len(y_pred), y_pred.shape[1])


def negative_log_likelihoods(y_pred, y_true):
    """The book's loss lines, on predictions and labels already checked."""
    samples = len(y_pred)
    y_pred_clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
    if y_true.ndim == 1:
        correct_confidences = y_pred_clipped[range(samples), y_true]
    else:
        correct_confidences = np.sum(y_pred_clipped * y_true, axis=1)
    return -np.log(correct_confidences)


def binary_losses(y_pred, y_true):
    """The book's binary cross-entropy lines (chapter 16), on predictions and 0/1 targets already
    checked: each output's loss, averaged over a sample's outputs."""
    y_pred_clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
    sample_losses = -(y_true * np.log(y_pred_clipped) + (1 - y_true) * np.log(1 - y_pred_clipped))
    return np.mean(sample_losses, axis=-1)


def fraction_correct(y_pred, y_true):
    """The accuracy line, on predictions and labels already checked."""
    if y_true.ndim == 2:
        y_true = np.argmax(y_true, axis=1)
    return np.mean(np.argmax(y_pred, axis=1) == y_true)


def regularization_loss(layer):
    """The book's ``Loss.regularization_loss`` (chapter 14): L1 and L2 penalties of one Dense's
    weights and biases, 0 when it has none."""
    regularization_loss = 0
    if layer.weight_regularizer_l1 > 0:
        regularization_loss += layer.weight_regularizer_l1 * np.sum(np.abs(layer.weights))
    if layer.weight_regularizer_l2 > 0:
        regularization_loss += layer.weight_regularizer_l2 * np.sum(layer.weights * layer.weights)
    if layer.bias_regularizer_l1 > 0:
        regularization_loss += layer.bias_regularizer_l1 * np.sum(np.abs(layer.biases))
    if layer.bias_regularizer_l2 > 0:
        regularization_loss += layer.bias_regularizer_l2 * np.sum(layer.biases * layer.biases)
    return regularization_loss


class CategoricalCrossEntropy:
    """``−log`` of the probability given to the true class, predictions clipped to
    [1e-7, 1 − 1e-7] so that a probability of 0 gives a large but finite loss."""

    def forward(self, y_pred, y_true):
        return negative_log_likelihoods(*check_predictions(y_pred, y_true))

    def calculate(self, y_pred, y_true):
        sample_losses = self.forward(y_pred, y_true)
        return np.mean(sample_losses)

    def backward(self, dvalues, y_true):
        """The gradient of the mean loss on each prediction: ``−y_true / prediction``, divided by the
        number of samples (labels as one-hot rows, in the predictions' dtype)."""
        samples = len(dvalues)
        labels = len(dvalues[0])
        if len(y_true.shape) == 1:
            y_true = np.eye(labels, dtype=dvalues.dtype)[y_true]
        self.dinputs = -y_true / dvalues
        self.dinputs = self.dinputs / samples
        return self.dinputs


class BinaryCrossEntropy:
    """Each Sigmoid output a probability that the sample is of class 1 (chapter 16):
    ``−(y·log ŷ + (1 − y)·log(1 − ŷ))``, clipped as the categorical loss is. Targets are 0/1 in a
    column per output (the book's ``y.reshape(-1, 1)``)."""

    def forward(self, y_pred, y_true):
        return binary_losses(y_pred, y_true)

    def calculate(self, y_pred, y_true):
        return np.mean(self.forward(y_pred, y_true))

    def backward(self, dvalues, y_true):
        """The book's gradient: ``−(y / ŷ − (1 − y) / (1 − ŷ)) / outputs / samples``."""
        samples = len(dvalues)
        outputs = len(dvalues[0])
        clipped_dvalues = np.clip(dvalues, 1e-7, 1 - 1e-7)
        self.dinputs = -(y_true / clipped_dvalues - (1 - y_true) / (1 - clipped_dvalues)) / outputs
        self.dinputs = self.dinputs / samples
        return self.dinputs


class SoftmaxCrossEntropy:
    """Softmax followed by categorical cross-entropy, whose gradient on the Softmax's inputs is
    simply ``(probabilities − one_hot) / samples`` (the book's chapter 9 shortcut)."""

    def __init__(self):
        self.activation = Softmax()
        self.loss = CategoricalCrossEntropy()

    def forward(self, inputs, y_true):
        self.activation.forward(inputs)
        self.output = self.activation.output
        return self.loss.calculate(self.output, y_true)

    def backward(self, dvalues, y_true):
        samples = len(dvalues)
        if len(y_true.shape) == 2:
            y_true = np.argmax(y_true, axis=1)
        self.dinputs = dvalues.copy()
        self.dinputs[range(samples), y_true] -= 1
        self.dinputs = self.dinputs / samples
        return self.dinputs


def accuracy(y_pred, y_true):
    """Fraction of rows whose largest output is at the true class."""
    return fraction_correct(*check_predictions(y_pred, y_true))

"""The book's layers: Dense and its activations (ReLU and Softmax; Sigmoid and Linear of its later
chapters; Tanh and Leaky ReLU as TensorFlow Playground offers them), each with ``forward(inputs)``
storing ``inputs`` and ``output``, and ``backward(dvalues)`` storing the gradients (chapter 9),
rule beside rule.

Each layer also names the kinds of step it computes in (``steps``, ``backward_steps``) and keeps
its forward rule in methods that store nothing (``dot`` and ``add_biases``, ``activate``): the
traced forward pass uses those, so tracing a network leaves its layers as they were.
"""

import numpy as np

from .backward_steps import (
    DBIASES,
    DINPUTS,
    DROPOUT_BACKWARD,
    DWEIGHTS,
    LEAKY_RELU_BACKWARD,
    LINEAR_BACKWARD,
    RELU_BACKWARD,
    SIGMOID_BACKWARD,
    SOFTMAX_BACKWARD,
    TANH_BACKWARD,
)
from .checks import require_finite, require_matrix
from .forward_steps import BIAS, DOT, DROPOUT, DROPOUT_OFF, LEAKY_RELU, LINEAR, RELU, SIGMOID, SOFTMAX, TANH
from .numerics import FLOAT64, dot, dot_each, outer_each, random_weights

# What the book's optimizers keep on a Dense between epochs (chapter 10).
OPTIMIZER_CACHES = ("weight_momentums", "bias_momentums", "weight_cache", "bias_cache")
JACOBIAN_VALUES = 1_000_000  # a Softmax's backward pass stacks the Jacobians of this many values at a time


class Dense:
    """A fully connected layer: ``output = inputs · weights + biases``.

    ``weights`` is laid out as the book lays it, one row per input and one column per neuron,
    so no transpose is needed in ``forward``.
    """

    kind = "Dense"
    description = "inputs · weights + biases, one output column per neuron"
    steps = training_steps = (DOT, BIAS)
    backward_steps = (DWEIGHTS, DBIASES, DINPUTS)
    # The book's chapter 14: how strongly large weights and biases are penalised (0: not at all).
    weight_regularizer_l1 = weight_regularizer_l2 = bias_regularizer_l1 = bias_regularizer_l2 = 0.0
    _weights = _biases = None  # until set: the setters compare with what the layer holds

    def __init__(self, n_inputs, n_neurons, scale=0.01, rng=np.random, dtype=FLOAT64, weight_regularizer_l1=0.0,
                 weight_regularizer_l2=0.0, bias_regularizer_l1=0.0, bias_regularizer_l2=0.0):
        if n_inputs < 1 or n_neurons < 1:
            raise ValueError(f"Dense needs at least 1 input and 1 neuron, got {n_inputs}→{n_neurons}")
        self.weights = random_weights(rng, n_inputs, n_neurons, scale, dtype)
        self.biases = np.zeros((1, n_neurons), dtype=dtype)
        self.set_regularizers(weight_regularizer_l1, weight_regularizer_l2, bias_regularizer_l1, bias_regularizer_l2)

    @property
    def regularizers(self):
        """(weight L1, weight L2, bias L1, bias L2), as the book names them on its Layer_Dense."""
        return (self.weight_regularizer_l1, self.weight_regularizer_l2, self.bias_regularizer_l1,
                self.bias_regularizer_l2)

    def set_regularizers(self, weight_l1, weight_l2, bias_l1, bias_l2):
        values = (weight_l1, weight_l2, bias_l1, bias_l2)
        if any(not value >= 0 for value in values):  # also refuses NaN
            raise ValueError(f"regularization strengths must be 0 or more, got {values}")
        if values != self.regularizers:  # a layer without any keeps the class's zeros
            (self.weight_regularizer_l1, self.weight_regularizer_l2, self.bias_regularizer_l1,
             self.bias_regularizer_l2) = values

    @property
    def weights(self):
        return self._weights

    # A new array is checked as it comes in. An optimizer's ``layer.weights += …`` sets the very
    # array the layer holds, updated in place: that is not checked again (it cost a tenth of a
    # training epoch); an overflow there shows in the next epoch's loss, which the loop checks.
    @weights.setter
    def weights(self, value):
        if value is self._weights:
            return
        value = require_matrix(value, "Dense weights")
        require_finite(value, "Dense weights")
        self._weights = value

    @property
    def biases(self):
        return self._biases

    @biases.setter
    def biases(self, value):
        if value is self._biases:  # updated in place (see weights)
            return
        value = require_matrix(value, "Dense biases")
        if value.shape[0] != 1:
            raise ValueError(f"Dense biases must be one row (1 × n_neurons), got shape {value.shape}")
        require_finite(value, "Dense biases")
        self._biases = value

    @property
    def n_inputs(self):
        return self._weights.shape[0]

    def output_width(self, width):
        """Values per sample leaving the layer when ``width`` come in."""
        return self.n_neurons

    @property
    def n_neurons(self):
        return self._weights.shape[1]

    def check(self):
        """Raise if ``biases`` does not give one bias per neuron."""
        if self._biases.shape[1] != self.n_neurons:
            raise ValueError(
                f"Dense {self.n_inputs}→{self.n_neurons} has {self._biases.shape[1]} biases;"
                f" it needs one per neuron ({self.n_neurons})"
            )

    def copy(self):
        """An independent Dense with copies of the same arrays, the optimizer's caches included
        (the book keeps them on the layer: ``weight_momentums``, ``weight_cache``, …)."""
        twin = Dense.__new__(Dense)
        twin.weights = self._weights.copy()
        twin.biases = self._biases.copy()
        twin.set_regularizers(*self.regularizers)
        for name in OPTIMIZER_CACHES:
            if name in self.__dict__:
                setattr(twin, name, self.__dict__[name].copy())
        return twin

    def dot(self, inputs):
        """The first half of ``forward``: ``inputs · weights``."""
        inputs = np.asarray(inputs)
        if inputs.ndim != 2:
            raise ValueError(
                f"Dense {self.n_inputs}→{self.n_neurons} expects a batch of shape (samples, {self.n_inputs}),"
                f" got shape {inputs.shape}"
            )
        if inputs.shape[1] != self.n_inputs:
            raise ValueError(
                f"Dense {self.n_inputs}→{self.n_neurons} expects {self.n_inputs} inputs per sample,"
                f" got {inputs.shape[1]}"
            )
        return dot(inputs, self._weights, self._weights.dtype)

    def add_biases(self, product):
        """The second half of ``forward``: ``+ biases``, added to every row."""
        return product + self._biases

    def forward(self, inputs):
        self.inputs = inputs
        self.output = self.add_biases(self.dot(inputs))
        return self.output

    def backward(self, dvalues):
        """Gradients on the weights, the biases and the inputs, from ``dvalues`` (the gradient on
        this layer's output): ``inputsᵀ · dvalues``, ``Σ dvalues`` over samples, ``dvalues · weightsᵀ``."""
        self.dweights = dot(self.inputs.T, dvalues, self._weights.dtype)
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        # Chapter 14: the penalties' gradients, in the book's order and arithmetic
        if self.weight_regularizer_l1 > 0:
            dL1 = np.ones_like(self._weights)
            dL1[self._weights < 0] = -1
            self.dweights += self.weight_regularizer_l1 * dL1
        if self.weight_regularizer_l2 > 0:
            self.dweights += 2 * self.weight_regularizer_l2 * self._weights
        if self.bias_regularizer_l1 > 0:
            dL1 = np.ones_like(self._biases)
            dL1[self._biases < 0] = -1
            self.dbiases += self.bias_regularizer_l1 * dL1
        if self.bias_regularizer_l2 > 0:
            self.dbiases += 2 * self.bias_regularizer_l2 * self._biases
        self.dinputs = dot(dvalues, self._weights.T, self._weights.dtype)
        return self.dinputs

    def __repr__(self):
        return f"Dense({self.n_inputs}, {self.n_neurons})"


class Activation:
    """What every activation shares: ``forward`` stores its inputs and output, computed by the
    kind's own rule ``activate`` (which stores nothing, for the traced forward pass)."""

    description = ""  # what the layer does, in a line, for the layer list

    @property
    def training_steps(self):
        """The kinds of step the layer computes in while training: the same as at other times."""
        return self.steps

    @staticmethod
    def output_width(width):
        return width

    def forward(self, inputs):
        self.inputs = inputs
        self.output = self.activate(inputs)
        return self.output

    def copy(self):
        return type(self)()

    def __repr__(self):
        return f"{type(self).__name__}()"


class ReLU(Activation):
    """``max(0, x)`` for every value."""

    kind = "ReLU"
    description = "max(0, x) for every value; the shape does not change"
    steps = (RELU,)
    backward_steps = (RELU_BACKWARD,)

    @staticmethod
    def activate(inputs):
        """``forward``'s rule, storing nothing."""
        return np.maximum(0, inputs)

    def backward(self, dvalues):
        """The gradient passes where the input was positive and is 0 elsewhere."""
        self.dinputs = dvalues.copy()
        self.dinputs[self.inputs <= 0] = 0
        return self.dinputs


class LeakyReLU(Activation):
    """``x`` where positive, ``0.01 · x`` elsewhere: a ReLU whose negative side still lets a little
    gradient through (TensorFlow Playground offers it)."""

    kind = "Leaky ReLU"
    description = "x where positive, 0.01 · x elsewhere; the shape does not change"
    steps = (LEAKY_RELU,)
    backward_steps = (LEAKY_RELU_BACKWARD,)
    SLOPE = 0.01

    @staticmethod
    def activate(inputs):
        return np.where(inputs > 0, inputs, inputs * LeakyReLU.SLOPE)

    def backward(self, dvalues):
        """The gradient passes where the input was positive, times 0.01 elsewhere."""
        self.dinputs = np.where(self.inputs > 0, dvalues, dvalues * self.SLOPE)
        return self.dinputs


class Sigmoid(Activation):
    """``1 / (1 + e^−x)`` for every value (the book's chapter 16)."""

    kind = "Sigmoid"
    description = "1 / (1 + e^−x) for every value, between 0 and 1; the shape does not change"
    steps = (SIGMOID,)
    backward_steps = (SIGMOID_BACKWARD,)

    @staticmethod
    def activate(inputs):
        return 1 / (1 + np.exp(-inputs))

    def backward(self, dvalues):
        """The book's line: ``dvalues · (1 − output) · output``."""
        self.dinputs = dvalues * (1 - self.output) * self.output
        return self.dinputs


class Tanh(Activation):
    """``tanh(x)`` for every value."""

    kind = "Tanh"
    description = "tanh(x) for every value, between −1 and 1; the shape does not change"
    steps = (TANH,)
    backward_steps = (TANH_BACKWARD,)

    @staticmethod
    def activate(inputs):
        return np.tanh(inputs)

    def backward(self, dvalues):
        """``dvalues · (1 − output²)``."""
        self.dinputs = dvalues * (1 - self.output**2)
        return self.dinputs


class Linear(Activation):
    """``x`` unchanged (the book's chapter 17): a layer that passes its inputs on."""

    kind = "Linear"
    description = "x unchanged: the values pass on as they are"
    steps = (LINEAR,)
    backward_steps = (LINEAR_BACKWARD,)

    @staticmethod
    def activate(inputs):
        return inputs.copy()

    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        return self.dinputs


class Softmax(Activation):
    """Exponentiate and normalise each row; the row maximum is subtracted first so large
    inputs cannot overflow (the notebook's "prevent overflow" line)."""

    kind = "Softmax"
    description = "each row exponentiated and divided by its sum: one probability per class"
    steps = (SOFTMAX,)
    backward_steps = (SOFTMAX_BACKWARD,)

    @staticmethod
    def activate(inputs):
        """``forward``'s rule, storing nothing."""
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        return exp_values / np.sum(exp_values, axis=1, keepdims=True)

    def backward(self, dvalues):
        """Each sample's gradient through its Jacobian ``diag(s) − s·sᵀ`` (the book's long way;
        training ends in ``SoftmaxCrossEntropy``, whose combined gradient is simpler and faster).

        The book loops over the samples; here the Jacobians of many samples are stacked and each
        multiplied by its sample's gradient as the book's loop multiplies it (``dot_each``), every
        number the same and 50 000 samples in 0.05 s, not 1.3."""
        self.dinputs = np.empty_like(dvalues)
        width = self.output.shape[1]
        chunk = max(1, JACOBIAN_VALUES // max(width * width, 1))
        for start in range(0, len(dvalues), chunk):
            single_outputs = self.output[start : start + chunk]
            # the book's np.diagflat(single_output) − np.dot(single_output, single_output.T): each
            # entry of the outer product is one product, which the dot computes exactly in float64
            jacobian_matrices = np.zeros((len(single_outputs), width, width), dtype=self.output.dtype)
            jacobian_matrices[:, np.arange(width), np.arange(width)] = single_outputs
            jacobian_matrices -= outer_each(single_outputs)
            self.dinputs[start : start + chunk] = dot_each(jacobian_matrices, dvalues[start : start + chunk])
        return self.dinputs


class Dropout:
    """The book's chapter 15: while training, each value is dropped to 0 with probability ``rate``
    and the others are divided by ``1 − rate``, by a mask drawn anew every epoch; outside training
    the values pass unchanged.

    The book draws the mask from numpy's global stream; here each Dropout has its own,
    ``RandomState(seed)``, kept as its state (``stream``) so that copies draw the same masks and a
    layer held by an undo step never changes."""

    kind = "Dropout"
    description = "in training, drops each value with probability rate (the rest × 1/(1 − rate)); else unchanged"
    steps = (DROPOUT_OFF,)
    training_steps = (DROPOUT,)
    backward_steps = (DROPOUT_BACKWARD,)

    def __init__(self, rate=0.1, seed=0):
        if not 0 <= rate < 1:  # also refuses NaN
            raise ValueError(f"a Dropout rate is a share of values to drop, from 0 up to (not including) 1; got {rate}")
        self.rate = rate
        self.seed = seed
        self.stream = np.random.RandomState(seed).get_state()

    @staticmethod
    def output_width(width):
        return width

    @property
    def drawn_nothing(self):
        """Whether the stream still stands where its seed starts it."""
        return same_stream(self.stream, np.random.RandomState(self.seed).get_state())

    def copy(self):
        twin = Dropout.__new__(Dropout)
        twin.rate, twin.seed, twin.stream = self.rate, self.seed, self.stream
        return twin

    @staticmethod
    def activate(inputs):
        """Outside training: the values unchanged."""
        return inputs.copy()

    def forward(self, inputs):
        """Training: the book's ``inputs * binomial(1, 1 − rate) / (1 − rate)``, the mask drawn from
        this layer's stream (which moves on, so the next epoch draws another)."""
        rng = np.random.RandomState()
        rng.set_state(self.stream)
        keep = 1 - self.rate
        self.inputs = inputs
        self.binary_mask = rng.binomial(1, keep, size=inputs.shape) / keep
        self.output = inputs * self.binary_mask
        self.stream = rng.get_state()
        return self.output

    def backward(self, dvalues):
        """The gradient passes where the value was kept (scaled the same way) and is 0 where it was dropped."""
        self.dinputs = dvalues * self.binary_mask
        return self.dinputs

    def __repr__(self):
        return f"Dropout({self.rate})"


def same_stream(one, other):
    """Whether two states of a RandomState (``get_state()``) are the same."""
    return all(np.array_equal(a, b) for a, b in zip(one, other, strict=True))


# Every activation a stack may hold, by the name the stack, the menus and project files use.
ACTIVATIONS = {layer.kind: layer for layer in (ReLU, LeakyReLU, Sigmoid, Tanh, Linear, Softmax)}
# Every layer without weights, made with its defaults: the activations and Dropout.
WEIGHTLESS_LAYERS = {**ACTIVATIONS, Dropout.kind: Dropout}

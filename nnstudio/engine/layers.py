"""The book's layers: Dense, ReLU and Softmax, each with ``forward(inputs)`` storing ``output``."""

import numpy as np

from .checks import require_finite, require_matrix
from .numerics import FLOAT64, dot, random_weights


class Dense:
    """A fully connected layer: ``output = inputs · weights + biases``.

    ``weights`` is laid out as the book lays it, one row per input and one column per neuron,
    so no transpose is needed in ``forward``.
    """

    kind = "Dense"

    def __init__(self, n_inputs, n_neurons, scale=0.01, rng=np.random, dtype=FLOAT64):
        if n_inputs < 1 or n_neurons < 1:
            raise ValueError(f"Dense needs at least 1 input and 1 neuron, got {n_inputs}→{n_neurons}")
        self.weights = random_weights(rng, n_inputs, n_neurons, scale, dtype)
        self.biases = np.zeros((1, n_neurons), dtype=dtype)

    @property
    def weights(self):
        return self._weights

    @weights.setter
    def weights(self, value):
        value = require_matrix(value, "Dense weights")
        require_finite(value, "Dense weights")
        self._weights = value

    @property
    def biases(self):
        return self._biases

    @biases.setter
    def biases(self, value):
        value = require_matrix(value, "Dense biases")
        if value.shape[0] != 1:
            raise ValueError(f"Dense biases must be one row (1 × n_neurons), got shape {value.shape}")
        require_finite(value, "Dense biases")
        self._biases = value

    @property
    def n_inputs(self):
        return self._weights.shape[0]

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
        """An independent Dense with copies of the same arrays."""
        twin = Dense.__new__(Dense)
        twin.weights = self._weights.copy()
        twin.biases = self._biases.copy()
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
        return dot(inputs, self._weights)

    def add_biases(self, product):
        """The second half of ``forward``: ``+ biases``, added to every row."""
        return product + self._biases

    def forward(self, inputs):
        self.output = self.add_biases(self.dot(inputs))
        return self.output

    def __repr__(self):
        return f"Dense({self.n_inputs}, {self.n_neurons})"


class ReLU:
    """``max(0, x)`` for every value."""

    kind = "ReLU"

    def forward(self, inputs):
        self.output = np.maximum(0, inputs)
        return self.output

    def copy(self):
        return ReLU()

    def __repr__(self):
        return "ReLU()"


class Softmax:
    """Exponentiate and normalise each row; the row maximum is subtracted first so large
    inputs cannot overflow (the notebook's "prevent overflow" line)."""

    kind = "Softmax"

    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        return self.output

    def copy(self):
        return Softmax()

    def __repr__(self):
        return "Softmax()"

"""The book's optimizers (chapter 10) and its random search (chapter 6).

Each gradient optimizer reads ``dweights`` and ``dbiases`` from a Dense after ``backward`` and
changes its ``weights`` and ``biases`` in place, as the book's do; what it remembers between
epochs (momentums, caches) it keeps on the layer, under the book's names. Arithmetic is written
in the book's order so that, in its float32 numerics, every value is bit-identical to its code.
"""

import numpy as np

from .numerics import random_weights


class Optimizer:
    """What every optimizer of chapter 10 shares: a learning rate that decays with the epochs."""

    uses_gradients = True

    def __init__(self, learning_rate, decay):
        self.learning_rate = learning_rate
        self.current_learning_rate = learning_rate
        self.decay = decay
        self.iterations = 0

    def pre_update_params(self):
        if self.decay:
            self.current_learning_rate = self.learning_rate * (1.0 / (1.0 + self.decay * self.iterations))

    def post_update_params(self):
        self.iterations += 1


class SGD(Optimizer):
    """``w −= lr · dw``; with momentum, the update keeps a share of the last one."""


    def __init__(self, learning_rate=1.0, decay=0.0, momentum=0.0):
        super().__init__(learning_rate, decay)
        self.momentum = momentum

    def update_params(self, layer):
        if self.momentum:
            if not hasattr(layer, "weight_momentums"):
                layer.weight_momentums = np.zeros_like(layer.weights)
                layer.bias_momentums = np.zeros_like(layer.biases)
            weight_updates = self.momentum * layer.weight_momentums - self.current_learning_rate * layer.dweights
            layer.weight_momentums = weight_updates
            bias_updates = self.momentum * layer.bias_momentums - self.current_learning_rate * layer.dbiases
            layer.bias_momentums = bias_updates
        else:
            weight_updates = -self.current_learning_rate * layer.dweights
            bias_updates = -self.current_learning_rate * layer.dbiases
        layer.weights += weight_updates
        layer.biases += bias_updates


class Adagrad(Optimizer):
    """Each parameter's step is divided by the root of the sum of its squared gradients so far."""


    def __init__(self, learning_rate=1.0, decay=0.0, epsilon=1e-7):
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_cache = np.zeros_like(layer.biases)
        layer.weight_cache += layer.dweights**2
        layer.bias_cache += layer.dbiases**2
        layer.weights += -self.current_learning_rate * layer.dweights / (np.sqrt(layer.weight_cache) + self.epsilon)
        layer.biases += -self.current_learning_rate * layer.dbiases / (np.sqrt(layer.bias_cache) + self.epsilon)


class RMSprop(Optimizer):
    """Like AdaGrad, with a moving average (``rho``) of the squared gradients instead of their sum."""


    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, rho=0.9):
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.rho = rho

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_cache = np.zeros_like(layer.biases)
        layer.weight_cache = self.rho * layer.weight_cache + (1 - self.rho) * layer.dweights**2
        layer.bias_cache = self.rho * layer.bias_cache + (1 - self.rho) * layer.dbiases**2
        layer.weights += -self.current_learning_rate * layer.dweights / (np.sqrt(layer.weight_cache) + self.epsilon)
        layer.biases += -self.current_learning_rate * layer.dbiases / (np.sqrt(layer.bias_cache) + self.epsilon)


class Adam(Optimizer):
    """RMSprop's cache plus SGD's momentum, both as moving averages corrected for starting at 0."""


    def __init__(self, learning_rate=0.001, decay=0.0, epsilon=1e-7, beta_1=0.9, beta_2=0.999):
        super().__init__(learning_rate, decay)
        self.epsilon = epsilon
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def update_params(self, layer):
        if not hasattr(layer, "weight_cache"):
            layer.weight_momentums = np.zeros_like(layer.weights)
            layer.weight_cache = np.zeros_like(layer.weights)
            layer.bias_momentums = np.zeros_like(layer.biases)
            layer.bias_cache = np.zeros_like(layer.biases)
        layer.weight_momentums = self.beta_1 * layer.weight_momentums + (1 - self.beta_1) * layer.dweights
        layer.bias_momentums = self.beta_1 * layer.bias_momentums + (1 - self.beta_1) * layer.dbiases
        weight_momentums_corrected = layer.weight_momentums / (1 - self.beta_1 ** (self.iterations + 1))
        bias_momentums_corrected = layer.bias_momentums / (1 - self.beta_1 ** (self.iterations + 1))
        layer.weight_cache = self.beta_2 * layer.weight_cache + (1 - self.beta_2) * layer.dweights**2
        layer.bias_cache = self.beta_2 * layer.bias_cache + (1 - self.beta_2) * layer.dbiases**2
        weight_cache_corrected = layer.weight_cache / (1 - self.beta_2 ** (self.iterations + 1))
        bias_cache_corrected = layer.bias_cache / (1 - self.beta_2 ** (self.iterations + 1))
        layer.weights += (
            -self.current_learning_rate * weight_momentums_corrected / (np.sqrt(weight_cache_corrected) + self.epsilon)
        )
        layer.biases += (
            -self.current_learning_rate * bias_momentums_corrected / (np.sqrt(bias_cache_corrected) + self.epsilon)
        )


class RandomSearch:
    """Chapter 6: nudge every weight and bias by ``scale · randn`` and keep the nudge only when the
    loss falls below the lowest seen so far in the run; otherwise go back to the best weights.

    The draws come from ``RandomState(seed)``, as the book's ``np.random.randn`` gives them after
    ``np.random.seed(seed)``: for each Dense in stack order, its weights, then its biases."""

    uses_gradients = False
    FIRST_LOWEST = 9999999  # the book's starting "lowest loss": its first try is always kept

    def __init__(self, scale=0.05, seed=0):
        self.scale = scale
        self.seed = seed
        self.iterations = 0
        self.lowest_loss = self.FIRST_LOWEST
        self.lowest_accuracy = None
        self.rng = np.random.RandomState(seed)

    @property
    def current_learning_rate(self):
        """The size of each random nudge (what stands for a learning rate here)."""
        return self.scale

    def try_epoch(self, network, X, y):
        """One iteration of the book's loop: nudge, measure, keep or go back. Returns the loss and
        accuracy of the weights the network holds afterwards (the best so far)."""
        best = [(layer.weights.copy(), layer.biases.copy()) for layer in network.dense_layers]
        for layer in network.dense_layers:
            layer.weights += random_weights(self.rng, layer.n_inputs, layer.n_neurons, self.scale, layer.weights.dtype)
            layer.biases += random_weights(self.rng, 1, layer.n_neurons, self.scale, layer.biases.dtype)
        trace = network.trace(X, y)
        if trace.loss < self.lowest_loss:
            self.lowest_loss, self.lowest_accuracy = trace.loss, trace.accuracy
        else:
            for layer, (weights, biases) in zip(network.dense_layers, best, strict=True):
                layer.weights, layer.biases = weights, biases
        self.iterations += 1
        return self.lowest_loss, self.lowest_accuracy

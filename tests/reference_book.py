"""The notebook's own classes, line for line, and the runs the engine's golden tests compare with.

Importing this module changes nothing. Running it computes the reference arrays and saves them:

    python tests/reference_book.py nnfs OUT.npz    # after nnfs.init(), as the notebook's second half
    python tests/reference_book.py plain OUT.npz   # plain float64 numpy, as the notebook's first half

``nnfs.init()`` patches numpy for the whole process, so the ``nnfs`` runs must happen in a
subprocess of their own — never inside pytest.
"""

import sys

import numpy as np

# (samples, classes, seed) for the data sets; (seed, scale) for the spiral network's weights.
DATASET_CASES = [(100, 3, 0), (100, 3, 7), (50, 2, 1), (7, 5, 42), (1, 1, 3)]
NETWORK_CASES = [(0, 0.10), (0, 0.01), (5, 0.10), (12345, 0.01)]

# The notebook's 4-sample batch (In [10]).
NOTEBOOK_X = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]


class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.10 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.output = np.dot(inputs, self.weights) + self.biases


class Layer_Dense_Book(Layer_Dense):
    """The printed book's constructor, which scales by 0.01 instead of the notebook's 0.10."""

    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))


class Activation_ReLU:
    def forward(self, inputs):
        self.output = np.maximum(0, inputs)


class Activation_Softmax:
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        probabilities = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        self.output = probabilities


class Loss:
    def calculate(self, output, y):
        sample_loss = self.forward(output, y)
        data_loss = np.mean(sample_loss)
        return data_loss


class Loss_CategoricalCrossEntropy(Loss):
    def forward(self, y_pred, y_true):
        samples = len(y_pred)
        y_pred_clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        if len(y_true.shape) == 1:
            correct_confidences = y_pred_clipped[range(samples), y_true]
        elif len(y_true.shape) == 2:
            correct_confidences = np.sum(y_pred_clipped * y_true, axis=1)
        negative_log_likelihoods = -np.log(correct_confidences)
        return negative_log_likelihoods


def accuracy(y_pred, y_true):
    return np.mean(np.argmax(y_pred, axis=1) == y_true)


def layer_scale(scale):
    return {0.10: Layer_Dense, 0.01: Layer_Dense_Book}[scale]


def spiral_network(X, y, seed, scale):
    """Dense(2,3)-ReLU-Dense(3,3)-Softmax with the loss, weights drawn after ``np.random.seed(seed)``;
    every intermediate array, keyed as the engine's trace names its steps."""
    np.random.seed(seed)
    dense1 = layer_scale(scale)(2, 3)
    activation1 = Activation_ReLU()
    dense2 = layer_scale(scale)(3, 3)
    activation2 = Activation_Softmax()
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    activation2.forward(dense2.output)
    loss_function = Loss_CategoricalCrossEntropy()
    return {
        "weights1": dense1.weights,
        "biases1": dense1.biases,
        "weights2": dense2.weights,
        "biases2": dense2.biases,
        "dot1": np.dot(X, dense1.weights),
        "bias1": dense1.output,
        "relu1": activation1.output,
        "dot2": np.dot(activation1.output, dense2.weights),
        "bias2": dense2.output,
        "softmax1": activation2.output,
        "sample_losses": loss_function.forward(activation2.output, y),
        "sample_losses_onehot": loss_function.forward(activation2.output, np.eye(3)[y]),
        "loss": loss_function.calculate(activation2.output, y),
        "accuracy": accuracy(activation2.output, y),
    }


def nnfs_runs():
    """The notebook's second half, after ``nnfs.init()``: float32 and the patched ``np.dot``."""
    import nnfs
    from nnfs.datasets import spiral_data, vertical_data

    out = {}
    for samples, classes, seed in DATASET_CASES:
        for name, make in (("spiral", spiral_data), ("vertical", vertical_data)):
            nnfs.init(random_seed=seed)
            X, y = make(samples, classes)
            out[f"{name}-{samples}-{classes}-{seed}-X"] = X
            out[f"{name}-{samples}-{classes}-{seed}-y"] = y

    for seed, scale in NETWORK_CASES:
        nnfs.init(random_seed=0)
        X, y = spiral_data(100, 3)
        for key, value in spiral_network(X, y, seed, scale).items():
            out[f"net-{seed}-{scale}-{key}"] = value

    # In [13], In [15] and In [18] exactly as the notebook runs them, one random stream throughout.
    nnfs.init()
    X, y = spiral_data(100, 3)
    layer1 = Layer_Dense(2, 5)
    activation1 = Activation_ReLU()
    layer1.forward(X)
    activation1.forward(layer1.output)
    out["lesson-weights"] = layer1.weights
    out["lesson-rows"] = activation1.output[96:100]

    X, y = spiral_data(samples=100, classes=3)
    dense1 = Layer_Dense(2, 3)
    activation1 = Activation_ReLU()
    dense2 = Layer_Dense(3, 3)
    activation2 = Activation_Softmax()
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    activation2.forward(dense2.output)
    loss_function = Loss_CategoricalCrossEntropy()
    out["lesson2-X"] = X
    out["lesson2-y"] = y
    out["lesson2-weights1"] = dense1.weights
    out["lesson2-weights2"] = dense2.weights
    out["lesson2-softmax"] = activation2.output
    out["lesson2-loss"] = loss_function.calculate(activation2.output, y)
    return out


def plain_runs():
    """The notebook's first half: plain numpy in float64, no ``nnfs.init()``."""
    from nnfs.datasets import spiral_data

    out = {}
    # In [10]
    np.random.seed(0)
    layer1 = Layer_Dense(4, 5)
    layer2 = Layer_Dense(5, 2)
    layer3 = Layer_Dense(2, 10)
    X_np = np.array(NOTEBOOK_X)
    layer1.forward(X_np)
    layer2.forward(layer1.output)
    layer3.forward(layer2.output)
    for number, layer in enumerate((layer1, layer2, layer3), start=1):
        out[f"stack-weights{number}"] = layer.weights
        out[f"stack-output{number}"] = layer.output

    np.random.seed(0)
    X, y = spiral_data(100, 3)
    out["spiral64-X"] = X
    out["spiral64-y"] = y
    for seed, scale in NETWORK_CASES:
        for key, value in spiral_network(X, y, seed, scale).items():
            out[f"net64-{seed}-{scale}-{key}"] = value
    return out


def main(argv):
    mode, path = argv
    runs = {"nnfs": nnfs_runs, "plain": plain_runs}[mode]()
    np.savez(path, **{key: np.asarray(value) for key, value in runs.items()})


if __name__ == "__main__":
    main(sys.argv[1:])

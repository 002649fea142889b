"""Export a state as a standalone numpy script in the notebook's style.

The script defines the notebook's classes (``Layer_Dense``, ``Activation_ReLU``,
``Activation_Softmax``, ``Loss_CategoricalCrossEntropy``), sets every weight and bias to the exact
values the app holds, builds the same batch, and prints the outputs, loss and accuracy the app
shows — every digit, so the numbers can be compared with the app's one for one.

When the network can learn (labels, and a Softmax at the end) the script goes on as the book's
chapter 10 does: the classes get their ``backward`` methods, the chosen optimizer its class, and a
training loop runs the project's epochs (or as many as the script's first argument says) from
what the optimizer has counted so far, printing the book's ``epoch: …, acc: …, loss: …, lr: …``
lines and, at the end, every trained weight and bias to every digit.
"""

import inspect

import numpy as np

from nnstudio.engine import BINARY, FEATURES, Dense, Dropout, Features, Network, objective_for
from nnstudio.engine.datasets import MINI_BATCH_SEED
from nnstudio.engine.layers import OPTIMIZER_CACHES
from nnstudio.engine.objectives import output_width
from nnstudio.engine.optimizers import Optimizer

from .project_file import REGULARIZERS, exact_values, load, write_text

# Each class as the notebook writes it; the training parts (``inputs`` kept, ``backward``) are
# added after the line they follow only when the script trains.
DENSE = '''
class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.10 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.output = np.dot(inputs, self.weights) + self.biases
'''
DENSE_BACKWARD = '''
    def backward(self, dvalues):
        self.dweights = np.dot(self.inputs.T, dvalues)
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = np.dot(dvalues, self.weights.T)
'''
# Chapter 14's penalties, written into Layer_Dense's backward and the Loss only when a layer has one.
DENSE_PENALTIES = '''        if self.weight_regularizer_l1 > 0:
            dL1 = np.ones_like(self.weights)
            dL1[self.weights < 0] = -1
            self.dweights += self.weight_regularizer_l1 * dL1
        if self.weight_regularizer_l2 > 0:
            self.dweights += 2 * self.weight_regularizer_l2 * self.weights
        if self.bias_regularizer_l1 > 0:
            dL1 = np.ones_like(self.biases)
            dL1[self.biases < 0] = -1
            self.dbiases += self.bias_regularizer_l1 * dL1
        if self.bias_regularizer_l2 > 0:
            self.dbiases += 2 * self.bias_regularizer_l2 * self.biases
'''
LOSS_PENALTIES = '''
    def regularization_loss(self, layer):
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
'''
RELU = '''

class Activation_ReLU:
    def forward(self, inputs):
        self.output = np.maximum(0, inputs)
'''
RELU_BACKWARD = '''
    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        self.dinputs[self.inputs <= 0] = 0
'''
SOFTMAX = '''

class Activation_Softmax:
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))  # prevent overflow
        probabilities = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        self.output = probabilities
'''
SOFTMAX_BACKWARD = '''
    def backward(self, dvalues):
        self.dinputs = np.empty_like(dvalues)
        for index, (single_output, single_dvalues) in enumerate(zip(self.output, dvalues)):
            single_output = single_output.reshape(-1, 1)
            jacobian_matrix = np.diagflat(single_output) - np.dot(single_output, single_output.T)
            self.dinputs[index] = np.dot(jacobian_matrix, single_dvalues)
'''
# The activations beyond the notebook's, written as the book writes its own (Sigmoid: chapter 16;
# Linear: chapter 17); Leaky ReLU and Tanh in the same style. Each is defined only where it is used.
LEAKY_RELU = '''

class Activation_LeakyReLU:
    def forward(self, inputs):
        self.output = np.where(inputs > 0, inputs, inputs * 0.01)
'''
LEAKY_RELU_BACKWARD = '''
    def backward(self, dvalues):
        self.dinputs = np.where(self.inputs > 0, dvalues, dvalues * 0.01)
'''
SIGMOID = '''

class Activation_Sigmoid:
    def forward(self, inputs):
        self.output = 1 / (1 + np.exp(-inputs))
'''
SIGMOID_BACKWARD = '''
    def backward(self, dvalues):
        self.dinputs = dvalues * (1 - self.output) * self.output
'''
TANH = '''

class Activation_Tanh:
    def forward(self, inputs):
        self.output = np.tanh(inputs)
'''
TANH_BACKWARD = '''
    def backward(self, dvalues):
        self.dinputs = dvalues * (1 - self.output**2)
'''
LINEAR = '''

class Activation_Linear:
    def forward(self, inputs):
        self.output = inputs.copy()
'''
LINEAR_BACKWARD = '''
    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
'''
KEEP_INPUTS = "        self.inputs = inputs\n"
LOSS = '''

class Loss:
    def calculate(self, output, y):
        sample_losses = self.forward(output, y)
        data_loss = np.mean(sample_losses)
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
'''
BINARY_LOSS = '''

class Loss_BinaryCrossentropy(Loss):
    def forward(self, y_pred, y_true):
        y_pred_clipped = np.clip(y_pred, 1e-7, 1 - 1e-7)
        sample_losses = -(y_true * np.log(y_pred_clipped) + (1 - y_true) * np.log(1 - y_pred_clipped))
        sample_losses = np.mean(sample_losses, axis=-1)
        return sample_losses
'''
BINARY_LOSS_BACKWARD = '''
    def backward(self, dvalues, y_true):
        samples = len(dvalues)
        outputs = len(dvalues[0])
        clipped_dvalues = np.clip(dvalues, 1e-7, 1 - 1e-7)
        self.dinputs = -(y_true / clipped_dvalues - (1 - y_true) / (1 - clipped_dvalues)) / outputs
        self.dinputs = self.dinputs / samples
'''
SOFTMAX_LOSS_BACKWARD = '''

class Activation_Softmax_Loss_CategoricalCrossentropy:
    def backward(self, dvalues, y_true):
        samples = len(dvalues)
        self.dinputs = dvalues.copy()
        self.dinputs[range(samples), y_true] -= 1
        self.dinputs = self.dinputs / samples
'''
# Chapter 15's Dropout, drawing its masks from a stream of its own (NN Studio gives each Dropout one;
# the book draws from numpy's global stream) so the script's masks are the app's.
DROPOUT = '''

class Layer_Dropout:
    def __init__(self, rate, stream):
        self.rate = 1 - rate
        self.random = np.random.RandomState()
        self.random.set_state(stream)

    def forward(self, inputs):
        self.binary_mask = self.random.binomial(1, self.rate, size=inputs.shape) / self.rate
        self.output = inputs * self.binary_mask
'''
DROPOUT_BACKWARD = '''
    def backward(self, dvalues):
        self.dinputs = dvalues * self.binary_mask
'''

DATASET_FUNCTIONS = {"spiral": "spiral_data", "vertical": "vertical_data"}
ACTIVATION_CLASSES = {"ReLU": "Activation_ReLU", "Softmax": "Activation_Softmax", "Leaky ReLU": "Activation_LeakyReLU",
                      "Sigmoid": "Activation_Sigmoid", "Tanh": "Activation_Tanh", "Linear": "Activation_Linear"}
# Each class's forward part and what training adds to it: the notebook's three always, the others when used.
CLASS_TEXTS = {"Dense": (DENSE, DENSE_BACKWARD), "ReLU": (RELU, RELU_BACKWARD), "Softmax": (SOFTMAX, SOFTMAX_BACKWARD),
               "Leaky ReLU": (LEAKY_RELU, LEAKY_RELU_BACKWARD), "Sigmoid": (SIGMOID, SIGMOID_BACKWARD),
               "Tanh": (TANH, TANH_BACKWARD), "Linear": (LINEAR, LINEAR_BACKWARD),
               "Dropout": (DROPOUT, DROPOUT_BACKWARD)}
ALWAYS_DEFINED = ("Dense", "ReLU", "Softmax")


class ExportError(Exception):
    """The state cannot be exported; the message is a sentence for the user."""


def _literal(array, dtype_name=None):
    """``np.array([...])`` reading back to exactly ``array``, one matrix row per line."""
    values = exact_values(array)
    suffix = f", dtype=np.{dtype_name or array.dtype.name})"
    if array.ndim == 1 or len(values) <= 1:
        return f"np.array({values!r}{suffix}"
    rows = ",\n    ".join(repr(row) for row in values)
    return f"np.array([\n    {rows},\n]{suffix}"


def _header(state, title):
    lines = [f'"""{title or "A network"}, exported from NN Studio.', ""]
    lines += [line for line in state.note.splitlines() if line.strip()]
    lines += [
        "",
        f"Run it with python (it needs {'numpy and nnfs' if state.numerics == 'nnfs' else 'numpy'}): it prints"
        " the outputs,",
        "the loss and the accuracy NN Studio shows for this network, every digit; then, if the network can",
        "learn, it trains it as NN Studio would and prints the book's epoch lines and the trained weights.",
        '"""',
        "",
        "import sys",
        "",
        "import numpy as np",
    ]
    return lines


def _imports_and_data(state):
    """The lines that set up numpy as the app computes, then ``X`` and ``y``."""
    batch = state.batch
    book_data = batch.kind in DATASET_FUNCTIONS and state.numerics == "nnfs"
    lines = []
    if state.numerics == "nnfs":
        lines += ["import nnfs"]
        if book_data:
            lines += [f"from nnfs.datasets import {DATASET_FUNCTIONS[batch.kind]}"]
        lines += [
            "",
            "# The book's numerics: float32 arrays, and np.dot accumulated in float64 then cast back.",
            f"nnfs.init(random_seed={batch.seed if book_data else 0})",
        ]
    lines += [""]
    if book_data:
        lines += [
            f"X, y = {DATASET_FUNCTIONS[batch.kind]}(samples={batch.samples}, classes={batch.classes})",
        ]
        return lines
    X, y = batch.data()
    if batch.kind == "hand":
        lines += ["# The batch, one sample per row, and each sample's class."]
        lines += [f"X = {_literal(X.astype(state.dtype))}"]
    elif batch.kind in DATASET_FUNCTIONS:
        lines += [
            f"# {DATASET_FUNCTIONS[batch.kind]}(samples={batch.samples}, classes={batch.classes}) as"
            f" nnfs.init(random_seed={batch.seed}) makes it (float32),",
            "# written out so that this script can compute in plain float64.",
            f"X = {_literal(X)}.astype(np.{state.dtype.name})",
        ]
    else:
        lines += [
            f"# TensorFlow Playground's {batch.kind} data ({batch.samples} samples per class, noise {batch.noise:g},"
            f" seed {batch.seed}) as NN Studio draws it, written out.",
            f"X = {_literal(X)}.astype(np.{state.dtype.name})",
        ]
    lines += [f"y = {_literal(np.asarray(y))}"]
    return lines


def _held_out(state):
    """The lines that hold a share of the batch out as test data, as NN Studio picks the rows."""
    if not state.test.holds_out or state.batch.editable:
        return []
    share, seed = state.test.holds_out
    return [
        "",
        f"# {share}% of the rows held out as test data, picked as NN Studio picks them; training uses the rest.",
        "rows = np.arange(len(X))",
        f"test_rows = np.sort(np.random.RandomState({seed}).permutation(len(X))"
        f"[:min(max(1, round(len(X) * {share} / 100)), len(X) - 1)])",
        "X_test, y_test = X[test_rows], y[test_rows]",
        "X, y = X[np.setdiff1d(rows, test_rows)], y[np.setdiff1d(rows, test_rows)]",
    ]


def _label_column(state, trace):
    """Chapter 16's labels: a column of 0/1 (``y.reshape(-1, 1)``), as uint8 as nnfs's are."""
    if not (_binary(state) and trace.loss is not None):
        return []
    test = ["y_test = y_test.reshape(-1, 1).astype(np.uint8)"] if _held_out(state) else []
    return ["", "# One Sigmoid output tells two classes apart: each label a column of 0 or 1, as in chapter 16.",
            "y = y.reshape(-1, 1).astype(np.uint8)", *test]


def _network(state, training_input="X"):
    """The layers, made and filled; their names; the forward pass outside training (Dropout left out,
    as the book validates) and in training, one line per layer; and the name of the output."""
    lines, forward, training_forward, names = [], [], [], []
    counts = {"dense": 0, "activation": 0, "dropout": 0, "features": 0}
    previous, training_previous = "X", training_input
    for layer in state.layers:
        if isinstance(layer, Dense):
            name = _next_name(counts, "dense")
            lines += [
                "",
                f"{name} = Layer_Dense({layer.n_inputs}, {layer.n_neurons})",
                f"{name}.weights = {_literal(layer.weights)}",
                f"{name}.biases = {_literal(layer.biases)}",
            ]
        elif isinstance(layer, Features):
            name = _next_name(counts, "features")
            lines += ["", f"{name} = Layer_Features()"]
        elif isinstance(layer, Dropout):
            name = _next_name(counts, "dropout")
            lines += ["", f"{name} = Layer_Dropout({layer.rate!r}, {_stream(layer)})"]
        else:
            name = _next_name(counts, "activation")
            lines += ["", f"{name} = {ACTIVATION_CLASSES[layer.kind]}()"]
        if not isinstance(layer, Dropout):
            forward.append(f"{name}.forward({previous})")
            previous = f"{name}.output"
        training_forward.append(f"{name}.forward({training_previous})")
        training_previous = f"{name}.output"
        names.append(name)
    return lines, names, forward, training_forward, previous


def _features_class(layer):
    """TensorFlow Playground's input features, each by the very numpy expression the app computes it with."""
    columns = ", ".join(FEATURES[name].expression for name in layer.names)
    return (f"\n\nclass Layer_Features:  # the input features {', '.join(layer.names)}\n"
            "    def forward(self, inputs):\n"
            "        x0, x1 = inputs[:, 0], inputs[:, 1]\n"
            f"        self.output = np.column_stack([{columns}])\n")


def _binary(state):
    """Whether the stack ends in a single Sigmoid output, scored by binary cross-entropy (chapter 16)."""
    return objective_for(state.layers, output_width(state.layers)) is BINARY


def _predictions(state, output):
    """The book's predicted classes: the largest output's column, or class 1 above 0.5 (chapter 16)."""
    return f"({output} > 0.5) * 1" if _binary(state) else f"np.argmax({output}, axis=1)"


def _next_name(counts, stem):
    counts[stem] += 1
    return f"{stem}{counts[stem]}"


def _stream(dropout):
    """Where the Dropout's random stream stands, as an expression: its seed's, while it has drawn nothing."""
    if dropout.drawn_nothing:
        return f"np.random.RandomState({dropout.seed}).get_state()"
    name, keys, position, has_gauss, cached_gaussian = dropout.stream
    return f"({name!r}, {_literal(np.asarray(keys, dtype=np.uint32))}, {position}, {has_gauss}, {cached_gaussian!r})"


def _classes(training, kinds, regularized=False, binary=False):
    """The notebook's classes and those of the other ``kinds`` the stack uses; with ``training``, each
    with what the book adds for learning (and chapter 14's penalties when ``regularized``); with
    ``binary``, chapter 16's binary cross-entropy."""
    used = [*ALWAYS_DEFINED, *(kind for kind in CLASS_TEXTS if kind in kinds and kind not in ALWAYS_DEFINED)]
    binary_loss = (BINARY_LOSS + (BINARY_LOSS_BACKWARD if training else "")) if binary else ""
    if not training:
        return "".join(CLASS_TEXTS[kind][0] for kind in used) + LOSS + binary_loss
    parts = []
    for kind in used:
        forward, backward = CLASS_TEXTS[kind]
        if kind == "Dense" and regularized:  # the penalties go between dbiases and dinputs, as in the book
            before, last = backward.rsplit("        self.dinputs", 1)
            backward = before + DENSE_PENALTIES + "        self.dinputs" + last
        head, body = forward.split("    def forward(self, inputs):\n")
        parts.append(head + "    def forward(self, inputs):\n" + KEEP_INPUTS + body + backward)
    loss = LOSS.replace("\n\n\nclass Loss_", LOSS_PENALTIES + "\n\nclass Loss_", 1) if regularized else LOSS
    return "".join(parts) + loss + (binary_loss if binary else SOFTMAX_LOSS_BACKWARD)


def _optimizer_classes(optimizer):
    """The engine's own optimizer classes, as they run in the app."""
    if optimizer.name == "Random search":
        return ""
    engine_class = optimizer.kind.engine_class
    return "\n\n" + inspect.getsource(Optimizer) + "\n\n" + inspect.getsource(engine_class)


def _training(state, names, forward, training_forward):
    """The training loop over the layers called ``names``, given their ``forward`` lines outside
    training (random search measures so) and in training."""
    optimizer = state.optimizer
    dense_names = [name for name, layer in zip(names, state.layers, strict=True) if isinstance(layer, Dense)]
    output = f"{names[-1]}.output"
    lines = [
        "",
        "",
        f"# Training, as the book's chapter {optimizer.kind.chapter} runs it, from where NN Studio's optimizer stands.",
        f"# Give a number of epochs as the first argument to run fewer or more than {state.epochs}.",
        f"EPOCHS = int(sys.argv[1]) if len(sys.argv) > 1 else {state.epochs}",
    ]
    regularized = _regularized(state)
    for name, layer in zip(names, state.layers, strict=True):
        for cache in OPTIMIZER_CACHES:
            if hasattr(layer, cache):
                lines.append(f"{name}.{cache} = {_literal(getattr(layer, cache))}")
        if regularized and isinstance(layer, Dense):  # chapter 14's Layer_Dense takes these as arguments
            lines += [f"{name}.{attribute} = {value!r}" for attribute, value in zip(
                REGULARIZERS,
                layer.regularizers, strict=True)]
    if optimizer.name == "Random search":
        return lines + _random_search(state, dense_names, forward, output)
    arguments = ", ".join(f"{name}={value!r}" for name, value in optimizer.settings)
    # the gradient starts at the Softmax and the loss together (chapter 9), or at the binary loss (chapter 16)
    gradient, through = ("loss_function", names) if _binary(state) else ("loss_activation", names[:-1])
    if gradient == "loss_activation":
        lines.append("loss_activation = Activation_Softmax_Loss_CategoricalCrossentropy()")
    lines.append(f"optimizer = {optimizer.kind.engine_class.__name__}({arguments})")
    if optimizer.iterations:
        lines.append(f"optimizer.iterations = {optimizer.iterations}")
    if optimizer.current_learning_rate is not None:
        lines.append(f"optimizer.current_learning_rate = {optimizer.current_learning_rate!r}")
    backward = []
    dvalues = f"{gradient}.dinputs"
    # back to the first layer with weights: the input features before it need no gradient
    for name in reversed([name for name in through if not name.startswith("features")]):
        backward.append(f"    {name}.backward({dvalues})")
        dvalues = f"{name}.dinputs"
    if state.batch_size:
        return lines + _mini_batches(state, training_forward, output, backward, dense_names,
                                     gradient) + _trained(dense_names)
    lines += [
        f"for epoch in {_epochs(optimizer.epochs_run)}:",
        *(f"    {line}" for line in training_forward),
        *(_regularized_loss(state, output, dense_names) if regularized else [
            f"    loss = loss_function.calculate({output}, y)",
            f"    predictions = {_predictions(state, output)}",
            "    accuracy = np.mean(predictions == y)",
            "    if not epoch % 100:",
            "        print(f'epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f}, '",
            "              f'lr: {optimizer.current_learning_rate}')",
        ]),
        f"    {gradient}.backward({output}, y)",
        *backward,
        "    optimizer.pre_update_params()",
        *(f"    optimizer.update_params({name})" for name in dense_names),
        "    optimizer.post_update_params()",
    ]
    return lines + _trained(dense_names)


def _mini_batches(state, training_forward, output, backward, dense_names, gradient):
    """Chapter 19's loop: the rows shuffled once, a step (forward, backward, update) per slice of
    BATCH_SIZE rows, the epoch's loss and accuracy accumulated over its samples."""
    penalties = " + ".join(f"loss_function.regularization_loss({name})" for name in dense_names) if (
        _regularized(state)) else "0"
    return [
        f"BATCH_SIZE = {state.batch_size}  # mini-batches, as the book's chapter 19 trains",
        f"order = np.random.RandomState({MINI_BATCH_SEED}).permutation(len(X))  # the rows shuffled once",
        "X_train, y_train = X[order], y[order]",
        f"for epoch in {_epochs(state.optimizer.epochs_run)}:",
        "    accumulated_loss = accumulated_correct = accumulated_count = 0",
        "    for start in range(0, len(X_train), BATCH_SIZE):",
        "        batch_X, batch_y = X_train[start:start + BATCH_SIZE], y_train[start:start + BATCH_SIZE]",
        *(f"        {line}" for line in training_forward),
        f"        sample_losses = loss_function.forward({output}, batch_y)",
        "        accumulated_loss += np.sum(sample_losses)",
        f"        accumulated_correct += np.sum({_predictions(state, output)} == batch_y)",
        "        accumulated_count += len(sample_losses)",
        f"        {gradient}.backward({output}, batch_y)",
        *(f"    {line}" for line in backward),
        "        optimizer.pre_update_params()",
        *(f"        optimizer.update_params({name})" for name in dense_names),
        "        optimizer.post_update_params()",
        "    data_loss = accumulated_loss / accumulated_count",
        f"    regularization_loss = {penalties}",
        "    loss, accuracy = data_loss + regularization_loss, accumulated_correct / accumulated_count",
        "    if not epoch % 100:",
        "        print(f'epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f} (data_loss: {data_loss:.3f}, '",
        "              f'reg_loss: {regularization_loss:.3f}), lr: {optimizer.current_learning_rate}')",
    ]


def _regularized(state):
    """Whether any Dense has a chapter 14 penalty (the script then writes the book's lines for them)."""
    return any(any(layer.regularizers) for layer in state.layers if isinstance(layer, Dense))


def _regularized_loss(state, output, dense_names):
    """Chapter 14's loss lines: the data loss, every layer's penalty, and its printed line."""
    penalties = " + ".join(f"loss_function.regularization_loss({name})" for name in dense_names)
    return [
        f"    data_loss = loss_function.calculate({output}, y)",
        f"    regularization_loss = {penalties}",
        "    loss = data_loss + regularization_loss",
        f"    predictions = {_predictions(state, output)}",
        "    accuracy = np.mean(predictions == y)",
        "    if not epoch % 100:",
        "        print(f'epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f} (data_loss: {data_loss:.3f}, '",
        "              f'reg_loss: {regularization_loss:.3f}), lr: {optimizer.current_learning_rate}')",
    ]


def _random_search(state, dense_names, forward, output):
    """Chapter 6's loop, its random stream and lowest loss where NN Studio's search left them."""
    search = state.optimizer.build()
    name, keys, position, has_gauss, cached_gaussian = search.rng.get_state()
    scale = state.optimizer.values["scale"]
    lines = [
        f"np.random.set_state(({name!r}, {_literal(keys)}, {position}, {has_gauss}, {cached_gaussian!r}))",
        f"lowest_loss = {search.lowest_loss!r}",
        f"for iteration in {_epochs(search.iterations)}:",
        f"    best = [(layer.weights.copy(), layer.biases.copy()) for layer in ({', '.join(dense_names)},)]",
    ]
    for dense in dense_names:
        lines += [f"    {dense}.weights += {scale!r} * np.random.randn(*{dense}.weights.shape)",
                  f"    {dense}.biases += {scale!r} * np.random.randn(*{dense}.biases.shape)"]
    lines += [
        *(f"    {line}" for line in forward),
        f"    loss = loss_function.calculate({output}, y)",
        "    if loss < lowest_loss:",
        f"        print('New set of weights found, iteration:', iteration, 'loss:', loss, 'acc:',"
        f" np.mean({_predictions(state, output)} == y))",
        "        lowest_loss = loss",
        "    else:",
        f"        for layer, (weights, biases) in zip(({', '.join(dense_names)},), best):",
        "            layer.weights, layer.biases = weights, biases",
    ]
    return lines + _trained(dense_names)


def _epochs(start):
    """The loop's range: the epochs numbered on from those the optimizer has run."""
    return f"range({start}, {start} + EPOCHS)" if start else "range(EPOCHS)"


def _trained(dense_names):
    lines = ["", 'print("After training:")']
    for name in dense_names:
        lines += [f'print("{name}.weights:", {name}.weights)', f'print("{name}.biases:", {name}.biases)']
    return lines


def export_script(state, title=""):
    """A standalone Python script (text) that recomputes ``state`` as the app does, and trains it
    as the app would when it can learn. Raises ``ExportError`` when the network cannot run."""
    X, y = state.test.training_data(state.batch)
    network = Network(state.layers)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow comes back as a ValueError, said in a dialog
        try:
            try:
                trace = network.trace(X, y)
            except ValueError as labels:
                if "label" not in str(labels):
                    raise
                trace = network.trace(X)  # only the labels are wrong: the script leaves out the loss
        except ValueError as error:
            raise ExportError(f"The network cannot run, so there is nothing to export: {error}.") from error
    training = trace.loss is not None and network.dense_layers
    network_lines, names, forward, training_forward, output = _network(
        state, "batch_X" if state.batch_size else "X")
    regularized = _regularized(state)
    classes = _classes(training, {layer.kind for layer in state.layers}, regularized and training,
                       _binary(state) and trace.loss is not None)
    classes += "".join(_features_class(layer) for layer in state.layers if isinstance(layer, Features))
    classes += _optimizer_classes(state.optimizer) if training else ""
    lines = [*_header(state, title), *_imports_and_data(state), *_held_out(state), *_label_column(state, trace),
             "", "", classes.strip("\n"), "", *network_lines, "", *forward]
    lines += [
        "",
        "np.set_printoptions(threshold=sys.maxsize, floatmode=\"unique\", linewidth=120)  # every value, every digit",
        'print("Output:")',
        f"print({output})",
    ]
    if trace.loss is not None:
        lines += [
            "",
            f"loss_function = {'Loss_BinaryCrossentropy' if _binary(state) else 'Loss_CategoricalCrossEntropy'}()",
            f"loss = loss_function.calculate({output}, y)",
            'print("Loss:", loss)',
        ]
    if trace.accuracy is not None:
        lines += [
            "",
            f"predictions = {_predictions(state, output)}",
            "accuracy = np.mean(predictions == y)",
            'print("Accuracy:", accuracy)',
        ]
    if training:
        lines += _training(state, names, forward, training_forward)
    return "\n".join(lines) + "\n"


def export_file(project_path, script_path):
    """Write the project file at ``project_path`` as a script at ``script_path``. Raises
    ``ProjectFileError`` or ``ExportError`` with a sentence."""
    project = load(project_path)
    write_text(script_path, export_script(project.state, project.title))

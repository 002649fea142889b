"""Export a state as a standalone numpy script in the notebook's style.

The script defines the notebook's classes (``Layer_Dense``, ``Activation_ReLU``,
``Activation_Softmax``, ``Loss_CategoricalCrossEntropy``), sets every weight and bias to the exact
values the app holds, builds the same batch, and prints the outputs, loss and accuracy the app
shows — every digit, so the numbers can be compared with the app's one for one.
"""

import numpy as np

from nnstudio.engine import Dense

from .project_file import exact_values, load, write_text

CLASSES = '''
class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.10 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.output = np.dot(inputs, self.weights) + self.biases


class Activation_ReLU:
    def forward(self, inputs):
        self.output = np.maximum(0, inputs)


class Activation_Softmax:
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))  # prevent overflow
        probabilities = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        self.output = probabilities


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

DATASET_FUNCTIONS = {"spiral": "spiral_data", "vertical": "vertical_data"}
ACTIVATION_CLASSES = {"ReLU": "Activation_ReLU", "Softmax": "Activation_Softmax"}


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
        "the loss and the accuracy NN Studio shows for this network, every digit.",
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
    else:
        lines += [
            f"# {DATASET_FUNCTIONS[batch.kind]}(samples={batch.samples}, classes={batch.classes}) as"
            f" nnfs.init(random_seed={batch.seed}) makes it (float32),",
            "# written out so that this script can compute in plain float64.",
            f"X = {_literal(X)}.astype(np.{state.dtype.name})",
        ]
    lines += [f"y = {_literal(np.asarray(y))}"]
    return lines


def _network(state):
    """The layers, made and filled; the forward pass; and the name of the last output."""
    lines, forward = [], []
    dense_count = activation_count = 0
    previous = "X"
    for layer in state.layers:
        if isinstance(layer, Dense):
            dense_count += 1
            name = f"dense{dense_count}"
            lines += [
                "",
                f"{name} = Layer_Dense({layer.n_inputs}, {layer.n_neurons})",
                f"{name}.weights = {_literal(layer.weights)}",
                f"{name}.biases = {_literal(layer.biases)}",
            ]
        else:
            activation_count += 1
            name = f"activation{activation_count}"
            lines += ["", f"{name} = {ACTIVATION_CLASSES[layer.kind]}()"]
        forward.append(f"{name}.forward({previous})")
        previous = f"{name}.output"
    return lines + ["", *forward], previous


def export_script(state, title=""):
    """A standalone Python script (text) that recomputes ``state`` as the app does.
    Raises ``ExportError`` when the network cannot run."""
    from nnstudio.engine import Network

    X, y = state.batch.data()
    network = Network(state.layers)
    try:
        trace = network.trace(X, y)
    except ValueError as labels:
        if "label" not in str(labels):
            raise ExportError(f"The network cannot run, so there is nothing to export: {labels}.") from labels
        trace = network.trace(X)
    network_lines, output = _network(state)
    lines = [*_header(state, title), *_imports_and_data(state), "", "", CLASSES.strip("\n"), "", *network_lines]
    lines += [
        "",
        "np.set_printoptions(threshold=sys.maxsize, floatmode=\"unique\", linewidth=120)  # every value, every digit",
        'print("Output:")',
        f"print({output})",
    ]
    if trace.loss is not None:
        lines += [
            "",
            "loss_function = Loss_CategoricalCrossEntropy()",
            f"loss = loss_function.calculate({output}, y)",
            'print("Loss:", loss)',
        ]
    if trace.accuracy is not None:
        lines += [
            "",
            f"predictions = np.argmax({output}, axis=1)",
            "accuracy = np.mean(predictions == y)",
            'print("Accuracy:", accuracy)',
        ]
    return "\n".join(lines) + "\n"


def export_file(project_path, script_path):
    """Write the project file at ``project_path`` as a script at ``script_path``. Raises
    ``ProjectFileError`` or ``ExportError`` with a sentence."""
    project = load(project_path)
    write_text(script_path, export_script(project.state, project.title))

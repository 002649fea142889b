"""The numpy engine: the book's layers, loss and data sets, and a traced forward pass whose steps
say what they are (their kinds, in ``forward_steps``).

Nothing here imports Qt, so the engine runs (and is tested) on its own.
"""

from .datasets import spiral, vertical
from .features import FEATURES, PLAIN_INPUTS, Features
from .grid import decision_grid, grid_points, layer_grids
from .layers import ACTIVATIONS, WEIGHTLESS_LAYERS, Dense, Dropout, LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh
from .loss import CategoricalCrossEntropy, SoftmaxCrossEntropy, accuracy
from .network import BackwardTrace, Network, Trace, TraceStep, layer_name
from .numerics import FLOAT32, FLOAT64, NUMERICS
from .objectives import BINARY, CATEGORICAL, objective_for, predicted_classes
from .optimizers import SGD, Adagrad, Adam, RandomSearch, RMSprop
from .step_kind import BACKWARD, FORWARD, UPDATE, Direction, StepKind

__all__ = [
    "BINARY",
    "CATEGORICAL",
    "objective_for",
    "predicted_classes",
    "ACTIVATIONS",
    "FEATURES",
    "PLAIN_INPUTS",
    "Features",
    "WEIGHTLESS_LAYERS",
    "Dropout",
    "LeakyReLU",
    "Linear",
    "Sigmoid",
    "Tanh",
    "BACKWARD",
    "FORWARD",
    "UPDATE",
    "SGD",
    "Adagrad",
    "Adam",
    "BackwardTrace",
    "RMSprop",
    "RandomSearch",
    "SoftmaxCrossEntropy",
    "FLOAT32",
    "FLOAT64",
    "NUMERICS",
    "CategoricalCrossEntropy",
    "Dense",
    "Direction",
    "Network",
    "ReLU",
    "Softmax",
    "StepKind",
    "Trace",
    "TraceStep",
    "accuracy",
    "decision_grid",
    "grid_points",
    "layer_grids",
    "layer_name",
    "spiral",
    "vertical",
]

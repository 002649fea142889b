"""The numpy engine: the book's layers, loss and data sets, and a traced forward pass.

Nothing here imports Qt, so the engine runs (and is tested) on its own.
"""

from .datasets import spiral, vertical
from .grid import decision_grid, grid_points
from .layers import Dense, ReLU, Softmax
from .loss import CategoricalCrossEntropy, accuracy
from .network import Network, Trace, TraceStep, layer_name
from .numerics import FLOAT32, FLOAT64, NUMERICS

__all__ = [
    "FLOAT32",
    "FLOAT64",
    "NUMERICS",
    "CategoricalCrossEntropy",
    "Dense",
    "Network",
    "ReLU",
    "Softmax",
    "Trace",
    "TraceStep",
    "accuracy",
    "decision_grid",
    "grid_points",
    "layer_name",
    "spiral",
    "vertical",
]

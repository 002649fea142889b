"""The engine imports no Qt and leaves numpy exactly as it found it."""

import subprocess
import sys
from pathlib import Path

import numpy as np

from nnstudio.engine import NUMERICS, Dense, Network, ReLU, Softmax, spiral, vertical

ROOT = Path(__file__).resolve().parents[2]

FRESH_PROCESS = """
import sys
import numpy as np

originals = (np.dot, np.zeros, np.eye, np.random.randn)
import nnstudio.engine as engine

assert "PySide6" not in sys.modules, "importing nnstudio.engine imported PySide6"
assert "pyqtgraph" not in sys.modules, "importing nnstudio.engine imported pyqtgraph"

network = engine.Network([engine.Dense(2, 8), engine.ReLU(), engine.Dense(8, 3), engine.Softmax()])
network.astype(engine.NUMERICS["nnfs"])
network.initialise(0, 0.10)
X, y = engine.spiral(100, 3)
network.trace(X, y)
engine.decision_grid(network, (-1, 1), (-1, 1), 5)

assert (np.dot, np.zeros, np.eye, np.random.randn) == originals, "the engine patched numpy"
assert np.zeros(2).dtype == np.float64 and np.random.randn(2).dtype == np.float64
"""


def test_engine_imports_no_qt_and_never_patches_numpy():
    result = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_float32_computation_leaves_numpy_and_its_random_state_alone():
    dot = np.dot
    network = Network([Dense(2, 4), ReLU(), Dense(4, 3), Softmax()])
    state = np.random.get_state()  # the constructors draw from np.random, as the book's do
    network.astype(NUMERICS["nnfs"])
    network.initialise(7, 0.10)
    X, y = spiral(20, 3, seed=7)
    vertical(20, 3, seed=7)
    trace = network.trace(X, y)

    assert trace.output.dtype == np.float32
    assert np.dot is dot
    assert np.dot(np.ones((1, 2), np.float32), np.ones((2, 1), np.float32)).dtype == np.float32
    after = np.random.get_state()
    assert after[0] == state[0] and np.array_equal(after[1], state[1]) and after[2:] == state[2:]

"""Input checks that turn silent numpy broadcasting into a sentence."""

import numpy as np


def require_matrix(array, name):
    """``array`` as a 2-D float array, or a ValueError naming ``name``."""
    array = np.asarray(array)
    if array.ndim != 2:
        raise ValueError(f"{name} must be a 2-D matrix, got shape {array.shape}")
    if array.dtype.kind not in "fiu":
        raise ValueError(f"{name} must hold numbers, got dtype {array.dtype}")
    if array.dtype.kind != "f":
        array = array.astype(np.float64)  # whole numbers typed in must not make the network integer
    return array


def require_finite(array, name):
    if not np.isfinite(array).all():
        bad = np.argwhere(~np.isfinite(array))[0]
        where = ", ".join(str(int(i)) for i in bad)
        raise ValueError(f"{name} holds {array[tuple(bad)]} at [{where}]; every value must be finite")


def require_batch(inputs, name="inputs"):
    inputs = require_matrix(inputs, name)
    if inputs.shape[0] == 0:
        raise ValueError(f"{name} is an empty batch: give at least one sample row")
    return inputs

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


def first_cell(mask):
    """The first True cell of ``mask``: its index, and that index as the messages write it ("1, 0")."""
    cell = tuple(int(i) for i in np.argwhere(mask)[0])
    return cell, ", ".join(map(str, cell))


def require_finite(array, name):
    if not np.isfinite(array).all():
        cell, where = first_cell(~np.isfinite(array))
        raise ValueError(f"{name} holds {array[cell]} at [{where}]; every value must be finite")


def require_batch(inputs, name="inputs"):
    inputs = require_matrix(inputs, name)
    if inputs.shape[0] == 0:
        raise ValueError(f"{name} is an empty batch: give at least one sample row")
    return inputs


def require_representable(array, dtype, name="inputs"):
    """``array`` in ``dtype``, or a ValueError naming the first value too large for it (a float64
    input beyond float32's ±3.4e38 would become infinite in the book's numerics)."""
    dtype = np.dtype(dtype)
    if array.dtype == dtype or dtype.itemsize >= array.dtype.itemsize:
        return array.astype(dtype, copy=False)
    limit = np.finfo(dtype).max
    beyond = np.abs(array) > limit
    if beyond.any():
        cell, where = first_cell(beyond)
        raise ValueError(f"{name} holds {array[cell]:g} at [{where}], beyond the ±{limit:.3g} that {dtype}"
                         f" can hold: use float64 numerics, or smaller values")
    return array.astype(dtype)

"""The two ways a layer can compute: plain float64, or the book's float32.

After ``nnfs.init()`` the book stores every array in float32 and patches ``np.dot`` so each dot
product is accumulated in float64 and cast back to float32. We reproduce that effect here, per
call, instead of patching numpy for the whole process.
"""

import numpy as np

FLOAT64 = np.dtype(np.float64)
FLOAT32 = np.dtype(np.float32)
NUMERICS = {"float64": FLOAT64, "nnfs": FLOAT32}


def dot(inputs, weights, dtype=None):
    """``np.dot`` as the book computes it: in the book's numerics (``dtype`` float32; by default,
    when either side is float32) accumulated in float64 and returned as float32, whatever the
    operands' dtypes (a Dropout's float64 mask can make both float64)."""
    if dtype is None:
        dtype = FLOAT32 if FLOAT32 in (inputs.dtype, weights.dtype) else FLOAT64
    if dtype == FLOAT32:
        return np.dot(inputs.astype(np.float64), weights.astype(np.float64)).astype(np.float32)
    return np.dot(inputs, weights)


def as_numerics(array, dtype):
    """``array`` stored in ``dtype`` (a copy only when the dtype changes)."""
    return np.asarray(array).astype(dtype, copy=False)


def random_weights(rng, n_inputs, n_neurons, scale, dtype):
    """``scale * randn(n_inputs, n_neurons)`` drawn from ``rng`` as the book draws it: under
    ``nnfs.init()`` randn is cast to float32 first and the scaling happens in float32."""
    return scale * rng.randn(n_inputs, n_neurons).astype(dtype)

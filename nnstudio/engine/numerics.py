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


def dot_each(matrices, vectors):
    """``dot(matrices[i], vectors[i])`` for every i, as one array, bit for bit what those calls give.

    numpy's matmul hands each matrix and vector of the stacks to the BLAS routine that ``np.dot``
    calls for one (gemv), so each sum runs in the same order, without a Python call per pair;
    ``np.dot`` takes a 1 × 1 matrix for a number, and multiplies."""
    dtype = FLOAT32 if FLOAT32 in (matrices.dtype, vectors.dtype) else FLOAT64
    matrices, vectors = matrices.astype(np.float64, copy=False), vectors.astype(np.float64, copy=False)
    if matrices.shape[1:] == (1, 1):
        products = matrices[:, :, 0] * vectors
    else:
        products = np.matmul(matrices, vectors[:, :, None])[:, :, 0]
    return products.astype(dtype, copy=False)


def outer_each(rows):
    """``dot(row.reshape(-1, 1), row.reshape(1, -1))`` for every row, as one array: each entry is
    a single product, which dot takes in float64 (exactly, for float32 numbers) and stores in the
    rows' dtype."""
    wide = rows.astype(np.float64, copy=False)
    return (wide[:, :, None] * wide[:, None, :]).astype(rows.dtype, copy=False)


def as_numerics(array, dtype):
    """``array`` stored in ``dtype`` (a copy only when the dtype changes)."""
    return np.asarray(array).astype(dtype, copy=False)


def random_weights(rng, n_inputs, n_neurons, scale, dtype):
    """``scale * randn(n_inputs, n_neurons)`` drawn from ``rng`` as the book draws it: under
    ``nnfs.init()`` randn is cast to float32 first and the scaling happens in float32."""
    return scale * rng.randn(n_inputs, n_neurons).astype(dtype)

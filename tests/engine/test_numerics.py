"""The stacked products give, bit for bit, what ``numerics.dot`` gives pair by pair."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.test_golden import assert_identical
from nnstudio.engine.numerics import FLOAT32, FLOAT64, dot, dot_each, outer_each


def stacks(draw_seed, rows, width, dtype):
    rng = np.random.default_rng(draw_seed)
    scale = 10.0 ** rng.integers(-4, 5)
    matrices = (rng.standard_normal((rows, width, width)) * scale).astype(dtype)
    matrices[rng.random(matrices.shape) < 0.1] = 0.0  # zeros, of both signs below
    matrices[rng.random(matrices.shape) < 0.05] = -0.0
    vectors = (rng.standard_normal((rows, width)) * scale).astype(dtype)
    return matrices, vectors


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 12), st.sampled_from([1, 2, 3, 5, 16, 70]),
       st.sampled_from([FLOAT32, FLOAT64]))
def test_dot_each_is_dot_pair_by_pair(seed, rows, width, dtype):
    matrices, vectors = stacks(seed, rows, width, dtype)
    expected = np.array([dot(m, v) for m, v in zip(matrices, vectors, strict=True)], dtype=dtype).reshape(rows, width)
    assert_identical(dot_each(matrices, vectors), expected)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 12), st.sampled_from([1, 2, 3, 5, 16, 70]),
       st.sampled_from([FLOAT32, FLOAT64]))
def test_outer_each_is_a_column_dotted_with_its_row(seed, rows, width, dtype):
    _, vectors = stacks(seed, rows, width, dtype)
    vectors = np.abs(vectors)  # a Softmax's outputs, whose outer products outer_each takes
    expected = np.array([dot(v.reshape(-1, 1), v.reshape(1, -1)) for v in vectors], dtype=dtype)
    assert_identical(outer_each(vectors), expected.reshape(rows, width, width))

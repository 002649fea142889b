"""The book's data sets, exactly as ``nnfs.init(random_seed=seed); spiral_data(...)`` makes them.

``nnfs.init()`` makes ``np.zeros`` and ``np.random.randn`` return float32; we draw from our own
``RandomState(seed)`` (the stream ``np.random.seed(seed)`` gives) and cast where the book's
patched numpy would, so the global random state and numpy itself are left alone.
"""

import numpy as np


def _labelled_points(samples, classes, seed, arm):
    """``classes`` groups of ``samples`` points, group ``k`` drawn by ``arm(rng, k, samples)``,
    stored in float32 with uint8 labels as ``nnfs.init()``'s patched ``np.zeros`` makes them."""
    if samples < 1 or classes < 1:
        raise ValueError(f"a data set needs at least 1 sample and 1 class, got samples={samples}, classes={classes}")
    rng = np.random.RandomState(seed)
    X = np.zeros((samples * classes, 2), dtype=np.float32)
    y = np.zeros(samples * classes, dtype=np.uint8)
    for class_number in range(classes):
        ix = range(samples * class_number, samples * (class_number + 1))
        X[ix] = arm(rng, class_number, samples)
        y[ix] = class_number
    return X, y


def _spiral_arm(rng, class_number, samples):
    r = np.linspace(0.0, 1, samples)
    noise = rng.randn(samples).astype(np.float32) * 0.2
    t = np.linspace(class_number * 4, (class_number + 1) * 4, samples) + noise
    return np.c_[r * np.sin(t * 2.5), r * np.cos(t * 2.5)]


def _vertical_blob(rng, class_number, samples):
    return np.c_[
        rng.randn(samples).astype(np.float32) * 0.1 + class_number / 3,
        rng.randn(samples).astype(np.float32) * 0.1 + 0.5,
    ]


def spiral(samples, classes, seed=0):
    """``classes`` interleaved spiral arms of ``samples`` points each: float32 X (N × 2), uint8 y."""
    return _labelled_points(samples, classes, seed, _spiral_arm)


def vertical(samples, classes, seed=0):
    """``classes`` vertical blobs of ``samples`` points each: float32 X (N × 2), uint8 y."""
    return _labelled_points(samples, classes, seed, _vertical_blob)


MINI_BATCH_SEED = 0


def mini_batch_order(n):
    """The order mini-batches take a batch's ``n`` rows in: shuffled once, the same for every
    epoch, as the book shuffles its data before training in batches (chapter 19; a batch sorted
    by class would otherwise give batches of one class)."""
    return np.random.RandomState(MINI_BATCH_SEED).permutation(n)


def held_out_rows(n, share, seed):
    """Split ``n`` rows as TensorFlow Playground's "ratio of training to test data" does: ``share``
    percent of them (at least one, and never all) held out as test data, chosen by
    ``RandomState(seed).permutation(n)``. Returns ``(training rows, test rows)``, each in the data
    set's order; no test rows when there are fewer than two rows to split."""
    if n < 2:
        return np.arange(n), np.arange(0)
    count = min(max(1, round(n * share / 100)), n - 1)
    test = np.sort(np.random.RandomState(seed).permutation(n)[:count])
    return np.setdiff1d(np.arange(n), test), test

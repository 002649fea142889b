"""TensorFlow Playground's data sets, drawn by its formulas: each class where Playground puts it."""

import numpy as np
import pytest

from nnstudio.engine.playground_data import PLAYGROUND_DATA, circle, gaussian, two_spirals, xor


@pytest.mark.parametrize("name", PLAYGROUND_DATA)
def test_two_classes_of_samples_each_in_the_books_dtypes_the_same_for_a_seed(name):
    make = PLAYGROUND_DATA[name]
    X, y = make(50, seed=3, noise=0.2)
    assert X.shape == (100, 2) and X.dtype == np.float32 and y.dtype == np.uint8
    assert set(np.unique(y)) <= {0, 1}
    again, _ = make(50, seed=3, noise=0.2)
    other, _ = make(50, seed=4, noise=0.2)
    assert np.array_equal(X, again) and not np.array_equal(X, other)
    assert np.abs(X).max() < 8


def test_without_noise_the_circle_is_a_disc_inside_a_ring():
    X, y = circle(200, seed=1)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert (radius[y == 0] <= 2.5).all() and (radius[y == 1] >= 3.5 - 1e-5).all()
    assert (y == 0).sum() == (y == 1).sum() == 200


def test_noise_moves_labels_across_the_circles_border():
    X, y = circle(500, seed=1, noise=0.5)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert (radius[y == 1] < 2.5).any() or (radius[y == 0] > 3.5).any()


def test_xor_labels_by_the_sign_of_the_product_away_from_the_axes():
    X, y = xor(200, seed=2)
    assert np.array_equal(y == 0, X[:, 0] * X[:, 1] >= 0)
    assert (np.abs(X) >= 0.3 - 1e-6).all()


def test_two_gaussians_around_their_centres_widening_with_noise():
    X, y = gaussian(2000, seed=0)
    assert np.allclose(X[y == 0].mean(axis=0), [2, 2], atol=0.1)
    assert np.allclose(X[y == 1].mean(axis=0), [-2, -2], atol=0.1)
    assert np.isclose(X[y == 0].var(axis=0).mean(), 0.5, rtol=0.1)
    wide, labels = gaussian(2000, seed=0, noise=0.5)
    assert np.isclose(wide[labels == 0].var(axis=0).mean(), 4.0, rtol=0.1)


def test_the_spirals_arms_start_at_the_centre_and_reach_radius_five():
    X, y = two_spirals(100, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius[0] == 0 and np.isclose(radius[99], 5 * 99 / 100)
    assert np.allclose(X[y == 0], -X[y == 1], atol=1e-6)  # half a turn apart, without noise

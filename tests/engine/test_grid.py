"""Decision regions: the network evaluated at every point of a 2-D grid."""

import numpy as np
import pytest

from nnstudio.engine import NUMERICS, Dense, Network, ReLU, Softmax, decision_grid


@pytest.mark.parametrize("numerics", sorted(NUMERICS))
@pytest.mark.parametrize("resolution", [1, 2, 7])
def test_decision_grid_is_the_forward_pass_at_each_grid_point(numerics, resolution):
    network = Network([Dense(2, 5), ReLU(), Dense(5, 3), Softmax()])
    network.astype(NUMERICS[numerics])
    network.initialise(3, 0.5)
    x_range, y_range = (-1.0, 2.0), (-3.0, 0.5)

    grid = decision_grid(network, x_range, y_range, resolution)

    assert grid.shape == (resolution, resolution, 3)
    assert grid.dtype == NUMERICS[numerics]
    xs = np.linspace(*x_range, resolution)
    ys = np.linspace(*y_range, resolution)
    # rows run along y and columns along x, as an image of the plane is laid out
    points = np.array([[x, y] for y in ys for x in xs])
    assert np.array_equal(grid.reshape(-1, 3), network.forward(points))
    for row, y in enumerate(ys):
        for column, x in enumerate(xs):
            assert np.allclose(grid[row, column], network.forward(np.array([[x, y]]))[0], rtol=1e-6, atol=0)


def test_decision_grid_corners_are_the_range_corners():
    network = Network([Dense(2, 2)])
    network.layers[0].weights = np.eye(2)  # the output is the point itself
    grid = decision_grid(network, (-1.0, 3.0), (5.0, 6.0), 4)
    assert np.array_equal(grid[0, 0], [-1.0, 5.0])
    assert np.array_equal(grid[0, -1], [3.0, 5.0])
    assert np.array_equal(grid[-1, 0], [-1.0, 6.0])
    assert np.array_equal(grid[-1, -1], [3.0, 6.0])

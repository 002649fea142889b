"""The network evaluated over a grid of 2-D points, for painting decision regions."""

import numpy as np


def grid_points(x_range, y_range, resolution):
    """``resolution × resolution`` points covering the rectangle, row-major (y rows, x columns)."""
    xs = np.linspace(x_range[0], x_range[1], resolution)
    ys = np.linspace(y_range[0], y_range[1], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    return np.column_stack([grid_x.ravel(), grid_y.ravel()])


def decision_grid(network, x_range, y_range, resolution):
    """The network's outputs at every grid point, shaped (resolution, resolution, n_outputs):
    one forward pass over all points at once."""
    points = grid_points(x_range, y_range, resolution)
    output = network.forward(points)
    return output.reshape(resolution, resolution, -1)


def layer_grids(network, points, resolution):
    """What every layer computes over the plane: one traced forward pass over the grid ``points``
    (``resolution × resolution`` of them, row-major), each layer's output by stack index, shaped
    (resolution, resolution, its width) — the maps of every neuron at once."""
    trace = network.trace(points)
    return {index: trace.layer_output(index).reshape(resolution, resolution, -1)
            for index in range(len(network.layers))}

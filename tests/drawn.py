"""What a plot's class scatters draw, read back through pyqtgraph's public ``points()``."""

import numpy as np


def drawn_points(scatters):
    """Every point ``scatters`` draw, as (x, y, fill colour name), scatter by scatter."""
    return [(p.pos().x(), p.pos().y(), p.brush().color().name()) for item in scatters for p in item.points()]


def losses_drawn(loss_plot):
    """Each sample's loss as the loss plot draws it (sample i at x = i), in sample order."""
    points = sorted((x, y) for x, y, _ in drawn_points(loss_plot.losses.items))
    assert [x for x, _ in points] == list(range(len(points)))
    return np.array([y for _, y in points])

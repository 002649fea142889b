"""Points coloured by class, drawn as one scatter per class.

Given a brush or a pen per point, pyqtgraph styles the points one by one in Python (0.6 s for
100 000 points, on every new batch). A scatter of one class has one style, which
``place_points`` gives all its points at once.
"""

import numpy as np

from .pyqtgraph_private import place_points


class ClassScatters:
    """The scatters of a plot's classes, made as classes come and kept (empty) when they go."""

    def __init__(self, plot_item, make_scatter):
        self.plot_item = plot_item
        self._make_scatter = make_scatter  # class -> a scatter in that class's style
        self.items = []  # the scatter of class c at c
        self._visible = True
        self._grouped = None  # (the labels last shown, the batch order of each class's rows, class ends)

    def show(self, xs, ys, labels):
        """Show point i at (``xs[i]``, ``ys[i]``) in the style of class ``labels[i]``; each class's
        points in batch order."""
        count = int(labels.max()) + 1 if len(labels) else 0
        while len(self.items) < count:
            item = self._make_scatter(len(self.items))
            item.setVisible(self._visible)
            self.plot_item.addItem(item)
            self.items.append(item)
        order, ends = self._group(labels)
        for c, item in enumerate(self.items):
            rows = order[ends[c] : ends[c + 1]]
            place_points(item, xs[rows], ys[rows])

    def _group(self, labels):
        """Each class's rows, by a stable sort of the labels cut at each class's end: worked out
        again only for other labels (an edit of a weight keeps them)."""
        if self._grouped is None or self._grouped[0] is not labels or len(self._grouped[2]) != len(self.items) + 1:
            order = np.argsort(labels, kind="stable")
            ends = np.searchsorted(labels[order], np.arange(len(self.items) + 1))
            self._grouped = (labels, order, ends)
        return self._grouped[1:]

    def clear(self):
        self.show(np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.intp))

    def set_visible(self, visible):
        self._visible = visible
        for item in self.items:
            item.setVisible(visible)

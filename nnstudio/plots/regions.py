"""Decision regions: the network evaluated by the engine over a grid of 2-D points, as an image.

The grid is fixed by a rectangle over the data; a resolution of n puts n × n pixels in it, each
evaluated at its centre, so a coarse image and a fine one cover exactly the same area. Both are
evaluated off the GUI thread (numpy releases the GIL), the coarse one while the GUI thread paints
the other panels, and each is delivered only if no newer request has been made meanwhile.
"""

import numpy as np
from PySide6.QtCore import QObject, QRectF, Signal

from nnstudio.document.palette import class_color
from nnstudio.engine import Sigmoid, Softmax, grid_points
from nnstudio.qt_helpers.latest_job import LatestJob

CHUNK = 1000  # grid points per forward pass: small enough for the arrays to stay in the CPU cache
# (measured: a 200 × 200 grid through 2-64-3 in 27 ms, against 40 ms in chunks of 2000)
MIN_TINT, MAX_TINT = 0.12, 0.6  # how much class colour a region pixel gets, least to most confident
COARSE_BUDGET = 288_000  # multiply-adds of an in-frame pass: 30 × 30 points through a 2-64-3 network
MIN_COARSE, MAX_COARSE = 20, 40  # pixels a side of the in-frame image


def multiply_adds(layers):
    """Multiply-adds of one point through ``layers``: one per weight."""
    return sum(layer.weights.size for layer in layers if hasattr(layer, "weights"))


def affordable_resolution(layers, budget, least, most):
    """Pixels a side of a grid whose points go through ``layers`` for at most ``budget``
    multiply-adds, within ``least``…``most``."""
    return int(np.clip(np.sqrt(budget / max(multiply_adds(layers), 1)), least, most))


def coarse_resolution(network):
    """Pixels a side of the image painted at once on an edit: as many as COARSE_BUDGET pays for
    through ``network``, within MIN_COARSE…MAX_COARSE."""
    return affordable_resolution(network.layers, COARSE_BUDGET, MIN_COARSE, MAX_COARSE)


def class_rgb(n_classes):
    """The class colours as an ``n_classes × 3`` float array."""
    return np.array([class_color(i).getRgb()[:3] for i in range(n_classes)], dtype=np.float32)


def region_image(outputs, colours, discrete=False):
    """An RGB uint8 image of the predicted class at each grid point, tinted by confidence (or, when
    ``discrete``, by the predicted class alone: TensorFlow Playground's "Discretize output").

    ``outputs`` is ``rows × columns × classes`` and ``colours`` the ``class_rgb`` of as many
    classes; outputs that are not probabilities (no Softmax at the end) are put through one so the
    confidence still reads from 1/classes to 1. A single output is the probability of class 1 (a
    Sigmoid's, chapter 16; put through one if it is not a probability): class 1 above 0.5."""
    rows, columns, n_classes = outputs.shape
    if n_classes == 1:
        p = outputs.reshape(-1)
        if (p < 0).any() or (p > 1).any():
            with np.errstate(over="ignore"):  # e^−x past the largest float: the probability is 0, as its limit
                p = Sigmoid.activate(p)
        outputs, n_classes = np.stack([1 - p, p], axis=-1), 2
    if len(colours) < n_classes:  # colours chosen for an older network than the one evaluated
        colours = class_rgb(n_classes)
    flat = outputs.reshape(-1, n_classes)
    if not np.allclose(flat.sum(axis=1), 1, atol=1e-3) or (flat < 0).any():
        flat = Softmax().forward(flat)
    predicted = flat.argmax(axis=1)
    confidence = flat.max(axis=1).astype(np.float32)
    chance = 1.0 / n_classes
    certainty = (confidence - chance) / (1 - chance) if n_classes > 1 else np.ones_like(confidence)
    tint = MIN_TINT + (MAX_TINT - MIN_TINT) * (np.ones_like(certainty) if discrete else certainty)
    white = np.float32(255)
    rgb = white - (white - colours[predicted]) * tint[:, None]
    return rgb.astype(np.uint8).reshape(rows, columns, 3)


def pixel_centres(rect, resolution, dtype):
    """The centres of a ``resolution × resolution`` split of ``rect``, row-major (y rows, x columns),
    stored in ``dtype`` so the engine does not have to cast them on every edit: the engine's grid
    over the rectangle brought in by half a pixel on every side."""
    half_width, half_height = rect.width() / resolution / 2, rect.height() / resolution / 2
    x_range = (rect.left() + half_width, rect.right() - half_width)
    y_range = (rect.top() + half_height, rect.bottom() - half_height)
    with np.errstate(over="ignore"):  # a grid beyond float32's reach: the engine then refuses it
        return grid_points(x_range, y_range, resolution).astype(dtype)


def evaluate(network, points, resolution, cancelled=lambda: False):
    """The network's outputs at ``points``, shaped ``resolution × resolution × outputs``, or None
    when ``cancelled()`` turned true between two chunks."""
    outputs = []
    for start in range(0, len(points), CHUNK):
        if cancelled():
            return None
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow comes back as a ValueError
            outputs.append(network.forward(points[start : start + CHUNK]))
    return np.concatenate(outputs).reshape(resolution, resolution, -1)


class RegionGrid:
    """The pixel centres of every resolution asked for, for one rectangle and dtype, made once."""

    def __init__(self, rect, dtype=np.float64):
        self.rect = QRectF(rect)
        self.dtype = np.dtype(dtype)
        self._points = {}

    def fits(self, rect, dtype):
        return self.rect == rect and self.dtype == np.dtype(dtype)

    def points(self, resolution):
        if resolution not in self._points:
            self._points[resolution] = pixel_centres(self.rect, resolution, self.dtype)
        return self._points[resolution]


class RegionJobs(QObject):
    """Paints region images on a pool thread (``LatestJob``), or at once when they cost no more than
    COARSE_BUDGET: each ``request`` supersedes the ones before it, a superseded evaluation stops
    at its next chunk and its image is never delivered."""

    finished = Signal(int, int)  # the request's number and resolution: its image is ready (or it overflowed)

    def __init__(self):
        super().__init__()
        self._job = LatestJob()
        self._job.finished.connect(self._on_finished)
        self._resolutions = {}  # request number → the resolution it paints at

    def take_image(self, number):
        """The image of request ``number`` (None when it overflowed), once ``finished`` said so."""
        return self._job.take(number)[0]

    def request(self, network, points, resolution, colours, discrete=False):
        """Evaluate ``network`` (a copy no one else touches) at ``points``, in the background unless
        cheap, and paint its ``region_image``; ``finished`` says when (before returning, if cheap)."""

        def paint(cancelled):
            outputs = evaluate(network, points, resolution, cancelled)
            return None if outputs is None else region_image(outputs, colours, discrete)

        # Within the in-frame budget the image is painted here, at once: a thread's image is
        # delivered only after the rest of the change's slots and several of its paints, and the
        # plot waits for it (with every panel on screen, a 2-8-8-3 edit's plot was painted 8 ms
        # later and its whole edit took about 2.5 ms longer: benchmarks/ui_latency.py).
        at_once = len(points) * multiply_adds(network.layers) <= COARSE_BUDGET
        number = (self._job.run_now if at_once else self._job.request)(paint)
        self._resolutions = {number: resolution}
        if at_once:
            self.finished.emit(number, resolution)
        return number

    def cancel(self):
        """Drop whatever is being evaluated."""
        self._job.cancel()

    def is_latest(self, number):
        return self._job.is_latest(number)

    def _on_finished(self, number):
        self.finished.emit(number, self._resolutions.get(number, 0))

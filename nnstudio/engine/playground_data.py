"""TensorFlow Playground's classification data sets: circle, XOR, two Gaussians and its two-arm
spiral, each of two classes with a noise level, as its ``dataset.ts`` draws them (the same formulas;
the random numbers come from ``RandomState(seed)``, not from the browser's generator).

Class 0 is Playground's positive (blue) class, class 1 its negative (orange) one. ``samples`` are per
class, as for the book's data sets; ``noise`` is Playground's slider divided by 100 (0 to 0.5).
Points are stored in float32 with uint8 labels, as the book's data sets are.
"""

import numpy as np

RADIUS = 5.0  # Playground's data span about −6 … 6 on both axes
MAX_NOISE = 0.5


def _labelled(points, labels):
    return np.asarray(points, dtype=np.float32), np.asarray(labels, dtype=np.uint8)


def circle(samples, seed=0, noise=0.0):
    """A disc of class 0 inside a ring of class 1; noise moves points across the border (the label is
    taken where the point would be with the noise added)."""
    rng = np.random.RandomState(seed)
    points, labels = [], []
    for low, high in ((0.0, RADIUS * 0.5), (RADIUS * 0.7, RADIUS)):
        r = rng.uniform(low, high, samples)
        angle = rng.uniform(0, 2 * np.pi, samples)
        x, y = r * np.sin(angle), r * np.cos(angle)
        noise_x, noise_y = rng.uniform(-RADIUS, RADIUS, (2, samples)) * noise
        points.append(np.c_[x, y])
        labels.append(np.where(np.hypot(x + noise_x, y + noise_y) < RADIUS * 0.5, 0, 1))
    return _labelled(np.concatenate(points), np.concatenate(labels))


def xor(samples, seed=0, noise=0.0):
    """Four quadrants, class 0 where x·y ≥ 0 (with the noise added), points kept 0.3 off the axes."""
    rng = np.random.RandomState(seed)
    n = 2 * samples
    x, y = rng.uniform(-5, 5, (2, n))
    x, y = x + np.where(x > 0, 0.3, -0.3), y + np.where(y > 0, 0.3, -0.3)
    noise_x, noise_y = rng.uniform(-5, 5, (2, n)) * noise
    return _labelled(np.c_[x, y], np.where((x + noise_x) * (y + noise_y) >= 0, 0, 1))


def gaussian(samples, seed=0, noise=0.0):
    """Two Gaussian clouds around (2, 2) (class 0) and (−2, −2) (class 1); noise widens them (a
    variance from 0.5 at no noise to 4 at the most)."""
    rng = np.random.RandomState(seed)
    variance = 0.5 + (4 - 0.5) * noise / MAX_NOISE
    centres = ((2, 2), (-2, -2))
    points = [rng.normal(centre, np.sqrt(variance), (samples, 2)) for centre in centres]
    return _labelled(np.concatenate(points), np.repeat([0, 1], samples))


def two_spirals(samples, seed=0, noise=0.0):
    """Playground's spiral: two arms of 1.75 turns, the second half a turn after the first."""
    rng = np.random.RandomState(seed)
    points = []
    i = np.arange(samples)
    for delta in (0.0, np.pi):
        r = i / samples * RADIUS
        t = 1.75 * i / samples * 2 * np.pi + delta
        x = r * np.sin(t) + rng.uniform(-1, 1, samples) * noise
        y = r * np.cos(t) + rng.uniform(-1, 1, samples) * noise
        points.append(np.c_[x, y])
    return _labelled(np.concatenate(points), np.repeat([0, 1], samples))


# Each data set by the name the batch, the Source box and project files use.
PLAYGROUND_DATA = {"circle": circle, "xor": xor, "gaussian": gaussian, "two spirals": two_spirals}

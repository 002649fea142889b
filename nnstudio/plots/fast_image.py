"""An ImageItem that turns the app's two kinds of image into pixels itself.

The region image (RGB bytes) and the output heatmap (floats through a colour map) are replaced on
every edit. pyqtgraph's general conversion takes about 0.6 ms for either, mostly in Python, and
hands Qt a format (RGB888, Indexed8) that the painter converts again on every paint. Here either
is packed in a few numpy operations straight into the raster engine's own 32-bit format, so a
paint is a plain scaled blit. Any other image goes through pyqtgraph, converted once after.
"""

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage

from .pyqtgraph_private import image_to_draw, rendered, set_rendered

NATIVE_FORMAT = QImage.Format.Format_ARGB32_Premultiplied
OPAQUE = np.uint32(0xFF000000)


def packed_rgb(red, green, blue):
    """32-bit opaque pixels (0xAARRGGBB) from three uint8 arrays of one shape."""
    return OPAQUE | red.astype(np.uint32) << 16 | green.astype(np.uint32) << 8 | blue.astype(np.uint32)


def lut_indices(image, levels, n_colours):
    """Each value's entry in a lookup table of ``n_colours`` spread over ``levels``, as pyqtgraph
    picks it: the levels' span cut into equal slices, values beyond it clipped to the ends.

    pyqtgraph's arithmetic (in the image's dtype) is followed where it holds. For levels so close
    together that slices per unit overflow the dtype (±1e-45 in float32), or so far apart that
    their span does (±1e308), it would give 0·∞ = NaN, and NaN no index; there the values are first
    scaled by the levels' reach, in float64."""
    low, high = float(levels[0]), float(levels[1])  # Python floats: the arithmetic stays in the image's dtype
    span = (high - low) or 1.0
    with np.errstate(over="ignore"):  # an overflow here is what the test below is for
        per_unit = image.dtype.type(n_colours / span) if math.isfinite(span) else 0.0
    if not 0 < per_unit < np.inf:
        reach = max(abs(low), abs(high))
        image, low, high = image.astype(np.float64) / reach, low / reach, high / reach
        per_unit = n_colours / ((high - low) or 1.0)
    with np.errstate(over="ignore"):  # a value far beyond the levels goes to ±∞, then to an end
        return np.clip((image - low) * per_unit, 0, n_colours - 1).astype(np.intp)


class FastImageItem(pg.ImageItem):
    def render(self):
        pixels = self._packed_pixels()
        if pixels is None:
            super().render()
            picture = rendered(self)
            if picture is not None and picture.format() != NATIVE_FORMAT:
                set_rendered(self, picture.convertToFormat(NATIVE_FORMAT))
            return
        rows, columns = pixels.shape
        self._pixels = pixels  # the QImage reads this buffer: it must live as long as the image
        set_rendered(self, QImage(pixels.data, columns, rows, 4 * columns, NATIVE_FORMAT))

    def _packed_pixels(self):
        """The image as 32-bit pixels, rows first, or None for a kind this class leaves to pyqtgraph."""
        drawn = image_to_draw(self)
        if drawn is None or drawn[0] is None or drawn[0].size == 0:
            return None
        image, lut, levels = drawn
        if image.ndim == 3 and image.shape[2] == 3 and image.dtype == np.uint8 and lut is None:
            return packed_rgb(image[..., 0], image[..., 1], image[..., 2])
        usable_lut = isinstance(lut, np.ndarray) and lut.dtype == np.uint8 and lut.ndim == 2 \
            and (lut.shape[1] == 3 or (lut.shape[1] == 4 and (lut[:, 3] == 255).all()))
        if image.ndim == 2 and image.dtype.kind == "f" and usable_lut and levels is not None \
                and np.ndim(levels) == 1 and np.isfinite(levels).all() and np.isfinite(image).all():
            colours = lut[lut_indices(image, levels, len(lut))]
            return packed_rgb(colours[..., 0], colours[..., 1], colours[..., 2])
        return None

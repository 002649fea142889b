"""The image item's own pixel packing shows what pyqtgraph's general conversion shows."""

import numpy as np
import pyqtgraph as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PySide6.QtGui import QImage

from nnstudio.plots.fast_image import NATIVE_FORMAT, FastImageItem, lut_indices


def pixels(item):
    """What the item hands the painter, as 0xAARRGGBB values, rows first."""
    item.render()
    image = item.qimage.convertToFormat(NATIVE_FORMAT)
    buffer = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.height() * image.bytesPerLine() // 4)
    return buffer.reshape(image.height(), -1)[:, : image.width()].copy()


def pyqtgraph_pixels(image, **options):
    item = pg.ImageItem(axisOrder="row-major")
    item.setImage(image, **options)
    return pixels(item)


def fast_pixels(image, **options):
    item = FastImageItem(axisOrder="row-major")
    item.setImage(image, **options)
    assert item._packed_pixels() is not None  # the fast path, not pyqtgraph's
    return pixels(item)


@settings(max_examples=30, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(1, 12), st.integers(1, 12), st.just(3))))
def test_rgb_bytes_are_the_same_pixels(qapp, image):
    np.testing.assert_array_equal(fast_pixels(image, levels=(0, 255)), pyqtgraph_pixels(image, levels=(0, 255)))


@pytest.mark.parametrize("colour_map", ["viridis", "CET-D1"])
@settings(max_examples=30, deadline=None)
@given(image=arrays(np.float32, st.tuples(st.integers(1, 40), st.integers(1, 5)),
                    elements=st.floats(-3, 3, width=32)),
       low=st.floats(-2, 0), width=st.floats(0.01, 4))
def test_floats_through_a_colour_map_are_the_same_pixels(qapp, colour_map, image, low, width):
    lut = pg.colormap.get(colour_map).getLookupTable(nPts=256)
    options = {"levels": (low, low + width), "lut": lut}
    np.testing.assert_array_equal(fast_pixels(image, **options), pyqtgraph_pixels(image, **options))


def test_an_image_it_does_not_pack_is_left_to_pyqtgraph(qapp):
    image = np.array([[0.0, np.nan], [1.0, 0.5]], dtype=np.float32)  # a NaN: pyqtgraph makes it transparent
    item = FastImageItem(axisOrder="row-major")
    item.setImage(image, levels=(0, 1), lut=pg.colormap.get("viridis").getLookupTable(nPts=256))
    assert item._packed_pixels() is None
    item.render()
    assert item.qimage.format() == QImage.Format.Format_ARGB32_Premultiplied
    assert pixels(item)[0, 1] >> 24 == 0  # transparent, as pyqtgraph draws it


def test_levels_too_close_for_float32_still_pick_each_values_colour():
    # 256 slices over ±1.4e-45 (float32's smallest step) are 9e46 a unit, past float32's largest value
    image = np.array([[-1.4e-45, 0.0, 1.4e-45]], dtype=np.float32)
    np.testing.assert_array_equal(lut_indices(image, (image.min(), image.max()), 256), [[0, 128, 255]])


def test_levels_wider_than_the_largest_float_still_pick_each_values_colour():
    # ±1.5e308 spans 3e308, past float64's largest value; the values sit at a sixth, the middle, five sixths
    image = np.array([[-1e308, 0.0, 1e308]])
    np.testing.assert_array_equal(lut_indices(image, (-1.5e308, 1.5e308), 256), [[42, 128, 213]])

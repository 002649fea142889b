"""The palette's images colour every cell as the single-value colours do (the neuron maps use them)."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnstudio.document.palette import class_color, class_tint_image, diverging_color, diverging_image

values = st.floats(allow_nan=True, allow_infinity=True, width=64)
scales = st.one_of(st.just(0.0), st.floats(min_value=1e-300, max_value=1e300))


@given(arrays(np.float64, (3, 2, 4), elements=values), st.lists(scales, min_size=4, max_size=4))
def test_each_cell_of_a_stack_of_maps_has_the_colour_of_its_value_on_its_own_columns_scale(grid, column_scales):
    image = diverging_image(grid, np.array(column_scales))
    assert image.shape == (3, 2, 4, 3) and image.dtype == np.uint8
    for index in np.ndindex(grid.shape):
        assert tuple(image[index]) == diverging_color(grid[index], column_scales[index[-1]]).getRgb()[:3]


@given(arrays(np.float64, (2, 3), elements=values), scales)
def test_one_scale_for_the_whole_image(grid, scale):
    image = diverging_image(grid, scale)
    for index in np.ndindex(grid.shape):
        assert tuple(image[index]) == diverging_color(grid[index], scale).getRgb()[:3]


def test_each_column_of_a_stack_of_class_maps_takes_its_own_class_colour():
    probabilities = np.array([[[0.0, 1.0, 0.5]]])
    image = class_tint_image(probabilities, np.array([4, 1, 2]))
    assert tuple(image[0, 0, 0]) == (255, 255, 255)
    assert tuple(image[0, 0, 1]) == class_color(1).getRgb()[:3]
    assert np.array_equal(image[0, 0, 2], class_tint_image(probabilities[..., 2], 2)[0, 0])

"""What each neuron computes over the input plane, as images (TensorFlow Playground's neuron maps):
small in the network diagram's circles, large behind the data plot's points.

The plane is the decision regions' grid (``regions.pixel_centres``) at the resolution asked for;
one traced forward pass over it gives every neuron's map at once.
"""

import numpy as np

from nnstudio.document.palette import class_tint_image, diverging_image
from nnstudio.engine import BINARY, Network, Softmax, layer_grids, objective_for

from .regions import class_rgb, pixel_centres, region_image

INPUTS = -1  # the stack index the maps of the inputs themselves (x₀, x₁) are kept under


def plane_grids(layers, rect, resolution):
    """Each layer's output over a ``resolution``² grid of ``rect``, by stack index, with the inputs
    under INPUTS; raises ValueError when the network overflows somewhere on the plane."""
    network = Network(layers)
    points = pixel_centres(rect, resolution, network.dtype)
    with np.errstate(all="ignore"):  # an overflow is a ValueError from the engine
        grids = layer_grids(network, points, resolution)
    grids[INPUTS] = points.reshape(resolution, resolution, 2)
    return grids


def neuron_images(grids, layers, index, neurons):
    """The maps of ``neurons`` of the layer at stack ``index`` over the plane, as RGB uint8 images
    (neuron × rows × columns × 3, row 0 at the bottom of the plane), all at once: a class's
    probability in its class colour (the decision regions' colours, one class at a time), a single
    Sigmoid output's probability of class 1 as the decision regions draw it, any other value on the
    blue–white–red map scaled to each neuron's own largest size."""
    neurons = np.asarray(neurons, dtype=np.intp)
    values = grids[index][:, :, neurons]
    if index == len(layers) - 1 and objective_for(layers, values.shape[-1]) is BINARY:
        images = region_image(values, class_rgb(2))[:, :, None]
    elif index >= 0 and isinstance(layers[index], Softmax):
        images = class_tint_image(values, neurons)
    else:
        largest = np.where(np.isfinite(values), np.abs(values), 0).max(axis=(0, 1), initial=0)
        images = diverging_image(values, largest)
    return np.moveaxis(images, 2, 0)


def neuron_image(grids, layers, index, neuron):
    """Neuron ``neuron``'s map alone (as ``neuron_images`` draws it): rows × columns × 3."""
    return neuron_images(grids, layers, index, [neuron])[0]

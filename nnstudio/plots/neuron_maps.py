"""What each neuron computes over the input plane, as images (TensorFlow Playground's neuron maps):
small in the network diagram's circles, large behind the data plot's points.

The plane is the decision regions' grid (``regions.pixel_centres``) at the resolution asked for;
one traced forward pass over it gives every neuron's map at once.
"""

import numpy as np

from nnstudio.document.palette import class_tint_image, diverging_image
from nnstudio.engine import Network, Softmax, layer_grids

from .regions import pixel_centres

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


def neuron_image(grids, layers, index, neuron):
    """Neuron ``neuron`` of the layer at stack ``index`` over the plane, as an RGB uint8 image (row 0
    at the bottom of the plane): a class's probability in its class colour (the decision regions'
    colours, one class at a time), any other value on the blue–white–red map scaled to the
    neuron's own largest size."""
    values = grids[index][:, :, neuron]
    if index >= 0 and isinstance(layers[index], Softmax):
        return class_tint_image(values, neuron)
    finite = values[np.isfinite(values)]
    return diverging_image(values, float(np.abs(finite).max()) if finite.size else 0.0)

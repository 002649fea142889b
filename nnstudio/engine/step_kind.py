"""What every kind of step says about itself, whichever way it goes.

A trace step's ``kind`` is one of these objects, and everything that depends on the kind is read
from it: which way the step goes, what its rows and columns are, its label, how it computes and
how one of its values is explained. Views never match kinds by name, so a new kind of step (a
Sigmoid, a backward rule) is one new class in the module of its direction, and nothing else.
"""

from enum import Enum


class Direction(Enum):
    FORWARD = "forward"  # from the inputs to the loss
    BACKWARD = "backward"  # from the loss back to the weights
    UPDATE = "update"  # the optimizer's new weights and biases, from the gradients

    @property
    def arrow(self):
        """How a list of steps marks the way a step goes."""
        return {"forward": "\u2192", "backward": "\u2190", "update": "\u21bb"}[self.value]


FORWARD = Direction.FORWARD
BACKWARD = Direction.BACKWARD
UPDATE = Direction.UPDATE


class StepKind:
    """One kind of step. A kind is a single instance of its class; steps share it.

    Every kind has ``label(layer_name)`` and ``explain(trace, step, row, column, labels)``. A
    forward kind computed by a layer has ``compute(layer, inputs)`` (the layer's own rule, which
    stores nothing on it); a backward kind computed by a layer has ``result(layer)``, the gradient
    the layer's ``backward`` left on it."""

    name = ""  # a short identifier ("dot"), for code and tests; never shown
    direction = FORWARD
    rows = "sample"  # what one row of the result is
    columns = "neuron"  # what one column of the result is
    single_column = False  # one value per row, so the column is named ``columns`` alone ("loss")
    probabilities = False  # every value is a probability, and each row adds up to 1
    code = ""  # the book's numpy line for the step (the exported script's), shown by the stepper

    def column_names(self, step):
        """A name for each column of ``step``'s result, when ``columns`` and a number do not say it."""
        return None

    def __repr__(self):
        return f"<{self.direction.value} step {self.name!r}>"

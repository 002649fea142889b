"""What every kind of step says about itself, whichever way it goes.

A trace step's ``kind`` is one of these objects, and everything that depends on the kind is read
from it: which way the step goes, what its rows and columns are, its label, how it computes and
how one of its values is explained. Views never match kinds by name, so a new kind of step (a
Sigmoid, a backward rule) is one new class in the module of its direction, and nothing else.
"""

import re
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
    # The arrays ``code`` reads value by value, each value of the result from the one at its own
    # row and column (an activation's ``inputs``): ``cell_code`` indexes them so
    cell_operands = ()

    def cell_code(self, row, column):
        """``code`` for one value of the result, its operands indexed at that cell (ReLU's
        ``np.maximum(0, inputs[3, 1])``); None when the line does not read so."""
        if not self.cell_operands:
            return None
        return at_cell(self.code, self.cell_operands, row, column)

    def column_names(self, step):
        """A name for each column of ``step``'s result, when ``columns`` and a number do not say it."""
        return None

    def __repr__(self):
        return f"<{self.direction.value} step {self.name!r}>"


def at_cell(code, operands, row, column):
    """``code`` with each of the array names ``operands`` indexed at [``row``, ``column``]."""
    pattern = r"(?<![\w.])(" + "|".join(re.escape(name) for name in operands) + r")(?![\w.\[])"
    return re.sub(pattern, lambda match: f"{match.group(1)}[{row}, {column}]", code)

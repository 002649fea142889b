"""The kinds of step of the backward pass, in the order the gradient flows: the loss's gradient
(with the Softmax's, or each by its own rule), then each layer's from the last to the first.

A backward step is computed by its layer's ``backward`` (the book's rule, which stores the
gradients on the layer); the kind says which of them is its result. How a gradient is written out
with its numbers comes with the stepper's backward pass; until then each says so.
"""

from .arithmetic_text import Explanation
from .step_kind import BACKWARD, StepKind


class BackwardStep(StepKind):
    direction = BACKWARD

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        return Explanation(
            f"{step.label} — {self.rows} {row}, {self.columns} {column}",
            (),
            ("How this gradient is computed is not written out yet.",),
            value,
        )


class SoftmaxLossBackwardStep(BackwardStep):
    """The Softmax and the loss together: ``(probabilities − one_hot) / samples``."""

    name = "softmax_loss_backward"

    def label(self, layer_name):
        return "Softmax + loss: gradient"


class LossBackwardStep(BackwardStep):
    """The loss alone: ``−one_hot / probabilities / samples``, one value per class."""

    name = "loss_backward"
    columns = "class"

    def label(self, layer_name):
        return "Loss: gradient"


class ActivationBackwardStep(BackwardStep):
    """An activation's gradient on its inputs."""

    def label(self, layer_name):
        return f"{layer_name}: gradient"

    def result(self, layer):
        return layer.dinputs


class ReLUBackwardStep(ActivationBackwardStep):
    name = "relu_backward"


class SoftmaxBackwardStep(ActivationBackwardStep):
    name = "softmax_backward"


class DweightsStep(BackwardStep):
    name = "dweights"
    rows = "input"

    def label(self, layer_name):
        return f"{layer_name}: dweights = inputsᵀ · dvalues"

    def result(self, layer):
        return layer.dweights


class DbiasesStep(BackwardStep):
    name = "dbiases"
    rows = "row"  # one row: the sum over the samples

    def label(self, layer_name):
        return f"{layer_name}: dbiases = Σ dvalues"

    def result(self, layer):
        return layer.dbiases


class DinputsStep(BackwardStep):
    name = "dinputs"
    columns = "input"

    def label(self, layer_name):
        return f"{layer_name}: dinputs = dvalues · weightsᵀ"

    def result(self, layer):
        return layer.dinputs


SOFTMAX_LOSS_BACKWARD = SoftmaxLossBackwardStep()
LOSS_BACKWARD = LossBackwardStep()
RELU_BACKWARD = ReLUBackwardStep()
SOFTMAX_BACKWARD = SoftmaxBackwardStep()
DWEIGHTS = DweightsStep()
DBIASES = DbiasesStep()
DINPUTS = DinputsStep()

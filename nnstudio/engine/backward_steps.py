"""The kinds of step of the backward pass, in the order the gradient flows: the loss's gradient
(with the Softmax's, or each by its own rule), then each layer's from the last to the first.

A backward step is computed by its layer's ``backward`` (the book's rule, which stores the
gradients on the layer); the kind says which of them is its result and writes one of its values
out with the numbers that made it. A step's ``inputs`` are the ``dvalues`` its layer was given (the
gradient of the loss on the layer's output); its ``layer`` is the layer as ``backward`` left it,
so its forward ``inputs`` and ``output`` are at hand too.
"""

import numpy as np

from .arithmetic_text import MINUS, TIMES, Explanation, Formula, number, sum_formula, term
from .step_kind import BACKWARD, StepKind


def true_classes(labels):
    """Class indices from labels given as indices or as one-hot rows."""
    labels = np.asarray(labels)
    return np.argmax(labels, axis=1) if labels.ndim == 2 else labels


def chain_note(trace, step):
    """How the loss's gradient reached ``step``: every backward step before it, in order."""
    before = [s.label for s in trace.steps[: trace.steps.index(step)] if s.kind.direction is BACKWARD]
    if not before:
        return "This is where the backward pass starts: the gradient of the loss itself."
    return ("The chain rule: dvalues here is the loss's gradient carried back through "
            + " → ".join(before) + ", each step multiplying by its own local derivative.")


class BackwardStep(StepKind):
    direction = BACKWARD


class SoftmaxLossBackwardStep(BackwardStep):
    """The Softmax and the loss together: ``(probabilities − one_hot) / samples``."""

    code = "dinputs = dvalues.copy(); dinputs[range(samples), y_true] -= 1; dinputs / samples"

    def cell_code(self, row, column):
        return f"(dvalues[{row}, {column}] - ({column} == y_true[{row}])) / samples"

    name = "softmax_loss_backward"
    columns = "class"

    def label(self, layer_name):
        return "Softmax + loss: gradient"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        samples = len(step.output)
        probability = step.inputs[row, column]
        true_class = int(true_classes(labels)[row])
        if column == true_class:
            text = f"({number(probability)} {MINUS} 1) / {samples} = {number(value)}"
            note = (f"Class {column} is sample {row}'s true class: its probability {number(probability)}"
                    f" minus 1, over the {samples} samples of the batch.")
        else:
            text = f"{number(probability)} / {samples} = {number(value)}"
            note = (f"Class {column} is not sample {row}'s class ({true_class}): its probability"
                    f" {number(probability)} minus 0, over the {samples} samples.")
        notes = (note, "Taken together, the Softmax's and the loss's derivatives simplify to"
                 " (probabilities − one-hot labels) / samples: the book's chapter 9 shortcut.",
                 "A negative gradient means raising this output would lower the loss.")
        return Explanation(f"{step.label} — sample {row}, class {column}", (Formula(text),), notes, value)


class LossBackwardStep(BackwardStep):
    """The loss alone: ``−one_hot / probabilities / samples``, one value per class."""

    code = "-np.eye(labels)[y_true] / dvalues / samples"

    def cell_code(self, row, column):
        return f"-({column} == y_true[{row}]) / dvalues[{row}, {column}] / samples"

    name = "loss_backward"
    columns = "class"

    def label(self, layer_name):
        return "Loss: gradient"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        samples = len(step.output)
        probability = step.inputs[row, column]
        true_class = int(true_classes(labels)[row])
        one_hot = 1 if column == true_class else 0
        text = f"{MINUS}{one_hot} / {term(probability)} / {samples} = {number(value)}"
        notes = (f"The loss is −log of the true class's probability; its derivative is −1 / probability"
                 f" for the true class ({true_class}) and 0 for the others, divided by the {samples} samples"
                 " because the loss is their mean.",)
        return Explanation(f"{step.label} — sample {row}, class {column}", (Formula(text),), notes, value)


class BinaryLossBackwardStep(BackwardStep):
    """Binary cross-entropy alone (chapter 16): ``−(y / ŷ − (1 − y) / (1 − ŷ)) / outputs / samples``."""

    code = "-(y_true / clipped_dvalues - (1 - y_true) / (1 - clipped_dvalues)) / outputs / samples"
    cell_operands = ("y_true", "clipped_dvalues")

    name = "binary_loss_backward"

    def label(self, layer_name):
        return "Loss: gradient"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        samples, outputs = step.output.shape
        given = step.inputs[row, column]
        target = int(np.asarray(labels).reshape(samples, -1)[row, column])
        clipped = min(max(given, 1e-7), 1 - 1e-7)
        text = (f"{MINUS}({target} / {term(clipped)} {MINUS} (1 {MINUS} {target}) / (1 {MINUS} {number(clipped)}))"
                f" / {outputs} / {samples} = {number(value)}")
        notes = (f"Binary cross-entropy's derivative on the output ŷ is −(y / ŷ − (1 − y) / (1 − ŷ)), with y = {target}"
                 f" the sample's class; divided by the {outputs} output{'s' if outputs > 1 else ''} the sample's loss"
                 f" averages and the {samples} samples the batch's loss averages.",
                 "A negative gradient means raising this output would lower the loss.")
        return Explanation(f"{step.label} — sample {row}, output {column}", (Formula(text),), notes, value)


class ActivationBackwardStep(BackwardStep):
    """An activation's gradient on its inputs."""

    cell_operands = ("dvalues", "self.output", "self.inputs", "self.binary_mask")  # value by value

    def label(self, layer_name):
        return f"{layer_name}: gradient"

    def result(self, layer):
        return layer.dinputs


class ReLUBackwardStep(ActivationBackwardStep):
    code = "dinputs = dvalues.copy(); dinputs[self.inputs <= 0] = 0"

    def cell_code(self, row, column):
        return f"dvalues[{row}, {column}] if self.inputs[{row}, {column}] > 0 else 0"
    name = "relu_backward"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given = step.layer.inputs[row, column]
        dvalue = step.inputs[row, column]
        if given > 0:
            text = f"{number(dvalue)} = {number(value)}"
            note = f"ReLU's input {number(given)} > 0, so the gradient passes unchanged (ReLU's slope is 1 there)."
        else:
            text = f"0 = {number(value)}"
            note = f"ReLU's input {number(given)} ≤ 0, so the gradient is 0 (ReLU is flat there)."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),),
                           (note, chain_note(trace, step)), value)


class LeakyReLUBackwardStep(ActivationBackwardStep):
    code = "np.where(self.inputs > 0, dvalues, dvalues * 0.01)"
    name = "leaky_relu_backward"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given, dvalue = step.layer.inputs[row, column], step.inputs[row, column]
        if given > 0:
            text, note = f"{number(dvalue)} = {number(value)}", f"Its input {number(given)} > 0: the slope is 1."
        else:
            text = f"0.01 {TIMES} {term(dvalue)} = {number(value)}"
            note = f"Its input {number(given)} ≤ 0: the slope is 0.01, so a hundredth of the gradient passes."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),),
                           (note, chain_note(trace, step)), value)


class SigmoidBackwardStep(ActivationBackwardStep):
    code = "dvalues * (1 - self.output) * self.output"
    name = "sigmoid_backward"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        output, dvalue = step.layer.output[row, column], step.inputs[row, column]
        text = f"{term(dvalue)} {TIMES} (1 {MINUS} {number(output)}) {TIMES} {number(output)} = {number(value)}"
        notes = ("Sigmoid's derivative is σ(x)·(1 − σ(x)), written with its output: the book's"
                 " dvalues * (1 - self.output) * self.output.", chain_note(trace, step))
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), notes, value)


class TanhBackwardStep(ActivationBackwardStep):
    code = "dvalues * (1 - self.output**2)"
    name = "tanh_backward"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        output, dvalue = step.layer.output[row, column], step.inputs[row, column]
        text = f"{term(dvalue)} {TIMES} (1 {MINUS} {term(output)}²) = {number(value)}"
        notes = ("tanh's derivative is 1 − tanh(x)², written with its output.", chain_note(trace, step))
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), notes, value)


class LinearBackwardStep(ActivationBackwardStep):
    code = "dvalues.copy()"
    name = "linear_backward"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        notes = ("A linear activation's slope is 1: the gradient passes unchanged.", chain_note(trace, step))
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(number(value)),), notes, value)


class DropoutBackwardStep(ActivationBackwardStep):
    code = "dvalues * self.binary_mask"
    name = "dropout_backward"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        dvalue = step.inputs[row, column]
        mask = step.layer.binary_mask[row, column]
        text = f"{number(dvalue)} {TIMES} {number(mask)} = {number(value)}"
        if mask:
            note = "This value was kept in the forward pass: its gradient is scaled by the same 1 / (1 − rate)."
        else:
            note = "This value was dropped in the forward pass, so no gradient flows back through it."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),),
                           (note, chain_note(trace, step)), value)


class SoftmaxBackwardStep(ActivationBackwardStep):
    code = "np.dot(np.diagflat(s) - np.dot(s, s.T), dvalues[i])  # for each sample i, s its output as a column"

    def cell_code(self, row, column):
        return f"np.dot((np.diagflat(s) - np.dot(s, s.T))[{column}, :], dvalues[{row}, :])  # s: output {row}"
    name = "softmax_backward"
    columns = "class"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        outputs, dvalues = step.layer.output[row], step.inputs[row]
        products = [f"{term(s)}{TIMES}{term(d)}" for s, d in zip(outputs, dvalues, strict=True)]
        inner = sum_formula(products, "")
        formula = inner.within(f"{number(outputs[column])} {TIMES} ({number(dvalues[column])} {MINUS} (",
                               f")) = {number(value)}")
        notes = ("The Softmax's Jacobian diag(s) − s·sᵀ times the row's dvalues: output s_i times"
                 " (its dvalue minus the sum of every output times its dvalue).",
                 chain_note(trace, step))
        return Explanation(f"{step.label} — sample {row}, class {column}", (formula,), notes, value)


def penalty(layer, which, row, column):
    """The chapter 14 penalties' part of a Dense's gradient on ``which`` [row, column], written out
    (" + 2 × 0.0005 × 0.1234"), and a note; ("", ()) for a layer without penalties."""
    l1, l2 = ((layer.weight_regularizer_l1, layer.weight_regularizer_l2) if which == "weights"
              else (layer.bias_regularizer_l1, layer.bias_regularizer_l2))
    value = getattr(layer, which)[row, column]
    text = ""
    if l1 > 0:
        text += f" + {number(l1)} {TIMES} {'−1' if value < 0 else '1'}"
    if l2 > 0:
        text += f" + 2 {TIMES} {number(l2)} {TIMES} {term(value)}"
    if not text:
        return "", ()
    return text, (f"The layer's regularization (chapter 14) adds its penalty's slope: L1 {number(l1)} times the"
                  f" sign of the value, L2 2 × {number(l2)} times the value.",)


class DweightsStep(BackwardStep):
    code = "np.dot(self.inputs.T, dvalues)"

    def cell_code(self, row, column):
        return f"np.dot(self.inputs[:, {row}], dvalues[:, {column}])"
    name = "dweights"
    rows = "input"

    def label(self, layer_name):
        return f"{layer_name}: dweights = inputsᵀ · dvalues"

    def result(self, layer):
        return layer.dweights

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        inputs, dvalues = step.layer.inputs[:, row], step.inputs[:, column]
        products = list(zip(inputs, dvalues, strict=True))  # written out only as far as they are shown
        added, penalty_notes = penalty(step.layer, "weights", row, column)
        notes = (f"Weight [{row}, {column}] multiplies input {row} into neuron {column}, so its gradient is"
                 f" input {row} times neuron {column}'s dvalue, summed over the {len(inputs)} samples.",
                 *penalty_notes, chain_note(trace, step),
                 "The optimizer moves the weight against this gradient: a positive dweight lowers it.")
        return Explanation(f"{step.label} — input {row}, neuron {column}",
                           (sum_formula(products, f"{added} = {number(value)}", _product),), notes, value)


def _product(pair):
    return f"{term(pair[0])}{TIMES}{term(pair[1])}"


class DbiasesStep(BackwardStep):
    code = "np.sum(dvalues, axis=0, keepdims=True)"

    def cell_code(self, row, column):
        return f"np.sum(dvalues[:, {column}])"
    name = "dbiases"
    rows = "row"  # one row: the sum over the samples

    def label(self, layer_name):
        return f"{layer_name}: dbiases = Σ dvalues"

    def result(self, layer):
        return layer.dbiases

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        dvalues = step.inputs[:, column]
        added, penalty_notes = penalty(step.layer, "biases", row, column)
        notes = (f"A bias is added to every sample, with slope 1: its gradient is neuron {column}'s dvalues"
                 f" summed over the {len(dvalues)} samples.", *penalty_notes, chain_note(trace, step))
        return Explanation(f"{step.label} — neuron {column}",
                           (sum_formula(dvalues, f"{added} = {number(value)}", term),), notes, value)


class DinputsStep(BackwardStep):
    code = "np.dot(dvalues, self.weights.T)"

    def cell_code(self, row, column):
        return f"np.dot(dvalues[{row}, :], self.weights[{column}, :])"
    name = "dinputs"
    columns = "input"

    def label(self, layer_name):
        return f"{layer_name}: dinputs = dvalues · weightsᵀ"

    def result(self, layer):
        return layer.dinputs

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        dvalues, weights = step.inputs[row], step.layer.weights[column]
        products = [f"{term(d)}{TIMES}{term(w)}" for d, w in zip(dvalues, weights, strict=True)]
        notes = (f"Input {column} reaches every neuron through its weight: its gradient is each neuron's"
                 f" dvalue for sample {row} times that weight, summed. It becomes the dvalues of the layer before.",
                 chain_note(trace, step))
        return Explanation(f"{step.label} — sample {row}, input {column}",
                           (sum_formula(products, f" = {number(value)}"),), notes, value)


SOFTMAX_LOSS_BACKWARD = SoftmaxLossBackwardStep()
LOSS_BACKWARD = LossBackwardStep()
BINARY_LOSS_BACKWARD = BinaryLossBackwardStep()
RELU_BACKWARD = ReLUBackwardStep()
LEAKY_RELU_BACKWARD = LeakyReLUBackwardStep()
SIGMOID_BACKWARD = SigmoidBackwardStep()
TANH_BACKWARD = TanhBackwardStep()
LINEAR_BACKWARD = LinearBackwardStep()
SOFTMAX_BACKWARD = SoftmaxBackwardStep()
DROPOUT_BACKWARD = DropoutBackwardStep()
DWEIGHTS = DweightsStep()
DBIASES = DbiasesStep()
DINPUTS = DinputsStep()

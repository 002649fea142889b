"""The kinds of step of the forward pass: a Dense's product and bias, each activation, and the loss.

Each kind keeps together its label, what its rows and columns are, how it computes (by the
layer's own rule) and how one of its values is written out with the actual numbers. The result of
every formula is the engine's own value for that cell (never recomputed here); the terms come
from the step's inputs and the layer's weights and biases, formatted as the notebook's first
cells write them.
"""

import numpy as np

from .arithmetic_text import MINUS, TIMES, Explanation, Formula, counted, fraction, number, sum_formula, term
from .step_kind import StepKind, at_cell

CLIP = 1e-7  # the loss clips probabilities to [CLIP, 1 − CLIP], as the book does


def _products(inputs, weights, row, column):
    return [f"{term(x)}{TIMES}{term(w)}" for x, w in zip(inputs[row], weights[:, column], strict=True)]


class DotStep(StepKind):
    """``inputs · weights``, the first half of a Dense."""

    code = "np.dot(inputs, self.weights)"

    name = "dot"

    def cell_code(self, row, column):
        return f"np.dot(inputs[{row}, :], self.weights[:, {column}])"

    def label(self, layer_name):
        return f"{layer_name}: inputs · weights"

    def compute(self, layer, inputs):
        return layer.dot(inputs)

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        products = _products(step.inputs, step.layer.weights, row, column)
        notes = (
            f"Each of sample {row}'s {len(products)} inputs (row {row} of the inputs) is multiplied by its"
            f" weight to neuron {column} (column {column} of {step.layer_name}'s weights), and the products"
            " are added.",
        )
        return Explanation(
            f"{step.label} — sample {row}, neuron {column}",
            (sum_formula(products, f" = {number(value)}"),),
            notes,
            value,
        )


class BiasStep(StepKind):
    """``+ biases``, the second half of a Dense."""

    code = "np.dot(inputs, self.weights) + self.biases"

    def cell_code(self, row, column):
        return f"np.dot(inputs[{row}, :], self.weights[:, {column}]) + self.biases[0, {column}]"

    name = "bias"

    def label(self, layer_name):
        return f"{layer_name}: + biases"

    def compute(self, layer, inputs):
        return layer.add_biases(inputs)

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        layer = step.layer
        bias = layer.biases[0, column]
        dot_step = next(s for s in trace.steps if s.kind is DOT and s.layer_index == step.layer_index)
        products = _products(dot_step.inputs, layer.weights, row, column)
        neuron = sum_formula(products, f" + {term(bias)} = {number(value)}")
        short = f"{number(step.inputs[row, column])} + {term(bias)} = {number(value)}"
        notes = (
            f"The whole neuron: sample {row}'s inputs times neuron {column}'s weights, plus its bias"
            f" {number(bias)}.",
            f"The step before gave the dot product {number(step.inputs[row, column])}; this step adds the bias.",
        )
        return Explanation(
            f"{step.label} — sample {row}, neuron {column}",
            (neuron, Formula(short)),
            notes,
            value,
        )


class ActivationStep(StepKind):
    """A whole activation layer; it computes by the layer's rule, labelled by the layer's name."""

    cell_operands = ("inputs",)  # value by value (the Softmax reads its row: its own cell_code)

    def label(self, layer_name):
        return layer_name

    def compute(self, layer, inputs):
        return layer.activate(inputs)


class ReLUStep(ActivationStep):
    code = "np.maximum(0, inputs)"
    name = "relu"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given = step.inputs[row, column]
        text = f"max(0, {number(given)}) = {number(value)}"
        if given > 0:
            note = f"{number(given)} is positive, so ReLU passes it through unchanged."
        else:
            note = f"{number(given)} is not positive, so ReLU outputs 0."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), (note,), value)


class LeakyReLUStep(ActivationStep):
    code = "np.where(inputs > 0, inputs, inputs * 0.01)"
    name = "leaky_relu"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given = step.inputs[row, column]
        if given > 0:
            text, note = f"{number(given)} = {number(value)}", f"{number(given)} is positive: it passes unchanged."
        else:
            text = f"0.01 {TIMES} {term(given)} = {number(value)}"
            note = f"{number(given)} is not positive: Leaky ReLU keeps a hundredth of it (ReLU would give 0)."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), (note,), value)


class SigmoidStep(ActivationStep):
    code = "1 / (1 + np.exp(-inputs))"
    name = "sigmoid"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given = step.inputs[row, column]
        text = f"1 / (1 + e^{term(-given)}) = {number(value)}"
        note = "Sigmoid squeezes any value into (0, 1): large positive values come near 1, large negative near 0."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), (note,), value)


class TanhStep(ActivationStep):
    code = "np.tanh(inputs)"
    name = "tanh"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given = step.inputs[row, column]
        ex, e_x = f"e^{term(given)}", f"e^{term(-given)}"
        text = f"tanh({number(given)}) = ({ex} {MINUS} {e_x}) / ({ex} + {e_x}) = {number(value)}"
        note = "tanh squeezes any value into (−1, 1), keeping its sign; near 0 it is almost the value itself."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), (note,), value)


class LinearStep(ActivationStep):
    code = "inputs.copy()"
    name = "linear"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        note = "A linear activation passes each value on unchanged (the book's regression output)."
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(f"{number(value)}"),),
                           (note,), value)


class DropoutOffStep(StepKind):
    """A Dropout layer outside training: its values pass on unchanged."""

    code = "inputs  # as the book validates: no Dropout outside training"

    name = "dropout_off"

    def label(self, layer_name):
        return f"{layer_name} (off: not training)"

    def compute(self, layer, inputs):
        return layer.activate(inputs)

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        notes = (f"Dropout only acts while the network trains: here it passes the value on unchanged, as the"
                 f" book's validation runs without it (in training it drops each value with probability"
                 f" {number(step.layer.rate)}).",
                 "When the network can learn from the batch (class labels and a Softmax at the end), the Forward"
                 " pass panel walks a training epoch, and there this step applies the epoch's mask.")
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(number(value)),), notes, value)


class DropoutStep(StepKind):
    """A Dropout layer in training: each value times the epoch's mask, 0 (dropped) or 1 / (1 − rate)."""

    code = "inputs * (np.random.binomial(1, 1 - rate, size=inputs.shape) / (1 - rate))"

    name = "dropout"

    def label(self, layer_name):
        return f"{layer_name}: × mask (training)"

    def compute(self, layer, inputs):
        return layer.forward(inputs)  # draws the epoch's mask from the layer's stream, as the book's forward

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given = step.inputs[row, column]
        layer = step.layer
        keep = 1 - layer.rate
        if layer.binary_mask[row, column]:
            text = f"{number(given)} {TIMES} 1 / {number(keep)} = {number(value)}"
            note = (f"Kept this epoch (each value is kept with probability {number(keep)}), and divided by"
                    f" {number(keep)} so the layer's output keeps the size it has outside training.")
        else:
            text = f"{number(given)} {TIMES} 0 = {number(value)}"
            note = (f"Dropped this epoch: each value is dropped with probability {number(layer.rate)}, so the"
                    " next layer must learn not to rely on any single neuron.")
        notes = (note, "The mask is drawn anew every epoch from the layer's random stream (the book's"
                 " np.random.binomial); this is the mask the next training epoch uses.")
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), notes, value)


class SoftmaxStep(ActivationStep):
    def cell_code(self, row, column):
        shifted = f"np.exp(inputs[{row}, :] - np.max(inputs[{row}, :]))"
        return f"np.exp(inputs[{row}, {column}] - np.max(inputs[{row}, :])) / np.sum({shifted})"

    code = ("exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True)); exp_values /"
            " np.sum(exp_values, axis=1, keepdims=True)")
    name = "softmax"
    columns = "class"
    probabilities = True

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        values = step.inputs[row]
        peak = values.max()
        result = f" = {number(value)}"
        plain = [f"e^{term(x)}" for x in values]
        shifted = [f"e^({number(x)}{MINUS}{term(peak)})" for x in values]
        exps = np.exp(values.astype(np.float64) - float(peak))
        computed = [number(e) for e in exps]
        formulas = (
            fraction(plain[column], plain, result),
            fraction(shifted[column], shifted, result),
            fraction(computed[column], computed, result),
        )
        notes = (
            f"Softmax exponentiates each of sample {row}'s {len(values)} values and divides by their sum,"
            " so the row adds up to 1.",
            f"The engine first subtracts the row maximum ({number(peak)}) from every value, as the notebook"
            f" does to prevent overflow: e^(x{MINUS}{term(peak)}) = e^x / e^{term(peak)}, and e^{term(peak)}"
            " cancels in the fraction, so the result is the same.",
        )
        return Explanation(f"{step.label} — sample {row}, class {column}", formulas, notes, value)


class SampleLossStep(StepKind):
    """A loss with one value per sample, whose mean is the batch's loss."""

    columns = "loss"
    single_column = True

    def explanation(self, trace, step, row, title, sample_line, notes):
        """The explanation of sample ``row``'s loss: its own line, then the batch's mean."""
        losses = step.output
        mean = sum_formula(losses, "", number).within(f"mean of {counted(len(losses), 'loss')} = (",
                                                      f") / {len(losses)} = {number(trace.loss)}")
        notes = [*notes, f"The batch's loss is the mean over all {len(losses)} samples." if len(losses) > 1
                 else "The batch has one sample: its loss is the batch's loss."]
        return Explanation(title, (Formula(sample_line), mean), tuple(notes), losses[row])


class LossStep(SampleLossStep):
    """Categorical cross-entropy: one loss per sample, from the Softmax's probabilities."""

    code = "-np.log(np.clip(y_pred, 1e-7, 1 - 1e-7)[range(samples), y_true])"

    def cell_code(self, row, column):
        return f"-np.log(np.clip(y_pred[{row}, y_true[{row}]], 1e-7, 1 - 1e-7))"

    name = "loss"

    def label(self, layer_name):
        return "Loss: categorical cross-entropy"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row]
        target = np.asarray(labels)[row]
        true_class = int(np.argmax(target)) if np.ndim(target) else int(target)
        given = step.inputs[row, true_class]
        notes = [
            f"Sample {row} is of class {true_class}: its loss is minus the log of the probability the"
            f" Softmax gave class {true_class} (column {true_class} of the step before).",
        ]
        if given < CLIP:
            shown_p = "1e" + MINUS + "7"
            notes.append(
                f"The probability {number(given)} is clipped to 1e{MINUS}7, as the loss clips to"
                f" [1e{MINUS}7, 1 {MINUS} 1e{MINUS}7] so that log never sees 0."
            )
        elif given > 1 - CLIP:
            shown_p = f"1 {MINUS} 1e{MINUS}7"
            notes.append(
                f"The probability {number(given)} is clipped to 1 {MINUS} 1e{MINUS}7, as the loss clips to"
                f" [1e{MINUS}7, 1 {MINUS} 1e{MINUS}7] so that a sure answer is not rewarded without limit."
            )
        else:
            shown_p = number(given)
        sample_line = f"{MINUS}log({shown_p}) = {number(value)}"
        return self.explanation(trace, step, row, f"{step.label} — sample {row} (class {true_class})", sample_line,
                                notes)


class BinaryLossStep(SampleLossStep):
    """Binary cross-entropy: one loss per sample, from a single Sigmoid output (chapter 16)."""

    code = "-(y_true * np.log(y_pred_clipped) + (1 - y_true) * np.log(1 - y_pred_clipped))"

    def cell_code(self, row, column):
        return at_cell(self.code, ("y_true", "y_pred_clipped"), row, 0)

    name = "binary_loss"

    def label(self, layer_name):
        return "Loss: binary cross-entropy"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row]
        target = int(np.asarray(labels).reshape(len(step.output), -1)[row, 0])
        given = step.inputs[row, 0]
        clipped = min(max(given, CLIP), 1 - CLIP)
        shown = {CLIP: "1e" + MINUS + "7", 1 - CLIP: f"1 {MINUS} 1e{MINUS}7"}.get(clipped, number(given))
        sample_line = (f"{MINUS}({target}{TIMES}log({shown}) + (1 {MINUS} {target}){TIMES}log(1 {MINUS} {shown}))"
                       f" = {MINUS}log({shown if target else '1 ' + MINUS + ' ' + shown}) = {number(value)}")
        notes = [
            f"The Sigmoid's output {number(given)} is the network's probability that sample {row} is of class 1;"
            f" sample {row} is of class {target}, so its loss is minus the log of the probability given to"
            f" class {target}: {'ŷ' if target else '1 − ŷ'}.",
        ]
        if clipped != given:
            notes.append(f"The output {number(given)} is clipped to [1e{MINUS}7, 1 {MINUS} 1e{MINUS}7], as the book"
                         " clips it, so that log never sees 0.")
        return self.explanation(trace, step, row, f"{step.label} — sample {row} (class {target})", sample_line,
                                notes)


DOT = DotStep()
BIAS = BiasStep()
RELU = ReLUStep()
LEAKY_RELU = LeakyReLUStep()
SIGMOID = SigmoidStep()
TANH = TanhStep()
LINEAR = LinearStep()
SOFTMAX = SoftmaxStep()
DROPOUT_OFF = DropoutOffStep()
DROPOUT = DropoutStep()
LOSS = LossStep()
BINARY_LOSS = BinaryLossStep()

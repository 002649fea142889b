"""How one number of the forward pass was made, written out with the actual numbers.

Pure functions over an engine ``Trace``: no Qt. The result of every formula is the engine's own
value for that cell (never recomputed here); the terms come from the step's inputs and the
layer's weights and biases, formatted as the notebook's first cells write them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .number_text import counted

MINUS = "\u2212"
TIMES = "\u00d7"
ELLIPSIS = "\u2026"
SHOWN_TERMS = 3  # a long sum shows this many first terms, "…", then its last term
MAX_TERMS = 6  # sums with more terms than this are shortened
CLIP = 1e-7  # the loss clips probabilities to [CLIP, 1 − CLIP], as the book does


@dataclass(frozen=True)
class Formula:
    """One line of arithmetic: ``shown`` may leave terms out ("…"); ``full`` never does. When terms
    are left out, ``full`` is written when first read, by ``write_full``: a batch's mean loss has
    thousands of terms, and they are read only if the student hovers over the sum."""

    shown: str
    write_full: Callable[[], str] | None = None  # None: ``shown`` is the whole formula

    @property
    def shortened(self):
        return self.write_full is not None

    @cached_property
    def full(self):
        return self.shown if self.write_full is None else self.write_full()

    def within(self, head, tail):
        """This formula with ``head`` written before it and ``tail`` after it."""
        if self.write_full is None:
            return Formula(head + self.shown + tail)
        return Formula(head + self.shown + tail, lambda: head + self.full + tail)


@dataclass(frozen=True)
class Explanation:
    title: str
    formulas: tuple  # of Formula, the first one ends with "= <the cell's value>"
    notes: tuple  # of sentences
    value: float  # the engine's value for the cell


def number(value):
    """A value as a student reads it: 4 significant digits, a real minus sign, "2.0" for a
    whole float (as Python prints it), and plain "0" for zero."""
    value = float(value)
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    if text.lstrip("-").isdigit():
        text += ".0"
    return text.replace("-", MINUS)


def term(value):
    """``number`` with a negative value in parentheses, ready to stand inside a formula."""
    text = number(value)
    return f"({text})" if text.startswith(MINUS) else text


def shape_text(shape):
    """ "300×3" for a matrix shape."""
    return TIMES.join(str(n) for n in shape)


def sum_formula(terms, tail, write=str):
    """``terms`` (texts, or values that ``write`` writes) joined by " + " followed by ``tail``
    (e.g. " = 4.8"); shortened to the first terms, "…" and the last term when there are many."""
    if len(terms) <= MAX_TERMS:
        return Formula(" + ".join(map(write, terms)) + tail)
    shown = " + ".join([*map(write, terms[:SHOWN_TERMS]), ELLIPSIS, write(terms[-1])]) + tail
    return Formula(shown, lambda: " + ".join(map(write, terms)) + tail)


def explain(trace, layers, step_index, row, column, labels=None):
    """The Explanation of cell (``row``, ``column``) of ``trace.steps[step_index]``.

    ``layers`` is the stack the trace was computed from; ``labels`` the batch's class labels
    (needed for the loss step)."""
    step = trace.steps[step_index]
    if step.kind == "dot":
        return _dot(step, layers, row, column)
    if step.kind == "bias":
        return _bias(trace, step, layers, row, column)
    if step.kind == "relu":
        return _relu(step, row, column)
    if step.kind == "softmax":
        return _softmax(step, row, column)
    if step.kind == "loss":
        return _loss(trace, step, row, labels)
    raise ValueError(f"no explanation for a step of kind {step.kind!r}")


def _products(inputs, weights, row, column):
    return [f"{term(x)}{TIMES}{term(w)}" for x, w in zip(inputs[row], weights[:, column], strict=True)]


def _layer_name(step):
    return step.label.split(":")[0]


def _dot(step, layers, row, column):
    value = step.output[row, column]
    weights = layers[step.layer_index].weights
    products = _products(step.inputs, weights, row, column)
    name = _layer_name(step)
    notes = (
        f"Each of sample {row}'s {len(products)} inputs (row {row} of the inputs) is multiplied by"
        f" its weight to neuron {column} (column {column} of {name}'s weights), and the products are added.",
    )
    return Explanation(
        f"{step.label} — sample {row}, neuron {column}",
        (sum_formula(products, f" = {number(value)}"),),
        notes,
        value,
    )


def _bias(trace, step, layers, row, column):
    value = step.output[row, column]
    layer = layers[step.layer_index]
    bias = layer.biases[0, column]
    dot_step = next(s for s in trace.steps if s.kind == "dot" and s.layer_index == step.layer_index)
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


def _relu(step, row, column):
    value = step.output[row, column]
    given = step.inputs[row, column]
    text = f"max(0, {number(given)}) = {number(value)}"
    if given > 0:
        note = f"{number(given)} is positive, so ReLU passes it through unchanged."
    else:
        note = f"{number(given)} is not positive, so ReLU outputs 0."
    return Explanation(f"{step.label} — sample {row}, neuron {column}", (Formula(text),), (note,), value)


def _fraction(numerator, denominator_terms, tail):
    """``numerator / (t1 + t2 + …) tail``, the denominator shortened when long."""
    return sum_formula(denominator_terms, "").within(f"{numerator} / (", f"){tail}")


def _softmax(step, row, column):
    value = step.output[row, column]
    values = step.inputs[row]
    peak = values.max()
    result = f" = {number(value)}"
    plain = [f"e^{term(x)}" for x in values]
    shifted = [f"e^({number(x)}{MINUS}{term(peak)})" for x in values]
    exps = np.exp(values.astype(np.float64) - float(peak))
    computed = [number(e) for e in exps]
    formulas = (
        _fraction(plain[column], plain, result),
        _fraction(shifted[column], shifted, result),
        _fraction(computed[column], computed, result),
    )
    notes = (
        f"Softmax exponentiates each of sample {row}'s {len(values)} values and divides by their sum,"
        " so the row adds up to 1.",
        f"The engine first subtracts the row maximum ({number(peak)}) from every value, as the notebook"
        f" does to prevent overflow: e^(x{MINUS}{term(peak)}) = e^x / e^{term(peak)}, and e^{term(peak)}"
        " cancels in the fraction, so the result is the same.",
    )
    return Explanation(f"{step.label} — sample {row}, class {column}", formulas, notes, value)


def _loss(trace, step, row, labels):
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
    losses = step.output
    mean = sum_formula(losses, "", number)
    tail = f") / {len(losses)} = {number(trace.loss)}"
    head = f"mean of {counted(len(losses), 'loss')} = ("
    notes.append(f"The batch's loss is the mean over all {len(losses)} samples." if len(losses) > 1
                 else "The batch has one sample: its loss is the batch's loss.")
    return Explanation(
        f"{step.label} — sample {row} (class {true_class})",
        (Formula(sample_line), mean.within(head, tail)),
        tuple(notes),
        value,
    )

"""The last part of an epoch: the optimizer's update of every weight and bias, as steps.

``walk`` gives what the stepper walks through: the forward pass, the backward pass, then one step
per Dense for its new weights and one for its new biases, each computed by the optimizer's own
``update_params`` on copies (the network given is left as it was). An update step's ``inputs`` are
the values before the update and its ``output`` the values after; its ``layer`` is the layer as the
backward pass left it (old values, gradients, the optimizer's caches from before), and its
``optimizer`` the optimizer as it updated (its ``current_learning_rate`` set for the epoch).

Each optimizer's rule is written out by one kind of update step, here, next to the others.
"""

import copy
from types import SimpleNamespace

import numpy as np

from .arithmetic_text import MINUS, TIMES, Explanation, Formula, number, term
from .layers import OPTIMIZER_CACHES
from .network import Trace, TraceStep
from .optimizers import SGD, Adagrad, Adam, RMSprop
from .step_kind import UPDATE, StepKind

SQRT = "\u221a"


class UpdateStep(StepKind):
    """The new weights (``which`` is "weights") or biases of a Dense, by one optimizer's rule."""

    direction = UPDATE
    columns = "neuron"

    def __init__(self, which):
        self.which = which
        self.name = f"update_{self.optimizer_name.lower()}_{which}"
        self.rows = "input" if which == "weights" else "row"

    def label(self, layer_name):
        return f"{layer_name}: new {self.which} ({self.optimizer_name})"

    def explain(self, trace, step, row, column, labels=None):
        old, new = step.inputs[row, column], step.output[row, column]
        gradient = getattr(step.layer, f"d{self.which}")[row, column]
        symbol = "w" if self.which == "weights" else "b"
        formulas, notes = self.rule(step, symbol, row, column, old, gradient, new)
        where = f"input {row}, neuron {column}" if self.which == "weights" else f"neuron {column}"
        return Explanation(f"{step.label} — {where}", formulas, notes, new)

    def cache(self, step, name, row, column):
        """The optimizer's ``name`` ("momentums" or "cache") for this parameter before the update;
        0 when the optimizer has none yet (its first epoch)."""
        attribute = f"{'weight' if self.which == 'weights' else 'bias'}_{name}"
        values = getattr(step.layer, attribute, None)
        return 0.0 if values is None else values[row, column]


def _learning_rate_note(optimizer):
    if optimizer.decay:
        rate, decay = number(optimizer.learning_rate), number(optimizer.decay)
        return (f"The learning rate decays with the epochs: {rate} / (1 + {decay} {TIMES} {optimizer.iterations})"
                f" = {number(optimizer.current_learning_rate)}.")
    return f"The learning rate is {number(optimizer.current_learning_rate)} (no decay)."


class SGDUpdateStep(UpdateStep):
    code = ("layer.weights += -self.current_learning_rate * layer.dweights  # with momentum: + momentum · the"
            " last update")
    optimizer_name = "SGD"

    def rule(self, step, symbol, row, column, old, gradient, new):
        optimizer = step.optimizer
        rate = optimizer.current_learning_rate
        if not optimizer.momentum:
            text = (f"{symbol} {MINUS} lr {TIMES} d{symbol} = {number(old)} {MINUS} {number(rate)} {TIMES}"
                    f" {term(gradient)} = {number(new)}")
            notes = ("Plain SGD steps against the gradient, by the learning rate times the gradient.",
                     _learning_rate_note(optimizer))
            return (Formula(text),), notes
        previous = self.cache(step, "momentums", row, column)
        update = optimizer.momentum * previous - rate * gradient
        formulas = (
            Formula(f"update = momentum {TIMES} previous update {MINUS} lr {TIMES} d{symbol} = "
                    f"{number(optimizer.momentum)} {TIMES} {term(previous)} {MINUS} {number(rate)} {TIMES}"
                    f" {term(gradient)} = {number(update)}"),
            Formula(f"{symbol} + update = {number(old)} + {term(update)} = {number(new)}"),
        )
        notes = ("With momentum, each update keeps a share of the one before, so steps that agree build up"
                 " speed and steps that alternate cancel out.", _learning_rate_note(optimizer))
        return formulas, notes


def _step_by_cache(symbol, optimizer, old, gradient, cache, new):
    """AdaGrad's and RMSprop's step: the gradient divided by the root of the cache."""
    return Formula(f"{symbol} {MINUS} lr {TIMES} d{symbol} / ({SQRT}cache + ε) = {number(old)} {MINUS} "
                   f"{number(optimizer.current_learning_rate)} {TIMES} {term(gradient)} / ({SQRT}{number(cache)} + "
                   f"{number(optimizer.epsilon)}) = {number(new)}")


class AdagradUpdateStep(UpdateStep):
    code = ("layer.weight_cache += layer.dweights**2; layer.weights += -lr * layer.dweights /"
            " (np.sqrt(layer.weight_cache) + epsilon)")
    optimizer_name = "Adagrad"

    def rule(self, step, symbol, row, column, old, gradient, new):
        optimizer = step.optimizer
        before = self.cache(step, "cache", row, column)
        cache = before + gradient**2
        formulas = (
            Formula(f"cache = cache + d{symbol}² = {number(before)} + {term(gradient)}² = {number(cache)}"),
            _step_by_cache(symbol, optimizer, old, gradient, cache, new),
        )
        notes = ("AdaGrad divides each step by the root of the sum of the parameter's squared gradients so far:"
                 " parameters that moved a lot take smaller steps.", _learning_rate_note(optimizer))
        return formulas, notes


class RMSpropUpdateStep(UpdateStep):
    code = ("layer.weight_cache = rho * layer.weight_cache + (1 - rho) * layer.dweights**2; layer.weights += -lr"
            " * layer.dweights / (np.sqrt(layer.weight_cache) + epsilon)")
    optimizer_name = "RMSprop"

    def rule(self, step, symbol, row, column, old, gradient, new):
        optimizer = step.optimizer
        before = self.cache(step, "cache", row, column)
        rho = optimizer.rho
        cache = rho * before + (1 - rho) * gradient**2
        formulas = (
            Formula(f"cache = ρ {TIMES} cache + (1 {MINUS} ρ) {TIMES} d{symbol}² = {number(rho)} {TIMES} {term(before)}"
                    f" + {number(1 - rho)} {TIMES} {term(gradient)}² = {number(cache)}"),
            _step_by_cache(symbol, optimizer, old, gradient, cache, new),
        )
        notes = ("RMSprop divides each step by the root of a moving average (ρ) of the squared gradients.",
                 _learning_rate_note(optimizer))
        return formulas, notes


class AdamUpdateStep(UpdateStep):
    code = "layer.weights += -lr * weight_momentums_corrected / (np.sqrt(weight_cache_corrected) + epsilon)"
    optimizer_name = "Adam"

    def rule(self, step, symbol, row, column, old, gradient, new):
        optimizer = step.optimizer
        beta_1, beta_2, t = optimizer.beta_1, optimizer.beta_2, optimizer.iterations + 1
        m_before = self.cache(step, "momentums", row, column)
        v_before = self.cache(step, "cache", row, column)
        m = beta_1 * m_before + (1 - beta_1) * gradient
        v = beta_2 * v_before + (1 - beta_2) * gradient**2
        m_hat, v_hat = m / (1 - beta_1**t), v / (1 - beta_2**t)
        formulas = (
            Formula(f"m = β₁ {TIMES} m + (1 {MINUS} β₁) {TIMES} d{symbol} = {number(beta_1)} {TIMES} {term(m_before)}"
                    f" + {number(1 - beta_1)} {TIMES} {term(gradient)} = {number(m)}"),
            Formula(f"m′ = m / (1 {MINUS} β₁^{t}) = {number(m)} / {number(1 - beta_1**t)} = {number(m_hat)}"),
            Formula(f"v = β₂ {TIMES} v + (1 {MINUS} β₂) {TIMES} d{symbol}² = {number(beta_2)} {TIMES} {term(v_before)}"
                    f" + {number(1 - beta_2)} {TIMES} {term(gradient)}² = {number(v)}"),
            Formula(f"v′ = v / (1 {MINUS} β₂^{t}) = {number(v)} / {number(1 - beta_2**t)} = {number(v_hat)}"),
            Formula(f"{symbol} {MINUS} lr {TIMES} m′ / ({SQRT}v′ + ε) = {number(old)} {MINUS} "
                    f"{number(optimizer.current_learning_rate)} {TIMES} {term(m_hat)} / ({SQRT}{number(v_hat)} + "
                    f"{number(optimizer.epsilon)}) = {number(new)}"),
        )
        notes = ("Adam keeps a moving average of the gradient (m, momentum) and of its square (v, as RMSprop),"
                 f" both corrected for starting at 0: m′ and v′, the book's weight_momentums_corrected and"
                 f" weight_cache_corrected (this is update {t}).", _learning_rate_note(optimizer))
        return formulas, notes


UPDATE_KINDS = {
    optimizer: (kind("weights"), kind("biases"))
    for optimizer, kind in ((SGD, SGDUpdateStep), (Adagrad, AdagradUpdateStep), (RMSprop, RMSpropUpdateStep),
                            (Adam, AdamUpdateStep))
}


def update_steps(layers, optimizer):
    """The optimizer's update of every Dense in ``layers`` (as the backward pass left them, with
    their gradients), as steps; ``layers`` and ``optimizer`` are left as they were."""
    weights_kind, biases_kind = UPDATE_KINDS[type(optimizer)]
    optimizer = copy.copy(optimizer)
    optimizer.pre_update_params()
    steps = []
    for index, layer in enumerate(layers):
        if not hasattr(layer, "dweights"):
            continue
        # The optimizer updates plain arrays, not a Dense: a Dense refuses values that are not
        # finite, and an update that overflows is shown as it came out.
        arrays = {name: value.copy() for name, value in vars(layer).items() if name in OPTIMIZER_CACHES}
        updated = SimpleNamespace(weights=layer.weights.copy(), biases=layer.biases.copy(),
                                  dweights=layer.dweights, dbiases=layer.dbiases, **arrays)
        optimizer.update_params(updated)
        steps.append(TraceStep(weights_kind, index, layer.weights, updated.weights, layers, optimizer))
        steps.append(TraceStep(biases_kind, index, layer.biases, updated.biases, layers, optimizer))
    return steps


def walk(network, X, y, optimizer=None, combined=True, forward=None):
    """The forward trace of ``network`` on ``(X, y)`` (``forward``, when already made), then its
    backward pass and, with a gradient ``optimizer``, the update of every weight and bias: every
    step of one epoch, in order, as one Trace (its loss and output those of the forward pass).
    ``network`` is left as it was.

    A network with Dropout computes otherwise in training: its forward pass is traced as the
    epoch runs it, on copies whose Dropout draws the very mask the backward pass's copies draw
    (and the next epoch of training will)."""
    copies = network.copy()
    with np.errstate(all="ignore"):  # a value that overflows is shown as it is (or refused), not warned about
        if network.drops_out:
            forward = network.copy().trace(X, y, training=True)
        elif forward is None:
            forward = network.trace(X, y)
        backward = copies.backward(X, y, combined)
        steps = list(forward.steps) + list(backward.steps)
        if optimizer is not None and type(optimizer) in UPDATE_KINDS:
            steps += update_steps(tuple(copies.layers), optimizer)
    return Trace(tuple(steps), forward.output, forward.sample_losses, forward.loss, forward.accuracy,
                 forward.loss_note, forward.regularization_loss, forward.objective)

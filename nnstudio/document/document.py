"""The one source of truth: the state the user edits, its trace, and what the user has selected.

Widgets call the public edit methods; each builds a new ``State`` and pushes a ``StateCommand``
on ``undo_stack`` (which applies it). Views listen to the past-tense signals.
"""

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from nnstudio.engine import (
    CATEGORICAL,
    FEATURES,
    PLAIN_INPUTS,
    WEIGHTLESS_LAYERS,
    Dense,
    Dropout,
    Features,
    Network,
    layer_name,
)
from nnstudio.engine.arithmetic_text import counted
from nnstudio.engine.layers import OPTIMIZER_CACHES
from nnstudio.engine.playground_data import MAX_NOISE, PLAYGROUND_DATA
from nnstudio.engine.update_steps import walk

from .adapt import adapted, blank_dense, initial_weights, with_neurons
from .commands import StateCommand
from .limits import MAX_DROPOUT_RATE, MAX_EPOCHS, MAX_NEURONS, MAX_NOTE, MAX_REGULARIZER, MAX_ROWS, over_limit
from .messages import error, hint, warning
from .number_text import read_number
from .selection import Selection
from .state import Batch, Initialisation, spiral_classifier
from .trainer import Trainer
from .training import OptimizerState, from_preset

CANNOT_RUN = error("{reason}")  # the engine's sentence for a stack it cannot run
LABELS_DO_NOT_FIT = warning("{reason} The loss is left out until the labels fit.")
NO_LABELS = hint("These rows carry no class labels, as the notebook's batches before the spiral: the outputs are"
                 " the network's whole answer. Type a class in the batch table to label them and get a loss.")
NO_LOSS = hint("{note}")  # the engine's note: no labels, or no Softmax at the end
UNUSED_OUTPUTS = hint("The batch has {classes} classes and the output gives {outputs}: {unused} no sample. Set"
                      " {dense}'s neurons to {classes} to match the data.")
REGULARIZER_NAMES = ("weight L1", "weight L2", "bias L1", "bias L2")
REGULARIZER_OUT_OF_RANGE = error("A {name} of {value:g} is outside 0 … {most:g} — it stays {old:g}.")
NOISE_OUT_OF_RANGE = error("A noise of {noise:g} is outside 0 … {limit:g} — the noise stays {old:g}.")
DOES_NOT_FIT = error("{value} does not fit in {dtype} — the {name} stays {old:g}.")
NUMERICS_TOO_SMALL = error("{value} does not fit in {dtype} — the network stays in {numerics}.")
FEATURES_NEED_TWO_INPUTS = error("Input features are computed from two inputs, x₀ and x₁; this batch has {inputs}"
                                 " — the network keeps its inputs.")
NOTE_TOO_LONG = error("A caption has at most {most:,} characters; this one has {length:,} — the caption stays as"
                      " it was.")
FEATURES_STAY_FIRST = hint("The input features come first in the stack: choose them in the Batch panel.")
NO_FEATURE = error("The network needs at least one input feature — the features stay as they were.")
DROPOUT_RATE_OUT_OF_RANGE = error("'{value}' is not a Dropout rate: a rate is the share of values dropped, from 0 to"
                                  " {most} (at 1 nothing would pass) — {layer} keeps {rate}.")
NEURONS_OUT_OF_RANGE = error("A Dense layer has 1 to {most} neurons — {layer} keeps {neurons}.")
PAST_A_LIMIT = error("{problem} — the project stays as it was.")  # limits.over_limit names the limit
SETTING_OUT_OF_RANGE = error("{problem} — the {name} stays {old:g}.")  # training.Setting.problem's sentence
BATCH_SIZE_OUT_OF_RANGE = error("A mini-batch has 0 (the whole batch) to {most:,} samples; {size} is not — it stays"
                                " {old:,}.")
EPOCHS_OUT_OF_RANGE = error("A run has 1 to {most:,} epochs; {epochs} is not — it stays {old:,}.")


class Document(QObject):
    # A new state is announced after its trace is marked stale, so a slot reading the trace sees
    # the new state: network_changed and/or batch_changed, then state_changed once for views that
    # follow both.
    network_changed = Signal()  # layers, their values or the numerics changed
    batch_changed = Signal()
    state_changed = Signal()
    trace_changed = Signal()  # a new trace (or a new reason why there is none)
    state_replaced = Signal()  # a whole new state was loaded (New, Open, a lesson)
    training_changed = Signal()  # the optimizer (its kind, settings or count), epochs per run or test data
    history_changed = Signal()  # a training run began, grew, ended, was undone or redone
    note_changed = Signal()  # the project's caption was edited, undone or redone
    message_posted = Signal(object)  # a Message for the status bar (see ``post``)

    def __init__(self, state=None, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._state = state if state is not None else spiral_classifier()
        self._data = None
        self._test_data = None  # (the Batch and UnseenData it was made for, ``test_data``)
        self._test_figures = None  # (the State they were measured for, its ``test_figures``)
        self._trace = None
        self._walk = None  # the steps of a whole epoch, made when first asked for (see ``walk``)
        self.backward_combined = True  # the Softmax's and the loss's gradients taken together
        self._why_no_trace = None
        self._why_no_loss = None
        self._dirty = True
        self._announce_pending = False
        self.selection = Selection(self)  # the sample, step and weight or bias the views point at
        # Every training run's figures, for the curves: kept outside the undoable State, so a run
        # that is undone stays drawn (marked undone) beside the one tried after it.
        self.history = []
        self.trainer = Trainer(self)
        self.trainer.running_changed.connect(self._on_running_changed)
        # The first trace is announced like every later one, so views make their first full update.
        self._schedule()

    # ----- reading -----------------------------------------------------------------------------
    @property
    def state(self):
        return self._state

    @property
    def layers(self):
        return self._state.layers

    def dense(self, number):
        """The ``number``-th Dense layer (0-based, in stack order)."""
        return self._state.layers[self._state.dense_indices()[number]]

    @property
    def data(self):
        """The rows the network trains on as ``(X, y)``: the batch, less any share held out as test
        data; generated once per batch."""
        state = self._state
        if self._data is None or self._data[0] is not state.batch or self._data[1] != state.test.holds_out:
            self._data = (state.batch, state.test.holds_out, state.test.training_data(state.batch))
        return self._data[2]

    @property
    def held_out(self):
        """The batch's rows held out as test data as ``(X, y)``, or None when none are."""
        return self.test_data if self._state.test.holds_out else None

    @property
    def test_data(self):
        """The test samples as ``(X, y)`` (drawn anew, held out or given), or None; made once per
        batch and choice of test data, not for each state a training run goes through."""
        state = self._state
        if self._test_data is None or self._test_data[0] is not state.batch or self._test_data[1] is not state.test:
            self._test_data = (state.batch, state.test, state.test.data(state.batch))
        return self._test_data[2]

    @property
    def trace(self):
        """The engine's trace of the current state, or None when it cannot run (see ``why_no_trace``)."""
        if self._dirty:
            self._compute()
        return self._trace

    @property
    def walk(self):
        """Every step the stepper walks, as one Trace: the forward pass, then, when the network can
        learn from the batch, its backward pass and the optimizer's update of every weight and bias
        (``engine.update_steps.walk``, on copies); the forward trace alone when it cannot learn, and
        None when the network cannot run."""
        if self._dirty:
            self._compute()
        if self._walk is None and self._trace is not None:
            self._walk = self._trace
            # While a run trains, each frame's state is walked only if a step past the loss is shown:
            # the backward pass on every frame took a fifth of the training's speed.
            if self._trace.loss is not None and (not self.trainer.running or self.selection.past_forward):
                X, y = self.data
                optimizer = self._state.optimizer.build()
                try:
                    self._walk = walk(Network(self._state.layers), X, y, optimizer, self.backward_combined, self._trace)
                except ValueError:  # the forward pass's labels fit, so only an odd stack gets here
                    self._walk = self._trace
        return self._walk

    def _on_running_changed(self, running):
        if not running and self._walk is self._trace:  # walked without its backward pass while training
            self._walk = None
            self.trace_changed.emit()

    def set_backward_combined(self, combined):
        """Take the Softmax's and the loss's gradients together (the book's shortcut) or each by its
        own rule (its long way). A way of showing, not an edit: not undone."""
        if combined != self.backward_combined:
            self.backward_combined = combined
            self._walk = None
            self.trace_changed.emit()

    @property
    def why_no_trace(self):
        """The error that keeps the network from running (a Message), or None when it runs."""
        if self._dirty:
            self._compute()
        return self._why_no_trace

    @property
    def why_no_loss(self):
        """Why a network that runs has no loss (a Message: a warning when the labels do not fit the
        output, a hint when there are none or the last layer is not Softmax), or None."""
        if self._dirty:
            self._compute()
        return self._why_no_loss

    @property
    def test_figures(self):
        """``(accuracy, loss)`` of the network as it is on its test data, as the book's validation
        lines (chapter 11) compute them after training; None without test data, or when the
        network cannot be measured on it (the trainer says why when a run starts)."""
        state = self._state
        if self._test_figures is None or self._test_figures[0] is not state:
            self._test_figures = (state, None)
            test = self.test_data
            if test is not None:
                with np.errstate(all="ignore"):
                    try:
                        trace = Network(state.layers).trace(*test)
                    except ValueError:
                        trace = None
                if trace is not None and trace.loss is not None:
                    self._test_figures = (state, (trace.accuracy, trace.loss))
        return self._test_figures[1]

    @property
    def unused_outputs(self):
        """A hint (a Message) when a generated data set has fewer classes than the Softmax gives
        probabilities (a Playground set's two against the book's three), or None. Rows typed or
        given by a lesson are left alone: the notebook scores [0, 1, 1] against three outputs."""
        trace = self.trace
        if trace is None or trace.objective is not CATEGORICAL or self._state.batch.kind == "hand":
            return None
        classes, outputs = int(self.data[1].max()) + 1, trace.output.shape[1]
        if outputs <= classes:
            return None
        unused = (f"class {classes} stands for" if outputs == classes + 1
                  else f"classes {classes}…{outputs - 1} stand for")
        layers = self._state.layers
        last_dense = max(i for i, layer in enumerate(layers) if isinstance(layer, Dense))
        return UNUSED_OUTPUTS(classes=classes, outputs=outputs, unused=unused, dense=layer_name(layers, last_dense))

    @property
    def training_problem(self):
        """Why the network cannot be trained, as a sentence; empty when it can."""
        try:
            Network(self._state.layers).check_trainable(self.data[1])
        except ValueError as error:
            return _sentence(error)
        cannot = self.why_no_trace or (self.why_no_loss if self.trace.loss is None else None)
        return cannot.text if cannot is not None else self._state.optimizer.problem()

    # ----- the trace ---------------------------------------------------------------------------
    def _compute(self):
        self._dirty = False
        X, y = self.data
        network = Network(self._state.layers)
        self._trace, self._why_no_trace, self._why_no_loss = None, None, None
        self._walk = None
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow comes back as a sentence
            try:
                self._trace = network.trace(X, y if self._state.batch.has_labels else None)
            except ValueError as with_labels:
                # Without the labels it may still run: then only the labels are wrong.
                try:
                    self._trace = network.trace(X)
                    self._why_no_loss = LABELS_DO_NOT_FIT(reason=_sentence(with_labels))
                except ValueError as stack:
                    self._why_no_trace = CANNOT_RUN(reason=_sentence(stack))
        if self._trace is not None and self._trace.loss is None and self._why_no_loss is None:
            labelled = self._state.batch.has_labels
            self._why_no_loss = NO_LOSS(note=self._trace.loss_note) if labelled else NO_LABELS()

    def _recompute(self):
        self._announce_pending = False
        if self._dirty:
            self._compute()
        self.trace_changed.emit()

    def _schedule(self):
        """Announce a new trace once the current burst of edits is over. A zero-delay single shot is
        a queued call, handled before the window's pending repaint: the edit and what follows from
        it reach the screen in one paint, not one for the edited cell and another for the rest."""
        self._dirty = True
        if not self._announce_pending:
            self._announce_pending = True
            QTimer.singleShot(0, self, self._recompute)

    # ----- the private setter every command goes through ---------------------------------------
    def _restore(self, state):
        before, self._state = self._state, state
        self._schedule()  # before any signal: a slot reading the trace gets the new state's
        self._announce(not before.same_layers(state) or before.numerics != state.numerics,
                       not before.batch.same_as(state.batch) or before.test.holds_out != state.test.holds_out)
        if before.note != state.note:
            self.note_changed.emit()
        if (before.optimizer is not state.optimizer or before.epochs != state.epochs
                or before.batch_size != state.batch_size or not before.test.same_as(state.test)):
            self.training_changed.emit()

    def _announce(self, network, batch):
        if network:
            self.network_changed.emit()
        if batch:
            self.batch_changed.emit()
        if network or batch:
            self.state_changed.emit()

    def _push(self, text, state, merge_key=None):
        """Adapt ``state`` so every Dense fits, and push it as one undo step named ``text`` (merged
        with the step before when both have the same ``merge_key``); False, with a message, when
        the result would be past a limit (it could not be opened again)."""
        self.trainer.pause()  # an edit during a run ends the run first: the run, then the edit
        state, messages = adapted(state)
        problem = over_limit(state)
        if problem:
            self.post(PAST_A_LIMIT(problem=problem))
            return False
        self.undo_stack.push(StateCommand(self, self._state, state, text, merge_key))
        for message in messages:
            self.post(message)
        return True

    def post(self, message):
        """Say ``message`` (a Message, declared where it arises) to the user."""
        self.message_posted.emit(message)

    def replace_state(self, state, step=None, history=()):
        """Start afresh from ``state`` (New, Open, a lesson) at ``step`` (the last when None): a
        clean undo history, the first sample selected, and the training runs of ``history`` (a
        saved project's ``training.Run`` records) as the only ones drawn."""
        self.trainer.pause()
        self.undo_stack.clear()
        self._state, _ = adapted(state)
        self.history = list(history)
        self._schedule()
        self.state_replaced.emit()  # first: a view forgets what it kept of the project before
        self.selection.start_afresh(step)
        self._announce(network=True, batch=True)
        self.training_changed.emit()
        self.history_changed.emit()
        self.undo_stack.setClean()

    # ----- editing values ----------------------------------------------------------------------
    def set_parameter(self, number, which, row, column, value):
        """Set one weight (``which="weights"``) or bias (``"biases"``) of the ``number``-th Dense; False
        when there is no such cell any more (an editor left open on a layer that has since gone)."""
        if not self._has_cell(number, which, row, column):
            return False
        old = getattr(self.dense(number), which)
        name = "weight" if which == "weights" else "bias"
        if not np.isfinite(value) or abs(value) > float(np.finfo(old.dtype).max):
            self.post(DOES_NOT_FIT(value=value, dtype=old.dtype, name=name, old=old[row, column]))
            return False
        block = np.array([[value]])
        text = f"Set {name} [{row}, {column}] of Dense {number + 1} to {value:g}"
        self.paste_parameters(number, which, row, column, block, text)
        return True

    def paste_parameters(self, number, which, top, left, block, text=None):
        """Write ``block`` into a Dense's weights or biases with its top-left at (top, left);
        what falls outside the matrix is dropped, and all of it when the Dense has gone."""
        if not self._has_cell(number, which, top, left):
            return
        index = self._state.dense_indices()[number]
        dense = self._state.layers[index]
        matrix = getattr(dense, which).copy()
        rows = min(block.shape[0], matrix.shape[0] - top)
        columns = min(block.shape[1], matrix.shape[1] - left)
        if rows <= 0 or columns <= 0:
            return
        matrix[top : top + rows, left : left + columns] = block[:rows, :columns]
        edited = dense.copy()
        setattr(edited, which, matrix)
        text = text or f"Paste {rows}×{columns} into {which} of Dense {number + 1}"
        self._push(text, self._with_layer(index, edited))

    def reinitialise(self, seed, scale, number=None):
        """Draw new weights for one Dense (``number``) or all, and zero their biases. One layer gets
        the weights it would get if all were drawn, so drawing each in turn equals drawing all."""
        if number is not None and not self._has_dense(number):
            return
        state = self._state.replace(init=Initialisation(seed, scale))
        fresh = initial_weights(state, state.layers)
        layers = list(state.layers)
        numbers = range(len(state.dense_indices())) if number is None else [number]
        for n in numbers:
            index = state.dense_indices()[n]
            layer = layers[index].copy()
            layer.weights = fresh[index]
            layer.biases = np.zeros_like(layer.biases)
            layers[index] = layer
        which = "all layers" if number is None else f"Dense {number + 1}"
        self._push(f"Initialise {which} (seed {seed}, scale {scale:g})", state.replace(layers=tuple(layers)))

    def zero_layer(self, number):
        if not self._has_dense(number):
            return
        index = self._state.dense_indices()[number]
        layer = self._state.layers[index].copy()
        layer.weights = np.zeros_like(layer.weights)
        layer.biases = np.zeros_like(layer.biases)
        self._push(f"Zero Dense {number + 1}", self._with_layer(index, layer))

    def set_regularizers(self, number, values):
        """Give the ``number``-th Dense the chapter 14 penalties ``values`` (weight L1, weight L2, bias
        L1, bias L2) in one undo step; False, with a message, when one is out of range."""
        if not self._has_dense(number):
            return False
        index = self._state.dense_indices()[number]
        layer = self._state.layers[index]
        for name, value in zip(REGULARIZER_NAMES, values, strict=True):
            if not 0 <= value <= MAX_REGULARIZER:  # also NaN
                old = dict(zip(REGULARIZER_NAMES, layer.regularizers, strict=True))[name]
                self.post(REGULARIZER_OUT_OF_RANGE(value=value, name=name, most=MAX_REGULARIZER, old=old))
                return False
        if tuple(values) == layer.regularizers:
            return True
        edited = layer.copy()
        edited.set_regularizers(*values)
        shown = ", ".join(f"{name} {value:g}" for name, value in zip(REGULARIZER_NAMES, values, strict=True) if value)
        return self._push(f"Regularize Dense {number + 1}: {shown or 'none'}", self._with_layer(index, edited))

    def _has_dense(self, number):
        """Whether there is a ``number``-th Dense (a panel's button may outlive its layer by an event)."""
        return 0 <= number < len(self._state.dense_indices())

    def _has_cell(self, number, which, row, column):
        """Whether the ``number``-th Dense has ``which`` [row, column] (a table's open editor may
        commit after its layer was removed, resized or replaced by another project's)."""
        if not self._has_dense(number):
            return False
        rows, columns = getattr(self.dense(number), which).shape
        return 0 <= row < rows and 0 <= column < columns

    def set_numerics(self, numerics):
        if numerics == self._state.numerics:
            return
        state = self._state.replace(numerics=numerics)
        too_big = _too_big_for(state.dtype, self._state.layers)
        if too_big:
            self.post(NUMERICS_TOO_SMALL(value=too_big, dtype=state.dtype, numerics=self._state.numerics))
            return
        layers = []
        for layer in state.layers:
            layer = layer.copy()
            if isinstance(layer, Dense):
                layer.weights = layer.weights.astype(state.dtype)
                layer.biases = layer.biases.astype(state.dtype)
                for name in OPTIMIZER_CACHES:  # the optimizer's memory computes in the numerics too
                    if name in vars(layer):
                        setattr(layer, name, getattr(layer, name).astype(state.dtype))
            layers.append(layer)
        self._push(f"Compute in {numerics}", state.replace(layers=tuple(layers)), merge_key="numerics")

    # ----- editing the stack -------------------------------------------------------------------
    def add_layer(self, kind, index=None, n_neurons=3):
        """Insert a ``kind`` layer at ``index`` (the end by default)."""
        index = len(self._state.layers) if index is None else index
        layers = list(self._state.layers)
        if layers and isinstance(layers[0], Features):
            index = max(index, 1)  # the input features come first
        if kind == "Dense":
            layers.insert(index, blank_dense(self._width_before(index), n_neurons, self._state.dtype))
            layers[index].weights = initial_weights(self._state, layers)[index]
        else:
            layers.insert(index, WEIGHTLESS_LAYERS[kind]())
        self._push(f"Add {kind}", self._state.replace(layers=tuple(layers)))

    def remove_layer(self, index):
        layers = list(self._state.layers)
        name = layer_name(layers, index)
        del layers[index]
        self._push(f"Remove {name}", self._state.replace(layers=tuple(layers)))

    def move_layer(self, source, destination):
        """Move the layer at ``source`` so it ends up at index ``destination``."""
        layers = list(self._state.layers)
        if source == destination or not 0 <= destination < len(layers):
            return
        if self.features != PLAIN_INPUTS and 0 in (source, destination):
            self.post(FEATURES_STAY_FIRST())
            return
        name = layer_name(layers, source)
        layers.insert(destination, layers.pop(source))
        self._push(f"Move {name}", self._state.replace(layers=tuple(layers)))

    def set_neurons(self, index, n_neurons):
        """Resize the Dense at stack ``index`` to ``n_neurons`` neurons; False if there is no Dense
        there (an open cell editor may outlive its layer) or the size is refused."""
        if not 0 <= index < len(self._state.layers) or not isinstance(self._state.layers[index], Dense):
            return False
        layer = self._state.layers[index]
        if not 1 <= n_neurons <= MAX_NEURONS:
            self.post(NEURONS_OUT_OF_RANGE(most=MAX_NEURONS, layer=layer_name(self.layers, index),
                                           neurons=layer.n_neurons))
            return False
        if n_neurons == layer.n_neurons:
            return True
        text = f"Resize {layer_name(self.layers, index)} to {counted(n_neurons, 'neuron')}"
        return self._push(text, with_neurons(self._state, index, n_neurons))

    @property
    def features(self):
        """The input features the network takes (x₀ and x₁ alone when the stack has no Features layer)."""
        layers = self._state.layers
        return layers[0].names if layers and isinstance(layers[0], Features) else PLAIN_INPUTS

    def set_features(self, names):
        """Take the input features ``names`` (TensorFlow Playground's x₀, x₁, x₀², …) from a batch of
        two inputs: a Features layer at the top of the stack, and the first Dense's weight rows
        kept by feature (new features' rows drawn as the initialisation draws them)."""
        names = tuple(name for name in FEATURES if name in names)
        if self._state.batch.n_features != 2:
            self.post(FEATURES_NEED_TWO_INPUTS(inputs=self._state.batch.n_features))
            return False
        if not names:
            self.post(NO_FEATURE())
            return False
        before = self.features
        if names == before:
            return True
        layers = list(self._state.layers)
        if layers and isinstance(layers[0], Features):
            del layers[0]
        if names != PLAIN_INPUTS:
            layers.insert(0, Features(names))
        state = self._state.replace(layers=tuple(layers))
        first = next((i for i, layer in enumerate(layers) if isinstance(layer, Dense)), None)
        if first is not None:
            old = layers[first]
            target = list(layers)
            target[first] = blank_dense(len(names), old.n_neurons, state.dtype)
            dense = Dense.__new__(Dense)
            weights = initial_weights(state, target)[first].astype(old.weights.dtype)
            for row, name in enumerate(names):
                if name in before:
                    weights[row] = old.weights[before.index(name)]
            dense.weights, dense.biases = weights, old.biases.copy()
            dense.set_regularizers(*old.regularizers)
            layers[first] = dense
            state = state.replace(layers=tuple(layers))
        return self._push(f"Use the input features {', '.join(names)}", state)

    def set_note(self, note):
        """The project's caption, as a teacher writes it for a class (one undo step); False, with a
        message, past MAX_NOTE characters."""
        if len(note) > MAX_NOTE:
            self.post(NOTE_TOO_LONG(most=MAX_NOTE, length=len(note)))
            return False
        if note != self._state.note:
            self._push("Edit the caption", self._state.replace(note=note))
        return True

    def set_dropout_rate(self, index, text):
        """Set the rate of the Dropout at stack ``index`` from ``text`` ("0.2"); False, with a
        message and the old rate kept, when it is not a number from 0 to MAX_DROPOUT_RATE."""
        if not 0 <= index < len(self._state.layers) or not isinstance(self._state.layers[index], Dropout):
            return False
        layer, name = self._state.layers[index], layer_name(self.layers, index)
        rate, _why = read_number(text)
        if rate is None or not 0 <= rate <= MAX_DROPOUT_RATE:
            self.post(DROPOUT_RATE_OUT_OF_RANGE(value=text, most=MAX_DROPOUT_RATE, layer=name, rate=f"{layer.rate:g}"))
            return False
        if rate == layer.rate:
            return True
        changed = Dropout(rate, layer.seed)
        changed.stream = layer.stream
        return self._push(f"Set {name}'s rate to {rate:g}", self._with_layer(index, changed))

    # ----- editing the batch -------------------------------------------------------------------
    def set_batch(self, batch, text=None):
        """Use ``batch``; False, with a message, when it is past a limit."""
        return self._push(text or f"Use {batch.kind} batch", self._state.replace(batch=batch))

    def use_dataset(self, kind, samples, classes, seed, noise=None):
        """Switch to a generated data set (a TensorFlow Playground one has two classes, and ``noise``,
        the batch's when None); False, with a message, when it would be too big to keep (or to open
        again from a saved project), or the noise is out of range."""
        old = self._state.batch
        noise = old.noise if noise is None else noise
        if not 0 <= noise <= MAX_NOISE:
            self.post(NOISE_OUT_OF_RANGE(noise=noise, limit=MAX_NOISE, old=old.noise))
            return False
        classes = 2 if kind in PLAYGROUND_DATA else classes
        batch = Batch(kind, samples, classes, seed, old.hand_X, old.hand_y, noise=noise)
        size = f"{counted(samples, 'sample')} × {counted(classes, 'class')}"
        text = f"Use {kind} data ({size}, seed {seed}" + (f", noise {noise:g})" if kind in PLAYGROUND_DATA else ")")
        return self.set_batch(batch, text)

    def set_hand_rows(self, X, y, text, labels_given=True):
        """Replace the hand-entered rows (and switch to them); False, with a message, when they
        are past a limit. Rows without labels keep having none unless ``labels_given`` (a class
        typed, pasted, clicked or imported)."""
        old = self._state.batch
        labelled = labels_given or old.kind != "hand" or old.labelled
        batch = Batch("hand", old.samples, old.classes, old.seed, np.array(X, dtype=np.float64),
                      np.array(y, dtype=np.int64), labelled=labelled)
        return self.set_batch(batch, text)

    # ----- editing training --------------------------------------------------------------------
    def set_optimizer(self, name):
        """Train with the optimizer ``name`` at its book defaults, from scratch."""
        if name != self._state.optimizer.name:
            self._use_optimizer(OptimizerState.fresh(name), f"Use {name}")

    def use_preset(self, preset):
        """Train as one of the book's runs (``training.PRESETS``)."""
        self._use_optimizer(from_preset(preset), f"Use {preset.label}")

    def set_optimizer_setting(self, name, value):
        """Set one hyper-parameter; False, with a message naming the range, when out of it."""
        optimizer = self._state.optimizer
        setting = next(setting for setting in optimizer.kind.settings if setting.name == name)
        old = optimizer.values[name]
        problem = setting.problem(value)
        if problem:
            self.post(SETTING_OUT_OF_RANGE(problem=problem[:-1], name=setting.label.lower(), old=old))
            return False
        if value != old:
            text = f"Set {setting.label.lower()} of {optimizer.name} to {value:g}"
            self._use_optimizer(optimizer.with_setting(name, value), text)
        return True

    def _use_optimizer(self, optimizer, text):
        """A new optimizer starts from nothing, as the book builds one: the momentums and caches
        the last one kept on the layers go with it."""
        layers = []
        for layer in self._state.layers:
            if isinstance(layer, Dense) and any(name in layer.__dict__ for name in OPTIMIZER_CACHES):
                fresh = Dense.__new__(Dense)
                fresh.weights, fresh.biases = layer.weights, layer.biases
                layer = fresh
            layers.append(layer)
        self._push(text, self._state.replace(optimizer=optimizer, layers=tuple(layers)))

    def set_epochs(self, epochs):
        """How many epochs one press of Train runs; False, with a message, out of 1 … MAX_EPOCHS."""
        if isinstance(epochs, bool) or not isinstance(epochs, int) or not 1 <= epochs <= MAX_EPOCHS:
            self.post(EPOCHS_OUT_OF_RANGE(most=MAX_EPOCHS, epochs=epochs, old=self._state.epochs))
            return False
        if epochs != self._state.epochs:
            self._push(f"Train {epochs:,} epochs per run", self._state.replace(epochs=epochs))
        return True

    def set_batch_size(self, size):
        """Train in mini-batches of ``size`` rows (0: the whole batch a step); False, with a message,
        out of 0 … MAX_ROWS."""
        if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= MAX_ROWS:
            self.post(BATCH_SIZE_OUT_OF_RANGE(most=MAX_ROWS, size=size, old=self._state.batch_size))
            return False
        if size != self._state.batch_size:
            text = f"Train in mini-batches of {size:,} samples" if size else "Train on the whole batch each step"
            self._push(text, self._state.replace(batch_size=size))
        return True

    def set_test(self, test):
        """Test on ``test`` (an ``UnseenData``) beside training, or on nothing."""
        if test.same_as(self._state.test):
            return
        text = {
            "none": "Train without test data",
            "generated": f"Test on {self._state.batch.kind} data drawn with seed {test.seed}",
            "held_out": f"Hold out {test.share}% of the batch as test data (rows picked with seed {test.seed})",
            "rows": f"Test on {len(test.y):,} given samples",
        }[test.kind]
        self._push(text, self._state.replace(test=test))

    # ----- helpers -----------------------------------------------------------------------------
    def _with_layer(self, index, layer):
        layers = list(self._state.layers)
        layers[index] = layer
        return self._state.replace(layers=tuple(layers))

    def _width_before(self, index):
        width = self._state.batch.n_features
        for layer in self._state.layers[:index]:
            width = layer.output_width(width)
        return width


def _sentence(error):
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _too_big_for(dtype, layers):
    """The first weight or bias of ``layers`` too large for ``dtype``, named; "" when all fit."""
    largest = np.finfo(dtype).max
    for number, layer in enumerate(layer for layer in layers if isinstance(layer, Dense)):
        for which in ("weights", "biases"):
            values = getattr(layer, which)
            if np.finfo(values.dtype).max <= largest:
                continue  # a wider dtype holds every value
            where = np.argwhere(np.abs(values) > largest)
            if len(where):
                row, column = where[0]
                return f"Dense {number + 1} {which} [{row}, {column}] = {values[row, column]:g}"
    return ""

"""Training runs: epochs on a worker thread, shown at screen rate, one undo step per run.

A run trains copies of the document's layers (``State.network()``) with the engine optimizer
``state.optimizer.build()`` gives, on a thread of its own: numpy lets go of the interpreter
inside its loops, so the window keeps painting while the epochs run. Once a frame the GUI thread
asks for a snapshot, and the worker hands one back between two epochs: a new frozen ``State``
over copies of its layers, and the figures of the epochs since the last one. The document shows
it without an undo step; when the run ends, or is paused, one ``TrainingCommand`` goes from the
state before the run to the last one shown. Undo and redo are greyed out while a run goes (a
macro is open on the undo stack), and any edit pauses the run first.
"""

import math
import threading
import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from nnstudio.engine import Dense, Network, layer_name
from nnstudio.engine.layers import OPTIMIZER_CACHES

from .commands import StateCommand
from .limits import MAX_RUNS
from .training import Run

FRAME_MS = 33  # the GUI thread takes a snapshot this often: the views follow at screen rate
FIGURES = ("loss", "accuracy", "learning_rate", "test_loss", "test_accuracy")


class Snapshot:
    """What the worker hands back between two epochs: the state after ``epochs`` epochs of the
    run, the figures of the epochs since the last snapshot, and the seconds the run has taken."""

    __slots__ = ("state", "epochs", "figures", "seconds")

    def __init__(self, state, epochs, figures, seconds):
        self.state, self.epochs, self.figures, self.seconds = state, epochs, figures, seconds


class Worker(threading.Thread):
    """Runs ``epochs`` epochs from ``state`` on the training data ``(X, y)``, measuring ``test`` data
    (or None) each epoch, until done or asked to stop. Touches nothing the GUI thread reads: its
    network is a copy, and every snapshot copies it again."""

    def __init__(self, state, X, y, test, epochs):
        super().__init__(name="training", daemon=True)
        self.stop_requested = threading.Event()
        self.snapshot_wanted = threading.Event()
        self.failure = ""  # why the run stopped early, as a sentence
        self._state, self._X, self._y, self._test, self._epochs = state, X, y, test, epochs
        self._lock = threading.Lock()
        self._snapshot = None
        self._figures = {name: [] for name in FIGURES}

    def take(self):
        """The newest snapshot not yet taken, or None."""
        with self._lock:
            snapshot, self._snapshot = self._snapshot, None
        return snapshot

    def run(self):
        network, optimizer = _working_copy(self._state)
        good, good_epochs = self._state, 0  # the last snapshot: an overflow goes back to it
        done = 0
        started = time.perf_counter()
        with np.errstate(all="ignore"):  # an overflow is caught below, and said in a sentence
            while done < self._epochs and not self.stop_requested.is_set():
                try:
                    self._epoch(network, optimizer)
                except (ValueError, FloatingPointError) as error:
                    self.failure = _failure(network, self._state.optimizer.iterations + done, error)
                    network, optimizer = self._replay(good, done - good_epochs)
                    break
                done += 1
                if self.snapshot_wanted.is_set():
                    self.snapshot_wanted.clear()
                    good, good_epochs = self._hand_over(network, optimizer, done, started), done
        self._hand_over(network, optimizer, done, started)

    def _epoch(self, network, optimizer):
        figures = self._figures
        before_update = optimizer.uses_gradients  # random search reports the weights it keeps
        if self._test is not None and before_update:
            self._measure_test(network)
        loss, accuracy = network.train_epoch(self._X, self._y, optimizer)
        if not math.isfinite(loss):
            raise FloatingPointError("the loss is not a finite number")
        if self._test is not None and not before_update:
            self._measure_test(network)
        figures["loss"].append(float(loss))
        figures["accuracy"].append(float(accuracy))
        figures["learning_rate"].append(float(optimizer.current_learning_rate))

    def _measure_test(self, network):
        trace = network.trace(*self._test)
        self._figures["test_loss"].append(float(trace.loss))
        self._figures["test_accuracy"].append(float(trace.accuracy))

    def _replay(self, state, epochs):
        """The network and optimizer ``epochs`` epochs after ``state``: they ran before without
        overflowing, and run the same again."""
        network, optimizer = _working_copy(state)
        for _ in range(epochs):
            network.train_epoch(self._X, self._y, optimizer)
        for name in FIGURES:  # the failed epoch's figures, as far as it got
            del self._figures[name][epochs:]
        return network, optimizer

    def _hand_over(self, network, optimizer, done, started):
        state = self._state.replace(layers=tuple(layer.copy() for layer in network.layers),
                                    optimizer=self._state.optimizer.after(optimizer))
        with self._lock:
            figures, self._figures = self._figures, {name: [] for name in FIGURES}
            if self._snapshot is not None:  # not taken yet: keep its figures
                figures = {name: self._snapshot.figures[name] + figures[name] for name in FIGURES}
            self._snapshot = Snapshot(state, done, figures, time.perf_counter() - started)
        return state


def _working_copy(state):
    """Copies of ``state``'s layers, and its optimizer built to go on where it stopped. A cache
    kept for a layer of another shape (a neuron added since) is dropped: Adam starts that layer
    afresh, as the book's would for a new layer."""
    network = state.network()
    for layer in network.dense_layers:
        caches = [name for name in OPTIMIZER_CACHES if name in layer.__dict__]
        shapes = {"weight": layer.weights.shape, "bias": layer.biases.shape}
        if any(getattr(layer, name).shape != shapes[name.split("_")[0]] for name in caches):
            for name in caches:
                delattr(layer, name)
    return network, state.optimizer.build()


def _failure(network, epoch, error):
    """A sentence saying at which epoch the run stopped, and where it overflowed."""
    for index, layer in enumerate(network.layers):
        for which in ("weights", "biases") if isinstance(layer, Dense) else ():
            values = getattr(layer, which)
            if not np.isfinite(values).all():
                return (f"Training stopped at epoch {epoch:,}: {layer_name(network.layers, index)} {which}"
                        f" overflowed {values.dtype} — the weights are kept as they were before it.")
    text = str(error)
    return f"Training stopped at epoch {epoch:,}: {text[:1].lower()}{text[1:].rstrip('.')}" \
           " — the weights are kept as they were before it."


class TrainingCommand(StateCommand):
    """A whole run as one undo step; undoing it marks its curve undone, so the curves show where
    the network went back to."""

    def __init__(self, document, before, after, text, run):
        super().__init__(document, before, after, text)
        self._run = run

    def redo(self):
        super().redo()
        self._mark(False)

    def undo(self):
        super().undo()
        self._mark(True)

    def _mark(self, undone):
        if self._run.undone != undone:
            self._run.undone = undone
            self._document.history_changed.emit()


class Trainer(QObject):
    """Starts, shows and ends the document's training runs."""

    running_changed = Signal(bool)
    progressed = Signal()  # a snapshot was shown: the epoch count and epochs per second moved

    def __init__(self, document):
        super().__init__(document)
        self._document = document
        self._worker = None
        self._run = None
        self._before = None  # the state the run started from
        self._macro = None
        self.epochs_per_second = 0.0  # of the last run, measured on the worker
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_frame)

    @property
    def running(self):
        return self._worker is not None

    def train(self, epochs=None):
        """Start a run of ``epochs`` epochs (the state's epochs per run by default); False, with a
        message, when the network cannot be trained."""
        if self.running:
            return False
        document = self._document
        problem = document.training_problem
        if problem:
            document.message_posted.emit(problem)
            return False
        state = document.state
        X, y = document.data
        self._before = state
        self._run = Run(state.optimizer.description, state.optimizer.iterations)
        if len(document.history) >= MAX_RUNS:  # what a project file keeps: the oldest curves go
            del document.history[: len(document.history) - MAX_RUNS + 1]
        document.history.append(self._run)
        document.history_changed.emit()
        stack = document.undo_stack
        stack.beginMacro("Train")
        self._macro = stack.command(stack.count() - 1)
        self.epochs_per_second = 0.0
        self._worker = Worker(state, X, y, self._test_data(state), epochs or state.epochs)
        self.destroyed.connect(self._worker.stop_requested.set)  # a window closed mid-run
        self._worker.start()
        self._timer.start()
        self.running_changed.emit(True)
        return True

    def step(self):
        """Train one epoch (a run of one)."""
        return self.train(1)

    def pause(self):
        """End the run at the state on screen: the epochs shown so far become one undo step (the
        few the worker ran since are dropped, so what was seen is what is kept)."""
        if not self.running:
            return
        self._worker.stop_requested.set()
        self._worker.join()
        self._finish()

    def _test_data(self, state):
        """The state's test data as ``(X, y)`` if the network can be measured on it, else None."""
        test = state.test.data(state.batch)
        if test is None:
            return None
        try:
            Network(state.layers).trace(*test)
        except ValueError as error:
            self._document.message_posted.emit(f"The test data is left out: {str(error).rstrip('.')}.")
            return None
        return test

    def _on_frame(self):
        worker = self._worker
        finished = not worker.is_alive()
        snapshot = worker.take()
        if snapshot is not None:
            self._show(snapshot)
        if finished:
            self._finish()
        else:
            worker.snapshot_wanted.set()

    def _show(self, snapshot):
        for name in FIGURES:
            getattr(self._run, name).extend(snapshot.figures[name])
        self.epochs_per_second = snapshot.epochs / snapshot.seconds if snapshot.seconds > 0 else 0.0
        self._document._restore(snapshot.state)
        self._document.history_changed.emit()
        self.progressed.emit()

    def _finish(self):
        worker, run, document = self._worker, self._run, self._document
        self._timer.stop()
        self._worker = self._run = None
        stack = document.undo_stack
        epochs = len(run.loss)
        if epochs:
            text = f"Train {epochs:,} epoch{'s' if epochs != 1 else ''} with {self._before.optimizer.name}"
            self._macro.setText(text)
            stack.push(TrainingCommand(document, self._before, document.state, text, run))
            stack.endMacro()
        else:  # nothing changed: no undo step
            self._macro.setObsolete(True)
            stack.endMacro()
            stack.undo()
            document.history.remove(run)
            document.history_changed.emit()
        self._macro = self._before = None
        self.running_changed.emit(False)
        if worker.failure:
            document.message_posted.emit(worker.failure)

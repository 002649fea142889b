"""Training runs: epochs in a process of their own, shown at screen rate, one undo step per run.

A run trains copies of the document's layers (``State.network()``) with the engine optimizer
``state.optimizer.build()`` gives, in a child process (``engine/training_loop.py``): there the
epochs take no turns with the window's painting at the interpreter lock, which on a thread made
both several times slower. (A plain interpreter on the module, not multiprocessing's spawn, which
would first run the main script of whoever started the window.) Once a frame the window asks
for a snapshot; the child answers between two epochs with copies of its layers and optimizer
and the figures of the epochs since the last one, and the document shows them as a new frozen
``State`` without an undo step. When the run ends, or is paused (at the state on screen), one
``TrainingCommand`` goes from the state before the run to the last one shown. Undo and redo are
greyed out while a run goes (a macro is open on the undo stack), and any edit pauses the run
first. One epoch (Step) runs where it is asked for: a process takes longer to start.
"""

import contextlib
import os
import subprocess
import sys
from multiprocessing import Pipe
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from nnstudio.engine import Network
from nnstudio.engine.datasets import mini_batch_order
from nnstudio.engine.training_loop import FIGURES, EpochLoop

from .commands import StateCommand
from .limits import MAX_RUNS
from .messages import error, warning
from .training import Run

CANNOT_TRAIN = error("{reason}")  # the document's sentence: no labels, no Softmax at the end, …
TEST_LEFT_OUT = warning("The test data is left out: {reason}.")
STOPPED = warning("{sentence}")  # the training loop's: at which epoch, and where it overflowed
PROCESS_ENDED = error("Training stopped: its process ended unexpectedly — the weights shown are kept.")
CANNOT_START = error("Training could not start a process to run in ({reason}) — nothing changed.")

FRAME_MS = 33  # the window asks for a snapshot this often: the views follow at screen rate
SOURCE = str(Path(__file__).resolve().parents[2])  # where the child finds nnstudio, installed or not


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
        self._process = self._connection = None
        self._asked = False  # a snapshot was asked for and has not come yet
        self._run = None
        self._before = None  # the state the run started from
        self._macro = None
        self.epochs_per_second = 0.0  # of the last run, measured where it ran
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_frame)

    @property
    def running(self):
        return self._run is not None

    def train(self, epochs=None):
        """Start a run of ``epochs`` epochs (the state's epochs per run by default); False, with a
        message, when the network cannot be trained."""
        if self.running:
            return False
        document = self._document
        problem = document.training_problem
        if problem:
            document.post(CANNOT_TRAIN(reason=problem))
            return False
        state = document.state
        epochs = epochs or state.epochs
        X, y = document.data
        if state.batch_size:  # mini-batches take the rows shuffled once
            order = mini_batch_order(len(X))
            X, y = X[order], y[order]
        test = self._test_data(state)
        self._begin(state)
        network, optimizer = state.network(), state.optimizer.build()
        if epochs == 1:
            loop = EpochLoop(network, optimizer, X, y, test, state.batch_size or None)
            loop.run(1)
            layers, optimizer, figures, epochs, seconds = loop.snapshot()
            self._record(figures)
            self._show(layers, optimizer, epochs, seconds)
            self._finish(STOPPED(sentence=loop.failure) if loop.failure else None)
            return True
        self._connection, child = Pipe()
        environment = os.environ | {"PYTHONPATH": os.pathsep.join([SOURCE, os.environ.get("PYTHONPATH", "")])}
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "nnstudio.engine.training_loop", str(child.fileno())],
                pass_fds=(child.fileno(),), env=environment)
        except OSError as error:
            self._connection.close()
            self._finish(CANNOT_START(reason=error.strerror or error))
            return False
        finally:
            child.close()
        self._connection.send((network, optimizer, X, y, test, epochs, state.batch_size or None))
        self.destroyed.connect(self._process.kill)  # a window closed mid-run
        self._asked = False
        self._timer.start()
        return True

    def step(self):
        """Train one epoch (a run of one)."""
        return self.train(1)

    def pause(self):
        """End the run at the state on screen: the epochs shown so far become one undo step (the
        few the process ran since are dropped, so what was seen is what is kept)."""
        if self._process is not None:
            self._stop_process()
            self._finish(None)

    def _begin(self, state):
        document = self._document
        self._before = state
        self._run = Run(state.optimizer.description, state.optimizer.epochs_run)
        if len(document.history) >= MAX_RUNS:  # what a project file keeps: the oldest curves go
            del document.history[: len(document.history) - MAX_RUNS + 1]
        document.history.append(self._run)
        document.history_changed.emit()
        stack = document.undo_stack
        stack.beginMacro("Train")
        self._macro = stack.command(stack.count() - 1)
        self.epochs_per_second = 0.0
        self.running_changed.emit(True)

    def _test_data(self, state):
        """The state's test data as ``(X, y)`` if the network can be measured on it, else None."""
        test = self._document.test_data  # ``state`` is the document's
        if test is None:
            return None
        try:
            Network(state.layers).trace(*test)
        except ValueError as error:
            self._document.post(TEST_LEFT_OUT(reason=str(error).rstrip(".")))
            return None
        return test

    def _on_frame(self):
        snapshot, failure, done = None, None, False
        try:
            while not done and self._connection.poll():
                kind, layers, optimizer, figures, epochs, seconds, *rest = self._connection.recv()
                self._record(figures)
                snapshot = layers, optimizer, epochs, seconds
                self._asked = False
                if kind == "done":
                    done, failure = True, STOPPED(sentence=rest[0]) if rest[0] else None
        except (EOFError, OSError):
            done, failure = True, PROCESS_ENDED()
        if snapshot is not None:
            self._show(*snapshot)
        if done:
            self._stop_process()
            self._finish(failure)
        elif not self._asked:
            self._asked = True
            with contextlib.suppress(OSError):  # it has just ended: its last message comes next frame
                self._connection.send("show")

    def _record(self, figures):
        """Add the figures of the epochs a snapshot covers to the run's curves."""
        for name in FIGURES:
            getattr(self._run, name).extend(figures[name])

    def _show(self, layers, optimizer, epochs, seconds):
        """Show the run's state after ``epochs`` epochs, taking ``seconds``: ``layers`` and the
        engine ``optimizer`` as the run left them."""
        self.epochs_per_second = epochs / seconds if seconds > 0 else 0.0
        state = self._before.replace(layers=tuple(layers), optimizer=self._before.optimizer.after(optimizer, epochs))
        self._document._restore(state)
        self._document.history_changed.emit()
        self.progressed.emit()

    def _stop_process(self):
        self._timer.stop()
        self._process.terminate()
        self._process.wait()
        self._connection.close()
        self._process = self._connection = None

    def _finish(self, failure):
        """End the run: one undo step for its epochs, and ``failure`` (a Message, or None) said."""
        run, document = self._run, self._document
        self._run = None
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
        if failure:
            document.post(failure)

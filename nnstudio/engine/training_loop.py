"""The training loop the window runs: epochs of ``Network.train_epoch``, the figures of each epoch
for the curves, test data measured each epoch, and a stop at the last finite epoch when the
numbers overflow. It runs in a process of its own, so that the window's painting and the epochs
do not take turns at one interpreter lock (``python -m nnstudio.engine.training_loop FD``, talking
over the connection on file descriptor FD; see ``serve``), or, for a single epoch, where it is
called.
"""

import contextlib
import copy
import math
import sys
import time
from multiprocessing.connection import Connection

import numpy as np

from .layers import OPTIMIZER_CACHES, Dense
from .network import layer_name

FIGURES = ("loss", "accuracy", "learning_rate", "test_loss", "test_accuracy")


class EpochLoop:
    """Trains ``network`` with ``optimizer`` (both its own) on ``(X, y)``, measuring ``test`` data
    (``(X, y)`` or None) each epoch."""

    def __init__(self, network, optimizer, X, y, test=None, batch_size=None):
        _drop_stale_caches(network)
        self.network, self.optimizer = network, optimizer
        self._X, self._y, self._test = X, y, test
        self._batch_size = batch_size  # rows a step takes (None: all of them)
        self.done = 0  # epochs run
        self.failure = ""  # why the loop stopped early, as a sentence
        self.figures = {name: [] for name in FIGURES}  # since the last ``take_figures``
        self._good = _copies(network, optimizer), 0  # a point to replay from after an overflow
        self._started = time.perf_counter()

    def run(self, epochs, interrupted=lambda: False):
        """Run up to ``epochs`` epochs, until ``interrupted()`` says to stop (asked before each)."""
        first = self.optimizer.iterations - self.done
        with np.errstate(all="ignore"):  # an overflow is caught below, and said in a sentence
            while self.done < epochs and not interrupted():
                try:
                    self._epoch()
                except (ValueError, FloatingPointError) as error:
                    self.failure = _failure(self.network, first + self.done, error)
                    self._replay()
                    return
                self.done += 1

    def take_figures(self):
        """The figures of the epochs since the last call; the state now becomes the one an
        overflow goes back to."""
        figures, self.figures = self.figures, {name: [] for name in FIGURES}
        self._good = _copies(self.network, self.optimizer), self.done
        return figures

    def snapshot(self):
        """What the window shows: copies of the layers, the optimizer, the figures since the last
        snapshot, the epochs run and the seconds they took."""
        layers, optimizer = _copies(self.network, self.optimizer)
        return layers, optimizer, self.take_figures(), self.done, time.perf_counter() - self._started

    def _epoch(self):
        figures, network, optimizer = self.figures, self.network, self.optimizer
        before_update = optimizer.uses_gradients  # random search reports the weights it keeps
        if self._test is not None and before_update:
            self._measure_test()
        loss, accuracy = network.train_epoch(self._X, self._y, optimizer, self._batch_size)
        if not math.isfinite(loss):
            raise FloatingPointError("the loss is not a finite number")
        if self._test is not None and not before_update:
            self._measure_test()
        figures["loss"].append(float(loss))
        figures["accuracy"].append(float(accuracy))
        figures["learning_rate"].append(float(optimizer.current_learning_rate))

    def _measure_test(self):
        trace = self.network.trace(*self._test)
        self.figures["test_loss"].append(float(trace.loss))
        self.figures["test_accuracy"].append(float(trace.accuracy))

    def _replay(self):
        """Back to the epoch before the one that overflowed: from the last good point, the epochs
        since ran without overflowing before, and run the same again."""
        (layers, optimizer), at = self._good
        self.network.layers, self.optimizer = layers, optimizer
        for _ in range(self.done - at):
            self.network.train_epoch(self._X, self._y, optimizer, self._batch_size)
        for name in FIGURES:  # the failed epoch's figures, as far as it got
            del self.figures[name][self.done - at:]


def serve(connection):
    """A training process: receive ``(network, optimizer, X, y, test, epochs, batch_size)``, run the epochs,
    answer each "show" on ``connection`` with a ``("snapshot", …)`` between two epochs, and stop on
    "stop"; the last message is ``("done", …, failure)``."""
    network, optimizer, X, y, test, epochs, batch_size = connection.recv()
    loop = EpochLoop(network, optimizer, X, y, test, batch_size)
    stop = []

    def interrupted():
        try:
            while connection.poll():
                if connection.recv() == "stop":
                    break
                connection.send(("snapshot", *loop.snapshot()))
            else:
                return False
        except (EOFError, OSError):  # the window is gone: nobody to train for
            pass
        stop.append(True)
        return True

    loop.run(epochs, interrupted)
    if not stop:
        with contextlib.suppress(OSError):  # the window may be gone as the last epoch ends
            connection.send(("done", *loop.snapshot(), loop.failure))


def _copies(network, optimizer):
    """Copies of the layers (weights, biases and the optimizer's caches) and of the optimizer."""
    return [layer.copy() for layer in network.layers], copy.deepcopy(optimizer)


def _drop_stale_caches(network):
    """A cache kept for a layer of another shape (a neuron added since) is dropped: the optimizer
    starts that layer afresh, as the book's would a new layer."""
    for layer in network.dense_layers:
        caches = [name for name in OPTIMIZER_CACHES if name in layer.__dict__]
        shapes = {"weight": layer.weights.shape, "bias": layer.biases.shape}
        if any(getattr(layer, name).shape != shapes[name.split("_")[0]] for name in caches):
            for name in caches:
                delattr(layer, name)


def _failure(network, epoch, error):
    """A sentence saying at which epoch the run stopped, and where it overflowed."""
    for index, layer in enumerate(network.layers):
        for which in ("weights", "biases") if isinstance(layer, Dense) else ():
            values = getattr(layer, which)
            if not np.isfinite(values).all():
                return (f"Training stopped at epoch {epoch:,}: {layer_name(network.layers, index)} {which}"
                        f" overflowed {values.dtype} — the weights are kept as they were before it.")
    text = str(error)
    return (f"Training stopped at epoch {epoch:,}: {text[:1].lower()}{text[1:].rstrip('.')}"
            " — the weights are kept as they were before it.")


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])))

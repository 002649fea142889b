"""The training loop the window runs: the engine's epochs and figures, the stop at the last finite
epoch, and a training process that answers, stops, and ends when the window is gone."""

import subprocess
import sys
import time
from multiprocessing import Pipe

import numpy as np

from nnstudio.engine import FLOAT32, SGD, Adam, Dense, Network, ReLU, Softmax, spiral
from nnstudio.engine.training_loop import EpochLoop


def book_network():
    """A small net in the book's float32, where a learning rate of 1e30 overflows at once."""
    network = Network([Dense(2, 16, dtype=FLOAT32), ReLU(), Dense(16, 3, dtype=FLOAT32), Softmax()])
    network.initialise(0, 0.01)
    return network


def bits(network):
    return [(layer.weights.tobytes(), layer.biases.tobytes()) for layer in network.dense_layers]


def test_the_loop_runs_the_engines_epochs_and_keeps_their_figures():
    X, y = spiral(50, 3)
    test = spiral(50, 3, seed=1)
    mine, theirs = book_network(), book_network()
    loop = EpochLoop(mine, Adam(0.05, 5e-7), X, y, test)
    loop.run(20)
    optimizer = Adam(0.05, 5e-7)
    losses, test_losses = [], []
    for _ in range(20):
        test_losses.append(float(theirs.trace(*test).loss))
        losses.append(float(theirs.train_epoch(X, y, optimizer)[0]))
    layers, built, figures, done, seconds = loop.snapshot()
    assert done == 20 and built.iterations == 20 and seconds > 0
    assert bits(Network(layers)) == bits(theirs)
    assert figures["loss"] == losses and figures["test_loss"] == test_losses
    assert loop.snapshot()[2]["loss"] == []  # each snapshot carries the epochs since the last


def test_an_overflow_stops_at_the_last_finite_epoch_and_says_where():
    X, y = spiral(50, 3)
    network = book_network()
    loop = EpochLoop(network, SGD(1e30), X, y)
    loop.run(100)
    assert loop.done == 1
    assert loop.failure.startswith("Training stopped at epoch 1: Dense 1 weights overflowed float32")
    again = book_network()
    again.train_epoch(X, y, SGD(1e30))
    layers, optimizer, figures, _, _ = loop.snapshot()
    assert bits(Network(layers)) == bits(again) and optimizer.iterations == 1 and len(figures["loss"]) == 1
    assert all(np.isfinite(layer.weights).all() for layer in Network(layers).dense_layers)


def start_process():
    window_end, child = Pipe()
    process = subprocess.Popen([sys.executable, "-m", "nnstudio.engine.training_loop", str(child.fileno())],
                               pass_fds=(child.fileno(),), stderr=subprocess.PIPE)
    child.close()
    X, y = spiral(50, 3)
    window_end.send((book_network(), Adam(0.05, 5e-7), X, y, None, 10**6, None))  # no mini-batches
    return window_end, process


def test_the_process_answers_a_snapshot_and_stops_when_told():
    connection, process = start_process()
    connection.send("show")
    kind, layers, optimizer, figures, done, seconds = connection.recv()
    assert kind == "snapshot" and optimizer.iterations == done == len(figures["loss"])
    connection.send("stop")
    assert process.wait(timeout=20) == 0 and process.stderr.read() == b""


def test_the_process_ends_quietly_when_the_window_is_gone():
    connection, process = start_process()
    time.sleep(0.3)
    connection.close()
    assert process.wait(timeout=20) == 0 and process.stderr.read() == b""

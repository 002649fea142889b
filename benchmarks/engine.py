"""The engine's traced forward pass against the book's plain code, on the same arrays, in one run.

    python benchmarks/engine.py [--repeats N]

The book's side is the notebook's own classes (tests/reference_book.py). In the book's float32
numerics ("nnfs") its Dense computes the dot product as ``nnfs.init()``'s patched ``np.dot`` does
— in float64, cast back to float32 — written out here so that numpy is never patched. Both sides
must give bit-identical outputs, loss and accuracy before anything is timed.

Prints one line per figure: ``metric <name> <value> <unit>``; ratio = engine ÷ book. Times are
the fastest of the rounds; BLAS runs on one thread (unless OPENBLAS_NUM_THREADS says otherwise)
so that both sides are timed under the same, quieter conditions.
"""

import argparse
import os
import statistics
import sys
import timeit
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import reference_book as book  # noqa: E402

from nnstudio.engine import NUMERICS, Dense, Network, ReLU, Softmax, spiral  # noqa: E402


class Layer_Dense_nnfs(book.Layer_Dense):
    """The notebook's Layer_Dense with ``np.dot`` as ``nnfs.init()`` replaces it."""

    def forward(self, inputs):
        dot = np.dot(inputs.astype("float64"), self.weights.astype("float64")).astype("float32")
        self.output = dot + self.biases


def make_engine(widths, numerics):
    layers = []
    for n_inputs, n_neurons in pairwise(widths):
        layers += [Dense(n_inputs, n_neurons), ReLU()]
    layers[-1] = Softmax()
    network = Network(layers)
    network.astype(NUMERICS[numerics])
    network.initialise(0, 0.10)
    return network


def make_book(network, numerics):
    """The notebook's objects holding the engine's very arrays."""
    dense_class = Layer_Dense_nnfs if numerics == "nnfs" else book.Layer_Dense
    layers = []
    for layer in network.layers:
        if isinstance(layer, Dense):
            dense = dense_class.__new__(dense_class)
            dense.weights, dense.biases = layer.weights, layer.biases
            layers.append(dense)
        else:
            layers.append(book.Activation_ReLU() if isinstance(layer, ReLU) else book.Activation_Softmax())
    return layers


def book_pass(layers, loss_function, X, y):
    inputs = X
    for layer in layers:
        layer.forward(inputs)
        inputs = layer.output
    return inputs, loss_function.calculate(inputs, y), book.accuracy(inputs, y)


def check_same_results(network, book_layers, X, y):
    trace = network.trace(X, y)
    output, loss, accuracy = book_pass(book_layers, book.Loss_CategoricalCrossEntropy(), X, y)
    for mine, theirs in ((trace.output, output), (trace.loss, loss), (trace.accuracy, accuracy)):
        mine, theirs = np.asarray(mine), np.asarray(theirs)
        if mine.dtype != theirs.dtype or not np.array_equal(mine, theirs):
            sys.exit("the engine and the book disagree: the timings would not compare like with like")


def calls_per_round(call, seconds=0.005):
    """How many calls of ``call`` take about ``seconds``."""
    once = timeit.timeit(call, number=3) / 3
    return max(1, round(seconds / once))


def per_call_seconds(contenders, repeats):
    """Each contender's per-call times over ``repeats`` rounds, interleaved and in alternating order
    so that drifts in machine load fall on both alike."""
    numbers = {name: calls_per_round(call) for name, call in contenders.items()}
    times = {name: [] for name in contenders}
    names = list(contenders)
    for round_ in range(repeats):
        for name in names if round_ % 2 == 0 else reversed(names):
            times[name].append(timeit.timeit(contenders[name], number=numbers[name]) / numbers[name])
    return times


def bench(label, samples, widths, numerics, repeats):
    X, y = spiral(samples, 3)
    network = make_engine(widths, numerics)
    book_layers = make_book(network, numerics)
    loss_function = book.Loss_CategoricalCrossEntropy()
    check_same_results(network, book_layers, X, y)
    times = per_call_seconds(
        {
            "engine": lambda: network.trace(X, y),
            "book": lambda: book_pass(book_layers, loss_function, X, y),
        },
        repeats,
    )
    engine, plain = min(times["engine"]), min(times["book"])
    ratios = [mine / theirs for mine, theirs in zip(times["engine"], times["book"], strict=True)]
    print(f"metric engine_trace_{label}_ms {engine * 1e3:.4f} ms")
    print(f"metric book_forward_{label}_ms {plain * 1e3:.4f} ms")
    print(f"metric ratio_{label} {engine / plain:.3f} x")
    print(f"metric ratio_{label}_median_of_rounds {statistics.median(ratios):.3f} x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100, help="interleaved timing rounds per figure")
    args = parser.parse_args()
    for numerics, suffix in (("nnfs", ""), ("float64", "_f64")):
        bench(f"spiral100{suffix}", 100, [2, 64, 3], numerics, args.repeats)
        bench(f"spiral10000{suffix}", 10_000, [2, 64, 64, 3], numerics, args.repeats)


if __name__ == "__main__":
    main()

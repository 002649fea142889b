"""Training speed: the engine's ``train_epoch`` against the book's own chapter 10 loop.

    python benchmarks/training.py [--pairs N] [--epochs N]

Same network and data on both sides (spiral 100 × 3, Dense(2, 64) → ReLU → Dense(64, 3) with
Softmax and the loss, Adam with learning rate 0.05 and decay 5e-7, the book's float32 numerics).
Each side runs in a process of its own — the book's code needs ``nnfs.init()``, which patches numpy
for its whole process — in alternating pairs, so that drifts in machine load fall on both alike.
The book's code is read from a copy of Sentdex/nnfs_book (see tests/book_oracle.py).

Prints ``metric train_epoch_vs_book <x> x`` (the median of the pairs' ratios; target ≤ 1.10) and
each side's median seconds per epoch.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = os.environ | {"OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}


def engine_seconds_per_epoch(epochs):
    """The engine's ``train_epoch`` on the book's run: median over rounds of 100 epochs, after
    ``epochs // 10`` epochs of warm-up."""
    from nnstudio.document.state import State
    from nnstudio.engine import FLOAT32, Dense, Network, ReLU, Softmax, spiral

    X, y = spiral(100, 3, seed=0)
    network = Network([Dense(2, 64, dtype=FLOAT32), ReLU(), Dense(64, 3, dtype=FLOAT32), Softmax()])
    network.initialise(0, 0.01)
    optimizer = State().optimizer.build()  # the book's chapter 10 Adam
    rounds = []
    for epoch in range(epochs + epochs // 10):
        if epoch % 100 == 0:
            start = time.perf_counter()
        network.train_epoch(X, y, optimizer)
        if epoch % 100 == 99 and epoch >= epochs // 10:
            rounds.append((time.perf_counter() - start) / 100)
    return statistics.median(rounds)


def in_a_process(command):
    result = subprocess.run([sys.executable, *command], env=ENV, check=True, capture_output=True, text=True)
    return float(result.stdout.split()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="alternating pairs of processes")
    parser.add_argument("--epochs", type=int, default=3000, help="timed epochs per process")
    parser.add_argument("--engine-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_only:
        print(engine_seconds_per_epoch(args.epochs))
        return
    book_command = [str(ROOT / "tests" / "book_oracle.py"), "--seconds-per-epoch", str(args.epochs)]
    engine_command = [str(Path(__file__).resolve()), "--engine-only", "--epochs", str(args.epochs)]
    book, engine = [], []
    for pair in range(args.pairs):
        order = [(book, book_command), (engine, engine_command)]
        for times, command in order if pair % 2 == 0 else reversed(order):
            times.append(in_a_process(command))
    ratios = [mine / theirs for mine, theirs in zip(engine, book, strict=True)]
    print(f"metric book_epoch_ms {statistics.median(book) * 1e3:.4f} ms")
    print(f"metric train_epoch_ms {statistics.median(engine) * 1e3:.4f} ms")
    print(f"metric train_epoch_vs_book {statistics.median(ratios):.3f} x")


if __name__ == "__main__":
    main()

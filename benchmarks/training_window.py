"""Training in the window with every panel on screen, against the engine's ``train_epoch`` alone.

The book's chapter 10 run (spiral 100 × 3, Dense(2, 64) → ReLU → Dense(64, 3) → Softmax with
weights 0.01·randn, Adam with learning rate 0.05 and decay 5e-7, float32 as the book) is trained
in a full-HD window laid out as ``ui_latency.py``'s every-panel case, with the Train and Training
curves panels also on screen, for ``--seconds`` seconds of the window's own event loop. Two
figures come out of it:

- the epochs per second the run made, counted from the snapshots the window showed after the
  first ``WARM_UP`` seconds, against ``train_epoch``'s epochs per second on the same network and
  data in the same process (``training.py``'s ``engine_seconds_per_epoch``, run before and after
  the window, the mean taken): ``metric window_vs_headless <x> x`` (target ≥ 0.8);
- the interval between frames that showed the run: for each snapshot shown, the first paint of
  the data plot after it; their median spacing is ``metric training_frame_interval_median <ms> ms``
  (target ≤ 33 ms).

    python benchmarks/training_window.py [--seconds S]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QGraphicsView  # noqa: E402  (PySide6 before pyqtgraph, path first)

from nnstudio.app import create_application, use_fresh_settings  # noqa: E402

WARM_UP = 1.0  # seconds of the run left out of the count: first paints, caches filling
HEADLESS_EPOCHS = 3000


def book_run_state():
    """The chapter 10 run as a State: its network, the spiral 100 × 3 and the default Adam."""
    from nnstudio.document import spiral_classifier
    from nnstudio.engine import FLOAT32, Dense, Network, ReLU, Softmax

    network = Network([Dense(2, 64, dtype=FLOAT32), ReLU(), Dense(64, 3, dtype=FLOAT32), Softmax()])
    network.initialise(0, 0.01)
    return spiral_classifier().replace(layers=tuple(network.layers))


def show_every_panel_and_training(window):
    """``ui_latency``'s every-panel layout, and the Train dock out of the Batch tab group it opens
    in, under Layers, so it too is on screen (the Training curves dock keeps the bottom group's
    place, at its right end)."""
    from ui_latency import show_every_panel

    show_every_panel(window)
    window.removeDockWidget(window.docks["Train"])  # out of the group first, as ui_latency does
    window.splitDockWidget(window.docks["Layers"], window.docks["Train"], Qt.Orientation.Vertical)
    window.docks["Train"].show()


class FrameClock(QObject):
    """For each snapshot the trainer shows, the time of the data plot's first paint after it."""

    def __init__(self, window):
        super().__init__()
        self.shown = []  # (time, epochs of the run) of each snapshot shown
        self.frames = []
        self._waiting = False
        window.document.trainer.progressed.connect(self._on_progressed)
        self._document = window.document
        for view in window.data_plot.findChildren(QGraphicsView):
            view.viewport().installEventFilter(self)

    def _on_progressed(self):
        self.shown.append((time.perf_counter(), self._document.state.optimizer.iterations))
        self._waiting = True

    def eventFilter(self, watched, event):
        if self._waiting and event.type() == QEvent.Type.Paint:
            self._waiting = False
            self.frames.append(time.perf_counter())
        return False


def train_in_window(app, seconds):
    """Epochs per second and the frame intervals (seconds) of a run ``seconds`` long in the window."""
    from ui_latency import WINDOW_SIZE

    from nnstudio.document import Document
    from nnstudio.widgets.main_window import MainWindow

    window = MainWindow(Document(book_run_state()))
    window.resize(*WINDOW_SIZE)
    window.show()
    for _ in range(3):
        app.processEvents()
    show_every_panel_and_training(window)
    for _ in range(3):
        app.processEvents()
    clock = FrameClock(window)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    window.document.trainer.train()
    loop.exec()
    window.document.trainer.pause()
    start = clock.shown[0][0] + WARM_UP
    counted = [(at, epochs) for at, epochs in clock.shown if at >= start]
    rate = (counted[-1][1] - counted[0][1]) / (counted[-1][0] - counted[0][0])
    frames = [at for at in clock.frames if at >= start]
    window.grab().save(str(Path(os.environ.get("TMPDIR", "/tmp")) / "training_window.png"))
    window.close()
    window.deleteLater()
    app.processEvents()
    return rate, [later - earlier for earlier, later in zip(frames, frames[1:], strict=False)]


def window_metrics(app, seconds):
    """Print ``window_vs_headless`` and ``training_frame_interval_median`` (the window's part of
    issue 13's speed targets), with the figures they come from."""
    from training import engine_seconds_per_epoch

    before = engine_seconds_per_epoch(HEADLESS_EPOCHS)
    rate, intervals = train_in_window(app, seconds)
    after = engine_seconds_per_epoch(HEADLESS_EPOCHS)
    headless = 2 / (before + after)
    print(f"metric headless_epochs_per_second {headless:.0f} epochs/s")
    print(f"metric window_epochs_per_second {rate:.0f} epochs/s")
    print(f"metric window_vs_headless {rate / headless:.3f} x")
    print(f"metric training_frame_interval_median {1000 * statistics.median(intervals):.1f} ms")
    print(f"metric training_frame_interval_p90 {1000 * sorted(intervals)[int(0.9 * len(intervals))]:.1f} ms")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="length of the run in the window")
    arguments = parser.parse_args(argv)
    app = create_application()
    with tempfile.TemporaryDirectory() as settings:
        use_fresh_settings(settings)  # the default layout, not the user's nor a last run's
        window_metrics(app, arguments.seconds)


if __name__ == "__main__":
    main()

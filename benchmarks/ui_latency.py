"""How long a weight edit takes to reach the screen, against the engine's trace alone.

For each case, the whole main window is shown (offscreen unless a display is given) and one
weight is typed into the Dense 1 weight table through its model's ``setData``, alternating
between two values. The clock stops when the document's new trace has been delivered and every
panel (the central data plot and each dock) has been repainted synchronously. The baseline is
``Network.trace`` on the same layers and arrays, in the same run.

    python benchmarks/ui_latency.py [--repeats N] [--profile]

prints ``metric <name> <value> <unit>`` lines.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QModelIndex, Qt  # noqa: E402  (PySide6 before pyqtgraph, path first)

from nnstudio.app import create_application  # noqa: E402
from nnstudio.document import Batch, Document, spiral_classifier  # noqa: E402
from nnstudio.engine import Dense, Network, ReLU, Softmax  # noqa: E402

CASES = (
    # name, samples per class, classes, hidden widths (each Dense followed by ReLU), target ms
    ("spiral100x3_2-64-3", 100, 3, (64,), 16.0),
    ("spiral1000x3_2-64-64-3", 1000, 3, (64, 64), 33.0),
)
WARM_UP = 5


def state_for(samples, classes, hidden):
    layers = []
    width = 2
    for size in hidden:
        layers += [Dense(width, size), ReLU()]
        width = size
    layers += [Dense(width, classes), Softmax()]
    base = spiral_classifier()
    network = Network(layers)
    network.astype(base.dtype)
    network.initialise(base.init.seed, base.init.scale)
    return base.replace(layers=tuple(network.layers), batch=Batch("spiral", samples, classes, 0))


def panels_of(window):
    """Every panel on screen: the central widget and each visible dock's widget."""
    panels = {"central": window.centralWidget()}
    for title, dock in window.docks.items():
        if dock.isVisible():
            panels[title] = dock.widget()
    return panels


def time_edits(app, window, repeats):
    document = window.document
    model = window.parameters_panel.editors[0].weights_model
    index = model.index(0, 0, QModelIndex())
    delivered = []
    document.trace_changed.connect(lambda: delivered.append(True))
    panels = panels_of(window)
    latencies, per_panel = [], {name: [] for name in panels}
    for i in range(WARM_UP + repeats):
        delivered.clear()
        value = "0.75" if i % 2 else "-0.5"
        start = time.perf_counter()
        assert model.setData(index, value, Qt.ItemDataRole.EditRole)
        while not delivered:
            app.processEvents()
        app.processEvents()  # anything the panels scheduled in answer
        for name, widget in panels.items():
            before = time.perf_counter()
            widget.repaint()
            if i >= WARM_UP:
                per_panel[name].append(time.perf_counter() - before)
        if i >= WARM_UP:
            latencies.append(time.perf_counter() - start)
    return latencies, per_panel


def time_engine(document, repeats):
    X, y = document.data
    network = Network(document.layers)
    times = []
    for i in range(WARM_UP + repeats):
        start = time.perf_counter()
        network.trace(X, y)
        if i >= WARM_UP:
            times.append(time.perf_counter() - start)
    return times


def ms(seconds):
    return 1000 * statistics.median(seconds)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--profile", action="store_true", help="print where the edit's time goes")
    arguments = parser.parse_args(argv)
    app = create_application()
    from nnstudio.widgets.main_window import MainWindow

    for name, samples, classes, hidden, target in CASES:
        document = Document(state_for(samples, classes, hidden))
        window = MainWindow(document)
        window.resize(1500, 950)
        window.show()
        for _ in range(3):
            app.processEvents()
        if arguments.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
        latencies, per_panel = time_edits(app, window, arguments.repeats)
        if arguments.profile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        engine = time_engine(document, arguments.repeats)
        latency, baseline = ms(latencies), ms(engine)
        print(f"metric {name}_edit_to_repaint_median {latency:.2f} ms")
        print(f"metric {name}_edit_to_repaint_p90 {1000 * sorted(latencies)[int(0.9 * len(latencies))]:.2f} ms")
        print(f"metric {name}_engine_trace_median {baseline:.2f} ms")
        print(f"metric {name}_ratio {latency / baseline:.1f} x")
        print(f"metric {name}_target {target:.0f} ms ({'met' if latency <= target else 'missed'})")
        for panel, times in per_panel.items():
            print(f"#   repaint {panel}: {ms(times):.2f} ms")
        window.close()
        window.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()

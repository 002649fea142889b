"""How long a weight edit takes to reach the screen, against the engine's trace alone.

For each case, the whole main window is shown (offscreen unless a display is given) and one
weight is typed into the Dense 1 weight table through its model's ``setData``, alternating
between two values. Two clocks run from that call:

- in-frame: until the document's new trace has been delivered, the data plot's coarse decision
  regions (computed on a pool thread meanwhile) have arrived, and the events the panels posted in
  answer have been handled, Qt's paint of every widget they marked dirty included;
- refined: until the data plot's full-resolution regions (computed after its refinement delay, on
  a pool thread) have arrived and been painted.

The window is full HD, measured in two layouts, each in a window of its own:

- ``default``: the layout the window opens with. Outputs, Loss and Network share one tab group,
  so Loss and Network are out of sight: they are brought up to date when they come into sight,
  not on every edit, and Qt does not paint them. Metric names end in ``_default_layout``.
- ``every-panel``: the same with the tab group split side by side, so all nine panels are on
  screen at a readable size and all repaint on every edit, the data plot in the centre about
  860 × 620 pixels. Metric names are the case's alone.

After the timed edits, ten more edits count the paint events on every widget of every panel (the
central data plot and each dock), to show which panels were painted inside the in-frame window:
``widget.repaint()`` cannot stand in for that, as it does not reach the viewports of graphics and
item views. (The event filters that count them cost about 1 ms an edit, so the timed edits go
without them.) The next edit waits for the refinement. The baseline is ``Network.trace`` on the
same layers and arrays, in the same run. numpy is first loaded after ``nnstudio.app``, so both
clocks run with the app's BLAS thread count.

Each case is measured twice: with the Forward pass panel at the loss (as the window opens), and
with it showing a step of the backward pass (Dense 1's dweights, the last gradient the loss reaches;
metric names gain ``_backward_step``), whose result and explanation then follow every edit too.

    python benchmarks/ui_latency.py [--repeats N] [--profile] [--layout default|every-panel|both]
                                    [--step loss|backward|both] [--case NAME]

The 2-8-8-3 case is TensorFlow Playground's kind of network: in the every-panel layout the Network
panel draws every neuron's map over the input plane, recomputed on every edit.

prints ``metric <name> <value> <unit>`` lines.
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

from PySide6.QtCore import QEvent, QEventLoop, QModelIndex, QObject, Qt  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402  (PySide6 before pyqtgraph, path first)

from nnstudio.app import create_application, use_fresh_settings  # noqa: E402
from nnstudio.document import Batch, Document, spiral_classifier  # noqa: E402
from nnstudio.engine import Dense, Network, ReLU, Softmax  # noqa: E402

CASES = (
    # name, samples per class, classes, hidden widths (each Dense followed by ReLU), target ms
    ("spiral100x3_2-64-3", 100, 3, (64,), 16.0),
    ("spiral1000x3_2-64-64-3", 1000, 3, (64, 64), 33.0),
    # with every neuron's map over the input plane in the Network panel (in the every-panel layout)
    ("spiral100x3_2-8-8-3_maps", 100, 3, (8, 8), 16.0),
)
WARM_UP = 5
PAINT_CHECKS = 10  # edits after the timed ones, to count the panels each repaints


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


WINDOW_SIZE = (1920, 1080)  # a full-HD desktop or projector
TABBED = ("Outputs", "Loss", "Network")  # one tab group in the default layout, side by side here
PANEL_WIDTHS = {  # pixels across: every panel readable, the data plot the largest
    ("Layers", "Weights and biases"): (420, 560),
    ("Forward pass", "Explanation", "Outputs", "Loss", "Network"): (380, 380, 360, 400, 400),
}


def show_every_panel(window):
    """The default layout with its tab group split side by side, so every panel is on screen at a
    readable size and has to repaint, and the data plot keeps the centre."""
    for title in TABBED:  # out of the group first: Qt tabs a dock split from a tabbed one
        window.removeDockWidget(window.docks[title])
    row = ("Explanation", *TABBED)
    for first, second in zip(row, row[1:], strict=False):
        window.splitDockWidget(window.docks[first], window.docks[second], Qt.Orientation.Horizontal)
    for dock in window.docks.values():
        dock.show()
    for titles, widths in PANEL_WIDTHS.items():
        window.resizeDocks([window.docks[title] for title in titles], list(widths), Qt.Orientation.Horizontal)


def panels_of(window):
    """Every panel on screen: the central widget and each visible dock's widget."""
    panels = {"central": window.centralWidget()}
    for title, dock in window.docks.items():
        if dock.isVisible():
            panels[title] = dock.widget()
    return panels


class PaintCounter(QObject):
    """Counts the panels that received a paint event (on any of their widgets) since ``reset``."""

    def __init__(self, panels):
        super().__init__()
        self.painted = set()
        self._panel_of = {}
        for name, panel in panels.items():
            for widget in [panel, *panel.findChildren(QWidget)]:
                self._panel_of[widget] = name
                widget.installEventFilter(self)

    def reset(self):
        self.painted.clear()

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.painted.add(self._panel_of.get(watched))
        return False


def wait_for(app, happened):
    """Handle events, sleeping between them rather than spinning a core, until ``happened`` holds."""
    while not happened:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


class Editor:
    """Types one weight into the Dense 1 weight table through its model, alternating two values, and
    waits for the in-frame window and then for the refined regions."""

    def __init__(self, app, window):
        self.app = app
        self.model = window.parameters_panel.editors[0].weights_model
        self.index = self.model.index(0, 0, QModelIndex())
        self.edits = 0
        self.delivered, self.coarse, self.refined = [], [], []
        window.document.trace_changed.connect(lambda: self.delivered.append(True))
        window.data_plot.regions_shown.connect(lambda resolution: self.coarse.append(resolution))
        window.data_plot.regions_refined.connect(lambda: self.refined.append(True))

    def edit(self, in_frame_over=lambda: None):
        """One edit: its in-frame and refined latencies. ``in_frame_over`` is called as the in-frame
        window closes, before the refinement is waited for."""
        for happened in (self.delivered, self.coarse, self.refined):
            happened.clear()
        self.edits += 1
        start = time.perf_counter()
        assert self.model.setData(self.index, "0.75" if self.edits % 2 else "-0.5", Qt.ItemDataRole.EditRole)
        wait_for(self.app, self.delivered)
        wait_for(self.app, self.coarse)
        self.app.processEvents()  # anything the panels scheduled in answer, and the paints they asked for
        coarse_done = time.perf_counter()
        in_frame_over()
        wait_for(self.app, self.refined)
        self.app.processEvents()  # the paint of the refined image
        return coarse_done - start, time.perf_counter() - start


def time_edits(editor, repeats, profiler=None):
    """The in-frame and refined latencies of ``repeats`` edits; ``profiler``, if given, runs during
    the in-frame window."""
    in_frame, full = [], []
    for i in range(WARM_UP + repeats):
        if profiler is not None:
            profiler.enable()
        times = editor.edit(in_frame_over=profiler.disable if profiler is not None else lambda: None)
        if i >= WARM_UP:
            in_frame.append(times[0])
            full.append(times[1])
    return in_frame, full


def count_paints(editor, window, edits):
    """In how many of ``edits`` further edits each panel was painted within the in-frame window.
    Counted on edits of their own: the event filters that see the paints cost about 1 ms an edit."""
    panels = panels_of(window)
    counter = PaintCounter(panels)
    paints = dict.fromkeys(panels, 0)
    for _ in range(edits):
        counter.reset()
        editor.edit(in_frame_over=lambda: [paints.__setitem__(name, paints[name] + 1)
                                           for name in counter.painted & paints.keys()])
    return paints


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


def p90_ms(seconds):
    return 1000 * sorted(seconds)[int(0.9 * len(seconds))]


LAYOUTS = ("default", "every-panel")


def measure(app, case, layout, repeats, profile, step="loss"):
    """Time ``repeats`` edits of ``case`` in a new window with ``layout``, the Forward pass panel at
    ``step`` ("loss" or "backward"); print its metrics."""
    from nnstudio.widgets.main_window import MainWindow

    name, samples, classes, hidden, target = case
    settings = tempfile.TemporaryDirectory()
    use_fresh_settings(settings.name)  # the default layout at zoom 0: not the user's, nor the last case's
    document = Document(state_for(samples, classes, hidden))
    window = MainWindow(document)
    window.resize(*WINDOW_SIZE)
    if layout == "every-panel":
        show_every_panel(window)
    window.show()
    for _ in range(3):
        app.processEvents()
    if step == "backward":
        walk = document.walk
        document.selection.select_step(max(i for i, s in enumerate(walk.steps) if s.kind.name == "dweights"))
        for _ in range(3):
            app.processEvents()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    editor = Editor(app, window)
    in_frame, full = time_edits(editor, repeats, profiler)
    paints = count_paints(editor, window, PAINT_CHECKS)
    if profiler is not None:
        import pstats

        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(30)
    engine = time_engine(document, repeats)
    latency, baseline = ms(in_frame), ms(engine)
    label = f"{name}_default_layout" if layout == "default" else name
    label += "_backward_step" if step == "backward" else ""
    print(f"metric {label}_edit_to_repaint_median {latency:.2f} ms")
    print(f"metric {label}_edit_to_repaint_p90 {p90_ms(in_frame):.2f} ms")
    print(f"metric {label}_edit_to_full_regions_median {ms(full):.2f} ms")
    print(f"metric {label}_edit_to_full_regions_p90 {p90_ms(full):.2f} ms")
    print(f"metric {label}_engine_trace_median {baseline:.2f} ms")
    print(f"metric {label}_ratio {latency / baseline:.1f} x")
    print(f"metric {label}_target {target:.0f} ms ({'met' if latency <= target else 'missed'})")
    for panel, count in paints.items():
        print(f"#   {panel}: painted within the in-frame window after {count} of {PAINT_CHECKS} edits")
    window.close()
    window.deleteLater()
    app.processEvents()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--profile", action="store_true", help="print where the edit's time goes")
    parser.add_argument("--layout", choices=(*LAYOUTS, "both"), default="both",
                        help="the window as it opens, every panel on screen at once, or one after the other")
    parser.add_argument("--step", choices=("loss", "backward", "both"), default="both",
                        help="the step the Forward pass panel shows while the weight is edited")
    parser.add_argument("--case", choices=[case[0] for case in CASES], action="append",
                        help="measure only this case (repeatable); every case by default")
    arguments = parser.parse_args(argv)
    print(f"# BLAS threads: OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    app = create_application()
    layouts = LAYOUTS if arguments.layout == "both" else (arguments.layout,)
    steps = ("loss", "backward") if arguments.step == "both" else (arguments.step,)
    for case in CASES:
        if arguments.case and case[0] not in arguments.case:
            continue
        for layout in layouts:
            for step in steps:
                measure(app, case, layout, arguments.repeats, arguments.profile, step)


if __name__ == "__main__":
    main()

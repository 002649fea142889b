"""How long the app takes from process start to its window painted with the first trace, against a
bare PySide6 + pyqtgraph window with one plot, in the same run.

Each start is a process of its own, spawned by this script, which takes the time just before the
spawn; the process prints the monotonic clock (shared by every process on the machine) when its
window has been painted, and quits without tidying up. The two kinds of start alternate, pair
after pair, the first of a pair taking turns, so that a machine slowing down or speeding up during
the run weighs on both alike; the figures are the medians.

- app: what ``python main.py`` does on a first start (default layout, settings of its own), but
  no start page: the main window is built and shown, and the time is taken when the first frame
  painted after the document's first ``trace_changed`` (which every view has handled by then) has
  been flushed to the window: that frame shows the first trace's points, outputs and numbers.
- bare: a QMainWindow of the same size holding one pyqtgraph PlotWidget with a few points, its
  imports in ruff's order (numpy, pyqtgraph, PySide6); the time is taken when its first frame has
  been flushed.

Python's bytecode cache is on for the measured processes, in a folder of the run's own (the first,
unmeasured pair fills it), as it is on a user's machine: an environment that sets
PYTHONDONTWRITEBYTECODE would have the app compile its own modules at every start while the bare
window's libraries come compiled with their wheels. ``--compile-each-start`` measures that case.

"Flushed" is the moment the event that painted the window has been handled: a zero-delay timer
started from the frame's first paint event runs after Qt has painted every dirty widget of it and
handed the picture to the window system.

    python benchmarks/startup.py [--pairs N] [--compile-each-start]

runs offscreen unless QT_QPA_PLATFORM says otherwise (under Xvfb: ``xvfb-run -a env
QT_QPA_PLATFORM=xcb python benchmarks/startup.py``) and prints ``metric <name> <value> <unit>``.
"""

import os
import sys
import time

# The measured processes import no more than these three (which Python has loaded at start anyway);
# the measuring one imports the rest in main().
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WINDOW_SIZE = (1280, 800)  # the main window's size on a first start
TIMEOUT_S = 60
KINDS = ("app", "bare")


# ----- the measured processes: as little as possible before the kind's own imports ------------------
def report_after_this_frame():
    """Print the clock once the event being handled (a paint of the window) is over, and quit."""
    from PySide6.QtCore import QTimer

    def report():
        print(time.monotonic(), flush=True)
        os._exit(0)  # no tidying up: only the start is measured

    QTimer.singleShot(0, report)


def watch_for_paint(app, window):
    """Report after the next frame in which any widget of ``window`` is painted."""
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and watched.isWidgetType() and watched.window() is window:
                app.removeEventFilter(self)
                report_after_this_frame()
            return False

    app.watcher = FirstPaint()
    app.installEventFilter(app.watcher)


def start_app(settings_folder):
    from nnstudio.app import create_application, open_window, use_fresh_settings

    app = create_application()
    use_fresh_settings(settings_folder)
    window = open_window()
    # Connected after every view's slot, so it runs once they have all taken the trace in; the
    # event filter goes on only then, not to slow down the start before.
    window.document.trace_changed.connect(lambda: watch_for_paint(app, window))
    return app.exec()


def start_bare(_settings_folder):
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    plot = pg.PlotWidget()
    plot.plot(np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 2.0, 4.0]), pen=None, symbol="o")
    window.setCentralWidget(plot)
    window.resize(*WINDOW_SIZE)
    watch_for_paint(app, window)
    window.show()
    return app.exec()


# ----- the measuring process ------------------------------------------------------------------------
def time_start(kind, settings_folder, environment):
    """Seconds from spawning a ``kind`` start to its window painted, and the CPU seconds it used
    (which other processes on the machine sway less than the wall time)."""
    import resource
    import subprocess

    command = [sys.executable, __file__, "--child", kind, settings_folder]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    spawned = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, cwd=ROOT, env=environment,
                          check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = done.stdout.split()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"The {kind} start failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return float(lines[-1]) - spawned, cpu


def run_child(kind, settings_folder):
    sys.path.insert(0, ROOT)
    return {"app": start_app, "bare": start_bare}[kind](settings_folder)


def main(argv=None):
    import argparse
    import statistics
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=9)
    parser.add_argument("--compile-each-start", action="store_true",
                        help="no bytecode cache: every start compiles the modules that come without one")
    arguments = parser.parse_args(argv)
    cache = "off" if arguments.compile_each_start else "on"
    print(f"# platform {os.environ['QT_QPA_PLATFORM']}, bytecode cache {cache}, "
          f"{arguments.pairs} pairs after one warm-up pair")
    times = {kind: [] for kind in KINDS}
    cpu = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="nnstudio-startup-") as folder:
        environment = dict(os.environ)
        if arguments.compile_each_start:
            environment["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            environment.pop("PYTHONDONTWRITEBYTECODE", None)
            environment["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "bytecode")
        for kind in KINDS:  # warm-up: files into the page cache, Python's bytecode written
            time_start(kind, tempfile.mkdtemp(dir=folder), environment)
        for pair in range(arguments.pairs):
            for kind in KINDS if pair % 2 == 0 else reversed(KINDS):
                wall, used = time_start(kind, tempfile.mkdtemp(dir=folder), environment)
                times[kind].append(wall)
                cpu[kind].append(used)
    for kind in KINDS:
        print(f"# {kind} wall: " + " ".join(f"{seconds:.3f}" for seconds in times[kind]))
        print(f"# {kind} cpu:  " + " ".join(f"{seconds:.3f}" for seconds in cpu[kind]))
    pair_ratios = [app / bare for app, bare in zip(times["app"], times["bare"], strict=True)]
    print(f"# median of the pairs' own ratios: {statistics.median(pair_ratios):.2f}")
    app, bare = statistics.median(times["app"]), statistics.median(times["bare"])
    print(f"metric startup_app_median {app:.3f} s")
    print(f"metric startup_bare_median {bare:.3f} s")
    print(f"metric startup_ratio {app / bare:.2f} x")
    app_cpu, bare_cpu = statistics.median(cpu["app"]), statistics.median(cpu["bare"])
    print(f"metric startup_app_cpu_median {app_cpu:.3f} s")
    print(f"metric startup_bare_cpu_median {bare_cpu:.3f} s")
    print(f"metric startup_cpu_ratio {app_cpu / bare_cpu:.2f} x")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1:2] == ["--child"]:
        sys.exit(run_child(*sys.argv[2:4]))
    sys.exit(main())

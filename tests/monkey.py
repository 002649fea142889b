"""A monkey: random actions over the real main window, as a user with no plan would act, checking
after every few actions that the window still tells the truth.

    python -m tests.monkey --actions 2000 --seeds 10          # seeds 0 … 9
    python -m tests.monkey --actions 20000 --seed 7           # one seed, long

Each seed runs in a process of its own (``--child``) with faulthandler on, writing each action to a
log before doing it, so a crash reports what led to it. The parent prints ``metric`` lines: actions
done, crashes, unhandled exceptions, hangs (an action over ``HANG_S``), Qt warnings, Python warnings
from NN Studio's code, and broken invariants (the shown trace is not a fresh engine trace of the
state; undoing everything does not give the first state back bit for bit; a saved project does not
open again as it was saved). Modal dialogs are answered by a timer, as a user would close them.
"""

import argparse
import contextlib
import faulthandler
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

import numpy as np

METRICS = ("actions", "crashes", "exceptions", "hangs", "qt_warnings", "python_warnings", "broken_invariants")
HANG_S = 2.0  # an action that keeps the window busy longer than this is a hang
CHECK_EVERY = 25  # actions between two checks of the invariants
IGNORED_QT = ("This plugin does not support",)  # the offscreen platform's known noise
NASTY_TEXTS = ["", "0", "-0", "1e308", "-1e-45", "1e-200", "nan", "inf", "abc", "1,5", "2.871", "99999999999",
               "-3", "0.5", "\t", "1\t2\n3\t4", "1,2,3", "    7   ", "٣", "1e39", "0x10", "--1"]
EXCLUDED_ACTIONS = ("Quit", "Close", "Exit", "Export as Python script", "Export", "Save the project")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=1000, help="actions per seed")
    parser.add_argument("--seeds", type=int, default=1, help="seeds 0 … N−1")
    parser.add_argument("--seed", type=int, help="run this one seed")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        return run_child(arguments.seed, arguments.actions)
    seeds = [arguments.seed] if arguments.seed is not None else list(range(arguments.seeds))
    totals = dict.fromkeys(METRICS, 0)
    failures = []
    for seed in seeds:
        result = run_seed(seed, arguments.actions)
        for key in totals:
            totals[key] += result.get(key, 0)
        if result.get("problems"):
            failures.append((seed, result["problems"]))
    for key, value in totals.items():
        print(f"metric monkey_{key} {value} count")
    for seed, problems in failures:
        print(f"# seed {seed}:")
        slow = [problem for problem in problems if " took " in problem]  # after the rest: the rarer kinds first
        for problem in [*(problem for problem in problems if problem not in slow), *slow][:10]:
            print("#   " + problem.replace("\n", "\n#   "))
    return 0 if not failures else 1


def run_seed(seed, actions):
    """One seed in a child process; its summary, or a crash with the last actions it logged."""
    with tempfile.TemporaryDirectory(prefix="nnstudio-monkey-") as folder:
        log = Path(folder) / "actions.log"
        environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNSTUDIO_MONKEY_LOG=str(log),
                           NNSTUDIO_MONKEY_FOLDER=folder)
        done = subprocess.run([sys.executable, "-m", "tests.monkey", "--child", "--seed", str(seed),
                               "--actions", str(actions)], capture_output=True, text=True, env=environment,
                              cwd=Path(__file__).resolve().parents[1], timeout=60 + actions * 5)
        summary = next((line for line in reversed(done.stdout.splitlines()) if line.startswith("{")), None)
        if done.returncode == 0 and summary:
            return json.loads(summary)
        last = log.read_text().splitlines()[-15:] if log.exists() else []
        return {"crashes": 1, "actions": len(log.read_text().splitlines()) if log.exists() else 0,
                "problems": [f"crashed (exit {done.returncode}) after:\n" + "\n".join(last)
                             + "\n" + done.stderr[-3000:]]}


# ----- the child: the window and the actions ---------------------------------------------------------
def run_child(seed, count):
    faulthandler.enable()
    from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from nnstudio.app import create_application, use_fresh_settings

    folder = Path(os.environ.get("NNSTUDIO_MONKEY_FOLDER") or tempfile.mkdtemp())
    log = open(os.environ.get("NNSTUDIO_MONKEY_LOG") or os.devnull, "a", buffering=1)  # noqa: SIM115
    counts = dict.fromkeys(METRICS, 0)
    problems = []

    def on_qt_message(kind, _context, message):
        if kind == QtMsgType.QtFatalMsg:
            print(f"Qt fatal: {message}", file=sys.stderr, flush=True)  # Qt aborts next: said before it
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) and not any(
                noise in message for noise in IGNORED_QT):
            counts["qt_warnings"] += 1
            problems.append(f"Qt warning: {message}")

    def on_exception(kind, value, trace):
        counts["exceptions"] += 1
        problems.append("".join(traceback.format_exception(kind, value, trace))[-2000:])

    qInstallMessageHandler(on_qt_message)
    sys.excepthook = on_exception
    app = create_application()
    use_fresh_settings(str(folder / "settings"))
    from nnstudio.widgets.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    closer = QTimer()
    closer.timeout.connect(lambda: close_modal(app))
    closer.start(30)
    for _ in range(5):
        app.processEvents()
    monkey = Monkey(window, np.random.default_rng(seed), folder)
    from nnstudio.document.project_file import Project, dumps

    first = [dumps(Project(window.document.state))]  # the state undoing everything goes back to

    def remember_first():
        with monkey.checking():  # the monkey's own work, not the window's
            first[0] = dumps(Project(window.document.state))

    window.document.state_replaced.connect(remember_first)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for number in range(count):
            name, act = monkey.choose()
            log.write(f"{number} {name}\n")
            start = time.perf_counter()
            try:
                act()
                for _ in range(3):
                    app.processEvents()
            except Exception:  # an action that raises in the monkey's own hands is its bug, said as such
                counts["exceptions"] += 1
                problems.append(f"action {name} raised:\n{traceback.format_exc()[-2000:]}")
            took = time.perf_counter() - start - monkey.take_checking_seconds()
            if took > HANG_S:
                counts["hangs"] += 1
                problems.append(f"action {number} {name} took {took:.1f} s ({shape_of(window.document)})")
            counts["actions"] += 1
            if number % CHECK_EVERY == CHECK_EVERY - 1:
                broken = monkey.check()
                counts["broken_invariants"] += len(broken)
                problems += broken
        window.document.trainer.pause()
        app.processEvents()
        stack = window.document.undo_stack
        stack.setIndex(0)
        app.processEvents()
        if stack.index() == 0 and dumps(Project(window.document.state)) != first[0]:
            counts["broken_invariants"] += 1
            problems.append("undoing everything did not give the first state back")
        ours = [w for w in caught if "nnstudio" in str(w.filename)]
    counts["python_warnings"] = len(ours)
    problems += [f"Python warning: {w.filename}:{w.lineno}: {w.message}" for w in ours[:5]]
    closer.stop()
    print(json.dumps(dict(counts, problems=problems)), flush=True)
    QApplication.processEvents()
    os._exit(0)  # no tidying up: the counts are out


def shape_of(document):
    """What a slow action worked on: the batch's size and the stack, as a short line."""
    X, _ = document.data
    layers = " ".join(layer.kind + (str(layer.weights.shape) if hasattr(layer, "weights") else "")
                      for layer in document.layers)
    return f"{X.shape[0]}×{X.shape[1]} {document.state.batch.kind}, {layers}"


def close_modal(app):
    """Answer whatever modal dialog or menu is up, as a user who does not read it would."""
    from PySide6.QtWidgets import QDialog, QMenu

    widget = app.activeModalWidget() or app.activePopupWidget()
    if isinstance(widget, QDialog):
        widget.reject()
    elif isinstance(widget, QMenu) or widget is not None:
        widget.close()


class Monkey:
    def __init__(self, window, rng, folder):
        self.window, self.rng, self.folder = window, rng, folder
        self.saved = 0
        self._checking_seconds = 0.0  # spent in the monkey's own checks during the current action
        self.kinds = [
            ("menu action", self.menu_action, 6),
            ("type into a table", self.type_into_table, 6),
            ("paste into a table", self.paste_into_table, 2),
            ("spin box", self.spin_box, 3),
            ("combo box", self.combo_box, 2),
            ("check box", self.check_box, 1),
            ("click a plot", self.click_plot, 3),
            ("dock", self.dock, 1),
            ("undo and redo", self.undo_redo, 2),
            ("step", self.step, 2),
            ("save and reopen", self.save_and_reopen, 1),
            ("open a corrupted file", self.open_corrupted, 1),
        ]

    @contextlib.contextmanager
    def checking(self):
        """Time spent here is the monkey's own (its checks), not the window's: not counted to a hang."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self._checking_seconds += time.perf_counter() - start

    def take_checking_seconds(self):
        seconds, self._checking_seconds = self._checking_seconds, 0.0
        return seconds

    def choose(self):
        weights = np.array([weight for _, _, weight in self.kinds], dtype=float)
        index = self.rng.choice(len(self.kinds), p=weights / weights.sum())
        name, act, _ = self.kinds[index]
        return name, act

    def pick(self, items):
        return items[int(self.rng.integers(len(items)))] if items else None

    def visible(self, kind):
        return [widget for widget in self.window.findChildren(kind) if widget.isVisible() and widget.isEnabled()]

    # ----- actions --------------------------------------------------------------------------------
    def menu_action(self):
        actions = []

        def walk(menu_actions):
            for action in menu_actions:
                if action.menu():
                    walk(action.menu().actions())
                elif action.isEnabled() and action.text() and not action.isSeparator() and not any(
                        word in action.text().replace("&", "") for word in EXCLUDED_ACTIONS):
                    actions.append(action)

        walk(self.window.menuBar().actions())
        action = self.pick(actions)
        if action is not None:
            action.trigger()

    def type_into_table(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QTableView

        view = self.pick(self.visible(QTableView))
        if view is None or not view.model() or not view.model().rowCount() or not view.model().columnCount():
            return
        model = view.model()
        index = model.index(int(self.rng.integers(model.rowCount())), int(self.rng.integers(model.columnCount())))
        view.setCurrentIndex(index)
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_F2)
        editor = view.indexWidget(index)
        if editor is not None:
            # a Tab or Return typed mid-text would close the editor under the rest of the keys
            text = self.pick(NASTY_TEXTS).replace("\t", " ").replace("\n", " ")
            if text.isascii():
                QTest.keyClicks(editor, text)
            elif hasattr(editor, "insert"):
                editor.insert(text)  # QTest types ASCII only: other characters come as an input method's
            if self.rng.random() < 0.8:
                QTest.keyClick(editor, Qt.Key.Key_Return)

    def paste_into_table(self):
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication, QTableView

        view = self.pick(self.visible(QTableView))
        if view is None or not view.model().rowCount():
            return
        rows = int(self.rng.integers(1, 4))
        block = "\n".join("\t".join(str(self.pick(NASTY_TEXTS[:14])) for _ in range(int(self.rng.integers(1, 4))))
                          for _ in range(rows))
        QApplication.clipboard().setText(block)
        view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def spin_box(self):
        from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox

        box = self.pick([b for b in self.visible(QAbstractSpinBox) if isinstance(b, (QSpinBox, QDoubleSpinBox))])
        if box is None:
            return
        choice = self.rng.random()
        value = box.minimum() if choice < 0.2 else box.maximum() if choice < 0.4 else (
            box.minimum() + (box.maximum() - box.minimum()) * self.rng.random() ** 4)
        box.setValue(int(value) if isinstance(box, QSpinBox) else value)
        box.editingFinished.emit()

    def combo_box(self):
        from PySide6.QtWidgets import QComboBox

        box = self.pick([b for b in self.visible(QComboBox) if b.count()])
        if box is not None:
            index = int(self.rng.integers(box.count()))
            box.setCurrentIndex(index)
            box.activated.emit(index)

    def check_box(self):
        from PySide6.QtWidgets import QCheckBox

        box = self.pick(self.visible(QCheckBox))
        if box is not None:
            box.click()

    def click_plot(self):
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QGraphicsView

        view = self.pick(self.visible(QGraphicsView))
        if view is None:
            return
        port = view.viewport()
        point = QPoint(int(self.rng.integers(max(1, port.width()))), int(self.rng.integers(max(1, port.height()))))
        button = Qt.MouseButton.LeftButton if self.rng.random() < 0.8 else Qt.MouseButton.RightButton
        QTest.mouseClick(port, button, Qt.KeyboardModifier.NoModifier, point)

    def dock(self):
        dock = self.pick(list(self.window.docks.values()))
        choice = self.rng.random()
        if choice < 0.3:
            dock.setFloating(not dock.isFloating())
        elif choice < 0.6:
            dock.toggleViewAction().trigger()
        else:
            dock.show()
            dock.raise_()

    def undo_redo(self):
        """A burst of Undo and Redo, through the window's actions (greyed out while a run trains)."""
        for _ in range(int(self.rng.integers(1, 8))):
            action = self.window.undo_menu_action if self.rng.random() < 0.6 else self.window.redo_menu_action
            if action.isEnabled():
                action.trigger()

    def step(self):
        action = self.pick([action for action in self.window.stepper.step_actions if action.isEnabled()])
        if action is not None:
            action.trigger()

    def save_and_reopen(self):
        from nnstudio.document.project_file import Project, ProjectFileError, dumps, load

        actions = self.window.file_actions
        self.saved += 1
        path = Path(self.folder) / f"saved-{self.saved}.nnstudio.json"
        if not actions._write(path):
            return
        with self.checking():
            saved = dumps(Project(self.window.document.state))
            try:
                load(path)
            except ProjectFileError as error:
                raise AssertionError(f"a project just saved is refused on open: {error}") from error
        if not actions.open_file(path):
            raise AssertionError(f"a project just saved was refused on open: {path}")
        with self.checking():
            reopened = dumps(Project(load(path).state))
        if reopened != saved:
            raise AssertionError("a saved project opened as another state")

    def open_corrupted(self):
        path = Path(self.folder) / "corrupted.nnstudio.json"
        good = Path(self.folder) / f"saved-{self.saved}.nnstudio.json"
        text = good.read_text() if good.exists() else '{"format": "nnstudio"}'
        cut = int(self.rng.integers(len(text)))
        path.write_text(text[:cut] + self.pick(["", "x", "}", "null", "1e999", "[]"]) + text[cut + 1:])
        self.window.file_actions.open_file(path)

    # ----- invariants -----------------------------------------------------------------------------
    def check(self):
        """What the window shows is the engine's trace of the document's state."""
        from nnstudio.engine import Network

        document = self.window.document
        trace = document.trace
        if trace is None:
            return []
        X, y = document.data
        with np.errstate(all="ignore"):
            try:
                fresh = Network(layer.copy() for layer in document.layers).trace(X, y)
            except ValueError:
                fresh = Network(layer.copy() for layer in document.layers).trace(X)
        if fresh.output.tobytes() != trace.output.tobytes():
            return ["the shown trace's output is not the engine's for the state"]
        shown = self.window.stepper.model.matrix
        step = document.walk.steps[document.selection.step] if document.walk is not None else None
        if step is not None and shown.size and shown.tobytes() != step.output.reshape(shown.shape).tobytes():
            return ["the Forward pass table does not show the current step's result"]
        return []


if __name__ == "__main__":
    sys.exit(main())

"""The window on a real X server (Xvfb, the xcb platform): offscreen runs cannot catch a missing
system library such as libxcb-cursor0. Skipped only where Xvfb is not installed."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW_WINDOW = """
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def show():
    app = QApplication([])
    print("platform", app.platformName())
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    from nnstudio.widgets.main_window import MainWindow

    window = MainWindow()
    window.show()
    print("exposed" if QTest.qWaitForWindowExposed(window, 20000) else "not exposed")
    print("title", window.windowTitle())
    QTimer.singleShot(0, window.close)
    return app.exec()


raise SystemExit(show())
"""

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")


@pytest.fixture
def display(tmp_path):
    """A fresh Xvfb on a free display number (Xvfb picks it and writes it to -displayfd)."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def x_environment(display, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display, XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHONPATH=str(ROOT))
    env.pop("WAYLAND_DISPLAY", None)
    return env


def test_the_main_window_is_exposed_on_xcb(display, tmp_path):
    result = subprocess.run([sys.executable, "-c", SHOW_WINDOW], cwd=ROOT, env=x_environment(display, tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "platform xcb" in result.stdout and "exposed" in result.stdout.splitlines()
    assert "NN Studio" in result.stdout
    assert "Could not load the Qt platform plugin" not in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
def test_python_main_py_shows_a_window_named_nn_studio(display, tmp_path):
    env = x_environment(display, tmp_path)
    app = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        names = []
        deadline = time.monotonic() + 60
        while not any(is_main_window(name) for name in names) and time.monotonic() < deadline:
            assert app.poll() is None, app.communicate()[1]
            time.sleep(0.5)
            names = visible_window_names(env)
        assert any(is_main_window(name) for name in names), f"visible windows: {names}"
    finally:
        app.terminate()
        _, errors = app.communicate(timeout=20)
    assert "Traceback" not in errors and "Could not load the Qt platform plugin" not in errors


def visible_window_names(env):
    search = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "NN Studio"], env=env,
                            capture_output=True, text=True)
    return [subprocess.run(["xdotool", "getwindowname", window], env=env, capture_output=True,
                           text=True).stdout.strip() for window in search.stdout.split()]


def is_main_window(name):
    """The main window's title ends with "NN Studio"; the first-run start page says "Welcome to"."""
    return name.endswith("NN Studio") and not name.startswith("Welcome")


DRAG_A_LAYER = """
import sys
from PySide6.QtCore import QPoint, QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
from nnstudio.widgets.main_window import MainWindow

window = MainWindow()
window.show()
QTest.qWaitForWindowExposed(window, 20000)
window.activateWindow()
QTest.qWait(300)
view, model = window.layer_stack.view, window.layer_stack.view.model()
names = [model.index(row, 0).data().split("   ")[0] for row in range(model.rowCount())]
relu = view.viewport().mapToGlobal(view.visualRect(model.index(names.index("ReLU 1"), 0)).center())
dense = view.viewport().mapToGlobal(view.visualRect(model.index(names.index("Dense 1"), 0)).topLeft() + QPoint(30, 3))
print("drag", relu.x(), relu.y(), dense.x(), dense.y(), flush=True)
QTimer.singleShot(int(sys.argv[1]), lambda: (print("layers", *[layer.kind for layer in window.document.layers],
                                                   flush=True), app.quit()))
app.exec()
"""


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed")
def test_a_real_mouse_drag_moves_a_layer_in_the_list(display, tmp_path):
    """The X server's own pointer presses ReLU 1, drags it above Dense 1 and lets go: Qt's drag and
    drop, not events posted to the widget."""
    env = x_environment(display, tmp_path)
    child = subprocess.Popen([sys.executable, "-c", DRAG_A_LAYER, "8000"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.startswith("drag"), child.stderr.read()
        x, y, to_x, to_y = map(int, line.split()[1:])

        def xdotool(*arguments):
            subprocess.run(["xdotool", *map(str, arguments)], env=env, check=True)
            time.sleep(0.1)

        xdotool("mousemove", x, y)
        xdotool("mousedown", 1)
        for step in range(1, 9):  # far enough, slowly enough, for Qt to start a drag
            xdotool("mousemove", x + (to_x - x) * step // 8, y + (to_y - y) * step // 8)
        xdotool("mouseup", 1)
        out, errors = child.communicate(timeout=60)
    finally:
        child.kill()
    assert "layers ReLU Dense Dense Softmax" in out, errors

"""QApplication set-up and the command line. PySide6 is imported before pyqtgraph."""

import os

# One BLAS thread, set before anything imports numpy: the app's matrices are small (a few thousand
# rows at most), and a second thread's hand-over costs more than it gains — measured on 2 cores,
# 3000×64 @ 64×64 takes ≈0.7 ms with one thread and ≈8 ms with two. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

# The engine (numpy and nothing else) before PySide6: PySide6 reads the source of every module
# imported after it, looking for its name (its __feature__ switch, PYSIDE-2029): about 35 ms of CPU
# at start for numpy's ~80 modules and the engine's, which never use it.
import nnstudio.engine  # noqa: E402, F401

# isort: split
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SCREENSHOT_SETTLE_MS = 300  # after the first trace, time for the plots to draw it
SCREENSHOT_TIMEOUT_MS = 10_000  # take the picture even if the first trace never comes


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="nnstudio", description="See how a neural network computes.")
    parser.add_argument("file", nargs="?", help="a project file to open")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a picture of the window and exit")
    parser.add_argument("--export-script", metavar="OUT.py", help="write FILE as a numpy script and exit")
    return parser.parse_args(argv)


def create_application(argv=()):
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName("NN Studio")
    app.setApplicationName("NN Studio")
    return app


def use_fresh_settings(folder):
    """Read and write settings in ``folder``: the default layout, and the user's left untouched."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def save_screenshot(window, path):
    """Wait for the window's first full update, then save a picture of it to ``path``."""
    loop = QEventLoop()
    window.document.trace_changed.connect(lambda: QTimer.singleShot(SCREENSHOT_SETTLE_MS, loop.quit))
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
    loop.exec()
    if not window.grab().save(path):
        print(f"Could not write the screenshot to {path}.", file=sys.stderr)
        return 1
    return 0


def export_without_window(project_path, script_path):
    """``--export-script OUT.py FILE``: write the script and exit, no window."""
    from nnstudio.document.export_script import ExportError, export_file
    from nnstudio.document.project_file import ProjectFileError

    if not project_path:
        print("--export-script needs the project FILE to export.", file=sys.stderr)
        return 2
    try:
        export_file(project_path, script_path)
    except (ProjectFileError, ExportError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {script_path}.")
    return 0


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.export_script:
        return export_without_window(arguments.file, arguments.export_script)
    if arguments.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists
    app = create_application()
    if arguments.screenshot:
        with tempfile.TemporaryDirectory(prefix="nnstudio-settings-") as folder:
            use_fresh_settings(folder)
            return save_screenshot(open_window(arguments.file), arguments.screenshot)
    window = open_window(arguments.file)
    if not arguments.file:
        window.file_actions.show_start_page_first_time()
    return app.exec()


def open_window(path=None):
    """The main window, shown, with the project at ``path`` open when one is given."""
    from nnstudio.widgets.main_window import MainWindow

    window = MainWindow()
    window.show()
    if path:
        window.file_actions.open_at_start(path)
    return window

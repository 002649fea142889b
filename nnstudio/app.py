"""QApplication set-up and the command line. PySide6 is imported before pyqtgraph."""

import argparse
import sys

from PySide6.QtWidgets import QApplication


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


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    app = create_application()
    from nnstudio.widgets.main_window import MainWindow

    window = MainWindow()
    window.show()
    return app.exec()

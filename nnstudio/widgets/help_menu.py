"""The Help menu: every keyboard shortcut (F1), what each panel shows, and an About box with the
versions of what NN Studio runs on."""

import platform

import numpy as np
import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from .text_window import show_text

# What each panel shows, and how a student works with it, by dock title.
PANEL_GUIDE = {
    "Layers": "The stack, batch first. Double-click a Dense to change its neurons, a Dropout to change its rate;"
              " drag a layer, or Ctrl+Up / Ctrl+Down, to move it; + Dense, + ReLU, + Softmax and + … add after"
              " the selected one.",
    "Batch": "Where the samples come from: the book's spiral or vertical data, TensorFlow Playground's sets, or"
             " rows typed by hand (then click the plot to add points, right-click to remove them). The feature"
             " buttons give the network x₀², sin x₀, … as inputs.",
    "Train": "The optimizer and its settings (the book's runs as presets), epochs per run, mini-batches and test"
             " data; Step one epoch, Train and Pause.",
    "Weights and biases": "Every weight and bias: click a cell and type; Ctrl+C / Ctrl+V copy and paste blocks;"
                          " Regularize… sets L1 and L2 penalties; Show gradients puts dweights beside them.",
    "Forward pass": "One step of the pass at a time (F10 steps, F5 runs to the loss, then to the end of the epoch):"
                    " its result as a table; click a cell to see how it was computed.",
    "Explanation": "How the selected cell was computed, with the actual numbers.",
    "Outputs": "The selected sample's probabilities as bars, and every sample's outputs as a heat map.",
    "Loss": "Each sample's loss and their mean, with the accuracy.",
    "Network": "The network as circles and lines: a line's colour and thickness are its weight; each circle shows"
               " its neuron's map over the input plane; hover or click one to see it large behind the data.",
    "Training curves": "Loss, accuracy and learning rate of every run, each in its own colour, training and test.",
    "Loss along weight": "The loss as the selected weight moves, with its tangent: the gradient, checked against"
                         " a central difference.",
    "Layer space": "The batch as a layer sees it, with the input plane's grid lines carried through the network.",
}


def install_help_menu(window):
    """Add the Help menu to ``window``'s menu bar (last); returns it."""
    menu = window.menuBar().addMenu("&Help")
    shortcuts = QAction("&Keyboard shortcuts", window)
    shortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    shortcuts.triggered.connect(lambda: show_text(window, "Keyboard shortcuts", shortcuts_html(window)))
    panels = QAction("What each &panel shows", window)
    panels.triggered.connect(lambda: show_text(window, "What each panel shows", panels_html()))
    about = QAction("&About NN Studio", window)
    about.triggered.connect(lambda: QMessageBox.about(window, "About NN Studio", about_text()))
    menu.addActions([shortcuts, panels, about])
    return menu


def menu_shortcuts(menu_bar):
    """(menu, action text, shortcuts) of every action with a shortcut, menu by menu."""
    found = []

    def walk(menu, path):
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} ▸ {action.menu().title().replace('&', '')}")
            elif action.shortcuts() and action.text():
                keys = ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())
                found.append((path, action.text().replace("&", ""), keys))

    for action in menu_bar.actions():
        if action.menu() is not None:
            walk(action.menu(), action.menu().title().replace("&", ""))
    return found


def shortcuts_html(window):
    rows = "".join(f"<tr><td>{menu}</td><td>{text}</td><td><b>{keys}</b></td></tr>"
                   for menu, text, keys in menu_shortcuts(window.menuBar()))
    return f"<table cellpadding='4'><tr><th>Menu</th><th>Action</th><th>Keys</th></tr>{rows}</table>"


def panels_html():
    return "".join(f"<p><b>{title}</b> — {text}</p>" for title, text in PANEL_GUIDE.items())


def package_version(name):
    from importlib.metadata import PackageNotFoundError, version  # 11 ms at start for the About box only

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def about_text():
    return (f"<h3>NN Studio {package_version('nnstudio')}</h3>"
            "<p>How a neural network computes and learns, one number at a time, with the numbers of"
            " <i>Neural Networks from Scratch</i> bit for bit.</p>"
            f"<p>Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__} · numpy"
            f" {np.__version__} · pyqtgraph {package_version('pyqtgraph')} · nnfs {package_version('nnfs')}</p>")

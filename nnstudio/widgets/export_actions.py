"""File ▸ Export picture (the Data, Outputs, Loss and Network panels as PNG or SVG) and
Edit ▸ Copy output matrix (the matrix the Outputs heatmap shows, as tab-separated text)."""

from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from nnstudio.document.messages import error, hint
from nnstudio.document.step_model import StepModel
from nnstudio.engine.arithmetic_text import shape_text
from nnstudio.plots.export import PICTURE_FORMATS, PictureExportError, export_picture

from .file_places import remember_folder, suggested_path
from .table_clipboard import copy_table

# (menu title, the window's attribute holding the panel, its dock's title; None: the central plot)
PICTURE_PANELS = (
    ("Data", "data_plot", None),
    ("Outputs", "outputs_plot", "Outputs"),
    ("Loss", "loss_plot", "Loss"),
    ("Network diagram", "network_diagram", "Network"),
)
PICTURE_FILTERS = ";;".join(f"{name} (*{suffix})" for suffix, name in PICTURE_FORMATS.items())

REOPENED_TO_EXPORT = hint("The {panel} panel was closed; it is open again to be exported.")
WROTE_PICTURE = hint("Wrote {file}, the {panel} panel ({width} × {height} pixels{scaled}).")
# How large a picture is drawn, against the panel on screen: larger for a slide or a poster
PICTURE_SCALES = {1: "As &large as on screen", 2: "&Twice as large (for slides)", 3: "T&hree times as large"}
SCALE_KEY = "export/picture_scale"
NO_OUTPUT_TO_COPY = error("{reason} There is no output matrix to copy; the clipboard is unchanged.")
COPIED_OUTPUT = hint("Copied the {shape} output matrix as tab-separated text.")


def install_export_actions(window):
    """Add Export picture under File ▸ Export as Python script, and Copy output matrix to Edit."""
    actions = ExportActions(window)
    file_actions = window.file_menu.actions()
    after_script = file_actions[file_actions.index(window.file_actions.export_action) + 1]
    window.file_menu.insertMenu(after_script, actions.picture_menu)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(actions.copy_output_action)
    return actions


class ExportActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.picture_menu = QMenu("Export &picture", window)
        self.picture_actions = {}
        for title, _attribute, _dock in PICTURE_PANELS:
            action = self.picture_menu.addAction(f"&{title}…")
            action.setStatusTip(f"Save the {title} panel as a PNG or SVG picture")
            action.triggered.connect(lambda _=False, chosen=title: self.export_picture(chosen))
            self.picture_actions[title] = action
        self.picture_menu.addSeparator()
        self.scale_group = QActionGroup(self)
        saved = QSettings().value(SCALE_KEY, 1, type=int)
        for scale, text in PICTURE_SCALES.items():
            action = QAction(text, self.scale_group, checkable=True, checked=scale == saved)
            action.setData(scale)
            action.setStatusTip("The size of the pictures exported, against the panel on screen")
            action.triggered.connect(lambda _=False, chosen=scale: QSettings().setValue(SCALE_KEY, chosen))
            self.picture_menu.addAction(action)
        if self.scale_group.checkedAction() is None:  # a saved scale this version does not offer
            self.scale_group.actions()[0].setChecked(True)
        self.copy_output_action = QAction("Copy &output matrix", window)
        self.copy_output_action.setStatusTip(
            "Copy the network's output, one row per sample, as tab-separated text with every digit"
        )
        self.copy_output_action.triggered.connect(lambda _=False: self.copy_output_matrix())

    # ----- pictures ----------------------------------------------------------------------------
    def export_picture(self, title):
        """Ask where, then write the ``title`` panel's picture there; returns whether it was written."""
        _, attribute, dock_title = next(panel for panel in PICTURE_PANELS if panel[0] == title)
        dock = self.window.docks.get(dock_title)
        if dock is not None and dock.isHidden():
            dock.show()  # a closed panel is laid out again so that it has something to draw
            self.document.post(REOPENED_TO_EXPORT(panel=title))
        project = self.window.file_actions.path
        suggestion = suggested_path(title.lower().replace(" ", "-"), ".png", project.parent if project else None)
        path, chosen_filter = QFileDialog.getSaveFileName(
            self.window, f"Export the {title} panel", suggestion, PICTURE_FILTERS
        )
        if not path:
            return False
        if Path(path).suffix.lower() not in PICTURE_FORMATS:
            path += ".svg" if "*.svg" in chosen_filter else ".png"
        try:
            scale = self.scale_group.checkedAction().data()
            width, height = export_picture(getattr(self.window, attribute), path, scale)
        except PictureExportError as error:
            QMessageBox.warning(self.window, "Could not export the picture", f"{error}\n\nNothing was written.")
            return False
        remember_folder(path)
        scaled = "" if scale == 1 else f", {scale} times its size on screen"
        self.document.post(WROTE_PICTURE(file=Path(path).name, panel=title, width=width, height=height, scaled=scaled))
        return True

    # ----- the output matrix -------------------------------------------------------------------
    def copy_output_matrix(self):
        """Put the output matrix on the clipboard, each value in full; returns whether it did."""
        trace = self.document.trace
        if trace is None:
            self.document.post(NO_OUTPUT_TO_COPY(reason=self.document.why_no_trace.text))
            return False
        model = StepModel()
        model.set_step(trace.output_step)
        if not copy_table(model, self.document.post):
            return False
        shape = (model.rowCount(), model.columnCount())
        self.document.post(COPIED_OUTPUT(shape=shape_text(shape)))
        return True

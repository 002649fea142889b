"""The batch panel: choose where the samples come from, and see (or type) every number."""

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnstudio.document.batch_model import HandBatchModel
from nnstudio.document.csv_batch import CsvError, read_batch, write_batch
from nnstudio.document.limits import MAX_CLASSES, MAX_INPUTS, MAX_SAMPLES, MAX_SEED
from nnstudio.document.messages import error, hint
from nnstudio.engine import FEATURES
from nnstudio.engine.arithmetic_text import counted
from nnstudio.engine.playground_data import MAX_NOISE, PLAYGROUND_DATA
from nnstudio.qt_helpers.row_numbers import number_rows

from .cell_messages import install_cell_messages
from .file_places import last_folder, remember_folder, suggested_path
from .table_clipboard import install_clipboard
from .zoom_fit import on_font_change, scrolled, size_sections

SOURCES = {"spiral": "Spiral (the book's data)", "vertical": "Vertical blobs", "circle": "Circle (Playground)",
           "xor": "XOR (Playground)", "gaussian": "Two Gaussians (Playground)",
           "two spirals": "Two spirals (Playground)", "hand": "Hand-entered"}
GIVEN = "given"  # the source box's entry for rows given as they are (a lesson's), named by their origin
WIDEST_NUMBER = "-0.0008795"  # 4 significant digits, a minus and zeros: as wide as a cell gets
FEATURES_PER_ROW = 4
CSV_FILTER = "CSV files (*.csv *.txt);;All files (*)"

NOTHING_TO_DELETE = error("Select a cell in each sample to delete first — nothing was deleted.")
SAVED_ROWS = hint("Saved {samples} to {file}.")


def _feature_button(name):
    button = QToolButton(text=name, checkable=True)
    button.setToolTip(f"Give the network {name} as an input (TensorFlow Playground's features): computed from each"
                      " sample's two inputs by an Input features layer at the top of the stack")
    return button


def _spin_box(minimum, maximum, tip):
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setKeyboardTracking(False)  # one change per typed number, not per key
    spin.setToolTip(tip)
    return spin


class BatchPanel(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self.model = HandBatchModel(document, self)

        self.source = QComboBox()
        for kind, title in SOURCES.items():
            self.source.addItem(title, kind)
        self.samples = _spin_box(1, MAX_SAMPLES, "Samples per class")
        self.classes = _spin_box(1, MAX_CLASSES, "How many classes (spiral arms or blobs)")
        self.seed = _spin_box(0, MAX_SEED, "Random seed of the data set (the book uses 0)")
        self.inputs = _spin_box(1, MAX_INPUTS, "Inputs per sample: the columns x0, x1, … of the batch")
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, MAX_NOISE)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(2)
        self.noise.setKeyboardTracking(False)
        self.noise.setToolTip("TensorFlow Playground's noise (its slider ÷ 100): how far points stray across the"
                              " border between the classes")
        form = QGridLayout()  # two fields a row, so the dock stays short
        form.addWidget(QLabel("Source:"), 0, 0)
        form.addWidget(self.source, 0, 1, 1, 3)
        for position, (title, spin) in enumerate(
            (("Samples/class:", self.samples), ("Classes:", self.classes), ("Seed:", self.seed),
             ("Inputs:", self.inputs), ("Noise:", self.noise))
        ):
            row, column = 1 + position // 2, 2 * (position % 2)
            form.addWidget(QLabel(title), row, column)
            form.addWidget(spin, row, column + 1)
        self.feature_buttons = {name: _feature_button(name) for name in FEATURES}
        features = QGridLayout()  # two rows of buttons: one row was wider than the panel at 1280 × 800
        features.setSpacing(2)
        for position, button in enumerate(self.feature_buttons.values()):
            features.addWidget(button, position // FEATURES_PER_ROW, position % FEATURES_PER_ROW)
        features.setColumnStretch(FEATURES_PER_ROW, 1)
        form.addWidget(QLabel("Features:"), 4, 0)
        form.addLayout(features, 4, 1, 1, 3)
        self.view = QTableView()
        number_rows(self.view)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        on_font_change(self.view, lambda: size_sections(self.view, WIDEST_NUMBER))
        install_clipboard(self.view, self.model.paste)
        install_cell_messages(self.view, document)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(9, 0, 9, 6)

        self.add_button = QPushButton("Add row")
        self.delete_button = QPushButton("Delete rows")
        self.import_button = QPushButton("Import…")  # CSV, the tooltips say: short enough for a narrow column
        self.export_button = QPushButton("Export…")
        self.add_button.setToolTip("Add a sample of zeros with class 0 at the end")
        self.delete_button.setToolTip("Delete the samples whose cells are selected")
        self.import_button.setToolTip("Read a batch from a CSV file: one row per sample, the inputs then the class"
                                      " (header optional; commas, tabs or semicolons)")
        self.export_button.setToolTip("Write the batch shown as CSV with a header x0,…,class")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content, self), 1)
        # Outside the scroll area: a wrapping label there would make the area as tall as its
        # content would like to be, and scroll for nothing.
        outer.addWidget(self.summary)

        self.source.currentIndexChanged.connect(self._on_source_changed)
        for spin in (self.samples, self.classes, self.seed, self.noise):
            spin.valueChanged.connect(self._on_dataset_edited)
        self.inputs.valueChanged.connect(self._on_inputs_edited)
        for button in self.feature_buttons.values():
            button.clicked.connect(self._on_feature_clicked)
        document.network_changed.connect(self._show_features)
        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(self.delete_selected_rows)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        document.batch_changed.connect(self._on_batch_changed)
        document.state_changed.connect(self._show_summary)  # after the model: it counts the flagged labels
        self._on_batch_changed()
        self._show_summary()

    def _on_feature_clicked(self):
        chosen = [name for name, button in self.feature_buttons.items() if button.isChecked()]
        if not self._document.set_features(chosen):
            self._show_features()  # refused: the buttons show the features kept

    # ----- showing the document ----------------------------------------------------------------
    def _on_batch_changed(self):
        batch = self._document.state.batch
        hand = batch.editable
        blockers = [QSignalBlocker(w)
                    for w in (self.source, self.samples, self.classes, self.seed, self.inputs, self.noise)]
        self._show_origin(batch.origin)
        self.source.setCurrentIndex(self.source.findData(GIVEN if batch.origin else batch.kind))
        self.samples.setValue(batch.samples)
        self.classes.setValue(batch.classes)
        self.seed.setValue(batch.seed)
        self.inputs.setValue(batch.n_features)
        self.noise.setValue(batch.noise)
        del blockers
        for widget in (self.samples, self.classes, self.seed):
            widget.setEnabled(batch.kind != "hand")
        self.classes.setEnabled(batch.kind not in ("hand", *PLAYGROUND_DATA))  # Playground's sets have two
        self.noise.setEnabled(batch.kind in PLAYGROUND_DATA)
        for widget in (self.inputs, self.add_button, self.delete_button):
            widget.setEnabled(hand)
        self._show_features()
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            if hand
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def _show_features(self):
        chosen = self._document.features
        two_inputs = self._document.state.batch.n_features == 2
        for name, button in self.feature_buttons.items():
            with QSignalBlocker(button):
                button.setChecked(name in chosen)
            button.setEnabled(two_inputs)

    def _show_origin(self, origin):
        """An entry in the source box for given rows, named by their origin, while there are some."""
        index = self.source.findData(GIVEN)
        if origin and index < 0:
            self.source.addItem(origin, GIVEN)
        elif origin:
            self.source.setItemText(index, origin)
        elif index >= 0:
            self.source.removeItem(index)

    def _show_summary(self):
        X, _ = self._document.data
        kind = self._document.state.batch.kind
        text = f"{counted(X.shape[0], 'sample')} × {counted(X.shape[1], 'input')}"
        held_out = self._document.held_out
        if held_out is not None:
            text += f" to train on ({len(held_out[1]):,} more held out as test data: Train panel)"
        origin = self._document.state.batch.origin
        if origin:
            text += f", {origin}, as given. Switch to Hand-entered to edit these rows."
        elif kind == "hand":
            text += ", hand-entered: edit any cell, paste rows (Ctrl+V), add or delete rows, or import a CSV file."
        else:
            text += f", generated: {SOURCES[kind]}. Switch to Hand-entered to type your own."
        if not self._document.state.batch.has_labels:
            text += " The rows carry no class labels (–): type a class to label them and get a loss."
        flagged = self.model.flagged_rows()
        if len(flagged):
            classes = self.model.classes
            text += (
                f" <span style='color:#b2182b'>{counted(len(flagged), 'class label')}"
                f" {'is' if len(flagged) == 1 else 'are'} not among the {counted(classes, 'class')} the output"
                f" gives (0…{classes - 1}): {'it is' if len(flagged) == 1 else 'they are'} marked red and"
                " there is no loss.</span>"
            )
        self.summary.setText(text)

    # ----- editing -----------------------------------------------------------------------------
    def _on_source_changed(self):
        kind = self.source.currentData()
        batch = self._document.state.batch
        if kind == "hand":
            # The rows shown become the student's to edit: a spiral's points, a lesson's rows.
            X, y = self._document.data
            used = self._document.set_hand_rows(X, y, f"Edit the {counted(len(y), 'sample')} by hand",
                                                labels_given=batch.has_labels)
        elif kind != GIVEN:
            used = self._document.use_dataset(kind, batch.samples, batch.classes, batch.seed)
        else:
            used = True
        if not used:
            self._on_batch_changed()  # the fields show the batch that was kept

    def _on_dataset_edited(self):
        if not self._document.use_dataset(
            self.source.currentData(), self.samples.value(), self.classes.value(), self.seed.value(),
            self.noise.value()
        ):
            self._on_batch_changed()  # the fields show the batch that was kept

    def _hand_rows(self):
        batch = self._document.state.batch
        return batch.hand_X, batch.hand_y

    def _on_inputs_edited(self, width):
        X, y = self._hand_rows()
        resized = np.zeros((len(y), width))
        keep = min(width, X.shape[1])
        resized[:, :keep] = X[:, :keep]
        if not self._document.set_hand_rows(resized, y, f"Use {counted(width, 'input')} per sample",
                                            labels_given=False):
            self._on_batch_changed()  # the fields show the batch that was kept

    def add_row(self):
        X, y = self._hand_rows()
        self._document.set_hand_rows(
            np.vstack([X, np.zeros((1, X.shape[1]))]), np.append(y, 0), f"Add sample {len(y)}", labels_given=False
        )

    def delete_selected_rows(self):
        rows = sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})
        if not rows:
            self._document.post(NOTHING_TO_DELETE())
            return
        X, y = self._hand_rows()
        name = f"sample {rows[0]}" if len(rows) == 1 else f"{len(rows)} samples"
        self._document.set_hand_rows(np.delete(X, rows, axis=0), np.delete(y, rows), f"Delete {name}",
                                     labels_given=False)

    def import_csv(self, path):
        """Replace the hand batch by the file's rows (one undo step); a bad file changes nothing."""
        try:
            X, y = read_batch(path)
        except CsvError as error:
            QMessageBox.warning(
                self, "Import CSV", f"{Path(path).name} was not imported. {error} The current batch is kept."
            )
            return False
        return self._document.set_hand_rows(X, y, f"Import {Path(path).name} ({counted(len(y), 'sample')})")

    def export_csv(self, path):
        X, y = self._document.data
        try:
            write_batch(path, X, y)
        except CsvError as error:
            QMessageBox.warning(self, "Export CSV", f"The batch was not saved. {error}")
            return False
        self._document.post(SAVED_ROWS(samples=counted(len(y), "sample"), file=Path(path).name))
        return True

    def _on_import_clicked(self):
        path, _ = QFileDialog.getOpenFileName(self, "Import batch", last_folder(), CSV_FILTER)
        if path:
            remember_folder(path)
            self.import_csv(path)

    def _on_export_clicked(self):
        path, _ = QFileDialog.getSaveFileName(self, "Export batch", suggested_path("batch", ".csv"), CSV_FILTER)
        if path:
            remember_folder(path)
            self.export_csv(path)

"""The weights and biases of every Dense layer, as tables a student types numbers into."""

from PySide6.QtCore import QSettings, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nnstudio.document.document import REGULARIZER_NAMES
from nnstudio.document.limits import MAX_NEURONS, MAX_REGULARIZER, MAX_SEED
from nnstudio.document.parameter_model import GradientTableModel, ParameterTableModel
from nnstudio.document.selection import ParameterCell
from nnstudio.document.state import SCALES

from .cell_messages import install_cell_messages
from .table_clipboard import install_clipboard
from .zoom_fit import CELL_PADDING, ROW_PADDING, on_font_change, size_sections

SCALE_NAMES = {0.10: "0.10 (the notebook)", 0.01: "0.01 (the book)"}
WIDEST_TEXTS = ("-0.0008795", "neuron 00")  # a cell's number at its widest, a column's title
SHOW_GRADIENTS_KEY = "weights/show_gradients"
ROW_TITLE = "input 00"  # the widest row title, so a layer's weights and biases line up


def _matrix_view(model, document=None):
    """A table of ``model``; editable when the ``document`` it edits is given."""
    editable = document is not None
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
    if editable:
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
    else:
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Fixed widths: columns do not jump as values change, and the weights and biases of one
    # neuron line up one above the other.
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    # The table shows every cell and the panel scrolls: no row can hide under a scroll bar.
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    model.modelReset.connect(lambda: _fit_to_contents(view))
    on_font_change(view, lambda: _fit_to_contents(view))
    if not editable:
        install_clipboard(view)
        return view
    install_clipboard(view, model.paste)
    install_cell_messages(view, document)
    clear = QAction("Set to &0", view)
    clear.setToolTip("Set the selected cells to 0 (Delete)")
    clear.setShortcut(QKeySequence.StandardKey.Delete)  # a cell's open editor keeps Delete for its text
    clear.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    clear.triggered.connect(lambda: model.clear(view.selectionModel().selectedIndexes() or [view.currentIndex()]))
    view.addAction(clear)
    return view


def _fit_to_contents(view):
    """Cells sized to the view's font, and the view to all its cells."""
    size_sections(view, *WIDEST_TEXTS)
    rows, columns = view.verticalHeader(), view.horizontalHeader()
    metrics = view.fontMetrics()
    rows.setFixedWidth(metrics.horizontalAdvance(ROW_TITLE) + CELL_PADDING)
    columns.setFixedHeight(metrics.height() + ROW_PADDING)
    frame = 2 * view.frameWidth()
    view.setFixedSize(frame + rows.width() + columns.length(), frame + columns.height() + rows.length())


class ParameterEditor(QWidget):
    """One Dense: a caption, its weights table, its biases row, and buttons to reset it; below
    each, when gradients are shown, the loss's gradient on it (``dweights``, ``dbiases``)."""

    def __init__(self, document, number, parent=None):
        super().__init__(parent)
        self._document = document
        self.number = number
        self.weights_model = ParameterTableModel(document, number, "weights", self)
        self.biases_model = ParameterTableModel(document, number, "biases", self)
        self.caption = QLabel()
        self.weights_view = _matrix_view(self.weights_model, document)
        self.biases_view = _matrix_view(self.biases_model, document)
        self.gradient_models = {which: GradientTableModel(document, number, which, self)
                                for which in ("weights", "biases")}
        self.gradient_views = {which: _matrix_view(model)
                               for which, model in self.gradient_models.items()}
        self.gradient_labels = {
            "weights": QLabel("dweights: the loss's gradient on each weight (read-only)", wordWrap=True),
            "biases": QLabel("dbiases: the loss's gradient on each bias", wordWrap=True),
        }
        self.reinitialise_button = QPushButton("Re-initialise")
        self.reinitialise_button.setToolTip("Draw new random weights for this layer and zero its biases")
        self.reinitialise_button.clicked.connect(self._on_reinitialise_clicked)
        self.regularize_button = QPushButton("Regularize…")
        self.regularize_button.setToolTip("L1 and L2 penalties on this layer's weights and biases (the book's"
                                          " chapter 14), added to the loss and to the gradients")
        self.regularize_button.clicked.connect(self._on_regularize_clicked)
        self.zero_button = QPushButton("Zero")
        self.zero_button.setToolTip("Set every weight and bias of this layer to 0")
        self.zero_button.clicked.connect(lambda: document.zero_layer(self.number))

        # The buttons follow the caption rather than the far edge, which a wide table may have
        # scrolled out of sight.
        heading = QHBoxLayout()
        heading.addWidget(self.caption)
        heading.addWidget(self.reinitialise_button)
        heading.addWidget(self.zero_button)
        heading.addStretch(1)
        # on a line of its own: beside the others it pushed them past a 1280-pixel window's panel
        self.neurons = QSpinBox(prefix="neurons: ")
        self.neurons.setRange(1, MAX_NEURONS)
        self.neurons.setKeyboardTracking(False)  # one resize per typed number, not per key
        self.neurons.setToolTip(f"How many neurons this layer has (1 to {MAX_NEURONS}): new ones get weights drawn"
                                " as the initialisation draws them, and the next Dense takes as many inputs")
        self.neurons.valueChanged.connect(self._on_neurons_edited)
        penalties = QHBoxLayout()
        penalties.addWidget(self.neurons)
        penalties.addWidget(self.regularize_button)
        penalties.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(penalties)
        layout.addWidget(QLabel("weights (one row per input, one column per neuron)", wordWrap=True))
        layout.addWidget(self.weights_view)
        layout.addWidget(self.gradient_labels["weights"])
        layout.addWidget(self.gradient_views["weights"])
        layout.addWidget(QLabel("biases (one per neuron)", wordWrap=True))
        layout.addWidget(self.biases_view)
        layout.addWidget(self.gradient_labels["biases"])
        layout.addWidget(self.gradient_views["biases"])
        self.show_gradients(False)
        document.network_changed.connect(self._on_network_changed)
        self._on_network_changed()

    def _on_network_changed(self):
        shape = self.weights_model.matrix.shape
        inputs = "input" if shape[0] == 1 else "inputs"
        neurons = "neuron" if shape[1] == 1 else "neurons"
        penalties = ""
        if self.number < len(self._document.state.dense_indices()):
            values = self._document.dense(self.number).regularizers
            penalties = ", ".join(f"{name} {value:g}" for name, value in zip(REGULARIZER_NAMES, values, strict=True)
                                  if value)
        self.caption.setText(f"<b>Dense {self.number + 1}</b>: {shape[0]} {inputs} × {shape[1]} {neurons}"
                             + (f"<br>regularized: {penalties}" if penalties else ""))
        if shape[1] and self.neurons.value() != shape[1]:  # setValue repaints the box, even to its value
            with QSignalBlocker(self.neurons):
                self.neurons.setValue(shape[1])

    def _on_neurons_edited(self, count):
        index = self._document.state.dense_indices()[self.number]
        if not self._document.set_neurons(index, count):
            self._on_network_changed()  # refused: the box shows the count kept

    def regularize_dialog(self):
        return RegularizeDialog(self._document.dense(self.number).regularizers, self.number, self)

    def _on_regularize_clicked(self):
        dialog = self.regularize_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._document.set_regularizers(self.number, dialog.values())

    def _on_reinitialise_clicked(self):
        init = self._document.state.init
        self._document.reinitialise(init.seed, init.scale, self.number)

    def show_gradients(self, shown):
        for model in self.gradient_models.values():
            model.set_active(shown)
        for widget in (*self.gradient_labels.values(), *self.gradient_views.values()):
            widget.setVisible(shown)

    def view_of(self, which):
        return self.weights_view if which == "weights" else self.biases_view

    def select_cell(self, which, row, column):
        """Make [row, column] of the weights or biases (``which``) the current, selected cell,
        scrolled into view and focused so typing replaces it; False if there is no such cell."""
        view = self.view_of(which)
        index = view.model().index(row, column)
        if not index.isValid():
            return False
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class RegularizeDialog(QDialog):
    """The four penalties of one Dense, as the book's Layer_Dense takes them (0 for none)."""

    def __init__(self, values, number, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Regularize Dense {number + 1}")
        self.boxes = []
        form = QFormLayout(self)
        form.addRow(QLabel("The loss gains λ₁·Σ|w| (L1) and λ₂·Σw² (L2) for the weights, and the same for the"
                           " biases; the book's chapter 14 uses L2 5e-4 on both.", wordWrap=True))
        for name, value in zip(REGULARIZER_NAMES, values, strict=True):
            box = QDoubleSpinBox()
            box.setRange(0.0, MAX_REGULARIZER)
            box.setDecimals(6)
            box.setSingleStep(1e-4)
            box.setValue(value)
            form.addRow(f"{name.capitalize()}:", box)
            self.boxes.append(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self):
        return tuple(box.value() for box in self.boxes)


class InitialiseDialog(QDialog):
    """Ask for the seed and scale to draw every layer's weights with."""

    def __init__(self, init, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Initialise all layers")
        self.seed = QSpinBox()
        self.seed.setRange(0, MAX_SEED)
        self.seed.setValue(init.seed)
        self.scale = QComboBox()
        for scale in SCALES:
            self.scale.addItem(SCALE_NAMES[scale], scale)
        self.scale.setCurrentIndex(max(0, self.scale.findData(init.scale)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel("Weights are drawn as scale × randn(inputs, neurons); biases start at 0."))
        form.addRow("Random seed:", self.seed)
        form.addRow("Scale:", self.scale)
        form.addRow(buttons)


class ParametersPanel(QWidget):
    """One ParameterEditor per Dense, in a scrolling list; rebuilt only when the number of
    Dense layers changes (each editor follows its own layer's values and shape)."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        self.editors = []
        self.initialise_button = QPushButton("Initialise all…")
        self.initialise_button.setToolTip("Draw new weights for every Dense layer from a seed and a scale")
        self.initialise_button.clicked.connect(self._on_initialise_clicked)
        self.empty_label = QLabel("There is no Dense layer: add one to the stack to give it weights.")
        self.empty_label.setWordWrap(True)
        self._list = QVBoxLayout()
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.empty_label)
        inner_layout.addLayout(self._list)
        inner_layout.addStretch(1)
        self._scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        # the hint on a line of its own: beside the buttons it was squeezed to a word a line at a zoom
        hint = QLabel("Click a cell and type a number; Ctrl+C / Ctrl+V copy and paste blocks; Delete sets cells to 0.")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        self.gradients_box = QCheckBox("Show gradients")
        self.gradients_box.setToolTip(
            "Below each weights and biases table, the loss's gradient on every value (dweights, dbiases),"
            " as the backward pass computes it: the optimizer moves each value against its gradient"
        )
        self.gradients_box.setChecked(QSettings().value(SHOW_GRADIENTS_KEY, False, type=bool))
        self.gradients_box.toggled.connect(self._on_gradients_toggled)
        top.addWidget(self.gradients_box)
        top.addStretch(1)
        top.addWidget(self.initialise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(scroll)
        document.network_changed.connect(self._on_network_changed)
        document.selection.parameter_changed.connect(self._on_parameter_changed)
        self._on_network_changed()

    def _on_parameter_changed(self, cell):
        if cell is None or not 0 <= cell.number < len(self.editors):
            return
        editor = self.editors[cell.number]
        view = editor.view_of(cell.which)
        current = view.currentIndex()
        if (current.row(), current.column()) == (cell.row, cell.column) and view.hasFocus():
            return  # the table's own choice, come back
        if editor.select_cell(cell.which, cell.row, cell.column):
            self._scroll_to_cell(view, view.currentIndex())

    def _on_current_changed(self, editor, which, current):
        """A cell made current in a table is the selected weight or bias, for every view."""
        if editor not in self.editors or not current.isValid():
            return  # an editor on its way out, or a table emptied
        self._scroll_to_cell(editor.view_of(which), current)
        cell = ParameterCell(editor.number, which, current.row(), current.column())
        self._document.selection.select_parameter(cell)

    def _scroll_to_cell(self, view, index):
        """Scroll the panel so the cell at ``index`` of ``view`` is in sight (the tables do not
        scroll themselves: they are as large as their cells)."""
        if not index.isValid():
            return
        cell = view.visualRect(index)
        centre = view.viewport().mapTo(self._scroll.widget(), cell.center())
        self._scroll.ensureVisible(centre.x(), centre.y(), cell.width() // 2 + 8, cell.height() // 2 + 8)

    def _on_network_changed(self):
        count = len(self._document.state.dense_indices())
        while len(self.editors) > count:
            editor = self.editors.pop()
            self._list.removeWidget(editor)
            editor.hide()  # out of sight (and reach) now: deleteLater waits for the event loop's top level
            editor.deleteLater()
        while len(self.editors) < count:
            editor = ParameterEditor(self._document, len(self.editors))
            for which in ("weights", "biases"):
                view = editor.view_of(which)
                view.selectionModel().currentChanged.connect(
                    lambda current, _previous, e=editor, w=which: self._on_current_changed(e, w, current))
            editor.show_gradients(self.gradients_box.isChecked())
            self._list.addWidget(editor)
            self.editors.append(editor)
        self.empty_label.setVisible(count == 0)

    def _on_gradients_toggled(self, shown):
        QSettings().setValue(SHOW_GRADIENTS_KEY, shown)
        for editor in self.editors:
            editor.show_gradients(shown)

    def initialise_dialog(self):
        return InitialiseDialog(self._document.state.init, self)

    def _on_initialise_clicked(self):
        dialog = self.initialise_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._document.reinitialise(dialog.seed.value(), dialog.scale.currentData())

"""The Train panel: which optimizer, its hyper-parameters (the book's defaults beside them), the
book's runs as presets, epochs per run, test data, and Step one epoch / Train / Pause with the
epoch count, epochs per second and the learning rate as the run goes, and the network's figures on
the test data as the book's validation line prints them."""

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnstudio.document.limits import HELD_OUT_RANGE, MAX_EPOCHS, MAX_ROWS, MAX_SEED
from nnstudio.document.number_text import read_number, rejected
from nnstudio.document.state import UnseenData
from nnstudio.document.training import OPTIMIZERS, PRESETS
from nnstudio.qt_helpers.when_shown import WhenShown

from .train_actions import TrainActions
from .zoom_fit import scrolled

PRESET_PROMPT = "The book's runs…"
SETTINGS_ROW = 2  # the optimizer's settings follow its choice and the presets
TEST_CHOICES = (("none", "None"), ("generated", "The same data set, drawn with seed"),
                ("held_out", "A share of the batch, held out"), ("rows", "Rows given by a lesson"))
SEED_TIPS = {
    "generated": "The seed the test data set is drawn with (the batch's own seed gives the same data)",
    "held_out": "The seed that picks which rows are held out (each seed picks other rows)",
}


class TrainPanel(QWidget):
    def __init__(self, document, actions=None, parent=None):
        """``actions``: the window's TrainActions, which the panel's buttons show (its own if None)."""
        super().__init__(parent)
        self._document = document
        self._trainer = document.trainer
        self._fields = {}  # setting name → its line edit
        self._fields_for = None  # the optimizer kind the fields were made for
        self._settings_shown = None
        self._test_shown = None
        actions = actions if actions is not None else TrainActions(document, self)
        self.step_action, self.train_action, self.pause_action = self.actions = actions.actions
        self.addActions(list(self.actions))
        self._build_widgets()
        document.training_changed.connect(self._on_training_changed)
        document.trace_changed.connect(self._show_problem)
        self._test_result_updates = WhenShown(self, self._show_test_result)  # a pass over the test data
        document.trace_changed.connect(self._test_result_updates.request)
        document.batch_changed.connect(self._show_test)
        document.batch_changed.connect(self._show_steps)
        self._trainer.running_changed.connect(self._on_running_changed)
        self._trainer.progressed.connect(self._show_progress)
        self._on_training_changed()
        self._test_result_updates.request()

    # ----- construction ------------------------------------------------------------------------
    def _build_widgets(self):
        self.optimizer = QComboBox()
        for name, kind in OPTIMIZERS.items():
            self.optimizer.addItem(f"{name} (chapter {kind.chapter})", name)
        self.optimizer.setToolTip("The optimizer: how each epoch changes the weights from their gradients")
        self.preset = QComboBox()
        self.preset.addItem(PRESET_PROMPT)
        for preset in PRESETS:
            self.preset.addItem(preset.label, preset)
        self.preset.setToolTip("Set the optimizer as one of the book's training runs")
        self.epochs = QSpinBox()
        self.epochs.setRange(1, MAX_EPOCHS)
        self.epochs.setGroupSeparatorShown(True)
        self.epochs.setKeyboardTracking(False)  # one change per typed number, not per key
        self.epochs.setToolTip(f"How many epochs one press of Train runs (1 to {MAX_EPOCHS:,})")
        self.batch_size = QSpinBox()
        self.batch_size.setRange(0, MAX_ROWS)
        self.batch_size.setSpecialValueText("the whole batch")
        self.batch_size.setSuffix(" samples")
        self.batch_size.setSingleStep(8)
        self.batch_size.setKeyboardTracking(False)
        self.batch_size.setToolTip("Rows one training step takes (the book's chapter 19): an epoch is then a step per"
                                   " slice of the batch, its rows shuffled once, each step updating the weights;"
                                   " 0 trains on the whole batch each step. The Forward pass panel walks the whole"
                                   " batch either way")
        self.steps_label = QLabel()
        batch_row = QHBoxLayout()
        batch_row.addWidget(self.batch_size, 1)
        batch_row.addWidget(self.steps_label)
        self.test_kind = QComboBox()
        for kind, title in TEST_CHOICES:
            self.test_kind.addItem(title, kind)
        self.test_kind.setToolTip("Data the network does not train on, measured every epoch (the book's chapter 11)")
        self.test_seed = QSpinBox()
        self.test_seed.setRange(0, MAX_SEED)
        self.test_seed.setKeyboardTracking(False)
        self.test_seed.setToolTip(SEED_TIPS["generated"])
        self.test_share = QSpinBox()
        self.test_share.setRange(*HELD_OUT_RANGE)
        self.test_share.setSingleStep(10)
        self.test_share.setSuffix(" %")
        self.test_share.setKeyboardTracking(False)
        self.test_share.setToolTip("How much of the batch is held out as test data; the network trains on the rest"
                                   " (TensorFlow Playground's ratio of training to test data)")
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_kind, 1)
        test_row.addWidget(self.test_share)
        test_row.addWidget(self.test_seed)

        self.form = form = QFormLayout()  # the optimizer's settings go in at SETTINGS_ROW
        form.addRow("Optimizer:", self.optimizer)
        form.addRow("Preset:", self.preset)
        form.addRow("Epochs per run:", self.epochs)
        form.addRow("Mini-batch:", batch_row)
        form.addRow("Test data:", test_row)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(6, 0, 6, 0)
        self.buttons = {}
        for act in self.actions:
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            buttons.addWidget(button)
            self.buttons[act] = button
        buttons.addStretch(1)
        self.progress = QLabel(wordWrap=True)
        self.progress.setToolTip("Epochs the optimizer has run, how fast the last run went, and the learning rate"
                                 " the next epoch uses (it falls with the decay)")
        self.test_result = QLabel(wordWrap=True)
        self.test_result.setToolTip("The network as it is now, measured on the test data: the accuracy and the"
                                    " loss, as the book prints them after training (\"validation, acc: …, loss: …\")")
        self.problem = QLabel(wordWrap=True)
        for label in (self.progress, self.test_result, self.problem):
            label.setContentsMargins(9, 0, 9, 0)
        self.problem.setStyleSheet("color: #b00020")

        for box in (self.optimizer, self.preset, self.test_kind):  # the open list shows every name in full
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
        # What to press and what it did come first; all of it scrolls when the dock is small (so a
        # zoomed panel asks its dock for no more room than at the desktop's text size).
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.test_result)
        layout.addWidget(self.problem)
        inner = QVBoxLayout()
        inner.setContentsMargins(9, 0, 6, 0)  # 3 px less on the right: the form fits the default 372 px column
        inner.addLayout(form)
        layout.addLayout(inner)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content, self))

        self.optimizer.activated.connect(self._on_optimizer_chosen)
        self.preset.activated.connect(self._on_preset_chosen)
        self.epochs.valueChanged.connect(self._document.set_epochs)
        self.batch_size.valueChanged.connect(self._document.set_batch_size)
        self.test_kind.activated.connect(self._on_test_edited)
        self.test_seed.valueChanged.connect(self._on_test_edited)
        self.test_share.valueChanged.connect(self._on_test_edited)

    # ----- showing the document ----------------------------------------------------------------
    def _on_training_changed(self):
        state = self._document.state
        optimizer = state.optimizer
        if optimizer.name != self._fields_for:
            self._make_fields(optimizer.kind)
        if optimizer.settings != self._settings_shown:  # not on every epoch of a run
            self._settings_shown = optimizer.settings
            for name, value in optimizer.values.items():
                self._fields[name].setText(f"{value:g}")
            with QSignalBlocker(self.optimizer):
                self.optimizer.setCurrentIndex(self.optimizer.findData(optimizer.name))
        with QSignalBlocker(self.epochs):
            self.epochs.setValue(state.epochs)
        with QSignalBlocker(self.batch_size):
            self.batch_size.setValue(state.batch_size)
        self._show_steps()
        self._show_test()
        self._show_progress()
        self._show_problem()

    def _make_fields(self, kind):
        """One line edit per hyper-parameter of ``kind``, its book default as placeholder and beside it."""
        self._fields_for = kind.name
        self._settings_shown = None
        for _ in self._fields:
            self.form.removeRow(SETTINGS_ROW)
        self._fields = {}
        defaults = kind.defaults()
        for row, setting in enumerate(kind.settings, start=SETTINGS_ROW):
            field = QLineEdit()
            field.setPlaceholderText(f"{defaults[setting.name]:g}")
            field.setToolTip(f"{setting.label}: a number {setting.range_text}; the book's default is"
                             f" {defaults[setting.name]:g}")
            field.editingFinished.connect(lambda name=setting.name: self._on_setting_edited(name))
            line = QHBoxLayout()
            line.addWidget(field, 1)
            line.addWidget(QLabel(f"default {defaults[setting.name]:g}", enabled=False))
            self.form.insertRow(row, f"{setting.label}:", line)
            self._fields[setting.name] = field

    def _show_steps(self):
        """How many steps an epoch takes with the mini-batch chosen."""
        size, rows = self._document.state.batch_size, len(self._document.data[0])
        steps = -(-rows // size) if size and rows else 1
        self.steps_label.setText(f"{steps:,} step{'s' if steps != 1 else ''} an epoch")

    def _show_test(self):
        test, batch = self._document.state.test, self._document.state.batch
        shown = self._test_shown
        if shown is not None and shown[0] is test and shown[1:] == (batch.kind, batch.editable):
            return  # not on every epoch of a run (a State keeps its test data): the list is slow to restyle
        self._test_shown = test, batch.kind, batch.editable
        with QSignalBlocker(self.test_kind), QSignalBlocker(self.test_seed), QSignalBlocker(self.test_share):
            self.test_kind.setCurrentIndex(self.test_kind.findData(test.kind))
            self.test_seed.setValue(test.seed)
            self.test_share.setValue(test.share)
        self.test_seed.setVisible(test.kind in SEED_TIPS)  # shown disabled, it cut the kind's name short
        self.test_seed.setToolTip(SEED_TIPS.get(test.kind, SEED_TIPS["generated"]))
        self.test_share.setVisible(test.kind == "held_out")
        model = self.test_kind.model()
        model.item(self.test_kind.findData("generated")).setEnabled(batch.kind != "hand")
        model.item(self.test_kind.findData("held_out")).setEnabled(not batch.editable)
        model.item(self.test_kind.findData("rows")).setEnabled(test.kind == "rows")

    def _show_progress(self):
        optimizer = self._document.state.optimizer
        rate = optimizer.current_learning_rate
        rate = optimizer.values.get("learning_rate", optimizer.values.get("scale")) if rate is None else rate
        speed = f"{self._trainer.epochs_per_second:,.0f} epochs/s" if self._trainer.epochs_per_second else "– epochs/s"
        name = "scale" if optimizer.name == "Random search" else "learning rate"
        steps = f" (step {optimizer.iterations:,})" if optimizer.epoch is not None else ""
        self.progress.setText(f"Epoch {optimizer.epochs_run:,}{steps} · {speed} · {name} {rate:.6g}")

    def _show_test_result(self):
        figures = self._document.test_figures
        if figures is not None:
            accuracy, loss = figures
            self.test_result.setText(f"Test data — validation, acc: {accuracy:.3f}, loss: {loss:.3f}")
        self.test_result.setVisible(figures is not None)

    def _show_problem(self):
        running = self._trainer.running
        problem = "" if running else self._document.training_problem
        self.problem.setText(f"Cannot train: {problem}" if problem else "")
        self.problem.setVisible(bool(problem))

    # ----- edits -------------------------------------------------------------------------------
    def _on_running_changed(self, running):
        self._show_problem()
        self._show_progress()

    def _on_optimizer_chosen(self, index):
        self._document.set_optimizer(self.optimizer.itemData(index))

    def _on_preset_chosen(self, index):
        preset = self.preset.itemData(index)
        with QSignalBlocker(self.preset):
            self.preset.setCurrentIndex(0)  # a choice to make, not a state to show
        if preset is not None:
            self._document.use_preset(preset)

    def _on_setting_edited(self, name):
        field = self._fields[name]
        optimizer = self._document.state.optimizer
        old = optimizer.values[name]
        if field.text().strip() == f"{old:g}":
            return
        setting = next(setting for setting in optimizer.kind.settings if setting.name == name)
        value, why = read_number(field.text())
        if why:
            self._document.post(rejected(field.text(), why, setting.label.lower(), old))
        elif self._document.set_optimizer_setting(name, value):
            return
        field.setText(f"{old:g}")  # refused: the value kept is the one shown

    def _on_test_edited(self):
        kind = self.test_kind.currentData()
        if kind == "rows":
            return  # only a lesson gives rows
        if kind == "none":
            self._document.set_test(UnseenData())
        else:
            self._document.set_test(UnseenData(kind, self.test_seed.value(), share=self.test_share.value()))

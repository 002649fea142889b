"""One epoch, one operation at a time: the forward pass, then (when the network can learn from the
batch) the backward pass and the optimizer's update. Reset, Step back, Step, Run to end, a choice of
every step, and the current step's result as a matrix whose cells can be selected and explained,
and copied (Ctrl+C: the selected cells; Copy matrix: all of them) as tab-separated text."""

import html
import re

import numpy as np
from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnstudio.document.messages import hint
from nnstudio.document.step_model import StepModel, result_matrix
from nnstudio.engine import FORWARD
from nnstudio.engine.arithmetic_text import TIMES, counted, shape_text
from nnstudio.qt_helpers.flow_layout import FlowLayout
from nnstudio.qt_helpers.row_numbers import number_rows

from .table_clipboard import copy_table, install_clipboard
from .zoom_fit import on_font_change, scrolled, size_sections

STEP_BOX_CHARACTERS = 16  # "3. Dense 1: + bi…"; the open list shows every name in full
WIDEST_NUMBER = "\u22120.0008795"  # 4 significant digits, a minus and zeros: as wide as a cell gets

COPIED_STEP = hint("Copied the {shape} result of step {step} as tab-separated text.")


def step_shortcuts():
    """Debugger-like function keys, plus the Alt+arrow family (Back/Forward are standard keys).
    Plain arrows, Home and End stay with the tables, where they move between cells. (A function:
    standard key bindings can only be read once the application exists.)"""
    return {
        "reset": [QKeySequence("Shift+F5"), QKeySequence("Alt+Home")],
        "back": [QKeySequence("Shift+F10"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Back)],
        "step": [QKeySequence("F10"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Forward)],
        "end": [QKeySequence("F5"), QKeySequence("Alt+End")],
    }


def _meaning(step, matrix):
    """What rows and columns of a step's result are, in words."""
    kind = step.kind
    rows = counted(matrix.shape[0], kind.rows)
    if kind.single_column:
        return f"{rows} {TIMES} 1 {kind.columns} each"
    return f"{rows} {TIMES} {counted(matrix.shape[1], kind.columns)}"


class StepperPanel(QWidget):
    """Steps through ``document.trace``; emits ``cell_selected(step, row, column)`` whenever the
    selected cell of the shown result changes (including when the step or the trace does)."""

    cell_selected = Signal(int, int, int)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self._column = 0  # the neuron column the user last selected, kept across steps
        self._row = 0  # the row last selected in a result whose rows are not samples (dweights)
        self._restoring = False
        self._cell_shown = None  # (row, column) of the cell last selected and scrolled to
        self._box_shown = None  # (step names, current step) the step box shows
        self._build_actions()
        self._build_widgets()
        document.trace_changed.connect(self._on_trace_changed)
        document.selection.step_changed.connect(self._on_step_changed)
        document.selection.sample_changed.connect(self._on_sample_changed)
        self._refresh()

    # ----- construction ------------------------------------------------------------------------
    def _build_actions(self):
        style = self.style()
        icons = QStyle.StandardPixmap
        shortcuts = step_shortcuts()

        def action(key, text, icon, tip, slot):
            act = QAction(style.standardIcon(icon), text, self)
            act.setShortcuts(shortcuts[key])
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{tip} ({keys})")
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.reset_action = action(
            "reset", "&Reset", icons.SP_MediaSkipBackward, "Go back to the first step", self._on_reset
        )
        self.back_action = action(
            "back", "Step &back", icons.SP_MediaSeekBackward, "Go back one step", self._on_back
        )
        self.step_action = action(
            "step", "&Step", icons.SP_MediaSeekForward, "Compute the next operation", self._on_step
        )
        self.end_action = action(
            "end", "Run to &end", icons.SP_MediaSkipForward,
            "Compute every remaining step of the forward pass; pressed again, of the backward pass and the"
            " update", self._on_end
        )
        self.step_actions = (self.reset_action, self.back_action, self.step_action, self.end_action)
        self.copy_matrix_action = QAction("Copy &matrix", self)
        self.copy_matrix_action.setToolTip("Copy the whole result matrix as tab-separated text, every digit kept")
        self.copy_matrix_action.setStatusTip(self.copy_matrix_action.toolTip())
        self.copy_matrix_action.triggered.connect(self._on_copy_matrix)

    def _build_widgets(self):
        buttons = FlowLayout()  # zoomed in, the row takes a second line rather than being cut
        self.buttons = {}
        for act in self.step_actions:
            button = QToolButton(self)
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            buttons.add_widget(button)
            self.buttons[act] = button
        self.counter_label = OneLineFirstLabel(self)

        self.step_box = QComboBox(self)
        self.step_box.setToolTip(
            "Every operation of one epoch, in order: the forward pass (\u2192), the backward pass (\u2190)"
            " and the optimizer's update (\u21bb); pick one to show its result."
        )
        self.step_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.step_box.setMinimumContentsLength(STEP_BOX_CHARACTERS)  # longer names are cut; the list shows them
        self.step_box.activated.connect(self._on_step_box_activated)
        self.shape_label = OneLineFirstLabel(self)
        # the book's numpy line for the step, as the exported script writes it
        self.code_label = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.code_label.setFont(code_font())
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setToolTip("The book's numpy code for this step (the exported script runs the same line)")
        # the same line for the selected value: its operands at that value's row and column, in bold
        self.cell_code_label = QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.cell_code_label.setFont(self.code_label.font())
        self.cell_code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cell_code_label.setToolTip("The step's line for the selected value: what it reads of each operand")
        self.cell_selected.connect(self._show_cell_code)
        # short, so that zoomed in the panel keeps its width and its buttons wrap rather than scroll
        self.long_way_box = QCheckBox("Softmax and loss apart", self)
        self.long_way_box.setToolTip(
            "The book's long way: step back through the loss's gradient and then the Softmax's, each by its"
            " own rule, instead of the shortcut that takes them together (the results after it are the same,"
            " up to rounding)"
        )
        self.long_way_box.setChecked(not self.document.backward_combined)
        self.long_way_box.toggled.connect(lambda apart: self.document.set_backward_combined(not apart))

        self.model = StepModel(self)
        self.view = QTableView(self)
        number_rows(self.view)
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        on_font_change(self.view, lambda: size_sections(self.view, WIDEST_NUMBER))
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.copy_action, = install_clipboard(self.view)
        self.view.addAction(self.copy_matrix_action)  # in the view's context menu, after Copy

        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.result_stack = QStackedWidget(self)
        self.result_stack.addWidget(self.view)
        self.result_stack.addWidget(self.problem_label)

        # Three short rows rather than two long ones: the panel keeps its controls in sight at the
        # width the bottom row leaves it beside the full-height left column
        heading = QHBoxLayout()
        heading.addWidget(self.step_box, 1)
        copy_button = QToolButton(self)
        copy_button.setDefaultAction(self.copy_matrix_action)
        heading.addWidget(copy_button)
        where = FlowLayout(spacing=8)  # the shape goes under the counter when both do not fit
        where.add_widget(self.counter_label)
        where.add_widget(self.shape_label)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(buttons)
        layout.addLayout(heading)
        layout.addLayout(where)
        layout.addWidget(self.code_label)
        layout.addWidget(self.cell_code_label)
        layout.addWidget(self.long_way_box)
        self.overflow_label = QLabel(self)
        self.overflow_label.setWordWrap(True)
        self.overflow_label.setStyleSheet("color: #b2182b")
        self.overflow_label.hide()
        layout.addWidget(self.overflow_label)
        layout.addWidget(self.result_stack, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content, self))

    @property
    def current_cell(self):
        """(step, row, column) of the selected cell, or None when no cell is selected."""
        index = self.view.currentIndex()
        if not index.isValid() or self.document.walk is None:
            return None
        return self.document.selection.step, index.row(), index.column()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._box_shown = None  # the greyed steps take the new palette at the next refresh

    # ----- what the user does --------------------------------------------------------------------
    def _on_reset(self):
        self.document.selection.select_step(0)

    def _on_back(self):
        self.document.selection.select_step(self.document.selection.step - 1)

    def _on_step(self):
        self.document.selection.select_step(self.document.selection.step + 1)

    def _on_end(self):
        """To the end of the forward pass, or from there (or beyond) to the end of the epoch."""
        walk = self.document.walk
        if walk is not None:
            step = self.document.selection.step
            self.document.selection.select_step(walk.forward_end if step < walk.forward_end else len(walk.steps) - 1)

    def _on_copy_matrix(self):
        if not copy_table(self.model, self.document.post):
            return
        shape = (self.model.rowCount(), self.model.columnCount())
        self.document.post(COPIED_STEP(shape=shape_text(shape), step=self.document.selection.step + 1))

    def _on_step_box_activated(self, index):
        if index != self.document.selection.step:
            self.document.selection.select_step(index)

    def _on_current_changed(self, current, _previous):
        if self._restoring or not current.isValid():
            return
        self._column = current.column()
        self._cell_shown = (current.row(), current.column())
        self.cell_selected.emit(self.document.selection.step, current.row(), current.column())
        if self._rows_are_samples():
            self.document.selection.select_sample(current.row())
        else:
            self._row = current.row()

    # ----- what the document says ------------------------------------------------------------------
    def _on_trace_changed(self):
        self._refresh()

    def _on_step_changed(self, _step):
        self._refresh()

    def _rows_are_samples(self):
        walk = self.document.walk
        return walk is not None and walk.steps[self.document.selection.step].kind.rows == "sample"

    def _on_sample_changed(self, sample):
        current = self.view.currentIndex()
        if self._rows_are_samples() and sample < self.model.rowCount() and current.row() != sample:
            index = self.model.index(sample, max(0, min(self._column, self.model.columnCount() - 1)))
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)
            self._cell_shown = (index.row(), index.column())

    # ----- showing -----------------------------------------------------------------------------------
    def _refresh(self):
        trace = self.document.walk
        if trace is None:
            self.long_way_box.setVisible(False)
            self._show_problem(self.document.why_no_trace.text)
            return
        step_index = self.document.selection.step
        step = trace.steps[step_index]
        matrix = result_matrix(step)
        self._fill_step_box(trace.steps, step_index)
        # the shortcut is the Softmax's: a single Sigmoid output's gradient always goes each step by its own rule
        self.long_way_box.setVisible(trace.steps[-1].kind.direction is not FORWARD and trace.objective is not None
                                     and not trace.objective.single_probability)
        counter = f"Step {step_index + 1} of {len(trace.steps)} ({step.kind.direction.value})"
        rows, size = len(trace.output), self.document.state.batch_size
        if step.kind.direction is not FORWARD and 0 < size < rows:  # the walk goes back once, on every row
            counter += f": all {rows:,} rows at once, where a training step takes {size:,}"
        self.counter_label.setText(counter)
        self.shape_label.setText(f"{shape_text(matrix.shape)}  ({_meaning(step, matrix)})")
        self.code_label.setText(step.kind.code)
        self.code_label.setVisible(bool(step.kind.code))
        self._show_overflow(trace, step_index)
        self.result_stack.setCurrentWidget(self.view)
        scrolled_to = (self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value())
        reset = self.model.set_step(step)  # another kind of step resets the table, and its scroll bars
        self.copy_matrix_action.setEnabled(True)
        self._enable(step_index, len(trace.steps))
        if not self._restore_cell(step_index) and reset:
            self._scroll_back(*scrolled_to)

    def _show_cell_code(self, step_index, row, column):
        walk = self.document.walk
        code = None
        if walk is not None and 0 <= step_index < len(walk.steps):
            code = walk.steps[step_index].kind.cell_code(row, column)
        if code is None:
            self.cell_code_label.hide()
            return
        marked = re.sub(r"(\[[^\[\]]*\])", r"<b>\1</b>", html.escape(code))  # the indices, in bold
        self.cell_code_label.setText(f"value [{row}, {column}]: {marked}")
        self.cell_code_label.show()

    def _show_overflow(self, trace, step_index):
        """Name the first step of the backward pass or the update whose result is not finite, from
        there on (the forward pass refuses such values before it is shown)."""
        first = next((i for i, step in enumerate(trace.steps[: step_index + 1])
                      if step.kind.direction is not FORWARD and not np.isfinite(step.output).all()), None)
        if first is not None:
            self.overflow_label.setText(
                f"⚠ Values here are not finite: they overflowed at step {first + 1}, “{trace.steps[first].label}”."
                " Make the weights, the inputs or the learning rate smaller.")
        self.overflow_label.setVisible(first is not None)

    def _show_problem(self, problem):
        self.model.set_step(None)
        self.step_box.clear()
        self._box_shown = None
        self.counter_label.setText("No steps")
        self.shape_label.clear()
        self.code_label.hide()
        self.cell_code_label.hide()
        self.problem_label.setText(problem)
        self.result_stack.setCurrentWidget(self.problem_label)
        for act in (*self.step_actions, self.copy_matrix_action):
            act.setEnabled(False)

    def _fill_step_box(self, steps, current):
        """One entry per step; the steps not computed yet are greyed."""
        texts = [f"{step.kind.direction.arrow} {i + 1}. {step.label}" for i, step in enumerate(steps)]
        if (texts, current) == self._box_shown:
            return  # a value edit: the same steps, the same one current
        self._box_shown = (texts, current)
        if [self.step_box.itemText(i) for i in range(self.step_box.count())] != texts:
            self.step_box.clear()
            self.step_box.addItems(texts)
        later = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        done = self.palette().color(QPalette.ColorRole.Text)
        for i in range(len(texts)):
            self.step_box.setItemData(i, later if i > current else done, Qt.ItemDataRole.ForegroundRole)
        self.step_box.setCurrentIndex(current)

    def _enable(self, step_index, count):
        self.reset_action.setEnabled(step_index > 0)
        self.back_action.setEnabled(step_index > 0)
        self.step_action.setEnabled(step_index < count - 1)
        self.end_action.setEnabled(step_index < count - 1)

    def _restore_cell(self, step_index):
        """Select the document's sample in the column the user chose last, and say so. The table
        scrolls to it only when that cell moved: an edit or another step leaves the rows the
        student scrolled to in sight (lesson 6's rows 96–99)."""
        rows, columns = self.model.rowCount(), self.model.columnCount()
        if not rows or not columns:
            return
        row = self.document.selection.sample if self._rows_are_samples() else self._row
        row = max(0, min(row, rows - 1))
        column = max(0, min(self._column, columns - 1))
        index = self.model.index(row, column)
        moved = (row, column) != self._cell_shown
        self._cell_shown = (row, column)
        self._restoring = True
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._restoring = False
        if moved:
            self.view.scrollTo(index)
        self.cell_selected.emit(step_index, row, column)
        return moved

    def _scroll_back(self, x, y):
        """Scroll the table back to where it was (clamped to what the new result holds)."""
        self.view.doItemsLayout()  # the scroll ranges of a reset table, now rather than at the next paint
        self.view.horizontalScrollBar().setValue(x)
        self.view.verticalScrollBar().setValue(y)


def code_font():
    """The desktop's fixed-pitch family, and nothing else: the size still comes from the panel's
    font, so the book's code grows with the zoom as the rest of the panel does."""
    font = QFont()
    font.setFamilies(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families())
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    return font


class OneLineFirstLabel(QLabel):
    """A plain-text label that asks for its text on one line and wraps only where its panel is too
    narrow for that (zoomed in): Qt's word-wrapped label asks for less, and wrapped "Step 7 of 19
    (forward)" at the desktop's text size too."""

    def __init__(self, parent=None):
        super().__init__(parent, wordWrap=True, textFormat=Qt.TextFormat.PlainText)

    def sizeHint(self):
        hint = super().sizeHint()
        margins = self.contentsMargins()
        one_line = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right() + 2
        return QSize(max(hint.width(), one_line), hint.height())

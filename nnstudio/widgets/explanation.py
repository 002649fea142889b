"""The explanation panel: how the selected number of a step (forward, backward or update) was made,
with its numbers."""

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from .stacked_labels import StackedLabels
from .zoom_fit import scrolled

MAX_FORMULAS = 5  # the most lines of arithmetic one explanation has (Adam's update)
FORMULA_SCALE = 1.25
HINT = "Click a number in the Forward pass panel to see how it was made."


class ExplanationPanel(QWidget):
    """Follows ``stepper.cell_selected`` and the document's ``trace_changed``."""

    def __init__(self, document, stepper=None, parent=None):
        super().__init__(parent)
        self.document = document
        self._cell = None if stepper is None else stepper.current_cell  # (step, row, column) explained
        self._shown = None  # (trace, cell) on screen, so the same explanation is not written twice
        self._formulas = {}  # formula label → the Formula it shows, for its tooltip
        self._build()
        document.trace_changed.connect(self._on_trace_changed)
        if stepper is not None:
            stepper.cell_selected.connect(self._on_cell_selected)
        self._refresh()

    def _build(self):
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.formula_labels = []
        for _ in range(MAX_FORMULAS):
            label = QLabel()
            label.setWordWrap(True)
            # not selectable: a selectable label lays its text out as a document, twice the cost per
            # edit; the panel's Copy explanation puts it all on the clipboard instead, sums in full
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setContentsMargins(12, 4, 0, 4)
            label.installEventFilter(self)
            self.formula_labels.append(label)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.column = StackedLabels([self.title_label, *self.formula_labels, self.notes_label])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(self.column, self))
        self._scale_formula_fonts()
        self.copy_action = QAction("&Copy explanation", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setStatusTip("Copy the explanation as text, every term of every sum included")
        self.copy_action.triggered.connect(lambda _=False: QApplication.clipboard().setText(self.text()))
        self.addAction(self.copy_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def text(self):
        """The explanation shown, as plain text with every sum in full."""
        formulas = [self._formulas[label].full for label in self.formula_labels if label in self._formulas]
        notes = self._explanation.notes if self._explanation is not None else ()  # not "Hover over …"
        return "\n\n".join([self.title_label.text(), *formulas, *notes])

    def eventFilter(self, watched, event):
        """A shortened sum gets its whole text as a tooltip when first hovered: written for every
        edit, a batch's mean loss of thousands of terms would cost more than the rest of the panel."""
        if event.type() == QEvent.Type.ToolTip:
            formula = self._formulas.get(watched)
            if formula is not None and formula.shortened and not watched.toolTip():
                watched.setToolTip(f"<p>{html.escape(formula.full)}</p>")  # rich text wraps
        return super().eventFilter(watched, event)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._scale_formula_fonts()

    def _scale_formula_fonts(self):
        """The title in bold and the formulas a little larger than the panel's text, following its
        zoom (set as fonts: a style sheet would hold the title at the desktop's size)."""
        title_font = self.font()
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * FORMULA_SCALE)
        for label in self.formula_labels:
            label.setFont(font)

    @property
    def explanation(self):
        """The Explanation shown now, or None when there is nothing to explain."""
        return self._explanation

    def _on_cell_selected(self, step, row, column):
        self._cell = (step, row, column)
        self._refresh()

    def _on_trace_changed(self):
        self._refresh()

    def _refresh(self):
        trace = self.document.walk
        if trace is not None and self._shown == (trace, self._cell):
            return  # an edit announces itself twice: trace_changed, then the stepper's cell
        self._shown = (trace, self._cell)
        self._explanation = None
        if trace is None:
            self._show(self.document.why_no_trace.text)
            return
        if self._cell is None or not _fits(trace, *self._cell):
            self._show(HINT)
            return
        self._explanation = trace.explain(*self._cell, labels=self.document.data[1])
        self._show(self._explanation.title, self._explanation.formulas, self._explanation.notes)

    def _show(self, title, formulas=(), notes=()):
        self.title_label.setText(title)
        self._formulas = dict(zip(self.formula_labels, formulas, strict=False))
        for label in self.formula_labels:
            formula = self._formulas.get(label)
            label.setVisible(formula is not None)
            label.setToolTip("")  # written when hovered
            if formula is not None:
                label.setText(formula.shown)
        if any(formula.shortened for formula in formulas):
            notes = (*notes, "Hover over a shortened sum (…) to see every term.")
        self.notes_label.setText("\n\n".join(notes))
        self.notes_label.setVisible(bool(notes))


def _fits(trace, step, row, column):
    """Whether (row, column) is a cell of step ``step`` of ``trace``."""
    if not 0 <= step < len(trace.steps):
        return False
    output = trace.steps[step].output
    columns = 1 if output.ndim == 1 else output.shape[1]
    return 0 <= row < output.shape[0] and 0 <= column < columns

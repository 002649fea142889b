"""The explanation panel: how the selected number of a step (forward, backward or update) was made,
with its numbers."""

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from .stacked_labels import StackedLabels
from .text_window import show_text
from .zoom_fit import scrolled

MAX_FORMULAS = 5  # the most lines of arithmetic one explanation has (Adam's update)
TOOLTIP_CHARACTERS = 1200  # of a long sum in its tooltip: a few lines of a screen, not the whole screen
FORMULA_SCALE = 1.25
HINT = "Click a number in the Forward pass panel to see how it was made."


MINIMUM_WIDTH = 110  # pixels: a few words a line, never a strip, even in a window 800 pixels wide


class ExplanationPanel(QWidget):
    """Follows ``stepper.cell_selected`` and the document's ``trace_changed``."""

    def __init__(self, document, stepper=None, parent=None):
        super().__init__(parent)
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.document = document
        self._cell = None if stepper is None else stepper.current_cell  # (step, row, column) explained
        self._shown = None  # (trace, cell) on screen, so the same explanation is not written twice
        self._formulas = {}  # formula label → the Formula it shows, for its tooltip
        self.sum_window = None  # the window a click on a long sum opens
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
        """A shortened sum gets its whole text as a tooltip when first hovered (written for every
        edit, a batch's mean loss of thousands of terms would cost more than the rest of the panel),
        cut to TOOLTIP_CHARACTERS with its end kept; a click opens the whole sum in a window that
        scrolls."""
        formula = self._formulas.get(watched)
        if formula is None or not formula.shortened:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.ToolTip and not watched.toolTip():
            watched.setToolTip(f"<p>{html.escape(bounded(formula.full))}</p>")  # rich text wraps
        elif event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            self.sum_window = show_text(self, self.title_label.text(), f"<p>{html.escape(formula.full)}</p>")
            return True
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
            notes = (*notes, "Hover over a shortened sum (…) to see its terms, or click it to read them all.")
        self.notes_label.setText("\n\n".join(notes))
        self.notes_label.setVisible(bool(notes))


def bounded(text):
    """``text`` cut to about TOOLTIP_CHARACTERS: its start and its end (the result), and how much
    was left out between them."""
    if len(text) <= TOOLTIP_CHARACTERS:
        return text
    head, tail = text[: TOOLTIP_CHARACTERS * 3 // 4], text[-TOOLTIP_CHARACTERS // 4 :]
    return f"{head} … [{len(text) - len(head) - len(tail):,} characters more: click the sum to read them] … {tail}"


def _fits(trace, step, row, column):
    """Whether (row, column) is a cell of step ``step`` of ``trace``."""
    if not 0 <= step < len(trace.steps):
        return False
    output = trace.steps[step].output
    columns = 1 if output.ndim == 1 else output.shape[1]
    return 0 <= row < output.shape[0] and 0 <= column < columns

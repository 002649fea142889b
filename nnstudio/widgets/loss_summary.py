"""The loss and accuracy in the status bar, so they stay in sight whichever panels are open."""

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from nnstudio.qt_helpers.growing_label import GrowingLabel


def bold_value():
    """A number in bold, at whatever size the status bar's font (the zoom) gives it."""
    label = GrowingLabel("–")
    font = QFont()  # only the weight is set: the rest still comes from the parent's font
    font.setBold(True)
    label.setFont(font)
    return label


class LossSummary(QWidget):
    """Words and numbers are labels of their own, in plain text: an edit repaints two small numbers,
    where one rich-text label was laid out and drawn whole (about 0.5 ms)."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setToolTip("Mean categorical cross-entropy loss and accuracy over the batch")
        self.loss_value = bold_value()
        self.accuracy_value = bold_value()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._parts = (QLabel("loss "), self.loss_value, QLabel(" · accuracy "), self.accuracy_value)
        for part in self._parts:
            layout.addWidget(part)
        document.trace_changed.connect(self._on_trace_changed)
        self._on_trace_changed()

    def _on_trace_changed(self):
        trace = self.document.trace
        if trace is None or trace.loss is None:
            self.loss_value.fit_anew("–")
            self.accuracy_value.fit_anew("–")
        else:
            penalty = trace.regularization_loss
            self.loss_value.show_text(f"{trace.total_loss:.4f} (data {trace.loss:.4f} + regularization {penalty:.4f})"
                                      if penalty else f"{trace.loss:.4f}")
            self.accuracy_value.show_text(f"{100 * trace.accuracy:.1f} %")

    def text(self):
        """What it reads, as one line."""
        return "".join(part.text() for part in self._parts)

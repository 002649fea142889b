"""The loss and accuracy in the status bar, so they stay in sight whichever panels are open."""

from .growing_label import GrowingLabel


class LossSummary(GrowingLabel):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setToolTip("Mean categorical cross-entropy loss and accuracy over the batch")
        document.trace_changed.connect(self._on_trace_changed)
        self._on_trace_changed()

    def _on_trace_changed(self):
        trace = self.document.trace
        if trace is None or trace.loss is None:
            self.show_text("loss – · accuracy –")
        else:
            self.show_text(f"loss <b>{trace.loss:.4f}</b> · accuracy <b>{100 * trace.accuracy:.1f} %</b>")

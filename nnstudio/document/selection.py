"""What the user points at: one sample of the batch, one step of the trace, one weight or bias.

One object of the document holds all three; every view reads them here, changes them here, and
hears of a change from here (one past-tense signal per part). Selecting is not an edit: it is not
undone. A part is kept as chosen and read within what the state has now, so a batch that shrinks
and grows back (an undo) finds the sample chosen before.
"""

from typing import NamedTuple

from PySide6.QtCore import QObject, Signal


class ParameterCell(NamedTuple):
    """One weight or bias: of the ``number``-th Dense (0-based), ``which`` is "weights" or
    "biases", at [row, column] as the tables number them."""

    number: int
    which: str
    row: int
    column: int


class Selection(QObject):
    sample_changed = Signal(int)
    step_changed = Signal(int)
    parameter_changed = Signal(object)  # a ParameterCell, or None

    def __init__(self, document):
        super().__init__(document)
        self._document = document
        self._sample = 0
        self._step = None  # None: the forward pass's last step, wherever it ends
        self._parameter = None

    # ----- reading -----------------------------------------------------------------------------
    @property
    def sample(self):
        """The selected sample, within the batch (-1 for an empty one)."""
        n = len(self._document.data[0])
        return min(self._sample, n - 1) if n else -1

    @property
    def step(self):
        """Index of the current step in ``walk.steps`` (the end of the forward pass when not
        stepping; -1 when the network cannot run)."""
        walk = self._document.walk
        if walk is None:
            return -1
        return walk.forward_end if self._step is None else min(self._step, len(walk.steps) - 1)

    @property
    def past_forward(self):
        """Whether the chosen step is one of the backward pass or the update (kept as chosen, the
        walk not consulted)."""
        trace = self._document.trace
        return self._step is not None and trace is not None and self._step > trace.forward_end

    @property
    def parameter(self):
        """The selected ParameterCell, or None. It may name a cell the network no longer has (a
        layer since removed or resized): views show it only where it exists."""
        return self._parameter

    # ----- changing ----------------------------------------------------------------------------
    def select_sample(self, sample):
        n = len(self._document.data[0])
        if 0 <= sample < n and sample != self._sample:
            self._sample = sample
            self.sample_changed.emit(sample)

    def select_step(self, step):
        """Go to step ``step`` (kept within the walk); the forward pass's end follows the trace's."""
        walk = self._document.walk
        if walk is not None and _within(step, walk) != self._step:
            self._step = _within(step, walk)
            self.step_changed.emit(self.step)

    def select_parameter(self, cell):
        if cell != self._parameter:
            self._parameter = cell
            self.parameter_changed.emit(cell)

    def start_afresh(self, step=None):
        """For a new project: the first sample, ``step`` (the last when None, or when the network
        cannot run), no weight; each part that changes is announced. The document's new state must
        be in place."""
        before = (self._sample, self._step, self._parameter)
        walk = self._document.walk
        self._sample, self._parameter = 0, None
        self._step = None if step is None or walk is None else _within(step, walk)
        if self._sample != before[0]:
            self.sample_changed.emit(self.sample)
        if self._step != before[1]:
            self.step_changed.emit(self.step)
        if before[2] is not None:
            self.parameter_changed.emit(None)



def _within(step, walk):
    """``step`` as kept: within the steps of ``walk``, None for the end of the forward pass."""
    step = max(0, min(step, len(walk.steps) - 1))
    return None if step == walk.forward_end else step

"""Long work off the GUI thread, the latest request only: the window answers while it runs.

``finished`` carries the request's number alone, the result waiting in ``take``: a Python object in a
signal queued from another thread is copied inside Qt's connection lock, which needs the interpreter
lock there (see ``plots.regions.RegionJobs``, which found that deadlock)."""

from PySide6.QtCore import QObject, QThreadPool, Signal


class LatestJob(QObject):
    """Runs a function on Qt's thread pool. A newer request supersedes the ones before it: their
    results are never delivered. No parent: the running job keeps this object alive."""

    finished = Signal(int)  # the request's number: its (result, error) waits in ``take``

    def __init__(self):
        super().__init__()
        self._latest = 0
        self._results = {}

    def request(self, function):
        """Run ``function()`` in the background; returns the request's number."""
        self._latest += 1
        number = self._latest
        QThreadPool.globalInstance().start(lambda: self._run(number, function))
        return number

    def cancel(self):
        """Drop whatever is running."""
        self._latest += 1

    def is_latest(self, number):
        return number == self._latest

    def take(self, number):
        """``(result, None)``, or ``(None, error)`` when the function raised a ValueError."""
        return self._results.pop(number, (None, None))

    def _run(self, number, function):
        if number != self._latest:
            return  # superseded before it started
        try:
            outcome = (function(), None)
        except ValueError as error:
            outcome = (None, error)
        if number == self._latest:
            self._results = {number: outcome}
            self.finished.emit(number)

"""Long work off the GUI thread, the latest request only: the window answers while it runs.

``finished`` carries the request's number alone, the outcome waiting in ``take``: a Python object in
a signal queued from another thread is copied inside Qt's connection lock, which needs the
interpreter lock there — a deadlock with a GUI thread that holds the interpreter lock and waits for
that connection lock (deleting a menu, say; Qt's connection locks are a shared pool; seen in CI)."""

import atexit

from PySide6.QtCore import QObject, QThreadPool, Signal


class LatestJob(QObject):
    """Runs a function on Qt's thread pool. A newer request supersedes the ones before it: their
    outcomes are never delivered. No parent: the running job keeps this object alive."""

    finished = Signal(int)  # the request's number: its (result, error) waits in ``take``
    closing = False  # set at exit: every job told so stops at its next check

    def __init__(self):
        super().__init__()
        self._latest = 0
        self._outcomes = {}

    def request(self, function):
        """Run ``function(cancelled)`` in the background, ``cancelled()`` saying whether it has been
        superseded (so that long work can stop early); returns the request's number."""
        self._latest += 1
        number = self._latest
        QThreadPool.globalInstance().start(lambda: self._run(number, function))
        return number

    def run_now(self, function):
        """Run ``function(cancelled)`` on the calling thread as the newest request, superseding the
        ones before it; returns its number, its outcome waiting in ``take`` (``finished`` is not
        emitted: the caller is there). For work so cheap that, from a thread, its outcome would
        arrive later than the work took: after whatever the GUI thread is busy with."""
        self.cancel()
        self._outcomes = {self._latest: self._outcome(function, lambda: False)}
        return self._latest

    def cancel(self):
        """Drop whatever is running."""
        self._latest += 1

    def is_latest(self, number):
        return number == self._latest

    def take(self, number):
        """``(result, None)``, or ``(None, error)`` when the function raised a ValueError."""
        return self._outcomes.pop(number, (None, None))

    def _run(self, number, function):
        def cancelled():
            return LatestJob.closing or not self.is_latest(number)

        if cancelled():
            return  # superseded before it started
        outcome = self._outcome(function, cancelled)
        if not cancelled():
            self._outcomes = {number: outcome}  # an older one left untaken goes
            self.finished.emit(number)


    @staticmethod
    def _outcome(function, cancelled):
        try:
            return (function(cancelled), None)
        except ValueError as error:
            return (None, error)


@atexit.register
def _stop_jobs():
    """Let no job outlive the interpreter's shutdown (nor the Qt objects it reports to)."""
    LatestJob.closing = True
    QThreadPool.globalInstance().waitForDone()

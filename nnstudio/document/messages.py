"""What the app says to the user, each message with a severity, declared where it arises.

As Orange's widgets declare their Error, Warning and Information messages once, on the class that
gives them, a module here declares each sentence it may say at its top, as a ``Msg``: a severity
and a sentence with ``{field}`` slots. Calling the Msg with the fields gives the ``Message`` that is
posted (``Document.post``) and shown. Sentences say what was wrong and what was kept.
"""

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "error"  # not done: the entry is refused and what was there kept; or the network cannot run
    WARNING = "warning"  # done, but not all as asked, or something else changed to fit
    HINT = "hint"  # news, or what to do next: nothing is wrong


@dataclass(frozen=True)
class Message:
    severity: Severity
    text: str


@dataclass(frozen=True)
class Msg:
    """A message declared once: ``Msg(...)(field=value, ...)`` is the Message to post."""

    severity: Severity
    sentence: str

    def __call__(self, **fields):
        return Message(self.severity, self.sentence.format(**fields))


def error(sentence):
    return Msg(Severity.ERROR, sentence)


def warning(sentence):
    return Msg(Severity.WARNING, sentence)


def hint(sentence):
    return Msg(Severity.HINT, sentence)

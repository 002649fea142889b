"""Arithmetic written out as a student reads it: numbers, terms, sums and whole explanations.

Pure text over numbers, no Qt: the step kinds write their explanations with these, and the
document's tables show their numbers the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

MINUS = "\u2212"
TIMES = "\u00d7"
ELLIPSIS = "\u2026"
SHOWN_TERMS = 3  # a long sum shows this many first terms, "…", then its last term
MAX_TERMS = 6  # sums with more terms than this are shortened


@dataclass(frozen=True)
class Formula:
    """One line of arithmetic: ``shown`` may leave terms out ("…"); ``full`` never does. When terms
    are left out, ``full`` is written when first read, by ``write_full``: a batch's mean loss has
    thousands of terms, and they are read only if the student hovers over the sum."""

    shown: str
    write_full: Callable[[], str] | None = None  # None: ``shown`` is the whole formula

    @property
    def shortened(self):
        return self.write_full is not None

    @cached_property
    def full(self):
        return self.shown if self.write_full is None else self.write_full()

    def within(self, head, tail):
        """This formula with ``head`` written before it and ``tail`` after it."""
        if self.write_full is None:
            return Formula(head + self.shown + tail)
        return Formula(head + self.shown + tail, lambda: head + self.full + tail)


@dataclass(frozen=True)
class Explanation:
    title: str
    formulas: tuple  # of Formula, the first one ends with "= <the cell's value>"
    notes: tuple  # of sentences
    value: float  # the engine's value for the cell


def number(value):
    """A value as a student reads it: 4 significant digits, a real minus sign, "2.0" for a
    whole float (as Python prints it), and plain "0" for zero."""
    value = float(value)
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    if text.lstrip("-").isdigit():
        text += ".0"
    return text.replace("-", MINUS)


def term(value):
    """``number`` with a negative value in parentheses, ready to stand inside a formula."""
    text = number(value)
    return f"({text})" if text.startswith(MINUS) else text


def shape_text(shape):
    """ "300×3" for a matrix shape."""
    return TIMES.join(str(n) for n in shape)


def counted(n, word):
    """ "1 sample", "3 samples", "2 classes": a count with its noun agreeing."""
    return f"{n} {word}" if n == 1 else f"{n} {word}{'es' if word.endswith('s') else 's'}"


def sum_formula(terms, tail, write=str):
    """``terms`` (texts, or values that ``write`` writes) joined by " + " followed by ``tail``
    (e.g. " = 4.8"); shortened to the first terms, "…" and the last term when there are many."""
    if len(terms) <= MAX_TERMS:
        return Formula(" + ".join(map(write, terms)) + tail)
    shown = " + ".join([*map(write, terms[:SHOWN_TERMS]), ELLIPSIS, write(terms[-1])]) + tail
    return Formula(shown, lambda: " + ".join(map(write, terms)) + tail)


def fraction(numerator, denominator_terms, tail):
    """``numerator / (t1 + t2 + …) tail``, the denominator shortened when long."""
    return sum_formula(denominator_terms, "").within(f"{numerator} / (", f"){tail}")

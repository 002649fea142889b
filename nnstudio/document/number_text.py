"""Numbers as a student types them into a cell, and as a cell shows them.

Reading never raises: it gives the value, or a phrase saying what is wrong with the text, so
the caller can say what was kept ("'abc' is not a number — the weight stays 0.2").
"""

import numpy as np

from .limits import MAX_LABEL
from .messages import error

_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})  # typographic minus, en dash


def read_number(text, dtype=np.float64):
    """``(value, "")`` for text that spells a number finite in ``dtype``, else ``(None, why)``."""
    text = str(text).strip().translate(_MINUS_SIGNS)
    if not text:
        return None, "is not a number"
    try:
        value = float(text)
    except ValueError:
        with_point = text.replace(",", ".")
        if text.count(",") == 1 and read_number(with_point, dtype)[0] is not None:  # a decimal comma
            return None, f"is not a number here: write the decimal point as a point, {with_point}"
        return None, "is not a number"
    if value != value or value in (float("inf"), float("-inf")):
        too_big = text.lower().lstrip("+-") not in ("inf", "infinity", "nan")
        return None, "is too large to store" if too_big else "is not a finite number"
    with np.errstate(over="ignore"):
        if not np.isfinite(np.dtype(dtype).type(value)):
            return None, f"is too large for {np.dtype(dtype)}"
    return value, ""


def read_label(text):
    """``(class, "")`` for text that spells a whole number, else ``(None, why)``."""
    value, why = read_number(text)
    if why:
        return None, why
    if not value.is_integer() or not 0 <= value <= MAX_LABEL:
        return None, f"is not a class number (a whole number from 0 to {MAX_LABEL}, like 0, 1 or 2)"
    return int(value), ""


REJECTED = error("{shown} {why} — the {name} stays {old}.")
RAGGED_PASTE = error("Line {line} of the pasted block has {count} values but line 1 has {first} — the {kept}.")
NOT_A_NUMBER_IN_PASTE = error("{shown} (line {line}, value {place} of the pasted block) {why} — the {kept}.")


def read_block(texts, read, kept):
    """A pasted block of cell texts as rows of values, each cell read by ``read(column, text)``
    (which gives ``(value, why)`` as ``read_number`` does): ``(rows, None)``, or ``(None, the
    message)`` for a ragged block or a cell that does not read, naming where and saying that
    ``kept`` ("weights stay as they were")."""
    width = len(texts[0]) if texts else 0
    rows = []
    for r, line in enumerate(texts):
        if len(line) != width:
            return None, RAGGED_PASTE(line=r + 1, count=len(line), first=width, kept=kept)
        row = []
        for c, text in enumerate(line):
            value, why = read(c, text)
            if why:
                shown = f"'{text.strip()}'" if text.strip() else "An empty cell"
                return None, NOT_A_NUMBER_IN_PASTE(shown=shown, line=r + 1, place=c + 1, why=why, kept=kept)
            row.append(value)
        rows.append(row)
    return rows, None


def rejected(text, why, name, old):
    """The message for a rejected entry: what was wrong, and what was kept."""
    shown = f"'{str(text).strip()}'" if str(text).strip() else "An empty cell"
    return REJECTED(shown=shown, why=why, name=name, old=compact(old))


def compact(value):
    """A number short enough for a table cell (4 significant digits); −0.0 reads as 0, since a
    minus on nothing only puzzles (the value itself is kept as it is)."""
    return f"{float(value) + 0.0:.4g}"


def fixed(value, decimals, minus="-"):
    """``value`` to ``decimals`` places, with ``minus`` as its sign; a value that rounds to zero
    reads "0.00", never "-0.00" (a minus on nothing reads as a negative number)."""
    text = f"{float(value):.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", minus)


def exact(value):
    """The shortest text that reads back as the same ``value`` in its own dtype."""
    return str(np.asarray(value)[()]) if isinstance(value, np.generic) else repr(float(value))

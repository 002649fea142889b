"""Colours shared by the tables and the plots: one colour per class, and a diverging map for values.

QtGui only, so both the table models (document) and the plots can use it.
"""

import functools

from PySide6.QtGui import QColor

from .messages import Severity

# Tableau-like qualitative colours: distinct for the first ten classes, readable on white.
_CLASS_COLORS = (
    "#1f77b4",  # blue
    "#ff7f0e",  # orange
    "#2ca02c",  # green
    "#d62728",  # red
    "#9467bd",  # purple
    "#8c564b",  # brown
    "#e377c2",  # pink
    "#7f7f7f",  # grey
    "#bcbd22",  # olive
    "#17becf",  # cyan
)

# Ends and middle of the diverging map: negative → blue, zero → white, positive → red.
_NEGATIVE = (33, 102, 172)
_ZERO = (247, 247, 247)
_POSITIVE = (178, 24, 43)


def class_color(i):
    """The colour of class ``i`` (cycles after ten classes)."""
    return QColor(_CLASS_COLORS[int(i) % len(_CLASS_COLORS)])


DIVERGING_STEPS = 1024  # shades each side of zero: finer than the 8-bit channels can show


def diverging_color(value, scale):
    """Colour of ``value`` on a blue–white–red map symmetric around 0, saturating at ±``scale``.

    A zero or non-finite ``scale`` (an all-zero matrix) gives white for every value.
    """
    if not scale > 0 or value != value:  # scale 0/NaN, or value NaN
        return QColor(*_ZERO)
    t = max(-1.0, min(1.0, float(value) / float(scale)))
    return QColor(*_diverging_rgb(round(t * DIVERGING_STEPS)))


@functools.cache
def _diverging_rgb(step):
    """The map's colour ``step`` shades of DIVERGING_STEPS from white (negative: towards blue).
    Worked out once per shade: every table cell, line and circle asks on every repaint."""
    end = _POSITIVE if step > 0 else _NEGATIVE
    t = abs(step) / DIVERGING_STEPS
    return tuple(round(z + (e - z) * t) for z, e in zip(_ZERO, end, strict=True))


def readable_text_color(background):
    """Black or white, whichever reads better on ``background``."""
    return QColor("black") if background.lightnessF() > 0.55 else QColor("white")


# A message's severity as the colour of its text, dark enough to read on white (a plot's notice)
# and on the window's background: brick for an error, umber for a warning, the text's own for a hint.
SEVERITY_COLORS = {Severity.ERROR: QColor("#7a1f1f"), Severity.WARNING: QColor("#7a4a00"), Severity.HINT: None}


def severity_color(severity, text_color):
    """The colour to write a message of ``severity`` in, beside text written in ``text_color``."""
    return SEVERITY_COLORS[severity] or text_color

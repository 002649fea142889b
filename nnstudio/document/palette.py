"""Colours shared by the tables and the plots: one colour per class, and a diverging map for values.

QtGui only, so both the table models (document) and the plots can use it.
"""

import functools

import numpy as np
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


def diverging_image(values, scale):
    """The map's colours for an array of ``values`` as an RGB uint8 image (its shape × 3): each
    value's colour as ``diverging_color`` gives it, computed for all of them at once. ``scale`` is
    one number, or one per column of the last axis (each neuron of a stack of maps its own)."""
    scale = np.asarray(scale, dtype=np.float64)
    # a scale of 0 (or NaN) shows every value as zero, as diverging_color does: x / inf is 0
    scale = np.where(scale > 0, scale, np.inf)
    # inf / inf is NaN, shown as zero too; a quotient past the largest float saturates as any past 1
    with np.errstate(invalid="ignore", over="ignore"):
        t = np.clip(np.nan_to_num(np.asarray(values, dtype=np.float64) / scale), -1, 1)
    return _diverging_table()[np.rint(t * DIVERGING_STEPS).astype(np.intp) + DIVERGING_STEPS]


@functools.cache
def _diverging_table():
    """Every shade ``_diverging_rgb`` gives, from full blue to full red, as a uint8 array: an image
    looks its pixels up here rather than working each colour out again (a third of the time of
    the network diagram's maps)."""
    steps = range(-DIVERGING_STEPS, DIVERGING_STEPS + 1)
    return np.array([_diverging_rgb(step) for step in steps], dtype=np.uint8)


def class_tint_image(probabilities, class_index):
    """How sure the network is of class ``class_index`` over the plane: white at 0, the class's
    colour at 1, as an RGB uint8 image (the decision regions' colours, one class at a time).
    ``class_index`` may be one class per column of the last axis (a stack of maps)."""
    classes = np.asarray(class_index)
    colour = np.array([class_color(c).getRgb()[:3] for c in classes.ravel()], dtype=np.float64)
    colour = colour.reshape(*classes.shape, 3)
    white = np.float64(255)
    p = np.clip(np.nan_to_num(np.asarray(probabilities, dtype=np.float64)), 0, 1)[..., None]
    return np.round(white - (white - colour) * p).astype(np.uint8)


def readable_text_color(background):
    """Black or white, whichever reads better on ``background``."""
    return QColor("black") if background.lightnessF() > 0.55 else QColor("white")


# A message's severity as the colour of its text, dark enough to read on white (a plot's notice)
# and on the window's background: brick for an error, umber for a warning, the text's own for a hint.
SEVERITY_COLORS = {Severity.ERROR: QColor("#7a1f1f"), Severity.WARNING: QColor("#7a4a00"), Severity.HINT: None}


def severity_color(severity, text_color):
    """The colour to write a message of ``severity`` in, beside text written in ``text_color``."""
    return SEVERITY_COLORS[severity] or text_color

"""A label whose size only grows, for a number rewritten on every edit.

A label that fits its text asks its parent's layout to run again whenever the text changes, and
the layout then repaints its neighbours and scroll bars, if not the whole dock or status bar. A
label of fixed size skips that (Qt does not re-lay out around a widget that cannot change size):
the next value, about as wide, then only repaints the label itself.

Measuring a text costs a layout of it (a rich text's most of all), so a label remembers the
shapes it has room for: the text with each digit standing for any digit. A new value of a known
shape, the common case, is set without measuring anything.
"""

import re

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel

DIGIT = re.compile(r"\d")


class GrowingLabel(QLabel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._fitted_shapes = set()  # texts with each digit as the font's widest, all with room
        self._widest = None  # the font's widest digit, once asked for
        # Opaque, in the window's colour: a new value then repaints the label alone, not the status
        # bar or dock beneath it as well (the status bar's repaint alone took over 1 ms).
        self.setAutoFillBackground(True)

    def show_text(self, text):
        shape = DIGIT.sub(self._widest_digit(), text)
        if shape not in self._fitted_shapes:
            self._fitted_shapes.add(shape)
            self.setText(shape)  # measured with the widest digits: any value of this shape fits
            hint = self.sizeHint()
            if hint.width() > self.minimumWidth() or hint.height() > self.minimumHeight():
                self.setFixedSize(hint.expandedTo(self.minimumSize()))
        self.setText(text)

    def _widest_digit(self):
        if self._widest is None:
            self._widest = max("0123456789", key=self.fontMetrics().horizontalAdvance)
        return self._widest

    def fit_anew(self, text):
        """Show ``text`` in a size fitted to it alone, forgetting the wider texts shown before (for a
        text of another kind, such as a dash where a number was: it would sit in a gap)."""
        self._fitted_shapes.clear()
        self.setMinimumSize(0, 0)  # a label's size hint is never below its minimum size
        self.show_text(text)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom: fitted to the new font's text anew
            self._widest = None
            self.fit_anew(self.text())

"""A label whose size only grows, for a number rewritten on every edit.

A label that fits its text asks its parent's layout to run again whenever the text changes, and
the layout then repaints its neighbours and scroll bars, if not the whole dock or status bar. A
label of fixed size skips that (Qt does not re-lay out around a widget that cannot change size):
the next value, about as wide, then only repaints the label itself.
"""

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel


class GrowingLabel(QLabel):
    def show_text(self, text):
        self.setText(text)
        hint = self.sizeHint()
        if hint.width() > self.minimumWidth() or hint.height() > self.minimumHeight():
            self.setFixedSize(hint.expandedTo(self.minimumSize()))

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom: fitted to the new font's text anew
            self.setMinimumSize(0, 0)  # a label's size hint is never below its minimum size
            self.setFixedSize(self.sizeHint())

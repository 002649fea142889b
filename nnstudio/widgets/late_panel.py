"""A dock's panel built the first time the dock comes into sight.

Panels that start out of sight (Loss and Network behind the Outputs tab in the default layout, or
any closed dock) need not cost start-up time: their dock holds a blank stand-in until it is first
shown, and the panel is built then and takes the stand-in's place, showing the document as it is
by then. Whatever needs the panel sooner (a picture of it, a test) asks ``panel()``, which builds
it at once. Once built, it is the same panel as one built at start.
"""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from nnstudio.qt_helpers.when_shown import WhenShown


class LatePanel(QObject):
    built = Signal(QWidget)  # the panel, just built and put in its dock

    def __init__(self, build, parent=None):
        """``build()`` returns the panel; put ``stand_in`` in the dock."""
        super().__init__(parent)
        self._build = build
        self._panel = None
        self.stand_in = QWidget()
        WhenShown(self.stand_in, self.panel).request()  # now if on screen, else when it comes into sight

    def panel(self):
        """The panel, built now if it has not been yet."""
        if self._panel is None:
            self._panel = self._build()
            self.stand_in.parentWidget().setWidget(self._panel)
            # Put into a dock on screen, a scroll area's content keeps the layout of its size hint
            # though the area then makes it narrower (fields cut at the edge): laid out again here.
            for widget in (self._panel, *self._panel.findChildren(QWidget)):
                if widget.layout() is not None:
                    widget.layout().invalidate()
            self.stand_in.deleteLater()  # perhaps in the middle of its own show event
            self.stand_in = None
            self.built.emit(self._panel)
        return self._panel

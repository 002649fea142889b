"""Bringing a panel up to date only when it can be seen.

A panel behind another dock's tab, or closed, is not painted by Qt, but its slots would still run
on every edit: for the Loss and Network panels, behind Outputs in the default layout, about 1.5 ms
of an edit's 17. Their updates are put off until the panel comes into sight, and then done once.
"""

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtWidgets import QDockWidget


class WhenShown(QObject):
    def __init__(self, panel, refresh):
        super().__init__(panel)
        self._panel = panel
        self._refresh = refresh
        self._due = False  # a change came while the panel was out of sight
        panel.installEventFilter(self)

    def on_screen(self):
        """Whether the panel can be seen: shown, and inside its window (Qt 6 keeps a dock behind
        another's tab shown, but moves it out of the window)."""
        panel = self._panel
        if not panel.isVisible():
            return False
        window = panel.window()
        return QRect(panel.mapTo(window, QPoint()), panel.size()).intersects(window.rect())

    def request(self, *_arguments):
        """Connected to the document's signals: ``refresh`` now if the panel can be seen, else when
        it comes into sight."""
        if self.on_screen():
            self._due = False
            self._refresh()
        else:
            self._due = True

    def or_later(self, update):
        """A slot running ``update`` (a part of ``refresh``, such as showing another sample) with
        its signal's arguments while the panel can be seen; out of sight, the whole ``refresh`` is
        put off instead."""
        def slot(*arguments):
            if self.on_screen():
                update(*arguments)
            else:
                self._due = True
        return slot

    def catch_up(self):
        """``refresh`` now if a change has been put off (the panel has come into sight, or is about
        to be pictured)."""
        if self._due:
            self._due = False
            self._refresh()

    def _catch_up_if_on_screen(self):
        if self.on_screen():
            self.catch_up()

    def eventFilter(self, watched, event):
        kind = event.type()
        if kind == QEvent.Type.ParentChange and isinstance(self._panel.parent(), QDockWidget):
            # a tab brought to the front (or a dock opened) says so by this signal only
            self._panel.parent().visibilityChanged.connect(self._on_dock_visibility)
        elif kind == QEvent.Type.Show and self._due:
            self._catch_up_once_placed()
        return False

    def _on_dock_visibility(self, visible):
        if visible and self._placed():
            self.catch_up()
        elif visible:
            self._catch_up_once_placed()

    def _catch_up_once_placed(self):
        layout = self._panel.window().layout()
        if not self._placed() and layout is not None:
            # The window is being shown: its docks are not placed yet (a dock just tabbed behind
            # another still has its old place, and says it is visible). Placed now, before the paint.
            layout.activate()
        if self.on_screen():
            self.catch_up()
        else:  # perhaps not yet placed by its window
            QTimer.singleShot(0, self, self._catch_up_if_on_screen)

    def _placed(self):
        """Whether the panel's window is on screen, its docks placed."""
        handle = self._panel.window().windowHandle()
        return handle is not None and handle.isExposed()

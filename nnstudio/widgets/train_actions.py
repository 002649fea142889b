"""Step one epoch, Train and Pause: the actions of the Train menu, tool bar and panel, made with the
window (the Train panel, out of sight at start, is built when first shown)."""

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle


def train_shortcuts():
    """Ctrl+T starts a run and, while it goes, pauses it (the two actions are never enabled
    together); Ctrl+E runs one epoch. (A function: key sequences need the application.)"""
    return {"train": QKeySequence("Ctrl+T"), "pause": QKeySequence("Ctrl+T"), "step": QKeySequence("Ctrl+E")}


class TrainActions(QObject):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self._document = document
        trainer = document.trainer
        style, icons, keys = QApplication.style(), QStyle.StandardPixmap, train_shortcuts()

        def action(key, text, icon, tip, slot):
            act = QAction(style.standardIcon(icon), text, self)
            act.setShortcut(keys[key])
            act.setToolTip(f"{tip} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            return act

        self.step_action = action("step", "Step one &epoch", icons.SP_MediaSeekForward,
                                  "Train one epoch: forward, backward, then the optimizer's update", trainer.step)
        self.train_action = action("train", "&Train", icons.SP_MediaPlay,
                                   "Train for the epochs per run set below, showing the network as it learns",
                                   lambda: trainer.train())  # not triggered's flag for epochs
        self.pause_action = action("pause", "&Pause", icons.SP_MediaPause,
                                   "Stop the run here: its epochs so far become one undo step", trainer.pause)
        self.actions = (self.step_action, self.train_action, self.pause_action)
        document.trace_changed.connect(self.enable)
        document.training_changed.connect(self.enable)
        trainer.running_changed.connect(self.enable)
        self.enable()

    def enable(self):
        """Train and Step while the network can learn and no run goes; Pause while one does."""
        running = self._document.trainer.running
        can_train = not running and not self._document.training_problem
        self.train_action.setEnabled(can_train)
        self.step_action.setEnabled(can_train)
        self.pause_action.setEnabled(running)

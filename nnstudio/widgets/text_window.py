"""A window of text that scrolls, for text too long for a tooltip or a message box."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


def show_text(parent, title, html):
    """A window of ``html`` that scrolls, closed by its button or Escape; returns it (shown)."""
    dialog = QDialog(parent)
    dialog.setFont(parent.window().font())  # zoomed as the window is (a window does not inherit its font)
    dialog.setWindowTitle(title)
    text = QTextBrowser()
    text.setHtml(html)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(620, 520)
    dialog.open()
    return dialog

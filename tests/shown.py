"""A widget put on screen as a test's user would see it: sized, shown and exposed."""


def show(qtbot, widget, width=520, height=480):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget

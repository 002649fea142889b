"""The Qt widgets: main window, layer stack, matrix editors, batch editor, stepper, explanation."""

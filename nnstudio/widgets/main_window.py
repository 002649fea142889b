"""The main window: one dock per panel around the document, menus with shortcuts, settings."""

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from nnstudio.document import Document

TITLE = "NN Studio"


class MainWindow(QMainWindow):
    def __init__(self, document=None, parent=None):
        super().__init__(parent)
        self.document = document if document is not None else Document(parent=self)
        self.setWindowTitle(TITLE)
        self.setObjectName("MainWindow")
        self.docks = {}
        self.view_menu = self.menuBar().addMenu("&View")
        self.setCentralWidget(QLabel("NN Studio"))
        self._build_panels()
        self.statusBar()
        self.document.message_posted.connect(self._on_message_posted)
        self._restore_settings()

    def _build_panels(self):
        """Each panel is a dock the user can move, close and bring back from the View menu."""
        from .batch_editor import BatchPanel
        from .parameter_editor import ParametersPanel

        self.parameters_panel = ParametersPanel(self.document)
        self.add_panel("Weights and biases", self.parameters_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.batch_panel = BatchPanel(self.document)
        self.add_panel("Batch", self.batch_panel, Qt.DockWidgetArea.LeftDockWidgetArea)

    def add_panel(self, title, widget, area=Qt.DockWidgetArea.RightDockWidgetArea):
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "") + "Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.view_menu.addAction(dock.toggleViewAction())
        self.docks[title] = dock
        return dock

    def _on_message_posted(self, text):
        self.statusBar().showMessage(text, 8000)

    def _restore_settings(self):
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        layout = settings.value("window/state")
        if layout is not None:
            self.restoreState(layout)

    def closeEvent(self, event):
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        super().closeEvent(event)

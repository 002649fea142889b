"""Every test runs headless: Qt draws offscreen unless a test starts a real X server itself."""

import os

import pytest
from PySide6.QtCore import QSettings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path_factory):
    """QSettings read and write in a folder of their own per test (outside the test's tmp_path,
    which tests may list): a user's saved layout never reaches a test, nor one test's another."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def document(qapp):
    """A document as the app opens: the notebook's spiral classifier."""
    from nnstudio.document import Document

    document = Document()
    yield document
    document.trainer.pause()  # a failed test leaves no run going on through the next ones


@pytest.fixture
def window(qtbot):
    """The main window, shown and active, as a user sees it at start."""
    from nnstudio.widgets.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.document.trainer.pause()

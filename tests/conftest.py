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

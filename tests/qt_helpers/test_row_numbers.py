"""The row-number header is as wide as Qt's own would be, from two rows instead of two hundred."""

import pytest
from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from nnstudio.qt_helpers.row_numbers import number_rows


class Rows(QAbstractTableModel):
    """``count`` rows numbered from 0, counting the header data it is asked for."""

    def __init__(self, count):
        super().__init__()
        self.count = count
        self.asked = 0

    def rowCount(self, parent=None):
        return self.count

    def columnCount(self, parent=None):
        return 2

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return 1.5 if role == Qt.ItemDataRole.DisplayRole else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        self.asked += 1
        return str(section) if role == Qt.ItemDataRole.DisplayRole else None


def table(qtbot, count, numbered, points=None):
    view = QTableView()
    qtbot.addWidget(view)
    if numbered:
        number_rows(view)
    if points is not None:
        font = QFont(view.font())
        font.setPointSizeF(points)
        view.setFont(font)
    model = Rows(count)
    view.setModel(model)
    view.model_kept = model  # the view does not own it
    return view


@pytest.mark.parametrize("count", [0, 1, 9, 10, 99, 100, 101, 300, 999, 1000, 12_345])
@pytest.mark.parametrize("points", [None, 20.0])
def test_as_wide_as_qts_own_header(qtbot, count, points):
    ours, qts = table(qtbot, count, True, points), table(qtbot, count, False, points)
    assert ours.verticalHeader().sizeHint() == qts.verticalHeader().sizeHint()
    assert ours.verticalHeader().sizeHint().width() > 0 or count == 0


def test_asks_two_rows_not_two_hundred(qtbot):
    ours, qts = table(qtbot, 300, True), table(qtbot, 300, False)
    for view in (ours, qts):
        view.model_kept.headerDataChanged.emit(Qt.Orientation.Vertical, 0, 299)  # Qt's hint is cached till then
        view.model_kept.asked = 0
        view.verticalHeader().sizeHint()
    assert qts.model_kept.asked >= 200
    assert 0 < ours.model_kept.asked <= 2 * 10  # two rows, a few roles each


def test_behaves_as_qts_own_header(qtbot):
    views = table(qtbot, 5, True), table(qtbot, 5, False)
    ours, qts = (view.verticalHeader() for view in views)
    for read in ("sectionsClickable", "highlightSections", "orientation", "defaultSectionSize", "count"):
        assert getattr(ours, read)() == getattr(qts, read)(), read

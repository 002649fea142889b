"""A label rewritten on every edit keeps its size, so its panel is not laid out again each time."""

import pytest
from layout_requests import LayoutRequests
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from shown import show

from nnstudio.qt_helpers.growing_label import GrowingLabel


@pytest.fixture
def panel(qtbot):
    panel = QWidget()
    QVBoxLayout(panel).addWidget(GrowingLabel())
    return show(qtbot, panel, 300, 100)


def label_of(panel):
    return panel.findChild(GrowingLabel)


def zoomed_font(points):
    font = QApplication.font()
    font.setPointSize(font.pointSize() + points)
    return font


def test_grows_for_a_wider_text_and_keeps_its_size_for_a_narrower_one(panel):
    label = label_of(panel)
    label.show_text("0.1234")
    narrow = label.size()
    label.show_text("12345.1234")
    wide = label.size()
    assert wide.width() > narrow.width()
    label.show_text("1")
    assert label.size() == wide and label.text() == "1"


def test_a_new_value_of_the_same_width_does_not_lay_out_the_panel_again(panel, qtbot):
    label = label_of(panel)
    label.show_text("0.1234")
    qtbot.wait(20)
    requests = LayoutRequests(panel)
    label.show_text("0.4321")
    qtbot.wait(20)
    assert requests.count == 0
    label.show_text("a much longer text than before")
    qtbot.wait(20)
    assert requests.count >= 1  # growing is a layout change


@pytest.mark.parametrize("shape", ["#.####", "loss <b>#.####</b> · accuracy <b>##.# %</b>"])
def test_every_value_of_a_shape_it_has_shown_fits(panel, shape):
    label = label_of(panel)
    label.show_text(shape.replace("#", "1"))
    for digit in "0123456789":
        text = shape.replace("#", digit)
        label.show_text(text)
        alone = QLabel(text)
        alone.setFont(label.font())
        assert label.width() >= alone.sizeHint().width() and label.height() >= alone.sizeHint().height()


@pytest.mark.parametrize("text", ["1.0988", "loss <b>1.0988</b> · accuracy <b>33.0 %</b>"])
def test_after_a_zoom_and_back_it_is_as_small_as_before(panel, qtbot, text):
    label = label_of(panel)
    label.show_text(text)
    before = label.size()
    panel.setFont(zoomed_font(6))
    assert label.width() > before.width() and label.height() > before.height()
    panel.setFont(zoomed_font(0))
    assert label.size() == before

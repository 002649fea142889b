"""Word-wrapped labels stacked by hand: each as tall as its text, and the scroll area around them
laid out again only when the column's height changes."""

import pytest
from layout_requests import LayoutRequests
from PySide6.QtWidgets import QLabel
from shown import show

from nnstudio.widgets.stacked_labels import StackedLabels
from nnstudio.widgets.zoom_fit import scrolled

SHORT = "−log(0.3333) = 1.099"
LONG = " ".join(["mean of 300 losses = (1.099 + 1.098 + 1.098 + … + 1.097) / 300 = 1.099"] * 4)


def wrapped(text):
    label = QLabel(text)
    label.setWordWrap(True)
    return label


@pytest.fixture
def column(qtbot):
    column = StackedLabels([wrapped("Title"), wrapped(SHORT), wrapped(LONG)])
    area = show(qtbot, scrolled(column), 300, 120)  # shorter than the labels: the column scrolls
    qtbot.waitUntil(lambda: column.labels[2].width() > 200)
    yield column  # the scroll area, owning it, stays referenced here until the test ends
    area.close()


def needed_height(label):
    """The height a fresh label of the same text and width needs."""
    alone = wrapped(label.text())
    alone.setFont(label.font())
    return alone.heightForWidth(label.width())


def assert_stacked(column):
    shown = [label for label in column.labels if not label.isHidden()]
    for label in shown:
        assert label.height() == needed_height(label)
        assert label.width() < column.width()
    for upper, lower in zip(shown, shown[1:], strict=False):
        assert upper.geometry().bottom() < lower.geometry().top()


def test_labels_stand_one_under_another_each_as_tall_as_its_text(column):
    assert_stacked(column)
    assert column.labels[2].height() > 2 * column.labels[1].height()  # the long one wraps


def test_a_new_text_of_the_same_height_does_not_lay_out_the_scroll_area_again(column, qtbot):
    viewport = column.parentWidget()
    requests = LayoutRequests(viewport)
    column.labels[1].setText(SHORT.replace("3", "7"))
    qtbot.wait(20)
    assert requests.count == 0
    assert_stacked(column)


def test_a_taller_text_moves_the_labels_under_it_and_grows_the_column(column, qtbot):
    before = column.height()
    column.labels[1].setText(LONG)
    qtbot.waitUntil(lambda: column.height() > before)
    assert_stacked(column)


def test_a_hidden_label_leaves_no_gap(column, qtbot):
    column.labels[1].hide()
    qtbot.waitUntil(lambda: column.labels[2].y() < column.labels[0].geometry().bottom() + 20)
    assert_stacked(column)


def test_a_narrower_column_rewraps_its_labels(column, qtbot):
    tall = column.labels[2].height()
    column.window().resize(180, 120)
    qtbot.waitUntil(lambda: column.labels[2].height() > tall)
    assert_stacked(column)


def test_texts_set_while_hidden_are_placed_when_shown_again(column, qtbot):
    area = column.window()
    area.hide()
    column.labels[0].setText(LONG)
    column.labels[1].setText("x")
    area.show()
    qtbot.waitExposed(area)
    assert_stacked(column)


def test_a_term_too_long_to_wrap_widens_the_column_and_the_area_scrolls_across(column, qtbot):
    term = "e^(0.001478−0.001478)" * 4  # no space to break at
    column.labels[1].setText(term)
    area = column.window()
    qtbot.waitUntil(lambda: area.horizontalScrollBar().isVisible())
    assert column.labels[1].width() >= column.labels[1].minimumSizeHint().width()
    assert_stacked(column)

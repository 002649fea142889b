"""The wrapping row of a panel's tool buttons: whole buttons at any width, on as few lines as fit."""

import pytest
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from nnstudio.qt_helpers.flow_layout import FlowLayout


@pytest.fixture
def row(qtbot):
    panel = QWidget()
    qtbot.addWidget(panel)
    layout = FlowLayout(panel)
    buttons = []
    for number, text in enumerate(["+ Dense", "+ ReLU", "+ Softmax", "Remove", "Up"]):
        button = QToolButton(panel, text=text)
        if number < 3:
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.add_widget(button, 2 if number < 3 else 0)
        buttons.append(button)
    panel.show()
    return panel, layout, buttons


def lay_out(panel, width):
    panel.resize(width, panel.layout().heightForWidth(width))
    panel.layout().activate()


@pytest.mark.parametrize("width", [60, 150, 260, 900])
def test_every_button_is_whole_inside_the_row_and_none_overlaps(row, width):
    panel, layout, buttons = row
    lay_out(panel, width)
    rectangles = [button.geometry() for button in buttons]
    for button, rectangle in zip(buttons, rectangles, strict=True):
        assert rectangle.width() >= button.sizeHint().width()
        assert rectangle.right() < max(width, layout.minimumSize().width())
        assert rectangle.bottom() < panel.height()
    for first, rectangle in enumerate(rectangles):
        assert not any(rectangle.intersects(other) for other in rectangles[first + 1:])


def test_a_narrow_row_wraps_and_a_wide_one_keeps_one_line_filled_by_the_expanding_buttons(row):
    panel, layout, buttons = row
    lay_out(panel, layout.sizeHint().width() - 10)
    assert len({button.y() for button in buttons}) == 2
    lay_out(panel, 900)
    assert len({button.y() for button in buttons}) == 1
    assert buttons[0].width() > buttons[0].sizeHint().width()  # the + buttons share the spare room
    assert buttons[3].width() == buttons[3].sizeHint().width()  # the others keep their own width
    assert buttons[-1].geometry().right() >= 900 - 20


def test_the_height_for_a_width_grows_as_the_row_narrows(row):
    _, layout, _ = row
    heights = [layout.heightForWidth(width) for width in (900, 260, 150, 60)]
    assert heights == sorted(heights) and heights[0] < heights[-1]


def test_a_word_wrapped_label_wider_than_the_row_takes_a_line_and_the_height_it_needs(qtbot):
    from PySide6.QtWidgets import QLabel

    panel = QWidget()
    qtbot.addWidget(panel)
    layout = FlowLayout(panel)
    counter = QLabel("Step 7 of 19", panel)
    shape = QLabel("300×1  (300 samples × 1 loss each, and some more words to wrap)", panel, wordWrap=True)
    layout.add_widget(counter)
    layout.add_widget(shape)
    panel.show()
    width = counter.sizeHint().width() + 40
    lay_out(panel, width)
    assert shape.y() > counter.y()  # on the next line
    assert shape.geometry().right() < width and shape.height() >= 2 * counter.sizeHint().height() - 4
    assert layout.minimumSize().width() < shape.sizeHint().width()  # the label may narrow: the row can wrap it

"""The open lesson's caption stays in view above the data plot."""

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from nnstudio.widgets.lessons import LESSON_FOLDER


def caption_in_file(number):
    """The lesson's caption as its project file holds it, read without the app's loader."""
    [path] = LESSON_FOLDER.glob(f"{number}-*.json")
    note = json.loads(path.read_text(encoding="utf-8"))["note"]
    assert note.count("\n") == 1, "a two-line caption"
    return note


def open_lesson(window, number):
    window.file_actions.lessons_menu.lesson_actions[number - 1].trigger()


def test_no_caption_for_the_starting_network(window):
    assert window.document.state.note == ""
    assert not window.caption_banner.isVisible()


@pytest.mark.parametrize("number", [1, 5, 7])
def test_a_lesson_opened_from_the_menu_shows_its_caption_above_the_data_plot(window, number):
    open_lesson(window, number)
    banner = window.caption_banner
    assert banner.isVisible()
    assert banner.label.text() == caption_in_file(number)
    banner_bottom = banner.mapTo(window, QPoint(0, banner.height())).y()
    assert banner_bottom <= window.data_plot.mapTo(window, QPoint(0, 0)).y()


def test_the_caption_stays_while_the_student_edits(window, qtbot):
    open_lesson(window, 3)
    with qtbot.waitSignal(window.document.trace_changed):
        window.document.set_parameter(0, "weights", 0, 0, 0.5)
    assert window.caption_banner.isVisible()
    assert window.caption_banner.label.text() == caption_in_file(3)


def test_the_close_button_hides_it_until_the_next_lesson(window, qtbot):
    open_lesson(window, 2)
    qtbot.mouseClick(window.caption_banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.caption_banner.isVisible()
    open_lesson(window, 4)
    assert window.caption_banner.isVisible()
    assert window.caption_banner.label.text() == caption_in_file(4)


def test_new_hides_the_caption(window):
    open_lesson(window, 6)
    window.file_actions.new_action.trigger()
    assert not window.caption_banner.isVisible()

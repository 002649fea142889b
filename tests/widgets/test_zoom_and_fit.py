"""The window at 1280 × 800 as a new user meets it: zoom keys that keep the window's size and give
back the layout, tables that show every row, a tool bar that stays put, and a status bar that
forgets an old complaint."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QListView
from test_parameter_editor import type_into_cell

from nnstudio.widgets.main_window import ZOOM_RANGE

LESSONS = Path(__file__).resolve().parents[2] / "resources" / "lessons"
CTRL = Qt.KeyboardModifier.ControlModifier


def lesson(number):
    return next(LESSONS.glob(f"{number}-*.json"))


def zoom_in(window, qtbot, times=1):
    for _ in range(times):
        qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)


def zoom_out(window, qtbot, times=1):
    for _ in range(times):
        qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)


def settle(qtbot):
    qtbot.wait(50)  # the layouts run from posted events


def dock_sizes(window):
    return {title: (dock.width(), dock.height()) for title, dock in window.docks.items() if dock.isVisible()}


def hidden_rows(view):
    """The rows of ``view`` whose cells are not wholly inside its viewport."""
    model, viewport = view.model(), view.viewport().rect()
    columns = 1 if isinstance(view, QListView) else model.columnCount()
    return [row for row in range(model.rowCount())
            if not all(viewport.contains(view.visualRect(model.index(row, column))) for column in range(columns))]


def elided_cells(view):
    """Cells whose text is wider than their column."""
    model, metrics = view.model(), view.fontMetrics()
    return [(row, column) for row in range(model.rowCount()) for column in range(model.columnCount())
            if metrics.horizontalAdvance(model.index(row, column).data()) + 6 > view.columnWidth(column)]


def every_table(window):
    for editor in window.parameters_panel.editors:
        yield editor.weights_view
        yield editor.biases_view


# ----- zoom ------------------------------------------------------------------------------------
def test_zooming_keeps_the_window_and_the_docks_and_reset_gives_back_the_layout(window, qtbot):
    settle(qtbot)
    size, docks = window.size(), dock_sizes(window)
    zoom_in(window, qtbot, 3)
    settle(qtbot)
    assert window.zoom == 6
    assert window.size() == size
    assert window.minimumSizeHint().width() <= 1280 and window.minimumSizeHint().height() <= 800
    qtbot.keyClick(window, Qt.Key.Key_0, CTRL)
    settle(qtbot)
    assert window.zoom == 0 and window.size() == size
    for title, (width, height) in dock_sizes(window).items():
        assert abs(width - docks[title][0]) <= 4 and abs(height - docks[title][1]) <= 4, title


def test_the_zoom_stops_at_a_sensible_range_and_never_grows_the_window(window, qtbot):
    size = window.size()
    base = window.layer_stack.view.font().pointSize()
    zoom_out(window, qtbot, 5)
    assert window.zoom == ZOOM_RANGE[0] == -2
    assert window.layer_stack.view.font().pointSize() == base - 2
    zoom_in(window, qtbot, 12)
    settle(qtbot)
    assert window.zoom == ZOOM_RANGE[1] == 12
    assert window.size() == size
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800


def test_a_panel_that_draws_its_own_text_is_told_the_zoom(window, qtbot):
    told = []
    window.outputs_plot.apply_zoom = told.append  # as a plot that draws its own labels would offer
    zoom_in(window, qtbot, 2)
    assert told == [2, 4]


@pytest.mark.parametrize("zoom_steps", [0, 1, 3])
def test_the_weight_tables_follow_the_zoom_neither_hiding_rows_nor_eliding_numbers(window, qtbot, zoom_steps):
    zoom_in(window, qtbot, zoom_steps)
    settle(qtbot)
    for view in every_table(window):
        assert hidden_rows(view) == [] and elided_cells(view) == []
        assert view.rowHeight(0) >= view.fontMetrics().height()


# ----- every row of every table, at the default zoom ----------------------------------------------
@pytest.mark.parametrize("number", [4, 5, 6, 7])
def test_every_row_of_every_weight_table_is_shown_and_the_buttons_can_be_reached(window, qtbot, number):
    assert window.open_file(lesson(number))
    settle(qtbot)
    panel = window.parameters_panel
    for editor in panel.editors:
        for view in (editor.weights_view, editor.biases_view):
            assert hidden_rows(view) == []
            assert not view.horizontalScrollBar().isVisible() and not view.verticalScrollBar().isVisible()
        for button in (editor.reinitialise_button, editor.zero_button):
            # in the panel's scrolling content, and not cut off by the panel's right edge
            # when the panel is scrolled to the left
            right = button.mapTo(panel._scroll.widget(), button.rect().topRight()).x()
            assert right < panel._scroll.viewport().width(), (editor.caption.text(), button.text())


def test_moving_the_current_cell_scrolls_the_panel_to_it(window, qtbot):
    open_without_softmax(window)
    settle(qtbot)
    panel = window.parameters_panel
    view = panel.editors[0].weights_view  # 4 × 5: wider than the panel
    view.setFocus()
    view.setCurrentIndex(view.model().index(3, 4))
    cell = view.visualRect(view.currentIndex())
    corner = view.viewport().mapTo(panel._scroll.viewport(), cell.bottomRight())
    assert panel._scroll.viewport().rect().contains(corner)


def open_without_softmax(window):
    """The spiral classifier of lesson 7 with its Softmax taken off: labels, and no loss."""
    assert window.open_file(lesson(7))
    window.document.remove_layer(len(window.document.layers) - 1)


def test_the_layer_list_shows_every_layer_above_its_hint(window, qtbot):
    open_without_softmax(window)
    settle(qtbot)
    stack = window.layer_stack
    assert stack.problem_label.isVisible() and "not a Softmax" in stack.problem_label.text()
    assert hidden_rows(stack.view) == []
    qtbot.waitUntil(lambda: stack.problem_label.geometry().top() > stack.view.geometry().bottom())


def test_a_sentence_about_the_stack_is_shown_once(window, qtbot):
    open_without_softmax(window)
    settle(qtbot)
    problem = window.document.why_no_loss.text
    showing = [label for label in window.findChildren(QLabel) if label.isVisible() and problem in label.text()]
    assert showing == [window.layer_stack.problem_label]


def test_the_stacks_sentence_is_a_hint_while_it_runs_and_a_warning_when_it_cannot(window, qtbot):
    stack = window.layer_stack
    open_without_softmax(window)
    settle(qtbot)
    role = QPalette.ColorRole.WindowText
    assert stack.problem_label.palette().color(role) == stack.palette().color(role)
    while window.document.layers:
        window.document.remove_layer(0)
    qtbot.waitUntil(lambda: "no layers" in stack.problem_label.text())
    assert stack.problem_label.palette().color(role) != stack.palette().color(role)


# ----- tool bar and status bar ------------------------------------------------------------------
def test_undo_and_redo_keep_their_text_in_the_tool_bar_so_it_does_not_jump(window, qtbot):
    bar = window.tool_bar
    numerics = bar.widgetForAction(window.numerics_actions["float64"])
    before = numerics.x()
    type_into_cell(qtbot, window.parameters_panel.editors[0].biases_view, 0, 1, "-0.25")
    settle(qtbot)
    undo = bar.widgetForAction(window.undo_action)
    assert not window.undo_action.icon().isNull()
    assert undo.text() == "Undo"  # the step it undoes is in its tooltip
    assert "Undo Set bias [0, 1] of Dense 1" in undo.toolTip()
    assert numerics.x() == before


def test_a_valid_edit_clears_an_old_complaint_but_keeps_its_own_message(window, qtbot):
    view = window.parameters_panel.editors[0].weights_view
    status = window.message_line
    type_into_cell(qtbot, view, 0, 0, "abc")
    assert "'abc' is not a number" in status.text()
    type_into_cell(qtbot, view, 0, 1, "0.5")
    assert status.text() == ""
    type_into_cell(qtbot, view, 0, 0, "abc")
    type_into_cell(qtbot, view, 0, 1, "0.25")  # the same cell again
    assert status.text() == ""
    type_into_cell(qtbot, view, 0, 0, "abc")
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert status.text() == ""
    # An edit that adapts the next layer says so, after the edit has cleared the old message.
    stack = window.layer_stack
    stack.model.setData(stack.model.index(1), "4", Qt.ItemDataRole.EditRole)  # Dense 1 gets 4 neurons
    assert "Dense 2" in status.text()


# ----- how numbers read ------------------------------------------------------------------------------
def test_minus_zero_reads_as_0_but_is_kept(window, qtbot):
    assert window.open_file(lesson(7))
    batch = window.batch_panel.model
    assert np.signbit(window.document.data[0][0, 0])
    assert batch.index(0, 0).data() == "0"
    view = window.parameters_panel.editors[0].weights_view
    type_into_cell(qtbot, view, 0, 0, "-0")
    assert np.signbit(window.document.dense(0).weights[0, 0])
    assert view.model().index(0, 0).data() == "0"

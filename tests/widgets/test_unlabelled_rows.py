"""Rows without class labels, as the notebook's batches before the spiral: outputs but no loss,
and no hint about the stack until a class is typed."""

import pytest
from test_lessons import open_lesson_from_menu
from test_parameter_editor import type_into_cell

from nnstudio.document.project_file import Project, dumps, loads


def test_the_notebooks_batches_carry_no_labels_so_no_softmax_hint_nags_until_a_class_is_typed(qtbot, window):
    open_lesson_from_menu(qtbot, window, 1)
    document, stack, view = window.document, window.layer_stack, window.batch_panel.view
    assert not document.state.batch.has_labels and document.trace.loss is None
    assert not stack.problem_label.isVisible()
    assert "no class labels" in document.why_no_loss.text
    assert view.model().index(0, 3).data() == "–"
    grey = window.data_plot.unlabelled_points  # no class colour
    assert grey.opts["brush"].color().getRgb()[:3] == (170, 170, 170)
    assert len(grey.getData()[0]) == len(document.data[0]) > 0
    assert not window.data_plot.legend.isVisible()
    type_into_cell(qtbot, view, 0, 1, "2.5")  # an input: still no labels
    assert not document.state.batch.has_labels and not stack.problem_label.isVisible()
    view.scrollTo(view.model().index(0, 3))  # the class column, right of three inputs
    type_into_cell(qtbot, view, 0, 3, "0")  # a class: the rows are labelled now, and the stack has no Softmax
    assert document.state.batch.has_labels and view.model().index(0, 3).data() == "0"
    qtbot.waitUntil(stack.problem_label.isVisible)
    assert "not a Softmax" in stack.problem_label.text()
    document.undo_stack.undo()
    assert not document.state.batch.has_labels


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])
def test_no_lesson_before_the_loss_nags_about_a_softmax(qtbot, window, number):
    # lessons 1–6 end without a Softmax on purpose: the notebook reaches the loss in lesson 7
    open_lesson_from_menu(qtbot, window, number)
    assert not window.document.state.batch.has_labels and window.document.trace.loss is None
    assert not window.layer_stack.problem_label.isVisible()
    open_lesson_from_menu(qtbot, window, 7)
    assert window.document.trace.loss is not None


def test_rows_without_labels_stay_so_through_a_project_file(document):
    from nnstudio.document import Batch

    batch = Batch("hand", hand_X=[[1.0, 2.0]], hand_y=[0], labelled=False)
    state = loads(dumps(Project(document.state.replace(batch=batch)))).state
    assert not state.batch.has_labels and state.batch.same_as(batch)
    labelled = loads(dumps(Project(document.state.replace(batch=Batch("hand", hand_X=[[1.0, 2.0]], hand_y=[0])))))
    assert labelled.state.batch.has_labels

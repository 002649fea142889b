"""The training curves: a line per run fed from the history, a legend naming each run's optimizer,
undone runs kept and marked, a run carried on keeping its colour, and the log scale."""

import numpy as np
from PySide6.QtGui import QTextDocumentFragment
from shown import show

from nnstudio.document.state import UnseenData
from nnstudio.document.training import PRESETS
from nnstudio.plots.pyqtgraph_private import axis_title
from nnstudio.plots.training_curves import TrainingCurves

RUN_TIMEOUT = 20_000
LINE_SAMPLE = "━━"
PANEL_SIZE = (300, 294)  # the Training curves panel in the default layout at 1280 × 800


def run(qtbot, document, epochs):
    assert document.trainer.train(epochs)
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=RUN_TIMEOUT)


def legend_lines(curves):
    """The legend as the student reads it, line by line."""
    return QTextDocumentFragment.fromHtml(curves.legend.text()).toPlainText().splitlines()


def legend_texts(curves):
    """The runs the legend names (its lines without their colour samples and without the key)."""
    return [line.split(" ", 1)[1] for line in legend_lines(curves) if line.startswith(LINE_SAMPLE)]


def test_two_optimizers_from_one_start_get_a_line_and_a_legend_entry_each(qtbot, document):
    curves = show(qtbot, TrainingCurves(document))
    assert curves.notice.text  # nothing trained yet: it says how to start
    document.use_preset(PRESETS[1])
    run(qtbot, document, 30)
    document.undo_stack.undo()
    document.undo_stack.undo()  # back to Adam, and to the start
    run(qtbot, document, 40)
    assert legend_texts(curves) == ["1. SGD (undone)", f"2. {document.history[1].description}"]
    first, second = curves.lines
    x, y = first.items["loss"].getData()
    assert np.array_equal(x, np.arange(30)) and np.array_equal(y, np.array(document.history[0].loss))
    assert len(second.items["accuracy"].getData()[1]) == 40
    assert first.items["loss"].opts["pen"].color().alpha() < second.items["loss"].opts["pen"].color().alpha()
    assert first.style[0] != second.style[0]
    assert not curves.notice.text


def test_a_run_carried_on_keeps_its_colour_and_legend_entry(qtbot, document):
    curves = show(qtbot, TrainingCurves(document))
    run(qtbot, document, 10)
    run(qtbot, document, 10)
    assert len(curves.lines) == 2 and len(legend_texts(curves)) == 1
    assert curves.lines[0].style == curves.lines[1].style
    x, y = curves.lines[1].items["loss"].getData()
    assert np.array_equal(x, np.arange(9, 20))  # from the last epoch of the run it carries on
    assert np.array_equal(y, [document.history[0].loss[-1], *document.history[1].loss])


def segments(curves, figure):
    """Every segment the lines of ``figure`` draw, as ((epoch, value), (epoch, value))."""
    drawn = set()
    for lines in curves.lines:
        x, y = lines.items[figure].getData()
        if x is not None:
            drawn |= set(zip(zip(x[:-1], y[:-1], strict=True), zip(x[1:], y[1:], strict=True), strict=True))
    return drawn


def test_epochs_stepped_one_at_a_time_are_one_line_and_a_first_step_a_dot(qtbot, document):
    """Each Step one epoch is a run of one epoch: alone, its line would be a point no pen draws."""
    curves = show(qtbot, TrainingCurves(document))
    document.trainer.step()
    qtbot.waitUntil(lambda: len(document.history) == 1)
    first = curves.lines[0].items["loss"]
    assert first.opts["symbol"] == "o" and len(first.getData()[0]) == 1
    for count in (2, 3):
        document.trainer.step()
        qtbot.waitUntil(lambda count=count: len(document.history) == count)
    losses = [run.loss[0] for run in document.history]
    assert segments(curves, "loss") == {((0, losses[0]), (1, losses[1])), ((1, losses[1]), (2, losses[2]))}
    assert all(lines.items["loss"].opts["symbol"] is None for lines in curves.lines)
    assert len(legend_texts(curves)) == 1


def test_test_data_is_drawn_beside_the_training_batch(qtbot, document):
    curves = show(qtbot, TrainingCurves(document))
    document.set_test(UnseenData("generated", seed=1))
    run(qtbot, document, 12)
    lines = curves.lines[0]
    assert np.array_equal(lines.items["test_loss"].getData()[1], document.history[0].test_loss)
    assert lines.items["test_loss"].opts["pen"].style() != lines.items["loss"].opts["pen"].style()


def test_the_loss_can_be_shown_on_a_log_scale(qtbot, document):
    curves = show(qtbot, TrainingCurves(document))
    curves.log_loss.click()
    assert curves.plots["loss"].ctrl.logYCheck.isChecked()


def test_a_new_project_clears_the_curves(qtbot, document):
    curves = show(qtbot, TrainingCurves(document))
    run(qtbot, document, 5)
    document.replace_state(document.state)
    assert curves.lines == [] and legend_texts(curves) == []


def test_the_legend_wraps_inside_a_narrow_panel_and_nothing_is_cut_off(qtbot, document):
    """A run's name ("Adam, learning rate 0.05, decay 5e-07") is wider than the panel: in a legend
    inside the plots it widened them past the panel's right edge, cutting off the curves' ends."""
    curves = show(qtbot, TrainingCurves(document), *PANEL_SIZE)
    document.set_test(UnseenData("generated", seed=1))
    run(qtbot, document, 5)
    assert legend_texts(curves) == [f"1. {document.history[0].description}"]
    assert curves.legend.width() <= curves.width()
    # every line shown, once the layout has taken in the legend's new lines
    qtbot.waitUntil(lambda: curves.legend.height() >= curves.legend.heightForWidth(curves.legend.width()))
    layout_width = curves.graphics.ci.geometry().width()
    assert layout_width <= curves.graphics.viewport().width()


def test_the_key_names_only_the_kinds_of_line_drawn(qtbot, document):
    curves = show(qtbot, TrainingCurves(document), *PANEL_SIZE)
    run(qtbot, document, 5)
    assert not any("dashed" in line or "dotted" in line for line in legend_lines(curves))
    document.set_test(UnseenData("generated", seed=1))
    run(qtbot, document, 5)
    assert any("dashed: test data" in line for line in legend_lines(curves))
    document.undo_stack.undo()
    assert any("dotted: undone" in line for line in legend_lines(curves))


def test_each_plot_is_as_tall_as_its_name(qtbot, document):
    """The names run up the left axes: in the default panel the plots were shorter than
    "accuracy", and the three names ran into one another ("rate accuracy loss")."""
    curves = show(qtbot, TrainingCurves(document), *PANEL_SIZE)
    run(qtbot, document, 5)
    qtbot.waitUntil(lambda: curves.legend.height() >= curves.legend.heightForWidth(curves.legend.width()))
    for plot in curves.plots.values():
        axis = plot.getAxis("left")
        assert axis.height() >= axis_title(axis).boundingRect().width()

"""The loss panel: each sample's loss as a dot, the mean loss and accuracy as large numbers."""

import numpy as np
import pytest
from drawn import drawn_points, losses_drawn
from PySide6.QtCore import QPointF, Qt
from shown import show

from nnstudio.document.messages import Severity
from nnstudio.document.palette import class_color
from nnstudio.plots.loss_plot import LossPlot
from nnstudio.plots.notice import TEXT_COLOR
from nnstudio.plots.pyqtgraph_private import tick_font

from .conftest import edit_weight, engine_trace


@pytest.fixture
def plot(document, qtbot):
    return show(qtbot, LossPlot(document), 520, 400)


def test_shows_the_engines_losses_mean_and_accuracy_and_follows_edits(plot, document, qtbot):
    items = [id(item) for item in plot.plot_item.items]
    edit_weight(qtbot, document, 1, 2, 1, 4.0)
    trace = engine_trace(document)
    np.testing.assert_array_equal(losses_drawn(plot), trace.sample_losses)
    assert plot.mean_line.value() == pytest.approx(float(trace.loss))
    assert plot.loss_label.text() == f"{trace.loss:.4f}"
    assert plot.accuracy_label.text() == f"{100 * trace.accuracy:.1f} %"
    assert [id(item) for item in plot.plot_item.items] == items


def test_the_selected_sample_is_ringed_and_clicking_a_dot_selects_it(plot, document, qtbot):
    losses = engine_trace(document).sample_losses
    sample = int(np.argmax(losses))  # the highest dot stands alone at the top
    scene_point = plot.view_box.mapViewToScene(QPointF(sample, losses[sample]))
    with qtbot.waitSignal(document.selection.sample_changed):
        qtbot.mouseClick(plot.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                         pos=plot.plot_widget.mapFromScene(scene_point))
    assert document.selection.sample == sample
    assert (plot.selection.pos().x(), plot.selection.pos().y()) == (sample, losses[sample])
    assert plot.selection.scenePos() == scene_point  # on the dot, where the click was


def test_without_a_softmax_there_is_no_loss_and_the_panel_says_why(plot, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.remove_layer(3)
    assert plot.loss_label.text() == "–"
    assert document.why_no_trace is None
    assert plot.notice.text == document.why_no_loss.text != ""
    assert document.why_no_loss.severity == Severity.HINT
    assert plot.notice.item.color == TEXT_COLOR  # a hint, not an error's brick red
    assert not any(item.isVisible() for item in plot.losses.items)
    assert engine_trace(document).accuracy is None
    assert plot.accuracy_label.text() == "–"


def test_edits_move_the_dots_keeping_their_class_colours_inside_the_axes(plot, document, qtbot):
    for value in (4.0, -30.0, 0.5):
        edit_weight(qtbot, document, 1, 2, 1, value)
        losses = engine_trace(document).sample_losses
        _, y = document.data
        order = np.argsort(y, kind="stable")
        assert drawn_points(plot.losses.items) == [(i, losses[i], class_color(y[i]).name()) for i in order]
        (left, right), (bottom, top) = plot.view_box.viewRange()
        assert bottom <= 0 and top >= losses.max()
        assert left <= 0 and right >= len(losses) - 1


def test_the_title_wraps_in_full_in_a_narrow_panel(document, qtbot):
    plot = show(qtbot, LossPlot(document), 300, 245)
    assert plot.title.text().startswith("Each sample's loss") and "mean (dashed)" in plot.title.text()
    assert plot.title.height() >= plot.title.heightForWidth(plot.title.width())
    assert plot.title.geometry().right() <= plot.width()


def test_zoom_enlarges_ticks_and_the_big_numbers(plot):
    tick_before = tick_font(plot.plot_item.getAxis("left")).pointSizeF()
    number_before = plot.loss_label.font().pointSizeF()
    plot.apply_zoom(4)
    assert plot.plot_item.getAxis("left").style["tickFont"].pointSizeF() == tick_before + 4
    assert plot.loss_label.font().pointSizeF() == number_before + 4
    assert plot.accuracy_label.font().pointSizeF() == number_before + 4
    assert plot.plot_item.getAxis("bottom").autoSIPrefixScale == 1.0

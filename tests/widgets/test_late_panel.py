"""Panels out of sight at start (Loss and Network behind the Outputs tab, Train behind Batch) are built when first
shown, and then show the document as it is, edits made while they were hidden included."""

import numpy as np
import pytest
from drawn import losses_drawn
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QScrollArea, QTabBar, QWidget
from shown import show
from test_parameter_editor import type_into_cell

from nnstudio.engine import Network
from nnstudio.plots.loss_plot import LossPlot
from nnstudio.widgets.late_panel import LatePanel
from nnstudio.widgets.main_window import MainWindow
from nnstudio.widgets.network_diagram import NetworkDiagram
from nnstudio.widgets.train_panel import TrainPanel


def click_tab(qtbot, window, title):
    """Click the dock tab ``title`` where the user sees it (after a zoom, the window may keep an
    outdated tab bar under the new one until it is next laid out)."""
    for bar in window.findChildren(QTabBar):
        for tab in range(bar.count()):
            point = bar.mapTo(window, bar.tabRect(tab).center())
            seen = window.childAt(point)
            if bar.tabText(tab) == title and isinstance(seen, QTabBar):
                at = seen.mapFrom(window, point)
                assert seen.tabText(seen.tabAt(at)) == title
                qtbot.mouseClick(seen, Qt.MouseButton.LeftButton, pos=at)
                return
    raise AssertionError(f"no tab {title} in sight")


def click_sample(qtbot, window, sample):
    view = window.stepper.view
    rect = view.visualRect(view.model().index(sample, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def engine_losses(document):
    X, y = document.data
    return Network(layer.copy() for layer in document.layers).trace(X, y).sample_losses


def test_panels_behind_a_tab_are_not_built_at_start(window, qtbot):
    qtbot.wait(50)  # the first trace and its repaint are over
    for title in ("Loss", "Network", "Train"):
        assert type(window.docks[title].widget()) is QWidget  # the stand-in


def test_the_train_menu_works_before_the_panel_is_built_which_then_shows_the_epoch_run(window, qtbot):
    step = next(action for action in window.menuBar().actions() if action.text() == "&Train").menu().actions()[0]
    assert step.text() == "Step one &epoch" and step.isEnabled()
    step.trigger()
    qtbot.waitUntil(lambda: window.document.state.optimizer.epochs_run == 1)
    assert type(window.docks["Train"].widget()) is QWidget
    click_tab(qtbot, window, "Train")
    qtbot.waitUntil(lambda: isinstance(window.docks["Train"].widget(), TrainPanel))
    panel = window.docks["Train"].widget()
    assert panel.progress.text().startswith("Epoch 1 ")
    assert panel.buttons[panel.step_action].defaultAction() is step


def test_a_panel_built_when_first_shown_is_laid_out_to_its_dock(window, qtbot):
    """Its scroll area's content, laid out at its size hint, was not laid out again when the area
    made it narrower: the fields ran past the dock's edge."""
    click_tab(qtbot, window, "Train")
    qtbot.waitUntil(lambda: isinstance(window.docks["Train"].widget(), TrainPanel))
    panel = window.docks["Train"].widget()
    area = panel.findChild(QScrollArea)
    content = area.widget()
    fields = [field for field in (panel.optimizer, panel.preset, *panel._fields.values(), panel.test_kind,
                                  panel.test_seed) if field.isVisibleTo(panel)]
    qtbot.waitUntil(lambda: content.width() > 100 and all(
        field.mapTo(content, QPoint(field.width(), 0)).x() <= content.width() for field in fields))


def test_the_loss_panel_first_shown_after_edits_shows_them(window, qtbot):
    document = window.document
    second = window.parameters_panel.editors[1]
    type_into_cell(qtbot, second.weights_view, 2, 1, "-3")
    click_sample(qtbot, window, 5)
    window.zoom_in_action.trigger()
    click_tab(qtbot, window, "Loss")
    qtbot.waitUntil(lambda: isinstance(window.docks["Loss"].widget(), LossPlot))
    panel = window.docks["Loss"].widget()
    qtbot.waitUntil(lambda: panel.visibleRegion().boundingRect().width() > 100)
    np.testing.assert_array_equal(losses_drawn(panel), engine_losses(document))
    loss = engine_losses(document)
    assert panel.loss_label.text() == f"{loss.mean():.4f}"
    ring = panel.selection.mapToParent(QPoint(0, 0).toPointF())
    assert (ring.x(), ring.y()) == pytest.approx((5, loss[5]))
    zoomed = window.outputs_plot.font().pointSizeF()
    assert panel.font().pointSizeF() == zoomed > QApplication.font().pointSizeF()


def test_the_network_panel_first_shown_after_an_edit_shows_it(window, qtbot):
    second = window.parameters_panel.editors[1]
    type_into_cell(qtbot, second.weights_view, 2, 1, "-3")
    click_tab(qtbot, window, "Network")
    qtbot.waitUntil(lambda: isinstance(window.docks["Network"].widget(), NetworkDiagram))
    diagram = window.docks["Network"].widget()
    qtbot.waitUntil(lambda: bool(diagram.connections))
    assert "= -3" in diagram.connections[(1, 2, 1)].toolTip()


def test_a_weight_chosen_in_a_table_before_the_network_panel_opens_is_haloed_there(window, qtbot):
    view = window.parameters_panel.editors[1].weights_view
    rect = view.visualRect(view.model().index(2, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert type(window.docks["Network"].widget()) is QWidget  # not built yet
    click_tab(qtbot, window, "Network")
    qtbot.waitUntil(lambda: isinstance(window.docks["Network"].widget(), NetworkDiagram))
    diagram = window.docks["Network"].widget()
    qtbot.waitUntil(lambda: bool(diagram.connections))
    assert diagram.selected_halo.isVisible()
    assert diagram.selected_halo.line() == diagram.connections[(1, 2, 1)].line()


def test_a_closed_panel_is_built_when_opened_from_the_view_menu(window, qtbot):
    toggle = window.docks["Loss"].toggleViewAction()
    toggle.trigger()  # closed before it was ever shown
    assert window.docks["Loss"].isHidden()
    toggle.trigger()
    qtbot.waitUntil(lambda: isinstance(window.docks["Loss"].widget(), LossPlot))
    assert window.docks["Loss"].widget() is window.loss_plot


@pytest.mark.parametrize(("title", "kind"), [("Loss", LossPlot), ("Train", TrainPanel)])
def test_a_layout_saved_with_a_late_panel_in_front_builds_it_before_the_first_paint(window, qtbot, title, kind):
    click_tab(qtbot, window, title)
    window.close()  # saves the layout
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert isinstance(again.docks[title].widget(), kind)  # built while being shown
    assert type(again.docks["Network"].widget()) is QWidget


def test_a_late_panel_is_built_once_on_first_show_or_first_request(qtbot):
    built = []

    def build():
        built.append(QLabel("the panel"))
        return built[-1]

    host = QMainWindow()
    docks = []
    for title in ("Shown later", "Asked for"):
        late = LatePanel(build, host)
        dock = QDockWidget(title, host)
        dock.setWidget(late.stand_in)
        host.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.hide()
        docks.append((dock, late))
    show(qtbot, host)
    assert built == []
    (shown_dock, shown_late), (asked_dock, asked_late) = docks
    shown_dock.show()
    qtbot.waitUntil(lambda: len(built) == 1)
    assert shown_dock.widget() is built[0] is shown_late.panel()
    assert asked_late.panel() is built[1] is asked_dock.widget()  # built while its dock is closed
    assert len(built) == 2

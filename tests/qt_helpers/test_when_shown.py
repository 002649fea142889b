"""Panels out of sight are brought up to date when shown, not on every edit."""

import numpy as np
from drawn import losses_drawn
from PySide6.QtWidgets import QWidget
from shown import show

from nnstudio.engine import Network
from nnstudio.plots.export import export_picture
from nnstudio.qt_helpers.when_shown import WhenShown


def test_a_hidden_panel_refreshes_once_when_shown_and_a_shown_one_at_once(qtbot):
    panel = QWidget()
    qtbot.addWidget(panel)
    refreshes = []
    updates = WhenShown(panel, lambda: refreshes.append(panel.isVisible()))
    updates.request()
    updates.request()
    assert refreshes == []
    show(qtbot, panel)
    qtbot.waitUntil(lambda: refreshes == [True])
    updates.request()
    assert refreshes == [True, True]
    panel.hide()
    panel.show()
    assert refreshes == [True, True]  # nothing was put off: shown again, nothing to redo


def test_catch_up_refreshes_only_what_was_put_off(qtbot):
    panel = QWidget()
    qtbot.addWidget(panel)
    refreshes = []
    updates = WhenShown(panel, lambda: refreshes.append(1))
    updates.catch_up()
    assert refreshes == []
    updates.request()
    updates.catch_up()
    updates.catch_up()
    assert refreshes == [1]


def engine_losses(document):
    X, y = document.data
    return Network(layer.copy() for layer in document.layers).trace(X, y).sample_losses


def edit_weight(qtbot, document):
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(1, "weights", 2, 1, -3.0)


def test_the_loss_and_network_tabs_behind_outputs_show_the_last_edit_when_raised(window, qtbot):
    document = window.document
    loss_updates, network_updates = (panel.findChild(WhenShown) for panel in (window.loss_plot, window.network_diagram))
    assert not loss_updates.on_screen() and not network_updates.on_screen()  # behind the Outputs tab
    before = losses_drawn(window.loss_plot)
    edit_weight(qtbot, document)
    np.testing.assert_array_equal(losses_drawn(window.loss_plot), before)  # put off
    window.docks["Loss"].raise_()
    qtbot.waitUntil(loss_updates.on_screen)
    np.testing.assert_array_equal(losses_drawn(window.loss_plot), engine_losses(document))
    window.docks["Network"].raise_()
    qtbot.waitUntil(network_updates.on_screen)
    assert "= -3" in window.network_diagram.connections[(1, 2, 1)].toolTip()


def test_a_picture_of_a_panel_behind_a_tab_shows_the_last_edit(window, qtbot, tmp_path):
    document = window.document
    edit_weight(qtbot, document)
    assert not window.loss_plot.findChild(WhenShown).on_screen()
    export_picture(window.loss_plot, tmp_path / "loss.png")
    np.testing.assert_array_equal(losses_drawn(window.loss_plot), engine_losses(document))
    panel = window.loss_plot
    for label in (panel.loss_label, panel.accuracy_label):  # laid out for their new numbers
        assert label.geometry().right() < panel.width() and label.text() != "–"


def test_a_panel_reopened_from_the_view_menu_comes_to_the_front_up_to_date(window, qtbot):
    document = window.document
    toggle = window.docks["Loss"].toggleViewAction()
    toggle.trigger()  # closed
    assert window.docks["Loss"].isHidden()
    edit_weight(qtbot, document)
    toggle.trigger()  # opened again, in front of Outputs and Network
    updates = window.loss_plot.findChild(WhenShown)
    qtbot.waitUntil(updates.on_screen)
    np.testing.assert_array_equal(losses_drawn(window.loss_plot), engine_losses(document))

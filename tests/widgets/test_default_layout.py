"""The default layout gives each table room on a laptop, a desktop and a projector: at 1280 × 800,
1600 × 1000 and 1920 × 1080 the batch and forward-pass tables show five rows or more, and the
first Dense's weight table is shown whole (measured from what each view really shows on screen)."""

import pytest
from PySide6.QtWidgets import QTabBar

from nnstudio.widgets.main_window import MainWindow


def rows_in_sight(view):
    """Rows of ``view`` every cell of which is on screen: inside the view and every scroll area around it."""
    model, seen = view.model(), view.viewport().visibleRegion()
    return [row for row in range(model.rowCount())
            if all(seen.contains(view.visualRect(model.index(row, column))) for column in range(model.columnCount()))]


@pytest.mark.parametrize("size", [(1280, 800), (1600, 1000), (1920, 1080)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_every_table_has_room_in_the_default_layout(qtbot, size):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the layouts run from posted events
    assert len(rows_in_sight(window.batch_panel.view)) >= 5
    assert len(rows_in_sight(window.stepper.view)) >= 5
    weights = window.parameters_panel.editors[0].weights_view
    assert len(rows_in_sight(weights)) == weights.model().rowCount() > 0
    assert window.centralWidget().width() >= 400 and window.centralWidget().height() >= 350  # the data, large


def whole_titles(window):
    """Whether every tab of the docks put together shows its panel's title whole (not "N…")."""
    bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible()]
    assert bars
    return all(bar.tabRect(i).width() > bar.fontMetrics().horizontalAdvance(bar.tabText(i))
               for bar in bars for i in range(bar.count()))


def test_the_tabs_of_docks_put_together_show_whole_titles(qtbot):
    """Six panels share the Outputs place: their tabs scroll rather than shrink to "O…", "Lo…"."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # Train is tabbed beside Batch once the window is shown
    titles = {bar.tabText(i) for bar in window.findChildren(QTabBar) if bar.isVisible() for i in range(bar.count())}
    assert {"Outputs", "Network", "Layer space", "Train"} <= titles
    assert whole_titles(window)
    window.reset_layout()
    qtbot.wait(20)
    assert whole_titles(window)

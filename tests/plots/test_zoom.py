"""View → Zoom in reaches the text the plots draw themselves, in the main window."""

from nnstudio.plots.pyqtgraph_private import tick_font
from nnstudio.plots.styling import axes_of


def tick_size(plot_item):
    return tick_font(plot_item.getAxis("bottom")).pointSizeF()


def test_a_zoom_step_enlarges_every_panels_ticks_and_the_diagrams_text(window, qtbot):
    window.docks["Network"].raise_()  # the diagram is drawn once it is in sight
    qtbot.waitUntil(lambda: bool(window.network_diagram.neurons))
    panels = {
        "data": window.data_plot.plot_item,
        "outputs": window.outputs_plot.bar_plot,
        "heatmap": window.outputs_plot.heat_plot,
        "loss": window.loss_plot.plot_item,
    }
    before = {name: tick_size(item) for name, item in panels.items()}
    titles_before = window.network_diagram.arrangement.title_font.pointSizeF()
    window.zoom_in_action.trigger()
    for name, item in panels.items():
        assert tick_size(item) > before[name], name
        for axis in axes_of(item):
            assert axis.autoSIPrefixScale == 1.0
    # laid out again in the zoomed text (its values grow with the room as well, so less than it)
    assert window.network_diagram.arrangement.title_font.pointSizeF() > titles_before
    window.reset_zoom_action.trigger()
    assert tick_size(window.data_plot.plot_item) == before["data"]

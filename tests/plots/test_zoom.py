"""View → Zoom in reaches the text the plots draw themselves, in the main window."""

from nnstudio.plots.styling import AXES

from .conftest import tick_font


def tick_size(plot_item):
    return tick_font(plot_item.getAxis("bottom")).pointSizeF()


def test_a_zoom_step_enlarges_every_panels_ticks_and_the_diagrams_values(window):
    panels = {
        "data": window.data_plot.plot_item,
        "outputs": window.outputs_plot.bar_plot,
        "heatmap": window.outputs_plot.heat_plot,
        "loss": window.loss_plot.plot_item,
    }
    before = {name: tick_size(item) for name, item in panels.items()}
    value_before = window.network_diagram.neurons[1][0].value_text.font().pointSizeF()
    window.zoom_in_action.trigger()
    for name, item in panels.items():
        assert tick_size(item) > before[name], name
        for axis in AXES:
            assert item.getAxis(axis).autoSIPrefixScale == 1.0
    assert window.network_diagram.neurons[1][0].value_text.font().pointSizeF() > value_before
    window.reset_zoom_action.trigger()
    assert tick_size(window.data_plot.plot_item) == before["data"]

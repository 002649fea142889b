"""Every neuron's map over the input plane: in the diagram's circles, and large behind the data points."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from shown import show

from nnstudio.document import Batch
from nnstudio.document.palette import class_color, diverging_color
from nnstudio.engine import Network
from nnstudio.plots.neuron_maps import INPUTS, neuron_image, plane_grids
from nnstudio.plots.regions import pixel_centres
from nnstudio.widgets.main_window import MainWindow
from nnstudio.widgets.network_diagram import NetworkDiagram, round_picture

RECT = QRectF(-1, -1, 2, 2)


@pytest.fixture
def diagram(document, qtbot):
    return show(qtbot, NetworkDiagram(document), 640, 420)


def test_each_layers_map_is_the_engines_output_over_the_regions_grid(document):
    grids = plane_grids(document.layers, RECT, 12)
    points = pixel_centres(RECT, 12, document.state.dtype)
    trace = Network(document.layers).trace(points)
    assert np.array_equal(grids[INPUTS].reshape(-1, 2), points)
    for step in trace.steps:  # each layer's last step is what its map shows
        if step is trace.steps[-1] or trace.steps[trace.steps.index(step) + 1].layer_index != step.layer_index:
            assert np.array_equal(grids[step.layer_index].reshape(len(points), -1), step.output)


def test_a_hidden_neuron_is_coloured_by_its_value_and_a_class_by_its_probability(document):
    grids = plane_grids(document.layers, RECT, 6)
    hidden = grids[1][:, :, 0]  # ReLU 1, neuron 0
    image = neuron_image(grids, document.layers, 1, 0)
    scale = np.abs(hidden).max()
    assert tuple(image[2, 3]) == diverging_color(hidden[2, 3], scale).getRgb()[:3]
    probabilities = grids[3][:, :, 2]  # Softmax 1, class 2
    image = neuron_image(grids, document.layers, 3, 2)
    colour = np.array(class_color(2).getRgb()[:3])
    assert np.allclose(image[0, 0], 255 - (255 - colour) * probabilities[0, 0], atol=0.51)


def test_every_drawn_neuron_shows_its_map_until_the_maps_are_turned_off(diagram, document, qtbot):
    qtbot.waitUntil(lambda: all(item.map_item is not None for items in diagram.neurons for item in items))
    grids = plane_grids(document.layers, QRectF(*diagram_rect(document)), 24)
    item = diagram.neurons[1][2]  # Dense 1 → ReLU, neuron 2: what ReLU 1 gives
    shown = item.map_item.pixmap().toImage()
    expected = neuron_image(grids, document.layers, *item.key)
    assert item.key == (1, 2)
    assert shown.pixelColor(5, 24 - 1 - 7).getRgb()[:3] == tuple(expected[7, 5])  # row 0 of the plane at the bottom
    diagram.maps_action.trigger()
    assert all(item.map_item is None for items in diagram.neurons for item in items)


def diagram_rect(document):
    X, _ = document.data
    low, high = X.min(axis=0), X.max(axis=0)
    return low[0], low[1], high[0] - low[0], high[1] - low[1]


def test_a_batch_without_two_inputs_has_no_maps(diagram, document, qtbot):
    document.set_batch(Batch("hand", hand_X=np.ones((3, 3)), hand_y=np.zeros(3, dtype=np.int64)))
    document.add_layer("Dense", 0)
    qtbot.waitUntil(lambda: diagram.neurons and diagram.neurons[0] and len(diagram.neurons[0]) == 3)
    assert all(item.map_item is None for items in diagram.neurons for item in items)


def move_pointer(view, where):
    """The pointer moved over ``where`` of the view (offscreen, QTest's move sends no event)."""
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(where), view.viewport().mapToGlobal(QPointF(where)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def test_hovering_or_clicking_a_neuron_shows_its_map_large_behind_the_points(document, qtbot):
    window = MainWindow(document)
    window.resize(1280, 800)
    show(qtbot, window, 1280, 800)
    window.docks["Network"].raise_()
    diagram = window.network_diagram
    qtbot.waitUntil(lambda: bool(diagram.neurons) and diagram.neurons[2][0].map_item is not None)
    plot = window.data_plot
    item = diagram.neurons[2][0]  # Dense 2 → Softmax, class 0
    where = diagram.mapFromScene(item.centre)
    move_pointer(diagram, where)
    qtbot.waitUntil(lambda: plot.neuron_map.isVisible())
    assert "Softmax 1, neuron 0 over the plane" in plot.neuron_caption.textItem.toPlainText()
    image = plot.neuron_map.image
    grids = plane_grids(document.layers, plot.plane_rect, 100)
    assert np.array_equal(image, neuron_image(grids, document.layers, 3, 0))
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=where)  # pinned
    move_pointer(diagram, diagram.mapFromScene(diagram.titles[0].pos()))
    qtbot.wait(50)
    assert plot.neuron_map.isVisible()
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=where)  # let go
    move_pointer(diagram, diagram.mapFromScene(diagram.titles[0].pos()))
    qtbot.waitUntil(lambda: not plot.neuron_map.isVisible())


def test_a_map_is_round_under_its_circles_outline_and_gives_the_value_colour_back_when_turned_off(
        diagram, document, qtbot):
    """The circle is drawn without its fill over the map (clipping each map to its circle took
    half the diagram's repaint); without maps it is filled with its value's colour again."""
    qtbot.waitUntil(lambda: all(item.map_item is not None for items in diagram.neurons for item in items))
    plain = show(qtbot, NetworkDiagram(document), 640, 420)
    plain.maps_action.trigger()  # never showing a map: its circles have their value's colours
    qtbot.waitUntil(lambda: bool(plain.neurons))
    item, alone = diagram.neurons[1][2], plain.neurons[1][2]
    picture = item.map_item.pixmap().toImage()
    assert picture.pixelColor(0, 0).alpha() == 0 and picture.pixelColor(23, 23).alpha() == 0  # corners: clear
    assert picture.pixelColor(12, 12).alpha() == 255
    assert item.brush().style() == Qt.BrushStyle.NoBrush and alone.brush().style() == Qt.BrushStyle.SolidPattern
    assert item.pen() == alone.pen()
    diagram.maps_action.trigger()
    assert item.map_item is None and item.brush() == alone.brush()


def test_a_round_picture_keeps_every_colour_inside_its_circle():
    image = np.random.default_rng(0).integers(0, 256, (24, 24, 3), dtype=np.uint8)
    pixels = round_picture(image)
    alpha = pixels >> 24
    inside = alpha == 255
    assert inside[12, 12] and not inside[0, 0] and inside.sum() > 0.7 * 24 * 24
    for shift, channel in ((16, 0), (8, 1), (0, 2)):
        assert np.array_equal((pixels[inside] >> shift) & 0xFF, image[..., channel][inside])
    assert ((pixels >> 16) & 0xFF <= alpha).all()  # premultiplied: no channel above its alpha

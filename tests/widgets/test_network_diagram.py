"""The network diagram: circles filled by the engine's values, weights as lines, hover and click."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from shown import show

from nnstudio.document.project_file import load
from nnstudio.document.selection import ParameterCell
from nnstudio.engine import Network
from nnstudio.widgets.network_diagram import MAX_SHOWN, MIN_ROWS, ConnectionItem, NetworkDiagram
from nnstudio.widgets.parameter_editor import ParametersPanel

LESSONS = Path(__file__).resolve().parents[2] / "resources" / "lessons"


@pytest.fixture
def diagram(document, qtbot):
    view = show(qtbot, NetworkDiagram(document), 640, 420)
    return view


def engine_trace(document):
    X, y = document.data
    return Network(layer.copy() for layer in document.layers).trace(X, y)


def point_on(view, line):
    """A viewport point on ``line`` where no other item lies on top of it."""
    for fraction in np.linspace(0.25, 0.75, 11):
        scene_point = line.line().pointAt(fraction)
        where = view.mapFromScene(scene_point)
        if view.itemAt(where) is line:
            return where
    raise AssertionError(f"connection {line.key} is covered everywhere")


def shown_values(view, column):
    texts = [item.value_text.text().replace("−", "-") for item in view.neurons[column]]
    return [float(text) if text else None for text in texts]


def test_draws_inputs_and_each_dense_as_columns_of_circles(diagram, document):
    assert [len(items) for items in diagram.neurons] == [2, 3, 3]
    assert len(diagram.connections) == 2 * 3 + 3 * 3
    assert "Dense 1 → ReLU" in diagram.titles[1].text()
    assert "Dense 2 → Softmax" in diagram.titles[2].text()


def test_hovering_a_connection_shows_its_weight(diagram, document, qtbot):
    line = diagram.connections[(1, 2, 0)]
    where = point_on(diagram, line)
    event = QHelpEvent(QEvent.Type.ToolTip, where, diagram.viewport().mapToGlobal(where))
    QApplication.sendEvent(diagram.viewport(), event)
    weight = document.dense(1).weights[2, 0]
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert f"= {weight:.6g}" in QToolTip.text()
    assert "Dense 2 weight [2, 0]" in QToolTip.text()
    QToolTip.hideText()


def test_clicking_a_connection_selects_that_weight(diagram, document, qtbot):
    line = diagram.connections[(0, 1, 2)]
    with qtbot.waitSignal(document.selection.parameter_changed) as selected:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=point_on(diagram, line))
    assert selected.args == [ParameterCell(number=0, which="weights", row=1, column=2)]
    assert document.selection.parameter == selected.args[0]
    assert diagram.selected_halo.isVisible()
    assert diagram.selected_halo.line() == line.line()


def test_clicking_a_connection_selects_its_cell_in_the_weights_table(diagram, document, qtbot):
    panel = show(qtbot, ParametersPanel(document), 420, 300)  # short: the second layer's table starts out of view
    for key in [(1, 2, 0), (0, 1, 2)]:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_on(diagram, diagram.connections[key]))
        number, row, column = key
        view = panel.editors[number].weights_view
        current = view.currentIndex()
        assert (current.row(), current.column()) == (row, column)
        assert [(i.row(), i.column()) for i in view.selectionModel().selectedIndexes()] == [(row, column)]
        assert view.viewport().visibleRegion().contains(view.visualRect(current).center())


def test_lines_show_sign_by_colour_and_size_by_thickness(diagram, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.paste_parameters(0, "weights", 0, 0, np.array([[2.0, -1.0, 0.1], [-0.5, 0.0, 1.0]]))
    weights = document.dense(0).weights
    for (number, row, column), line in diagram.connections.items():
        if number != 0 or weights[row, column] == 0:
            continue
        colour = line.pen().color()
        assert (colour.red() > colour.blue()) == (weights[row, column] > 0)
    widths = {key[1:]: line.pen().widthF() for key, line in diagram.connections.items() if key[0] == 0}
    assert widths[(0, 0)] > widths[(1, 2)] == widths[(0, 1)] > widths[(1, 0)] > widths[(0, 2)] > widths[(1, 1)]


def test_a_weight_edit_updates_the_items_in_place(diagram, document, qtbot):
    document.selection.select_sample(250)
    items = [id(item) for item in diagram.scene().items()]
    with qtbot.waitSignal(document.trace_changed):
        document.set_parameter(1, "weights", 0, 1, 3.5)
    assert [id(item) for item in diagram.scene().items()] == items
    assert "= 3.5\n" in diagram.connections[(1, 0, 1)].toolTip()
    trace = engine_trace(document)
    np.testing.assert_allclose(shown_values(diagram, 2), trace.steps[-2].output[250], atol=0.005)


def test_neurons_show_the_selected_samples_values_at_the_current_step(diagram, document, qtbot):
    document.selection.select_sample(123)
    trace = engine_trace(document)
    X, _ = document.data
    np.testing.assert_allclose(shown_values(diagram, 0), X[123], atol=0.005)
    document.selection.select_step(0)  # Dense 1: inputs · weights
    np.testing.assert_allclose(shown_values(diagram, 1), trace.steps[0].output[123], atol=0.005)
    assert shown_values(diagram, 2) == [None, None, None]
    assert diagram.step_band.isVisible()
    assert diagram.step_band.rect().center().x() == pytest.approx(diagram.neurons[1][0].centre.x())
    document.selection.select_step(2)  # ReLU 1
    np.testing.assert_allclose(shown_values(diagram, 1), trace.steps[2].output[123], atol=0.005)
    document.selection.select_step(len(trace.steps) - 1)  # the loss
    np.testing.assert_allclose(shown_values(diagram, 2), trace.output[123], atol=0.005)
    assert "not computed" not in diagram.neurons[2][0].toolTip()


def scene_texts(view):
    return [item.text() for item in view.scene().items() if hasattr(item, "text") and callable(item.text)]


def test_a_wide_layer_shows_the_first_neurons_that_fit_and_how_many_more(diagram, document, qtbot):
    diagram.resize(640, 720)
    with qtbot.waitSignal(document.trace_changed):
        document.set_neurons(0, 64)
    assert [len(items) for items in diagram.neurons] == [2, MAX_SHOWN, 3]
    assert f"+{64 - MAX_SHOWN} more" in scene_texts(diagram)
    assert all(isinstance(line, ConnectionItem) for line in diagram.connections.values())
    assert len(diagram.connections) == 2 * MAX_SHOWN + MAX_SHOWN * 3
    diagram.resize(640, 300)  # a shorter view draws fewer rows rather than smaller circles
    shown = len(diagram.neurons[1])
    assert MIN_ROWS <= shown < MAX_SHOWN
    assert f"+{64 - shown} more" in scene_texts(diagram)
    assert len(diagram.connections) == 2 * shown + shown * min(3, shown)
    np.testing.assert_allclose(shown_values(diagram, 1), engine_trace(document).steps[2].output[0, :shown],
                               atol=0.005)


def on_screen_height(view, text_item):
    """Pixels high that ``text_item``'s text is drawn on screen (its font, times the view's scale)."""
    return QFontMetricsF(text_item.font()).height() * view.transform().m11()


def test_values_stay_readable_in_the_default_dock_size_of_a_wide_lesson(document, qtbot):
    document.replace_state(load(LESSONS / "5-three-layers.json").state)
    view = show(qtbot, NetworkDiagram(document), 376, 245)  # the Network tab at 1280 × 800
    desktop_text = QFontMetricsF(QApplication.font()).height()
    for column in view.neurons:
        for item in column:
            assert on_screen_height(view, item.value_text) >= 0.85 * desktop_text
            assert item.value_text.boundingRect().width() <= item.rect().width()  # inside its circle
    view.resize(376, 700)  # given room, circles and text grow
    assert on_screen_height(view, view.neurons[1][0].value_text) > desktop_text


def test_zooming_enlarges_titles_and_values(diagram, document):
    value_before = diagram.neurons[1][0].value_text.font().pointSizeF()
    title_before = diagram.titles[1].font().pointSizeF()
    font = QFont(diagram.font())
    font.setPointSizeF(font.pointSizeF() + 4)
    diagram.setFont(font)  # what the window does before calling apply_zoom
    diagram.apply_zoom(4)
    assert diagram.neurons[1][0].value_text.font().pointSizeF() > value_before
    assert diagram.titles[1].font().pointSizeF() == title_before + 4
    np.testing.assert_allclose(shown_values(diagram, 2), engine_trace(document).output[0], atol=0.005)


def test_a_stack_that_cannot_run_says_why(diagram, document, qtbot):
    for _ in range(4):
        with qtbot.waitSignal(document.trace_changed):
            document.remove_layer(0)
    assert document.trace is None
    assert diagram.problem_text.toPlainText() == document.why_no_trace.text != ""
    diagram.resize(260, 300)  # the sentence wraps to a narrow view rather than shrinking the drawing
    assert diagram.problem_text.boundingRect().width() <= diagram.viewport().width()
    assert diagram.problem_text.toPlainText() == document.why_no_trace.text
    assert diagram.transform().m11() == 1.0
    assert [len(items) for items in diagram.neurons] == [2]
    assert diagram.connections == {}


def test_a_resize_before_the_new_trace_draws_the_stack_as_it_is_now(diagram, document, qtbot):
    document.remove_layer(2)  # Dense 2 goes; its trace is announced a moment later
    diagram.resize(diagram.width() + 60, diagram.height() + 30)
    qtbot.wait(20)
    assert [column.title.split(" → ")[0] for column in diagram.columns] == ["Inputs", "Dense 1"]


def test_a_cell_chosen_in_a_table_is_the_weight_the_diagram_halos(diagram, document, qtbot):
    panel = show(qtbot, ParametersPanel(document), 420, 600)
    view = panel.editors[1].weights_view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(2, 1)).center())
    assert document.selection.parameter == ParameterCell(1, "weights", 2, 1)
    assert diagram.selected_halo.isVisible()
    assert diagram.selected_halo.line() == diagram.connections[(1, 2, 1)].line()
    biases = panel.editors[0].biases_view
    qtbot.mouseClick(biases.viewport(), Qt.MouseButton.LeftButton,
                     pos=biases.visualRect(biases.model().index(0, 2)).center())
    assert document.selection.parameter == ParameterCell(0, "biases", 0, 2)
    assert not diagram.selected_halo.isVisible()  # a bias has no line


def test_a_diagram_not_yet_drawn_takes_the_selection_when_first_shown(document, qtbot):
    diagram = NetworkDiagram(document)
    qtbot.addWidget(diagram)
    document.selection.select_parameter(ParameterCell(0, "weights", 1, 0))
    show(qtbot, diagram, 640, 420)
    qtbot.waitUntil(lambda: diagram.selected_halo is not None and diagram.selected_halo.isVisible())
    assert diagram.selected_halo.line() == diagram.connections[(0, 1, 0)].line()


def test_a_value_shown_as_zero_has_no_minus_and_one_neuron_is_singular(diagram, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows([[-0.001, 0.5]], [0], "a row just below zero")
    assert diagram.neurons[0][0].value_text.text() == "0.00"  # not "−0.00"
    with qtbot.waitSignal(document.trace_changed):
        document.set_neurons(2, 1)  # Dense 2 keeps one neuron
    titles = [title.text() for title in diagram.titles]
    assert any(title.endswith("\n1 neuron") for title in titles)
    assert not any("1 neurons" in title for title in titles)


def test_connections_can_show_the_gradient_on_each_weight(diagram, document, qtbot):
    network = document.state.network()
    network.backward(*document.data)
    dweights = network.layers[2].dweights
    diagram.by_gradient_action.trigger()  # as from the diagram's context menu
    assert diagram.actions() == [diagram.by_gradient_action, diagram.maps_action]
    for (number, row, column), line in diagram.connections.items():
        if number == 1 and dweights[row, column] != 0:
            colour = line.pen().color()
            assert (colour.red() > colour.blue()) == (dweights[row, column] > 0)
    strongest = np.unravel_index(np.argmax(np.abs(dweights)), dweights.shape)
    widest = max((line.pen().widthF(), key[1:]) for key, line in diagram.connections.items() if key[0] == 1)[1]
    assert widest == tuple(int(i) for i in strongest)
    assert "gradient dL/dw" in diagram.connections[(1, 0, 0)].toolTip()
    diagram.by_gradient_action.trigger()
    assert "gradient" not in diagram.connections[(1, 0, 0)].toolTip()


def test_a_line_clicked_takes_a_typed_weight_as_playground_does(window, qtbot):
    """TensorFlow Playground edits a weight where its line is clicked: here the click puts the
    weight's cell in front, ready for the number typed next."""
    window.docks["Network"].raise_()
    diagram = window.network_diagram
    qtbot.waitUntil(lambda: (0, 1, 2) in diagram.connections)
    line = diagram.connections[(0, 1, 2)]
    assert "type a number" in line.toolTip()
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=point_on(diagram, line))
    for key in "0.5":  # each key to whatever has the focus: the table, then the editor it opens
        qtbot.keyClicks(QApplication.focusWidget(), key)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the delegate commits on its next turn
    qtbot.waitUntil(lambda: window.document.dense(0).weights[1, 2] == 0.5)

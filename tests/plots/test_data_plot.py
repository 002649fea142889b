"""The data plot: the batch as points over the engine's decision regions; clicking selects, and in
hand mode adds or removes points (undoably)."""

import warnings

import numpy as np
import pytest
from drawn import drawn_points
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from shown import show

from nnstudio.document import Batch
from nnstudio.document.messages import Severity
from nnstudio.document.palette import SEVERITY_COLORS, class_color
from nnstudio.engine import Dense, Network, ReLU, Softmax, Tanh, grid_points
from nnstudio.plots.data_plot import GRID_RESOLUTION, UNLABELLED, DataPlot
from nnstudio.plots.neuron_maps import neuron_image, plane_grids
from nnstudio.plots.pyqtgraph_private import tick_font
from nnstudio.plots.regions import (
    COARSE_BUDGET,
    MAX_COARSE,
    MIN_COARSE,
    RegionJobs,
    class_rgb,
    coarse_resolution,
    evaluate,
    region_image,
)

from .conftest import edit_weight


@pytest.fixture
def plot(document, qtbot):
    return show(qtbot, DataPlot(document))


def painted_classes(image, n_classes):
    """The class whose colour each pixel is a tint of: the class colour direction (away from
    white) closest to the pixel's."""
    away = 255.0 - image.reshape(-1, 3).astype(np.float64)
    colours = np.array([class_color(c).getRgb()[:3] for c in range(n_classes)], dtype=np.float64)
    directions = 255.0 - colours
    cosine = (away @ directions.T) / (
        np.linalg.norm(away, axis=1, keepdims=True) * np.linalg.norm(directions, axis=1) + 1e-12
    )
    return cosine.argmax(axis=1)


def image_rect(plot):
    return plot.regions.mapRectToParent(plot.regions.boundingRect())


def engine_grid(plot, document):
    """The engine's outputs at the pixel centres of the region image shown, from its rectangle."""
    rect = image_rect(plot)
    resolution = plot.regions.image.shape[0]
    step_x = rect.width() / resolution
    step_y = rect.height() / resolution
    x_range = (rect.left() + step_x / 2, rect.right() - step_x / 2)
    y_range = (rect.top() + step_y / 2, rect.bottom() - step_y / 2)
    points = grid_points(x_range, y_range, resolution)
    return Network(layer.copy() for layer in document.layers).forward(points)


def assert_regions_are_the_engines(plot, document):
    """Every pixel not on a tie is painted in the colour of the engine's predicted class there."""
    outputs = engine_grid(plot, document)
    painted = painted_classes(plot.regions.image, outputs.shape[1])
    sorted_outputs = np.sort(outputs, axis=1)
    clear = sorted_outputs[:, -1] - sorted_outputs[:, -2] > 1e-3
    assert clear.sum() > len(outputs) // 2
    np.testing.assert_array_equal(painted[clear], outputs.argmax(axis=1)[clear])


def refined(qtbot, plot):
    """Wait, at the end of the block, for the full-resolution regions."""
    return qtbot.waitSignal(plot.regions_refined, timeout=10_000)


def scene_to_viewport(plot, x, y):
    scene_point = plot.view_box.mapViewToScene(QPointF(x, y))
    return plot.plot_widget.mapFromScene(scene_point)


def loneliest_sample(X):
    """The sample farthest from any other, so a click on it cannot hit a neighbour."""
    distances = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=2)
    np.fill_diagonal(distances, np.inf)
    return int(distances.min(axis=1).argmax())


def points_of(plot):
    """Every point the plot draws for the batch, as (x, y, fill colour), class by class."""
    return drawn_points([*plot.class_points.items, plot.unlabelled_points])


def batch_points(X, y):
    """The points of the batch (X, y) as the plot should draw them: each class's in batch order."""
    order = np.argsort(y, kind="stable")
    return [(X[i, 0], X[i, 1], class_color(y[i]).name()) for i in order]


def test_points_are_the_batch_coloured_by_class(plot, document):
    X, y = document.data
    assert points_of(plot) == batch_points(X, y)
    assert len(X) == 300 and len(set(y.tolist())) == 3


def test_regions_follow_a_weight_edit_and_match_the_engine(plot, document, qtbot):
    with refined(qtbot, plot):
        pass
    before = plot.regions.image.copy()
    edit_weight(qtbot, document, 0, 0, 0, 4.0)
    with refined(qtbot, plot):
        edit_weight(qtbot, document, 1, 0, 2, 6.0)
    assert plot.regions.image.shape == (GRID_RESOLUTION, GRID_RESOLUTION, 3)
    assert not np.array_equal(plot.regions.image, before)
    assert_regions_are_the_engines(plot, document)


def test_an_edit_paints_coarse_regions_at_once_over_the_same_area(plot, document, qtbot):
    with refined(qtbot, plot):
        pass
    full_rect = image_rect(plot)
    coarse = coarse_resolution(Network(document.layers))
    assert MIN_COARSE <= coarse <= MAX_COARSE < GRID_RESOLUTION
    with qtbot.waitSignal(plot.regions_shown, check_params_cb=lambda resolution: resolution == coarse):
        edit_weight(qtbot, document, 1, 0, 2, 6.0)
    assert plot.regions.image.shape == (coarse, coarse, 3)
    assert image_rect(plot) == full_rect
    assert_regions_are_the_engines(plot, document)


def test_a_burst_of_edits_refines_once_to_the_final_networks_regions(plot, document, qtbot):
    with refined(qtbot, plot):
        pass
    items = [id(item) for item in plot.plot_item.items]
    image_item = plot.regions
    refinements = []
    plot.regions_refined.connect(lambda: refinements.append(plot.regions.image.shape[0]))
    with refined(qtbot, plot):
        for i, value in enumerate((3.0, -2.0, 5.0, -4.0, 6.0)):
            edit_weight(qtbot, document, i % 2, 0, i % 3, value)
    qtbot.wait(300)  # time for a second refinement, were there one
    assert refinements == [GRID_RESOLUTION]
    assert plot.regions.image.shape == (GRID_RESOLUTION, GRID_RESOLUTION, 3)
    assert_regions_are_the_engines(plot, document)
    assert [id(item) for item in plot.plot_item.items] == items
    assert plot.regions is image_item


def test_regions_are_stronger_where_the_network_is_more_confident(plot, document, qtbot):
    with refined(qtbot, plot):
        edit_weight(qtbot, document, 1, 0, 2, 6.0)
    confidence = engine_grid(plot, document).max(axis=1)
    tint = (255.0 - plot.regions.image.reshape(-1, 3)).sum(axis=1)
    assert tint[confidence.argmax()] > tint[confidence.argmin()]
    assert np.corrcoef(confidence, tint)[0, 1] > 0.9


def test_items_are_made_once_and_fed_on_edits(plot, document, qtbot):
    items = [id(item) for item in plot.plot_item.items]
    image_item, scatters = plot.regions, list(plot.class_points.items)
    edit_weight(qtbot, document, 0, 1, 1, -2.0)
    with qtbot.waitSignal(document.trace_changed):
        document.use_dataset("vertical", 50, 3, 1)
    assert [id(item) for item in plot.plot_item.items] == items
    assert plot.regions is image_item and plot.class_points.items == scatters
    assert points_of(plot) == batch_points(*document.data) and len(document.data[0]) == 150


def test_clicking_a_point_selects_its_sample(plot, document, qtbot):
    X, _ = document.data
    sample = loneliest_sample(X)
    with qtbot.waitSignal(document.selection.sample_changed) as selected:
        qtbot.mouseClick(plot.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                         pos=scene_to_viewport(plot, *X[sample]))
    assert selected.args == [sample]
    assert document.selection.sample == sample
    xs, ys = plot.selection.getData()
    assert (xs[0], ys[0]) == pytest.approx(tuple(X[sample]))


@pytest.fixture
def hand_plot(document, qtbot, plot):
    X = np.array([[-0.5, -0.5], [0.5, 0.5], [0.5, -0.5]])
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(X, np.array([0, 1, 2]), "Type three rows")
    plot.view_box.setRange(xRange=(-1, 1), yRange=(-1, 1), padding=0)
    return plot


def test_class_chooser_shows_only_for_hand_entered_rows_of_two_inputs(plot, hand_plot, document, qtbot):
    assert hand_plot.hand_bar.isVisible()
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(np.array([[1.0, 2.0, 3.0]]), np.array([0]), "Three inputs")
    assert not hand_plot.hand_bar.isVisible()  # a click adds no point there
    with qtbot.waitSignal(document.trace_changed):
        document.set_batch(Batch("spiral"))
    assert not hand_plot.hand_bar.isVisible()


def test_hand_mode_click_adds_a_point_of_the_chosen_class_and_undo_removes_it(hand_plot, document, qtbot):
    hand_plot.class_chooser.setCurrentIndex(2)
    where = scene_to_viewport(hand_plot, -0.4, 0.6)
    with qtbot.waitSignal(document.trace_changed):
        qtbot.mouseClick(hand_plot.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=where)
    X, y = document.data
    assert len(X) == 4 and y[-1] == 2
    assert X[-1] == pytest.approx([-0.4, 0.6], abs=0.02)
    assert points_of(hand_plot) == batch_points(X, y)
    with qtbot.waitSignal(document.trace_changed):
        document.undo_stack.undo()
    assert len(document.data[0]) == 3
    assert points_of(hand_plot) == batch_points(*document.data)


def test_a_click_beside_a_point_beyond_any_view_selects_nothing_and_warns_nothing(plot, document, qtbot):
    # the monkey's row of 1e308: its distance in pixels overflowed, with a numpy warning
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(np.array([[1e308, -1e308]]), np.array([0]), "A far row")
    plot.view_box.setRange(xRange=(-1, 1), yRange=(-1, 1), padding=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert plot._nearest_point(0.0, 0.0) == (0, np.inf)


def test_hand_mode_right_click_removes_the_nearest_point_and_undo_restores_it(hand_plot, document, qtbot):
    near_second = scene_to_viewport(hand_plot, 0.45, 0.4) + QPoint(0, 0)
    with qtbot.waitSignal(document.trace_changed):
        qtbot.mouseClick(hand_plot.plot_widget.viewport(), Qt.MouseButton.RightButton, pos=near_second)
    X, y = document.data
    np.testing.assert_array_equal(X, [[-0.5, -0.5], [0.5, -0.5]])
    np.testing.assert_array_equal(y, [0, 2])
    with qtbot.waitSignal(document.trace_changed):
        document.undo_stack.undo()
    assert len(document.data[0]) == 3


def test_a_click_on_rows_a_lesson_gives_adds_no_point(plot, document, qtbot):
    given = Batch("hand", hand_X=np.array([[-0.5, -0.5], [0.5, 0.5]]), hand_y=np.array([0, 1]), origin="given rows")
    with qtbot.waitSignal(document.trace_changed):
        document.replace_state(document.state.replace(batch=given))
    assert not plot.hand_bar.isVisible()
    plot.view_box.setRange(xRange=(-1, 1), yRange=(-1, 1), padding=0)
    for button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
        qtbot.mouseClick(plot.plot_widget.viewport(), button, pos=scene_to_viewport(plot, -0.4, 0.6))
    assert document.undo_stack.count() == 0 and len(document.data[0]) == 2


def test_a_click_outside_hand_mode_on_empty_space_changes_nothing(plot, document, qtbot):
    plot.view_box.setRange(xRange=(2, 3), yRange=(2, 3), padding=0)
    qtbot.mouseClick(plot.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=scene_to_viewport(plot, 2.5, 2.5))
    assert document.undo_stack.count() == 0
    assert document.selection.sample == 0


def test_a_stack_that_cannot_run_shows_why_and_hides_the_regions(plot, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(np.zeros((0, 2)), np.zeros(0, dtype=np.int64), "Clear the rows")
    assert document.trace is None
    assert plot.notice.text == document.why_no_trace.text != ""
    assert plot.notice.item.color == SEVERITY_COLORS[Severity.ERROR]
    assert not plot.regions.isVisible()
    assert points_of(plot) == []
    where = scene_to_viewport(plot, 0.1, 0.2)
    with qtbot.waitSignals([document.trace_changed, plot.regions_shown]):
        qtbot.mouseClick(plot.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert document.trace is not None
    assert plot.notice.text == ""
    assert plot.regions.isVisible()


def test_bigger_networks_get_coarser_in_frame_images_within_bounds():
    def network(*widths):
        layers = []
        for n_inputs, n_neurons in zip(widths, widths[1:], strict=False):
            layers += [Dense(n_inputs, n_neurons), ReLU()]
        return Network(layers[:-1])

    small, wide, deep = network(2, 3, 3), network(2, 64, 3), network(2, 64, 64, 64, 3)
    resolutions = [coarse_resolution(n) for n in (small, wide, deep)]
    assert resolutions == sorted(resolutions, reverse=True)
    assert resolutions[0] == MAX_COARSE and resolutions[-1] == MIN_COARSE


def test_axes_number_the_inputs_from_0_as_the_tables_do(plot):
    assert plot.plot_item.getAxis("bottom").labelText == "x₀ (input 0)"
    assert plot.plot_item.getAxis("left").labelText == "x₁ (input 1)"


def test_the_hand_mode_hint_wraps_in_a_narrow_zoomed_panel(hand_plot, qtbot):
    font = hand_plot.font()
    font.setPointSizeF(font.pointSizeF() + 6)  # as View → Zoom in does, three times
    hand_plot.setFont(font)
    assert hand_plot.minimumSizeHint().width() <= 360
    hand_plot.resize(360, 480)
    qtbot.waitUntil(lambda: hand_plot.hand_hint.width() < hand_plot.hand_hint.sizeHint().width())
    hint = hand_plot.hand_hint
    assert hint.height() >= hint.heightForWidth(hint.width())  # every wrapped line shown
    assert hint.geometry().right() <= hand_plot.hand_bar.width()


def test_zoom_enlarges_the_tick_and_axis_label_fonts(plot):
    before = tick_font(plot.plot_item.getAxis("bottom")).pointSizeF()
    plot.apply_zoom(4)
    assert plot.plot_item.getAxis("bottom").style["tickFont"].pointSizeF() == before + 4
    assert plot.plot_item.getAxis("left").labelStyle["font-size"] == f"{before + 4:g}pt"


def test_a_hand_batch_is_shown_at_the_spirals_scale_and_stays_put_while_points_are_added(plot, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(np.zeros((1, 2)), [0], "One row of zeros")  # as the Source box starts it
    (x_low, x_high), (y_low, y_high) = plot.view_box.viewRange()
    assert x_low <= -1 and x_high >= 1 and y_low <= -1 and y_high >= 1
    before = plot.view_box.viewRange()
    with qtbot.waitSignal(document.trace_changed):
        qtbot.mouseClick(plot.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=scene_to_viewport(plot, 0.8, 0.7))
    assert len(document.data[1]) == 2
    assert plot.view_box.viewRange() == before, "the plot did not move under the pointer"
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(np.vstack([document.data[0], [[3.0, 0.0]]]), [0, 0, 1], "A point far out")
    assert plot.view_box.viewRange()[0][1] >= 3.0, "grown to show a point outside"


def test_hand_rows_near_the_largest_float_keep_axes_that_can_be_drawn(plot, document, qtbot):
    with qtbot.waitSignal(document.trace_changed):
        document.set_hand_rows(np.array([[1e308, -1e308], [0.0, 0.0]]), [0, 1], "Two far rows")
    plot.grab()
    for low, high in plot.view_box.viewRange():
        assert np.isfinite(high - low)


def test_region_colours_for_fewer_classes_than_the_outputs_are_extended():
    outputs = np.zeros((2, 2, 3))
    outputs[..., 2] = 1.0  # every pixel predicts class 2
    image = region_image(outputs, class_rgb(1))
    assert image.shape == (2, 2, 3)
    assert np.array_equal(image[0, 0], region_image(outputs, class_rgb(3))[0, 0])


def test_a_grid_the_network_overflows_on_is_reported_without_an_image(qtbot):
    layer = Dense(2, 2)
    layer.weights = np.full((2, 2), 1e30, dtype=np.float32)
    layer.biases = np.zeros((1, 2), dtype=np.float32)
    points = np.full((4, 2), 1e30, dtype=np.float32)  # 1e30 × 1e30 is past float32's largest value
    jobs = RegionJobs()
    with qtbot.waitSignal(jobs.finished, timeout=10_000) as finished:
        number = jobs.request(Network([layer]), points, 2, class_rgb(2))
    assert finished.args == [number, 2] and jobs.take_image(number) is None


def network_of(*widths):
    layers = [Dense(a, b) for a, b in zip(widths, widths[1:], strict=False)]
    for layer in layers:
        layer.weights = np.ones_like(layer.weights)
    return Network(layers)


def test_a_region_job_within_the_budget_is_painted_before_the_request_returns(qtbot):
    """A thread would deliver it only after the rest of the change's work, the plot waiting for it;
    beyond COARSE_BUDGET it is painted on a thread, the window answering meanwhile."""
    points = grid_points((-1.0, 1.0), (-1.0, 1.0), 20)  # 400 points
    cheap, costly = network_of(2, 64, 3), network_of(2, 64, 64, 3)  # 320 and 4 416 multiply-adds a point
    assert 400 * 320 <= COARSE_BUDGET < 400 * 4416
    jobs = RegionJobs()
    finished = []
    jobs.finished.connect(lambda number, resolution: finished.append((number, resolution)))
    number = jobs.request(cheap, points, 20, class_rgb(3))
    assert finished == [(number, 20)]
    assert np.array_equal(jobs.take_image(number), region_image(evaluate(cheap, points, 20), class_rgb(3)))
    number = jobs.request(costly, points, 20, class_rgb(3))
    assert len(finished) == 1  # not yet
    with qtbot.waitSignal(jobs.finished, timeout=10_000):
        pass
    assert finished[1] == (number, 20)
    assert np.array_equal(jobs.take_image(number), region_image(evaluate(costly, points, 20), class_rgb(3)))


def test_an_edit_paints_a_small_networks_coarse_regions_before_the_views_have_its_trace(plot, document, qtbot):
    with refined(qtbot, plot):
        pass
    coarse = coarse_resolution(Network(document.layers))
    edit_weight(qtbot, document, 1, 0, 2, 6.0)  # returns as the trace is delivered, no event handled since
    assert plot.regions.image.shape == (coarse, coarse, 3)
    assert_regions_are_the_engines(plot, document)


def test_a_region_job_signals_from_its_thread_with_numbers_only():
    """A Python object queued from a pool thread is copied inside Qt's connection lock, taking the
    interpreter lock there: a deadlock (seen in CI) with a GUI thread holding it and waiting."""
    jobs = RegionJobs()
    signature = jobs.metaObject().method(jobs.metaObject().indexOfSignal("finished(int,int)"))
    assert signature.isValid() and [bytes(t).decode() for t in signature.parameterTypes()] == ["int", "int"]


def test_a_batch_edit_starts_one_region_job_on_the_new_batch(plot, document, qtbot, monkeypatch):
    with refined(qtbot, plot):
        pass
    started = []
    request = plot._jobs.request

    def counted_request(network, points, resolution, colours, discrete):
        started.append((resolution, document.trace.output.shape))
        return request(network, points, resolution, colours, discrete)

    monkeypatch.setattr(plot._jobs, "request", counted_request)
    with qtbot.waitSignal(document.trace_changed):
        assert document.use_dataset("vertical", 40, 3, 7)
    assert started == [(coarse_resolution(Network(document.layers)), (120, 3))]


def test_discretized_regions_take_each_class_colour_at_one_strength():
    from nnstudio.plots.regions import MAX_TINT

    outputs = np.array([[[0.9, 0.1], [0.55, 0.45]]])  # both predict class 0, one surely, one barely
    toned = region_image(outputs, class_rgb(2))
    flat = region_image(outputs, class_rgb(2), discrete=True)
    assert not np.array_equal(toned[0, 0], toned[0, 1])
    assert np.array_equal(flat[0, 0], flat[0, 1])
    expected = (255 - (255 - class_rgb(2)[0]) * np.float32(MAX_TINT)).astype(np.uint8)
    assert np.array_equal(flat[0, 0], expected)


def test_the_view_menu_discretizes_the_regions_and_hides_the_test_data(qtbot, window):
    plot, document = window.data_plot, window.document
    with qtbot.waitSignal(document.trace_changed):
        document.set_test(document.state.test.__class__("held_out", 1, share=20))
    test_X, test_y = document.held_out
    rings = [(x, y, item.opts["pen"].color().name()) for item in plot.held_out_points.items
             for x, y in zip(*item.getData(), strict=True)]
    assert rings == [(test_X[i, 0], test_X[i, 1], class_color(test_y[i]).name())
                     for i in np.argsort(test_y, kind="stable")]
    assert len(rings) == 60
    assert {p.brush().color().name() for p in plot.held_out_points.items[0].points()} == {"#ffffff"}  # hollow
    view = {action.text().replace("&", ""): action for action in window.view_menu.actions()}
    with qtbot.waitSignal(plot.regions_refined, timeout=5000):
        view["Discretize the decision regions"].trigger()
    image = plot.regions.image
    shades = {tuple(pixel) for pixel in image.reshape(-1, 3)}
    assert len(shades) <= document.trace.output.shape[1]  # one shade a class
    assert all(item.isVisible() for item in plot.held_out_points.items)
    view["Show the test data"].trigger()
    with qtbot.waitSignal(document.trace_changed):
        document.set_batch(Batch("spiral", 100, 5, 0))  # two more classes: their rings are hidden too
    assert len(plot.held_out_points.items) == 5
    assert not any(item.isVisible() for item in plot.held_out_points.items)


def legend_labels(plot):
    return [label.text for _sample, label in plot.legend.items]


def test_the_legend_names_each_class_colour_and_the_test_data(plot, document, qtbot):
    assert legend_labels(plot) == ["class 0", "class 1", "class 2"]
    samples = [sample.item for sample, _label in plot.legend.items]
    assert [s.opts["brush"].color().name() for s in samples] == [class_color(c).name() for c in range(3)]
    with qtbot.waitSignal(document.trace_changed):
        document.set_test(document.state.test.__class__("held_out", 1, share=20))
    assert legend_labels(plot) == ["class 0", "class 1", "class 2", "test data"]
    with qtbot.waitSignal(document.trace_changed):
        document.set_batch(Batch("spiral", 5, 12, 0))
    assert legend_labels(plot)[-2:] == ["+2 more classes", "test data"]
    plot.legend_action.trigger()
    assert not plot.legend.isVisible()


def test_a_click_on_the_legend_adds_no_point(hand_plot, document, qtbot):
    corner = hand_plot.legend.sceneBoundingRect().center()
    where = hand_plot.plot_widget.mapFromScene(corner)
    qtbot.mouseClick(hand_plot.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert len(document.data[0]) == 3


def test_a_single_output_that_is_no_probability_is_put_through_a_sigmoid_without_a_warning():
    import warnings

    outputs = np.array([[[-1000.0], [3.0]]])  # a Dense(…, 1) with no Sigmoid after it
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        image = region_image(outputs, class_rgb(2))
    assert np.array_equal(image[0, 0], region_image(np.array([[[0.0]]]), class_rgb(2))[0, 0])  # surely class 0
    assert painted_classes(image, 2).tolist() == [0, 1]


def test_the_points_follow_other_seeds_counts_and_classes_each_in_its_class_colour(plot, document, qtbot):
    unlabelled = Batch("hand", hand_X=np.array([[0.1, 0.2], [0.3, -0.4]]), hand_y=np.zeros(2, dtype=np.int64),
                       labelled=False)
    for batch in (Batch("spiral", 100, 3, 1), Batch("spiral", 40, 5, 1), Batch("vertical", 40, 5, 7),
                  Batch("spiral", 10, 2, 7), unlabelled, Batch("spiral", 10, 2, 7)):
        with qtbot.waitSignal(document.trace_changed):
            document.set_batch(batch)
        X, y = document.data
        grey = QColor(*UNLABELLED).name()
        expected = batch_points(X, y) if batch.has_labels else [(a, b, grey) for a, b in X]
        assert points_of(plot) == expected


def test_a_neuron_map_through_wide_layers_is_coarser_and_still_the_engines(plot, document, qtbot):
    wide = [Dense(2, 333), ReLU(), Dense(333, 512), Tanh(), Dense(512, 3), Softmax()]
    with qtbot.waitSignal(document.trace_changed):
        document.replace_state(document.state.replace(layers=tuple(wide)))
    for index, neuron, resolution in ((1, 7, 100), (3, 5, 30)):  # ReLU 1 after 666 weights; Tanh 1 after 171 162
        plot.show_neuron_map((index, neuron))
        grids = plane_grids(document.layers, plot.plane_rect, resolution)  # every layer, the later ones unused
        assert np.array_equal(plot.neuron_map.image, neuron_image(grids, document.layers, index, neuron))
        assert plot.neuron_map.image.shape == (resolution, resolution, 3)

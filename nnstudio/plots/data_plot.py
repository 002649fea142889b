"""The batch as a scatter coloured by class, over the network's decision regions.

For a network that takes two inputs, a grid over the data is run through the engine and painted
behind the points: each pixel in the colour of the predicted class, stronger where the network
is more confident. Clicking a point selects that sample; with a hand-entered batch, a click on
empty space adds a point of the chosen class and a right-click removes the nearest one.
"""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QComboBox, QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnstudio.document.messages import error
from nnstudio.document.palette import class_color
from nnstudio.engine import layer_name
from nnstudio.engine.arithmetic_text import counted

from .class_scatters import ClassScatters
from .fast_image import FastImageItem
from .neuron_maps import neuron_image, plane_grids
from .notice import Notice
from .pyqtgraph_private import place_points
from .regions import RegionGrid, RegionJobs, affordable_resolution, class_rgb, coarse_resolution
from .steady_bounds import SteadyScatter
from .styling import plain_axes, point_edge, tickable, zoom_axes, zoomed_font

GRID_RESOLUTION = 200  # pixels a side of the region image once refined
# A neuron's map is computed at once, on the GUI thread: NEURON_MAP_RESOLUTION pixels a side, fewer
# (down to MIN_NEURON_MAP) where that would take more multiply-adds than 100 × 100 points through a
# 2-64-64-3 network (2-333-512 layers took 0.5 s at 100 a side)
NEURON_MAP_RESOLUTION, MIN_NEURON_MAP = 100, 30
NEURON_MAP_BUDGET = 45_000_000
REFINE_DELAY_MS = 80  # after the last edit of a burst, the full-resolution image is computed
MARGIN = 0.15  # of the data's span, on every side of the region grid
HAND_SPAN = (-1.0, 1.0)  # each axis of a hand-entered batch shows at least this, as the spiral does
PICK_RADIUS = 8  # pixels: a click this close to a point selects it
LEGEND_CLASSES = 10  # classes the legend names; more are counted
UNLABELLED = (170, 170, 170)  # the points of rows that carry no class label

CLICK_NEEDS_TWO_INPUTS = error("The hand-entered rows have {inputs}; points can only be added by clicking"
                               " when there are 2 — the rows are kept as they are.")


def neuron_map_resolution(layers):
    """Pixels a side of a map through ``layers``: as many as NEURON_MAP_BUDGET pays for, within
    MIN_NEURON_MAP…NEURON_MAP_RESOLUTION."""
    return affordable_resolution(layers, NEURON_MAP_BUDGET, MIN_NEURON_MAP, NEURON_MAP_RESOLUTION)


def padded_range(values):
    """The span of ``values`` with a margin on both sides (a unit square around 0 when empty)."""
    if len(values) == 0:
        return (-1.0, 1.0)
    low, high = tickable(float(np.min(values)), float(np.max(values)))
    pad = max(high - low, 0.2) * MARGIN
    return (low - pad, high + pad)


def spanning(first, second):
    """The smallest range holding both ranges."""
    return (min(first[0], second[0]), max(first[1], second[1]))


def region_rect(x_range, y_range):
    """The rectangle of the region image: GRID_RESOLUTION pixels a side whose outer pixel centres lie
    on the ends of the ranges."""
    step_x = (x_range[1] - x_range[0]) / (GRID_RESOLUTION - 1)
    step_y = (y_range[1] - y_range[0]) / (GRID_RESOLUTION - 1)
    return QRectF(x_range[0] - step_x / 2, y_range[0] - step_y / 2, GRID_RESOLUTION * step_x, GRID_RESOLUTION * step_y)


class DataPlot(QWidget):
    """The regions are painted in two passes on every change: at once, coarsely
    (``coarse_resolution`` pixels a side, fewer for bigger networks; on a pool thread while the GUI
    thread updates the other panels when even that is costly), so an edit reaches the screen within
    a frame; then, REFINE_DELAY_MS after the last change of a burst, GRID_RESOLUTION a side on a
    pool thread."""

    regions_shown = Signal(int)  # regions of the current network are shown, this many pixels a side
    regions_refined = Signal()  # ... at full resolution

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        # no menu (the right button removes points in hand mode), nor one built to be thrown away
        self.plot_widget = pg.PlotWidget(background="w", enableMenu=False)
        self.plot_item = self.plot_widget.getPlotItem()
        # numbered from 0, as the batch table's columns and the weight tables' rows
        self.plot_item.setLabel("bottom", "x₀ (input 0)")
        self.plot_item.setLabel("left", "x₁ (input 1)")
        plain_axes(self.plot_item)
        self.view_box = self.plot_item.getViewBox()
        self.view_box.setAspectLocked(True)
        self.view_box.disableAutoRange()  # set to the region rectangle when the batch changes, not per edit

        self.regions = FastImageItem(axisOrder="row-major")
        self.regions.setZValue(-10)
        # One neuron's map over the plane, in place of the regions while the diagram asks for it
        self.neuron_map = FastImageItem(axisOrder="row-major")
        self.neuron_map.setZValue(-9)
        self.neuron_map.setVisible(False)
        self.neuron_caption = pg.TextItem(anchor=(0, 0), color=(40, 40, 40), fill=pg.mkBrush(255, 255, 255, 210))
        self.neuron_caption.setVisible(False)
        self.neuron_caption.setZValue(2)  # over the points
        self._neuron = None  # (stack index, neuron) whose map is shown, or None
        for item in (self.regions, self.neuron_map):
            self.plot_item.addItem(item)
        edge = point_edge()
        self.class_points = ClassScatters(self.plot_item, lambda c: _cached(pg.mkBrush(class_color(c)), edge))
        self.unlabelled_points = _cached(pg.mkBrush(UNLABELLED), edge)
        # Rows held out as test data: hollow, ringed in their class's colour (as Playground draws them)
        self.held_out_points = ClassScatters(
            self.plot_item, lambda c: _cached(pg.mkBrush("w"), pg.mkPen(class_color(c), width=1.6), z=-1))
        self.selection = _cached(pg.mkBrush(None), pg.mkPen("k", width=2.5), size=18, z=1)
        for item in (self.unlabelled_points, self.selection):
            self.plot_item.addItem(item)
        self.plot_item.addItem(self.neuron_caption, ignoreBounds=True)
        self.notice = Notice(self.view_box)

        self.class_chooser = QComboBox()
        self.class_chooser.setToolTip("The class of the points a click adds")
        self.hand_bar = QWidget()
        # the hint wraps beside the chooser rather than widening the panel (at a zoom, in a narrow dock)
        self.hand_hint = QLabel("— click to add, right-click to remove the nearest.", wordWrap=True)
        bar = QHBoxLayout(self.hand_bar)
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel("Add points of"))
        bar.addWidget(self.class_chooser)
        bar.addWidget(self.hand_hint, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.hand_bar)
        self.picture_widget = self.plot_widget  # File ▸ Export picture leaves out the row of controls

        self._shown_X = None  # the X the scatters show, to skip re-setting them when only weights change
        self._rect = region_rect(HAND_SPAN, HAND_SPAN)
        self._hand_ranges = None  # the ranges a hand-entered batch is shown over, kept between clicks
        self._grid = RegionGrid(self._rect)
        self._colours = class_rgb(0)
        self._refine_timer = QTimer(self, singleShot=True, interval=REFINE_DELAY_MS)
        self._refine_timer.timeout.connect(self._refine_regions)
        self._jobs = RegionJobs()
        self._jobs.finished.connect(self._on_regions_computed)
        # TensorFlow Playground's two checkboxes under its data: the View menu holds them
        self.discrete_action = QAction("&Discretize the decision regions", self, checkable=True)
        self.discrete_action.setStatusTip("Colour each region by its predicted class alone, not by how sure the"
                                          " network is of it")
        self.discrete_action.toggled.connect(lambda _on: self._show_coarse_regions())
        self.test_data_action = QAction("Show the &test data", self, checkable=True, checked=True)
        self.test_data_action.setStatusTip("Draw the rows held out as test data (hollow points) over the regions")
        self.test_data_action.toggled.connect(self.held_out_points.set_visible)
        # Which colour is which class, for a class and for a picture on a slide
        self.legend = pg.LegendItem(offset=(6, 6), brush=pg.mkBrush(255, 255, 255, 215),
                                    pen=pg.mkPen(160, 160, 160), labelTextColor=(30, 30, 30))
        self.legend.setParentItem(self.view_box)
        self._legend_shown = None  # what the legend lists: rebuilt only when that changes
        self.legend_action = QAction("Show the class &legend", self, checkable=True, checked=True)
        self.legend_action.setStatusTip("Name each class's colour in a corner of the data plot")
        self.legend_action.toggled.connect(lambda _on: self._show_legend(again=True))
        self.plot_widget.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        document.trace_changed.connect(self._on_trace_changed)  # a new batch too: one region job per change
        document.state_replaced.connect(self._forget_hand_ranges)  # a new project or lesson starts afresh
        document.selection.sample_changed.connect(self._on_sample_changed)
        self._on_trace_changed()

    def apply_zoom(self, points):
        """Ticks, axis labels, the legend and the notice ``points`` larger than the desktop's text
        (the row under the plot follows the panel's font by itself)."""
        font = zoomed_font(points)
        zoom_axes(self.plot_item, font)
        self.notice.set_font(font)
        self.legend.setLabelTextSize(f"{font.pointSizeF():g}pt")
        self._legend_shown = None
        self._show_legend()

    def changeEvent(self, event):
        # The window zooms its central area by its font: the lesson caption wraps this plot in a
        # holder of its own, so the window's apply_zoom call goes to the holder, not here.
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.apply_zoom(self.font().pointSizeF() - QApplication.font().pointSizeF())

    # ----- showing the document ----------------------------------------------------------------
    def _on_trace_changed(self):
        X, y = self.document.data
        if X is not self._shown_X:
            self._show_points(X, y)
            self._on_sample_changed(self.document.selection.sample)
        self._show_coarse_regions()
        self._show_neuron_map()
        self._show_class_chooser()
        self.notice.show(self.document.why_no_trace)

    def _show_points(self, X, y):
        self._shown_X = X
        xs, ys = _plane(X)
        if self.document.state.batch.has_labels:
            self.class_points.show(xs, ys, y)
            place_points(self.unlabelled_points, xs[:0], ys[:0])
        else:  # rows without labels have no class colour
            self.class_points.clear()
            place_points(self.unlabelled_points, xs, ys)
        held_out = self.document.held_out
        if held_out is not None:
            test_xs, test_ys = _plane(held_out[0])
            self.held_out_points.show(test_xs, test_ys, held_out[1])
            xs, ys = np.concatenate([xs, test_xs]), np.concatenate([ys, test_ys])
        else:
            self.held_out_points.clear()
        self._show_legend()
        ranges = padded_range(xs), padded_range(ys)
        if self.document.state.batch.editable:
            # A steady area to click points into: the spiral's scale at least, grown (never shrunk
            # or moved) when a point lands outside it, so the plot does not jump under the pointer.
            kept = self._hand_ranges or (HAND_SPAN, HAND_SPAN)
            ranges = tuple(spanning(*pair) for pair in zip(kept, ranges, strict=True))
            self._hand_ranges = ranges
        else:
            self._hand_ranges = None
        self._rect = region_rect(*ranges)
        self.view_box.setRange(self._rect, padding=0)

    def _show_legend(self, again=False):
        """One entry per class of the batch (its first LEGEND_CLASSES), and the test data's look;
        hidden when the rows carry no labels or the View menu says so."""
        _, y = self.document.data
        classes = _classes_in(y) if self.document.state.batch.has_labels else []  # no labels, no classes
        listed = (classes[:LEGEND_CLASSES], len(classes), self.document.held_out is not None)
        if listed == self._legend_shown and not again:
            return
        self._legend_shown = listed
        self.legend.clear()
        edge = point_edge()
        for c in classes[:LEGEND_CLASSES]:
            self.legend.addItem(pg.ScatterPlotItem(size=8, pen=edge, brush=pg.mkBrush(class_color(c))), f"class {c}")
        if len(classes) > LEGEND_CLASSES:
            more = len(classes) - LEGEND_CLASSES
            self.legend.addItem(pg.ScatterPlotItem(pen=None, brush=None), f"+{more} more class{'es' * (more > 1)}")
        self.legend.setVisible(self.legend_action.isChecked() and bool(classes))
        if self.document.held_out is not None:
            self.legend.addItem(pg.ScatterPlotItem(size=8, pen=pg.mkPen(90, 90, 90, width=1.6), brush=pg.mkBrush("w")),
                                "test data")

    @property
    def plane_rect(self):
        """The rectangle of the input plane the regions cover (the neuron maps cover the same)."""
        return QRectF(self._rect)

    def show_neuron_map(self, key):
        """Show what neuron ``key`` ((stack index, neuron); -1 for an input) computes over the plane
        in place of the decision regions; None shows the regions again."""
        self._neuron = key
        self._show_neuron_map()

    def _show_neuron_map(self):
        image = self._neuron_image()
        self.neuron_map.setVisible(image is not None)
        self.neuron_caption.setVisible(image is not None)
        if image is None:
            return
        self.neuron_map.setImage(image, levels=(0, 255), rect=self._rect)
        index, neuron = self._neuron
        layers = self.document.layers
        name = f"input x{'₀₁'[neuron]}" if index < 0 else f"{layer_name(layers, index)}, neuron {neuron}"
        self.neuron_caption.setText(f"{name} over the plane")
        self.neuron_caption.setPos(self._rect.left(), self._rect.bottom())

    def _neuron_image(self):
        """The map of the neuron asked for, or None (none asked for, or none to draw)."""
        if self._neuron is None or self.document.trace is None or self.document.data[0].shape[1] != 2:
            return None
        index, neuron = self._neuron
        layers = self.document.layers
        up_to = layers[: max(index, 0) + 1]  # the layers after the neuron's do not change its map
        try:
            grids = plane_grids(up_to, self._rect, neuron_map_resolution(up_to))
        except ValueError:
            return None
        if index not in grids or neuron >= grids[index].shape[2]:  # the stack changed under the pointer
            return None
        return neuron_image(grids, layers, index, neuron)

    def _forget_hand_ranges(self):
        self._hand_ranges = None

    def _region_network(self):
        """A copy of the network to paint regions with, or None when there are none to paint."""
        if self.document.trace is None or self.document.data[0].shape[1] != 2:
            return None
        network = self.document.state.network()
        if not self._grid.fits(self._rect, network.dtype):
            self._grid = RegionGrid(self._rect, network.dtype)
        n_classes = self.document.trace.output.shape[1]
        if len(self._colours) != n_classes:
            self._colours = class_rgb(n_classes)
        return network

    def _show_coarse_regions(self):
        network = self._region_network()
        if network is None:
            self._jobs.cancel()  # whatever it is computing is for an older network
            self._hide_regions()
            return
        resolution = coarse_resolution(network)
        self._jobs.request(network, self._grid.points(resolution), resolution, self._colours,
                           self.discrete_action.isChecked())
        self._refine_timer.start()

    def _refine_regions(self):
        network = self._region_network()
        if network is not None:
            points = self._grid.points(GRID_RESOLUTION)
            self._jobs.request(network, points, GRID_RESOLUTION, self._colours, self.discrete_action.isChecked())

    def _on_regions_computed(self, number, resolution):
        image = self._jobs.take_image(number)
        if not self._jobs.is_latest(number):
            return
        if image is None:  # a grid point so far out that the network overflows there
            if resolution != GRID_RESOLUTION:  # a failed refinement keeps the coarse image
                self._hide_regions()
            return
        # the rect is set with every image: the item scales its pixels to it by the image's size
        self.regions.setImage(image, levels=(0, 255), rect=self._grid.rect)
        self.regions.setVisible(True)
        self.regions_shown.emit(resolution)
        if resolution == GRID_RESOLUTION:
            self.regions_refined.emit()

    def _hide_regions(self):
        self._refine_timer.stop()
        self.regions.setVisible(False)

    def _on_sample_changed(self, sample):
        X, _ = self.document.data
        if 0 <= sample < len(X):
            xs, ys = _plane(X[sample : sample + 1])
            self.selection.setData(x=xs, y=ys)
        else:
            self.selection.setData(x=[], y=[])

    def _show_class_chooser(self):
        batch = self.document.state.batch
        X, y = self.document.data
        self.hand_bar.setVisible(batch.editable and X.shape[1] == 2)  # only where a click adds a point
        trace = self.document.trace
        count = max(trace.output.shape[1] if trace is not None else 0, batch.classes,
                    int(y.max()) + 1 if len(y) else 0)
        if self.class_chooser.count() != count:
            chosen = max(0, self.class_chooser.currentIndex())
            self.class_chooser.clear()
            for c in range(count):
                self.class_chooser.addItem(_swatch(c), f"class {c}")
            self.class_chooser.setCurrentIndex(min(chosen, count - 1))

    # ----- clicking ----------------------------------------------------------------------------
    def _on_mouse_clicked(self, event):
        if not self.view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        if self.legend.isVisible() and self.legend.sceneBoundingRect().contains(event.scenePos()):
            return  # a click on the legend adds no point under it
        where = self.view_box.mapSceneToView(event.scenePos())
        nearest, pixels = self._nearest_point(where.x(), where.y())
        hand = self.document.state.batch.editable  # a lesson's given rows take no stray click
        if event.button() == Qt.MouseButton.LeftButton:
            if nearest is not None and pixels <= PICK_RADIUS:
                self.document.selection.select_sample(nearest)
            elif hand:
                self._add_point(where.x(), where.y())
        elif event.button() == Qt.MouseButton.RightButton and hand and nearest is not None:
            self._remove_point(nearest)

    def _nearest_point(self, x, y):
        """The index of the point nearest (x, y) on screen, and its distance in pixels."""
        X, _ = self.document.data
        if len(X) == 0:
            return None, np.inf
        xs, ys = _plane(X)
        pixel = self.view_box.viewPixelSize()
        if not (pixel[0] > 0 and pixel[1] > 0):  # a view of no size: no point is near anything on it
            return None, np.inf
        with np.errstate(over="ignore"):  # a point of 1e308 is infinitely far from the click: not picked
            distances = np.hypot((xs - x) / pixel[0], (ys - y) / pixel[1])
        index = int(np.argmin(distances))
        return index, float(distances[index])

    def _add_point(self, x, y):
        batch = self.document.state.batch
        if batch.hand_X.shape[1] != 2:
            self.document.post(CLICK_NEEDS_TWO_INPUTS(inputs=counted(batch.hand_X.shape[1], "input")))
            return
        label = max(0, self.class_chooser.currentIndex())
        X = np.vstack([batch.hand_X, [[x, y]]])
        y_new = np.append(batch.hand_y, label)
        self.document.set_hand_rows(X, y_new, f"Add a class {label} point at ({x:.2f}, {y:.2f})")

    def _remove_point(self, index):
        batch = self.document.state.batch
        X = np.delete(batch.hand_X, index, axis=0)
        y = np.delete(batch.hand_y, index)
        self.document.set_hand_rows(X, y, f"Remove point {index} (class {batch.hand_y[index]})", labels_given=False)


def _classes_in(labels):
    """The distinct class labels, ascending (np.unique would import numpy.ma: 20 ms at start)."""
    return np.flatnonzero(np.bincount(np.asarray(labels, dtype=np.intp))).tolist()


def _cached(brush, pen, size=8, z=0):
    """A scatter drawn from a pixmap: the points change with the batch and the chosen sample
    only, while the regions under them change on every edit."""
    item = SteadyScatter(size=size, pen=pen, brush=brush)
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    item.setZValue(z)
    return item


def _plane(X):
    """The first two columns of X as plot coordinates (a 1-input batch is drawn on the x axis)."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] == 0:
        return np.zeros(len(X)), np.zeros(len(X))
    return X[:, 0], (X[:, 1] if X.shape[1] > 1 else np.zeros(len(X)))


def _swatch(c):
    """A small square of class ``c``'s colour, for the class chooser."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(class_color(c))
    return QIcon(pixmap)

"""The main window: one dock per panel around the document, menus with shortcuts, settings."""

from functools import partial

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QLabel, QMainWindow, QMenu, QStyle, QTabBar

from nnstudio.document import Document
from nnstudio.widgets.export_actions import install_export_actions
from nnstudio.widgets.file_actions import install_file_actions
from nnstudio.widgets.help_menu import install_help_menu
from nnstudio.widgets.late_panel import LatePanel
from nnstudio.widgets.layer_stack import LayerStackPanel
from nnstudio.widgets.lessons import install_caption_banner
from nnstudio.widgets.loss_summary import LossSummary
from nnstudio.widgets.message_line import MessageLine
from nnstudio.widgets.train_actions import TrainActions

TITLE = "NN Studio"
LAYOUT_VERSION = 5  # bump when the docks change so an old saved layout is not applied
NUMERICS_CHOICES = (("float64", "float64"), ("nnfs", "float32 (nnfs, as the book)"))
ZOOM_STEP = 2  # points per Zoom in / Zoom out
ZOOM_RANGE = (-2, 12)  # from a little smaller than the desktop's text to a projector's
PRESENTATION_ZOOM = 6  # points added to the text in presentation mode, at least
SQUEEZED = 100  # pixels: a panel on screen narrower or lower than this is squeezed, its layout not kept


class MainWindow(QMainWindow):
    def __init__(self, document=None, parent=None):
        super().__init__(parent)
        self.document = document if document is not None else Document(parent=self)
        self.setWindowTitle(TITLE)
        self.setObjectName("MainWindow")
        self.docks = {}
        self._late_panels = {}  # dock title → LatePanel, for the docks whose panel is built when first shown
        self._zoom = 0
        self._before_presenting = None  # (full screen, maximized, zoom, banner shown) while presenting
        self._layout_at_zero = None  # the docks' arrangement before zooming, for Reset zoom
        self._curves_brought_forward = False
        self._tab_train_on_show = True  # unless a saved layout puts the Train dock somewhere
        self.setCentralWidget(QLabel(objectName="CentralPlaceholder"))
        self.layer_stack = LayerStackPanel(self.document)
        self._build_menus()
        self.file_actions = install_file_actions(self)
        self._build_tool_bar()
        self._build_panels()
        self.export_actions = install_export_actions(self)
        self.caption_banner = install_caption_banner(self)
        self.help_menu = install_help_menu(self)
        self.message_line = MessageLine()
        self.statusBar().addWidget(self.message_line, 1)
        self.document.message_posted.connect(self.message_line.show_message)
        # A message is about the edit that posted it: the next edit (or undo) takes it away. A
        # message that edit posts itself comes after these signals, so it still shows.
        self.document.undo_stack.indexChanged.connect(self.message_line.clear)
        self.document.state_changed.connect(self.message_line.clear)  # New, Open, a lesson
        self.document.network_changed.connect(self._on_network_changed)
        self._on_network_changed()
        self._default_layout = self.saveState(LAYOUT_VERSION)  # for Reset layout
        self._restore_settings()

    def _build_panels(self):
        """Each panel is a dock the user can move, close and bring back from the View menu. The
        default layout fits 1280 × 800: building on the left, the data in the middle, the numbers
        to type on the right, and the forward pass with what it computes along the bottom. Loss, Network,
        Training curves, Loss along weight and Layer space start behind the Outputs tab, and Train behind the
        Batch tab: they are built when first shown."""
        from nnstudio.plots.data_plot import DataPlot
        from nnstudio.plots.outputs_plot import OutputsPlot

        from .batch_editor import BatchPanel
        from .explanation import ExplanationPanel
        from .parameter_editor import ParametersPanel
        from .stepper import StepperPanel

        left, right, bottom = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                               Qt.DockWidgetArea.BottomDockWidgetArea)
        # The left column runs the window's whole height, so the batch table has rows to show
        self.setCorner(Qt.Corner.BottomLeftCorner, left)
        self.data_plot = DataPlot(self.document)
        self.setCentralWidget(self.data_plot)
        self.view_menu.insertActions(self._data_options_place,
                                     [self.data_plot.discrete_action, self.data_plot.test_data_action,
                                      self.data_plot.legend_action])
        self.parameters_panel = ParametersPanel(self.document)
        self.batch_panel = BatchPanel(self.document)
        self.stepper = StepperPanel(self.document)
        self.explanation = ExplanationPanel(self.document, self.stepper)
        self.outputs_plot = OutputsPlot(self.document)
        self.train_actions = TrainActions(self.document, self)

        layers_dock = self.add_panel("Layers", self.layer_stack, left)
        batch_dock = self.add_panel("Batch", self.batch_panel, left)
        weights_dock = self.add_panel("Weights and biases", self.parameters_panel, right)
        stepper_dock = self.add_panel("Forward pass", self.stepper, bottom)
        explanation_dock = self.add_panel("Explanation", self.explanation, bottom)
        outputs_dock = self.add_panel("Outputs", self.outputs_plot, bottom)
        self.splitDockWidget(stepper_dock, explanation_dock, Qt.Orientation.Horizontal)
        self.splitDockWidget(explanation_dock, outputs_dock, Qt.Orientation.Horizontal)
        for title, build in (("Loss", partial(_loss_plot, self.document)), ("Network", self._network_diagram),
                             ("Training curves", partial(_training_curves, self.document)),
                             ("Loss along weight", partial(_loss_along_weight, self.document)),
                             ("Layer space", self._layer_space)):
            self.tabifyDockWidget(outputs_dock, self.add_late_panel(title, build, bottom))
        outputs_dock.raise_()
        # a tab beside Batch once shown (see showEvent); hidden till then, so not built at start
        self.add_late_panel("Train", self._train_panel, left).hide()
        self.resizeDocks([layers_dock, batch_dock], [150, 550], Qt.Orientation.Vertical)
        self.resizeDocks([layers_dock, weights_dock], [372, 420], Qt.Orientation.Horizontal)
        self.resizeDocks([stepper_dock], [320], Qt.Orientation.Vertical)
        self.resizeDocks([stepper_dock, explanation_dock, outputs_dock], [400, 220, 270], Qt.Orientation.Horizontal)
        self.menuBar().addMenu("&Run").addActions(list(self.stepper.step_actions))
        self.menuBar().addMenu("&Train").addActions(list(self.train_actions.actions))
        self.tool_bar.addSeparator()
        for action in self.train_actions.actions:  # named beside their icons: a student looks for "Train"
            self.tool_bar.addAction(action)
            self.tool_bar.widgetForAction(action).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.document.trainer.running_changed.connect(self._on_running_changed)
        self.loss_summary = LossSummary(self.document)
        self.statusBar().addPermanentWidget(self.loss_summary)

    def _train_panel(self):
        from .train_panel import TrainPanel

        return TrainPanel(self.document, self.train_actions)

    @property
    def train_panel(self):
        """The Train panel, built now if it has not been shown yet."""
        return self.panel("Train")

    def _network_diagram(self):
        """The diagram, its neuron maps over the data plot's plane and shown large there on hover."""
        from .network_diagram import NetworkDiagram

        diagram = NetworkDiagram(self.document)
        diagram.plane = lambda: self.data_plot.plane_rect
        diagram.neuron_map_requested.connect(self.data_plot.show_neuron_map)
        return diagram

    def _layer_space(self):
        """The batch as a layer sees it, with the grid lines of the data plot's plane carried through."""
        from nnstudio.plots.layer_space import LayerSpace

        panel = LayerSpace(self.document)
        panel.plane = lambda: self.data_plot.plane_rect
        return panel

    def reset_layout(self):
        """View ▸ Reset layout: every panel and the tool bar back where they start, shown."""
        self.restoreState(self._default_layout, LAYOUT_VERSION)
        self._tab_train_beside_batch()  # as at the first show
        self._layout_at_zero = None  # Reset zoom keeps this layout

    def squeezed_panels(self):
        """The titles of the panels on screen that are squeezed to a strip."""
        return [
            title for title, dock in self.docks.items()
            if dock.isVisible() and not dock.isFloating() and not dock.visibleRegion().isEmpty()
            and min(dock.width(), dock.height()) < SQUEEZED
        ]

    def add_panel(self, title, widget, area=Qt.DockWidgetArea.RightDockWidgetArea):
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "") + "Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.view_menu.addAction(dock.toggleViewAction())
        dock.toggleViewAction().triggered.connect(lambda opened, dock=dock: self._bring_forward(dock, opened))
        self.docks[title] = dock
        self._apply_zoom_to(widget)
        return dock

    def add_late_panel(self, title, build, area=Qt.DockWidgetArea.RightDockWidgetArea):
        """A dock like ``add_panel``'s whose panel ``build()`` makes the first time the dock comes into
        sight (or ``panel(title)`` is asked for): for a panel that starts out of sight, so that the
        window shows sooner."""
        late = LatePanel(build, self)
        late.built.connect(self._apply_zoom_to)
        self._late_panels[title] = late
        return self.add_panel(title, late.stand_in, area)

    def panel(self, title):
        """The panel in the dock ``title``, built now if it is built late and has not been yet."""
        late = self._late_panels.get(title)
        return late.panel() if late is not None else self.docks[title].widget()

    @property
    def loss_plot(self):
        return self.panel("Loss")

    @property
    def network_diagram(self):
        return self.panel("Network")

    @property
    def training_curves(self):
        return self.panel("Training curves")

    # ----- menus and tool bar ------------------------------------------------------------------
    def _build_menus(self):
        menus = self.menuBar()
        self.file_menu = menus.addMenu("&File")
        self.file_menu.addSeparator()  # New / Open / Save go above: insertAction(self.quit_action, …)
        self.quit_action = self._action(self.file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.edit_menu = menus.addMenu("&Edit")
        # The menu's actions name the step ("Undo Set weight …"); the tool bar has twins of them
        self.undo_menu_action = self.document.undo_stack.createUndoAction(self, "&Undo")
        self.undo_menu_action.setIcon(self._theme_icon("edit-undo", QStyle.StandardPixmap.SP_ArrowBack))
        self.undo_menu_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_menu_action = self.document.undo_stack.createRedoAction(self, "&Redo")
        self.redo_menu_action.setIcon(self._theme_icon("edit-redo", QStyle.StandardPixmap.SP_ArrowForward))
        self.redo_menu_action.setShortcuts(_unique(
            [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        ))
        self.edit_menu.addActions([self.undo_menu_action, self.redo_menu_action])

        self.layer_menu = menus.addMenu("&Layer")
        panel = self.layer_stack
        self.layer_menu.addActions(list(panel.add_actions.values()))
        self.layer_menu.addSeparator()
        self.layer_menu.addActions([panel.neurons_action, panel.remove_action, panel.move_up_action,
                                    panel.move_down_action])
        self.layer_menu.addSeparator()
        numerics_menu = self.layer_menu.addMenu("&Numerics")
        self.numerics_group = QActionGroup(self)
        self.numerics_actions = {}
        for name, text in NUMERICS_CHOICES:
            action = QAction(text, self.numerics_group, checkable=True)
            action.setToolTip(f"Compute in {text}")
            action.triggered.connect(lambda _=False, n=name: self.document.set_numerics(n))
            numerics_menu.addAction(action)
            self.numerics_actions[name] = action

        self.view_menu = menus.addMenu("&View")
        self.zoom_in_action = self._action(self.view_menu, "Zoom &in", lambda: self.set_zoom(self._zoom + ZOOM_STEP),
                                           QKeySequence.StandardKey.ZoomIn, "Ctrl+=")
        self.zoom_out_action = self._action(self.view_menu, "Zoom &out",
                                            lambda: self.set_zoom(self._zoom - ZOOM_STEP),
                                            QKeySequence.StandardKey.ZoomOut)
        self.reset_zoom_action = self._action(self.view_menu, "&Reset zoom", lambda: self.set_zoom(0), None, "Ctrl+0")
        self.reset_layout_action = self._action(self.view_menu, "Reset &layout", self.reset_layout)
        self.reset_layout_action.setStatusTip("Put every panel back where it starts, at its first size")
        self.presentation_action = self._action(self.view_menu, "&Presentation mode", self.set_presentation, None,
                                                "F11")
        self.presentation_action.setCheckable(True)
        self.show_caption_action = self._action(self.view_menu, "Show the &caption",
                                                lambda: self.caption_banner.setVisible(bool(self.document.state.note)))
        self.show_caption_action.setStatusTip("Show the lesson's or project's caption again after closing it")
        self.presentation_action.setStatusTip("Full screen, text large enough for the back of the room, the lesson"
                                              " banner hidden; F11 again brings everything back")
        self.view_menu.addSeparator()  # then the data plot's options, above this next one
        self._data_options_place = self.view_menu.addSeparator()  # then one toggle per tool bar and panel

    def _build_tool_bar(self):
        self.tool_bar = self.addToolBar("Main")
        self.tool_bar.setObjectName("MainToolBar")
        stack = self.document.undo_stack
        self.undo_action = self._add_steady_twin(self.undo_menu_action, stack.undo, stack.canUndoChanged)
        self.redo_action = self._add_steady_twin(self.redo_menu_action, stack.redo, stack.canRedoChanged)
        # from the signals' text: the stack also sends them while it is being deleted
        stack.undoTextChanged.connect(self._on_undo_text_changed)
        stack.redoTextChanged.connect(self._on_redo_text_changed)
        self._on_undo_text_changed(stack.undoText())
        self._on_redo_text_changed(stack.redoText())
        self.tool_bar.addSeparator()
        self.tool_bar.addWidget(QLabel(" Numerics: "))
        self.tool_bar.addActions(self.numerics_group.actions())
        self.tool_bar.addSeparator()
        self.tool_bar.addActions([self.zoom_out_action, self.zoom_in_action])
        self.view_menu.addAction(self.tool_bar.toggleViewAction())

    def _add_steady_twin(self, action, do, enabled_changed):
        """A tool bar button for the undo stack's ``action``, whose text changes with every edit
        ("Undo Set bias [0, 1] of Dense 1 to …"): a twin whose own text stays "Undo", as
        a changed action re-lays out the tool bar and the whole window (about 1 ms an edit); the
        button's tooltip and the Edit menu show the changing text."""
        twin = QAction(action.icon(), action.text().replace("&", ""), self, enabled=action.isEnabled())
        twin.triggered.connect(do)
        enabled_changed.connect(twin.setEnabled)
        self.tool_bar.addAction(twin)
        # Named beside the icon: without a desktop theme the icon is a plain arrow, which reads as
        # the forward pass's Step back / Step rather than Undo / Redo.
        self.tool_bar.widgetForAction(twin).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return twin

    def _on_undo_text_changed(self, step):
        self.tool_bar.widgetForAction(self.undo_action).setToolTip(f"Undo {step}".strip())

    def _on_redo_text_changed(self, step):
        self.tool_bar.widgetForAction(self.redo_action).setToolTip(f"Redo {step}".strip())

    def _theme_icon(self, name, fallback):
        """The desktop theme's icon ``name``, or the style's standard pixmap where there is no theme."""
        return QIcon.fromTheme(name, self.style().standardIcon(fallback))

    def _action(self, menu, text, slot, standard_key=None, extra_key=None):
        action = QAction(text, self)
        keys = QKeySequence.keyBindings(standard_key) if standard_key is not None else []
        action.setShortcuts(_unique([*keys, *([QKeySequence(extra_key)] if extra_key else [])]))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # ----- zoom: the text of tables and panels, for a projector ---------------------------------
    @property
    def zoom(self):
        """Points added to the application's font size in the central area and every panel."""
        return self._zoom

    def set_presentation(self, on):
        """Presentation mode: full screen, at least PRESENTATION_ZOOM, the lesson banner hidden;
        leaving it brings back the window, the zoom and the banner as they were."""
        on = bool(on)
        self.presentation_action.setChecked(on)
        if on == (self._before_presenting is not None):
            return
        if on:
            self._before_presenting = (self.isFullScreen(), self.isMaximized(), self._zoom,
                                       self.caption_banner.isVisible())
            self.caption_banner.setVisible(False)
            self.showFullScreen()
            self.set_zoom(max(self._zoom, PRESENTATION_ZOOM), remember=False)
            return
        full_screen, maximized, zoom, banner = self._before_presenting
        self._before_presenting = None
        self.set_zoom(zoom, remember=False)
        if full_screen:
            self.showFullScreen()
        elif maximized:
            self.showMaximized()
        else:
            self.showNormal()
        self.caption_banner.setVisible(banner)

    def set_zoom(self, zoom, remember=True):
        """Scale the window's text, and so its controls; the window keeps its size and the docks
        their sizes (the panels scroll what no longer fits). Reset zoom brings back the docks as
        they were.
        ``remember``: kept for the next start (not presentation mode's)."""
        zoom = max(ZOOM_RANGE[0], min(zoom, ZOOM_RANGE[1]))
        if self._zoom == 0 and zoom != 0:
            self._layout_at_zero = self.saveState(LAYOUT_VERSION)
        back_to_zero = zoom == 0 and self._layout_at_zero is not None
        layout = self._layout_at_zero if back_to_zero else self.saveState(LAYOUT_VERSION)
        size = self.size()
        self._zoom = zoom
        # The window's font reaches every child (tool bar, dock titles and tabs, status bar, panels);
        # the menus are windows of their own, so they are given it as well
        font = self._zoomed_font()
        for widget in (self, *self.findChildren(QMenu)):
            widget.setFont(font)
        for widget in (self.centralWidget(), *(dock.widget() for dock in self.docks.values())):
            self._apply_zoom_to(widget)
        # the tool bar and dock titles take their new height first, or the docks restored now
        # would shift by the difference once they do
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.restoreState(layout, LAYOUT_VERSION)
        self.resize(size)
        if remember:
            QSettings().setValue("view/zoom", self._zoom)

    def childEvent(self, event):
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()
            # A dialog of the window (a message box, a file dialog) is a window of its own and would
            # keep the desktop's text size: it takes the zoomed font as it is polished, before it shows
            if isinstance(child, QDialog) and self._zoom:
                child.setFont(self.font())
            # The tabs of docks put together (six share the Outputs place) show whole titles and
            # scroll, rather than "O…", "Lo…", "N…" that name no panel
            if isinstance(child, QTabBar):
                child.setElideMode(Qt.TextElideMode.ElideNone)
        super().childEvent(event)

    def _zoomed_font(self):
        font = QApplication.font()
        font.setPointSize(font.pointSize() + self._zoom)
        return font

    def _apply_zoom_to(self, widget):
        """A panel that draws its own text (a plot) gets ``apply_zoom(points added)``; the rest
        follows the window's font."""
        apply_zoom = getattr(widget, "apply_zoom", None)
        if apply_zoom is not None:
            apply_zoom(self._zoom)

    def open_file(self, path):
        """Open the project file at ``path`` (``python main.py FILE``); returns whether it opened."""
        return self.file_actions.open_file(path)

    # ----- slots -------------------------------------------------------------------------------
    def _on_running_changed(self, running):
        """The first run brings the training curves to the front of their tab group (if open), so a
        student who pressed Train sees the loss fall; later they stay where the user put them."""
        curves = self.docks["Training curves"]
        if running and not self._curves_brought_forward and curves.toggleViewAction().isChecked():
            self._curves_brought_forward = True
            curves.raise_()

    def _on_network_changed(self):
        self.numerics_actions[self.document.state.numerics].setChecked(True)

    # ----- settings ----------------------------------------------------------------------------
    def _restore_settings(self):
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        layout = settings.value("window/state")
        if layout is not None:
            self._tab_train_on_show = not self.restoreState(layout, LAYOUT_VERSION)
        zoom = int(settings.value("view/zoom", 0))
        if zoom != self._zoom:  # the panels have the desktop's text already: nothing to lay out again
            self.set_zoom(zoom)

    @staticmethod
    def _bring_forward(dock, opened):
        """A panel opened from the View menu comes to the front of its tab group (it would reopen
        behind the tab in front, and the menu item seem to do nothing)."""
        if opened:
            dock.raise_()

    def showEvent(self, event):
        """The Train dock becomes a tab beside Batch when the window is first shown: a second tab
        group made before that leaves Qt's first tab bars for it on screen, over other panels."""
        super().showEvent(event)
        if self._tab_train_on_show:
            self._tab_train_on_show = False
            self._tab_train_beside_batch()

    def _tab_train_beside_batch(self):
        self.tabifyDockWidget(self.docks["Batch"], self.docks["Train"])
        self.docks["Train"].show()
        self.docks["Batch"].raise_()
        self.resizeDocks([self.docks["Layers"], self.docks["Batch"]], [170, 290], Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["Forward pass"]], [320], Qt.Orientation.Vertical)

    def closeEvent(self, event):
        if not self.file_actions.may_close(event):
            event.ignore()  # the user kept the unsaved changes open
            return
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        if self.squeezed_panels():
            settings.remove("window/state")  # the next start gets the default layout, not the strips
        else:
            settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        super().closeEvent(event)


def _loss_plot(document):
    from nnstudio.plots.loss_plot import LossPlot

    return LossPlot(document)


def _training_curves(document):
    from nnstudio.plots.training_curves import TrainingCurves

    return TrainingCurves(document)


def _loss_along_weight(document):
    from nnstudio.plots.loss_along_weight import LossAlongWeight

    return LossAlongWeight(document)


def _unique(sequences):
    """Key sequences without repeats, in order (a platform's Redo may already include Ctrl+Y)."""
    seen = []
    for sequence in sequences:
        if sequence not in seen:
            seen.append(sequence)
    return seen

"""The layer stack panel: the list of layers with the shape leaving each, and the actions that
add, remove and move layers (shared with the main window's Layer menu)."""

from PySide6.QtCore import QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnstudio.document.layer_model import BATCH_ROW, LayerListModel, layer_row, stack_index
from nnstudio.document.limits import MAX_NEURONS
from nnstudio.document.palette import severity_color
from nnstudio.engine import WEIGHTLESS_LAYERS, Dense, layer_name
from nnstudio.qt_helpers.flow_layout import FlowLayout

from .zoom_fit import on_font_change

BUTTON_KINDS = ("Dense", "ReLU", "Softmax")  # a button each; the other kinds are under "+ …"
ADDABLE_KINDS = (*BUTTON_KINDS, *(kind for kind in WEIGHTLESS_LAYERS if kind not in BUTTON_KINDS))
LISTED_ROWS = 10  # the list grows to show this many layers before it scrolls


class LayerStackPanel(QWidget):
    """The stack as a list; its actions act on the selected layer and keep it selected."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("LayerStackPanel")
        self._document = document
        self.model = LayerListModel(document, self)
        self.view = self._make_view()
        self.problem_label = QLabel(wordWrap=True, objectName="LayerProblem")
        self.problem_label.setMargin(4)
        self.problem_label.hide()
        self._problem_shown = None  # the Message the label shows: why there is no trace, or no loss
        self.add_actions = {kind: self._action(f"Add {kind}", lambda _=False, k=kind: self.add_layer(k))
                            for kind in ADDABLE_KINDS}
        for kind, action in self.add_actions.items():
            action.setIconText(f"+ {kind}")  # the button's short label; menus show the full text
            action.setToolTip(f"Insert a {kind} layer after the selected one")
        self.remove_action = self._action("Remove layer", self.remove_layer,
                                          QKeySequence.keyBindings(QKeySequence.StandardKey.Delete),
                                          QStyle.StandardPixmap.SP_DialogDiscardButton)
        self.move_up_action = self._action("Move layer up", lambda: self.move_layer(-1),
                                           [QKeySequence("Ctrl+Up"), QKeySequence("Alt+Up")],
                                           QStyle.StandardPixmap.SP_ArrowUp)
        self.move_down_action = self._action("Move layer down", lambda: self.move_layer(+1),
                                             [QKeySequence("Ctrl+Down"), QKeySequence("Alt+Down")],
                                             QStyle.StandardPixmap.SP_ArrowDown)
        more = [self.add_actions[kind] for kind in ADDABLE_KINDS if kind not in BUTTON_KINDS]
        self.buttons = {action.text(): _button(action) for action in self.actions() if action not in more}
        self.neurons_action = self._action("Set &neurons…", self.ask_neurons)  # in the menus, not a button
        self.neurons_action.setToolTip("How many neurons the selected Dense has")
        self.more_button = _button(QAction("+ …", self))
        self.more_button.setToolTip("Insert another kind of layer: " + ", ".join(a.text()[4:] for a in more))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more_menu = QMenu(self.more_button)
        more_menu.addActions(more)
        self.more_button.setMenu(more_menu)
        self._lay_out()
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._update_actions)
        self.model.rowsRemoved.connect(self._update_actions)
        self.model.rowsMoved.connect(self._update_actions)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._fit_list_height)
        on_font_change(self.view, self._fit_list_height)
        on_font_change(self.problem_label, self._fit_problem_height)
        document.trace_changed.connect(self._on_trace_changed)
        self._on_trace_changed()
        self._update_actions()

    # ----- what the actions do -----------------------------------------------------------------
    def selected_layer(self):
        """Stack index of the current layer; -1 when the batch row is current or nothing is."""
        index = self.view.currentIndex()
        return stack_index(index.row()) if index.isValid() and index.row() != BATCH_ROW else -1

    def add_layer(self, kind):
        """Insert ``kind`` after the selected layer (at the top when the batch row is selected; when
        nothing is, at the end, but before a final Softmax, which stays the classifier's end) and
        select it."""
        current = self.view.currentIndex()
        layers = self._document.layers
        position = stack_index(current.row()) + 1 if current.isValid() else len(layers)
        if not current.isValid() and kind != "Softmax" and layers and layers[-1].kind == "Softmax":
            position -= 1
        self._document.add_layer(kind, position)
        self._select(position)

    def remove_layer(self):
        index = self.selected_layer()
        if index < 0:
            return
        self._document.remove_layer(index)
        if self._document.layers:
            self._select(min(index, len(self._document.layers) - 1))

    def move_layer(self, offset):
        index = self.selected_layer()
        destination = index + offset
        if index < 0 or not 0 <= destination < len(self._document.layers):
            return
        self._document.move_layer(index, destination)
        self._select(destination)

    def ask_neurons(self):
        """Ask how many neurons the selected Dense should have, and resize it."""
        index = self.selected_layer()
        layers = self._document.layers
        if not 0 <= index < len(layers) or not isinstance(layers[index], Dense):
            return
        name = layer_name(layers, index)
        count, given = QInputDialog.getInt(self, "Set neurons", f"Neurons of {name} (1 to {MAX_NEURONS}):",
                                           layers[index].n_neurons, 1, MAX_NEURONS)
        if given:
            self._document.set_neurons(index, count)
            self._select(index)

    def context_menu(self):
        """The menu a right click opens: the panel's own actions."""
        menu = QMenu(self)
        menu.addActions(list(self.add_actions.values()))
        menu.addSeparator()
        menu.addActions([self.neurons_action, self.remove_action, self.move_up_action, self.move_down_action])
        return menu

    # ----- building ----------------------------------------------------------------------------
    def _make_view(self):
        view = QListView(objectName="LayerList")
        view.setModel(self.model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        view.setDragDropOverwriteMode(False)
        view.setDropIndicatorShown(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        view.setSpacing(2)
        view.setItemDelegate(NameAndShapeDelegate(view))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_context_menu_requested)
        return view

    def _action(self, text, slot, shortcuts=(), icon=None):
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setShortcuts(shortcuts)
        if shortcuts:
            action.setToolTip(f"{text} ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        # Keys act only while the stack has focus: Delete in a weight table must not remove a layer.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _lay_out(self):
        buttons = FlowLayout()  # zoomed in, the row takes a second line rather than being cut
        for kind in BUTTON_KINDS:
            buttons.add_widget(self.buttons[f"Add {kind}"], 2)
        buttons.add_widget(self.more_button, 1)
        for action in [self.remove_action, self.move_up_action, self.move_down_action]:
            self.buttons[action.text()].setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            buttons.add_widget(self.buttons[action.text()], 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem_label)

    # ----- slots -------------------------------------------------------------------------------
    def _on_current_changed(self, _current, _previous):
        self._update_actions()

    def _on_trace_changed(self):
        # rows without labels are the batch's matter, not the stack's: no "add a Softmax" nags there
        document = self._document
        labelled = document.state.batch.has_labels
        problem = document.why_no_trace or (document.why_no_loss if labelled else None) or document.unused_outputs
        if problem == self._problem_shown:
            return  # a value edit: the same message (mostly none), nothing to lay out again
        self._problem_shown = problem
        self.problem_label.setText(problem.text if problem else "")
        self.problem_label.setVisible(problem is not None)
        palette = self.palette()
        if problem is not None:
            text = palette.color(QPalette.ColorRole.WindowText)
            palette.setColor(QPalette.ColorRole.WindowText, severity_color(problem.severity, text))
        self.problem_label.setPalette(palette)
        self._fit_problem_height()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_problem_height()

    def _fit_problem_height(self):
        """A wrapped sentence asks for the lines it needs at the panel's width, so the dock makes
        room for it below the list instead of drawing it over the list."""
        label, margins = self.problem_label, self.layout().contentsMargins()
        # Measured with the label's font, not its heightForWidth: that is cached until the label
        # itself has seen a font change, which comes after this panel hears of it.
        width = self.width() - margins.left() - margins.right() - 2 * label.margin()
        text = label.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), 0), Qt.TextFlag.TextWordWrap, label.text())
        label.setMinimumHeight(text.height() + 2 * label.margin() if label.text() else 0)

    def _fit_list_height(self):
        """Tall enough for every layer (up to LISTED_ROWS): a sentence shown under the list must
        not push layers out of sight."""
        view = self.view
        rows = min(self.model.rowCount(), LISTED_ROWS)
        row_height = view.sizeHintForRow(0) if rows else view.fontMetrics().height()
        spacing = view.spacing()
        view.setMinimumHeight(2 * view.frameWidth() + max(rows, 1) * (row_height + 2 * spacing))

    def _on_context_menu_requested(self, position):
        menu = self.context_menu()
        menu.exec(self.view.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _update_actions(self):
        index = self.selected_layer()
        count = len(self._document.layers)
        self.remove_action.setEnabled(index >= 0)
        self.neurons_action.setEnabled(0 <= index < count and isinstance(self._document.layers[index], Dense))
        self.move_up_action.setEnabled(index > 0)
        self.move_down_action.setEnabled(0 <= index < count - 1)

    def _select(self, index):
        self.view.selectionModel().setCurrentIndex(
            self.model.index(layer_row(index)), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._update_actions()


def _button(action):
    button = QToolButton()
    button.setDefaultAction(action)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


class NameAndShapeDelegate(QStyledItemDelegate):
    """Draws a row as two columns: the layer's name on the left, the shape leaving it on the
    right, so the shapes line up like the book's ``batch 300×2 → Dense 2→3 → 300×3``."""

    def paint(self, painter, option, index):
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = item.rect.adjusted(6, 0, -6, 0)
        align = Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(item.font)
        painter.setPen(item.palette.color(role))
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignLeft, index.data(LayerListModel.NameRole))
        if not selected:
            painter.setPen(item.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignRight, index.data(LayerListModel.ShapeRole))
        painter.restore()

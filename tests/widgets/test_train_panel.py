"""The Train panel and menu, driven as a student would: Step, Train, Pause, the hyper-parameters typed
(bad ones refused), the optimizer and the book's runs chosen, undoing a run, and training refused
with the reason when the network cannot learn."""

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox
from shown import show

from nnstudio.document.limits import MAX_EPOCHS
from nnstudio.document.training import OptimizerState
from nnstudio.engine import Dense

RUN_TIMEOUT = 20_000  # ms: only a hang reaches it
PROMPT = 100  # ms: Pause, a click or a menu acts within this while a run goes


def dense_bits(document):
    return [(layer.weights.tobytes(), layer.biases.tobytes()) for layer in document.layers if isinstance(layer, Dense)]


def menu_actions(window, title):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return {item.text().replace("&", ""): item for item in action.menu().actions()}
    raise AssertionError(f"no {title} menu")


def click(qtbot, panel, action):
    qtbot.mouseClick(panel.buttons[action], Qt.MouseButton.LeftButton)


def type_setting(qtbot, panel, name, text):
    field = panel._fields[name]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def choose(qtbot, combo, data):
    """Open ``combo``'s list and click the entry holding ``data``."""
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(combo.findData(data), 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible())


def test_the_train_menu_and_panel_are_there_at_first_start(window):
    actions = menu_actions(window, "Train")
    assert {"Step one epoch", "Train", "Pause"} <= actions.keys()
    assert actions["Train"].shortcut().toString() == "Ctrl+T"
    tabs = window.tabifiedDockWidgets(window.docks["Batch"])
    assert window.docks["Train"] in tabs and window.docks["Training curves"].toggleViewAction().isChecked()


def test_train_then_pause_from_the_buttons_while_the_window_stays_responsive(qtbot, window):
    panel, document = window.train_panel, window.document
    assert document.set_epochs(MAX_EPOCHS)
    click(qtbot, panel, panel.train_action)
    assert document.trainer.running and not panel.train_action.isEnabled()
    qtbot.waitUntil(lambda: document.state.optimizer.iterations > 0, timeout=RUN_TIMEOUT)
    assert window.docks["Training curves"].widget().visibleRegion().isEmpty() is False  # brought forward

    posted = []
    QTimer.singleShot(0, lambda: posted.append(True))  # a click or a menu is an event like this one
    qtbot.waitUntil(lambda: bool(posted), timeout=PROMPT)
    click(qtbot, panel, panel.pause_action)
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=PROMPT)
    epochs = document.state.optimizer.iterations
    assert panel.progress.text().startswith(f"Epoch {epochs:,} · ")
    assert document.undo_stack.undoText() == f"Train {epochs:,} epoch{'s' * (epochs != 1)} with Adam"
    assert panel.train_action.isEnabled() and not panel.pause_action.isEnabled()


def test_ctrl_t_starts_and_pauses_a_run(qtbot, window):
    document = window.document
    assert document.set_epochs(MAX_EPOCHS)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert document.trainer.running
    qtbot.waitUntil(lambda: document.state.optimizer.iterations > 0, timeout=RUN_TIMEOUT)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=PROMPT)


def test_step_one_epoch_and_undo_the_run_with_ctrl_z_bit_for_bit(qtbot, window):
    panel, document = window.train_panel, window.document
    start = dense_bits(document)
    click(qtbot, panel, panel.step_action)
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=RUN_TIMEOUT)
    assert document.state.optimizer.iterations == 1 and panel.progress.text().startswith("Epoch 1 · ")
    assert dense_bits(document) != start
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dense_bits(document) == start and document.state.optimizer.iterations == 0
    assert panel.progress.text().startswith("Epoch 0 · ")


def test_bad_hyper_parameters_are_refused_with_a_sentence_and_the_old_value_shown(qtbot, window):
    panel, document = window.train_panel, window.document
    type_setting(qtbot, panel, "learning_rate", "abc")
    assert window.message_line.text() == "'abc' is not a number — the learning rate stays 0.05."
    assert panel._fields["learning_rate"].text() == "0.05"
    type_setting(qtbot, panel, "beta_1", "1.5")
    assert window.message_line.text() == (
        "The beta 1 must be a number in [0, 1); 1.5 is not — the beta 1 stays 0.9.")
    assert panel._fields["beta_1"].text() == "0.9" and document.undo_stack.count() == 0
    type_setting(qtbot, panel, "learning_rate", "0.02")
    assert document.state.optimizer.values["learning_rate"] == 0.02
    assert document.undo_stack.undoText() == "Set learning rate of Adam to 0.02"


def test_choosing_an_optimizer_and_a_preset_shows_their_settings(qtbot):
    from nnstudio.document import Document
    from nnstudio.widgets.train_panel import TrainPanel

    document = Document()
    panel = show(qtbot, TrainPanel(document), 420, 520)
    choose(qtbot, panel.optimizer, "SGD")
    assert document.state.optimizer == OptimizerState.fresh("SGD")
    assert list(panel._fields) == ["learning_rate", "decay", "momentum"]
    assert panel._fields["learning_rate"].text() == "1"
    choose(qtbot, panel.preset, next(panel.preset.itemData(i) for i in range(1, panel.preset.count())
                                     if panel.preset.itemData(i).optimizer == "RMSprop"))
    assert document.state.optimizer.name == "RMSprop" and panel._fields["rho"].text() == "0.999"
    assert panel.preset.currentIndex() == 0  # the presets are a choice to make, not a state
    qtbot.keyClick(panel.epochs, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.epochs, "25")
    qtbot.keyClick(panel.epochs, Qt.Key.Key_Return)
    assert document.state.epochs == 25
    choose(qtbot, panel.test_kind, "generated")
    assert document.state.test.kind == "generated" and panel.test_seed.isVisible()
    qtbot.mouseClick(panel.buttons[panel.train_action], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=RUN_TIMEOUT)
    run = document.history[-1]
    assert len(run.loss) == len(run.test_loss) == 25 and run.description.startswith("RMSprop")


def test_without_a_softmax_at_the_end_training_is_disabled_with_the_reason(qtbot, window):
    panel, document = window.train_panel, window.document
    window.docks["Train"].raise_()
    document.remove_layer(len(document.layers) - 1)
    QApplication.processEvents()
    assert not panel.train_action.isEnabled() and not panel.step_action.isEnabled()
    assert panel.problem.isVisible()
    assert panel.problem.text() == f"Cannot train: {document.training_problem}"
    assert "Softmax" in panel.problem.text()
    document.undo_stack.undo()
    QApplication.processEvents()
    assert panel.train_action.isEnabled() and not panel.problem.isVisible()


def test_saving_during_a_run_pauses_it_and_the_curves_and_optimizer_come_back_on_open(
        qtbot, window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    document = window.document
    assert document.set_epochs(MAX_EPOCHS)
    click(qtbot, window.train_panel, window.train_panel.train_action)
    qtbot.waitUntil(lambda: document.state.optimizer.iterations > 0, timeout=RUN_TIMEOUT)
    path = tmp_path / "trained.nnstudio.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not document.trainer.running and document.undo_stack.isClean()
    saved, run = document.state, document.history[-1]
    window.file_actions.new()
    assert document.history == [] and document.state.optimizer.iterations == 0
    assert window.open_file(path)
    assert document.state.optimizer.iterations == saved.optimizer.iterations
    assert document.history[0].loss == run.loss and document.history[0].description == run.description
    assert dense_bits(document) == [(layer.weights.tobytes(), layer.biases.tobytes())
                                    for layer in saved.layers if isinstance(layer, Dense)]
    assert len(window.training_curves.lines) == 1


def test_holding_out_a_share_of_the_batch_from_the_train_panel(qtbot, window):
    panel, document = window.train_panel, window.document
    window.docks["Train"].raise_()
    assert not panel.test_share.isVisible()
    choose(qtbot, panel.test_kind, "held_out")
    assert panel.test_share.isVisible() and panel.test_seed.isVisible()
    assert len(document.data[0]) == 150 and len(document.held_out[0]) == 150
    panel.test_share.setFocus()
    qtbot.keyClick(panel.test_share, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.test_share, "20")
    qtbot.keyClick(panel.test_share, Qt.Key.Key_Return)
    assert document.state.test.share == 20 and len(document.data[0]) == 240
    window.docks["Batch"].raise_()
    QApplication.processEvents()
    summary = window.batch_panel.summary.text()
    assert summary.startswith("240 samples × 2 inputs to train on (60 more held out as test data")
    assert window.batch_panel.model.rowCount() == 240
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.state.test.kind == "none" and window.batch_panel.model.rowCount() == 300


def test_a_mini_batch_size_typed_in_the_panel_says_how_many_steps_an_epoch_takes(qtbot):
    from nnstudio.document import Document
    from nnstudio.widgets.train_panel import TrainPanel

    document = Document()
    panel = show(qtbot, TrainPanel(document), 420, 640)
    assert panel.batch_size.text() == "the whole batch" and panel.steps_label.text() == "1 step an epoch"
    panel.batch_size.setFocus()
    panel.batch_size.selectAll()
    qtbot.keyClicks(panel.batch_size, "64")
    qtbot.keyClick(panel.batch_size, Qt.Key.Key_Return)
    assert document.state.batch_size == 64
    assert panel.steps_label.text() == "5 steps an epoch"  # 300 samples: four of 64 and one of 44
    document.undo_stack.undo()
    assert panel.batch_size.value() == 0 and panel.steps_label.text() == "1 step an epoch"


def test_the_test_data_seed_is_shown_only_for_data_that_has_one_and_the_kind_reads_whole(qtbot):
    """Shown disabled beside "None" or "Rows given by a lesson", it cut the kind's name short."""
    from nnstudio.document import Document
    from nnstudio.document.state import UnseenData
    from nnstudio.widgets.train_panel import TrainPanel

    document = Document()
    panel = show(qtbot, TrainPanel(document), 372, 520)  # the default Train column
    rows = {"X": np.zeros((3, 2)), "y": np.zeros(3, dtype=np.int64)}
    for kind in ("rows", "none"):
        document.set_test(UnseenData(kind, 1, **(rows if kind == "rows" else {})))
        qtbot.waitUntil(lambda kind=kind: panel.test_kind.currentData() == kind)
        assert not panel.test_seed.isVisible()
        shown = panel.test_kind.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, combo_option(panel.test_kind), QStyle.SubControl.SC_ComboBoxEditField,
            panel.test_kind)
        assert shown.width() >= panel.test_kind.fontMetrics().horizontalAdvance(panel.test_kind.currentText())
    choose(qtbot, panel.test_kind, "generated")
    assert panel.test_seed.isVisible() and panel.test_seed.isEnabled()


def combo_option(combo):
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return option


def book_validation(layers, X, y):
    """The book's validation lines (chapter 11) written out here, apart from the engine: Dense,
    ReLU, Dense, Softmax with cross-entropy, and the accuracy of the argmax."""
    first, second = (layer for layer in layers if isinstance(layer, Dense))
    hidden = np.maximum(0, np.dot(X, first.weights) + first.biases)
    scores = np.dot(hidden, second.weights) + second.biases
    exponentials = np.exp(scores - np.max(scores, axis=1, keepdims=True))
    probabilities = exponentials / np.sum(exponentials, axis=1, keepdims=True)
    loss = np.mean(-np.log(np.clip(probabilities, 1e-7, 1 - 1e-7)[range(len(y)), y]))
    return np.mean(np.argmax(probabilities, axis=1) == y), loss


def test_the_test_data_figures_are_shown_as_the_books_validation_line(qtbot, document):
    from nnstudio.document.state import UnseenData
    from nnstudio.engine import spiral
    from nnstudio.widgets.train_panel import TrainPanel

    panel = show(qtbot, TrainPanel(document), 372, 560)
    assert not panel.test_result.isVisible()  # no test data yet
    choose(qtbot, panel.test_kind, "generated")
    assert (document.state.test.kind, document.state.test.seed) == ("generated", 1)
    accuracy, loss = book_validation(document.layers, *spiral(100, 3, 1))
    qtbot.waitUntil(lambda: panel.test_result.isVisible())
    assert f"acc: {accuracy:.3f}, loss: {loss:.3f}" in panel.test_result.text()
    document.set_parameter(0, "weights", 0, 0, 2.5)  # the figures follow the weights now
    accuracy, loss = book_validation(document.layers, *spiral(100, 3, 1))
    qtbot.waitUntil(lambda: f"acc: {accuracy:.3f}, loss: {loss:.3f}" in panel.test_result.text())
    document.set_test(UnseenData("none"))
    qtbot.waitUntil(lambda: not panel.test_result.isVisible())

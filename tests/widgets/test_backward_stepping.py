"""After the loss, the stepper goes on through the backward pass and the optimizer's update; each
result is shown as the engine computes it, and any cell of it is explained."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from shown import show
from test_stepper import shown

from nnstudio.document import Batch, Document
from nnstudio.document.state import spiral_classifier
from nnstudio.engine import BACKWARD, UPDATE
from nnstudio.widgets.explanation import ExplanationPanel
from nnstudio.widgets.stepper import StepperPanel


@pytest.fixture
def panels(qtbot):
    document = Document()
    stepper = show(qtbot, StepperPanel(document), 900, 500)
    explanation = show(qtbot, ExplanationPanel(document, stepper), 700, 400)
    stepper.activateWindow()
    qtbot.waitUntil(stepper.isActiveWindow)
    return document, stepper, explanation


def tick(qtbot, box):
    """Click a check box on its box (a click far right of its text does not reach it)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))


def one_epoch(state):
    """The state's network after one epoch of the book's training loop, by the engine alone."""
    network = state.network()
    network.train_epoch(*state.batch.data(), state.optimizer.build())
    return network


def test_step_goes_on_from_the_loss_into_the_backward_pass(qtbot, panels):
    document, stepper, _ = panels
    assert stepper.step_box.currentText() == "→ 7. Loss: categorical cross-entropy"
    qtbot.keyClick(stepper, Qt.Key.Key_F10)
    assert stepper.step_box.currentText() == "← 8. Softmax + loss: gradient"
    assert stepper.counter_label.text() == "Step 8 of 19 (backward)"
    assert stepper.shape_label.text() == "300×3  (300 samples × 3 classes)"
    network = document.state.network()
    X, y = document.data
    gradients = network.backward(X, y)
    assert np.array_equal(shown(stepper), gradients.steps[0].output)
    qtbot.keyClick(stepper, Qt.Key.Key_F10)
    assert stepper.shape_label.text() == "3×3  (3 inputs × 3 neurons)"
    assert np.array_equal(shown(stepper), network.layers[2].dweights)


def test_with_mini_batches_a_backward_step_says_it_takes_every_row_at_once(qtbot, panels):
    # a training step goes back on a slice; the walk, on the whole batch: the counter says so
    document, stepper, _ = panels
    assert document.set_batch_size(32)
    assert stepper.counter_label.text() == "Step 7 of 19 (forward)"
    qtbot.keyClick(stepper, Qt.Key.Key_F10)
    assert stepper.counter_label.text() == ("Step 8 of 19 (backward): all 300 rows at once, where a training step"
                                            " takes 32")
    with qtbot.waitSignal(document.trace_changed):
        assert document.set_batch_size(0)
    assert stepper.counter_label.text() == "Step 8 of 19 (backward)"


def test_run_to_end_twice_reaches_the_update_with_the_weights_one_epoch_gives(qtbot, panels):
    document, stepper, _ = panels
    qtbot.keyClick(stepper, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(stepper, Qt.Key.Key_F5)
    assert document.selection.step == 6
    qtbot.keyClick(stepper, Qt.Key.Key_F5)
    assert document.selection.step == 18 and not stepper.end_action.isEnabled()
    assert stepper.step_box.currentText() == "↻ 19. Dense 2: new biases (Adam)"
    trained = one_epoch(document.state)
    assert np.array_equal(shown(stepper), trained.layers[2].biases)
    qtbot.keyClick(stepper, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert stepper.step_box.currentText() == "↻ 18. Dense 2: new weights (Adam)"
    assert np.array_equal(shown(stepper), trained.layers[2].weights)
    assert document.walk.steps[document.selection.step].kind.direction is UPDATE


def test_a_gradient_cell_is_explained_and_does_not_move_the_selected_sample(qtbot, panels):
    document, stepper, explanation = panels
    document.selection.select_sample(42)
    document.selection.select_step(8)  # Dense 2: dweights, rows are inputs
    index = stepper.model.index(1, 2)
    qtbot.mouseClick(stepper.view.viewport(), Qt.MouseButton.LeftButton, pos=stepper.view.visualRect(index).center())
    assert document.selection.sample == 42
    assert explanation.title_label.text() == "Dense 2: dweights = inputsᵀ · dvalues — input 1, neuron 2"
    assert explanation.formula_labels[0].text().count("×") == 4  # three terms, "…", the last term
    assert "Softmax + loss: gradient" in explanation.notes_label.text()  # the chain rule back to the loss
    qtbot.keyClick(stepper, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # back to the loss
    assert stepper.view.currentIndex().row() == 42


def test_the_long_way_shows_the_losss_gradient_then_the_softmaxs(qtbot, panels):
    document, stepper, _ = panels
    assert stepper.long_way_box.isVisible()
    tick(qtbot, stepper.long_way_box)
    labels = [stepper.step_box.itemText(i) for i in range(stepper.step_box.count())]
    assert labels[7:9] == ["← 8. Loss: gradient", "← 9. Softmax 1: gradient"]
    assert len(labels) == 20
    tick(qtbot, stepper.long_way_box)
    assert stepper.step_box.count() == 19


def test_without_labels_the_walk_ends_at_the_forward_pass(qtbot):
    batch = Batch("hand", hand_X=np.zeros((2, 2)), hand_y=None)
    document = Document(replace(spiral_classifier(), batch=batch))
    stepper = show(qtbot, StepperPanel(document), 900, 500)
    assert stepper.step_box.count() == 6
    assert not stepper.long_way_box.isVisible()
    assert all(step.kind.direction is not BACKWARD for step in document.walk.steps)


def test_while_a_run_trains_the_backward_pass_is_walked_only_when_shown(qtbot):
    """Each frame of a run is a new state: its backward pass is made only for a step past the loss."""
    document = Document()
    assert document.set_epochs(1_000_000)
    document.trainer.train()
    qtbot.waitUntil(lambda: document.state.optimizer.iterations > 0, timeout=20_000)
    assert document.trainer.running
    with qtbot.waitSignal(document.trace_changed, timeout=5_000):
        pass  # the next frame
    assert len(document.walk.steps) == 7
    document.trainer.pause()
    qtbot.waitUntil(lambda: not document.trainer.running, timeout=5_000)
    assert len(document.walk.steps) == 19


def test_an_update_that_overflows_is_named_by_its_step(qtbot, panels):
    document, stepper, _ = panels
    document.set_optimizer("SGD")
    assert document.set_optimizer_setting("learning_rate", 1e12)
    document.paste_parameters(0, "weights", 0, 0, np.full((2, 3), 1e30))  # ReLU passes 1e30s to Dense 2
    qtbot.waitUntil(lambda: stepper.step_box.count() == 19)
    qtbot.keyClick(stepper, Qt.Key.Key_F5)  # from the loss to the end of the epoch
    assert stepper.overflow_label.isVisible()
    assert "overflowed at step 18, “Dense 2: new weights (SGD)”" in stepper.overflow_label.text()
    qtbot.keyClick(stepper, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert not stepper.overflow_label.isVisible()

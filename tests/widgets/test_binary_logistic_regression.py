"""Chapter 16's lesson in the window: one Sigmoid output read as the probability of class 1,
binary cross-entropy explained, stepped backward and trained as the engine trains it."""

import numpy as np
from PySide6.QtCore import Qt
from test_lessons import open_lesson_from_menu
from test_train_panel import RUN_TIMEOUT, click, dense_bits

from nnstudio.document.project_file import load
from nnstudio.widgets.lessons import find_lessons

LESSON = 16


def test_the_lesson_scores_one_sigmoid_output_with_binary_cross_entropy(qtbot, window):
    trace = open_lesson_from_menu(qtbot, window, LESSON)
    assert trace.output.shape == (200, 1)
    assert "Spiral" in window.batch_panel.summary.text() and "not among" not in window.batch_panel.summary.text()
    stepper, explanation = window.stepper, window.explanation
    assert stepper.step_box.currentText().endswith("Loss: binary cross-entropy")
    sample = 7
    window.document.selection.select_sample(sample)
    qtbot.waitUntil(lambda: f"sample {sample}" in explanation.text())
    label = int(window.document.data[1][sample])
    p = float(trace.output[sample, 0])
    assert f"class {label}" in explanation.text() and "log" in explanation.text()
    expected = -np.log(p if label else 1 - p)
    assert np.isclose(float(trace.sample_losses[sample]), expected, rtol=1e-5)
    assert window.outputs_plot.title.text() == (f"Sample {sample} · true class {label} ·"
                                                f" predicted class {int(p > 0.5)}")


def test_its_backward_pass_starts_at_the_binary_loss_without_the_softmax_shortcut(qtbot, window):
    open_lesson_from_menu(qtbot, window, LESSON)
    stepper = window.stepper
    stepper.step_action.trigger()  # from the loss into the backward pass
    qtbot.waitUntil(lambda: "Loss: gradient" in stepper.step_box.currentText())
    assert not stepper.long_way_box.isVisible()
    stepper.step_action.trigger()
    qtbot.waitUntil(lambda: "Sigmoid 1: gradient" in stepper.step_box.currentText())


def test_step_one_epoch_trains_as_the_engine_does_bit_for_bit(qtbot, window):
    open_lesson_from_menu(qtbot, window, LESSON)
    state = load(find_lessons()[LESSON - 1].path).state
    network, optimizer = state.network(), state.optimizer.build()
    network.train_epoch(*state.batch.data(), optimizer)
    panel, document = window.train_panel, window.document
    window.docks["Train"].raise_()
    click(qtbot, panel, panel.step_action)
    qtbot.waitUntil(lambda: document.state.optimizer.iterations == 1 and not document.trainer.running,
                    timeout=RUN_TIMEOUT)
    assert dense_bits(document) == [(layer.weights.tobytes(), layer.biases.tobytes()) for layer in network.dense_layers]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.state.optimizer.iterations == 0

"""A kind of step defined here and nowhere else (a Sigmoid layer and its step) is stepped through,
shown with its rows and columns, and explained by the panels as they are: adding a kind of step
touches the module that defines it, not the views."""

import numpy as np
from PySide6.QtCore import Qt
from shown import show

from nnstudio.document import Batch, Document, State
from nnstudio.engine import FORWARD, Dense
from nnstudio.engine.arithmetic_text import Explanation, Formula, number, term
from nnstudio.engine.forward_steps import ActivationStep
from nnstudio.widgets.explanation import ExplanationPanel
from nnstudio.widgets.stepper import StepperPanel


class SigmoidStep(ActivationStep):
    name = "sigmoid"

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        given = step.inputs[row, column]
        formula = Formula(f"1 / (1 + e^{term(-given)}) = {number(value)}")
        return Explanation(f"{step.label} — sample {row}, neuron {column}", (formula,), (), value)


SIGMOID = SigmoidStep()


class Sigmoid:
    kind = "Sigmoid"
    steps = (SIGMOID,)

    @staticmethod
    def activate(inputs):
        return 1 / (1 + np.exp(-inputs))

    def copy(self):
        return Sigmoid()


def sigmoid_document():
    """Two samples through Dense(2, 2) → Sigmoid, in float64."""
    dense = Dense(2, 2)
    dense.weights = np.array([[1.0, -2.0], [0.5, 1.0]])
    dense.biases = np.array([[0.0, 0.25]])
    batch = Batch("hand", hand_X=np.array([[1.0, 2.0], [-1.0, 0.5]]), hand_y=np.array([0, 1]))
    return Document(State(layers=(dense, Sigmoid()), numerics="float64", batch=batch))


def test_a_kind_defined_only_here_is_stepped_shown_and_explained(qtbot):
    document = sigmoid_document()
    stepper = show(qtbot, StepperPanel(document), 700, 400)
    explanation = show(qtbot, ExplanationPanel(document, stepper), 700, 400)
    assert SIGMOID.direction is FORWARD
    assert [stepper.step_box.itemText(i) for i in range(stepper.step_box.count())] == [
        "→ 1. Dense 1: inputs · weights", "→ 2. Dense 1: + biases", "→ 3. Sigmoid 1"]
    assert stepper.step_box.currentText() == "→ 3. Sigmoid 1"
    assert stepper.shape_label.text() == "2×2  (2 samples × 2 neurons)"
    assert stepper.view.model().headerData(1, Qt.Orientation.Horizontal) == "neuron 1"

    rect = stepper.view.visualRect(stepper.view.model().index(1, 1))
    qtbot.mouseClick(stepper.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    given = -1.0 * -2.0 + 0.5 * 1.0 + 0.25  # sample 1 into neuron 1: 2.75
    assert explanation.title_label.text() == "Sigmoid 1 — sample 1, neuron 1"
    assert explanation.formula_labels[0].text() == f"1 / (1 + e^(−2.75)) = {1 / (1 + np.exp(-given)):.4g}"

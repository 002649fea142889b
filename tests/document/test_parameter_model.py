"""The weights/biases table model: what it shows, what it accepts, and how it follows the document."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.document.parameter_model import ParameterTableModel

BAD_ENTRIES = ["abc", "", "nan", "inf", "-inf", "1e400", "1e39"]  # 1e39 overflows float32


@pytest.fixture
def messages(document):
    posted = []
    document.message_posted.connect(lambda message: posted.append(message.text))
    return posted


def test_models_pass_the_model_tester(document, qtmodeltester):
    for which in ("weights", "biases"):
        for number in (0, 1):
            qtmodeltester.check(ParameterTableModel(document, number, which))


def test_layout_is_the_books_inputs_by_neurons(document):
    document.set_neurons(0, 4)  # Dense 1 at stack index 0 becomes 2 × 4
    weights = ParameterTableModel(document, 0, "weights")
    biases = ParameterTableModel(document, 0, "biases")
    assert (weights.rowCount(), weights.columnCount()) == (2, 4)
    assert (biases.rowCount(), biases.columnCount()) == (1, 4)
    assert weights.headerData(1, Qt.Orientation.Vertical) == "input 1"
    assert weights.headerData(3, Qt.Orientation.Horizontal) == "neuron 3"
    assert biases.headerData(0, Qt.Orientation.Vertical) == "bias"


def test_edit_role_reads_back_bit_for_bit(document):
    model = ParameterTableModel(document, 1, "weights")
    matrix = document.dense(1).weights
    for row in range(matrix.shape[0]):
        for column in range(matrix.shape[1]):
            text = model.index(row, column).data(Qt.ItemDataRole.EditRole)
            assert matrix.dtype.type(float(text)) == matrix[row, column]


def test_colours_run_from_blue_through_white_to_red(document):
    document.paste_parameters(0, "weights", 0, 0, np.array([[-2.0, 0.0, 2.0], [1.0, -1.0, 0.5]]))
    model = ParameterTableModel(document, 0, "weights")
    negative, zero, positive = (
        model.index(0, c).data(Qt.ItemDataRole.BackgroundRole) for c in range(3)
    )
    assert negative.blue() > negative.red()
    assert positive.red() > positive.blue()
    assert min(zero.red(), zero.green(), zero.blue()) > 240
    # saturated cells get white text, pale ones black
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).lightness() > 200
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).lightness() < 50


def test_colours_follow_every_edit(document):
    document.paste_parameters(0, "weights", 0, 0, np.array([[-1.0, 0.5, 0.0], [0.0, 0.0, 0.0]]))
    model = ParameterTableModel(document, 0, "weights")
    negative = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert negative.blue() > negative.red() and model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).lightness() > 200
    document.set_parameter(0, "weights", 1, 1, 4.0)  # the colour map now saturates at 4
    paler = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert min(paler.red(), paler.green(), paler.blue()) > min(negative.red(), negative.green(), negative.blue())
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).lightness() < 50
    document.set_parameter(0, "weights", 0, 1, -4.0)
    now_negative = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert now_negative.blue() > now_negative.red()


def test_set_data_sets_the_parameter_as_one_undo_step(document):
    model = ParameterTableModel(document, 0, "weights")
    before = document.dense(0).weights.copy()
    assert model.setData(model.index(1, 2), "0.5")
    assert document.dense(0).weights[1, 2] == np.float32(0.5)
    assert model.index(1, 2).data() == "0.5"
    document.undo_stack.undo()
    assert np.array_equal(document.dense(0).weights, before)
    assert model.index(1, 2).data(Qt.ItemDataRole.EditRole) == str(before[1, 2])


@pytest.mark.parametrize("text", BAD_ENTRIES)
def test_bad_entry_keeps_the_value_and_says_so(document, messages, text):
    model = ParameterTableModel(document, 0, "weights")
    before = document.dense(0).weights.copy()
    assert not model.setData(model.index(0, 1), text)
    assert document.dense(0).weights.tobytes() == before.tobytes()
    assert document.undo_stack.count() == 0
    assert len(messages) == 1
    assert "the weight stays" in messages[0]
    assert f"{before[0, 1]:.4g}" in messages[0]


def test_follows_edits_with_data_changed_and_shape_changes_with_reset(document, qtbot):
    model = ParameterTableModel(document, 1, "weights")
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        document.set_parameter(1, "weights", 0, 0, 0.25)
    assert model.index(0, 0).data() == "0.25"
    with qtbot.waitSignal(model.modelReset):
        document.set_neurons(0, 5)  # Dense 2 now takes 5 inputs
    assert model.rowCount() == 5


def test_an_edit_elsewhere_does_not_touch_this_table(document, qtbot):
    model = ParameterTableModel(document, 1, "weights")
    with qtbot.assertNotEmitted(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        document.set_parameter(0, "biases", 0, 0, 1.0)


def test_an_edit_announces_only_the_cells_it_changed(document):
    """One weight: that cell (the colour scale kept); its layer's biases: nothing; a new largest
    magnitude recolours the whole table."""
    weights = ParameterTableModel(document, 0, "weights")
    biases = ParameterTableModel(document, 0, "biases")
    announced = {"weights": [], "biases": []}
    for name, model in (("weights", weights), ("biases", biases)):
        model.dataChanged.connect(
            lambda top, bottom, _roles, n=name: announced[n].append(
                (top.row(), top.column(), bottom.row(), bottom.column())
            )
        )
    matrix = document.dense(0).weights
    smaller = float(np.abs(matrix).max()) / 2
    document.set_parameter(0, "weights", 1, 2, smaller)
    assert announced == {"weights": [(1, 2, 1, 2)], "biases": []}
    document.undo_stack.undo()
    assert announced["weights"][-1] == (1, 2, 1, 2)
    document.set_parameter(0, "weights", 0, 1, 10.0)
    assert announced["weights"][-1] == (0, 0, matrix.shape[0] - 1, matrix.shape[1] - 1)
    document.paste_parameters(0, "weights", 1, 1, np.array([[3.0, -4.0]]))
    assert announced["weights"][-1] == (1, 1, 1, 2)  # the pasted block; the scale is still 10
    assert [weights.index(1, c).data() for c in (1, 2)] == ["3", "-4"]
    assert announced["biases"] == []


def test_survives_its_dense_disappearing(document, qtmodeltester):
    model = ParameterTableModel(document, 1, "biases")
    document.remove_layer(2)  # Dense 2
    assert model.rowCount() == 0 and model.columnCount() == 0
    qtmodeltester.check(model)
    document.undo_stack.undo()
    assert model.columnCount() == 3
    assert np.array_equal(model.matrix, document.dense(1).biases)


def test_paste_rejects_a_block_with_any_bad_value(document, messages):
    model = ParameterTableModel(document, 0, "weights")
    before = document.dense(0).weights.copy()
    assert not model.paste(0, 0, [["1", "2"], ["3", "x"]])
    assert not model.paste(0, 0, [["1", "2"], ["3"]])
    assert np.array_equal(document.dense(0).weights, before)
    assert "'x'" in messages[0] and "line 2" in messages[0]
    assert "line 1 has 2" in messages[1]

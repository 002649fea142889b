"""The batch table model: every sample's numbers, hand rows editable, impossible labels flagged."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.document.batch_model import FLAG_COLOR, HandBatchModel


@pytest.fixture
def hand(document):
    document.set_hand_rows([[0.5, 1.0], [-2.0, 0.25], [3.0, 4.0]], [0, 2, 1], "hand rows")
    return document


def test_model_passes_the_model_tester(hand, qtmodeltester):
    model = HandBatchModel(hand)
    qtmodeltester.check(model)
    hand.use_dataset("spiral", 5, 2, 0)
    qtmodeltester.check(model)


def test_generated_data_is_shown_read_only(document):
    model = HandBatchModel(document)
    X, y = document.data
    assert (model.rowCount(), model.columnCount()) == (300, 3)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "class"
    assert X.dtype.type(model.index(150, 1).data(Qt.ItemDataRole.EditRole)) == X[150, 1]
    assert model.index(150, 2).data() == str(y[150])
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, 0), "1")


def test_hand_cells_edit_the_batch_one_undo_step_each(hand):
    model = HandBatchModel(hand)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    before = hand.state.batch
    assert model.setData(model.index(1, 0), "7.5")
    assert model.setData(model.index(1, 2), "0")
    X, y = hand.data
    assert X[1, 0] == 7.5 and y[1] == 0
    assert model.index(1, 0).data() == "7.5"
    hand.undo_stack.undo()
    hand.undo_stack.undo()
    assert np.array_equal(hand.data[0], before.hand_X) and np.array_equal(hand.data[1], before.hand_y)


@pytest.mark.parametrize(("column", "text"), [(0, "abc"), (0, ""), (1, "inf"), (1, "1e400"), (2, "1.5"), (2, "x")])
def test_bad_cell_text_keeps_the_batch(hand, column, text):
    messages = []
    hand.message_posted.connect(lambda message: messages.append(message.text))
    model = HandBatchModel(hand)
    X, y = hand.data
    X, y = X.copy(), y.copy()
    count = hand.undo_stack.count()
    assert not model.setData(model.index(0, column), text)
    assert hand.data[0].tobytes() == X.tobytes() and np.array_equal(hand.data[1], y)
    assert hand.undo_stack.count() == count
    assert len(messages) == 1 and "stays" in messages[0]


def test_labels_the_output_cannot_give_are_flagged(hand, qtbot):
    model = HandBatchModel(hand)
    model.setData(model.index(0, 2), "3")  # the output has 3 classes: 0…2
    label = model.index(0, 2)
    assert label.data(Qt.ItemDataRole.BackgroundRole) == FLAG_COLOR
    assert "0…2" in label.data(Qt.ItemDataRole.ToolTipRole)
    assert list(model.flagged_rows()) == [0]
    assert hand.trace is not None and hand.trace.loss is None
    assert "label" in hand.why_no_loss.text.lower()
    with qtbot.waitSignal(model.dataChanged):
        hand.set_neurons(2, 4)  # Dense 2 gives 4 classes: label 3 becomes possible
    assert list(model.flagged_rows()) == []
    assert label.data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_negative_class_is_refused_and_the_label_kept(hand, qtbot):
    model = HandBatchModel(hand)
    before = int(hand.data[1][1])
    with qtbot.waitSignal(hand.message_posted) as message:
        assert not model.setData(model.index(1, 2), "-1")
    assert message.args[0].text.startswith("'-1' is not a class number")
    assert int(model.index(1, 2).data(Qt.ItemDataRole.EditRole)) == before == int(hand.data[1][1])


def test_width_change_resets_the_model(hand, qtbot):
    model = HandBatchModel(hand)
    X, y = hand.data
    with qtbot.waitSignal(model.modelReset):
        hand.set_hand_rows(np.hstack([X, np.ones((3, 1))]), y, "three inputs")
    assert model.columnCount() == 4
    assert model.headerData(2, Qt.Orientation.Horizontal) == "x2"
    assert hand.dense(0).weights.shape == (3, 3)  # the document adapted Dense 1

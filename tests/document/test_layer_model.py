"""The layer list model: one row per layer with the shape leaving it, neuron counts edited in place,
drag-and-drop moves, highlighting of the current step's layer, and no reset for a value change."""

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, Qt

from nnstudio.document import Batch
from nnstudio.document.layer_model import LayerListModel
from nnstudio.engine import Dense, Network

EDIT = Qt.ItemDataRole.EditRole


@pytest.fixture
def model(document, qtmodeltester):
    model = LayerListModel(document)
    qtmodeltester.check(model)  # the tester keeps watching every signal the model emits afterwards
    return model


def texts(model):
    return [model.index(row).data() for row in range(model.rowCount())]


def shapes_from_engine(document):
    """The shape after the batch and after each layer, from a fresh engine trace."""
    X, y = document.data
    trace = Network([layer.copy() for layer in document.layers]).trace(X, y)
    after = {step.layer_index: step.output.shape for step in trace.steps if step.layer_index >= 0}
    return [X.shape] + [after[i] for i in range(len(document.layers))]


def shape_text(shape):
    return f"{shape[0]}×{shape[1]}"


def test_every_row_shows_its_name_and_the_shape_leaving_it(document, model):
    rows = texts(model)
    names = ["batch", "Dense 1", "ReLU 1", "Dense 2", "Softmax 1"]
    assert len(rows) == len(names)
    for row, name, shape in zip(rows, names, shapes_from_engine(document), strict=True):
        assert row.startswith(name)
        assert row.endswith(shape_text(shape))
    assert "2→3" in rows[1] and "3→3" in rows[3]


def test_shapes_follow_the_batch(document, model):
    document.use_dataset("vertical", 40, 2, seed=1)
    rows = texts(model)
    assert rows[0].endswith("80×2")
    for row, shape in zip(rows, shapes_from_engine(document), strict=True):
        assert row.endswith(shape_text(shape))


def test_editing_the_neuron_count_resizes_the_dense_and_undo_restores_the_bits(document, model):
    before = [(layer.weights.copy(), layer.biases.copy()) for layer in document.layers if isinstance(layer, Dense)]
    dense_1 = model.index(1)
    assert dense_1.data(EDIT) == 3
    assert model.setData(dense_1, 5, EDIT)
    assert document.layers[0].weights.shape == (2, 5)
    assert np.array_equal(document.layers[0].weights[:, :3], before[0][0])
    assert "2→5" in model.index(1).data() and "5→3" in model.index(3).data()
    document.undo_stack.undo()
    after = [(layer.weights, layer.biases) for layer in document.layers if isinstance(layer, Dense)]
    for (w0, b0), (w1, b1) in zip(before, after, strict=True):
        assert w0.dtype == w1.dtype and np.array_equal(w0, w1) and np.array_equal(b0, b1)


@pytest.mark.parametrize("text", ["abc", "2.5", "", "3e2x"])
def test_a_neuron_count_that_is_not_a_whole_number_keeps_the_old_one_and_says_why(document, model, qtbot, text):
    with qtbot.waitSignal(document.message_posted) as message:
        assert not model.setData(model.index(1), text, EDIT)
    assert "keeps 3" in message.args[0].text and f"'{text}'" in message.args[0].text
    assert document.layers[0].n_neurons == 3
    assert document.undo_stack.count() == 0


def test_only_dense_rows_are_editable_and_the_batch_row_does_not_move(model):
    flags = [model.flags(model.index(row)) for row in range(model.rowCount())]
    editable = [bool(f & Qt.ItemFlag.ItemIsEditable) for f in flags]
    draggable = [bool(f & Qt.ItemFlag.ItemIsDragEnabled) for f in flags]
    assert editable == [False, True, False, True, False]
    assert draggable == [False, True, True, True, True]
    assert not model.setData(model.index(2), 4, EDIT)
    assert model.mimeData([model.index(0)]) is None


def drag(model, source_row, drop_row):
    """What a list view does when a row is dragged and dropped before ``drop_row``."""
    data = model.mimeData([model.index(source_row)])
    return model.dropMimeData(data, Qt.DropAction.MoveAction, drop_row, 0, QModelIndex())


def test_drag_and_drop_moves_a_layer_as_one_undo_step(document, model, qtbot):
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsMoved):
        assert drag(model, source_row=4, drop_row=3)  # Softmax dropped above Dense 2
    assert [layer.kind for layer in document.layers] == ["Dense", "ReLU", "Softmax", "Dense"]
    assert texts(model)[3].startswith("Softmax 1")
    assert drag(model, source_row=1, drop_row=-1)  # Dense 1 dropped below the last row
    assert [layer.kind for layer in document.layers] == ["ReLU", "Softmax", "Dense", "Dense"]
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert [layer.kind for layer in document.layers] == ["Dense", "ReLU", "Dense", "Softmax"]


def test_dropping_above_the_batch_makes_the_layer_the_first_and_dropping_in_place_does_nothing(document, model):
    assert drag(model, source_row=2, drop_row=0)
    assert [layer.kind for layer in document.layers] == ["ReLU", "Dense", "Dense", "Softmax"]
    assert not drag(model, source_row=2, drop_row=2)
    assert document.undo_stack.count() == 1


def test_a_resize_updates_rows_in_place_and_a_weight_edit_leaves_them_alone(document, model, qtbot):
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as changed:
        document.set_neurons(2, 4)
    assert (changed.args[0].row(), changed.args[1].row()) == (3, 4)  # Dense 2 and the Softmax after it
    assert texts(model)[4].endswith("300×4")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.dataChanged):
        document.set_parameter(0, "weights", 0, 0, 1.5)


def test_adding_and_removing_a_layer_inserts_and_removes_one_row(document, model, qtbot):
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsInserted) as inserted:
        document.add_layer("ReLU", 2)
    assert inserted.args[1:] == [3, 3]
    assert texts(model)[3].startswith("ReLU 2")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsRemoved) as removed:
        document.remove_layer(0)
    assert removed.args[1:] == [1, 1]
    assert model.rowCount() == len(document.layers) + 1


def test_replacing_the_stack_resets_the_rows(document, model, qtbot):
    state = document.state.replace(layers=(document.layers[0], document.layers[1]), batch=Batch(samples=10))
    with qtbot.waitSignal(model.modelReset):
        document.replace_state(state)
    assert texts(model)[0].endswith("30×2") and model.rowCount() == 3


def test_the_layer_of_the_current_step_is_highlighted(document, model):
    steps = document.trace.steps
    for step, record in enumerate(steps):
        document.selection.select_step(step)
        bold = [bool(model.index(row).data(Qt.ItemDataRole.FontRole)) for row in range(model.rowCount())]
        expected = [row == record.layer_index + 1 and record.layer_index >= 0 for row in range(model.rowCount())]
        assert bold == expected, record.label
        if record.layer_index >= 0:
            assert model.index(record.layer_index + 1).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_an_empty_stack_shows_only_the_batch(document, model):
    for _ in range(len(document.layers)):
        document.remove_layer(0)
    assert document.trace is None
    assert texts(model) == ["batch   300×2"]
    assert model.current_row() == -1

"""Choosing a TensorFlow Playground data set in the Batch panel: two classes, a noise level refused
out of range, kept in project files."""

import numpy as np
import pytest
from shown import show

from nnstudio.document import Batch
from nnstudio.document.project_file import Project, ProjectFileError, dumps, loads
from nnstudio.engine.playground_data import xor
from nnstudio.widgets.batch_editor import BatchPanel


@pytest.fixture
def panel(document, qtbot):
    return show(qtbot, BatchPanel(document), 420, 520)


def test_a_playground_set_has_two_classes_and_a_noise(panel, document, qtbot):
    assert not panel.noise.isEnabled()
    panel.source.setCurrentIndex(panel.source.findData("xor"))
    batch = document.state.batch
    assert (batch.kind, batch.classes) == ("xor", 2)
    assert panel.noise.isEnabled() and not panel.classes.isEnabled()
    panel.noise.setValue(0.3)
    assert document.state.batch.noise == pytest.approx(0.3)
    X, y = document.data
    expected_X, expected_y = xor(100, 0, document.state.batch.noise)
    assert np.array_equal(X, expected_X) and np.array_equal(y, expected_y)
    assert "xor data" in document.undo_stack.undoText() and "noise 0.3" in document.undo_stack.undoText()


def test_a_noise_out_of_range_is_refused_and_the_old_one_kept(document):
    document.use_dataset("circle", 50, 2, 0, 0.25)
    said = []
    document.message_posted.connect(lambda message: said.append(message.text))
    assert not document.use_dataset("circle", 50, 2, 0, 0.9)
    assert document.state.batch.noise == 0.25 and "stays 0.25" in said[0]


def test_noise_is_saved_and_a_file_with_a_bad_noise_is_refused(document):
    document.use_dataset("gaussian", 40, 2, 5, 0.15)
    text = dumps(Project(document.state))
    assert loads(text).state.batch.same_as(document.state.batch)
    with pytest.raises(ProjectFileError, match="noise"):
        loads(text.replace('"noise": 0.15', '"noise": 7'))
    assert '"noise"' not in dumps(Project(document.state.replace(batch=Batch("spiral"))))


def test_outputs_beyond_the_data_sets_classes_are_pointed_out(document, qtbot):
    """A Playground set has two classes and the book's network three outputs: the third stands for
    no sample (a class the data plot may even colour), so the Layers panel says how to match."""
    from nnstudio.widgets.layer_stack import LayerStackPanel

    panel = show(qtbot, BatchPanel(document), 420, 520)
    layers = show(qtbot, LayerStackPanel(document), 372, 300)
    assert document.unused_outputs is None and not layers.problem_label.isVisible()
    panel.source.setCurrentIndex(panel.source.findData("circle"))
    qtbot.waitUntil(lambda: layers.problem_label.isVisible())
    text = layers.problem_label.text()
    assert "2 classes" in text and "class 2 stands for no sample" in text and "Dense 2's neurons to 2" in text
    assert document.unused_outputs.text == text
    document.set_neurons(2, 2)  # Dense 2
    qtbot.waitUntil(lambda: not layers.problem_label.isVisible())
    assert document.unused_outputs is None


def test_several_unused_outputs_are_named_as_a_range_and_hand_rows_are_left_alone(document):
    document.use_dataset("spiral", 50, 2, 0, 0.0)
    document.set_neurons(2, 5)
    assert "classes 2…4 stand for no sample" in document.unused_outputs.text
    document.set_batch(Batch("hand", hand_X=np.zeros((3, 2)), hand_y=np.array([0, 1, 1])))
    document.set_neurons(2, 3)
    # the notebook's class targets [0, 1, 1] against three outputs: typed rows say what they mean
    assert document.trace.loss is not None and document.unused_outputs is None

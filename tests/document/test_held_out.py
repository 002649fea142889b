"""A share of the batch held out as test data (TensorFlow Playground's ratio of training to test
data): the rows split, the network trained and shown on the rest, the choice undone, saved and
exported."""

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_export_script import printed_weights, run, trained

from nnstudio.document import Batch, Document, spiral_classifier
from nnstudio.document.export_script import export_script
from nnstudio.document.project_file import Project, ProjectFileError, dumps, load, loads, save
from nnstudio.document.state import UnseenData
from nnstudio.engine import Dense
from nnstudio.engine.datasets import held_out_rows

HALF = UnseenData("held_out", seed=4, share=50)


@given(st.integers(0, 2000), st.integers(10, 90), st.integers(0, 2**31 - 1))
def test_the_rows_split_in_two_parts_in_order_with_the_share_held_out(n, share, seed):
    training, test = held_out_rows(n, share, seed)
    assert np.array_equal(np.sort(np.concatenate([training, test])), np.arange(n))
    assert (np.diff(training) > 0).all() and (np.diff(test) > 0).all()
    if n >= 2:
        assert 1 <= len(test) <= n - 1 and abs(len(test) - n * share / 100) <= 1
    else:
        assert len(test) == 0


def test_the_seed_picks_the_rows_and_the_same_seed_picks_them_again():
    assert np.array_equal(held_out_rows(300, 20, 1)[1], held_out_rows(300, 20, 1)[1])
    assert not np.array_equal(held_out_rows(300, 20, 1)[1], held_out_rows(300, 20, 2)[1])


def test_the_document_trains_and_shows_the_rows_not_held_out(qtbot):
    document = Document(spiral_classifier())
    X_all, y_all = document.data
    with qtbot.waitSignal(document.batch_changed):
        document.set_test(HALF)
    assert document.undo_stack.undoText() == "Hold out 50% of the batch as test data (rows picked with seed 4)"
    X, y = document.data
    X_test, y_test = document.held_out
    assert len(X) == len(X_test) == 150
    # Together the two parts are the batch's rows, each once (the spiral repeats only its centre).
    def labelled(X, y):
        return sorted(zip(X.tolist(), y.tolist(), strict=True))
    assert labelled(np.concatenate([X, X_test]), np.concatenate([y, y_test])) == labelled(X_all, y_all)
    assert len(document.trace.output) == 150
    document.undo_stack.undo()
    assert np.array_equal(document.data[0], X_all) and document.held_out is None


def test_an_editable_batch_holds_nothing_out():
    document = Document(spiral_classifier().replace(test=HALF))
    document.set_hand_rows([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [0, 1, 2], "Type three rows")
    assert len(document.data[0]) == 3 and document.held_out is None


def test_a_run_measures_the_held_out_rows_every_epoch(qtbot):
    document = Document(spiral_classifier().replace(test=HALF, epochs=4))
    start = document.state
    with qtbot.waitSignal(document.trainer.running_changed, timeout=20_000, check_params_cb=lambda on: not on):
        document.trainer.train()
    network, optimizer = start.network(), start.optimizer.build()
    X, y = spiral_classifier().batch.data()
    training, test = held_out_rows(len(X), 50, 4)
    expected = []
    for _ in range(4):
        expected.append(float(network.trace(X[test], y[test]).loss))
        network.train_epoch(X[training], y[training], optimizer)
    assert document.history[-1].test_loss == expected
    trained_layers = [layer for layer in document.layers if isinstance(layer, Dense)]
    assert [layer.weights.tobytes() for layer in trained_layers] == \
        [layer.weights.tobytes() for layer in network.dense_layers]


def test_the_share_is_saved_and_opened_again(tmp_path):
    path = tmp_path / "held.nnstudio"
    save(Project(spiral_classifier().replace(test=UnseenData("held_out", seed=9, share=30))), path)
    test = load(path).state.test
    assert (test.kind, test.seed, test.share) == ("held_out", 9, 30)


def test_the_exported_script_holds_out_the_same_rows_and_trains_as_the_app(tmp_path):
    state = spiral_classifier().replace(batch=Batch("spiral", 40, 3, 2), test=UnseenData("held_out", 7, share=30))
    stdout = run(export_script(state), tmp_path, epochs=20)
    expected, _ = trained(state, 20)
    dense = [layer for layer in expected.layers if isinstance(layer, Dense)]
    weights = [array for layer in dense for array in (layer.weights, layer.biases)]
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == [array.tobytes() for array in weights]


def test_a_share_beyond_the_range_in_a_file_is_refused_by_name(tmp_path):
    data = json.loads(dumps(Project(spiral_classifier().replace(test=HALF))))
    data["test"]["share"] = 95
    with pytest.raises(ProjectFileError, match=r'"share" in test is 95; it must be between 10 and 90\.'):
        loads(json.dumps(data))

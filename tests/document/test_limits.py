"""The document refuses an edit past a limit with a sentence, so whatever it holds a file may hold;
the CSV import and the project file refuse what is past one, naming it."""

import json

import numpy as np
import pytest

from nnstudio.document import limits
from nnstudio.document.csv_batch import CsvError, parse_batch
from nnstudio.document.project_file import Project, ProjectFileError, dumps, loads
from nnstudio.document.state import spiral_classifier


def messages(document):
    posted = []
    document.message_posted.connect(lambda message: posted.append(message.text))
    return posted


def test_widening_layers_stops_at_the_weights_limit_and_says_so(document):
    posted = messages(document)
    for index in (3, 4, 5):
        document.add_layer("Dense", index, 3)
    for index in (0, 2, 3, 4):  # Dense 1 to 4 at 512 neurons: Dense 2 to 4 are 512 × 512
        assert document.set_neurons(index, 512)
    before = document.state
    assert not document.set_neurons(5, 512)  # Dense 5 too: 4 × 2¹⁸ weights and more
    assert document.state is before
    assert f"{limits.MAX_PARAMETERS:,}" in posted[-1] and "stays as it was" in posted[-1]


def test_rows_past_the_limit_are_refused_and_the_batch_kept(document):
    posted = messages(document)
    X = np.zeros((limits.MAX_ROWS, 1))
    assert document.set_hand_rows(X, np.zeros(limits.MAX_ROWS), "Full")
    full = document.state.batch
    assert not document.set_hand_rows(np.zeros((limits.MAX_ROWS + 1, 1)), np.zeros(limits.MAX_ROWS + 1), "One more")
    assert document.state.batch is full and f"{limits.MAX_ROWS:,}" in posted[-1]
    assert not document.set_hand_rows(np.zeros((limits.MAX_ROWS, 11)), np.zeros(limits.MAX_ROWS), "Wider")
    assert document.state.batch is full and f"{limits.MAX_ENTRIES:,}" in posted[-1]


@pytest.mark.parametrize(
    ("rows", "inputs", "named"),
    [(limits.MAX_ROWS + 1, 1, limits.MAX_ROWS), (1, limits.MAX_INPUTS + 1, limits.MAX_INPUTS),
     (2_001, 500, limits.MAX_ENTRIES)],
)
def test_a_csv_past_a_limit_is_refused_naming_it(rows, inputs, named):
    text = "\n".join([",".join(["1"] * (inputs + 1))] * rows)
    with pytest.raises(CsvError, match=f"limit is {named:,}"):
        parse_batch(text)


def test_a_file_with_more_weights_than_the_limit_is_refused_naming_it(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PARAMETERS", 20)  # the notebook's network has 9 + 12 of them
    with pytest.raises(ProjectFileError, match="21 weights and biases; the limit is 20"):
        loads(dumps(Project(spiral_classifier())))


def rows(width, labels):
    return {"X": {"dtype": "float64", "shape": [len(labels), width], "values": [[0.0] * width] * len(labels)},
            "y": {"dtype": "int64", "shape": [len(labels)], "values": labels}}


def in_hand_batch(data, width, labels):
    given = rows(width, labels)
    data["batch"].update(kind="hand", hand_X=given["X"], hand_y=given["y"])


def in_test_data(data, width, labels):
    data["test"].update(kind="rows", **rows(width, labels))


@pytest.mark.parametrize("where", [in_hand_batch, in_test_data])
@pytest.mark.parametrize(
    ("width", "labels", "sentence"),
    [(2, [limits.MAX_LABEL + 1], f"the most is {limits.MAX_LABEL}"),
     (1, [0] * (limits.MAX_ROWS + 1), f"limit is {limits.MAX_ROWS:,}")],
    ids=["label", "rows"],
)
def test_rows_in_a_file_past_a_limit_are_refused_naming_it(where, width, labels, sentence):
    data = json.loads(dumps(Project(spiral_classifier().replace(layers=()))))
    in_hand_batch(data, width, [0])  # the test rows must be as wide as the batch
    where(data, width, labels)
    with pytest.raises(ProjectFileError, match=sentence):
        loads(json.dumps(data))


def test_rows_times_weights_past_the_work_an_edit_answers_in_a_second_are_refused(document):
    from nnstudio.document import Batch

    posted = messages(document)
    assert document.set_neurons(0, 512) and document.set_neurons(2, 512)  # 2-512-512-3 after a Dense(512, 3)
    document.add_layer("Dense", 3, 3)
    weights = sum(layer.weights.size for layer in document.state.network().dense_layers)
    assert weights == 2 * 512 + 512 * 512 + 512 * 3
    assert document.set_batch(Batch("spiral", 2000, 3, 0))  # 6 000 rows: 1.6 G multiply-adds a pass
    kept = document.state
    assert not document.set_batch(Batch("spiral", 10000, 3, 0))  # 30 000 rows: 8 G
    assert document.state is kept
    assert f"{limits.MAX_WORK:,}" in posted[-1] and "every edit answers within a second" in posted[-1]
    data = json.loads(dumps(Project(kept)))
    data["batch"]["samples"] = 10000
    with pytest.raises(ProjectFileError, match="multiply-adds"):
        loads(json.dumps(data))


def test_rows_times_the_widths_of_every_layer_past_the_values_an_edit_can_hold_are_refused(document):
    from nnstudio.document import Batch

    posted = messages(document)
    assert document.set_neurons(0, 512)  # Dense(2, 512) → ReLU → Dense(512, 3) → Softmax: 1 030 values a row
    assert document.set_batch(Batch("spiral", 6000, 3, 0))  # 18 000 rows: 18.5 M values, under the limit
    kept = document.state
    assert not document.set_batch(Batch("two spirals", 39000, 2, 0))  # the monkey's 78 000 rows
    assert document.state is kept
    assert f"{limits.MAX_VALUES:,}" in posted[-1] and "values a pass" in posted[-1]


def test_a_wide_softmax_counts_its_jacobian_in_the_work_of_a_pass(document):
    from nnstudio.document import Batch

    posted = messages(document)
    assert document.set_neurons(2, 512)  # Dense(3, 512) → Softmax: a 512 × 512 Jacobian a sample going back
    assert document.set_batch(Batch("spiral", 100, 3, 0))
    kept = document.state
    assert not document.set_batch(Batch("spiral", 1000, 3, 0))  # 3 000 rows: 6.3 G with the Jacobians
    assert document.state is kept
    assert "Jacobian" in posted[-1] and f"{limits.MAX_WORK:,}" in posted[-1]


def test_a_softmax_before_the_last_layer_counts_the_books_loop_over_samples(document):
    # the monkey's seed 3: 75 018 rows through … ReLU → Softmax → Softmax took 1 s a walk and 2.5 s to reopen
    from nnstudio.document import Batch
    from nnstudio.engine import Softmax

    posted = messages(document)
    assert document.set_neurons(0, 68)
    assert document.set_batch(Batch("spiral", 25006, 3, 0))  # a last Softmax alone goes back by the shortcut
    kept = document.state
    document.add_layer("Softmax")
    assert document.state is kept
    assert posted[-1].startswith("75,018 rows through this stack") and f"{limits.MAX_WORK:,}" in posted[-1]
    fewer = kept.replace(batch=Batch("spiral", 12000, 3, 0), layers=(*kept.layers, Softmax()))
    assert limits.over_limit(fewer) == ""  # 36 000 rows: half a second's loop

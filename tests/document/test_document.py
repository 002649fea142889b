"""The document: one undo step per edit, bit-exact undo, adapting Dense layers, coalesced traces."""

import numpy as np
import pytest

from nnstudio.document import Batch, Document, State
from nnstudio.document.messages import Severity
from nnstudio.engine import Dense, Network, ReLU, Softmax, spiral


def arrays(document):
    return [(layer.weights.copy(), layer.biases.copy()) for layer in document.layers if isinstance(layer, Dense)]


def same_arrays(first, second):
    return len(first) == len(second) and all(
        a.dtype == c.dtype and np.array_equal(a, c) and np.array_equal(b, d)
        for (a, b), (c, d) in zip(first, second, strict=True)
    )


def test_first_state_is_the_notebooks_spiral_classifier(document):
    kinds = [layer.kind for layer in document.layers]
    assert kinds == ["Dense", "ReLU", "Dense", "Softmax"]
    X, y = document.data
    expected_X, expected_y = spiral(100, 3)
    assert np.array_equal(X, expected_X) and np.array_equal(y, expected_y)
    network = Network([layer.copy() for layer in document.layers])
    expected = network.trace(expected_X, expected_y)
    assert np.array_equal(document.trace.output, expected.output)
    assert document.trace.loss == expected.loss
    assert document.why_no_trace is None and document.why_no_loss is None


def test_each_edit_is_one_undo_step_and_undo_restores_bits(document):
    before = arrays(document)
    document.set_parameter(0, "weights", 1, 2, 0.123456789)
    document.add_layer("Dense", 2, n_neurons=7)
    document.set_neurons(0, 5)
    document.move_layer(1, 0)
    document.set_numerics("float64")
    document.reinitialise(seed=3, scale=0.01)
    assert document.undo_stack.count() == 6
    after = arrays(document)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert same_arrays(arrays(document), before)
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
    assert same_arrays(arrays(document), after)


def test_each_edit_of_one_cell_is_an_undo_step_of_its_own(document):
    document.set_parameter(0, "weights", 0, 0, 1.0)
    document.set_parameter(0, "weights", 0, 0, 2.0)
    document.set_parameter(0, "weights", 0, 1, 3.0)
    assert document.undo_stack.count() == 3
    assert "to 2" in document.undo_stack.text(1)


def test_non_finite_value_keeps_the_old_one_and_says_so(document, qtbot):
    old = document.dense(0).weights.copy()
    with qtbot.waitSignal(document.message_posted) as message:
        assert not document.set_parameter(0, "weights", 0, 0, float("inf"))
    assert np.array_equal(document.dense(0).weights, old)
    assert message.args[0].severity == Severity.ERROR and "stays" in message.args[0].text
    assert document.undo_stack.count() == 0


def test_a_value_too_large_for_float32_is_refused(document):
    old = document.dense(0).weights.copy()
    assert document.state.numerics == "nnfs"
    assert not document.set_parameter(0, "weights", 0, 0, 1e300)
    assert np.array_equal(document.dense(0).weights, old)


def test_inserting_a_dense_adapts_the_next_one_and_says_so(document, qtbot):
    old_second = document.dense(1).weights.copy()
    with qtbot.waitSignal(document.message_posted) as message:
        document.add_layer("Dense", 2, n_neurons=5)
    assert message.args[0].severity == Severity.WARNING
    assert "Dense 3 now takes 5 inputs (was 3)" in message.args[0].text
    adapted = document.dense(2).weights
    assert adapted.shape == (5, 3)
    assert np.array_equal(adapted[:3], old_second)
    assert np.isfinite(adapted).all() and np.any(adapted[3:] != 0)
    document.undo_stack.undo()
    assert np.array_equal(document.dense(1).weights, old_second)


def test_hand_batch_of_four_columns_adapts_the_first_dense(document):
    first = document.dense(0).weights.copy()
    document.set_hand_rows(np.ones((2, 4)), [0, 1], "Type two rows")
    assert document.dense(0).weights.shape == (4, 3)
    assert np.array_equal(document.dense(0).weights[:2], first)
    assert document.trace is not None and document.trace.output.shape == (2, 3)


def test_labels_outside_the_classes_leave_out_the_loss_with_a_sentence(document):
    document.set_hand_rows([[0.1, 0.2], [0.3, 0.4]], [0, 7], "Type two rows")
    assert document.trace is not None
    assert document.trace.loss is None
    assert document.why_no_trace is None
    assert document.why_no_loss.severity == Severity.WARNING
    assert "label 7" in document.why_no_loss.text.lower()
    assert "loss is left out" in document.why_no_loss.text


def test_a_stack_that_cannot_run_says_why(document):
    for _ in range(len(document.layers)):
        document.remove_layer(0)
    assert document.trace is None
    assert document.why_no_trace.severity == Severity.ERROR
    assert "no layers" in document.why_no_trace.text


def test_trace_is_recomputed_once_per_burst(document, qtbot):
    document.trace  # noqa: B018 - computes the first trace
    emitted = []
    document.trace_changed.connect(lambda: emitted.append(1))
    with qtbot.waitSignal(document.trace_changed):
        for value in (0.1, 0.2, 0.3):
            document.set_parameter(0, "biases", 0, 0, value)
    qtbot.wait(20)
    assert emitted == [1]


def test_replace_state_starts_a_clean_history(document):
    document.set_parameter(0, "weights", 0, 0, 1.0)
    state = State(layers=(Dense(2, 2, rng=np.random.RandomState(1)), ReLU(), Softmax()), numerics="float64",
                  batch=Batch("vertical", 10, 2, 0))
    document.replace_state(state)
    assert document.undo_stack.count() == 0 and document.undo_stack.isClean()
    assert document.trace.output.shape == (20, 2)


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_an_overflow_is_a_sentence_naming_the_step_not_a_numpy_warning(document):
    document.set_hand_rows([[1.0, 1.0]], [0], "Type one row")
    document.set_parameter(0, "weights", 0, 0, 3e38)
    document.set_parameter(0, "weights", 1, 0, 3e38)  # 3e38 + 3e38 passes float32's largest value
    assert document.trace is None
    assert "Dense 1: inputs · weights" in document.why_no_trace.text
    assert "overflowed float32" in document.why_no_trace.text


def notebook_initialisation(seed, scale, dtype):
    """The book's constructors after ``np.random.seed(seed)``, drawn here independently."""
    rng = np.random.RandomState(seed)
    first = scale * rng.randn(2, 3).astype(dtype)
    second = scale * rng.randn(3, 3).astype(dtype)
    return first, second


def test_a_network_built_by_hand_starts_as_the_default_one(document):
    for _ in range(len(document.layers)):
        document.remove_layer(0)
    document.add_layer("Dense", n_neurons=3)
    document.add_layer("ReLU")
    document.add_layer("Dense", n_neurons=3)
    document.add_layer("Softmax")
    first, second = notebook_initialisation(0, 0.10, np.float32)
    assert np.array_equal(document.dense(0).weights, first)
    assert np.array_equal(document.dense(1).weights, second)


def test_initialising_each_layer_in_turn_equals_initialising_all(document):
    document.reinitialise(seed=5, scale=0.01, number=1)
    document.reinitialise(seed=5, scale=0.01, number=0)
    one_by_one = arrays(document)
    document.reinitialise(seed=5, scale=0.01)
    assert same_arrays(arrays(document), one_by_one)
    first, second = notebook_initialisation(5, 0.01, np.float32)
    assert np.array_equal(document.dense(0).weights, first)
    assert np.array_equal(document.dense(1).weights, second)


def test_minus_zero_to_zero_is_a_change_the_views_hear_of(document, qtbot):
    document.set_parameter(0, "weights", 0, 0, -0.0)
    with qtbot.waitSignal(document.network_changed):
        document.set_parameter(0, "weights", 0, 0, 0.0)
    assert not np.signbit(document.dense(0).weights[0, 0])


def test_a_data_set_bigger_than_a_project_file_may_hold_is_refused(document, qtbot):
    before = document.state
    with qtbot.waitSignal(document.message_posted) as message:
        assert not document.use_dataset("spiral", 10_000, 11, 0)
    assert "110,000 rows" in message.args[0].text
    assert document.state is before and document.undo_stack.count() == 0
    assert document.use_dataset("spiral", 10_000, 10, 0)  # 100 000 rows: the most a file opens


def test_numerics_that_cannot_hold_a_weight_are_refused_and_name_it(document, qtbot):
    document.set_numerics("float64")
    document.set_parameter(0, "biases", 0, 2, 1e39)  # fine in float64, beyond float32's largest
    before, steps = document.state, document.undo_stack.count()
    with qtbot.waitSignal(document.message_posted) as message:
        document.set_numerics("nnfs")
    assert message.args[0].text == (
        "Dense 1 biases [0, 2] = 1e+39 does not fit in float32 — the network stays in float64.")
    assert document.state is before and document.undo_stack.count() == steps


def test_a_button_of_a_layer_just_removed_changes_nothing(document):
    document.remove_layer(2)  # Dense 2 goes: only Dense 1 is left
    steps = document.undo_stack.count()
    document.reinitialise(0, 0.1, number=1)
    document.zero_layer(1)
    assert document.undo_stack.count() == steps


def test_resizing_a_layer_that_is_gone_or_not_a_dense_changes_nothing(document):
    steps = document.undo_stack.count()
    assert not document.set_neurons(9, 4)  # no layer there
    assert not document.set_neurons(3, 4)  # the Softmax
    assert document.undo_stack.count() == steps


def engine_output(document):
    X, _ = document.data
    return Network(layer.copy() for layer in document.layers).trace(X).output


def test_a_slot_hearing_of_a_network_edit_reads_the_new_trace(document):
    document.trace  # noqa: B018 - the first trace is computed, as a view at start does
    seen = []
    document.network_changed.connect(lambda: seen.append(document.trace.output))
    document.set_parameter(0, "weights", 0, 0, 5.0)
    assert len(seen) == 1
    np.testing.assert_array_equal(seen[0], engine_output(document))
    document.add_layer("Dense", 4, n_neurons=2)
    assert len(seen) == 2 and seen[1].shape == (300, 2)


def test_a_slot_hearing_of_a_batch_edit_reads_the_new_trace(document):
    document.trace  # noqa: B018
    seen = []
    document.batch_changed.connect(lambda: seen.append(document.trace.output))
    assert document.use_dataset("vertical", 40, 3, 7)
    assert len(seen) == 1 and seen[0].shape == (120, 3)
    np.testing.assert_array_equal(seen[0], engine_output(document))
    document.undo_stack.undo()
    assert seen[-1].shape == (300, 3)


def test_a_replaced_state_is_what_a_slot_reads(document):
    document.trace  # noqa: B018
    seen = []
    document.batch_changed.connect(lambda: seen.append(document.trace.output.shape))
    document.replace_state(State(layers=(Dense(2, 2, rng=np.random.RandomState(1)),), numerics="float64",
                                 batch=Batch("vertical", 10, 2, 0)))
    assert seen == [(20, 2)]


def test_a_caption_past_the_limit_is_refused_and_the_old_one_kept(qtbot):
    from nnstudio.document.limits import MAX_NOTE

    document = Document()
    messages = []
    document.message_posted.connect(lambda message: messages.append(message.text))
    assert document.set_note("Look at the regions.")
    assert not document.set_note("x" * (MAX_NOTE + 1))
    assert document.state.note == "Look at the regions."
    assert messages[-1].startswith(f"A caption has at most {MAX_NOTE:,} characters")

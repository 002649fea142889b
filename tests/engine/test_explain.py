"""The explanation of one number, against the notebook's own numbers and independent numpy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nnstudio.engine import Dense, Network, ReLU, Softmax
from nnstudio.engine.arithmetic_text import ELLIPSIS, MINUS, number
from nnstudio.engine.forward_steps import BIAS

# The notebook's "4 inputs into 3 neurons" cell, then a batch of three samples.
NOTEBOOK_WEIGHTS = np.array([[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]).T
NOTEBOOK_BIASES = np.array([[2.0, 3.0, 0.5]])
NOTEBOOK_X = np.array([[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]])
NOTEBOOK_Y = np.array([0, 1, 1])


def dense(weights, biases):
    layer = Dense(*np.shape(weights))
    layer.weights = np.array(weights, dtype=np.float64)
    layer.biases = np.array(biases, dtype=np.float64)
    return layer


def first_neuron_trace():
    """The notebook's first neuron: one sample through one Dense(4, 1), in float64."""
    network = Network([dense([[0.2], [0.8], [-0.5], [1.0]], [[2.0]])])
    return network.trace(np.array([[1.0, 2.0, 3.0, 2.5]]), np.array([0]))


def notebook_network():
    return Network([dense(NOTEBOOK_WEIGHTS, NOTEBOOK_BIASES), ReLU(), Softmax()])


def plain(value):
    """Independent formatting of an expected value: 4 significant digits, real minus sign."""
    return f"{value:.4g}".replace("-", MINUS)


def explain_cell(network, step, row, column):
    trace = network.trace(NOTEBOOK_X, NOTEBOOK_Y)
    return trace.explain(step, row, column, labels=NOTEBOOK_Y)


def test_first_neuron_reads_4_8():
    trace = first_neuron_trace()
    bias_step = [s.kind for s in trace.steps].index(BIAS)
    explanation = trace.explain(bias_step, 0, 0, labels=np.array([0]))
    assert explanation.formulas[0].shown == "1.0×0.2 + 2.0×0.8 + 3.0×(−0.5) + 2.5×1.0 + 2.0 = 4.8"
    assert explanation.formulas[0].shown.endswith("= 4.8")


def test_dot_step_reads_2_8_without_the_bias():
    explanation = first_neuron_trace().explain(0, 0, 0)
    assert explanation.formulas[0].shown == "1.0×0.2 + 2.0×0.8 + 3.0×(−0.5) + 2.5×1.0 = 2.8"


def test_bias_step_also_shows_the_dot_product_plus_the_bias():
    network = notebook_network()
    explanation = explain_cell(network, 1, 1, 1)
    dot = NOTEBOOK_X[1] @ NOTEBOOK_WEIGHTS[:, 1]
    total = dot + NOTEBOOK_BIASES[0, 1]
    assert explanation.formulas[1].shown == f"{plain(dot)} + 3.0 = {plain(total)}"
    assert explanation.formulas[0].shown.endswith(f"+ 3.0 = {plain(total)}")


def test_relu_of_a_negative_value_is_zero():
    network = notebook_network()
    before = NOTEBOOK_X @ NOTEBOOK_WEIGHTS + NOTEBOOK_BIASES
    assert before[1, 1] < 0
    explanation = explain_cell(network, 2, 1, 1)
    assert explanation.formulas[0].shown == f"max(0, {plain(before[1, 1])}) = 0"
    assert "not positive" in explanation.notes[0]


def test_relu_of_a_positive_value_passes_through():
    network = notebook_network()
    before = NOTEBOOK_X @ NOTEBOOK_WEIGHTS + NOTEBOOK_BIASES
    explanation = explain_cell(network, 2, 0, 0)
    assert explanation.formulas[0].shown == f"max(0, {plain(before[0, 0])}) = {plain(before[0, 0])}"


def test_softmax_shows_both_forms_and_says_the_maximum_is_subtracted():
    network = notebook_network()
    row = np.maximum(0, NOTEBOOK_X @ NOTEBOOK_WEIGHTS + NOTEBOOK_BIASES)[0]  # 4.8, 1.21, 2.385
    probability = np.exp(row[0]) / np.exp(row).sum()
    explanation = explain_cell(network, 3, 0, 0)
    plain_form, shifted_form, computed = (f.shown for f in explanation.formulas)
    assert plain_form == f"e^4.8 / (e^4.8 + e^1.21 + e^2.385) = {plain(probability)}"
    assert shifted_form == (
        f"e^(4.8−4.8) / (e^(4.8−4.8) + e^(1.21−4.8) + e^(2.385−4.8)) = {plain(probability)}"
    )
    assert computed.startswith("1.0 / (1.0 + ")
    assert plain(np.exp(1.21 - 4.8)) in computed
    assert "row maximum (4.8)" in " ".join(explanation.notes)


def test_loss_is_minus_log_of_the_true_class_probability_and_the_mean():
    network = notebook_network()
    relu = np.maximum(0, NOTEBOOK_X @ NOTEBOOK_WEIGHTS + NOTEBOOK_BIASES)
    probabilities = np.exp(relu) / np.exp(relu).sum(axis=1, keepdims=True)
    losses = -np.log(probabilities[range(3), NOTEBOOK_Y])
    explanation = explain_cell(network, 4, 2, 0)
    sample_line, mean_line = (f.shown for f in explanation.formulas)
    assert sample_line == f"−log({plain(probabilities[2, 1])}) = {plain(losses[2])}"
    assert mean_line.startswith("mean of 3 losses = (")
    assert mean_line.endswith(f") / 3 = {plain(losses.mean())}")
    assert "class 1" in explanation.title


def test_a_batch_of_one_sample_has_one_loss_in_the_singular():
    network = notebook_network()
    trace = network.trace(NOTEBOOK_X[:1], NOTEBOOK_Y[:1])
    explanation = trace.explain(4, 0, 0, labels=NOTEBOOK_Y[:1])
    assert explanation.formulas[1].shown.startswith("mean of 1 loss = (")
    assert explanation.notes[-1] == "The batch has one sample: its loss is the batch's loss."


def test_the_mean_of_a_long_batch_is_shortened_and_its_full_sum_has_every_loss():
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 2, size=20)
    network = Network([dense([[1.0, -1.0], [0.5, 2.0]], [[0.0, 0.1]]), Softmax()])
    logits = X @ np.array([[1.0, -1.0], [0.5, 2.0]]) + [0.0, 0.1]
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    losses = -np.log(np.clip(probabilities[range(20), y], 1e-7, 1 - 1e-7))
    mean = network.trace(X, y).explain(3, 0, 0, labels=y).formulas[1]
    assert mean.shortened and ELLIPSIS in mean.shown
    assert mean.full == f"mean of 20 losses = ({' + '.join(map(plain, losses))}) / 20 = {plain(losses.mean())}"


def test_a_vanishing_probability_is_clipped_and_says_so():
    network = Network([dense([[1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0]]), Softmax()])
    X, y = np.array([[200.0, 0.0]]), np.array([1])
    trace = network.trace(X, y)
    explanation = trace.explain(3, 0, 0, labels=y)
    assert explanation.formulas[0].shown == f"−log(1e−7) = {plain(-np.log(1e-7))}"
    assert any("clipped" in note for note in explanation.notes)


def test_a_sure_probability_is_clipped_below_one():
    network = Network([dense([[1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0]]), Softmax()])
    X, y = np.array([[200.0, 0.0]]), np.array([0])
    explanation = network.trace(X, y).explain(3, 0, 0, labels=y)
    assert explanation.formulas[0].shown.startswith("−log(1 − 1e−7) = ")
    assert any("clipped" in note for note in explanation.notes)


def test_long_rows_are_shortened_and_the_full_sum_is_kept():
    rng = np.random.default_rng(1)
    weights = rng.normal(size=(10, 2))
    X = rng.normal(size=(2, 10))
    network = Network([dense(weights, [[0.5, -0.5]])])
    explanation = network.trace(X).explain(1, 1, 0)
    formula = explanation.formulas[0]
    assert ELLIPSIS in formula.shown and ELLIPSIS not in formula.full
    shown_terms = formula.shown.split(" = ")[0].split(" + ")
    full_terms = formula.full.split(" = ")[0].split(" + ")
    assert len(full_terms) == 11  # ten products and the bias
    assert shown_terms == [*full_terms[:3], ELLIPSIS, *full_terms[-2:]]  # the last product, then the bias
    expected = X[1] @ weights[:, 0] + 0.5
    assert formula.shown.endswith(f"= {plain(expected)}")
    assert formula.full.endswith(f"= {plain(expected)}")


def test_number_writes_floats_as_the_notebook_prints_them():
    assert [number(v) for v in (2.0, 0.2, -0.5, 0.0, -0.0, 4.800000000000001, 1234567.0)] == [
        "2.0", "0.2", "−0.5", "0", "0", "4.8", "1.235e+06",
    ]


@given(arrays(np.float64, st.integers(1, 6), elements=st.floats(-1e6, 1e6)))
def test_number_keeps_four_significant_digits(values):
    for value in values:
        text = number(value).replace(MINUS, "-")
        assert abs(float(text) - value) <= 5e-4 * abs(value) + 1e-300


finite = st.floats(-5, 5, allow_nan=False, width=32)


@st.composite
def small_networks(draw):
    """A random Dense → ReLU → Dense → Softmax network, a batch and labels, in float64 or float32."""
    dtype = draw(st.sampled_from([np.float64, np.float32]))
    n_samples, n_inputs = draw(st.integers(1, 4)), draw(st.integers(1, 9))
    hidden, classes = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    first = dense(draw(arrays(np.float64, (n_inputs, hidden), elements=finite)),
                  draw(arrays(np.float64, (1, hidden), elements=finite)))
    second = dense(draw(arrays(np.float64, (hidden, classes), elements=finite)),
                   draw(arrays(np.float64, (1, classes), elements=finite)))
    network = Network([first, ReLU(), second, Softmax()])
    network.astype(np.dtype(dtype))
    X = draw(arrays(np.float64, (n_samples, n_inputs), elements=finite))
    y = np.array(draw(st.lists(st.integers(0, classes - 1), min_size=n_samples, max_size=n_samples)))
    return network, X, y


@settings(max_examples=60, deadline=None)
@given(small_networks())
def test_every_cell_ends_with_the_engines_value(case):
    network, X, y = case
    trace = network.trace(X, y)
    for index, step in enumerate(trace.steps):
        output = step.output.reshape(len(step.output), -1)
        for row in range(output.shape[0]):
            for column in range(output.shape[1]):
                explanation = trace.explain(index, row, column, labels=y)
                formula = explanation.formulas[0]
                engine_value = output[row, column]
                assert formula.shown.rsplit(" = ", 1)[1] == number(engine_value)
                assert formula.full.rsplit(" = ", 1)[1] == number(engine_value)
                assert explanation.value == engine_value

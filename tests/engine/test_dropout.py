"""Dropout (the book's chapter 15): a mask in training only, drawn from the layer's own stream."""

import warnings

import numpy as np
import pytest

from nnstudio.engine import FLOAT32, Adam, Dense, Dropout, Network, ReLU, Softmax, spiral
from nnstudio.engine.update_steps import walk


def network(rate=0.5, seed=3):
    rng = np.random.RandomState(1)
    dense1, dense2 = Dense(2, 8, dtype=FLOAT32, rng=rng), Dense(8, 3, dtype=FLOAT32, rng=rng)
    return Network([dense1, ReLU(), Dropout(rate, seed), dense2, Softmax()])


@pytest.mark.parametrize("rate", [-0.1, 1, 1.5, float("nan")])
def test_a_rate_that_is_not_a_share_below_1_is_refused(rate):
    with pytest.raises(ValueError, match="Dropout rate"):
        Dropout(rate)


def test_outside_training_the_values_pass_unchanged():
    X, y = spiral(20, 3, seed=0)
    with_dropout = network().trace(X, y)
    without = Network([layer for layer in network().layers if not isinstance(layer, Dropout)]).trace(X, y)
    assert np.array_equal(with_dropout.output, without.output)
    assert with_dropout.loss == without.loss


def test_in_training_each_value_is_dropped_or_scaled_by_the_books_mask():
    inputs = np.arange(1, 4001, dtype=np.float64).reshape(1000, 4)
    layer = Dropout(0.25, seed=9)
    output = layer.forward(inputs)
    expected_mask = np.random.RandomState(9).binomial(1, 0.75, size=inputs.shape) / 0.75
    assert np.array_equal(layer.binary_mask, expected_mask)
    assert np.array_equal(output, inputs * expected_mask)
    assert 0.2 < np.mean(output == 0) < 0.3
    assert np.array_equal(layer.backward(np.ones_like(inputs)), expected_mask)


def test_each_epoch_draws_a_new_mask_and_a_copy_draws_the_same():
    layer = Dropout(0.5, seed=2)
    twin = layer.copy()
    first = layer.forward(np.ones((50, 6))).copy()
    second = layer.forward(np.ones((50, 6)))
    assert not np.array_equal(first, second)
    assert np.array_equal(twin.forward(np.ones((50, 6))), first)


def test_the_stepper_walks_the_mask_the_next_epoch_trains_with():
    X, y = spiral(30, 3, seed=0)
    net = network()
    stepped = walk(net, X, y, Adam(learning_rate=0.05))
    masked = next(step for step in stepped.steps if step.kind.name == "dropout")
    trained = net.copy()
    loss, accuracy = trained.train_epoch(X, y, Adam(learning_rate=0.05))
    assert (stepped.loss, stepped.accuracy) == (loss, accuracy)
    assert np.array_equal(masked.layer.binary_mask, trained.layers[2].binary_mask)
    dense2 = trained.layers[3]
    update = next(step for step in stepped.steps if step.label == "Dense 2: new weights (Adam)")
    assert np.array_equal(update.output, dense2.weights)
    assert net.layers[2].stream[2] == Dropout(0.5, 3).stream[2]  # the walked network's stream did not move


def test_explanations_say_kept_or_dropped():
    X, y = spiral(30, 3, seed=0)
    stepped = walk(network(), X, y, Adam())
    index = next(i for i, step in enumerate(stepped.steps) if step.kind.name == "dropout")
    mask = stepped.steps[index].layer.binary_mask
    dropped = tuple(np.argwhere(mask == 0)[0])
    kept = tuple(np.argwhere(mask != 0)[0])
    assert "Dropped this epoch" in " ".join(stepped.explain(index, *dropped).notes)
    kept_text = stepped.explain(index, *kept)
    assert "Kept this epoch" in " ".join(kept_text.notes) and "1 / 0.5" in kept_text.formulas[0].shown
    back = next(i for i, step in enumerate(stepped.steps) if step.kind.name == "dropout_backward")
    assert "no gradient flows back" in stepped.explain(back, *dropped).notes[0]
    off = network().trace(X, y)
    assert "unchanged" in off.explain(3, 0, 0).notes[0]


def test_a_training_pass_that_overflows_is_refused_without_a_warning():
    X, y = spiral(30, 3, seed=0)
    net = network(rate=0.5)
    net.layers[0].weights = np.full((2, 8), 3e38, dtype=np.float32)  # ReLU's outputs near float32's end
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="non-finite|overflowed"):
            walk(net, X, y, Adam())

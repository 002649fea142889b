"""The training lessons replay the book: opened and trained as the app trains, chapters 6, 10 and
11 give the numbers the book's own code gives (its stored run, tests/data/book_oracle.npz)."""

from pathlib import Path

import numpy as np
import pytest

from nnstudio.document.project_file import load
from nnstudio.engine import Dense

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "resources" / "lessons"


@pytest.fixture(scope="module")
def book():
    with np.load(ROOT / "tests" / "data" / "book_oracle.npz") as saved:
        return dict(saved)


def train(state):
    """Press Train once: the lesson's epochs, and the figures of each."""
    network, optimizer = state.network(), state.optimizer.build()
    X, y = state.batch.data()
    losses = [network.train_epoch(X, y, optimizer)[0] for _ in range(state.epochs)]
    return network, np.array(losses)


def same_bits(actual, expected):
    return actual.dtype == expected.dtype and actual.shape == expected.shape and actual.tobytes() == expected.tobytes()


def assert_final_weights(network, book, prefix):
    dense1, dense2 = network.dense_layers
    assert same_bits(dense1.weights, book[f"{prefix}final_weights1"])
    assert same_bits(dense1.biases, book[f"{prefix}final_biases1"])
    assert same_bits(dense2.weights, book[f"{prefix}final_weights2"])
    assert same_bits(dense2.biases, book[f"{prefix}final_biases2"])


def test_chapter_6_random_search_replays_the_book(book):
    network, lowest = train(load(LESSONS / "8-random-search.json").state)
    assert same_bits(lowest.astype(np.float32), book["ch6-lowest"])
    assert_final_weights(network, book, "ch6-")


def test_chapter_10_adam_replays_the_book(book):
    state = load(LESSONS / "9-adam-on-the-spiral.json").state
    assert state.epochs == 10001
    network, losses = train(state)
    assert same_bits(losses, book["ch10-adam-losses"])
    assert_final_weights(network, book, "ch10-adam-")


def test_chapter_11_tests_the_trained_network_on_the_books_new_points(book):
    state = load(LESSONS / "10-testing-on-new-data.json").state
    assert_final_weights(state.network(), book, "ch10-adam-")
    X_test, y_test = state.test.data(state.batch)
    test = state.network().trace(X_test, y_test)
    assert same_bits(np.asarray(test.loss), book["ch11-loss"])
    assert same_bits(np.asarray(test.accuracy), book["ch11-accuracy"])
    assert all(hasattr(layer, "weight_cache") for layer in state.layers if isinstance(layer, Dense))


def replay(state, epochs):
    """The lesson's first ``epochs`` epochs of Train."""
    return train(state.replace(epochs=epochs))


@pytest.mark.parametrize(("lesson", "chapter", "epochs"), [
    ("14-l2-regularization.json", "ch14", 501), ("15-dropout.json", "ch15", 201),
    ("16-binary-logistic-regression.json", "ch16b", 501)])
def test_chapters_14_to_16_start_where_the_book_starts_and_follow_it(book, lesson, chapter, epochs):
    """The lesson holds the book's weights, penalties, Dropout stream, data and test points: its first
    epochs are the book's, bit for bit (make_lessons replays them all to the book's final weights)."""
    state = load(LESSONS / lesson).state
    assert state.epochs == 10001
    _, losses = replay(state, epochs)
    assert same_bits(losses, book[f"{chapter}-losses"][:epochs])
    X_test, y_test = state.test.data(state.batch)
    assert same_bits(X_test, book[f"{chapter}-X_test"])


def test_the_chapter_16_lesson_ends_in_one_sigmoid_output_scored_by_binary_cross_entropy():
    state = load(LESSONS / "16-binary-logistic-regression.json").state
    assert [layer.kind for layer in state.layers] == ["Dense", "ReLU", "Dense", "Sigmoid"]
    trace = state.network().trace(*state.batch.data())
    assert trace.output.shape == (200, 1) and trace.steps[-1].label == "Loss: binary cross-entropy"

"""Write the lessons — the notebook's progression, then the book's chapters 6, 10 and 11, then 7 to 9,
then 14 to 16 — as project files in resources/lessons.

    python resources/make_lessons.py

Where the notebook types its numbers (In [4] to In [9]) the lessons hold those numbers. Where it
draws random weights or data, the arrays come from running the notebook's own code
(``tests/reference_book.py``) in subprocesses — one plain float64, one after ``nnfs.init()``,
which patches numpy for its whole process — so every lesson shows exactly the printed numbers.
The training lessons start from the weights, data and random stream the book's own code made
(``tests/data/book_oracle.npz``, saved by ``tests/book_oracle.py``), so Train replays the book.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

LESSONS = Path(__file__).resolve().parent / "lessons"  # shipped in the package as nnstudio.lessons
ROOT = LESSONS.parents[1]
sys.path.insert(0, str(ROOT))

from nnstudio.document.project_file import Project, save  # noqa: E402
from nnstudio.document.state import Batch, Initialisation, State, UnseenData  # noqa: E402
from nnstudio.document.training import CHAPTER_10_ADAM, PRESETS, OptimizerState, from_preset  # noqa: E402
from nnstudio.engine import Dense, Dropout, ReLU, Sigmoid, Softmax  # noqa: E402
from nnstudio.engine.datasets import spiral  # noqa: E402

BOOK = ROOT / "tests" / "data" / "book_oracle.npz"

# The notebook's typed weights are one row per neuron (it transposes them in np.dot);
# a Dense stores one column per neuron, hence the ``.T`` below.
NEURON_WEIGHTS = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
NEURON_BIASES = [2, 3, 0.5]
LAYER2_WEIGHTS = [[0.1, -0.14, 0.5], [-0.5, 0.12, -0.33], [-0.44, 0.73, -0.13]]
LAYER2_BIASES = [-1, 2, -0.5]
BATCH = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]


def reference_runs():
    """The arrays the notebook's code makes: ``(plain, nnfs)`` dictionaries."""
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("plain", "nnfs"):
            path = Path(folder) / f"{mode}.npz"
            subprocess.run([sys.executable, str(ROOT / "tests" / "reference_book.py"), mode, str(path)], check=True)
            with np.load(path) as saved:
                runs.append(dict(saved))
    return runs


def dense(weights, biases, dtype=np.float64):
    layer = Dense.__new__(Dense)
    layer.weights = np.asarray(weights, dtype=dtype)
    layer.biases = np.asarray(biases, dtype=dtype).reshape(1, -1)
    return layer


def hand(rows, labels=None, origin=""):
    """A typed batch; the notebook gives no labels before the spiral data, so it has none (its
    labels are kept as 0s until a student types a class).
    ``origin`` names rows the notebook made rather than typed: they open as given, not as typed."""
    X = np.asarray(rows, dtype=np.float64)
    y = np.zeros(len(X), dtype=np.int64) if labels is None else np.asarray(labels, dtype=np.int64)
    return Batch("hand", hand_X=X, hand_y=y, origin=origin, labelled=labels is not None)


def lessons(plain, nnfs):
    """(file stem, title, caption, state) for each lesson, in the notebook's order."""
    float64 = {"numerics": "float64", "init": Initialisation(0, 0.10)}
    float32 = {"numerics": "nnfs", "init": Initialisation(0, 0.10)}
    zeros32 = np.zeros((1, 3), dtype=np.float32)
    return [
        (
            "1-one-neuron",
            "One neuron, three inputs",
            "One neuron multiplies each input by its weight and adds its bias: 1·0.2 + 2·0.8 + 3·(−0.5) + 2 = 2.3.\n"
            "Change a weight or an input and watch the output follow.",
            State(layers=(dense([[0.2], [0.8], [-0.5]], [2.0]),), batch=hand([[1, 2, 3]]), **float64),
        ),
        (
            "2-four-inputs",
            "One neuron, four inputs",
            "A fourth input (2.5, weight 1.0) adds one more product to the sum: the output becomes 4.8.\n"
            "A neuron has one weight per input and a single bias.",
            State(layers=(dense([[0.2], [0.8], [-0.5], [1.0]], [2.0]),), batch=hand([[1, 2, 3, 2.5]]), **float64),
        ),
        (
            "3-a-layer",
            "A layer of three neurons",
            "Three neurons read the same four inputs and give three outputs: [4.8, 1.21, 2.385].\n"
            "Each column of the weights is one neuron (the notebook writes rows and transposes).",
            State(layers=(dense(np.transpose(NEURON_WEIGHTS), NEURON_BIASES),), batch=hand([BATCH[0]]), **float64),
        ),
        (
            "4-batch-two-layers",
            "A batch through two layers",
            "Three samples go through two layers at once; each row of the batch is computed on its own.\n"
            "Layer 2 reads layer 1's three outputs as its inputs: the result is the notebook's layer2_outputs.",
            State(
                layers=(
                    dense(np.transpose(NEURON_WEIGHTS), NEURON_BIASES),
                    dense(np.transpose(LAYER2_WEIGHTS), LAYER2_BIASES),
                ),
                batch=hand(BATCH),
                **float64,
            ),
        ),
        (
            "5-three-layers",
            "Three stacked Dense layers",
            "Dense(4,5) → Dense(5,2) → Dense(2,10), weights 0.10 · randn after np.random.seed(0), biases 0.\n"
            "Step through: each layer's output has one column per neuron, and the next layer reads it.",
            State(
                layers=tuple(dense(plain[f"stack-weights{n}"], np.zeros(plain[f"stack-weights{n}"].shape[1]))
                             for n in (1, 2, 3)),
                batch=hand(BATCH),
                **float64,
            ),
        ),
        (
            "6-spiral-relu",
            "Spiral data through Dense and ReLU",
            "300 spiral points (nnfs.init(), spiral_data(100, 3)) through Dense(2,5) and ReLU, in float32.\n"
            "Look at rows 96–99, the ones the notebook prints: ReLU turns every negative sum into 0.",
            State(
                layers=(dense(nnfs["lesson-weights"], np.zeros(5), np.float32), ReLU()),
                # the forward pass reads X only (the notebook leaves y unused until the loss): no labels
                batch=hand(spiral(100, 3, 0)[0], origin="Spiral: spiral_data(100, 3) after nnfs.init(), X only"),
                **float32,
            ),
        ),
        (
            "7-spiral-classifier",
            "The spiral classifier and its loss",
            "Dense(2,3) → ReLU → Dense(3,3) → Softmax on the notebook's second spiral_data(100, 3) batch.\n"
            "With small random weights every row is close to ⅓ each, so the loss is near −log(⅓) ≈ 1.0986.",
            State(
                layers=(
                    dense(nnfs["lesson2-weights1"], zeros32, np.float32),
                    ReLU(),
                    dense(nnfs["lesson2-weights2"], zeros32, np.float32),
                    Softmax(),
                ),
                batch=hand(nnfs["lesson2-X"], nnfs["lesson2-y"], "Spiral: the notebook's second spiral_data(100, 3)"),
                **float32,
            ),
        ),
    ]


def book_network(weights1, weights2):
    """Dense → ReLU → Dense → Softmax in float32 with the book's first weights and zero biases."""
    return (dense(weights1, np.zeros(weights1.shape[1]), np.float32), ReLU(),
            dense(weights2, np.zeros(weights2.shape[1]), np.float32), Softmax())


def trained(state, epochs):
    """``state`` after ``epochs`` epochs of its optimizer, as the app trains."""
    network, optimizer = state.network(), state.optimizer.build()
    X, y = state.batch.data()
    for _ in range(epochs):
        network.train_epoch(X, y, optimizer)
    return state.replace(layers=tuple(network.layers), optimizer=state.optimizer.after(optimizer))


def training_lessons(book):
    """(file stem, title, caption, state) for the book's chapters 6, 10 and 11."""
    float32 = {"numerics": "nnfs", "init": Initialisation(0, 0.01)}
    search = OptimizerState.fresh("Random search", scale=0.05)
    search = OptimizerState(search.name, search.settings, search=(stream_of(book, "ch6"), 9999999, None))
    adam = State(layers=book_network(book["ch10-adam-weights1"], book["ch10-adam-weights2"]),
                 batch=Batch("spiral", 100, 3, 0), optimizer=from_preset(CHAPTER_10_ADAM), epochs=10001, **float32)
    after = trained(adam, 10001)
    final = [layer for layer in after.layers if isinstance(layer, Dense)]
    assert final[1].weights.tobytes() == book["ch10-adam-final_weights2"].tobytes(), "the engine left the book"
    return [
        (
            "8-random-search",
            "Chapter 6: learning by random search",
            "Vertical data (vertical_data(100, 3)) and the spiral classifier's shape, weights 0.01 · randn as the"
            " book draws them.\nPress Train: each epoch nudges every weight and bias by 0.05 · randn and keeps the"
            " nudge only when the loss falls. The book ends near loss 0.173 and accuracy 0.93.",
            State(layers=book_network(book["ch6-weights1"], book["ch6-weights2"]), batch=Batch("vertical", 100, 3, 0),
                  optimizer=search, epochs=10000, **float32),
        ),
        (
            "9-adam-on-the-spiral",
            "Chapter 10: Adam learns the spiral",
            "Dense(2,64) → ReLU → Dense(64,3) → Softmax on spiral_data(100, 3), weights as the book draws them.\n"
            "Press Train for the book's 10 001 epochs of Adam (learning rate 0.05, decay 5e-7) and watch the"
            " regions wrap around the arms: at epoch 10 000 the book prints acc 0.967, loss 0.074.",
            adam,
        ),
        (
            "10-testing-on-new-data",
            "Chapter 11: testing on data the network has not seen",
            "The network of chapter 10 after its 10 001 epochs, and the book's next 300 spiral points as test"
            " data.\nIt classifies 96.7 % of its training points but only 79.7 % of the new ones (test loss"
            " 0.921 against 0.074): it has learned its points more than the spiral.",
            after.replace(epochs=10000, test=UnseenData("rows", 1, book["ch11-X"], book["ch11-y"].astype(np.int64))),
        ),
    ]


# The book's chapter 8 neuron: inputs x, weights w and bias b, then ReLU.
CH8_X, CH8_W, CH8_B = [1.0, -2.0, 3.0], [-3.0, -1.0, 2.0], 1.0


def backpropagation_lessons(book):
    """(file stem, title, caption, state, step to open at) for the book's chapters 7, 8 and 9."""
    float32 = {"numerics": "nnfs", "init": Initialisation(0, 0.01)}
    spiral_ch9 = State(layers=book_network(book["ch9-weights1"], book["ch9-weights2"]),
                       batch=Batch("spiral", 100, 3, 0), **float32)
    # A second neuron of zeros gives the Softmax two classes to choose from; the sample is of class 0.
    neuron = State(layers=(dense(np.array([CH8_W, [0.0, 0.0, 0.0]]).T, [CH8_B, 0.0]), ReLU(), Softmax()),
                   batch=hand([CH8_X], [0]), numerics="float64", init=Initialisation(0, 0.10))
    return [
        (
            "11-derivative-and-tangent",
            "Chapter 7: the loss's derivative and its tangent",
            "The spiral network of chapter 9. Open the Loss along weight tab (beside Outputs) and click a weight:"
            " the curve is the loss as that one weight moves, the dashed line its tangent.\nIts slope is the"
            " derivative; Check this gradient measures it as the book does, (L(w + δ) − L(w − δ)) / 2δ.",
            spiral_ch9, None,
        ),
        (
            "12-one-neuron-backward",
            "Chapter 8: one neuron's backward pass",
            "The book's neuron: x = (1, −2, 3), w = (−3, −1, 2), b = 1, so z = 6 and ReLU passes it; a second"
            " neuron of zeros lets Softmax pick class 0.\nStep on from here: dweights = x × dvalue, dbiases = dvalue,"
            " dinputs = w × dvalue, and ReLU passes the gradient because z > 0.",
            neuron, 6,
        ),
        (
            "13-backward-pass-of-the-spiral",
            "Chapter 9: the whole backward pass of the spiral network",
            "Dense(2,3) → ReLU → Dense(3,3) → Softmax with the book's weights: this is Dense 1's dweights, as"
            " chapter 9 prints them.\nStep back to the loss one gradient at a time, tick Show gradients in the Weights"
            " panel, or run to the end to see Adam's update of every weight.",
            spiral_ch9, 12,
        ),
    ]


def stream_of(book, chapter):
    """Where numpy's global random stream stood in the book's chapter, as a RandomState's state."""
    return ("MT19937", tuple(book[f"{chapter}-rng_keys"].tolist()), int(book[f"{chapter}-rng_position"]),
            int(book[f"{chapter}-rng_has_gauss"]), float(book[f"{chapter}-rng_cached_gaussian"]))


def replays_the_book(state, book, chapter):
    """Whether the lesson's Train ends on the book's final weights and validation (chapter 14 or 15)."""
    network = trained(state, state.epochs).network()
    final = [array for layer in network.dense_layers for array in (layer.weights, layer.biases)]
    book_final = [book[f"{chapter}-final_{name}"] for name in ("weights1", "biases1", "weights2", "biases2")]
    validation = network.trace(*state.test.data(state.batch))
    return ([array.tobytes() for array in final] == [array.tobytes() for array in book_final]
            and validation.loss == book[f"{chapter}-validation_loss"]
            and validation.accuracy == book[f"{chapter}-validation_accuracy"])


def regularization_lessons(book):
    """(file stem, title, caption, state) for the book's chapters 14, 15 and 16."""
    float32 = {"numerics": "nnfs", "init": Initialisation(0, 0.01)}
    dense1, relu, dense2, softmax = book_network(book["ch14-weights1"], book["ch14-weights2"])
    dense1.set_regularizers(0, 5e-4, 0, 5e-4)
    l2 = State(layers=(dense1, relu, dense2, softmax), batch=Batch("spiral", 100, 3, 0),
               optimizer=from_preset(PRESETS[6]), epochs=10001,
               test=UnseenData("rows", 1, book["ch14-X_test"], book["ch14-y_test"].astype(np.int64)), **float32)
    assert replays_the_book(l2, book, "ch14"), "the engine left the book's chapter 14"
    dense1, relu, dense2, softmax = book_network(book["ch15-weights1"], book["ch15-weights2"])
    dense1.set_regularizers(0, 5e-4, 0, 5e-4)
    dropout = Dropout(0.1)
    dropout.stream = stream_of(book, "ch15")
    dropped = State(layers=(dense1, relu, dropout, dense2, softmax), batch=Batch("spiral", 1000, 3, 0),
                    optimizer=from_preset(PRESETS[7]), epochs=10001,
                    test=UnseenData("rows", 1, book["ch15-X_test"], book["ch15-y_test"].astype(np.int64)), **float32)
    assert replays_the_book(dropped, book, "ch15"), "the engine left the book's chapter 15"
    dense1, relu, dense2, _ = book_network(book["ch16b-weights1"], book["ch16b-weights2"])
    dense1.set_regularizers(0, 5e-4, 0, 5e-4)
    logistic = State(layers=(dense1, relu, dense2, Sigmoid()), batch=Batch("spiral", 100, 2, 0),
                     optimizer=from_preset(PRESETS[8]), epochs=10001,
                     test=UnseenData("rows", 1, book["ch16b-X_test"], book["ch16b-y_test"].astype(np.int64)), **float32)
    assert replays_the_book(logistic, book, "ch16b"), "the engine left the book's chapter 16"
    return [
        (
            "14-l2-regularization",
            "Chapter 14: L2 regularization",
            "Chapter 10's network with an L2 penalty of 5e-4 on Dense 1's weights and biases (Regularize… under"
            " Dense 1), Adam at 0.02, and the book's next 300 spiral points as test data.\nPress Train: at epoch"
            " 10 000 the book prints acc 0.950, loss 0.226 (data_loss 0.165, reg_loss 0.062), and on the new points"
            " acc 0.840, loss 0.525 — better than chapter 11's 0.797 and 0.921 without the penalty.",
            l2,
        ),
        (
            "15-dropout",
            "Chapter 15: Dropout",
            "Dropout 0.1 after the first ReLU, on the book's spiral of 1 000 points per class (Adam at 0.05, decay"
            " 5e-5). The Forward pass walks a training epoch: at step 4 click a value to see this epoch's mask, a"
            " tenth of the values dropped and the rest divided by 0.9; the Outputs are computed without it.\nPress"
            " Train for the book's 10 001 epochs (it takes a while on 3 000 points): here the"
            " book's code ends with acc 0.694, loss 0.703 and validation acc 0.740, loss 0.671.",
            dropped,
        ),
        (
            "16-binary-logistic-regression",
            "Chapter 16: binary logistic regression",
            "Two classes, one output: Dense(64, 1) → Sigmoid gives the probability that a point is of class 1,"
            " and binary cross-entropy, −(y·log ŷ + (1 − y)·log(1 − ŷ)), scores it (click the loss to see it for a"
            " sample). L2 5e-4 on Dense 1, Adam at 0.001 with decay 5e-7, the book's next spiral as test data.\n"
            "Press Train for the book's 10 001 epochs: here its code ends with acc 0.945, loss 0.260 (data_loss"
            " 0.204, reg_loss 0.056) and validation acc 0.920, loss 0.237.",
            logistic,
        ),
    ]


def main():
    plain, nnfs = reference_runs()
    with np.load(BOOK) as saved:
        book = dict(saved)
    for stem, title, caption, state in lessons(plain, nnfs) + training_lessons(book) + regularization_lessons(book):
        save(Project(state.replace(note=caption), None, title), LESSONS / f"{stem}.json")
        print(f"wrote {stem}.json")
    for stem, title, caption, state, step in backpropagation_lessons(book):
        save(Project(state.replace(note=caption), step, title), LESSONS / f"{stem}.json")
        print(f"wrote {stem}.json")


if __name__ == "__main__":
    main()

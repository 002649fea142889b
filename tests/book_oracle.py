"""Runs the book's own code (Sentdex/nnfs_book, MIT) under ``nnfs.init()`` and saves what it computes.

The book's code is not part of this project: this script reads it from a copy of the book's
repository, found at ``$NNFS_BOOK`` (a checkout, or a git directory read at HEAD) or at the mirror
a development machine keeps. From each chapter file it takes the classes (everything before the
chapter's script starts at ``X, y = …``) and drives them as the chapter's script does, recording
every epoch. It also runs chapter 10's script itself, unchanged, and keeps what it prints.

    python tests/book_oracle.py OUT.npz
    python tests/book_oracle.py --seconds-per-epoch EPOCHS   # the book's chapter 10 loop, timed

``tests/data/book_oracle.npz`` is this script's output on a development machine; the training
tests compare the engine with a fresh run when the book is at hand, and with that file otherwise.
``nnfs.init()`` patches numpy for the whole process: run this only in a subprocess of its own.
"""

import contextlib
import io
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

MIRROR = Path("/work/.mirror/Sentdex+nnfs_book/repo")
SCRIPT_START = re.compile(r"^X, y = ", re.MULTILINE)

# The chapter 10 optimizers raced here: (name, constructor, keyword arguments, epochs). Adam's run
# is the chapter's own; the others are the settings the chapter tries for each optimizer.
RUNS = [
    ("sgd", "Optimizer_SGD", {}, 1001),
    ("sgd_momentum", "Optimizer_SGD", {"decay": 1e-3, "momentum": 0.9}, 1001),
    ("adagrad", "Optimizer_Adagrad", {"decay": 1e-4}, 1001),
    ("rmsprop", "Optimizer_RMSprop", {"learning_rate": 0.02, "decay": 1e-5, "rho": 0.999}, 1001),
    ("adam", "Optimizer_Adam", {"learning_rate": 0.05, "decay": 5e-7}, 10001),
]
RANDOM_SEARCH_ITERATIONS = 10000
CHAPTER_19_EPOCHS, CHAPTER_19_BATCH = 200, 32  # 10 steps an epoch, the last of 12 samples
CHAPTER_15_EPOCHS = 1001  # of its 10 001 the tests replay (an epoch on 3 000 samples takes a few ms)


def book_folder():
    """The book's repository, or None when this machine has no copy."""
    for candidate in (os.environ.get("NNFS_BOOK"), MIRROR):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    return None


def chapter_source(folder, path):
    if (folder / path).exists():
        return (folder / path).read_text()
    return subprocess.run(["git", "--git-dir", str(folder), "show", f"HEAD:{path}"],
                          check=True, capture_output=True, text=True).stdout


def chapter_classes(folder, path, start=SCRIPT_START):
    """The chapter's imports, ``nnfs.init()`` and classes (everything before ``start``), run in a
    namespace of their own."""
    source = chapter_source(folder, path)
    namespace = {"__name__": "book"}
    exec(compile(source[: start.search(source).start()], path, "exec"), namespace)  # noqa: S102
    return namespace


def spiral_network(book, n_hidden):
    """Chapter 9/10's network, drawn from the stream right after the data, as the scripts do
    (the chapter's own ``nnfs.init()`` patched numpy already; this starts its stream afresh)."""
    from nnfs.datasets import spiral_data

    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=3)
    dense1 = book["Layer_Dense"](2, n_hidden)
    activation1 = book["Activation_ReLU"]()
    dense2 = book["Layer_Dense"](n_hidden, 3)
    loss_activation = book["Activation_Softmax_Loss_CategoricalCrossentropy"]()
    return X, y, dense1, activation1, dense2, loss_activation


def chapter_9(folder, out):
    book = chapter_classes(folder, "Chapter_9/Ch9_Final.py")
    X, y, dense1, activation1, dense2, loss_activation = spiral_network(book, 3)
    out.update({"ch9-X": X, "ch9-y": y, "ch9-weights1": dense1.weights, "ch9-weights2": dense2.weights})
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    out["ch9-loss"] = loss_activation.forward(dense2.output, y)
    loss_activation.backward(loss_activation.output, y)
    dense2.backward(loss_activation.dinputs)
    activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)
    out.update({
        "ch9-softmax_loss_dinputs": loss_activation.dinputs,
        "ch9-dweights2": dense2.dweights, "ch9-dbiases2": dense2.dbiases, "ch9-dinputs2": dense2.dinputs,
        "ch9-relu_dinputs": activation1.dinputs,
        "ch9-dweights1": dense1.dweights, "ch9-dbiases1": dense1.dbiases, "ch9-dinputs1": dense1.dinputs,
    })
    # The long way: the Softmax's Jacobian after the loss's own gradient.
    softmax, loss = book["Activation_Softmax"](), book["Loss_CategoricalCrossentropy"]()
    softmax.forward(dense2.output)
    loss.backward(softmax.output, y)
    softmax.backward(loss.dinputs)
    out["ch9-loss_dinputs"] = loss.dinputs
    out["ch9-softmax_dinputs"] = softmax.dinputs


SOFTMAX_SHAPES = ((50, 1), (40, 2), (30, 7), (6, 64))  # rows, classes of the long way's wider checks


def chapter_9_long_ways(folder, out):
    """The Softmax's Jacobian sample by sample (chapter 9's long way) on batches of 1 to 64
    classes, from inputs drawn here."""
    book = chapter_classes(folder, "Chapter_9/Ch9_Final.py")
    rng = np.random.RandomState(9)
    for rows, classes in SOFTMAX_SHAPES:
        inputs = (rng.randn(rows, classes) * 5).astype(np.float32)
        y = rng.randint(0, classes, rows)
        softmax, loss = book["Activation_Softmax"](), book["Loss_CategoricalCrossentropy"]()
        softmax.forward(inputs)
        loss.backward(softmax.output, y)
        softmax.backward(loss.dinputs)
        key = f"ch9-long-{rows}x{classes}"
        out.update({f"{key}-inputs": inputs, f"{key}-output": softmax.output, f"{key}-dvalues": loss.dinputs,
                    f"{key}-dinputs": softmax.dinputs})


def chapter_10_epoch(X, y, dense1, activation1, dense2, loss_activation, optimizer):
    """One pass of chapter 10's loop with the book's objects: its loss and accuracy (what it prints)."""
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    loss = loss_activation.forward(dense2.output, y)
    accuracy = np.mean(np.argmax(loss_activation.output, axis=1) == y)
    loss_activation.backward(loss_activation.output, y)
    dense2.backward(loss_activation.dinputs)
    activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)
    update(optimizer, dense1, dense2)
    return loss, accuracy


def chapter_10(folder, out):
    book = chapter_classes(folder, "Chapter_10/Ch10_Final.py")
    for name, optimizer_class, settings, epochs in RUNS:
        X, y, dense1, activation1, dense2, loss_activation = spiral_network(book, 64)
        optimizer = book[optimizer_class](**settings)
        out.update({f"ch10-{name}-weights1": dense1.weights.copy(), f"ch10-{name}-weights2": dense2.weights.copy()})
        losses, accuracies, rates = [], [], []
        for _epoch in range(epochs):
            rates.append(optimizer.current_learning_rate)
            loss, accuracy = chapter_10_epoch(X, y, dense1, activation1, dense2, loss_activation, optimizer)
            losses.append(loss)
            accuracies.append(accuracy)
        out.update({
            f"ch10-{name}-losses": np.array(losses), f"ch10-{name}-accuracies": np.array(accuracies),
            f"ch10-{name}-rates": np.array(rates),
            f"ch10-{name}-final_weights1": dense1.weights, f"ch10-{name}-final_biases1": dense1.biases,
            f"ch10-{name}-final_weights2": dense2.weights, f"ch10-{name}-final_biases2": dense2.biases,
        })
    # Chapter 11: the next spiral of the same stream, through the trained network.
    from nnfs.datasets import spiral_data

    X_test, y_test = spiral_data(samples=100, classes=3)
    dense1.forward(X_test)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    out["ch11-loss"] = loss_activation.forward(dense2.output, y_test)
    out["ch11-accuracy"] = np.mean(np.argmax(loss_activation.output, axis=1) == y_test)
    out.update({"ch11-X": X_test, "ch11-y": y_test})


def update(optimizer, *layers):
    """The book's update of every trainable layer, one epoch's (or step's) worth."""
    optimizer.pre_update_params()
    for layer in layers:
        optimizer.update_params(layer)
    optimizer.post_update_params()


def validate(out, prefix, dense1, activation1, dense2, loss_activation):
    """The trained weights, and the next spiral of the stream through the network (without any
    Dropout), as chapters 14 and 15 validate."""
    from nnfs.datasets import spiral_data

    X_test, y_test = spiral_data(samples=100, classes=3)
    dense1.forward(X_test)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    out.update({
        f"{prefix}-final_weights1": dense1.weights, f"{prefix}-final_biases1": dense1.biases,
        f"{prefix}-final_weights2": dense2.weights, f"{prefix}-final_biases2": dense2.biases,
        f"{prefix}-validation_loss": loss_activation.forward(dense2.output, y_test),
        f"{prefix}-validation_accuracy": np.mean(np.argmax(loss_activation.output, axis=1) == y_test),
        f"{prefix}-X_test": X_test, f"{prefix}-y_test": y_test,
    })


def save_stream(prefix, out):
    """Where numpy's global random stream stands, for the engine to draw on from the same place."""
    _, keys, position, has_gauss, cached_gaussian = np.random.get_state()
    out.update({f"{prefix}-rng_keys": keys, f"{prefix}-rng_position": position, f"{prefix}-rng_has_gauss": has_gauss,
                f"{prefix}-rng_cached_gaussian": cached_gaussian})


def chapter_6(folder, out):
    from nnfs.datasets import vertical_data

    book = chapter_classes(folder, "Chapter_6/Ch6_final.py")
    np.random.seed(0)
    X, y = vertical_data(samples=100, classes=3)
    dense1, activation1 = book["Layer_Dense"](2, 3), book["Activation_ReLU"]()
    dense2, activation2 = book["Layer_Dense"](3, 3), book["Activation_Softmax"]()
    loss_function = book["Loss_CategoricalCrossentropy"]()
    out.update({"ch6-X": X, "ch6-y": y, "ch6-weights1": dense1.weights.copy(), "ch6-weights2": dense2.weights.copy()})
    save_stream("ch6", out)
    lowest_loss = 9999999
    best = [layer.weights.copy() for layer in (dense1, dense2)] + [layer.biases.copy() for layer in (dense1, dense2)]
    lowest = []
    for _iteration in range(RANDOM_SEARCH_ITERATIONS):
        dense1.weights += 0.05 * np.random.randn(2, 3)
        dense1.biases += 0.05 * np.random.randn(1, 3)
        dense2.weights += 0.05 * np.random.randn(3, 3)
        dense2.biases += 0.05 * np.random.randn(1, 3)
        dense1.forward(X)
        activation1.forward(dense1.output)
        dense2.forward(activation1.output)
        activation2.forward(dense2.output)
        loss = loss_function.calculate(activation2.output, y)
        if loss < lowest_loss:
            best = [dense1.weights.copy(), dense2.weights.copy(), dense1.biases.copy(), dense2.biases.copy()]
            lowest_loss = loss
        else:
            dense1.weights, dense2.weights, dense1.biases, dense2.biases = (array.copy() for array in best)
        lowest.append(lowest_loss)
    out.update({"ch6-lowest": np.array(lowest, dtype=np.float32), "ch6-final_weights1": dense1.weights,
                "ch6-final_biases1": dense1.biases, "ch6-final_weights2": dense2.weights,
                "ch6-final_biases2": dense2.biases})


def chapter_printed(folder, path):
    """What a chapter's script prints when run as it is (up to the ``>>>`` block some files end with,
    the output of the author's run pasted in)."""
    source = chapter_source(folder, path)
    try:
        compile(source, path, "exec")
    except SyntaxError:
        source = source.split("\n>>>")[0]
    return subprocess.run([sys.executable, "-c", source], check=True, capture_output=True, text=True).stdout


def chapter_14(folder, out):
    """Chapter 14's run: L2 regularization (5e-4 on the first layer's weights and biases), Adam at
    0.02 with decay 5e-7, 10 001 epochs on the spiral, then validation on the next spiral."""
    from nnfs.datasets import spiral_data

    book = chapter_classes(folder, "Chapter_14/Ch14_Final.py")
    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=3)
    dense1 = book["Layer_Dense"](2, 64, weight_regularizer_l2=5e-4, bias_regularizer_l2=5e-4)
    activation1 = book["Activation_ReLU"]()
    dense2 = book["Layer_Dense"](64, 3)
    loss_activation = book["Activation_Softmax_Loss_CategoricalCrossentropy"]()
    optimizer = book["Optimizer_Adam"](learning_rate=0.02, decay=5e-7)
    out.update({"ch14-weights1": dense1.weights.copy(), "ch14-weights2": dense2.weights.copy()})
    losses, data_losses, accuracies = [], [], []
    for _epoch in range(10001):
        dense1.forward(X)
        activation1.forward(dense1.output)
        dense2.forward(activation1.output)
        data_loss = loss_activation.forward(dense2.output, y)
        regularization_loss = (loss_activation.loss.regularization_loss(dense1)
                               + loss_activation.loss.regularization_loss(dense2))
        losses.append(data_loss + regularization_loss)
        data_losses.append(data_loss)
        accuracies.append(np.mean(np.argmax(loss_activation.output, axis=1) == y))
        loss_activation.backward(loss_activation.output, y)
        dense2.backward(loss_activation.dinputs)
        activation1.backward(dense2.dinputs)
        dense1.backward(activation1.dinputs)
        update(optimizer, dense1, dense2)
    out.update({
        "ch14-losses": np.array(losses), "ch14-data_losses": np.array(data_losses),
        "ch14-accuracies": np.array(accuracies),
    })
    validate(out, "ch14", dense1, activation1, dense2, loss_activation)


def chapter_15(folder, out):
    """Chapter 15's run: Dropout 0.1 after the first layer (L2 5e-4 on its weights and biases), Adam
    at 0.05 with decay 5e-5, 10 001 epochs on spiral 1 000 × 3, then the next spiral of the stream
    through the network without Dropout, as the chapter validates. Every epoch's loss and accuracy
    are kept, and the weights after the first ``CHAPTER_15_EPOCHS`` and after all of them."""
    from nnfs.datasets import spiral_data

    book = chapter_classes(folder, "Chapter_15/Ch15_Final.py")
    np.random.seed(0)
    X, y = spiral_data(samples=1000, classes=3)
    dense1 = book["Layer_Dense"](2, 64, weight_regularizer_l2=5e-4, bias_regularizer_l2=5e-4)
    activation1 = book["Activation_ReLU"]()
    dropout1 = book["Layer_Dropout"](0.1)
    dense2 = book["Layer_Dense"](64, 3)
    loss_activation = book["Activation_Softmax_Loss_CategoricalCrossentropy"]()
    optimizer = book["Optimizer_Adam"](learning_rate=0.05, decay=5e-5)
    out.update({"ch15-X": X, "ch15-y": y,
                "ch15-weights1": dense1.weights.copy(), "ch15-weights2": dense2.weights.copy()})
    save_stream("ch15", out)
    losses, accuracies = [], []
    for epoch in range(10001):
        if epoch == CHAPTER_15_EPOCHS:
            out.update({"ch15-early_weights1": dense1.weights.copy(), "ch15-early_biases1": dense1.biases.copy(),
                        "ch15-early_weights2": dense2.weights.copy(), "ch15-early_biases2": dense2.biases.copy()})
        dense1.forward(X)
        activation1.forward(dense1.output)
        dropout1.forward(activation1.output)
        dense2.forward(dropout1.output)
        data_loss = loss_activation.forward(dense2.output, y)
        losses.append(data_loss + loss_activation.loss.regularization_loss(dense1)
                      + loss_activation.loss.regularization_loss(dense2))
        accuracies.append(np.mean(np.argmax(loss_activation.output, axis=1) == y))
        loss_activation.backward(loss_activation.output, y)
        dense2.backward(loss_activation.dinputs)
        dropout1.backward(dense2.dinputs)
        activation1.backward(dropout1.dinputs)
        dense1.backward(activation1.dinputs)
        update(optimizer, dense1, dense2)
    out.update({
        "ch15-losses": np.array(losses), "ch15-accuracies": np.array(accuracies),
    })
    validate(out, "ch15", dense1, activation1, dense2, loss_activation)


def chapter_19(folder, out):
    """Chapter 19's mini-batches, by its Model class, on the spiral rather than Fashion MNIST: spiral
    100 × 3 shuffled once as the chapter shuffles its data, Dense(2, 64) → ReLU → Dense(64, 3) →
    Softmax, Adam at 0.05 with decay 5e-5, batches of CHAPTER_19_BATCH. Each epoch is one call of
    ``Model.train`` (the optimizer counts on); its figures are read from the Model's accumulators,
    as its ``training, acc: …, loss: …`` line computes them."""
    import types

    from nnfs.datasets import spiral_data

    sys.modules.setdefault("cv2", types.ModuleType("cv2"))  # the chapter reads Fashion MNIST's images with it
    book = chapter_classes(folder, "Chapter_19/Ch19_Final.py", re.compile(r"^# Create dataset", re.MULTILINE))
    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=3)
    keys = np.array(range(X.shape[0]))
    np.random.shuffle(keys)
    X, y = X[keys], y[keys]
    model = book["Model"]()
    model.add(book["Layer_Dense"](2, 64))
    model.add(book["Activation_ReLU"]())
    model.add(book["Layer_Dense"](64, 3))
    model.add(book["Activation_Softmax"]())
    model.set(loss=book["Loss_CategoricalCrossentropy"](), optimizer=book["Optimizer_Adam"](learning_rate=0.05,
              decay=5e-5), accuracy=book["Accuracy_Categorical"]())
    model.finalize()
    dense1, dense2 = model.trainable_layers
    out.update({"ch19-X": X, "ch19-y": y,
                "ch19-weights1": dense1.weights.copy(), "ch19-weights2": dense2.weights.copy()})
    losses, accuracies, rates = [], [], []
    with contextlib.redirect_stdout(io.StringIO()):
        for _epoch in range(CHAPTER_19_EPOCHS):
            model.train(X, y, epochs=1, batch_size=CHAPTER_19_BATCH, print_every=10**9)
            data_loss, regularization_loss = model.loss.calculate_accumulated(include_regularization=True)
            losses.append(data_loss + regularization_loss)
            accuracies.append(model.accuracy.calculate_accumulated())
            rates.append(model.optimizer.current_learning_rate)
    out.update({"ch19-losses": np.array(losses), "ch19-accuracies": np.array(accuracies), "ch19-rates": np.array(rates),
                "ch19-final_weights1": dense1.weights, "ch19-final_biases1": dense1.biases,
                "ch19-final_weights2": dense2.weights, "ch19-final_biases2": dense2.biases})


def seconds_per_epoch(folder, epochs):
    """How long one epoch of chapter 10's loop (Adam on the spiral, 2-64-3) takes the book's code:
    the median over rounds of 100 epochs, after ``epochs // 10`` epochs of warm-up."""
    book = chapter_classes(folder, "Chapter_10/Ch10_Final.py")
    X, y, dense1, activation1, dense2, loss_activation = spiral_network(book, 64)
    optimizer = book["Optimizer_Adam"](learning_rate=0.05, decay=5e-7)
    rounds = []
    for epoch in range(epochs + epochs // 10):
        if epoch % 100 == 0:
            start = time.perf_counter()
        chapter_10_epoch(X, y, dense1, activation1, dense2, loss_activation, optimizer)
        if epoch % 100 == 99 and epoch >= epochs // 10:
            rounds.append((time.perf_counter() - start) / 100)
    return statistics.median(rounds)


def chapter_16(folder, out):
    """Chapter 16's Sigmoid, forward and backward, on chapter 9's numbers: the spiral's points
    (times 4, to reach its flat ends) and the gradient chapter 9's loss sends back."""
    book = chapter_classes(folder, "Chapter_16/Ch16_Final.py")
    sigmoid = book["Activation_Sigmoid"]()
    sigmoid.forward(out["ch9-X"] * 4)  # values from −4 to 4, in float32
    sigmoid.backward(out["ch9-softmax_loss_dinputs"][:, :2])
    out.update({"ch16-sigmoid_inputs": sigmoid.inputs, "ch16-sigmoid_output": sigmoid.output,
                "ch16-sigmoid_dvalues": out["ch9-softmax_loss_dinputs"][:, :2],
                "ch16-sigmoid_dinputs": sigmoid.dinputs})


def chapter_16_logistic(folder, out):
    """Chapter 16's binary logistic regression: spiral 100 × 2 with its labels as a column,
    Dense(2, 64) (L2 5e-4 on weights and biases) → ReLU → Dense(64, 1) → Sigmoid, binary
    cross-entropy, Adam with decay 5e-7, 10 001 epochs, then the next spiral of the stream. Every
    epoch's loss, data loss and accuracy are kept, and the weights after the first
    ``CHAPTER_15_EPOCHS`` and after all of them."""
    from nnfs.datasets import spiral_data

    book = chapter_classes(folder, "Chapter_16/Ch16_Final.py")
    np.random.seed(0)
    X, y = spiral_data(samples=100, classes=2)
    y = y.reshape(-1, 1)
    dense1 = book["Layer_Dense"](2, 64, weight_regularizer_l2=5e-4, bias_regularizer_l2=5e-4)
    activation1 = book["Activation_ReLU"]()
    dense2 = book["Layer_Dense"](64, 1)
    activation2 = book["Activation_Sigmoid"]()
    loss_function = book["Loss_BinaryCrossentropy"]()
    optimizer = book["Optimizer_Adam"](decay=5e-7)
    out.update({"ch16b-X": X, "ch16b-y": y[:, 0],
                "ch16b-weights1": dense1.weights.copy(), "ch16b-weights2": dense2.weights.copy()})
    losses, data_losses, accuracies = [], [], []
    for epoch in range(10001):
        if epoch == CHAPTER_15_EPOCHS:
            out.update({"ch16b-early_weights1": dense1.weights.copy(), "ch16b-early_biases1": dense1.biases.copy(),
                        "ch16b-early_weights2": dense2.weights.copy(), "ch16b-early_biases2": dense2.biases.copy()})
        dense1.forward(X)
        activation1.forward(dense1.output)
        dense2.forward(activation1.output)
        activation2.forward(dense2.output)
        data_loss = loss_function.calculate(activation2.output, y)
        regularization_loss = loss_function.regularization_loss(dense1) + loss_function.regularization_loss(dense2)
        losses.append(data_loss + regularization_loss)
        data_losses.append(data_loss)
        accuracies.append(np.mean((activation2.output > 0.5) * 1 == y))
        loss_function.backward(activation2.output, y)
        activation2.backward(loss_function.dinputs)
        dense2.backward(activation2.dinputs)
        activation1.backward(dense2.dinputs)
        dense1.backward(activation1.dinputs)
        update(optimizer, dense1, dense2)
    X_test, y_test = spiral_data(samples=100, classes=2)
    y_test = y_test.reshape(-1, 1)
    dense1.forward(X_test)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    activation2.forward(dense2.output)
    out.update({
        "ch16b-losses": np.array(losses), "ch16b-data_losses": np.array(data_losses),
        "ch16b-accuracies": np.array(accuracies),
        "ch16b-final_weights1": dense1.weights, "ch16b-final_biases1": dense1.biases,
        "ch16b-final_weights2": dense2.weights, "ch16b-final_biases2": dense2.biases,
        "ch16b-validation_loss": loss_function.calculate(activation2.output, y_test),
        "ch16b-validation_accuracy": np.mean((activation2.output > 0.5) * 1 == y_test),
        "ch16b-X_test": X_test, "ch16b-y_test": y_test[:, 0],
    })


def book_or_exit():
    folder = book_folder()
    if folder is None:
        sys.exit("the book's code (Sentdex/nnfs_book) is not on this machine: set NNFS_BOOK to a copy")
    return folder


def main(path):
    folder = book_or_exit()
    out = {}
    chapter_9(folder, out)
    chapter_9_long_ways(folder, out)
    chapter_10(folder, out)
    chapter_6(folder, out)
    chapter_16(folder, out)
    chapter_16_logistic(folder, out)
    chapter_14(folder, out)
    chapter_15(folder, out)
    chapter_19(folder, out)
    out["ch10-printed"] = np.array(chapter_printed(folder, "Chapter_10/Ch10_Final.py"))
    out["ch14-printed"] = np.array(chapter_printed(folder, "Chapter_14/Ch14_Final.py"))
    out["ch15-printed"] = np.array(chapter_printed(folder, "Chapter_15/Ch15_Final.py"))
    out["ch16b-printed"] = np.array(chapter_printed(folder, "Chapter_16/Ch16_Final.py"))
    np.savez(path, **{key: np.asarray(value) for key, value in out.items()})


if __name__ == "__main__":
    if sys.argv[1] == "--seconds-per-epoch":
        print(seconds_per_epoch(book_or_exit(), int(sys.argv[2])))
    else:
        main(sys.argv[1])

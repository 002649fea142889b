"""The exported script, run in a subprocess, prints exactly the app's outputs, loss and accuracy."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnstudio.document import Batch, Document, Initialisation, State, spiral_classifier
from nnstudio.document.export_script import ExportError, export_script
from nnstudio.document.project_file import Project, load, save
from nnstudio.document.training import PRESETS, from_preset
from nnstudio.engine import Dense, Dropout, LeakyReLU, Linear, Network, ReLU, Sigmoid, Softmax, Tanh

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "resources" / "lessons").glob("*.json"))
NUMBER = r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|nan|-?inf"


def run(script, tmp_path, epochs=1):
    """What the script prints; a network that can learn trains for ``epochs`` epochs (its argument)."""
    path = tmp_path / "exported.py"
    path.write_text(script)
    done = subprocess.run([sys.executable, str(path), str(epochs)], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stdout


def printed(stdout):
    """The output matrix, loss and accuracy the script printed (None when it printed none)."""
    output_text = stdout.split("Output:", 1)[1].split("Loss:")[0].split("Accuracy:")[0]
    output = [[float(n) for n in re.findall(NUMBER, row)] for row in re.findall(r"\[([^\[\]]+)\]", output_text)]
    loss = re.search(rf"Loss: ({NUMBER})", stdout)
    accuracy = re.search(rf"Accuracy: ({NUMBER})", stdout)
    return np.array(output), loss and float(loss[1]), accuracy and float(accuracy[1])


def assert_script_matches_app(state, tmp_path):
    trace = Document(state).trace
    output, loss, accuracy = printed(run(export_script(state, "Test"), tmp_path))
    # The script prints every value to its shortest unique repr: cast back, it is the same number.
    assert output.astype(trace.output.dtype).tobytes() == trace.output.tobytes()
    if trace.loss is None:
        assert loss is None
    else:
        assert np.array(loss, dtype=trace.loss.dtype) == trace.loss
    assert (accuracy is None) == (trace.accuracy is None)
    if accuracy is not None:
        assert accuracy == trace.accuracy


def float64_network(batch):
    network = Network([Dense(2, 4), ReLU(), Dense(4, 3), Softmax()])
    network.initialise(7, 0.10)
    return State(tuple(network.layers), "float64", batch, Initialisation(7, 0.10))


def every_activation():
    """Dense layers joined by each activation in turn, in the book's float32, on the spiral."""
    kinds = [LeakyReLU, Sigmoid, Tanh, Linear, ReLU]
    layers, width = [], 2
    for kind in kinds:
        layers += [Dense(width, 4, dtype=np.dtype(np.float32)), kind()]
        width = 4
    network = Network([*layers, Dense(4, 3, dtype=np.dtype(np.float32)), Softmax()])
    network.initialise(3, 0.5)
    return State(tuple(network.layers), "nnfs", Batch("spiral", 20, 3, 1), Initialisation(3, 0.5))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_exports_to_a_script_printing_its_numbers(lesson, tmp_path):
    assert_script_matches_app(load(lesson).state, tmp_path)


@pytest.mark.parametrize(
    "state",
    [
        spiral_classifier(),
        spiral_classifier().replace(batch=Batch("vertical", 20, 3, 4)),
        float64_network(Batch("spiral", 30, 3, 2)),
        float64_network(Batch("hand", hand_X=np.array([[0.1, -0.2], [1e-3, 5.0]]), hand_y=np.array([2, 0]))),
        every_activation(),
        float64_network(Batch("circle", 30, 2, 1, noise=0.1)),
        spiral_classifier().replace(batch=Batch("two spirals", 25, 2, 3, noise=0.2)),
    ],
    ids=["float32 spiral", "float32 vertical", "float64 spiral", "float64 hand", "every activation",
         "float64 Playground circle", "float32 Playground spirals"],
)
def test_other_networks_export_exactly(state, tmp_path):
    assert_script_matches_app(state, tmp_path)


def test_an_edited_float32_weight_survives_the_export(tmp_path):
    document = Document(spiral_classifier())
    document.set_parameter(0, "weights", 1, 2, 1 / 3)
    document.set_parameter(1, "biases", 0, 0, -2.5)
    assert_script_matches_app(document.state, tmp_path)


def test_a_network_that_cannot_run_is_not_exported():
    state = spiral_classifier().replace(layers=())
    with pytest.raises(ExportError, match="cannot run"):
        export_script(state)


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_a_network_that_overflows_with_labels_beyond_its_classes_is_not_exported():
    rows = np.array([[1.0, 1.0]], dtype=np.float32)
    state = spiral_classifier().replace(batch=Batch("hand", 1, 2, 0, rows, np.array([7])))
    first = state.layers[0].copy()
    first.weights = np.full_like(first.weights, 3e38)
    with pytest.raises(ExportError, match="overflowed float32"):
        export_script(state.replace(layers=(first, *state.layers[1:])))


def test_export_from_the_command_line_without_a_window(tmp_path):
    project = tmp_path / "p.nnstudio.json"
    save(Project(spiral_classifier(), None, "CLI"), project)
    script = tmp_path / "out.py"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--export-script", str(script), str(project)],
                          capture_output=True, text=True, timeout=60, env={"QT_QPA_PLATFORM": "minimal-not-there",
                                                                           "PATH": ""})
    assert done.returncode == 0, done.stderr  # no window: a missing Qt platform does not matter
    assert script.read_text() == export_script(spiral_classifier(), "CLI")
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "--export-script", str(script), str(script)],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "not a readable project file" in bad.stderr


def trained(state, epochs):
    """``state`` after ``epochs`` of its optimizer in the engine, and the book's lines it printed."""
    network, optimizer = state.network(), state.optimizer.build()
    X, y = state.test.training_data(state.batch)
    lines = []
    for _ in range(epochs):
        epoch, rate = optimizer.iterations, optimizer.current_learning_rate
        loss, accuracy = network.train_epoch(X, y, optimizer)
        if not epoch % 100 and state.optimizer.name != "Random search":
            lines.append(f"epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f}, lr: {rate}")
    return state.replace(layers=tuple(network.layers), optimizer=state.optimizer.after(optimizer)), lines


def printed_weights(stdout, dtype):
    """The trained weights and biases the script printed after training, in printed order."""
    after = stdout.split("After training:", 1)[1]
    blocks = re.split(r"dense\d+\.(?:weights|biases):", after)[1:]
    return [np.array([[float(n) for n in re.findall(NUMBER, row)] for row in re.findall(r"\[([^\[\]]+)\]", block)],
                     dtype=dtype) for block in blocks]


@pytest.mark.parametrize("preset", PRESETS, ids=lambda preset: preset.optimizer)
def test_the_exported_training_loop_goes_on_as_the_app_trains(preset, tmp_path):
    """From a state that has trained (the optimizer's caches and counts exported), the script's
    next epochs print the book's lines and end on the very weights the engine reaches."""
    state, _ = trained(spiral_classifier().replace(optimizer=from_preset(preset)), 150)
    stdout = run(export_script(state), tmp_path, epochs=120)
    expected, lines = trained(state, 120)
    assert [line for line in stdout.splitlines() if line.startswith("epoch:")] == lines
    dense = [layer for layer in expected.layers if isinstance(layer, Dense)]
    weights = [array for layer in dense for array in (layer.weights, layer.biases)]
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == [array.tobytes() for array in weights]


def test_a_stack_of_every_activation_trains_in_the_script_as_in_the_app(tmp_path):
    state = every_activation()
    stdout = run(export_script(state), tmp_path, epochs=30)
    expected, _ = trained(state, 30)
    dense = [layer for layer in expected.layers if isinstance(layer, Dense)]
    weights = [array for layer in dense for array in (layer.weights, layer.biases)]
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == [array.tobytes() for array in weights]
    assert "class Activation_Sigmoid" in export_script(state)
    assert "class Activation_Sigmoid" not in export_script(spiral_classifier())


def test_a_network_that_cannot_learn_exports_no_training():
    script = export_script(spiral_classifier().replace(layers=spiral_classifier().layers[:-1]))
    assert "optimizer" not in script and "backward" not in script


def test_a_regularized_network_trains_in_the_script_as_in_the_app_and_prints_the_penalty(tmp_path):
    state = spiral_classifier()
    dense = state.layers[0].copy()
    dense.set_regularizers(1e-3, 5e-4, 2e-4, 5e-4)
    state = state.replace(layers=(dense, *state.layers[1:]))
    stdout = run(export_script(state), tmp_path, epochs=101)
    expected, _ = trained(state, 101)
    dense = [layer for layer in expected.layers if isinstance(layer, Dense)]
    weights = [array for layer in dense for array in (layer.weights, layer.biases)]
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == [array.tobytes() for array in weights]
    network = state.network()
    loss, _ = network.train_epoch(*state.batch.data(), state.optimizer.build())
    first = next(line for line in stdout.splitlines() if line.startswith("epoch: 0,"))
    assert f"loss: {loss:.3f} (data_loss: " in first and "reg_loss: " in first


def test_dropout_is_left_out_of_the_outputs_and_masks_the_scripts_training_as_the_apps(tmp_path):
    """Two Dropouts, one whose stream has moved on by training and one fresh: the script prints the
    app's outputs (without Dropout) and trains on to the very weights the engine reaches."""
    base = spiral_classifier()
    dense1, relu, dense2, softmax = base.layers
    state = base.replace(layers=(dense1, relu, Dropout(0.3, seed=4), dense2, softmax))
    state, _ = trained(state, 20)
    state = state.replace(layers=(*state.layers[:4], Dropout(0.1, seed=2), state.layers[4]))
    script = export_script(state)
    assert "class Layer_Dropout" in script and "np.random.RandomState(2).get_state()" in script
    assert_script_matches_app(state, tmp_path)
    stdout = run(script, tmp_path, epochs=40)
    expected, _ = trained(state, 40)
    dense = [layer for layer in expected.layers if isinstance(layer, Dense)]
    weights = [array for layer in dense for array in (layer.weights, layer.biases)]
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == [array.tobytes() for array in weights]

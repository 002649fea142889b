"""Input features in project files and exported scripts."""

import json

import numpy as np
import pytest
from test_export_script import assert_script_matches_app, printed_weights, run, trained

from nnstudio.document import Batch, Document, spiral_classifier
from nnstudio.document.export_script import export_script
from nnstudio.document.project_file import Project, ProjectFileError, dumps, loads
from nnstudio.engine import Dense


def features_state():
    document = Document(spiral_classifier().replace(batch=Batch("circle", 40, 2, 3, noise=0.1)))
    document.set_features(["x₀", "x₁", "x₀²", "x₁²", "x₀x₁", "sin x₀", "sin x₁"])
    return document.state


def test_the_features_are_saved_opened_and_refused_when_wrong():
    state = features_state()
    assert loads(dumps(Project(state))).state.same_layers(state)
    data = json.loads(dumps(Project(state)))
    data["layers"][0]["features"][4] = "x₃"
    with pytest.raises(ProjectFileError, match='"features" in layer 1 should be a list of some of x₀, x₁'):
        loads(json.dumps(data))


def test_the_exported_script_computes_the_features_as_the_app_and_trains_alike(tmp_path):
    state = features_state()
    assert "np.column_stack([x0, x1, x0 * x0, x1 * x1, x0 * x1, np.sin(x0), np.sin(x1)])" in export_script(state)
    assert_script_matches_app(state, tmp_path)
    stdout = run(export_script(state), tmp_path, epochs=30)
    expected, _ = trained(state, 30)
    dense = [layer for layer in expected.layers if isinstance(layer, Dense)]
    weights = [array for layer in dense for array in (layer.weights, layer.biases)]
    assert [array.tobytes() for array in printed_weights(stdout, np.float32)] == [array.tobytes() for array in weights]

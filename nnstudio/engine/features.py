"""Input features as TensorFlow Playground offers them (its X₁, X₂, X₁², …, named here as the batch
names its columns: x₀, x₁, x₀², x₁², x₀x₁, sin x₀, sin x₁), computed from a sample's two inputs by
a ``Features`` layer at the top of the stack, so that a network with no hidden layer can separate
a circle once x₀² and x₁² are among its inputs.

Each feature keeps together its name, its numpy expression (the exported script writes the same
text, so its numbers are the app's), its rule and its derivatives on x₀ and x₁.
"""

from typing import NamedTuple

import numpy as np

from .arithmetic_text import Explanation, Formula, number
from .step_kind import StepKind


class Feature(NamedTuple):
    name: str
    expression: str  # in numpy, of the columns x0 and x1
    compute: object  # (x0, x1) → the feature's column, by ``expression``
    derivatives: object  # (x0, x1) → (d/dx₀, d/dx₁), each a column or a number
    formula: str  # how the explanation writes it, with {x0} and {x1} for the values


FEATURES = {feature.name: feature for feature in (
    Feature("x₀", "x0", lambda x0, x1: x0, lambda x0, x1: (1, 0), "x₀ = {x0}"),
    Feature("x₁", "x1", lambda x0, x1: x1, lambda x0, x1: (0, 1), "x₁ = {x1}"),
    Feature("x₀²", "x0 * x0", lambda x0, x1: x0 * x0, lambda x0, x1: (2 * x0, 0), "x₀² = {x0} × {x0}"),
    Feature("x₁²", "x1 * x1", lambda x0, x1: x1 * x1, lambda x0, x1: (0, 2 * x1), "x₁² = {x1} × {x1}"),
    Feature("x₀x₁", "x0 * x1", lambda x0, x1: x0 * x1, lambda x0, x1: (x1, x0), "x₀x₁ = {x0} × {x1}"),
    Feature("sin x₀", "np.sin(x0)", lambda x0, x1: np.sin(x0), lambda x0, x1: (np.cos(x0), 0), "sin x₀ = sin({x0})"),
    Feature("sin x₁", "np.sin(x1)", lambda x0, x1: np.sin(x1), lambda x0, x1: (0, np.cos(x1)), "sin x₁ = sin({x1})"),
)}
PLAIN_INPUTS = ("x₀", "x₁")  # what a stack without a Features layer takes


class FeaturesStep(StepKind):
    """The Features layer: each chosen feature of each sample's x₀ and x₁."""

    name = "features"
    columns = "feature"
    code = "x0, x1 = inputs[:, 0], inputs[:, 1]; np.column_stack([x0, x1, x0 * x0, …])  # the features chosen"

    def label(self, layer_name):
        return "Input features"

    def column_names(self, step):
        return step.layer.names

    def compute(self, layer, inputs):
        return layer.activate(inputs)

    def explain(self, trace, step, row, column, labels=None):
        value = step.output[row, column]
        feature = FEATURES[step.layer.names[column]]
        x0, x1 = (number(x) for x in step.inputs[row])
        text = f"{feature.formula.format(x0=x0, x1=x1)} = {number(value)}"
        notes = (f"Sample {row}'s inputs are x₀ = {x0} and x₁ = {x1}; the network takes {feature.name} as an input"
                 " of its own, as TensorFlow Playground's feature buttons give it.",
                 "With x₀² and x₁² among its inputs even a network with no hidden layer can draw a circle.")
        return Explanation(f"Input features — sample {row}, {feature.name}", (Formula(text),), notes, value)


FEATURES_STEP = FeaturesStep()


class Features:
    """The chosen features (``names``, in FEATURES' order) of a batch of two inputs."""

    kind = "Features"
    description = "the input features: x₀, x₁ and what is computed from them (x₀², sin x₀, …)"
    steps = training_steps = (FEATURES_STEP,)
    backward_steps = ()  # the first layer: nothing before it needs its gradient shown

    def __init__(self, names=PLAIN_INPUTS):
        unknown = [name for name in names if name not in FEATURES]
        if unknown or not names:
            raise ValueError(f"input features are chosen from {', '.join(FEATURES)}; got {list(names)}")
        self.names = tuple(name for name in FEATURES if name in names)

    def copy(self):
        return Features(self.names)

    @property
    def n_features(self):
        return len(self.names)

    def output_width(self, width):
        return self.n_features

    def activate(self, inputs):
        """The features' columns, side by side (storing nothing)."""
        if inputs.ndim != 2 or inputs.shape[1] != 2:
            raise ValueError(f"input features are computed from 2 inputs (x₀, x₁), but the batch gives"
                             f" {inputs.shape[1] if inputs.ndim == 2 else inputs.ndim}")
        x0, x1 = inputs[:, 0], inputs[:, 1]
        return np.column_stack([FEATURES[name].compute(x0, x1) for name in self.names])

    def forward(self, inputs):
        self.inputs = inputs
        self.output = self.activate(inputs)
        return self.output

    def backward(self, dvalues):
        """The gradient on x₀ and x₁: each feature's gradient times its derivative, added up."""
        x0, x1 = self.inputs[:, 0], self.inputs[:, 1]
        self.dinputs = np.zeros_like(self.inputs, dtype=dvalues.dtype)
        for column, name in enumerate(self.names):
            on_x0, on_x1 = FEATURES[name].derivatives(x0, x1)
            self.dinputs[:, 0] += dvalues[:, column] * on_x0
            self.dinputs[:, 1] += dvalues[:, column] * on_x1
        return self.dinputs

    def __repr__(self):
        return f"Features({self.names})"

"""What training is set to, as values: the optimizer with its hyper-parameters and what it has
counted so far, the book's runs as presets, and the record of each training run.

No Qt here: the trainer (``trainer.py``) runs epochs; this module says what they run with.
"""

import inspect
import math
from dataclasses import dataclass, field, replace

import numpy as np

from nnstudio.engine import SGD, Adagrad, Adam, RandomSearch, RMSprop

from .limits import MAX_SEED


@dataclass(frozen=True)
class Setting:
    """One hyper-parameter: its constructor name, its label, and the values it may take."""

    name: str
    label: str
    low: float
    high: float = math.inf
    low_open: bool = False  # True: ``low`` itself is refused (a learning rate of 0 learns nothing)
    high_open: bool = True
    whole: bool = False

    @property
    def range_text(self):
        if self.high == math.inf:
            return f"above {self.low:g}" if self.low_open else f"{self.low:g} or more"
        left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
        return f"in {left}{self.low:g}, {self.high:g}{right}"

    def problem(self, value):
        """Why ``value`` cannot be this setting, as a sentence; "" when it can."""
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return f"The {self.label.lower()} must be a number {self.range_text}."
        below = value < self.low or (self.low_open and value == self.low)
        above = value > self.high or (self.high_open and value == self.high)
        if below or above or (self.whole and value != int(value)):
            kind = "a whole number" if self.whole else "a number"
            return f"The {self.label.lower()} must be {kind} {self.range_text}; {value:g} is not."
        return ""


LEARNING_RATE = Setting("learning_rate", "Learning rate", 0.0, low_open=True)
DECAY = Setting("decay", "Decay", 0.0)
EPSILON = Setting("epsilon", "Epsilon", 0.0, low_open=True)
UNIT = {"low": 0.0, "high": 1.0}  # momentum, rho and the betas: a share of the past kept


@dataclass(frozen=True)
class OptimizerKind:
    """One of the book's optimizers: its engine class and its settings, in constructor order."""

    name: str
    engine_class: type
    settings: tuple
    chapter: int

    def defaults(self):
        """The book's defaults: those of the engine class's constructor."""
        parameters = inspect.signature(self.engine_class).parameters
        return {setting.name: parameters[setting.name].default for setting in self.settings}


OPTIMIZERS = {
    kind.name: kind
    for kind in (
        OptimizerKind("SGD", SGD, (LEARNING_RATE, DECAY, Setting("momentum", "Momentum", **UNIT)), 10),
        OptimizerKind("AdaGrad", Adagrad, (LEARNING_RATE, DECAY, EPSILON), 10),
        OptimizerKind("RMSprop", RMSprop, (LEARNING_RATE, DECAY, EPSILON, Setting("rho", "Rho", **UNIT)), 10),
        OptimizerKind(
            "Adam", Adam,
            (LEARNING_RATE, DECAY, EPSILON, Setting("beta_1", "Beta 1", **UNIT), Setting("beta_2", "Beta 2", **UNIT)),
            10,
        ),
        OptimizerKind(
            "Random search", RandomSearch,
            (Setting("scale", "Scale", 0.0, low_open=True),
             Setting("seed", "Seed", 0, MAX_SEED, high_open=False, whole=True)),
            6,
        ),
    )
}


@dataclass(frozen=True)
class Preset:
    """A run of the book's, by the name a reader knows it by."""

    label: str
    optimizer: str
    settings: tuple  # (name, value) pairs that differ from the optimizer's defaults


PRESETS = (
    Preset("Chapter 6: random search, scale 0.05", "Random search", (("scale", 0.05),)),
    Preset("Chapter 10: SGD, learning rate 1", "SGD", ()),
    Preset("Chapter 10: SGD with decay 1e-3 and momentum 0.9", "SGD", (("decay", 1e-3), ("momentum", 0.9))),
    Preset("Chapter 10: AdaGrad with decay 1e-4", "AdaGrad", (("decay", 1e-4),)),
    Preset("Chapter 10: RMSprop, learning rate 0.02, decay 1e-5, rho 0.999", "RMSprop",
           (("learning_rate", 0.02), ("decay", 1e-5), ("rho", 0.999))),
    Preset("Chapter 10: Adam, learning rate 0.05, decay 5e-7", "Adam", (("learning_rate", 0.05), ("decay", 5e-7))),
    Preset("Chapter 14: Adam, learning rate 0.02, decay 5e-7", "Adam", (("learning_rate", 0.02), ("decay", 5e-7))),
    Preset("Chapter 15: Adam, learning rate 0.05, decay 5e-5", "Adam", (("learning_rate", 0.05), ("decay", 5e-5))),
    Preset("Chapter 16: Adam, learning rate 0.001, decay 5e-7", "Adam", (("decay", 5e-7),)),
)
CHAPTER_10_ADAM = PRESETS[5]  # the book's chapter 10 run, where a new project starts


@dataclass(frozen=True)
class OptimizerState:
    """The optimizer as a value: which one, its settings, and what it has counted so far. What it
    remembers per weight (momentums, caches) is kept on the State's Dense layers, as the book
    keeps it on its layers; random search remembers its random stream and its lowest loss here."""

    name: str = "Adam"
    settings: tuple = ()  # (name, value) pairs, every setting of the kind, in its order
    iterations: int = 0
    current_learning_rate: float | None = None  # None: not started (the learning rate itself)
    search: tuple = ()  # random search: (its random stream's state, lowest loss, its accuracy)
    epoch: int | None = None  # epochs run, when mini-batches made it fewer than ``iterations`` (steps)

    @property
    def epochs_run(self):
        """Epochs run so far: the optimizer's iterations, unless an epoch took several steps."""
        return self.iterations if self.epoch is None else self.epoch

    @classmethod
    def fresh(cls, name, **changes):
        """The optimizer ``name`` with its defaults, some of them changed, not yet run."""
        settings = OPTIMIZERS[name].defaults() | changes
        return cls(name, tuple(settings.items()))

    @property
    def kind(self):
        return OPTIMIZERS[self.name]

    @property
    def values(self):
        return dict(self.settings)

    def problem(self):
        """The first setting out of its range, as a sentence; "" when all are valid."""
        for setting in self.kind.settings:
            message = setting.problem(self.values[setting.name])
            if message:
                return message
        return ""

    def with_setting(self, name, value):
        """Another setting for ``name``: a new optimizer (the book builds a new one to change one)."""
        return OptimizerState.fresh(self.name, **(self.values | {name: value}))

    def build(self):
        """The engine's optimizer, holding what this one has counted."""
        values = self.values
        if self.name == "Random search":
            values["seed"] = int(values["seed"])
        optimizer = self.kind.engine_class(**values)
        optimizer.iterations = self.iterations
        if self.name == "Random search":
            if self.search:
                state, optimizer.lowest_loss, optimizer.lowest_accuracy = self.search
                optimizer.rng.set_state(state)
        elif self.current_learning_rate is not None:
            optimizer.current_learning_rate = self.current_learning_rate
        return optimizer

    def after(self, optimizer, epochs=None):
        """This optimizer as ``optimizer`` (built by ``build``) left it after ``epochs`` more epochs
        (by default as many as it counted: one step an epoch)."""
        run = optimizer.iterations - self.iterations if epochs is None else epochs
        epoch = None if self.epochs_run + run == optimizer.iterations else self.epochs_run + run
        if self.name == "Random search":
            name, keys, position, has_gauss, cached_gaussian = optimizer.rng.get_state()
            stream = (name, tuple(keys.tolist()), position, has_gauss, cached_gaussian)  # a tuple compares
            return replace(self, iterations=optimizer.iterations, epoch=epoch,
                           search=(stream, optimizer.lowest_loss, optimizer.lowest_accuracy))
        return replace(self, iterations=optimizer.iterations, epoch=epoch,
                       current_learning_rate=optimizer.current_learning_rate)

    @property
    def description(self):
        """ "Adam, learning rate 0.05, decay 5e-07": the settings that differ from the defaults."""
        defaults = self.kind.defaults()
        changed = [f"{setting.label.lower()} {self.values[setting.name]:g}" for setting in self.kind.settings
                   if self.values[setting.name] != defaults[setting.name]]
        return ", ".join([self.name, *changed])


def from_preset(preset):
    return OptimizerState.fresh(preset.optimizer, **dict(preset.settings))


@dataclass
class Run:
    """One training run, from Train (or Step epoch) to its end or Pause: the figures of every
    epoch, as the book prints them, for the curves. ``undone`` once the run is undone."""

    description: str
    first_epoch: int
    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    learning_rate: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    test_accuracy: list = field(default_factory=list)
    undone: bool = False

    @property
    def epochs(self):
        return np.arange(self.first_epoch, self.first_epoch + len(self.loss))

"""Everything a user edits, as one value: the layers, the numerics, the batch, the initialisation.

An edit builds a new ``State`` from the old one; undo puts the old one back. Arrays inside a
``State`` are read-only (a write raises), so restoring one restores the arrays bit for bit: an
edit, or an optimizer, works on copies (``Dense.copy()`` gives writeable ones) and makes a new
``State`` of them.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from nnstudio.engine import NUMERICS, Dense, Dropout, Features, Network, ReLU, Softmax, spiral, vertical
from nnstudio.engine.datasets import held_out_rows
from nnstudio.engine.layers import same_stream
from nnstudio.engine.playground_data import PLAYGROUND_DATA

from .adapt import blank_dense
from .training import CHAPTER_10_ADAM, OptimizerState, from_preset

BATCH_KINDS = ("spiral", "vertical", *PLAYGROUND_DATA, "hand")
SCALES = (0.10, 0.01)


def frozen(array):
    """``array`` made read-only. A view of memory that is still writeable through its base is
    copied first, so no other name can change what the state holds."""
    if not array.flags.writeable and not _writeable_base(array):
        return array
    if array.base is not None:
        array = array.copy()
    array.flags.writeable = False
    return array


def _writeable_base(array):
    base = array.base
    while isinstance(base, np.ndarray):
        if base.flags.writeable:
            return True
        base = base.base
    return False


def same_bits(first, second):
    """Whether two arrays hold the very same values: dtype, shape and bits (so −0.0 ≠ 0.0, as the
    user typed them; ``np.array_equal`` would call them equal)."""
    return first.dtype == second.dtype and first.shape == second.shape and first.tobytes() == second.tobytes()


@dataclass(frozen=True)
class Batch:
    """Where the samples come from: a book data set (by its parameters) or rows typed by hand."""

    kind: str = "spiral"
    samples: int = 100
    classes: int = 3
    seed: int = 0
    hand_X: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    hand_y: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # What given rows are (a lesson's "Spiral: the notebook's second spiral_data(100, 3)"), shown
    # as their source and kept as they are until the user switches to Hand-entered; "" for rows typed here.
    origin: str = ""
    noise: float = 0.0  # TensorFlow Playground's noise level (0 to 0.5), for its data sets
    # Whether hand rows carry class labels: the notebook's batches before the spiral have none, so
    # their network has outputs but no loss (``hand_y`` holds 0s until a class is typed)
    labelled: bool = True

    @property
    def editable(self):
        """Whether the rows are the user's to edit (typed, pasted, clicked or imported here)."""
        return self.kind == "hand" and not self.origin

    def __post_init__(self):
        object.__setattr__(self, "hand_X", frozen(np.asarray(self.hand_X)))
        object.__setattr__(self, "hand_y", frozen(np.asarray(self.hand_y)))

    @property
    def has_labels(self):
        """Whether the rows have class labels a loss can be taken against."""
        return self.kind != "hand" or self.labelled

    def data(self):
        """``(X, y)`` for this batch (``y`` all 0 when the rows carry no labels: ``has_labels``)."""
        if self.kind == "spiral":
            return spiral(self.samples, self.classes, self.seed)
        if self.kind == "vertical":
            return vertical(self.samples, self.classes, self.seed)
        if self.kind in PLAYGROUND_DATA:
            return PLAYGROUND_DATA[self.kind](self.samples, self.seed, self.noise)
        return self.hand_X, self.hand_y

    @property
    def n_features(self):
        return 2 if self.kind != "hand" else self.hand_X.shape[1]

    def same_as(self, other):
        return (
            (self.kind, self.samples, self.classes, self.seed, self.origin, self.noise, self.labelled)
            == (other.kind, other.samples, other.classes, other.seed, other.origin, other.noise, other.labelled)
            and same_bits(self.hand_X, other.hand_X)
            and same_bits(self.hand_y, other.hand_y)
        )


@dataclass(frozen=True)
class UnseenData:
    """Samples the network does not train on (the book's chapter 11): none, the training data set
    drawn again with another seed, a share of the batch's rows held out (TensorFlow Playground's
    ratio of training to test data), or rows given as they are (a lesson's, a file's)."""

    kind: str = "none"  # "none", "generated", "held_out" or "rows"
    seed: int = 1  # the data set's seed ("generated"), or the one that picks the rows held out
    X: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    y: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    share: int = 50  # percent of the batch held out ("held_out")

    def __post_init__(self):
        object.__setattr__(self, "X", frozen(np.asarray(self.X)))
        object.__setattr__(self, "y", frozen(np.asarray(self.y)))

    def data(self, batch):
        """``(X, y)`` of the test samples for ``batch``, or None when there are none."""
        if self.kind == "rows":
            return self.X, self.y
        if self.kind == "generated" and batch.kind != "hand":
            return replace(batch, seed=self.seed).data()
        if self.holds_out and not batch.editable:
            X, y = batch.data()
            test = held_out_rows(len(X), self.share, self.seed)[1]
            return (X[test], y[test]) if len(test) else None
        return None

    def training_data(self, batch):
        """``(X, y)`` of the rows of ``batch`` the network trains on: all of them, unless a share is
        held out."""
        X, y = batch.data()
        if not self.holds_out or batch.editable:  # an edited row keeps its place in the batch table
            return X, y
        training = held_out_rows(len(X), self.share, self.seed)[0]
        return X[training], y[training]

    @property
    def holds_out(self):
        """What decides the training rows: None, or the share and seed held out."""
        return (self.share, self.seed) if self.kind == "held_out" else None

    def same_as(self, other):
        return (self.kind, self.seed, self.share) == (other.kind, other.seed, other.share) \
            and same_bits(self.X, other.X) and same_bits(self.y, other.y)


@dataclass(frozen=True)
class Initialisation:
    """How weights are drawn: ``scale * randn`` from a stream seeded with ``seed``."""

    seed: int = 0
    scale: float = 0.10


@dataclass(frozen=True)
class State:
    layers: tuple = ()
    numerics: str = "nnfs"
    batch: Batch = Batch()
    init: Initialisation = Initialisation()
    note: str = ""  # a free caption, shown by lessons
    optimizer: OptimizerState = from_preset(CHAPTER_10_ADAM)
    epochs: int = 10_000  # epochs one press of Train runs
    batch_size: int = 0  # rows a training step takes (the book's chapter 19); 0: the whole batch
    test: UnseenData = UnseenData()

    def __post_init__(self):
        for layer in self.layers:
            _freeze_arrays(layer)

    @property
    def dtype(self):
        return NUMERICS[self.numerics]

    def network(self):
        """A fresh engine ``Network`` over copies of this state's layers."""
        return Network(self.layers).copy()

    def replace(self, **changes):
        return replace(self, **changes)

    def dense_indices(self):
        """Stack index of each Dense layer, in order."""
        return [i for i, layer in enumerate(self.layers) if isinstance(layer, Dense)]

    def same_layers(self, other):
        if len(self.layers) != len(other.layers):
            return False
        for mine, theirs in zip(self.layers, other.layers, strict=True):
            if mine.kind != theirs.kind:
                return False
            if isinstance(mine, Dense) and not (
                same_bits(mine.weights, theirs.weights) and same_bits(mine.biases, theirs.biases)
                and mine.regularizers == theirs.regularizers
            ):
                return False
            if isinstance(mine, Features) and mine.names != theirs.names:
                return False
            if isinstance(mine, Dropout) and not (mine.rate == theirs.rate and same_stream(mine.stream, theirs.stream)):
                return False
        return True


def _freeze_arrays(layer):
    """Make every array a layer holds read-only as it enters a state: a Dense's weights and biases,
    and whatever an optimizer left on it (momentums, caches, gradients). A layer already in a state
    keeps the very arrays it has."""
    for name, value in list(vars(layer).items()):
        if isinstance(value, np.ndarray):
            kept = frozen(value)
            if kept is not value:
                setattr(layer, name, kept)


def spiral_classifier():
    """The notebook's spiral classifier: Dense(2,3) → ReLU → Dense(3,3) → Softmax on spiral 100×3."""
    state = State()
    network = Network([blank_dense(2, 3, state.dtype), ReLU(), blank_dense(3, 3, state.dtype), Softmax()])
    network.initialise(state.init.seed, state.init.scale)
    return state.replace(layers=tuple(network.layers))

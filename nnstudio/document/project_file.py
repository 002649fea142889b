"""Project files: a ``State`` (and the current step) as JSON, read back bit for bit.

An array is stored as ``{"dtype": "float32", "shape": [2, 3], "values": [[...], [...]]}``. Each
value is written as the shortest decimal that reads back to the same bits (``0.1`` for the
float32 0.1) — checked when writing, with the exact float64 decimal as the fallback — so a
file is readable and every float32 and float64 round-trips exactly.

Reading trusts nothing: every field is checked (type, range, shape — a declared shape is
checked against a size cap before anything is allocated) and any problem raises one
``ProjectFileError`` whose message is a sentence for the user. No pickle, no eval.
"""

import json
import math
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnstudio.engine import FEATURES, NUMERICS, WEIGHTLESS_LAYERS, Dense, Dropout, Features
from nnstudio.engine.layers import OPTIMIZER_CACHES
from nnstudio.engine.playground_data import MAX_NOISE

from .limits import (
    HELD_OUT_RANGE,
    MAX_CLASSES,
    MAX_DROPOUT_RATE,
    MAX_ENTRIES,
    MAX_EPOCHS,
    MAX_FILE_BYTES,
    MAX_INPUTS,
    MAX_LABEL,
    MAX_LAYERS,
    MAX_NEURONS,
    MAX_NOTE,
    MAX_ORIGIN,
    MAX_REGULARIZER,
    MAX_ROWS,
    MAX_RUNS,
    MAX_SAMPLES,
    MAX_SEED,
    MAX_STEP,
    MAX_TITLE,
    hand_over_limit,
    over_limit,
)
from .state import BATCH_KINDS, Batch, Initialisation, State, UnseenData
from .training import OPTIMIZERS, OptimizerState, Run

FORMAT = "nnstudio-project"
VERSION = 2  # 2 added training: the optimizer, epochs, test data, the runs' curves
READABLE_VERSIONS = (1, 2)
RUN_FIGURES = ("loss", "accuracy", "learning_rate", "test_loss", "test_accuracy")
SUFFIX = ".nnstudio.json"
FLOAT_DTYPES = ("float32", "float64")
# A Dense's chapter 14 penalties, by the book's names (written only when one is not 0).
REGULARIZERS = ("weight_regularizer_l1", "weight_regularizer_l2", "bias_regularizer_l1", "bias_regularizer_l2")
LABEL_DTYPES = ("uint8", "int32", "int64")


class ProjectFileError(Exception):
    """A project file that cannot be read or written; the message is a sentence for the user."""

    def __init__(self, message):
        super().__init__(message[:1].upper() + message[1:])


@dataclass(frozen=True)
class Project:
    """What a project file holds: the state, the current step (None: the last), a title and the
    training runs' curves."""

    state: State
    step: int | None = None
    title: str = ""
    history: tuple = ()  # of training.Run


# ----- writing ---------------------------------------------------------------------------------
def exact_values(array):
    """``array`` as nested lists of Python numbers whose decimal reprs read back to the same bits
    of ``array.dtype``: for float32 the shortest decimal that does (numpy's ``str``), else the
    exact one."""
    array = np.asarray(array)
    if array.dtype != np.float32:
        return array.tolist()  # Python's repr of an int or float64 already reads back exactly
    flat = array.ravel()
    chosen = flat.astype(np.float64)  # exact: the fallback, and what zeros keep
    todo = np.flatnonzero(np.isfinite(flat) & (flat != 0))
    exponent = np.floor(np.log10(np.abs(chosen[todo])))
    # m / 10**p is the nearest float64 to the decimal m·10⁻ᵖ only while 10**p is exact (p ≤ 22):
    # values further out (beyond 1e13 or below 1e-14) take numpy's str one by one.
    far = np.abs(exponent) > 13
    for index in todo[far]:
        chosen[index] = float(str(flat[index]))
    todo, exponent = todo[~far], exponent[~far]
    # A str() per value took 0.8 s for a 512 × 512 layer's weights and caches; instead, a binary
    # search per value for the fewest significant digits that read back (if d digits do, d + 1 do).
    value, target = chosen[todo], flat[todo]
    fewest, enough = np.ones(todo.size), np.full(todo.size, 9.0)
    while (fewest < enough).any():
        middle = np.floor((fewest + enough) / 2)
        reads_back = _nearest_decimal(value, target, exponent, middle)[1]
        enough = np.where(reads_back, middle, enough)
        fewest = np.where(reads_back, fewest, middle + 1)
    decimal, reads_back = _nearest_decimal(value, target, exponent, enough)
    chosen[todo[reads_back]] = decimal[reads_back]
    return chosen.reshape(array.shape).tolist()


_POWERS_OF_TEN = 10.0 ** np.arange(23)  # exact in float64; a lookup is ten times faster than **


def _nearest_decimal(value, target, exponent, digits):
    """The decimal of ``digits`` significant digits nearest ``value`` among those that read back
    to the float32 ``target`` (a tie: the even one, as numpy), and whether there is one."""
    power = digits - 1 - exponent
    scale = _POWERS_OF_TEN[np.abs(power).astype(np.intp)]
    positive = power >= 0
    below = np.floor(np.where(positive, value * scale, value / scale))
    candidates = [np.where(positive, m / scale, m * scale) for m in (below, below + 1)]
    with np.errstate(over="ignore"):  # a decimal above float32's largest reads back as inf
        reads_back = [candidate.astype(np.float32) == target for candidate in candidates]
    distance = [np.abs(candidate - value) for candidate in candidates]
    nearer_above = (distance[1] < distance[0]) | ((distance[1] == distance[0]) & (below.astype(np.int64) & 1 == 1))
    above = reads_back[1] & (nearer_above | ~reads_back[0])
    return np.where(above, candidates[1], candidates[0]), reads_back[0] | reads_back[1]


def _array(array):
    array = np.asarray(array)
    return {"dtype": array.dtype.name, "shape": list(array.shape), "values": exact_values(array)}


def _layer(layer):
    if isinstance(layer, Dense):
        caches = {name: _array(getattr(layer, name)) for name in OPTIMIZER_CACHES if hasattr(layer, name)}
        return {"kind": "Dense", "weights": _array(layer.weights), "biases": _array(layer.biases)} | (
            {"optimizer_caches": caches} if caches else {}
        ) | ({"regularizers": dict(zip(REGULARIZERS, layer.regularizers, strict=True))} if any(layer.regularizers)
             else {})
    if isinstance(layer, Features):
        return {"kind": layer.kind, "features": list(layer.names)}
    if isinstance(layer, Dropout):
        return {"kind": layer.kind, "rate": layer.rate, "seed": layer.seed} | (
            {} if layer.drawn_nothing else {"stream": _stream(layer.stream)})
    return {"kind": layer.kind}


def _stream(state):
    """A RandomState's state (``get_state()``), as the file keeps it."""
    _, keys, position, has_gauss, cached_gaussian = state
    return {"keys": _array(np.array(keys, dtype=np.uint32)), "position": int(position), "has_gauss": int(has_gauss),
            "cached_gaussian": float(cached_gaussian)}


def _optimizer(optimizer):
    spec = {
        "name": optimizer.name,
        "settings": dict(optimizer.settings),
        "iterations": optimizer.iterations,
        **({"epoch": optimizer.epoch} if optimizer.epoch is not None else {}),
        "current_learning_rate": optimizer.current_learning_rate,
    }
    if optimizer.search:
        stream, lowest_loss, lowest_accuracy = optimizer.search
        spec["search"] = _stream(stream) | {
            "lowest_loss": _array(np.asarray(lowest_loss)),
            "lowest_accuracy": None if lowest_accuracy is None else _array(np.asarray(lowest_accuracy)),
        }
    return spec


def _run(run):
    return {"description": run.description, "first_epoch": run.first_epoch, "undone": run.undone} | {
        figure: _array(np.asarray(getattr(run, figure), dtype=np.float64)) for figure in RUN_FIGURES
    }


def project_dict(project):
    """The JSON-ready dictionary of ``project``."""
    state = project.state
    batch = state.batch
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": project.title,
        "note": state.note,
        "numerics": state.numerics,
        "layers": [_layer(layer) for layer in state.layers],
        "batch": {
            "kind": batch.kind,
            "samples": batch.samples,
            "classes": batch.classes,
            "seed": batch.seed,
            "hand_X": _array(batch.hand_X),
            "hand_y": _array(batch.hand_y),
        } | ({"origin": batch.origin} if batch.origin else {}) | ({"noise": batch.noise} if batch.noise else {})
          | ({} if batch.labelled else {"labelled": False}),
        "init": {"seed": state.init.seed, "scale": state.init.scale},
        "step": project.step,
        "optimizer": _optimizer(state.optimizer),
        "epochs": state.epochs,
        "batch_size": state.batch_size,
        "test": {
            "kind": state.test.kind, "seed": state.test.seed, "X": _array(state.test.X), "y": _array(state.test.y)
        } | ({"share": state.test.share} if state.test.kind == "held_out" else {}),
        "history": [_run(run) for run in project.history],
    }


def dumps(project):
    """The file's text: indented, with each matrix row on one line so a reader sees the matrix."""
    rows = []
    token = secrets.token_hex(8)  # no text a user typed can look like a placeholder

    def placeholders(node):
        if isinstance(node, dict):
            return {key: placeholders(value) for key, value in node.items()}
        if not isinstance(node, list):
            return node
        if {list, dict} & set(map(type, node)):  # set(map(…)) runs in C: rows hold 10⁵ numbers
            return [placeholders(item) for item in node]
        rows.append(json.dumps(node, allow_nan=False))
        return f"{token}:{len(rows) - 1}"

    text = json.dumps(placeholders(project_dict(project)), indent=1, allow_nan=False)
    # one pass over the text (a replace per row took seconds for a batch of 20 000 rows)
    return re.sub(f'"{token}:(\\d+)"', lambda match: rows[int(match.group(1))], text) + "\n"


def save(project, path):
    """Write ``project`` to ``path`` (see ``write_text``)."""
    write_text(path, dumps(project))


def write_text(path, text):
    """Write ``text`` to ``path``: a temporary file in the same folder, then renamed over
    ``path``, so a crash leaves either the old file or the new one, never half a file."""
    path = Path(path)
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.chmod(temporary, _file_mode(path))
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise ProjectFileError(f"Could not save {path.name}: {error.strerror or error}.") from error


def _file_mode(path):
    """The permissions the saved file should get: those of the file it replaces, else the usual
    ones for a new file (mkstemp makes its file private)."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# ----- reading ---------------------------------------------------------------------------------
def _reject_constant(name):
    raise ProjectFileError(f"The file holds {name}; every value must be a finite number.")


def loads(text):
    """The ``Project`` in JSON ``text``; raises ``ProjectFileError`` saying what is wrong."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ProjectFileError(
            f"This is not a readable project file: the JSON breaks off or is malformed at line"
            f" {error.lineno}, column {error.colno} ({error.msg})."
        ) from error
    except (ValueError, RecursionError) as error:
        raise ProjectFileError(f"This is not a readable project file: {error}.") from error
    return project_from_dict(data)


def load(path):
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectFileError(
                f"{path.name} is {size / 2**20:.0f} MB; a project file is at most"
                f" {MAX_FILE_BYTES // 2**20} MB, so this is not one."
            )
        raw = path.read_bytes()
    except OSError as error:
        raise ProjectFileError(f"Could not read {path.name}: {error.strerror or error}.") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProjectFileError(
            f"{path.name} is not a project file: byte {error.start} is not UTF-8 text."
        ) from error
    return loads(text)


class _Reader:
    """Checks one field at a time; ``where`` names the field for the error sentence."""

    def field(self, mapping, key, where):
        if not isinstance(mapping, dict):
            raise ProjectFileError(f"{where} should be a JSON object, found {_kind(mapping)}.")
        if key not in mapping:
            raise ProjectFileError(f"The field \"{key}\" is missing from {where}.")
        return mapping[key]

    def integer(self, mapping, key, where, low, high):
        value = self.field(mapping, key, where)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProjectFileError(f"\"{key}\" in {where} should be a whole number, found {_kind(value)}.")
        if not low <= value <= high:
            raise ProjectFileError(f"\"{key}\" in {where} is {value}; it must be between {low} and {high}.")
        return value

    def text(self, mapping, key, where, limit):
        value = self.field(mapping, key, where)
        if not isinstance(value, str):
            raise ProjectFileError(f"\"{key}\" in {where} should be text, found {_kind(value)}.")
        if len(value) > limit:
            raise ProjectFileError(f"\"{key}\" in {where} is {len(value)} characters long; the limit is {limit}.")
        return value

    def choice(self, mapping, key, where, choices):
        value = self.field(mapping, key, where)
        if not isinstance(value, str) or value not in choices:
            names = ", ".join(f'"{c}"' for c in choices)
            raise ProjectFileError(f"\"{key}\" in {where} is {_short(value)}; it must be one of {names}.")
        return value

    def array(self, mapping, key, where, dtypes, ndim):
        """A numpy array of one of ``dtypes``, its declared shape checked before anything is built."""
        spec = self.field(mapping, key, where)
        name = f"the {key} of {where}"
        dtype = self.choice(spec, "dtype", name, dtypes)
        shape = self.field(spec, "shape", name)
        if (
            not isinstance(shape, list)
            or len(shape) != ndim
            or any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in shape)
        ):
            raise ProjectFileError(f"The shape of {name} should be {ndim} whole numbers, found {_short(shape)}.")
        entries = math.prod(shape)
        if entries > MAX_ENTRIES:
            raise ProjectFileError(
                f"{name} declares {' × '.join(map(str, shape))} = {entries:,} values; the limit is"
                f" {MAX_ENTRIES:,}, so the file was not loaded."
            )
        values = self.field(spec, "values", name)
        flat = []
        _flatten(values, shape, name, flat)
        integer = np.dtype(dtype).kind in "iu"
        allowed = {int} if integer else {int, float}  # exact types: a bool is no number here
        if not set(map(type, flat)) <= allowed:
            wrong = next(value for value in flat if type(value) not in allowed)
            expected = "whole numbers" if integer else "numbers"
            raise ProjectFileError(f"{name} should hold {expected}, found {_short(wrong)}.")
        if integer:
            info = np.iinfo(dtype)
            if flat and not info.min <= min(flat) <= max(flat) <= info.max:
                bad = next(v for v in flat if not info.min <= v <= info.max)
                raise ProjectFileError(f"{name} holds {bad}, which does not fit in {dtype}.")
            return np.array(flat, dtype=dtype).reshape(shape)
        try:
            floats = np.array(flat, dtype=np.float64).reshape(shape)
        except OverflowError:  # a whole number beyond float64
            floats = np.full(shape, np.inf)
        if not np.isfinite(floats).all():
            raise ProjectFileError(f"{name} holds a value beyond float64; every value must be finite.")
        with np.errstate(over="ignore"):
            result = floats.astype(dtype)
        if not np.isfinite(result).all():
            raise ProjectFileError(f"{name} holds a value too large for {dtype}; every value must be finite.")
        return result


def _flatten(values, shape, name, out):
    """Append the numbers of the nested lists ``values`` to ``out``, checking they have ``shape``."""
    if not shape:
        out.append(values)
        return
    if not isinstance(values, list) or len(values) != shape[0]:
        found = f"{len(values)} entries" if isinstance(values, list) else _kind(values)
        raise ProjectFileError(f"{name} declares {shape[0]} entries along one axis but holds {found}.")
    if len(shape) == 1:
        out.extend(values)  # a row at once: a call per number took most of a large file's reading
        return
    for item in values:
        _flatten(item, shape[1:], name, out)


def _kind(value):
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _short(value):
    text = json.dumps(value) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def read_heading(path):
    """A project file's title and caption, read without checking the rest: a list of lessons shows
    only these (reading 16 lessons whole took a tenth of the app's start), and opening one checks
    it all. Raises ``ProjectFileError`` when the file is not a project file or they are not text."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        raise ProjectFileError(f"This is not a readable project file: {error}.") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectFileError(f'This is not an NN Studio project file: it does not say "format": "{FORMAT}".')
    read = _Reader()
    return read.text(data, "title", "the file", MAX_TITLE), read.text(data, "note", "the file", MAX_NOTE)


def project_from_dict(data):
    """The ``Project`` described by the parsed JSON ``data``, every field checked."""
    read = _Reader()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectFileError(f'This is not an NN Studio project file: it does not say "format": "{FORMAT}".')
    version = read.field(data, "version", "the file")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise ProjectFileError(
            f"This project file has format version {_short(version)}; this NN Studio reads versions"
            f" {' and '.join(map(str, READABLE_VERSIONS))}."
        )
    numerics = read.choice(data, "numerics", "the file", tuple(NUMERICS))
    batch = _batch(read, read.field(data, "batch", "the file"))
    layers = _layers(read, data, numerics, batch.n_features)
    init_spec = read.field(data, "init", "the file")
    scale = read.field(init_spec, "scale", "init")
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not 0 < scale <= 100:
        raise ProjectFileError(f"\"scale\" in init is {_short(scale)}; it must be a number above 0 and at most 100.")
    init = Initialisation(read.integer(init_spec, "seed", "init", 0, MAX_SEED), float(scale))
    step = read.field(data, "step", "the file")
    if step is not None:
        step = read.integer(data, "step", "the file", 0, MAX_STEP)
    state = State(
        layers=layers, numerics=numerics, batch=batch, init=init, note=read.text(data, "note", "the file", MAX_NOTE)
    )
    history = ()
    if version >= 2:  # version 1 files knew no training: they open with its defaults
        test = _test_data(read, read.field(data, "test", "the file"), numerics)
        state = state.replace(optimizer=_optimizer_state(read, read.field(data, "optimizer", "the file")),
                              epochs=read.integer(data, "epochs", "the file", 1, MAX_EPOCHS), test=test,
                              batch_size=read.integer(data, "batch_size", "the file", 0, MAX_ROWS)
                              if "batch_size" in data else 0)  # files before mini-batches train on the whole batch
        history = _history(read, read.field(data, "history", "the file"))
    problem = over_limit(state)
    if problem:
        raise ProjectFileError(f"{problem}, so the file was not opened.")
    return Project(state, step, read.text(data, "title", "the file", MAX_TITLE), history)


def _batch(read, spec):
    kind = read.choice(spec, "kind", "batch", BATCH_KINDS)
    samples = read.integer(spec, "samples", "batch", 1, MAX_SAMPLES)
    classes = read.integer(spec, "classes", "batch", 1, MAX_CLASSES)
    if kind != "hand" and samples * classes > MAX_ROWS:
        raise ProjectFileError(
            f"The batch asks for {samples} samples × {classes} classes; the limit is {MAX_ROWS:,} rows."
        )
    seed = read.integer(spec, "seed", "batch", 0, MAX_SEED)
    hand_X = read.array(spec, "hand_X", "batch", FLOAT_DTYPES, 2)
    hand_y = read.array(spec, "hand_y", "batch", LABEL_DTYPES, 1)
    if len(hand_y) != len(hand_X):
        raise ProjectFileError(f"The hand batch has {len(hand_X)} rows but {len(hand_y)} labels; it needs one per row.")
    if not 1 <= hand_X.shape[1] <= MAX_INPUTS:
        raise ProjectFileError(f"The hand batch has {hand_X.shape[1]} columns; it needs 1 to {MAX_INPUTS}.")
    if len(hand_X) > MAX_ROWS:
        raise ProjectFileError(f"The hand batch has {len(hand_X):,} rows; the limit is {MAX_ROWS:,}.")
    if (hand_y < 0).any():
        raise ProjectFileError("The hand batch has a negative class label; labels count from 0.")
    if (hand_y > MAX_LABEL).any():
        raise ProjectFileError(f"The hand batch has a class label above {MAX_LABEL}; the most is {MAX_LABEL}.")
    origin = read.text(spec, "origin", "batch", MAX_ORIGIN) if "origin" in spec else ""  # rows typed here have none
    noise = float(_number(read, spec, "noise", "batch")) if "noise" in spec else 0.0  # files before noise had none
    if not 0 <= noise <= MAX_NOISE:
        raise ProjectFileError(f"\"noise\" in batch is {noise:g}; it must be between 0 and {MAX_NOISE:g}.")
    labelled = read.field(spec, "labelled", "batch") if "labelled" in spec else True  # files before it had labels
    if not isinstance(labelled, bool):
        raise ProjectFileError(f"\"labelled\" in batch is {_short(labelled)}; it must be true or false.")
    return Batch(kind, samples, classes, seed, hand_X, hand_y, origin, noise, labelled)


def _layers(read, data, numerics, width):
    specs = read.field(data, "layers", "the file")
    if not isinstance(specs, list):
        raise ProjectFileError(f"\"layers\" should be a list, found {_kind(specs)}.")
    if len(specs) > MAX_LAYERS:
        raise ProjectFileError(f"The file has {len(specs)} layers; the limit is {MAX_LAYERS}.")
    dtype = NUMERICS[numerics]
    layers = []
    for index, spec in enumerate(specs):
        where = f"layer {index + 1}"
        kind = read.choice(spec, "kind", where, ("Dense", "Features", *WEIGHTLESS_LAYERS))
        if kind == "Features":
            layers.append(_features(read, spec, where, index, width))
            width = layers[-1].n_features
            continue
        if kind == "Dropout":
            layers.append(_dropout(read, spec, where))
            continue
        if kind != "Dense":
            layers.append(WEIGHTLESS_LAYERS[kind]())
            continue
        weights = read.array(spec, "weights", where, FLOAT_DTYPES, 2)
        biases = read.array(spec, "biases", where, FLOAT_DTYPES, 2)
        n_inputs, n_neurons = weights.shape
        if not (1 <= n_inputs <= MAX_NEURONS and 1 <= n_neurons <= MAX_NEURONS):
            raise ProjectFileError(
                f"The weights of {where} are {n_inputs} × {n_neurons}; each side must be 1 to {MAX_NEURONS}."
            )
        if biases.shape != (1, n_neurons):
            raise ProjectFileError(
                f"The biases of {where} are {biases.shape[0]} × {biases.shape[1]}; a Dense of {n_neurons}"
                f" neurons needs 1 × {n_neurons}."
            )
        if weights.dtype != dtype or biases.dtype != dtype:
            raise ProjectFileError(
                f"The arrays of {where} are {weights.dtype}/{biases.dtype} but the numerics \"{numerics}\""
                f" store {dtype}."
            )
        if n_inputs != width:
            raise ProjectFileError(
                f"The layers do not chain: {where} takes {n_inputs} inputs but receives {width}."
            )
        dense = Dense.__new__(Dense)
        dense.weights = weights
        dense.biases = biases
        if "optimizer_caches" in spec:
            _read_caches(read, spec["optimizer_caches"], dense, where)
        if "regularizers" in spec:
            given = read.field(spec, "regularizers", where)
            values = [float(_number(read, given, name, f"the regularizers of {where}")) for name in REGULARIZERS]
            if any(not 0 <= value <= MAX_REGULARIZER for value in values):
                raise ProjectFileError(f"The regularizers of {where} must be from 0 to {MAX_REGULARIZER:g}.")
            dense.set_regularizers(*values)
        layers.append(dense)
        width = n_neurons
    return tuple(layers)


def _features(read, spec, where, index, width):
    names = read.field(spec, "features", where)
    if index != 0 or width != 2:
        raise ProjectFileError(f"{where} holds input features, which come first in the stack and need a batch of"
                               " 2 inputs.")
    if (not isinstance(names, list) or not names or len(set(names)) != len(names)
            or not all(isinstance(name, str) and name in FEATURES for name in names)):
        raise ProjectFileError(f"\"features\" in {where} should be a list of some of {', '.join(FEATURES)},"
                               f" found {_short(names)}.")
    return Features(names)


def _dropout(read, spec, where):
    rate = _number(read, spec, "rate", where)
    if not 0 <= rate <= MAX_DROPOUT_RATE:
        raise ProjectFileError(f"The Dropout rate of {where} is {rate}; it must be from 0 to {MAX_DROPOUT_RATE}.")
    dropout = Dropout(rate, read.integer(spec, "seed", where, 0, MAX_SEED))
    if "stream" in spec:
        dropout.stream = _read_stream(read, read.field(spec, "stream", where), f"the random stream of {where}")
    return dropout


def _read_stream(read, memory, where):
    """A RandomState's state as ``_stream`` wrote it."""
    keys = read.array(memory, "keys", where, ("uint32",), 1)
    if keys.shape != (624,):
        raise ProjectFileError(f"The keys of {where} are {len(keys)} numbers; its random stream needs 624.")
    return ("MT19937", tuple(keys.tolist()), read.integer(memory, "position", where, 0, 624),
            read.integer(memory, "has_gauss", where, 0, 1), float(_number(read, memory, "cached_gaussian", where)))


def _read_caches(read, spec, dense, where):
    """What an optimizer remembers of a Dense: arrays shaped as its weights or biases."""
    name = f"the optimizer caches of {where}"
    if not isinstance(spec, dict) or not set(spec) <= set(OPTIMIZER_CACHES):
        raise ProjectFileError(f"{name} should name some of {', '.join(OPTIMIZER_CACHES)}.")
    for key in spec:
        # float64 in the book's numerics too when a Dropout's float64 mask reached the gradient, as in the book
        array = read.array(spec, key, name, FLOAT_DTYPES, 2)
        expected = dense.weights.shape if key.startswith("weight") else dense.biases.shape
        if array.shape != expected:
            raise ProjectFileError(f"The {key} of {where} are {array.shape}; they must match its {expected}.")
        setattr(dense, key, array)


def _number(read, mapping, key, where):
    value = read.field(mapping, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ProjectFileError(f"\"{key}\" in {where} should be a finite number, found {_short(value)}.")
    return value


def _optimizer_state(read, spec):
    name = read.choice(spec, "name", "optimizer", tuple(OPTIMIZERS))
    given = read.field(spec, "settings", "optimizer")
    values = {}
    for setting in OPTIMIZERS[name].settings:
        values[setting.name] = _number(read, given, setting.name, "the optimizer's settings")
        problem = setting.problem(values[setting.name])
        if problem:
            raise ProjectFileError(problem)
    optimizer = OptimizerState.fresh(name, **values)
    iterations = read.integer(spec, "iterations", "optimizer", 0, 2**53)
    rate = read.field(spec, "current_learning_rate", "optimizer")
    rate = None if rate is None else _number(read, spec, "current_learning_rate", "optimizer")
    search = ()
    if "search" in spec:
        where = "the random search"
        memory = read.field(spec, "search", "optimizer")
        lowest = read.array(memory, "lowest_loss", where, ("float32", "float64", "int64"), 0)
        accuracy = read.field(memory, "lowest_accuracy", where)
        accuracy = None if accuracy is None else read.array(memory, "lowest_accuracy", where, ("float64",), 0)[()]
        search = (_read_stream(read, memory, where), lowest[()], accuracy)
    epoch = read.integer(spec, "epoch", "optimizer", 0, iterations) if "epoch" in spec else None
    return OptimizerState(optimizer.name, optimizer.settings, iterations, rate, search, epoch)


def _test_data(read, spec, numerics):
    kind = read.choice(spec, "kind", "test", ("none", "generated", "held_out", "rows"))
    X = read.array(spec, "X", "test", FLOAT_DTYPES, 2)
    y = read.array(spec, "y", "test", LABEL_DTYPES, 1)
    if len(X) != len(y):
        raise ProjectFileError(f"The test data has {len(X)} rows but {len(y)} labels; it needs one per row.")
    # rows of another width than the batch's are kept, as in the app: training leaves them out and says so
    if kind == "rows" and (len(X) == 0 or (y < 0).any()):
        raise ProjectFileError("The test rows must be at least one row, with labels from 0.")
    too_big = hand_over_limit(*X.shape, "test data")
    if too_big:
        raise ProjectFileError(f"{too_big}, so the file was not opened.")
    if (y > MAX_LABEL).any():
        raise ProjectFileError(f"The test data has a class label above {MAX_LABEL}; the most is {MAX_LABEL}.")
    share = read.integer(spec, "share", "test", *HELD_OUT_RANGE) if kind == "held_out" else UnseenData.share
    return UnseenData(kind, read.integer(spec, "seed", "test", 0, MAX_SEED), X, y, share)


def _history(read, specs):
    if not isinstance(specs, list):
        raise ProjectFileError(f"\"history\" should be a list, found {_kind(specs)}.")
    if len(specs) > MAX_RUNS:
        raise ProjectFileError(f"The file has {len(specs)} training runs; the limit is {MAX_RUNS}.")
    runs = []
    for number, spec in enumerate(specs, start=1):
        where = f"training run {number}"
        figures = {figure: read.array(spec, figure, where, ("float64",), 1).tolist() for figure in RUN_FIGURES}
        undone = read.field(spec, "undone", where)
        if not isinstance(undone, bool):
            raise ProjectFileError(f"\"undone\" in {where} should be true or false, found {_short(undone)}.")
        runs.append(Run(read.text(spec, "description", where, 200),
                        read.integer(spec, "first_epoch", where, 0, 2**53), undone=undone, **figures))
    return tuple(runs)

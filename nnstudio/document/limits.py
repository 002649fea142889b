"""Every limit on what a project holds, in one place.

The document refuses an edit past a limit, the project file refuses a file past one, the CSV
import refuses a batch past one, and every spin box stops at one: so whatever can be built can be
saved and opened again, and no widget is asked to show a value it cannot hold. Numbers, and the
checks of a state against them that name the limit passed; no Qt, so every reader may import it.
"""

from nnstudio.engine import Dense

MAX_ROWS = 100_000  # rows of a batch: data-set samples × classes, or hand-entered rows
MAX_SAMPLES = MAX_ROWS  # samples per class of a data set (one class may have them all)
MAX_CLASSES = 256  # classes of a data set: the book stores its labels as uint8
MAX_LABEL = MAX_CLASSES - 1  # the largest class label, typed or generated, so classes and labels agree
MAX_NEURONS = 512  # neurons of one Dense, and so the inputs it takes
MAX_INPUTS = MAX_NEURONS  # inputs per sample of a hand-entered batch: the first Dense takes them
MAX_LAYERS = 256  # layers in the stack, activations included
MAX_ENTRIES = 1_000_000  # numbers in one array: one layer's weights, or the hand batch's inputs
MAX_PARAMETERS = 1_000_000  # weights and biases of the whole network
# Multiply-adds of one forward pass, rows × weights: what every edit recomputes, and a training
# epoch twice over. At this size an edit answers within a second here (10 000 rows through
# 2-512-512-3 trace in 0.12 s and go backward in 0.3 s); 100 000 rows through it took 9 s.
MAX_WORK = 2_000_000_000
# A Softmax's backward pass is the book's loop over samples, a width × width Jacobian each: counted
# as this many multiply-adds an entry (3 000 rows through a 512-wide Softmax took 2.5 s an action)
JACOBIAN_COST = 8
# ... and, for a Softmax before the last layer (which always goes the long way back), as this many
# a sample for the loop's own steps in Python: 75 000 rows through a hidden 3-wide Softmax took 1 s
JACOBIAN_LOOP_COST = 30_000
# Values one pass holds, rows × the width of every layer's output: each panel reads them, and the
# backward pass as many again. 78 000 rows through a 512-wide Dense and three activations
# (160 million values) took the window 5 s an edit; at this many an edit answers within a second.
MAX_VALUES = 20_000_000
MAX_SEED = 2**31 - 1  # a seed box is a 32-bit QSpinBox; numpy's RandomState takes all of these
MAX_STEP = 100_000  # the saved step index: beyond every trace the other limits allow
MAX_EPOCHS = 1_000_000  # epochs in one training run
MAX_REGULARIZER = 1.0  # an L1 or L2 strength: the book uses 5e-4; past 1 the penalty is all there is
MAX_DROPOUT_RATE = 0.99  # a Dropout's share of values dropped: at 1 nothing would pass (the book's 1 − rate = 0)
HELD_OUT_RANGE = (10, 90)  # percent of a batch held out as test data, as TensorFlow Playground's slider
MAX_RUNS = 1000  # training runs a project keeps in its history
MAX_NOTE = 20_000  # characters of a project's caption
MAX_TITLE = 200  # characters of a project's title
MAX_ORIGIN = MAX_TITLE  # characters of a batch's origin: a lesson's name for the rows it gives
# A file holding every array at its limit, each number in its longest decimal form, stays below this.
MAX_FILE_BYTES = 64 * 1024 * 1024


def over_limit(state):
    """What in ``state`` is past a limit, as the start of a sentence ("The network would have 257
    layers; the limit is 256"); "" when everything is within them. Checks only what a State can
    hold; a file's reader checks the rest (sizes, text lengths) as it reads."""
    layers = state.layers
    if len(layers) > MAX_LAYERS:
        return f"The network would have {len(layers)} layers; the limit is {MAX_LAYERS}"
    dense = [layer for layer in layers if isinstance(layer, Dense)]
    for number, layer in enumerate(dense):
        n_inputs, n_neurons = layer.weights.shape
        if max(n_inputs, n_neurons) > MAX_NEURONS:
            return (
                f"Dense {number + 1} would be {n_inputs} × {n_neurons}; a Dense takes at most {MAX_NEURONS}"
                f" inputs and has at most {MAX_NEURONS} neurons"
            )
    parameters = sum(layer.weights.size + layer.biases.size for layer in dense)
    if parameters > MAX_PARAMETERS:
        return f"The network would have {parameters:,} weights and biases; the limit is {MAX_PARAMETERS:,}"
    if not 0 <= state.init.seed <= MAX_SEED:
        return f"The weights' seed would be {state.init.seed}; a seed is a whole number from 0 to {MAX_SEED:,}"
    too_big = batch_over_limit(state.batch)
    if too_big:
        return too_big
    rows = len(state.batch.hand_X) if state.batch.kind == "hand" else state.batch.samples * state.batch.classes
    widths = output_widths(state)
    softmax_widths = [width for width, layer in zip(widths, layers, strict=True) if layer.kind == "Softmax"]
    hidden_softmaxes = len(softmax_widths) - bool(layers and layers[-1].kind == "Softmax")
    jacobians = JACOBIAN_COST * sum(width * width for width in softmax_widths) + JACOBIAN_LOOP_COST * hidden_softmaxes
    work = rows * (sum(layer.weights.size for layer in dense) + jacobians)
    if work > MAX_WORK:
        return (f"{rows:,} rows through this stack would take {work:,} multiply-adds a pass (its weights, and"
                f" each Softmax's Jacobian going back); the limit is {MAX_WORK:,}, so that every edit answers"
                " within a second: use fewer rows or smaller layers")
    values = rows * sum(widths)
    if values > MAX_VALUES:
        return (f"{rows:,} rows through layers {sum(widths):,} values wide in all would hold {values:,} values a"
                f" pass; the limit is {MAX_VALUES:,}, so that every edit answers within a second: use fewer rows,"
                " narrower layers or fewer of them")
    return ""


def output_widths(state):
    """The width of each layer's output, from the batch's inputs through the stack."""
    width, widths = state.batch.n_features, []
    for layer in state.layers:
        width = layer.output_width(width)
        widths.append(width)
    return widths


def batch_over_limit(batch):
    """What in ``batch`` is past a limit, as the start of a sentence; "" when nothing is."""
    if batch.samples > MAX_SAMPLES or batch.classes > MAX_CLASSES:
        return (
            f"The data set would have {batch.samples:,} samples × {batch.classes:,} classes; the limits are"
            f" {MAX_SAMPLES:,} samples and {MAX_CLASSES} classes"
        )
    if batch.kind != "hand" and batch.samples * batch.classes > MAX_ROWS:
        return (
            f"{batch.samples:,} samples × {batch.classes} classes would be {batch.samples * batch.classes:,} rows;"
            f" the limit is {MAX_ROWS:,}"
        )
    if not 0 <= batch.seed <= MAX_SEED:
        return f"The data set's seed would be {batch.seed}; a seed is a whole number from 0 to {MAX_SEED:,}"
    return hand_over_limit(*batch.hand_X.shape)


def hand_over_limit(rows, inputs, name="batch"):
    """What in rows given as they are (the hand batch, or test data), ``rows`` × ``inputs``, is
    past a limit, as the start of a sentence; "" when nothing is (labels are checked as they are
    read: see ``number_text.read_label``)."""
    if rows > MAX_ROWS:
        return f"The {name} would have {rows:,} rows; the limit is {MAX_ROWS:,}"
    if inputs > MAX_INPUTS:
        return f"The {name} would have {inputs} inputs per sample; the limit is {MAX_INPUTS}"
    if rows * inputs > MAX_ENTRIES:
        return (
            f"The {name} would hold {rows:,} rows × {inputs} inputs = {rows * inputs:,} numbers; the limit is"
            f" {MAX_ENTRIES:,}"
        )
    return ""


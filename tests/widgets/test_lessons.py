"""Each lesson, opened from the Lessons menu, shows the numbers the notebook prints.

The expected numbers are parsed from the notebook's text here, not retyped; they are compared
with what the stepper's result table shows, to the precision the notebook prints them.
"""

import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from nnstudio.document.batch_model import HandBatchModel
from nnstudio.document.layer_model import LayerListModel
from nnstudio.document.messages import Severity
from nnstudio.document.parameter_model import ParameterTableModel
from nnstudio.document.step_model import VALUE_ROLE
from nnstudio.engine.forward_steps import BIAS, LOSS, SOFTMAX
from nnstudio.widgets.lessons import StartPage, show_start_page_first_time
from nnstudio.widgets.main_window import MainWindow

# A copy of ../shared/reference/nnfs-notebook.txt, so a fresh clone tests on its own
NOTEBOOK = Path(__file__).resolve().parents[1] / "data" / "nnfs-notebook.txt"
NUMBER = r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?"


def cell(number):
    """The text of notebook cell ``In [number]``, up to the next cell."""
    text = NOTEBOOK.read_text()
    start = text.index(f"In [{number}]:")
    end = text.find("In [", start + 1)
    return text[start:end]


def after(text, marker):
    return text[text.index(marker) + len(marker):]


def numbers(text):
    return [float(n) for n in re.findall(NUMBER, text)]


def rows(text):
    """The complete printed rows ``[ ... ]`` in ``text``; a row cut off by the notebook is dropped."""
    return [numbers(row) for row in re.findall(r"\[([^\[\]]+)\]", text)]


def printed(values):
    """The numbers numpy prints for ``values`` with its default options, as the notebook printed:
    at most 8 decimals, fewer when fewer tell the value apart in its dtype."""
    text = np.array2string(np.asarray(values), precision=8, floatmode="maxprec", threshold=sys.maxsize)
    return np.array(numbers(text)).reshape(np.shape(values))


def notebook_expectations():
    """For each lesson: (what the window shows, the numbers the notebook printed for it)."""
    layer2 = after(cell(9), "layer2_outputs\n")
    stacked = [block for block in after(cell(10), "print(layer3.output)").split("\n\n") if "[[" in block]
    return {
        1: [("output", np.array([numbers(after(cell(4), "\nooutput\n"))[:1]]))],
        2: [("output", np.array([numbers(after(cell(5), "\nooutput\n"))[:1]]))],
        3: [("output", np.array(rows(after(cell(6), "\noutput\n"))[:1]))],
        4: [("output", np.array(rows(layer2)))],
        5: [(f"dense{n}", np.array(rows(block))) for n, block in enumerate(stacked, start=1)],
        6: [("rows96", np.array(rows(after(cell(15), "print(activation1.output[96:100])"))))],
        7: [
            ("softmax_head", np.array(rows(after(cell(18), "(activation2.output)")))),
            ("loss", np.array(numbers(after(cell(22), 'print("Loss : ", loss)')))),
        ],
    }


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def shown_matrix(stepper, dtype):
    """The stepper's result table as numbers, read through its model, in the app's dtype."""
    model = stepper.model
    return np.array([[model.data(model.index(r, c), VALUE_ROLE) for c in range(model.columnCount())]
                     for r in range(model.rowCount())], dtype=dtype)


def show_step(qtbot, window, row, dtype):
    """Go to step ``row`` with the stepper's Reset and Step actions, and read its table."""
    stepper = window.stepper
    stepper.reset_action.trigger()
    for _ in range(row):
        stepper.step_action.trigger()
    qtbot.waitUntil(lambda: window.document.selection.step == row)
    return shown_matrix(stepper, dtype)


def open_lesson_from_menu(qtbot, window, number):
    action = window.file_actions.lessons_menu.lesson_actions[number - 1]
    assert action.text().startswith(f"&{number} ")
    with qtbot.waitSignal(window.document.trace_changed):
        action.trigger()
    return window.document.trace


def assert_prints_as(shown, expected):
    """``shown`` (in the dtype the app computes in) prints as the notebook's numbers."""
    assert shown.shape == expected.shape
    np.testing.assert_array_equal(printed(shown), expected)


def test_the_notebook_is_parsed_as_expected():
    expectations = notebook_expectations()
    assert [expectations[n][0][1].tolist() for n in (1, 2, 3)] == [[[2.3]], [[4.8]], [[4.8, 1.21, 2.385]]]
    assert expectations[4][0][1].shape == (3, 3)
    assert [e[1].shape for e in expectations[5]] == [(3, 5), (3, 2), (3, 10)]
    assert expectations[6][0][1].shape == (4, 5)
    assert expectations[7][0][1].shape == (22, 3)  # the notebook cut the 23rd row off
    assert expectations[7][1][1].shape == (1,)


@pytest.mark.parametrize("number", range(1, 8))
def test_lesson_shows_the_notebooks_numbers(qtbot, window, number):
    trace = open_lesson_from_menu(qtbot, window, number)
    assert window.document.why_no_trace is None
    # no loss is said in a hint: no labels (lessons 1–5, as the notebook's batches), or no Softmax yet (6)
    assert window.document.why_no_loss is None or window.document.why_no_loss.severity is Severity.HINT
    assert window.document.state.note.count("\n") == 1, "a two-line caption"
    steps, dtype = trace.steps, trace.output.dtype
    last = len(steps) - 1
    for what, expected in notebook_expectations()[number]:
        if what == "output":
            assert_prints_as(show_step(qtbot, window, last, dtype), expected)
        elif what.startswith("dense"):
            bias_steps = [i for i, step in enumerate(steps) if step.kind is BIAS]
            assert_prints_as(show_step(qtbot, window, bias_steps[int(what[5:]) - 1], dtype), expected)
        elif what == "rows96":
            assert_prints_as(show_step(qtbot, window, last, dtype)[96:100], expected)
        elif what == "softmax_head":
            softmax = next(i for i, step in enumerate(steps) if step.kind is SOFTMAX)
            assert_prints_as(show_step(qtbot, window, softmax, dtype)[: len(expected)], expected)
        elif what == "loss":
            assert steps[last].kind is LOSS
            sample_losses = show_step(qtbot, window, last, dtype)
            assert_prints_as(np.array([np.mean(sample_losses)]), expected)
            assert np.array_equal(np.mean(sample_losses), trace.loss)


def test_lesson_7_shows_its_spiral_as_the_notebooks_not_as_typed(qtbot, window):
    open_lesson_from_menu(qtbot, window, 7)
    assert window.batch_panel.source.currentText() == "Spiral: the notebook's second spiral_data(100, 3)"
    assert not window.data_plot.hand_bar.isVisible()


def test_lesson_opens_untitled_so_saving_does_not_overwrite_it(qtbot, window):
    open_lesson_from_menu(qtbot, window, 3)
    assert window.file_actions.path is None
    assert "Lesson 3" in window.windowTitle()


def test_start_page_shows_once_and_opens_the_chosen_lesson(qtbot, window):
    lessons = window.file_actions.lessons
    page = show_start_page_first_time(window.file_actions, lessons)
    assert isinstance(page, StartPage)
    assert page.list.count() == 16
    assert page.list.item(5).text().startswith("6. ")
    assert show_start_page_first_time(window.file_actions, lessons) is None
    page.list.setCurrentRow(3)
    with qtbot.waitSignal(window.document.trace_changed):
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.document.trace.output.shape == (3, 3)
    assert "Lesson 4" in window.windowTitle()


def test_the_start_page_hint_is_written_in_the_pages_own_text_colour(qtbot, window):
    page = StartPage(window.file_actions.lessons)
    qtbot.addWidget(page)
    role = page.hint.foregroundRole()
    assert page.hint.isEnabled() and "Lessons" in page.hint.text()
    assert page.hint.palette().color(role) == page.palette().color(QPalette.ColorGroup.Active, role)


def state_slots(model_class):
    """The model's slots that follow the document's state (``_on_<signal>``), not its trace or step."""
    return [name for name in vars(model_class) if name.startswith("_on_")
            and name not in ("_on_trace_changed", "_on_step_changed")]


@pytest.mark.parametrize("number", [1, 5])
def test_opening_a_lesson_refreshes_each_table_model_once(qtbot, monkeypatch, number):
    calls = Counter()

    def counting(slot):
        def counted_slot(self, *arguments):
            calls[self] += 1
            return slot(self, *arguments)
        return counted_slot

    for model_class in (ParameterTableModel, HandBatchModel, LayerListModel):
        for name in state_slots(model_class):
            monkeypatch.setattr(model_class, name, counting(getattr(model_class, name)))
    window = MainWindow()
    qtbot.addWidget(window)
    models = [window.layer_stack.model, window.batch_panel.model]
    models += [editor.weights_model for editor in window.parameters_panel.editors]
    models += [editor.biases_model for editor in window.parameters_panel.editors]
    calls.clear()
    open_lesson_from_menu(qtbot, window, number)
    assert [calls[model] for model in models] == [1] * len(models)


def test_the_lesson_list_reads_each_files_title_and_caption_and_leaves_out_what_is_no_project(tmp_path):
    from nnstudio.document.project_file import Project, save
    from nnstudio.document.state import spiral_classifier
    from nnstudio.widgets.lessons import find_lessons

    save(Project(spiral_classifier().replace(note="Look at the loss."), None, "A lesson"), tmp_path / "2-good.json")
    (tmp_path / "1-broken.json").write_text('{"format": "nnstudio-project", "title": ')
    (tmp_path / "3-other.json").write_text('{"format": "something else", "title": "x", "note": ""}')
    lessons = find_lessons(tmp_path)
    listed = [(lesson.number, lesson.title, lesson.caption) for lesson in lessons]
    assert listed == [(1, "A lesson", "Look at the loss.")]


"""File ▸ Export picture, driven as a user does with the save dialog answered by the test."""

import xml.etree.ElementTree as ElementTree

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from nnstudio.plots.export import picture_widget

PANELS = {"Data": "data_plot", "Outputs": "outputs_plot", "Loss": "loss_plot", "Network diagram": "network_diagram"}


@pytest.fixture
def save_dialog(monkeypatch):
    """Answers the save dialog with ``answer.path`` and ``answer.filter``; records what it was asked."""

    class Answer:
        path, filter = "", ""
        asked = []

    def get_save_file_name(parent, caption, suggestion, filters):
        Answer.asked.append((caption, suggestion, filters))
        return Answer.path, Answer.filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return Answer


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, title, text: shown.append(text)))
    return shown


def menu_titled(menu, title):
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == title]
    return action


def test_the_file_menu_lists_every_panel_next_to_the_script_export(window):
    file_menu = window.file_menu
    picture_menu = menu_titled(file_menu, "Export picture").menu()
    titles = [a.text().replace("&", "") for a in picture_menu.actions() if not a.isSeparator()]
    assert titles == [f"{title}…" for title in PANELS] + ["As large as on screen", "Twice as large (for slides)",
                                                         "Three times as large"]
    actions = file_menu.actions()
    assert actions.index(picture_menu.menuAction()) == actions.index(window.file_actions.export_action) + 1


@pytest.mark.parametrize("title", PANELS)
def test_each_panel_exports_as_png_at_its_size_and_as_svg(window, save_dialog, tmp_path, title):
    save_dialog.path = str(tmp_path / "picture.png")
    save_dialog.filter = "PNG image (*.png)"
    window.export_actions.picture_actions[title].trigger()
    image = QImage(save_dialog.path)
    assert not image.isNull()
    expected = picture_widget(getattr(window, PANELS[title])).size()
    assert (image.width(), image.height()) == (expected.width(), expected.height())
    assert window.message_line.text() == (
        f"Wrote picture.png, the {title} panel ({expected.width()} × {expected.height()} pixels)."
    )
    caption, suggestion, filters = save_dialog.asked[-1]
    assert title in caption
    assert suggestion.endswith(".png")
    assert filters.split(";;") == ["PNG image (*.png)", "SVG drawing (*.svg)"]

    save_dialog.path = str(tmp_path / "picture")  # the SVG filter chosen, no suffix typed
    save_dialog.filter = "SVG drawing (*.svg)"
    window.export_actions.picture_actions[title].trigger()
    text = (tmp_path / "picture.svg").read_text(encoding="utf-8")
    assert "<svg" in text
    assert ElementTree.fromstring(text).tag.endswith("svg")


def test_cancelling_the_dialog_writes_nothing(window, save_dialog, tmp_path):
    save_dialog.path = ""
    window.file_actions.path = tmp_path / "pictures" / "project.nnstudio.json"  # suggests that folder
    (tmp_path / "pictures").mkdir()
    assert not window.export_actions.export_picture("Loss")
    assert list((tmp_path / "pictures").iterdir()) == []
    assert save_dialog.asked[-1][1] == str(tmp_path / "pictures" / "loss.png")


def test_a_place_that_cannot_be_written_says_so(window, save_dialog, warnings, tmp_path):
    save_dialog.path = str(tmp_path / "missing folder" / "outputs.png")
    assert not window.export_actions.export_picture("Outputs")
    [text] = warnings
    assert text.startswith("Could not write outputs.png: ")
    assert text.endswith("Nothing was written.")


def test_the_next_export_suggests_the_folder_of_the_last(window, save_dialog, tmp_path):
    save_dialog.path = str(tmp_path / "one.png")
    window.export_actions.export_picture("Data")
    save_dialog.path = ""
    window.export_actions.export_picture("Loss")
    _, suggestion, _ = save_dialog.asked[-1]
    assert suggestion == str(tmp_path / "loss.png")


def test_a_closed_panel_is_opened_again_and_exported(window, save_dialog, tmp_path, qtbot):
    dock = window.docks["Loss"]
    dock.close()
    assert dock.isHidden()
    save_dialog.path = str(tmp_path / "loss.png")
    assert window.export_actions.export_picture("Loss")
    assert dock.isVisible()
    assert not QImage(save_dialog.path).isNull()


def test_a_picture_for_slides_is_the_same_drawing_twice_as_large_and_the_size_is_remembered(window, save_dialog,
                                                                                               tmp_path):
    from PySide6.QtCore import QSettings

    picture_menu = menu_titled(window.file_menu, "Export picture").menu()
    menu_titled(picture_menu, "Twice as large (for slides)").trigger()
    assert QSettings().value("export/picture_scale", type=int) == 2
    save_dialog.path = str(tmp_path / "big.png")
    window.export_actions.picture_actions["Data"].trigger()
    image = QImage(save_dialog.path)
    expected = picture_widget(window.data_plot).size()
    assert (image.width(), image.height()) == (2 * expected.width(), 2 * expected.height())
    assert window.message_line.text() == (f"Wrote big.png, the Data panel ({2 * expected.width()} ×"
                                          f" {2 * expected.height()} pixels, 2 times its size on screen).")
    save_dialog.path = str(tmp_path / "big.svg")
    window.export_actions.picture_actions["Data"].trigger()
    root = ElementTree.fromstring((tmp_path / "big.svg").read_text(encoding="utf-8"))
    width_mm = float(root.get("width").removesuffix("mm"))  # at 96 pixels an inch
    assert width_mm == pytest.approx(2 * expected.width() * 25.4 / 96, abs=0.01)

"""Where the file dialogs open and what they suggest: the folder the user last chose a file in,
in any of them (a project, a script, a picture, a CSV), and file names that are valid on every
system (a lesson's title "Lesson 6: Spiral …" holds a colon, which Windows refuses)."""

import re
from pathlib import Path

from PySide6.QtCore import QSettings

FOLDER_KEY = "files/last_folder"
NOT_IN_NAMES = re.compile(r'[<>"/\\|?*\x00-\x1f]')  # refused by Windows, or a folder separator
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
LONGEST_NAME = 120  # characters of a suggested name, well inside every system's limit


def last_folder(fallback=None):
    """The folder a file was last chosen in, if it still exists; else ``fallback``, else home."""
    folder = QSettings().value(FOLDER_KEY)
    if isinstance(folder, str) and Path(folder).is_dir():
        return folder
    return str(fallback if fallback is not None else Path.home())


def remember_folder(path):
    """Remember the folder of ``path``, a file the user chose, for the next dialog."""
    QSettings().setValue(FOLDER_KEY, str(Path(path).absolute().parent))


def file_name(title, fallback="Untitled"):
    """``title`` as a file name every system takes: "Lesson 6: Spiral" → "Lesson 6 - Spiral"."""
    name = re.sub(r"\s*:\s*", " - ", title)
    name = NOT_IN_NAMES.sub("_", name)[:LONGEST_NAME].strip(" .")
    if name.split(".")[0].upper() in RESERVED:
        name = "_" + name
    return name or fallback


def suggested_path(title, suffix, fallback_folder=None):
    """A path to suggest in a Save dialog: ``title`` made a valid name, in the last folder."""
    return str(Path(last_folder(fallback_folder)) / f"{file_name(title)}{suffix}")

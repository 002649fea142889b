"""A built wheel is the whole app: installed in a fresh environment, away from this repository, it
has every module and opens every lesson from its Lessons menu."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(path.name for path in (ROOT / "resources" / "lessons").glob("*.json"))

# Run by the fresh environment's Python: open each lesson from the Lessons menu of a real window.
OPEN_EVERY_LESSON = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import nnstudio
    from PySide6.QtWidgets import QApplication
    from nnstudio.widgets.main_window import MainWindow

    app = QApplication([])
    window = MainWindow()
    opened = []
    for action in window.file_actions.lessons_menu.lesson_actions:
        action.trigger()
        opened.append([window.windowTitle(), window.document.state.note])
    modules = sorted(p.relative_to(Path(nnstudio.__file__).parent).as_posix()
                     for p in Path(nnstudio.__file__).parent.rglob("*.py"))
    lessons = sorted(lesson.path.name for lesson in window.file_actions.lessons)
    print(json.dumps({"package": nnstudio.__file__, "modules": modules, "lessons": lessons, "opened": opened}))
""")


def run(command, **options):
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, **options)
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_a_wheel_installed_elsewhere_opens_every_lesson(tmp_path):
    # Build from a copy, so the build leaves nothing in the repository.
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    for folder in ("nnstudio", "resources/lessons"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path / "dist"),
         str(source)])
    [wheel] = (tmp_path / "dist").glob("nnstudio-*.whl")

    # A fresh environment that borrows this one's dependencies (PySide6 is large) but not nnstudio.
    fresh = tmp_path / "fresh"
    run([sys.executable, "-m", "venv", "--without-pip", str(fresh)])
    python = fresh / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         str(wheel)])

    away = tmp_path / "elsewhere"
    away.mkdir()
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(away)}
    environment.pop("PYTHONPATH", None)
    found = json.loads(run([str(python), "-c", OPEN_EVERY_LESSON], cwd=away, env=environment).splitlines()[-1])

    assert Path(found["package"]).is_relative_to(fresh)
    modules = [p.relative_to(ROOT / "nnstudio").as_posix() for p in (ROOT / "nnstudio").rglob("*.py")]
    assert found["modules"] == sorted([*modules, "lessons/__init__.py"])  # a new package must be listed too
    assert found["lessons"] == LESSONS and LESSONS
    titles = [title for title, _note in found["opened"]]
    assert len(titles) == len(LESSONS) and all(f"Lesson {n}:" in t for n, t in enumerate(titles, 1))
    assert all(note for _title, note in found["opened"])  # every lesson's caption came with it

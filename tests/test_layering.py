"""The import rules of design.md, checked transitively by import-linter: the contracts in
pyproject.toml hold for the code, and each kind of contract breaks on an import it forbids."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]


def lint_imports(folder):
    """Run import-linter on the nnstudio package under ``folder`` (it reads the contracts from
    that folder's pyproject.toml, and the package from the folder first)."""
    return subprocess.run([*LINT_IMPORTS, "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=60)


def test_the_code_keeps_every_import_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def copy_of_the_code(tmp_path):
    shutil.copytree(ROOT / "nnstudio", tmp_path / "nnstudio", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "import_contracts.py", tmp_path / "tests")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "added_import", "broken_contract"),
    [
        # Through the document, whose QtCore the engine may not reach either.
        ("engine/loss.py", "from nnstudio.document import cell_roles", "The engine imports nothing of Qt"),
        ("plots/notice.py", "from nnstudio.widgets import loss_summary", "Layers"),
        ("document/palette.py", "from nnstudio.plots import regions", "Layers"),
        ("document/palette.py", "from PySide6 import (\n    QtCore,\n    QtWidgets,\n)", "only QtCore and QtGui"),
        # Through a helper outside the package that imports QtWidgets.
        ("document/palette.py", "from nnstudio.qt_helpers import when_shown", "only QtCore and QtGui"),
        ("widgets/stepper.py", "import pyqtgraph", "Only the plots import pyqtgraph"),
        # Through the package, whose __init__ imports the document.
        ("document/project_file.py", "from nnstudio.document import Document", "does not import the QObject document"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(copy_of_the_code, module, added_import, broken_contract):
    path = copy_of_the_code / "nnstudio" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{added_import}\n", encoding="utf-8")

    result = lint_imports(copy_of_the_code)

    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith(" BROKEN")]
    assert any(broken_contract in line for line in broken), result.stdout

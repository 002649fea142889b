"""The import rules of design.md, read from the source: who may import whom."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nnstudio"


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def modules_of(package):
    files = sorted((PACKAGE / package).rglob("*.py"))
    assert files, f"nnstudio/{package} has no modules"
    return {path.relative_to(PACKAGE).as_posix(): set(imported_modules(path)) for path in files}


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("engine", ("PySide6", "pyqtgraph", "nnstudio.document", "nnstudio.widgets", "nnstudio.plots")),
        ("document", ("PySide6.QtWidgets", "pyqtgraph", "nnstudio.widgets", "nnstudio.plots")),
        ("widgets", ("pyqtgraph",)),
    ],
)
def test_package_imports_only_what_it_may(package, forbidden):
    for module, imports in modules_of(package).items():
        bad = sorted(name for name in imports if name.startswith(forbidden))
        assert not bad, f"{module} imports {bad}"

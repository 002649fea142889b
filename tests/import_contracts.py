"""An import-linter contract for which of Qt's modules a package may reach.

import-linter sees an external package only as a whole (``PySide6``), so its own contracts cannot
tell QtGui from QtWidgets. This one follows the internal imports of the source packages
transitively and reads each import of PySide6 they reach: a Qt module not in ``allowed_qt_modules``
breaks it. pyproject.toml names it under ``[tool.importlinter]``.
"""

import ast
import importlib.util
from collections import defaultdict
from functools import cache
from pathlib import Path

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck

QT_PACKAGE = "PySide6"


@cache
def import_statements(module):
    """The import statements of a module of this project, by the line they start on."""
    source = Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8")
    statements = defaultdict(list)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            statements[node.lineno].append(node)
    return statements


def qt_modules_imported(module, line_number):
    """The Qt modules the import statements of ``module`` at ``line_number`` name (``PySide6`` for
    the package as a whole)."""
    names = []
    for statement in import_statements(module)[line_number]:
        if isinstance(statement, ast.Import):
            names += [alias.name for alias in statement.names]
        elif statement.module == QT_PACKAGE:
            names += [f"{QT_PACKAGE}.{alias.name}" for alias in statement.names]
        elif statement.level == 0:
            names.append(statement.module)
    return {name.split(".")[1] if "." in name else name for name in names if name.split(".")[0] == QT_PACKAGE}


class QtModulesContract(Contract):
    """Source packages, and every module of this project they import directly or not, import from
    PySide6 only the allowed Qt modules.

    Configuration options:
        - source_modules:     the packages (or modules) to check.
        - allowed_qt_modules: the names of the Qt modules they may import, e.g. QtCore.
    """

    type_name = "qt_modules"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    allowed_qt_modules = fields.SetField(subfield=fields.StringField())

    def check(self, graph, verbose):
        illegal = []
        for source in self.source_modules:
            reached = {source.name} | graph.find_descendants(source.name)
            reached |= graph.find_upstream_modules(source.name, as_package=True)
            for module in sorted(reached):
                if QT_PACKAGE not in graph.find_modules_directly_imported_by(module):
                    continue
                for detail in graph.get_import_details(importer=module, imported=QT_PACKAGE):
                    wrong = sorted(qt_modules_imported(module, detail["line_number"]) - self.allowed_qt_modules)
                    if wrong:
                        inside = module == source.name or module.startswith(source.name + ".")
                        chain = (module,) if inside else graph.find_shortest_chain(source.name, module, True)
                        illegal.append(
                            {
                                "chain": " -> ".join(chain),
                                "line_number": detail["line_number"],
                                "line": detail["line_contents"].strip(),
                                "qt_modules": wrong,
                            }
                        )
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check):
        allowed = ", ".join(sorted(self.allowed_qt_modules))
        output.print_error(f"Only {allowed} of Qt may be imported here:", bold=False)
        output.new_line()
        for found in check.metadata["illegal"]:
            qt_modules = ", ".join(found["qt_modules"])
            output.print_error(
                f"- {found['chain']} (l.{found['line_number']}: {found['line']}) imports {qt_modules}",
                bold=False,
            )
            output.new_line()

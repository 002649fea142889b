"""Copy matrix on a large result: the whole matrix as tab-separated text, read from its array (as the
app copies now) against reading every cell through the Qt model (as it copied before).

    python benchmarks/copy_matrix.py

prints ``metric copy_<rows>x<columns>_<dtype>_ms``, the per-cell baseline and their ratio.
"""

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnstudio.document.step_model import StepModel  # noqa: E402
from nnstudio.engine import TraceStep  # noqa: E402
from nnstudio.engine.forward_steps import DOT  # noqa: E402
from nnstudio.widgets.table_clipboard import tab_separated, table_text  # noqa: E402


def per_cell(model):
    return tab_separated(
        [str(model.index(row, column).data(Qt.ItemDataRole.EditRole)) for column in range(model.columnCount())]
        for row in range(model.rowCount()))


def seconds(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    QApplication([])
    for rows, dtype in ((3000, np.float32), (30000, np.float32), (3000, np.float64)):
        matrix = np.random.default_rng(0).standard_normal((rows, 64)).astype(dtype)
        model = StepModel()
        model.set_step(TraceStep(DOT, 0, matrix, matrix))
        assert table_text(model) == per_cell(model)
        name = f"copy_{rows}x64_{np.dtype(dtype).name}"
        fast = seconds(lambda model=model: table_text(model), 5)
        slow = seconds(lambda model=model: per_cell(model), 1 if rows > 10000 else 3)
        print(f"metric {name}_ms {fast * 1e3:.1f} ms")
        print(f"metric {name}_per_cell_ms {slow * 1e3:.1f} ms")
        print(f"metric {name}_speedup {slow / fast:.1f} x")


if __name__ == "__main__":
    main()

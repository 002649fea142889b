"""Files at the limits, which the monkey found freezing the window for seconds (issue 11):

- a project of the largest stack a user builds in a minute, 2-512-512-3 with Adam's caches (22
  arrays, about 800 000 float32 values), written and read by ``project_file`` against ``json``
  writing and reading the same numbers as plain lists (float64 reprs, no checks) in the same run;
- the Data panel with 30 000 points (spiral 10 000 × 3) exported as SVG, against the same panel
  exported as PNG.

    python benchmarks/large_files.py

prints ``metric <name> <value> <unit>`` lines.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from copy_matrix import seconds  # noqa: E402  (the median of timed runs, beside this script)

from nnstudio.document import project_file  # noqa: E402
from nnstudio.document.state import State  # noqa: E402
from nnstudio.engine import Dense, ReLU, Softmax  # noqa: E402
from nnstudio.engine.layers import OPTIMIZER_CACHES  # noqa: E402

REPEATS = 3


def trained_dense(rng, inputs, neurons):
    """A Dense with random weights and biases and Adam's four caches, as after training."""
    layer = Dense(inputs, neurons)
    layer.weights = rng.standard_normal((inputs, neurons)).astype(np.float32)
    layer.biases = rng.standard_normal((1, neurons)).astype(np.float32)
    for name in OPTIMIZER_CACHES:
        shape = layer.biases.shape if name.startswith("bias") else layer.weights.shape
        setattr(layer, name, rng.standard_normal(shape).astype(np.float32))
    return layer


def project_figures():
    rng = np.random.default_rng(0)
    layers = (trained_dense(rng, 2, 512), ReLU(), trained_dense(rng, 512, 512), ReLU(), trained_dense(rng, 512, 3),
              Softmax())
    project = project_file.Project(State(layers=layers))
    text = project_file.dumps(project)
    arrays = [getattr(layer, name).tolist() for layer in layers if isinstance(layer, Dense)
              for name in ("weights", "biases", *OPTIMIZER_CACHES)]
    plain = json.dumps(arrays)
    values = sum(np.asarray(array).size for array in arrays)
    write = seconds(lambda: project_file.dumps(project), REPEATS)
    read = seconds(lambda: project_file.loads(text), REPEATS)
    print(f"metric project_values {values} count")
    print(f"metric project_megabytes {len(text) / 1e6:.1f} MB")
    print(f"metric project_write_s {write:.3f} s")
    print(f"metric project_read_s {read:.3f} s")
    print(f"metric project_write_vs_json {write / seconds(lambda: json.dumps(arrays), REPEATS):.1f} x")
    print(f"metric project_read_vs_json {read / seconds(lambda: json.loads(plain), REPEATS):.1f} x")


def picture_figures():
    from PySide6.QtCore import QEventLoop, QTimer

    from nnstudio.app import create_application, use_fresh_settings
    from nnstudio.document import Batch
    from nnstudio.plots.export import export_picture
    from nnstudio.widgets.main_window import MainWindow

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        use_fresh_settings(folder)
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        window.document.set_batch(Batch("spiral", 10_000, 3, 0))
        loop = QEventLoop()
        QTimer.singleShot(3000, loop.quit)  # the regions computed and painted
        loop.exec()
        svg, png = Path(folder) / "data.svg", Path(folder) / "data.png"
        svg_seconds = seconds(lambda: export_picture(window.data_plot, svg), REPEATS)
        png_seconds = seconds(lambda: export_picture(window.data_plot, png), REPEATS)
        print(f"metric svg_30000_points_s {svg_seconds:.3f} s")
        print(f"metric svg_30000_points_megabytes {svg.stat().st_size / 1e6:.2f} MB")
        print(f"metric svg_vs_png {svg_seconds / png_seconds:.1f} x")
        window.close()
    app.processEvents()


def main():
    project_figures()
    picture_figures()


if __name__ == "__main__":
    main()

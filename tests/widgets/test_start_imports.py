"""What the window leaves unimported at start: modules that only a later action needs (each took
milliseconds off the start, which benchmarks/startup.py measures)."""

import subprocess
import sys

DEFERRED = ("importlib.metadata", "numpy.ma")  # the About box; np.unique's masked-array check

PROBE = """
import sys
from PySide6.QtCore import QTimer
from nnstudio.app import create_application, open_window
app = create_application()
window = open_window()
QTimer.singleShot(300, app.quit)
app.exec()
print(" ".join(name for name in {deferred!r} if name in sys.modules))
"""


def test_the_first_window_imports_no_module_only_a_later_action_needs(tmp_path):
    environment = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", PROBE.format(deferred=DEFERRED)], capture_output=True, text=True,
                          timeout=60, env=environment, check=True)
    assert done.stdout.split() == [], f"imported at start: {done.stdout}"

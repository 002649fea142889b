"""``python -m nnstudio`` starts the same app as ``python main.py``."""

import sys

from nnstudio.app import main

sys.exit(main())

"""Start NN Studio: ``python main.py [FILE] [--screenshot OUT.png] [--export-script OUT.py FILE]``."""

import sys

from nnstudio.app import main

if __name__ == "__main__":
    sys.exit(main())

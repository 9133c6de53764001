"""``python -m ofstedmodel``: see :mod:`ofstedmodel.cli`."""

import sys

from .cli import main

sys.exit(main())

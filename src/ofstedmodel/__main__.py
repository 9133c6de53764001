"""``python -m ofstedmodel``: see :mod:`ofstedmodel.cli` and :func:`ofstedmodel.cli.run`."""

import sys

from .cli import run

sys.exit(run())

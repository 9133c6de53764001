"""``python -m ofstedmodel``: see :mod:`ofstedmodel.cli`.

The process answers one command and ends. The cyclic garbage collector's passes over the data
the command loads, and its last pass over every object as the interpreter exits, are work
whose result nobody sees (the readers turn it off while reading for the same reason): it is
off for the run, and what the run made is freed by the exit alone (issue 14).
"""

import gc
import sys

from .cli import main

gc.disable()
status = main()
gc.freeze()
sys.exit(status)

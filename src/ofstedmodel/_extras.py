"""The optional dependencies, imported on first use with a message naming the extra (internal).

>>> require("json", "test", "this example").__name__
'json'
>>> require("no_such_module", "plot", "ofstedmodel.plot")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ofstedmodel.errors.OfstedModelError: ofstedmodel.plot needs no_such_module: pip install ...
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import OfstedModelError


def require(module: str, extra: str, user: str) -> ModuleType:
    """``module``, imported; if it is not installed, an :class:`~ofstedmodel.OfstedModelError`
    saying that ``user`` needs it and which extra of the package installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise missing(module, extra, user) from None


def missing(module: str, extra: str, user: str) -> OfstedModelError:
    """The error that ``user`` needs ``module``, which the package's ``extra`` installs."""
    return OfstedModelError(
        f"{user} needs {module}: pip install 'ofstedmodel[{extra}]'",
        field="extra",
        rule="optional dependency not installed",
        brief=f"{module} is not installed",
    )

"""A cache of the bundled dataset as built objects, checked against its source on every load.

Reading the bundled CSV runs every rule of the model on every inspection: about 70 ms. What
the rules accept does not change until the data or the code does, so after the first read the
built councils, histories and register are kept as a pickle in the user's cache directory,
under a key made of the package's version, the length and CRC-32 of each of its data files and
of the source of every module a build imports (:data:`MODULES`). A load recomputes the key (well
under a millisecond) and uses the cache only when it matches: new data, a new version or an
edited module reads the CSV again, with every rule, and rewrites the cache. A cache that cannot
be read or written is no error: the data is read from the CSV as if there were none.

Where: ``$OFSTEDMODEL_CACHE_DIR`` if set (``off`` turns the cache off), else
``$XDG_CACHE_HOME/ofstedmodel``, else ``~/.cache/ofstedmodel`` (``%LOCALAPPDATA%`` on Windows).
Pickles run code when loaded: the cache directory must be as private as the user's home.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from .._version import __version__

T = TypeVar("T")

# Plain os.path and zlib, not pathlib, importlib.resources, hashlib or tempfile: each of those
# costs more to import than reading the cache does (`python -X importtime`).
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: Every module a build of the data imports (as a test checks): the classes and tables in the
#: pickle and the code that reads the CSV into them. A change to any of them is a new key.
MODULES = (
    "__init__",
    "_coerce",
    "_enums",
    "_frozen",
    "_rich",
    "_version",
    "councils",
    "datasets/__init__",
    "datasets/_cache",
    "direction",
    "errors",
    "frameworks",
    "grades",
    "history",
    "inspections",
    "io/__init__",
    "io/_common",
    "io/csv",
    "io/problems",
    "io/records",
    "register",
)


def directory() -> str | None:
    """The cache directory, or ``None`` when the cache is off."""
    chosen = os.environ.get("OFSTEDMODEL_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else chosen
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return os.path.join(os.environ["LOCALAPPDATA"], "ofstedmodel", "cache")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ofstedmodel")


def key(data_files: Iterable[str]) -> str:
    """The cache key: the version, the pickle protocol, and the length and CRC-32 of every
    data file and model module, in a fixed order."""
    parts = [__version__, str(pickle.HIGHEST_PROTOCOL)]
    paths = [os.path.join(_PACKAGE, "datasets", name) for name in data_files]
    paths += [os.path.join(_PACKAGE, f"{module}.py") for module in MODULES]
    for path in paths:
        with open(path, "rb") as file:
            content = file.read()
        parts.append(f"{os.path.basename(path)}:{len(content)}:{zlib.crc32(content):08x}")
    return "|".join(parts)


def cached(data_files: Iterable[str], build: Callable[[], T]) -> T:
    """What ``build()`` returns, from the cache when it holds the value for the current key,
    else built and stored."""
    where = directory()
    if where is None:
        return build()
    current = key(data_files)
    path = os.path.join(where, f"bundled-{zlib.crc32(current.encode()):08x}.pickle")
    try:
        with open(path, "rb") as file:
            stored_key, value = pickle.load(file)
        if stored_key == current:
            return value  # type: ignore[no-any-return]
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        IndexError,
        KeyError,
        TypeError,
        ValueError,
    ):
        pass  # a missing or broken cache is rebuilt below
    value = build()
    _store(where, path, (current, value))
    return value


def _store(where: str, path: str, payload: object) -> None:
    """Write ``payload`` to ``path`` atomically, removing older caches; give up quietly where
    that is not possible."""
    import glob
    import tempfile

    try:
        os.makedirs(where, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".bundled-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(payload, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        for old in glob.glob(os.path.join(where, "bundled-*.pickle")):
            if old != path:
                os.unlink(old)
    except (OSError, pickle.PicklingError):
        pass

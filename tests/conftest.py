"""Shared test set-up: hypothesis profiles, where the raw data is, and the D2I lookup.

``dev`` (the default) is quick; ``ci`` is thorough and is what ``.ci/run`` selects through
``HYPOTHESIS_PROFILE=ci``. The profile is loaded here, when pytest imports this file, before
any test module (whose ``settings(...)`` and ``capped()`` read it at import) is collected.

The tests read the raw data from ``data/raw/`` (which the sdist ships, with the tests)
through :data:`RAW`; test modules import it (``from conftest import RAW``), as they do
:func:`lookup_councils`: both are needed when a module is imported, before any fixture runs.
"""

from __future__ import annotations

import csv
import gc
import os
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import ofstedmodel as om

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
"""The raw data files: the D2I history and lookup, Ofsted's own tables under ``ofsted/``."""
D2I_HISTORY = RAW / "d2i-ilacs-history.csv"
D2I_LOOKUP = RAW / "d2i-la-lookup.csv"


def lookup_councils() -> list[om.Council]:
    """The councils of the D2I lookup file, with the identifiers the reader matches."""
    with D2I_LOOKUP.open(encoding="utf-8-sig", newline="") as file:
        return [
            om.Council(
                row["local_authority_ons_name"],
                row["la_code"],
                gss_code=row["la_code_new"],
                urn=row["urn"],
            )
            for row in csv.DictReader(file)
        ]


_PYTHON_WORDS = re.compile(r"\b(?:None|True|False)\b")


def names_aside(text: str, councils: Iterable[om.Council]) -> str:
    """``text`` with each council name that holds a word the checks take for a Python value
    (``None``, ``True``, ``False``) put aside as "a council": the strategies make names up
    from random letters, and a council may be called "None". Other names stay, so a Python
    value the library itself writes is still caught."""
    for council in councils:
        if _PYTHON_WORDS.search(council.name):
            text = text.replace(council.name, "a council")
    return text


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once every test module is imported, set what they built at import (the bundled data,
    the strategies, the modules themselves) aside from the cyclic garbage collector.

    Nearly all of it lives to the end of the run, yet every full collection scanned it again:
    some 5 s of the suite under the ``ci`` profile, whose examples make much garbage. Nothing
    a test builds is set aside, so its garbage is still collected.
    """
    gc.collect()
    gc.freeze()

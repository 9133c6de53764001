"""The package itself: public names, lazy loading, a clean import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ofstedmodel as om


def _fresh(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_every_public_name_resolves() -> None:
    for name in om.__all__:
        assert getattr(om, name) is not None, name
    assert set(om.__all__) <= set(dir(om))


def test_import_is_clean_and_light() -> None:
    loaded = _fresh(
        "import sys, ofstedmodel; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(("
        "'ofstedmodel.', 'cattrs', 'matplotlib', 'pandas', 'hypothesis', 'csv', 'json')))))"
    ).split()
    heavy = {"cattrs", "matplotlib", "pandas", "hypothesis", "csv", "json"}
    assert not heavy & set(loaded)
    for later in ("datasets", "io", "plot", "strategies", "populations", "narrative"):
        assert f"ofstedmodel.{later}" not in loaded


def test_lazy_names_load_on_first_use() -> None:
    out = _fresh(
        "from ofstedmodel import History, summarise, describe; import ofstedmodel as om; "
        "print(History.__module__, summarise.__module__, om.compare.__module__)"
    )
    assert out == "ofstedmodel.history ofstedmodel.populations ofstedmodel.changes"


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="nothing_here"):
        om.nothing_here  # type: ignore[attr-defined]  # noqa: B018


def test_version_in_one_place() -> None:
    from importlib.metadata import version

    assert version("ofstedmodel") == om.__version__

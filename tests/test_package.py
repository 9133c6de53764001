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


def test_the_sdist_ships_what_the_tests_read() -> None:
    # The tests must pass from the sdist, installed normally, with plain pytest: every
    # top-level file or folder of the checkout that a test names must be in the sdist.
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    section = pyproject.split("[tool.hatch.build.targets.sdist]", 1)[1]
    include = set(re.findall(r'"([^"]+)"', section.split("]", 1)[0]))
    include.add("pyproject.toml")  # hatchling always ships it
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (root / "tests").rglob("*.py"))
    scratch = {".git", ".venv", "dist", "build", ".ruff_cache", ".mypy_cache", ".pytest_cache"}
    named = {
        entry.name
        for entry in root.iterdir()
        if entry.name not in scratch and re.search(rf'"{re.escape(entry.name)}["/]', tests)
    }
    assert {"data", ".ci", "README.md"} <= named  # the scan itself finds what tests read
    assert named <= include, sorted(named - include)

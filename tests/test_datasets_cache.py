"""The cache of the bundled dataset: used only when it matches, rebuilt when stale or broken,
never an error (issue 14)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from ofstedmodel.datasets import _cache

FIRST_LOAD = (
    "import ofstedmodel as om, ofstedmodel.datasets._cache as c, sys\n"
    "h = om.datasets.histories()\n"
    "print(len(h), sum(len(x) for x in h.values()), 'ofstedmodel.io' in sys.modules)\n"
    "print(hash(h['372']) == hash(om.History(h['372'].council, h['372'].inspections)))\n"
    "print(om.datasets.register().find('BCP').la_code, len(om.datasets.notes()) > 0)\n"
)


def _run(cache: str) -> list[str]:
    env = {**os.environ, "OFSTEDMODEL_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_LOAD], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split("\n")[:3]


def test_the_second_process_reads_the_cache_and_gets_the_same_data(tmp_path: Path) -> None:
    cold = _run(str(tmp_path))
    assert cold[0] == "158 716 True"  # read from the CSV, with every rule
    assert len(list(tmp_path.glob("bundled-*.pickle"))) == 1
    warm = _run(str(tmp_path))
    assert warm[0] == "158 716 False"  # from the cache: no reader imported
    # A cached hash would be wrong in a new process (string hashes are salted per process).
    assert cold[1] == warm[1] == "True"
    assert cold[2] == warm[2] == "839 True"


def test_a_stale_or_broken_cache_is_rebuilt(tmp_path: Path) -> None:
    _run(str(tmp_path))
    (path,) = tmp_path.glob("bundled-*.pickle")
    with path.open("rb") as file:
        stored_key, value = pickle.load(file)
    with path.open("wb") as file:  # the same file name, another key: data changed since
        pickle.dump((stored_key + "|changed", value), file)
    assert _run(str(tmp_path))[0] == "158 716 True"
    path.write_bytes(b"not a pickle")
    assert _run(str(tmp_path))[0] == "158 716 True"
    assert _run(str(tmp_path))[0] == "158 716 False"  # rewritten by the run before


def test_an_unwritable_cache_or_none_still_loads(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory would be")
    assert _run(str(blocked / "cache"))[0] == "158 716 True"
    assert _run("off")[0] == "158 716 True"


def test_the_key_follows_the_data_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    files = ("ofsted.csv", "councils.json", "meta.json")
    before = _cache.key(files)
    assert before == _cache.key(files)
    assert "ofsted.csv:" in before
    assert "inspections.py:" in before
    monkeypatch.setattr(_cache, "__version__", "99")
    assert _cache.key(files) != before


def test_the_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSTEDMODEL_CACHE_DIR", "off")
    assert _cache.directory() is None
    monkeypatch.delenv("OFSTEDMODEL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert _cache.directory() == os.path.join("/somewhere", "ofstedmodel")


def test_the_key_covers_every_module_a_build_imports() -> None:
    """A build with the cache off imports the code that makes the pickled objects: each of
    those modules must be in the key, so that a change to any of them (a reader's rule, a
    table) reads the CSV again rather than serving a pickle made by the old code. A module
    in the key that the build no longer imports is a stale entry."""
    script = (
        "import sys, ofstedmodel as om\n"
        "om.datasets.histories(); om.datasets.register(); om.datasets.notes()\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('ofstedmodel'))))\n"
    )
    env = {**os.environ, "OFSTEDMODEL_CACHE_DIR": "off"}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    imported = set()
    for name in out.stdout.split():
        path = name.removeprefix("ofstedmodel").lstrip(".").replace(".", "/") or "__init__"
        package = Path(_cache._PACKAGE, path)
        imported.add(f"{path}/__init__" if package.is_dir() else path)
    assert imported == set(_cache.MODULES)

"""Every example in the package's docstrings, run against the package as imported.

The examples are collected from the imported modules, not from files under ``src/``, so the
same tests run on an editable checkout and on a normal install from the sdist or wheel (where
pytest's own ``--doctest-modules`` would find two copies of each module and refuse).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ofstedmodel

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _modules() -> list[str]:
    names = ["ofstedmodel"]
    for info in pkgutil.walk_packages(ofstedmodel.__path__, "ofstedmodel."):
        if info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return sorted(names)


MODULES = _modules()


def test_every_module_is_found() -> None:
    # A guard on the collection itself: if the walk found nothing, every test below would
    # pass vacuously.
    assert {"ofstedmodel.history", "ofstedmodel.io.csv", "ofstedmodel.narrative"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in finder.find(module, name):
        test.globs = dict(test.globs)
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"

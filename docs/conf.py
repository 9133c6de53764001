"""Sphinx configuration for ofstedmodel's documentation. Builds offline."""

from __future__ import annotations

import datetime as _dt
import sys as _sys
from pathlib import Path as _Path

import ofstedmodel

# The notebook page (notebook.ipynb) is run at build time by a small local extension.
_sys.path.insert(0, str(_Path(__file__).resolve().parent / "_ext"))

project = "ofstedmodel"
author = "the ofstedmodel developers"
copyright = f"{_dt.date.today().year}, {author}"
release = ofstedmodel.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "matplotlib.sphinxext.plot_directive",
    "notebook",
]
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
plot_rcparams = {"savefig.bbox": "tight"}
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
nitpicky = False
# Docstring examples run under pytest (--doctest-modules) with their module globals; the
# doctest builder runs the `.. doctest::` blocks of these pages.
doctest_test_doctest_blocks = ""
doctest_global_setup = """
import datetime
from datetime import date
import ofstedmodel as om
"""
import doctest as _doctest  # noqa: E402

doctest_default_flags = (
    _doctest.ELLIPSIS | _doctest.NORMALIZE_WHITESPACE | _doctest.DONT_ACCEPT_TRUE_FOR_1
)

html_theme = "furo"
html_title = "ofstedmodel"
html_static_path = ["_static"]
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
suppress_warnings = ["ref.python"]

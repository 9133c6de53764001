"""The notebook in the docs (``docs/notebook.ipynb``, issue 13): valid nbformat 4 kept without
outputs; every code cell runs, with the executor the docs build uses
(``docs/_ext/notebook.py``); every HTML it displays is well-formed and self-contained; and
every claim its prose makes about the data holds on the bundled dataset.

The executor and the Markdown conversion are tested here too, since the tests run without
Sphinx: the extension needs it only in its ``setup``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import datasets

DOCS = Path(__file__).resolve().parent.parent / "docs"
NOTEBOOK = DOCS / "notebook.ipynb"


def _extension() -> ModuleType:
    """``docs/_ext/notebook.py``, imported under a name of its own (so that it shadows no
    installed package called ``notebook``)."""
    spec = importlib.util.spec_from_file_location(
        "ofstedmodel_docs_notebook", DOCS / "_ext" / "notebook.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


nb = _extension()


@pytest.fixture(scope="module")
def notebook() -> dict[str, Any]:
    loaded: dict[str, Any] = nb.load(NOTEBOOK.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def ran(notebook: dict[str, Any]) -> list[Any]:
    return list(nb.run(notebook))


# -- the file ----------------------------------------------------------------------------------


def test_the_notebook_is_nbformat_4_kept_without_outputs() -> None:
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert raw["nbformat"] == 4
    assert raw["nbformat_minor"] >= 5  # cells have ids
    assert raw["metadata"]["kernelspec"]["language"] == "python"
    cells = raw["cells"]
    assert [c["cell_type"] for c in cells][:2] == ["markdown", "code"]
    assert len({c["id"] for c in cells}) == len(cells)
    for cell in cells:
        assert set(cell) >= {"cell_type", "id", "metadata", "source"}
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None
    nb.load(NOTEBOOK.read_text(encoding="utf-8"))  # the extension's own checks


def test_a_notebook_with_stored_outputs_is_refused() -> None:
    raw = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    number, cell = next((n, c) for n, c in enumerate(raw["cells"], 1) if c["cell_type"] == "code")
    cell["execution_count"] = 1
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["x\n"]}]
    with pytest.raises(nb.NotebookError) as caught:
        nb.load(json.dumps(raw))
    assert caught.value.cell == number
    assert "stored outputs" in caught.value.reason


# -- running it --------------------------------------------------------------------------------

VOID = {"br", "hr", "wbr", "col"}
FORBIDDEN_TAGS = {"script", "style", "link", "img", "iframe", "object", "embed", "meta", "base"}


class Strict(HTMLParser):
    """Fails on unbalanced tags, scripts, style sheets, images, event handlers and anything
    that could fetch a resource."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag not in FORBIDDEN_TAGS, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            assert name not in ("src", "href", "srcset", "action", "formaction"), name
            assert "url(" not in (value or "").lower(), value
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in VOID, f"<{tag}/>"
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack.pop() == tag, tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def strictly(page: str) -> str:
    """The text of ``page``, which must parse strictly."""
    parser = Strict()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    return "".join(parser.text)


@pytest.mark.parametrize(
    "page",
    [
        "<div><span></div>",
        "<div>",
        "</div>",
        "<script>alert(1)</script>",
        "<style>p {}</style>",
        '<link rel="stylesheet" href="x.css">',
        '<img src="x.png">',
        '<span onclick="f()">x</span>',
        '<a href="https://example.org">x</a>',
        '<span style="background:url(x.png)">x</span>',
    ],
)
def test_the_strict_parser_refuses_what_a_display_must_not_have(page: str) -> None:
    with pytest.raises(AssertionError):
        strictly(page)


def test_every_code_cell_runs_and_shows_its_answer(
    notebook: dict[str, Any], ran: list[Any]
) -> None:
    code = [n for n, c in enumerate(notebook["cells"], 1) if c["cell_type"] == "code"]
    assert [r.cell for r in ran] == code
    for cell in ran:
        assert cell.outputs, f"cell {cell.cell} shows nothing"
    kinds = [o.kind for r in ran for o in r.outputs]
    assert kinds.count("html") >= 8
    assert "stream" in kinds


def test_every_html_output_is_the_library_display_well_formed_and_self_contained(
    ran: list[Any],
) -> None:
    pages = [o.content for r in ran for o in r.outputs if o.kind == "html"]
    for page in pages:
        text = strictly(page)
        assert page.startswith('<div class="ofstedmodel"')
        assert "<table" in page
        assert text.strip()


def test_the_page_has_every_cell_and_output_in_order(
    notebook: dict[str, Any], ran: list[Any]
) -> None:
    page = nb.notebook_to_rst(notebook, ran, download="notebook.ipynb")
    titles = re.findall(r"^(.+)\n=+$", page, flags=re.MULTILINE)
    assert len(titles) == 1
    assert ":download:`download it <notebook.ipynb>`" in page
    position = 0
    for cell in ran:
        first_line = cell.source.splitlines()[0]
        position = page.index(f"   {first_line}", position)
        for output in cell.outputs:
            marker = ".. raw:: html" if output.kind == "html" else ".. code-block:: none"
            position = page.index(marker, position)
    assert page.count(".. raw:: html") == sum(o.kind == "html" for r in ran for o in r.outputs)


# -- the executor ------------------------------------------------------------------------------


def _notebook(*cells: tuple[str, str | list[str]]) -> dict[str, Any]:
    return {
        "cells": [
            {"cell_type": kind, "id": f"c{n}", "metadata": {}, "source": source}
            | ({"outputs": [], "execution_count": None} if kind == "code" else {})
            for n, (kind, source) in enumerate(cells)
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


class Shown:
    def __init__(self, page: str | None) -> None:
        self.page = page

    def _repr_html_(self) -> str | None:
        return self.page

    def __repr__(self) -> str:
        return "<Shown>"


def test_cells_share_one_namespace_and_show_as_jupyter_does() -> None:
    cells = _notebook(
        ("markdown", "# Title"),
        ("code", "x = 2\nprint('printed', x)\nx * 3"),
        ("code", ["y = x + 1\n", "y;"]),  # a trailing ; shows nothing
        ("code", "x = None\nx"),  # nor does None
        ("code", "Shown('<b>bold</b>')"),
        ("code", "Shown(None)"),  # a _repr_html_ giving None: the repr
        ("code", "Shown"),  # a class: its repr, never its unbound method
        ("code", "for i in range(2):\n    print(i)"),  # no expression last
    )
    ran = nb.run(cells, namespace={"Shown": Shown})
    shown = [[(o.kind, o.content) for o in r.outputs] for r in ran]
    assert shown == [
        [("stream", "printed 2\n"), ("text", "6")],
        [],
        [],
        [("html", "<b>bold</b>")],
        [("text", "<Shown>")],
        [("text", repr(Shown))],
        [("stream", "0\n1\n")],
    ]
    assert [r.cell for r in ran] == [2, 3, 4, 5, 6, 7, 8]


def test_a_cell_that_raises_fails_naming_the_cell_with_the_cause_chained() -> None:
    cells = _notebook(("code", "a = 1"), ("markdown", "text"), ("code", "a / 0"))
    with pytest.raises(nb.NotebookError) as caught:
        nb.run(cells)
    assert caught.value.cell == 3
    assert caught.value.reason == "raised ZeroDivisionError: division by zero"
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
    with pytest.raises(nb.NotebookError) as caught:
        nb.run(_notebook(("code", "def f(:")))
    assert caught.value.cell == 1
    assert "SyntaxError" in caught.value.reason


def test_an_error_in_the_library_fails_the_run_too() -> None:
    with pytest.raises(nb.NotebookError) as caught:
        nb.run(_notebook(("code", "import ofstedmodel as om\nom.Grade.parse('splendid')")))
    assert isinstance(caught.value.__cause__, om.GradeError)


# -- the Markdown ------------------------------------------------------------------------------


def test_the_markdown_used_converts_to_restructuredtext() -> None:
    blocks = nb.markdown_to_rst(
        "# Title\n\nSome `om.History`s and [a guide](howto/standings), "
        "[a site](https://example.org/a_b),\n**strong** and *emphasis*; a snake_case | pipe.\n\n"
        "- (a) one\n- two\n  continued\n\n1. first\n2. second\n\n## Part\n\nA. Smith",
        cell=4,
    )
    assert blocks == [
        "Title\n=====",
        "Some ``om.History``\\ s and :doc:`a guide <howto/standings>`\\ , "
        "`a site <https://example.org/a_b>`__\\ , **strong** and *emphasis*\\ ; "
        "a snake\\_case \\| pipe.",
        "- \\(a) one\n- two continued",
        "#. first\n#. second",
        "Part\n----",
        "\\A. Smith",
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        "```python\nx\n```",
        "> quoted",
        "| a | b |",
        "a <b>bold</b> word",
        "see <https://example.org>",
        "_emphasis_",
        "an \\* escape",
        "#### too deep",
        "- item\n  - nested",
        "Title\n=====",
        "    indented code",
        "an unclosed `tick",
        "`` code ``",
        "![a chart](chart.png)",
    ],
)
def test_markdown_that_would_not_show_as_written_is_refused(markdown: str) -> None:
    with pytest.raises(nb.NotebookError) as caught:
        nb.markdown_to_rst(markdown, cell=7)
    assert caught.value.cell == 7


def _unescape(rst: str) -> str:
    """What reStructuredText shows for text escaped as the conversion escapes it."""
    return re.sub(r"\\(.)", lambda m: "" if m[1] == " " else m[1], rst)


@given(st.text(alphabet="abcXYZ019 .,;:!?'\"()[]-+#|>=~&/%_", min_size=1))
def test_plain_text_shows_as_written(text: str) -> None:
    """Text with no Markdown markup in it shows, once reStructuredText has read the escapes
    the conversion puts in, exactly as written; where its start would begin a
    reStructuredText block (``-``, ``#.``, ``A.``, ``(``), that is escaped too."""
    try:
        converted = nb.inline(text, cell=1)
    except nb.NotebookError:
        assume(False)  # "](" or "_x": Markdown reads these as markup, and they are refused
    assert _unescape(converted) == text
    assert not re.match(r"[-+*#.:|>(\[]|\w+[.)](\s|$)", converted)


# -- what the prose says about the data --------------------------------------------------------

HISTORIES = datasets.histories()
REGION = om.Region.YORKSHIRE_AND_THE_HUMBER
BRADFORD = datasets.history("Bradford")


def _highest_region() -> bool:
    shares = {
        region: summary.share_good_or_better
        for region, summary in om.summarise(HISTORIES, by="region").groups.items()
    }
    best = max(shares.values())
    return len(shares) == 9 and [r for r, s in shares.items() if s == best] == [REGION]


def _nine_regions() -> bool:
    regions = om.summarise(HISTORIES, by="region").groups
    return list(regions) == list(om.Region) and len(regions) == 9


def _none_inadequate_bradford_only_below_good() -> bool:
    table = om.standings(HISTORIES).where(region=REGION)
    below = [s.council.name for s in table if s.grade is None or s.grade < om.Grade.GOOD]
    return below == ["Bradford"] and not table.where(grade="inadequate")


def _two_inadequate_then_requires_improvement() -> bool:
    overall = [i.get(om.Category.OVERALL_EFFECTIVENESS) for i in BRADFORD.graded]
    return overall[-4:] == [
        om.Grade.REQUIRES_IMPROVEMENT,
        om.Grade.INADEQUATE,
        om.Grade.INADEQUATE,
        om.Grade.REQUIRES_IMPROVEMENT,
    ]


def _ten_neighbours() -> bool:
    return len(om.peers(BRADFORD, HISTORIES).neighbours) == 10


def _ranks_among_england() -> bool:
    everywhere = om.turnarounds(HISTORIES)
    regional = everywhere.where(region=REGION)
    ranks = {(m.council, m.before.published): m.rank for m in everywhere}
    return len(regional) > 1 and all(
        m.rank == ranks[m.council, m.before.published] for m in regional
    )


def _answers_as_at_the_data() -> bool:
    as_of = datasets.as_of
    return (
        om.summarise(HISTORIES).as_at == as_of
        and om.standings(HISTORIES).as_at == as_of
        and om.digest(HISTORIES, since="2025-04-01").until == as_of
        and om.next_inspection(BRADFORD).as_at == as_of
    )


def _plain_data() -> bool:
    answers: list[Any] = [
        om.standings(HISTORIES),
        om.turnarounds(HISTORIES),
        om.digest(HISTORIES, since="2025-04-01"),
        om.next_inspection(BRADFORD),
    ]
    return all(json.dumps(answer.to_json()) for answer in answers)


def _the_command_line(capsys: pytest.CaptureFixture[str]) -> bool:
    from ofstedmodel.cli import main

    commands = [
        ["standings"],
        ["turnarounds"],
        ["digest", "--since", "2025-04-01"],
        ["history", "Bradford"],
    ]
    for command in commands:
        if main(command) != 0 or not capsys.readouterr().out.strip():
            return False
    return True


#: Each sentence of the prose about the data, word for word, and what makes it true.
CLAIMS: dict[str, Callable[[], bool]] = {
    '`by="region"` gives a row for each of the nine regions': _nine_regions,
    (
        "Yorkshire and the Humber has the highest share of councils good or outstanding of the nine"
    ): _highest_region,
    (
        "No council in the region stands at inadequate, and Bradford is the only one below good"
    ): _none_inadequate_bradford_only_below_good,
    (
        "Its latest report took it up to requires improvement to be good, after two "
        "inadequate judgements in a row"
    ): _two_inadequate_then_requires_improvement,
    "`om.peers` gives Bradford's ten statistical neighbours": _ten_neighbours,
    "Each move keeps its rank among all such moves in England": _ranks_among_england,
    (
        "every answer below that is not given a date of its own is as at that date"
    ): _answers_as_at_the_data,
    (
        "the standings, turnarounds, digest and next inspection each give plain data with "
        "`to_json()`"
    ): _plain_data,
}

#: Phrases with figures in them that are facts about Ofsted's releases and frameworks (from
#: the domain notes), not about the data, and the code the prose refers to.
NOT_ABOUT_THE_DATA = [
    "as at 31 March",  # the yearly release's date
    "carried out by 31 March and published by 30 June",  # the release's rule since 2024
    "since the 2025 figures",  # the digest's since, 2025-04-01, is in the code cell
    "the 2026 framework",  # ILACS from 1 April 2026, which gives no overall grade
    "`ofstedmodel digest --since 2025-04-01`",  # a command, run by its test
    "Each is one call",  # each question: the code cells show it
    "says where one ranks",  # one move
    "One council",
    "against the one before",
    "from two things side by side",  # the rule and the precedent
]


def _prose(notebook: dict[str, Any]) -> str:
    return " ".join(
        " ".join(nb.source_of(c).split()) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_every_claim_about_the_data_holds(
    claim: str, notebook: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert claim in _prose(notebook)
    assert CLAIMS[claim]()


def test_the_command_line_gives_the_same_answers(
    notebook: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    commands = (
        "`ofstedmodel standings`, `ofstedmodel turnarounds`, "
        "`ofstedmodel digest --since 2025-04-01` and `ofstedmodel history Bradford`"
    )
    assert commands in _prose(notebook)
    assert _the_command_line(capsys)


def test_no_figure_in_the_prose_goes_unchecked(notebook: dict[str, Any]) -> None:
    """Every number in the Markdown is inside a checked claim or a listed phrase, so that a
    new sentence about the data cannot go unchecked; the outputs give the rest."""
    prose = _prose(notebook)
    for phrase in [*CLAIMS, *NOT_ABOUT_THE_DATA]:
        prose = prose.replace(phrase, "")
    prose = re.sub(r"\]\([^)]*\)", "", prose)  # link targets
    assert re.findall(r"\S*\d\S*", prose) == []
    words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    assert words.isdisjoint(re.findall(r"[a-z]+", prose.lower()))

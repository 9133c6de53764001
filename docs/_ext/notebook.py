"""Jupyter notebooks as pages of the documentation, run when it is built: a small Sphinx
extension with no Jupyter in it.

A ``.ipynb`` file among the sources becomes a page. The notebook is read with :mod:`json`; its
code cells run in order in one namespace, and each shows what Jupyter would: what it printed,
then the value of its last line if that is an expression (the value's ``_repr_html_()`` where
it has one, else its ``repr``), unless the line ends with ``;``. The page is reStructuredText
made from the cells: the Markdown of the markdown cells (the simple Markdown listed in
:func:`markdown_to_rst`; anything else is refused rather than shown wrong), each code cell as a
highlighted block, and its outputs as raw HTML or literal blocks; raw cells are left out. A
cell that raises fails the build, naming the cell.

The reading, running and conversion need nothing but the standard library, so that the tests
can run the notebook with the same code; only :func:`setup` imports Sphinx.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "NotebookError",
    "Output",
    "Ran",
    "load",
    "markdown_to_rst",
    "notebook_to_rst",
    "run",
    "setup",
]

#: The style sheet of the pages (``notebook.css``): outputs set apart, wide ones scrolled.
STATIC = Path(__file__).resolve().parent / "static"

#: The heading underlines, by Markdown level: the page title, its sections, their parts.
UNDERLINES = {1: "=", 2: "-", 3: "~"}


class NotebookError(Exception):
    """A notebook that cannot be read, converted or run. ``cell`` is the cell's position in
    the notebook (from 1; ``None`` for the notebook as a whole), ``reason`` what is wrong."""

    def __init__(self, reason: str, *, cell: int | None = None) -> None:
        where = "the notebook" if cell is None else f"cell {cell}"
        super().__init__(f"{where}: {reason}")
        self.cell = cell
        self.reason = reason


@dataclass(frozen=True)
class Output:
    """One output of a code cell: ``"stream"`` (what it printed), ``"html"`` (its value's
    ``_repr_html_()``) or ``"text"`` (its value's ``repr``)."""

    kind: str
    content: str


@dataclass(frozen=True)
class Ran:
    """A code cell that ran: its position in the notebook (from 1), source and outputs."""

    cell: int
    source: str
    outputs: tuple[Output, ...]


# -- reading -----------------------------------------------------------------------------------


def source_of(cell: Mapping[str, Any]) -> str:
    """A cell's source as one string (nbformat stores a string or a list of lines)."""
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def load(text: str) -> dict[str, Any]:
    """The notebook in ``text`` (nbformat 4 JSON), checked against what nbformat 4.5 requires
    of the parts this extension reads; a notebook with stored outputs is refused, since the
    page shows the outputs of the build's own run."""
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not JSON ({error})") from error
    if not isinstance(notebook, dict):
        raise NotebookError("not a JSON object")
    missing = {"cells", "metadata", "nbformat", "nbformat_minor"} - notebook.keys()
    if missing:
        raise NotebookError(f"no {', '.join(sorted(missing))}")
    if notebook["nbformat"] != 4 or not isinstance(notebook["nbformat_minor"], int):
        raise NotebookError(f"nbformat {notebook['nbformat']!r}: nbformat 4 is read")
    if not isinstance(notebook["cells"], list) or not isinstance(notebook["metadata"], dict):
        raise NotebookError("cells must be a list and metadata an object")
    ids = set()
    for number, cell in enumerate(notebook["cells"], 1):
        check_cell(cell, number, minor=notebook["nbformat_minor"])
        if "id" in cell:
            if cell["id"] in ids:
                raise NotebookError(f"id {cell['id']!r} used twice", cell=number)
            ids.add(cell["id"])
    return notebook


def check_cell(cell: object, number: int, *, minor: int) -> None:
    """Refuse a cell that is not a markdown, code or raw cell as nbformat 4 describes it."""
    if not isinstance(cell, dict):
        raise NotebookError("not a JSON object", cell=number)
    kind = cell.get("cell_type")
    if kind not in ("markdown", "code", "raw"):
        raise NotebookError(f"cell_type {kind!r}: markdown, code or raw are read", cell=number)
    required = {"cell_type", "metadata", "source"} | ({"id"} if minor >= 5 else set())
    if kind == "code":
        required |= {"outputs", "execution_count"}
    missing = required - cell.keys()
    if missing:
        raise NotebookError(f"no {', '.join(sorted(missing))}", cell=number)
    source = cell["source"]
    if not (isinstance(source, str) or all(isinstance(line, str) for line in source)):
        raise NotebookError("source must be a string or a list of strings", cell=number)
    if "id" in cell and not re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", str(cell["id"])):
        raise NotebookError(f"id {cell['id']!r}: 1 to 64 letters, digits, - or _", cell=number)
    if kind == "code" and (cell["outputs"] or cell["execution_count"] is not None):
        raise NotebookError("stored outputs: the notebook is kept without them", cell=number)


# -- running -----------------------------------------------------------------------------------


def run(notebook: Mapping[str, Any], namespace: Mapping[str, Any] | None = None) -> list[Ran]:
    """Run the notebook's code cells in order in one namespace, as a fresh Jupyter kernel
    would (starting with the names in ``namespace``, if given), and give each one's outputs.
    A cell that raises stops the run with a :class:`NotebookError` naming it, the exception
    chained."""
    namespace = {"__name__": "__main__", **(namespace or {})}
    ran = []
    for number, cell in enumerate(notebook["cells"], 1):
        if cell["cell_type"] == "code":
            source = source_of(cell)
            ran.append(Ran(number, source, run_cell(source, number, namespace)))
    return ran


def run_cell(source: str, number: int, namespace: dict[str, Any]) -> tuple[Output, ...]:
    """Run ``source`` in ``namespace``; what it shows: what it printed, then its value."""
    filename = f"<notebook cell {number}>"
    printed = io.StringIO()
    try:
        tree = ast.parse(source, filename)
        last = tree.body[-1] if tree.body else None
        if isinstance(last, ast.Expr):
            tree.body.pop()
        with contextlib.redirect_stdout(printed):
            exec(compile(tree, filename, "exec"), namespace)
            value = None
            if isinstance(last, ast.Expr):
                value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)
            shown = None if value is None or source.rstrip().endswith(";") else display(value)
    except Exception as error:
        told = "".join(traceback.format_exception_only(type(error), error)).strip()
        raise NotebookError(f"raised {told}", cell=number) from error
    stream = Output("stream", printed.getvalue()) if printed.getvalue() else None
    return tuple(output for output in (stream, shown) if output is not None)


def display(value: object) -> Output:
    """``value`` as Jupyter shows it: its ``_repr_html_()`` if it has one that gives HTML,
    else its ``repr``. (A class is shown by its ``repr``, as IPython does.)"""
    method = None if isinstance(value, type) else getattr(value, "_repr_html_", None)
    if callable(method):
        page = method()
        if page is not None:
            return Output("html", str(page))
    return Output("text", repr(value))


# -- converting --------------------------------------------------------------------------------


def notebook_to_rst(notebook: Mapping[str, Any], ran: Sequence[Ran], *, download: str) -> str:
    """The page: each markdown cell converted, each code cell as a Python block followed by
    its outputs, and under the title a line linking to the notebook itself (``download``: its
    file name, beside the page)."""
    outputs = {r.cell: r.outputs for r in ran}
    blocks: list[str] = []
    for number, cell in enumerate(notebook["cells"], 1):
        source = source_of(cell)
        if cell["cell_type"] == "markdown":
            blocks.extend(markdown_to_rst(source, cell=number))
        elif cell["cell_type"] == "code" and source.strip():
            blocks.append(directive("code-block", "python", source, css="notebook-input"))
            blocks.extend(output_to_rst(output) for output in outputs.get(number, ()))
    titles = [i for i, block in enumerate(blocks) if re.search(r"\n=+\Z", block)]
    blocks.insert(
        titles[0] + 1 if titles else 0,
        "This page is a Jupyter notebook, run when the documentation was built "
        f"(:download:`download it <{download}>`).",
    )
    return "\n\n".join(blocks) + "\n"


def directive(name: str, argument: str, content: str, *, css: str | None = None) -> str:
    """A reStructuredText directive with ``content`` indented under it."""
    head = f".. {name}:: {argument}".rstrip()
    options = "" if css is None else f"\n   :class: {css}"
    body = "\n".join(f"   {line}" if line.strip() else "" for line in content.splitlines())
    return f"{head}{options}\n\n{body}"


def output_to_rst(output: Output) -> str:
    if output.kind == "html":
        page = f'<div class="notebook-output">\n{output.content}\n</div>'
        return directive("raw", "html", page)
    return directive("code-block", "none", output.content.rstrip("\n"), css="notebook-output")


_HEADING = re.compile(r"(#{1,6})\s+(.+?)\s*#*\s*")
_BULLET = re.compile(r"[-*+]\s+(.*)")
_NUMBERED = re.compile(r"\d+[.)]\s+(.*)")
#: Block constructs Markdown has and the conversion does not, at the start of a line.
_UNSUPPORTED_BLOCKS = [
    (re.compile(r"\s*(```|~~~)"), "fenced code: put code in a code cell"),
    (re.compile(r"\s*>"), "block quotes are not converted"),
    (re.compile(r"\s*\|"), "tables are not converted"),
    (re.compile(r"\s*(=+|-+|\*\*\*+|___+)\s*$"), "setext headings and rules: use # headings"),
    (re.compile(r"( {4}|\t)\S"), "lines indented four spaces (code, in Markdown)"),
    (re.compile(r"\s+([-*+]|\d+[.)])\s"), "nested lists are not converted"),
]
#: Inline constructs Markdown has and the conversion does not, in the text between markup.
_UNSUPPORTED_INLINE = [
    (re.compile(r"<[a-zA-Z!/]"), "HTML and <autolinks> are not converted"),
    (re.compile(r"\\"), "backslash escapes are not converted"),
    (re.compile(r"(?<!\w)_(?=\S)"), "_emphasis_: use *emphasis*"),
    (re.compile(r"[*`]"), "a * or ` that opens no markup"),
    (re.compile(r"\]\("), "a link not converted (a space in its target?)"),
]


def markdown_to_rst(text: str, *, cell: int) -> list[str]:
    """The reStructuredText blocks of the Markdown ``text``.

    Converted: ``#``, ``##`` and ``###`` headings; paragraphs; lists, by ``-``, ``*`` or ``+``
    or numbered, one level, their lines joined; inline ``code``, ``**strong**``, ``*emphasis*``
    and ``[links](target)``: a target with a scheme (``https:``) links out, and any other is a
    page of these docs (``howto/standings``), checked by Sphinx. Anything else that Markdown
    would render differently is refused with a :class:`NotebookError`.
    """
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    marker = ""

    def flush() -> None:
        nonlocal marker
        if paragraph:
            blocks.append(inline(" ".join(paragraph), cell=cell))
            paragraph.clear()
        if items:
            blocks.append(
                "\n".join(f"{marker} {inline(' '.join(item), cell=cell)}" for item in items)
            )
            items.clear()
            marker = ""

    for line in text.splitlines():
        for pattern, reason in _UNSUPPORTED_BLOCKS:
            if pattern.match(line):
                raise NotebookError(f"Markdown {line.strip()!r}: {reason}", cell=cell)
        heading = _HEADING.fullmatch(line)
        listed = _BULLET.fullmatch(line) or _NUMBERED.fullmatch(line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            level, title = len(heading.group(1)), inline(heading.group(2), cell=cell)
            if level not in UNDERLINES:
                raise NotebookError(f"heading {line.strip()!r}: #, ## or ### only", cell=cell)
            blocks.append(f"{title}\n{UNDERLINES[level] * len(title)}")
        elif listed:
            kind = "-" if listed.re is _BULLET else "#."
            if paragraph or kind != marker:
                flush()
            marker = kind
            items.append([listed.group(1)])
        elif items:
            items[-1].append(line.strip())
        else:
            paragraph.append(line.strip())
    flush()
    return blocks


_INLINE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\]]+)\]\((?P<target>[^)\s]+)\)"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*\s][^*]*)\*"
)
#: What reStructuredText would read as the start of a block (a list, an enumeration, a
#: comment or directive, a field, a quote) at the start of a paragraph or list item.
_BLOCK_START = re.compile(r"[-+*#.:|>(\[]|\w+[.)](\s|$)")


def inline(text: str, *, cell: int) -> str:
    """Markdown's inline markup in ``text`` as reStructuredText, other text escaped."""
    parts = []
    end = 0
    for found in [*_INLINE.finditer(text), None]:
        start = len(text) if found is None else found.start()
        plain = text[end:start]
        for pattern, reason in _UNSUPPORTED_INLINE:
            if pattern.search(plain):
                raise NotebookError(f"Markdown {text!r}: {reason}", cell=cell)
        plain = escape(plain)
        if end == 0 and _BLOCK_START.match(plain):
            plain = "\\" + plain
        parts.append(plain)
        if found is None:
            break
        # Inline markup must stand apart from the words around it; an escaped space does so
        # and shows nothing ("``om.History``\ s").
        before, after = text[start - 1 : start], text[found.end() : found.end() + 1]
        parts.append(
            ("\\ " if before.strip() else "")
            + inline_markup(found, cell=cell)
            + ("\\ " if after.strip() else "")
        )
        end = found.end()
    return "".join(parts)


def inline_markup(found: re.Match[str], *, cell: int) -> str:
    """One piece of inline markup as reStructuredText."""
    if found["code"] is not None:
        code = found["code"]
        if code != code.strip():
            raise NotebookError(f"inline code {code!r} starts or ends with a space", cell=cell)
        return f"``{code}``"
    if found["strong"] is not None:
        return f"**{escape(found['strong'])}**"
    if found["em"] is not None:
        return f"*{escape(found['em'])}*"
    label, target = found["label"], found["target"]
    if found.string[found.start() - 1 : found.start()] == "!":
        raise NotebookError(f"image {label!r}: images are not converted", cell=cell)
    if re.search(r"[<>`*\\]", label):
        raise NotebookError(f"link text {label!r}: plain text only", cell=cell)
    if re.match(r"[a-z][a-z0-9+.-]*:", target):
        return f"`{label} <{target}>`__"
    return f":doc:`{label} <{target}>`"


def escape(text: str) -> str:
    """Plain text with the characters reStructuredText reads as markup escaped."""
    return re.sub(r"([\\`*_|])", r"\\\1", text)


# -- Sphinx ------------------------------------------------------------------------------------


def setup(app: Sphinx) -> dict[str, Any]:
    """Read ``.ipynb`` sources as notebooks, run at build time."""
    from sphinx.errors import SphinxError
    from sphinx.parsers import RSTParser

    class NotebookBuildError(SphinxError):
        """Stops the build: Sphinx prints its category and message, with the cell."""

        category = "Notebook error"

    class NotebookParser(RSTParser):
        """Runs the notebook and parses the page made from it."""

        supported = ("jupyter_notebook",)

        def parse(self, inputstring: Any, document: Any) -> None:
            source = document["source"]
            try:
                notebook = load(str(inputstring))
                page = notebook_to_rst(notebook, run(notebook), download=PurePath(source).name)
            except NotebookError as error:
                raise NotebookBuildError(f"{source}: {error}") from error
            super().parse(page, document)

    def add_static(app: Sphinx, config: Any) -> None:
        config.html_static_path.append(str(STATIC))

    app.add_source_suffix(".ipynb", "jupyter_notebook")
    app.add_source_parser(NotebookParser)
    app.connect("config-inited", add_static)
    app.add_css_file("notebook.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

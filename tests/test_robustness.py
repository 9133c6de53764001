"""Robustness: hostile input, nothing lost, reading that streams, objects that cannot change.

The suite of the issue "Measured speed and hostile input", in five parts:

1. Fuzzing. Real and mutated rows (garbage cells, bytes that are not UTF-8, NUL, huge cells,
   wrong widths, impossible dates, unknown URNs, byte-order marks, CRLF and lone CR, blank
   lines, an unbalanced quote) go into :func:`~ofstedmodel.io.read_d2i_history` and
   :func:`~ofstedmodel.io.read_csv` through real files; real documents with random edits go
   into :func:`~ofstedmodel.io.from_json`; values of every wrong type go into every
   constructor and every public function. Only the library's own errors may come out, a
   reader in ``errors="collect"`` mode loses no row, and every problem points at a row of
   the file.
2. The CSV the library writes never starts a cell with a formula character, and reads back
   to the same text.
3. Reading streams: the readers need nothing but line iteration, and their memory does not
   grow with the text they read.
4. Every public object refuses every way of changing it.
5. Regression tests for the bugs this suite found (each was a strict ``xfail`` until fixed).

``test_bad_input.py`` already sends arbitrary values to the constructors and parsers, and the
``test_io_*`` files fuzz one cell or a few bytes of one file at a time; this file adds what
they do not: whole files of mixed hostile rows whose number of rows is known independently,
the functions above the things of the domain, the readers' and writers' other arguments, the
plot functions, and values those files never generate (library objects in the wrong place,
10,000-character text, NaN, ints of thousands of digits, numpy and pandas values).
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import csv
import datetime as dt
import decimal
import enum
import fractions
import gc
import io
import json
import math
import operator
import os
import random
import re
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel import strategies as oms
from ofstedmodel.io import (
    LoadResult,
    Problem,
    from_dataframe,
    from_json,
    read_csv,
    read_d2i_history,
    read_ofsted_outcomes,
    to_dataframe,
    to_json,
    write_csv,
)

DATA = Path(__file__).parent / "data"
ROOT_RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
D2I_FILE = DATA / "d2i-ilacs-history.csv"

# Every line of the real D2I file is one record: test_the_sample_rows_are_whole_records.
D2I_LINES = D2I_FILE.read_text(encoding="utf-8").splitlines()
D2I_HEADER = next(csv.reader([D2I_LINES[0]]))
D2I_RAW_ROWS = D2I_LINES[1:]
D2I_ROWS = [next(csv.reader([line])) for line in D2I_RAW_ROWS]

REGISTER = datasets.register()
HISTORIES = datasets.histories()
ROTHERHAM = HISTORIES["372"]
AS_AT = dt.date(2024, 3, 31)
# Rotherham and its statistical neighbours: enough for peers(), small enough to be quick.
POPULATION = {
    code: HISTORIES[code]
    for code in (ROTHERHAM.council.la_code, *ROTHERHAM.council.statistical_neighbours)
}

REFUSED = (attrs.exceptions.FrozenInstanceError, AttributeError, TypeError)
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends of a file opened with newline=""
FIELD_LIMIT = csv.field_size_limit()
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HUGE_INT = 10**4300  # 4,301 digits: past Python's limit on converting an int to text


def serialise(cells: list[str]) -> str:
    """One CSV record without its line end, quoted as :mod:`csv` quotes. (With "\\r\\n" as
    the writer's terminator, so that a lone "\\r" in a cell is quoted too: the writer quotes
    the characters of its own line terminator only.)"""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()[:-2]


def own_csv_text(histories: object) -> str:
    out = io.StringIO()
    write_csv(histories, out)
    return out.getvalue()


# The library's own CSV of every bundled history: its header and records.
_OWN_RECORDS = list(csv.reader(io.StringIO(own_csv_text(HISTORIES), newline="")))
OWN_HEADER = _OWN_RECORDS[0]
OWN_ROWS = _OWN_RECORDS[1:]
OWN_RAW_ROWS = [serialise(row) for row in OWN_ROWS]


def capped(examples: int) -> int:
    """At most ``examples``, and no more than the profile's (``dev`` 60, ``ci`` 400)."""
    return min(settings.default.max_examples, examples)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests write their files (module-scoped, which hypothesis allows)."""
    return tmp_path_factory.mktemp("robustness")


def test_the_sample_rows_are_whole_records() -> None:
    # The fuzzers count records by construction: one record per sample row, of full width.
    for header, raw_rows in ((D2I_HEADER, D2I_RAW_ROWS), (OWN_HEADER, OWN_RAW_ROWS)):
        text = "\n".join(raw_rows) + "\n"
        records = list(csv.reader(io.StringIO(text, newline="")))
        assert len(records) == len(raw_rows) == text.count("\n")
        assert {len(record) for record in records} == {len(header)}
    assert len(D2I_RAW_ROWS) == 497
    assert len(OWN_ROWS) == sum(max(len(h), 1) for h in HISTORIES.values())


# == 1. Fuzzing the readers =====================================================================

BAD_DATES = [
    "31/02/2021",
    "29/02/2023",
    "01/01/1900",
    "31/12/2101",
    "00/00/00",
    "32/01/21",
    "1/13/2021",
    "2021-02-31",
    "31 February 2021",
    "February 2021",
    "12/08",
    "99/99/9999",
    "0001-01-01",
    "9999-12-31",
]
ODD_CELLS = [
    "",
    " ",
    "\ufeff",
    "\x00",
    "a\x00b",
    '"',
    '""',
    "'",
    "=1+1",
    "-1",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "good",
    "goood",
    "GOOD",
    "Requires Improvement",
    "RI",
    "5",
    "0",
    "data_unreadable",
    "inspection_pre_dates_judgement",
    "not_reported_post_reform",
    "standard",
    "short",
    "standard short",
    "focused visit",
    "999999999",  # a URN no council has
    "80543",  # Rotherham's URN, in whatever column
    "rotherham",
    "nowhere at all",
    "E08000018",
    "372",
    "ILACS",
    "SIF",
    "true",
    "maybe",
    "\u2028",
    "\x85",
    "\x0b\x0c\x1c",
    "NaN",
    "1e308",
    "9" * 400,
]
NOT_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3", b"\xc3(", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"]


def from_bytes(data: bytes) -> str:
    """Bytes as the readers see them: UTF-8, any other byte kept as a surrogate."""
    return data.decode("utf-8", "surrogateescape")


_text_cells = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
HOSTILE_CELLS = st.one_of(
    _text_cells,
    st.sampled_from(BAD_DATES + ODD_CELLS),
    st.binary(min_size=1, max_size=8).map(from_bytes),
    st.tuples(_text_cells, st.sampled_from(NOT_UTF8).map(from_bytes), _text_cells).map("".join),
)
# Long (read as a date or a grade, slowly) and huge (past the csv module's field limit, the
# largest 1 MB). At most one to a file: they are slow to make.
BIG_CELLS = st.sampled_from([20_000, FIELD_LIMIT + 1, 1_000_000]).map(lambda n: "x" * n)
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


@attrs.frozen
class Pools:
    """The rows a fuzzed file is made of: real rows as cells, as text, and as text without
    quotes (which bytes can be mutated without changing where a record ends), and rows of
    another format."""

    rows: list[list[str]]
    raw: list[str]
    unquoted: list[str]
    foreign: list[str]
    targets: list[tuple[int, list[str]]]  # columns, and the bad values most likely to hurt


_UNKNOWN_URNS = ["999999999", "0", "80543x", " ", "", "-1", "80 543", "\u0668\u0660"]
D2I_POOLS = Pools(
    D2I_ROWS,
    D2I_RAW_ROWS,
    [r for r in D2I_RAW_ROWS if '"' not in r],
    OWN_RAW_ROWS,
    [
        *((D2I_HEADER.index(c), BAD_DATES) for c in D2I_HEADER if c.endswith("date")),
        (D2I_HEADER.index("urn"), _UNKNOWN_URNS),
        (D2I_HEADER.index("local_authority"), ["", "nowhere", "rotherham\x00", "bcp"]),
        *((D2I_HEADER.index(c), ODD_CELLS) for c in D2I_HEADER if c.endswith("grade")),
    ],
)
OWN_POOLS = Pools(
    OWN_ROWS,
    OWN_RAW_ROWS,
    [r for r in OWN_RAW_ROWS if '"' not in r],
    D2I_RAW_ROWS,
    [
        *((OWN_HEADER.index(c), BAD_DATES) for c in ("published", "start", "end", "created")),
        (OWN_HEADER.index("urn"), _UNKNOWN_URNS),
        (OWN_HEADER.index("la_code"), ["999", "12", "0372", "", "37\x002"]),
        (OWN_HEADER.index("kind"), ["", "JTAI", "jtai", "ILACS_SHORT ", "SIF_INSPECTION"]),
        (OWN_HEADER.index("overall_effectiveness"), ODD_CELLS),
    ],
)

# Bytes never inserted: a quote or a line end would change where records end.
_STRUCTURE = b'"\r\n'


def mutate_bytes(draw: st.DrawFn, line: str) -> str:
    """``line`` (which has no quote) with bytes inserted and spans deleted: any bytes but a
    quote or a line end, so it stays one record; never emptied, so it stays a record."""
    data = bytearray(line.encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        if data and draw(st.booleans()):
            del data[at : at + draw(st.integers(1, 8))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=4)).translate(None, _STRUCTURE)
    return from_bytes(bytes(data)) or "x"


@st.composite
def records(draw: st.DrawFn, pools: Pools) -> str:
    """One record without its line end: a real row as it is, with a bad value where it hurts
    most, with cells replaced by hostile ones, with cells missing or extra, or with bytes
    mutated; a row of another format; hostile cells alone; or ``""``, a blank line. Never a
    record the generator cannot count: cells with line ends are quoted, and a mutated row
    never gains a quote or a line end."""
    kinds = ["real", "targeted", "cells", "width", "garbage", "bytes", "foreign", "blank"]
    kind = draw(st.sampled_from(kinds))
    if kind == "real":
        return draw(st.sampled_from(pools.raw))
    if kind == "foreign":
        return draw(st.sampled_from(pools.foreign))
    if kind == "blank":
        return ""
    if kind == "bytes":
        return mutate_bytes(draw, draw(st.sampled_from(pools.unquoted)))
    if kind == "garbage":
        cells = draw(st.lists(HOSTILE_CELLS, min_size=1, max_size=20))
    else:
        cells = list(draw(st.sampled_from(pools.rows)))
        if kind == "targeted":  # a bad date, an unknown URN, a bad grade, ...
            column, values = draw(st.sampled_from(pools.targets))
            cells[column] = draw(st.sampled_from(values))
        elif kind == "cells":
            chosen = st.sets(st.integers(0, len(cells) - 1), min_size=1, max_size=3)
            for index in draw(chosen):
                cells[index] = draw(HOSTILE_CELLS)
        else:  # "width": cells missing or extra
            count = draw(st.integers(1, 3))
            if draw(st.booleans()):
                del cells[-count:]
            else:
                cells += draw(st.lists(HOSTILE_CELLS, min_size=count, max_size=count))
    return serialise(cells)  # never "": a lone empty cell is written '""'


@attrs.frozen(repr=False)
class HostileFile:
    """A generated file: its bytes, the line each record after the header starts on (blank
    lines excluded), the line the header starts on, and whether a cell is past the limit."""

    data: bytes
    starts: tuple[int, ...]
    header_line: int
    huge: bool

    def __repr__(self) -> str:  # a failing example is shown without its megabyte of "x"
        data = re.sub(r"x{100,}", lambda m: f"<{len(m.group())} x>", repr(self.data))
        return f"HostileFile({data}, starts={self.starts}, header_line={self.header_line})"


@st.composite
def hostile_files(
    draw: st.DrawFn, pools: Pools, header: st.SearchStrategy[list[str]] | None = None
) -> HostileFile:
    """A file of real, mutated and garbage records after a header, with blank lines and mixed
    line ends; maybe a byte-order mark, a long or huge cell, and a last record with an
    unbalanced quote."""
    if header is not None:
        header_cells = draw(header)
    else:
        header_cells = D2I_HEADER if pools is D2I_POOLS else OWN_HEADER
    body = draw(st.lists(records(pools), max_size=25))
    huge = False
    if draw(st.integers(0, 3)) == 0:
        # A real row with one cell long or huge. It has no line end in it: it must be one line
        # to stay one record, as the csv module stops reading a record at a field past its
        # limit and starts the next at the next line.
        cells = list(draw(st.sampled_from(pools.rows)))
        big = draw(BIG_CELLS)
        cells[draw(st.integers(0, len(cells) - 1))] = big
        huge = len(big) >= FIELD_LIMIT
        body.insert(draw(st.integers(0, len(body))), serialise(cells))
    pieces = [draw(LINE_ENDS) for _ in range(draw(st.integers(0, 2)))]  # blank lines
    header_start = sum(map(len, pieces))
    pieces.append(serialise(header_cells))
    offset = header_start + len(pieces[-1])
    starts: list[int] = []
    for record in body:
        pieces.append(draw(LINE_ENDS))
        offset += len(pieces[-1])
        if record:
            starts.append(offset)
        pieces.append(record)
        offset += len(record)
    if draw(st.booleans()):
        pieces.append(draw(LINE_ENDS))
        offset += len(pieces[-1])
    if draw(st.integers(0, 4)) == 0:
        # A quote opened at the start of a cell and never closed: the rest of the file is that
        # cell, so it must be the last record to be one record.
        if not pieces[-1].endswith(("\n", "\r")):
            pieces.append(draw(LINE_ENDS))
            offset += len(pieces[-1])
        row = draw(st.sampled_from(pools.raw))
        at = draw(st.sampled_from([0, *(m.end() for m in re.finditer(",", row))]))
        starts.append(offset)
        pieces.append(row[:at] + '"' + row[at:] + draw(st.sampled_from(["", "\n", "\r\n"])))
    text = "".join(pieces)
    # The line a character is on: one more than the line ends before it (no record starts
    # between the two characters of a "\r\n": none starts with "\n").
    ends = [m.end() for m in LINE_BREAK.finditer(text)]
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return HostileFile(
        bom + text.encode("utf-8", "surrogateescape"),
        tuple(1 + bisect.bisect_right(ends, start) for start in starts),
        1 + bisect.bisect_right(ends, header_start),
        huge,
    )


def csv_module_records(data: bytes) -> int:
    """The records after the header that :mod:`csv` finds in ``data`` (blank lines left out):
    a check that the generator's own count is right."""
    text = data.decode("utf-8-sig", "surrogateescape")
    return sum(1 for record in csv.reader(io.StringIO(text, newline="")) if record) - 1


def assert_every_row_accounted(result: LoadResult, path: Path, file: HostileFile) -> None:
    """Rows read = records written = rows kept + rows reported; every problem and note is on a
    line where a record starts, and renders."""
    assert result.rows == len(file.starts), (result.rows, len(file.starts))
    assert result.rows == result.kept + result.reported
    starts = set(file.starts)
    for problem in (*result.problems, *result.notes):
        assert isinstance(problem, Problem)
        assert problem.file == str(path)
        assert problem.line in starts, (problem, sorted(starts))
        assert problem.column is None or isinstance(problem.column, str)
        assert problem.value is None or isinstance(problem.value, str)
        assert isinstance(problem.reason, str)
        assert problem.reason
        assert str(problem).startswith(f"{path}:{problem.line}:")


def assert_raise_mode_agrees(
    read: Callable[..., LoadResult], path: Path, collected: LoadResult
) -> None:
    """``errors="raise"`` raises the first problem ``"collect"`` found, or reads the same."""
    if collected.problems:
        with pytest.raises(om.LoadError) as info:
            read(path, errors="raise")
        assert info.value.problem == collected.problems[0]
    else:
        assert read(path, errors="raise") == collected


def read_d2i(path: object, errors: str = "collect") -> LoadResult:
    return read_d2i_history(path, REGISTER, errors=errors)


_FUZZ_FILES = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)


@_FUZZ_FILES
@given(file=hostile_files(D2I_POOLS))
def test_d2i_reader_keeps_or_reports_every_row_of_a_hostile_file(
    workdir: Path, file: HostileFile
) -> None:
    path = workdir / "d2i.csv"
    path.write_bytes(file.data)
    if not file.huge:
        assert csv_module_records(file.data) == len(file.starts)  # the generator is right
    result = read_d2i(path)
    assert_every_row_accounted(result, path, file)
    assert result.kept == sum(len(history) for history in result.histories.values())
    assert_raise_mode_agrees(read_d2i, path, result)


@_FUZZ_FILES
@given(file=hostile_files(OWN_POOLS))
def test_own_csv_reader_keeps_or_reports_every_row_of_a_hostile_file(
    workdir: Path, file: HostileFile
) -> None:
    path = workdir / "own.csv"
    path.write_bytes(file.data)
    if not file.huge:
        assert csv_module_records(file.data) == len(file.starts)
    result = read_csv(path, errors="collect")
    assert_every_row_accounted(result, path, file)
    # A row of a council with no inspections is kept without adding one.
    assert result.kept >= sum(len(history) for history in result.histories.values())
    assert_raise_mode_agrees(read_csv, path, result)


@st.composite
def hostile_headers(draw: st.DrawFn, header: list[str]) -> list[str]:
    cells = list(header)
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(["drop", "twice", "replace", "insert"]))
        at = draw(st.integers(0, len(cells) - 1)) if cells else 0
        if edit == "drop" and cells:
            del cells[at]
        elif edit == "twice" and cells:
            cells.insert(at, cells[draw(st.integers(0, len(cells) - 1))])
        elif edit == "replace" and cells:
            cells[at] = draw(HOSTILE_CELLS | BIG_CELLS)
        else:
            cells.insert(at, draw(HOSTILE_CELLS))
    return cells or [""]


@_FUZZ_FILES
@given(
    which=st.sampled_from(["d2i", "own"]),
    data=st.data(),
)
def test_a_hostile_header_is_the_only_fatal_problem(
    workdir: Path, which: str, data: st.DataObject
) -> None:
    pools, header = (D2I_POOLS, D2I_HEADER) if which == "d2i" else (OWN_POOLS, OWN_HEADER)
    file = data.draw(hostile_files(pools, hostile_headers(header)))
    path = workdir / f"header-{which}.csv"
    path.write_bytes(file.data)

    def read(source: object, errors: str = "collect") -> LoadResult:
        if which == "d2i":
            return read_d2i(source, errors)
        return read_csv(source, errors=errors)

    fatal: Problem | None = None
    try:
        result = read(path)
    except om.LoadError as error:
        fatal = error.problem
    if fatal is not None:
        # Collect mode gives up only on the header: no row can be read without it.
        assert fatal.line == file.header_line, (fatal, file.header_line)
        assert fatal.file == str(path)
        with pytest.raises(om.LoadError) as raised:
            read(path, errors="raise")
        assert raised.value.problem == fatal
        return
    assert_every_row_accounted_or_header_notes(result, path, file)
    assert_raise_mode_agrees(read, path, result)


def assert_every_row_accounted_or_header_notes(
    result: LoadResult, path: Path, file: HostileFile
) -> None:
    """As :func:`assert_every_row_accounted`, but a note may be on the header line (the own
    format notes a column it does not know)."""
    header_notes = [n for n in result.notes if n.line == file.header_line]
    rest = attrs.evolve(result, notes=[n for n in result.notes if n.line != file.header_line])
    assert_every_row_accounted(rest, path, file)
    for note in header_notes:
        assert note.file == str(path)
        assert note.reason


def test_a_file_that_is_only_a_byte_order_mark_or_blank_lines(workdir: Path) -> None:
    for content in (b"", b"\xef\xbb\xbf", b"\n\r\n\r", b"\xef\xbb\xbf\r\n"):
        path = workdir / "empty.csv"
        path.write_bytes(content)
        for read in (read_d2i, lambda p, errors="collect": read_csv(p, errors=errors)):
            with pytest.raises(om.LoadError, match="the file is empty") as info:
                read(path)
            assert info.value.problem.line is None


# -- from_json ----------------------------------------------------------------------------------

JSON_DOCUMENTS = [
    to_json({code: HISTORIES[code] for code in ("372", "836", "839", "909", "926")}),
    to_json(list(datasets.councils())[:40]),
    to_json(ROTHERHAM),
    to_json(ROTHERHAM.inspections[1]),
    to_json(ROTHERHAM.council),
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        ["SIF", "ILACS_SHORT", "GOOD", "ADEQUATE", "2018-01-29", "2018-02-30", "372"]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELD_NAMES = ["council", "name", "la_code", "judgements", "grade", "category", "published", "kind"]


def json_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every node below the root of a JSON value."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += json_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += json_paths(item, (*path, index))
    return found


def json_node(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def edit_json(document: Any, data: st.DataObject) -> None:
    """One random edit of ``document``: a key deleted or renamed, a value replaced by one of
    any type, or two values swapped."""
    paths = json_paths(document)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    parent, key = json_node(document, path[:-1]), path[-1]
    edit = data.draw(st.sampled_from(["delete", "rename", "replace", "swap"]))
    if edit == "delete":
        del parent[key]
    elif edit == "rename" and isinstance(parent, dict):
        new = data.draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=8))
        parent[new] = parent.pop(key)
    elif edit == "swap":
        others = [p for p in paths if p[: len(path)] != path and path[: len(p)] != p]
        if others:
            other = data.draw(st.sampled_from(others))
            other_parent = json_node(document, other[:-1])
            parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
    else:
        parent[key] = data.draw(JSON_VALUES)


@settings(deadline=None)
@given(text=st.sampled_from(JSON_DOCUMENTS), data=st.data())
def test_edited_real_json_loads_soundly_or_raises_load_error(
    text: str, data: st.DataObject
) -> None:
    document = json.loads(text)
    for _ in range(data.draw(st.integers(1, 4))):
        edit_json(document, data)
    mangled = json.dumps(document)
    ending = data.draw(st.sampled_from(["whole", "truncated", "spliced"]))
    at = data.draw(st.integers(0, len(mangled)))
    if ending == "truncated":
        mangled = mangled[:at]
    elif ending == "spliced":
        mangled = mangled[:at] + data.draw(st.text(max_size=10)) + mangled[at:]
    source: str | bytes = mangled
    if data.draw(st.booleans()):
        source = mangled.encode("utf-8") + data.draw(st.sampled_from([b"", b"\xff", b"\x00"]))
    try:
        value = from_json(source)
    except om.LoadError as error:
        problem, message = error.problem, str(error)
    else:
        assert from_json(to_json(value)) == value  # whatever loads is a sound object
        return
    assert isinstance(problem, Problem)
    assert problem.line is None
    assert message == str(problem)


def _with_council_name(raw: str) -> str:
    """Rotherham's history as a JSON document whose council name is ``raw`` JSON text."""
    document = json.loads(to_json(ROTHERHAM))
    document["data"]["council"]["name"] = "PLACEHOLDER"
    return json.dumps(document).replace('"PLACEHOLDER"', raw)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        "9" * 5_000,
        _with_council_name("[" * 900 + "]" * 900),
        _with_council_name('{"":' * 900 + "1" + "}" * 900),
        _with_council_name("9" * 5_000),
        _with_council_name("NaN"),
        _with_council_name("-Infinity"),
        _with_council_name("1e999"),
    ],
    ids=[
        "deep-list",
        "deep-object",
        "long-number",
        "deep-list-as-name",
        "deep-object-as-name",
        "long-number-as-name",
        "nan-as-name",
        "infinity-as-name",
        "overflow-as-name",
    ],
)
def test_extreme_json_raises_load_error(text: str) -> None:
    # Values the fuzz above does not make: nesting past the recursion limit, a number past
    # the int-to-text limit, numbers that are not finite.
    with pytest.raises(om.LoadError) as info:
        from_json(text)
    assert isinstance(info.value.problem, Problem)
    assert info.value.problem.line is None


def test_a_megabyte_name_in_json_loads_exactly() -> None:
    history = from_json(_with_council_name('"' + "x" * 1_000_000 + '"'))
    assert history.council.name == "x" * 1_000_000
    assert [i.published for i in history] == [i.published for i in ROTHERHAM]
    assert from_json(to_json(history)) == history


# == 1. Fuzzing every other entry point =========================================================

COUNCIL = ROTHERHAM.council
INSPECTION = ROTHERHAM.inspections[1]
TRAJECTORY = ROTHERHAM.trajectory()
SUMMARY = om.summarise(POPULATION, AS_AT)
SPECIAL_VALUES: list[object] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    3,
    2**31,
    2**63,
    -(2**63),
    2**64,
    10**4299,  # 4,300 digits: the longest int Python will still turn into text
    HUGE_INT,  # one digit more: its repr raises, so messages must not rely on it
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    2.5,
    1e308,
    5e-324,
    decimal.Decimal("NaN"),
    decimal.Decimal("3"),
    fractions.Fraction(7, 2),
    complex(1, 1),
    "",
    " ",
    "\x00",
    "\ufeff",
    "\ud800",
    "x" * 10_000,
    "372",
    " 372 ",
    "E08000018",
    "80543",
    "Rotherham",
    "good",
    "RI",
    "adequate",
    "overall",
    "care leavers",
    "SIF",
    "ILACS",
    "region",
    "kind",
    "quarter",
    "collect",
    "2018-01-29",
    "2018-01-29T10:00",
    "31/02/2021",
    "01/01/1900",
    "2021-02-31",
    "0001-01-01",
    "9999-12-31",
    b"",
    b"372",
    b"\xff",
    bytearray(b"good"),
    (),
    ("372",),
    frozenset({"a"}),
    object(),
    object,
    len,
    range(3),
    dt.date.min,
    dt.date(1900, 1, 1),
    dt.date(2018, 1, 29),
    dt.date.max,
    dt.datetime(2018, 1, 29, 10, 30),
    dt.time(10),
    dt.timedelta(days=1),
    *(next(iter(kind)) for kind in (om.Grade, om.Category, om.Framework, om.InspectionKind)),
    om.Region.LONDON,
    om.Direction.MIXED,
    om.CouncilKind.COUNTY,
    COUNCIL,
    INSPECTION,
    ROTHERHAM,
    INSPECTION.judgements[0],
    TRAJECTORY,
    SUMMARY,
    om.compare(ROTHERHAM.inspections[1], ROTHERHAM.inspections[-1]),
]
_SCALARS = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.binary(max_size=10),
    st.dates(),
    st.datetimes(),
)
HOSTILE = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=3),
    st.tuples(_SCALARS, _SCALARS),
    st.dictionaries(st.text(max_size=5) | st.integers(), _SCALARS, max_size=3),
    st.sets(st.integers() | st.text(max_size=5), max_size=3),
)


# The arguments the fuzz replaces one at a time; valid together (checked below).
COUNCIL_ARGS: dict[str, object] = {"name": "Rotherham", "la_code": "372"}
INSPECTION_ARGS: dict[str, object] = {
    "council": COUNCIL,
    "framework": "SIF",
    "published": dt.date(2014, 11, 19),
    "judgements": {"overall": "inadequate"},
    "kind": "SIF inspection",
    "start": dt.date(2014, 9, 16),
    "end": dt.date(2014, 10, 8),
    "grades_known": True,
    "unknown": (),
    "source": "https://example.invalid",
}


def is_path_text(value: object) -> bool:
    """Whether ``value`` names a file: the fuzz does not write to, or read from, names it made
    up (a missing file is tested in test_io_d2i)."""
    return isinstance(value, (str, bytes, os.PathLike))


def is_hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def is_iterable(value: object) -> bool:
    try:
        iter(value)  # type: ignore[call-overload]
    except TypeError:
        return False
    return True


def in_year_9999(value: object) -> bool:
    """Whether ``value`` is a date in the year 9999, or ISO text of one."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return False
    return isinstance(value, dt.date) and value.year == 9999


def small_indent(value: object) -> bool:
    """An indent json.dumps can use without a huge allocation: None, text or a small int."""
    return value is None or isinstance(value, str) or (isinstance(value, int) and abs(value) <= 100)


def entry_points(workdir: Path) -> list[tuple[str, Callable[[Any], object]]]:
    """Every argument of every public constructor and function, as a call of one value.

    A call returns ``None`` without calling the library for a value that triggers a bug
    recorded in section 5 (the name of its test is given), so that this fuzz stays green
    while still covering every other value.
    """
    out = workdir / "out.csv"
    small_d2i = workdir / "small-d2i.csv"
    small_d2i.write_text("\n".join(D2I_LINES[:6]) + "\n", encoding="utf-8")
    small_own = workdir / "small-own.csv"
    small_own.write_text(own_csv_text(ROTHERHAM), encoding="utf-8")
    small_outcomes = workdir / "small-outcomes.csv"
    outcome_lines = (
        (ROOT_RAW / "ofsted" / "la-outcomes-as-at-2025-03-31.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()
    )
    small_outcomes.write_text("\n".join(outcome_lines[:4]) + "\n", encoding="utf-8")
    calls: list[tuple[str, Callable[[Any], object]]] = []
    for field in ("name", "la_code"):
        calls.append(
            (f"Council({field}=v)", lambda v, f=field: om.Council(**{**COUNCIL_ARGS, f: v}))
        )
    for field in [f.name for f in attrs.fields(om.Council)][2:]:
        calls.append(
            (f"Council({field}=v)", lambda v, f=field: om.Council("Rotherham", "372", **{f: v}))
        )
    calls += [
        ("Judgement(category=v)", lambda v: om.Judgement(v, "good")),
        ("Judgement(grade=v)", lambda v: om.Judgement("adoption", v)),
    ]
    for field in INSPECTION_ARGS:
        calls.append(
            (
                f"Inspection({field}=v)",
                lambda v, f=field: om.Inspection(**{**INSPECTION_ARGS, f: v}),
            )
        )
    calls += [
        ("History(council=v)", lambda v: om.History(v, [])),
        ("History(inspections=v)", lambda v: om.History(COUNCIL, v)),
        ("History(inspections=[v])", lambda v: om.History(COUNCIL, [v])),
        ("History(inspections=[i, v])", lambda v: om.History(COUNCIL, [INSPECTION, v])),
        ("History.as_at(v)", lambda v: ROTHERHAM.as_at(v)),
        ("History.grade_as_at(v)", lambda v: ROTHERHAM.grade_as_at(v)),
        ("History.grade_as_at(d, v)", lambda v: ROTHERHAM.grade_as_at(AS_AT, v)),
        ("History.trajectory(v)", lambda v: ROTHERHAM.trajectory(v)),
        ("History.compare(v)", lambda v: ROTHERHAM.compare(v)),
        ("History.compare(after=v)", lambda v: ROTHERHAM.compare(after=v)),
        ("History.compare(v, v)", lambda v: ROTHERHAM.compare(v, v)),
        ("History.between(v)", lambda v: ROTHERHAM.between(v)),
        ("History.between(end=v)", lambda v: ROTHERHAM.between(end=v)),
        ("History.add(v)", lambda v: ROTHERHAM.add(v)),
        ("Trajectory.first(v)", lambda v: TRAJECTORY.first(v)),
        ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
        ("Trajectory.first(before=v)", lambda v: TRAJECTORY.first(before=v)),
        ("Trajectory.last(v)", lambda v: TRAJECTORY.last(v)),
        ("Trajectory.last(before=v)", lambda v: TRAJECTORY.last(before=v)),
        ("Summary.share(v)", lambda v: SUMMARY.share(v)),
        ("compare(v, i)", lambda v: om.compare(v, INSPECTION)),
        ("compare(i, v)", lambda v: om.compare(INSPECTION, v)),
        ("describe(v)", lambda v: om.describe(v)),
        ("summarise(v, d)", lambda v: om.summarise(v, AS_AT)),
        ("summarise(hs, v)", lambda v: om.summarise(POPULATION, v)),
        ("summarise(hs, d, v)", lambda v: om.summarise(POPULATION, AS_AT, v)),
        # A function given as ``by`` is the caller's code: its own errors are its own.
        (
            "summarise(by=v)",
            lambda v: None if callable(v) else om.summarise(POPULATION, AS_AT, by=v),
        ),
        # test_a_group_key_that_cannot_be_hashed_is_refused_with_a_library_error
        (
            "summarise(by=lambda h: v)",
            lambda v: om.summarise(POPULATION, AS_AT, by=lambda h: v) if is_hashable(v) else None,
        ),
        ("series(v, [d])", lambda v: om.series(v, [AS_AT])),
        ("series(hs, v)", lambda v: om.series(POPULATION, v)),
        ("series(hs, [v])", lambda v: om.series(POPULATION, [v])),
        ("series(hs, [d], v)", lambda v: om.series(POPULATION, [AS_AT], v)),
        ("series(by=v)", lambda v: None if callable(v) else om.series(POPULATION, [AS_AT], by=v)),
        ("transitions(v, d)", lambda v: om.transitions(v, AS_AT)),
        ("transitions(hs, v)", lambda v: om.transitions(POPULATION, v)),
        ("transitions(hs, d, v)", lambda v: om.transitions(POPULATION, AS_AT, v)),
        ("transitions(category=v)", lambda v: om.transitions(POPULATION, AS_AT, category=v)),
        ("peers(v, hs, d)", lambda v: om.peers(v, POPULATION, AS_AT)),
        ("peers(h, v, d)", lambda v: om.peers(ROTHERHAM, v, AS_AT)),
        ("peers(h, hs, v)", lambda v: om.peers(ROTHERHAM, POPULATION, v)),
        ("peers(h, hs, d, v)", lambda v: om.peers(ROTHERHAM, POPULATION, AS_AT, v)),
        ("Grade.parse(v)", lambda v: om.Grade.parse(v)),
        ("Category.parse(v)", lambda v: om.Category.parse(v)),
        ("Framework.parse(v)", lambda v: om.Framework.parse(v)),
        ("Framework.for_date(v)", lambda v: om.Framework.for_date(v)),
        ("Framework.label(v)", lambda v: om.Framework.ILACS.label(v)),
        (
            "Framework.label(c, on=v)",
            lambda v: om.Framework.ILACS.label(om.Category.ADOPTION, on=v),
        ),
        ("Framework.categories_on(v)", lambda v: om.Framework.ILACS.categories_on(v)),
        ("Region.parse(v)", lambda v: om.Region.parse(v)),
        ("InspectionKind.parse(v)", lambda v: om.InspectionKind.parse(v)),
        ("CouncilKind.parse(v)", lambda v: om.CouncilKind.parse(v)),
        ("datasets.council(v)", lambda v: datasets.council(v)),
        ("datasets.history(v)", lambda v: datasets.history(v)),
        ("io.to_json(v)", lambda v: to_json(v)),
        # test_to_json_refuses_an_indent_that_is_not_a_whole_number_with_a_library_error
        ("io.to_json(indent=v)", lambda v: to_json(COUNCIL, indent=v) if small_indent(v) else None),
        ("io.from_json(v)", lambda v: from_json(v)),
        ("io.write_csv(v, path)", lambda v: write_csv(v, out)),
        ("io.write_csv(h, v)", lambda v: None if is_path_text(v) else write_csv(ROTHERHAM, v)),
        ("io.read_csv(v)", lambda v: None if is_path_text(v) else read_csv(v)),
        ("io.read_csv(errors=v)", lambda v: read_csv(small_own, errors=v)),
        ("io.read_d2i_history(v)", lambda v: None if is_path_text(v) else read_d2i_history(v)),
        (
            "io.read_d2i_history(lookup=v)",
            lambda v: read_d2i_history(small_d2i, v, errors="collect"),
        ),
        ("io.read_d2i_history(errors=v)", lambda v: read_d2i_history(small_d2i, errors=v)),
        (
            "io.read_ofsted_outcomes(v)",
            lambda v: None if is_path_text(v) else read_ofsted_outcomes(v),
        ),
        (
            "io.read_ofsted_outcomes(lookup=v)",
            lambda v: read_ofsted_outcomes(small_outcomes, v, errors="collect"),
        ),
        (
            "io.read_ofsted_outcomes(errors=v)",
            lambda v: read_ofsted_outcomes(small_outcomes, errors=v),
        ),
        (
            "io.read_ofsted_outcomes(sheet=v)",
            lambda v: read_ofsted_outcomes(small_outcomes, sheet=v),
        ),
        ("io.to_dataframe(v)", lambda v: to_dataframe(v)),
        ("io.from_dataframe(v)", lambda v: from_dataframe(v)),
    ]
    return calls


DESCRIBABLE = (
    om.Change,
    om.Comparison,
    om.Trajectory,
    om.History,
    om.Summary,
    om.Transitions,
    om.Peers,
)


def safe_repr(value: object) -> str:
    try:
        return repr(value)[:200]
    except Exception:  # a value too big to show is still named
        return f"<{type(value).__name__}>"


def call_expecting_library_errors(
    name: str, call: Callable[[Any], object], value: object
) -> object:
    """Call; let only :class:`~ofstedmodel.OfstedModelError` out, and check that it renders.
    Whatever is returned that describe() takes, describe() must take."""
    try:
        result = call(value)
    except om.OfstedModelError as error:
        message = str(error)
    except Exception as error:
        raise AssertionError(
            f"{name} with {safe_repr(value)} let {type(error).__name__} escape: {error}"
        ) from error
    else:
        message = None
    if message is not None:
        assert message, f"{name}: an error with no message for {safe_repr(value)}"
        return None
    if isinstance(result, DESCRIBABLE) or isinstance(result, om.GroupedSummary):
        assert isinstance(om.describe(result), str)
    return result


@pytest.fixture(scope="module")
def entries(workdir: Path) -> list[tuple[str, Callable[[Any], object]]]:
    return entry_points(workdir)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE)
def test_every_argument_of_every_entry_point_takes_hostile_values(
    entries: list[tuple[str, Callable[[Any], object]]], value: object
) -> None:
    for name, call in entries:
        call_expecting_library_errors(name, call, value)


def test_the_entry_points_cover_the_public_api(
    entries: list[tuple[str, Callable[[Any], object]]],
) -> None:
    # The arguments not replaced are valid, so each call fails, if it does, for the value.
    assert om.Council(**COUNCIL_ARGS).la_code == "372"
    assert om.Inspection(**INSPECTION_ARGS).overall is om.Grade.INADEQUATE
    names = {name.split("(")[0] for name, _ in entries}
    for function in ("compare", "describe", "summarise", "series", "transitions", "peers"):
        assert function in names
    for constructor in ("Council", "Judgement", "Inspection", "History"):
        assert constructor in names
    for io_function in om.io.__all__:
        if io_function not in ("LoadResult", "Problem"):
            assert f"io.{io_function}" in names
    # Every keyword of each constructor is fuzzed.
    fuzzed = {name for name, _ in entries}
    for cls in (om.Council, om.Inspection):
        for field in attrs.fields(cls):
            if field.init:
                assert f"{cls.__name__}({field.name}=v)" in fuzzed


@settings(max_examples=capped(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE, data=st.data())
def test_a_data_frame_with_a_hostile_cell_loads_soundly_or_raises_a_library_error(
    value: object, data: st.DataObject
) -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe([ROTHERHAM, HISTORIES["836"]]).astype(object)
    column = data.draw(st.sampled_from(list(frame.columns)))
    row = data.draw(st.integers(0, len(frame) - 1))
    frame.iat[row, frame.columns.get_loc(column)] = value
    try:
        back = from_dataframe(frame)
    except om.OfstedModelError as error:
        message = str(error)
    else:
        assert all(isinstance(h, om.History) for h in back.values())
        assert from_dataframe(to_dataframe(back)) == back  # whatever loads is sound
        return
    assert message


@pytest.mark.filterwarnings("ignore:No artists with labels:UserWarning")
@settings(max_examples=capped(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE)
def test_the_plot_functions_take_hostile_values(value: object) -> None:
    plot = pytest.importorskip("ofstedmodel.plot")
    pytest.importorskip("matplotlib")
    population = [ROTHERHAM, HISTORIES["370"]]
    calls: list[tuple[str, Callable[[Any], object]]] = [
        ("plot.trajectory(v)", lambda v: plot.trajectory(v)),
        ("plot.trajectory(h, categories=v)", lambda v: plot.trajectory(ROTHERHAM, v)),
        ("plot.trajectory(h, until=v)", lambda v: plot.trajectory(ROTHERHAM, until=v)),
        ("plot.trajectory(h, title=v)", lambda v: plot.trajectory(ROTHERHAM, title=v)),
        ("plot.trajectory(h, figure=v)", lambda v: plot.trajectory(ROTHERHAM, figure=v)),
        ("plot.national(v)", lambda v: plot.national(v, "2023-01-01", "2024-12-31")),
        ("plot.national(start=v)", lambda v: plot.national(population, v, freq="year")),
        (
            "plot.national(end=v)",
            lambda v: plot.national(population, "2018-03-31", v, freq="year"),
        ),
        (
            "plot.national(freq=v)",
            lambda v: plot.national(population, "2023-01-01", "2024-12-31", v),
        ),
        (
            "plot.national(category=v)",
            lambda v: plot.national(population, "2023-01-01", "2024-12-31", category=v),
        ),
        (
            "plot.national(by=v)",
            lambda v: (
                None if callable(v) else plot.national(population, "2023-01-01", "2024-12-31", by=v)
            ),
        ),
        (
            "plot.national(figure=v)",
            lambda v: plot.national(population, "2023-01-01", "2024-12-31", figure=v),
        ),
    ]
    for name, call in calls:
        call_expecting_library_errors(name, call, value)


# == 2. The library's CSV is safe in a spreadsheet and exact ===================================

_DANGEROUS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", "'", "''", " ", '"', ""])
_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
HOSTILE_NAMES = st.tuples(_DANGEROUS, _ANY_TEXT).map("".join).filter(str.strip)
HOSTILE_SOURCES = st.none() | st.tuples(_DANGEROUS, _ANY_TEXT).map("".join)


@st.composite
def hostile_histories(draw: st.DrawFn) -> om.History:
    """A generated history whose council's name and inspections' sources are hostile text."""
    history = draw(oms.histories(max_size=4))
    council = attrs.evolve(history.council, name=draw(HOSTILE_NAMES))
    inspections = [
        attrs.evolve(inspection, council=council, source=draw(HOSTILE_SOURCES))
        for inspection in history.inspections
    ]
    return om.History(council, inspections)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(
        hostile_histories(), min_size=1, max_size=3, unique_by=lambda h: h.council.la_code
    )
)
def test_no_written_cell_starts_a_formula_and_every_text_reads_back_exact(
    workdir: Path, items: list[om.History]
) -> None:
    # test_io_csv checks the name and source of one inspection of a fixed council; this checks
    # every cell of whole generated histories, through a file.
    path = workdir / "formula.csv"
    write_csv(items, path)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == OWN_HEADER
    assert len(rows) == 1 + sum(max(len(h), 1) for h in items)
    for row in rows:
        assert len(row) == len(OWN_HEADER)
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (cell, row)
    result = read_csv(path)  # raise mode: no problem at all
    expected = {h.council.la_code: h for h in items}
    assert dict(result.histories) == expected
    for code, history in expected.items():
        back = result.histories[code]
        assert back.council.name == history.council.name
        assert [i.source for i in back] == [i.source for i in history]  # not part of ==


# == 3. Reading streams ==========================================================================


class LinesOnly(io.TextIOBase):
    """An open text file that gives its lines one at a time and nothing else: ``read()`` and
    ``readlines()`` fail the test, so a reader that takes in the whole file cannot pass."""

    def __init__(self, lines: Iterable[str]) -> None:
        super().__init__()
        self._lines = iter(lines)
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        raise AssertionError("read() called: the reader takes in the whole file")

    def readlines(self, hint: int = -1) -> list[str]:  # type: ignore[override]
        raise AssertionError("readlines() called: the reader takes in the whole file")

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.served += 1
        return line

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return next(self, "")


D2I_HEADER_LINE = (
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,"
    "inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,"
    "impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,"
    "parser_version"
)
GRADE_WORDS = ("outstanding", "good", "requires improvement", "inadequate")
CURRENT = [c for c in datasets.councils() if c.is_current and c.urn]


def valid_d2i_lines(rows: int, pad: int = 1) -> Iterator[str]:
    """A D2I file of ``rows`` distinct ILACS 2018 reports over the current councils, made one
    line at a time (after benchmarks/run.py ``d2i_file``, with no duplicate report: each
    council's n-th report has its own dates). ``pad`` repeats the text of the two columns the
    reader ignores, to make the file wider without changing what is read."""
    rnd = random.Random(2026)
    yield D2I_HEADER_LINE + "\r\n"
    for index in range(rows):
        council = CURRENT[index % len(CURRENT)]
        nth = index // len(CURRENT)
        start = dt.date(2018, 1, 1) + dt.timedelta(days=nth)
        end = start + dt.timedelta(days=11)
        published = end + dt.timedelta(days=40)
        kind = "short" if nth % 2 else "standard"
        grades = ",".join(rnd.choice(GRADE_WORDS) for _ in range(4))
        yield (
            f'{council.urn},"{council.name.lower()}",https://example.invalid/{index},'
            f'"{f"report {index}.pdf " * pad}",{published:%d/%m/%y},{kind},'
            f'"{"An Inspector " * pad}",{start:%d/%m/%Y},{end:%d/%m/%Y},{grades},'
            "inspection_pre_dates_judgement,1\r\n"
        )


STREAM_ROWS = 20_000


def test_the_d2i_reader_streams_lines() -> None:
    stream = LinesOnly(valid_d2i_lines(STREAM_ROWS))  # made as read: the text never exists whole
    result = read_d2i_history(stream, REGISTER)  # raise mode: no problem at all
    assert stream.served == STREAM_ROWS + 1
    assert (result.rows, result.kept, result.problems) == (STREAM_ROWS, STREAM_ROWS, ())
    assert sum(len(h) for h in result.histories.values()) == STREAM_ROWS
    assert len(result.histories) == len(CURRENT)
    first = result.histories[CURRENT[0].la_code].inspections[0]
    assert (first.published, first.kind, first.source) == (
        dt.date(2018, 2, 21),
        om.InspectionKind.ILACS_STANDARD,
        "https://example.invalid/0",
    )


def generated_histories(rows: int) -> dict[str, om.History]:
    """``rows`` distinct ILACS 2018 inspections over the current councils."""
    rnd = random.Random(2026)
    inspections: dict[str, list[om.Inspection]] = {c.la_code: [] for c in CURRENT}
    for index in range(rows):
        council = CURRENT[index % len(CURRENT)]
        nth = index // len(CURRENT)
        start = dt.date(2018, 1, 1) + dt.timedelta(days=nth)
        inspections[council.la_code].append(
            om.Inspection(
                council,
                "ILACS",
                start + dt.timedelta(days=51),
                {
                    c: rnd.choice(GRADE_WORDS)
                    for c in ("overall", "leadership", "help and protection", "in care")
                },
                kind="short" if nth % 2 else "standard",
                start=start,
                end=start + dt.timedelta(days=11),
                source=f"=https://example.invalid/{index}",
            )
        )
    return {c.la_code: om.History(c, inspections[c.la_code]) for c in CURRENT}


def test_the_own_csv_reader_streams_lines() -> None:
    histories = generated_histories(STREAM_ROWS)
    stream = LinesOnly(io.StringIO(own_csv_text(histories), newline=""))
    result = read_csv(stream)
    assert stream.served == STREAM_ROWS + 1
    assert dict(result.histories) == histories
    for code, history in histories.items():  # sources are not part of ==
        assert [i.source for i in result.histories[code]] == [i.source for i in history]


MEMORY_ROWS = 20_000
WIDE = 15  # the ignored cells repeated: a 12.5 MB file where the narrow one is 4.1 MB


def traced_read(path: Path) -> tuple[int, int, LoadResult]:
    """Read ``path``; the memory the result keeps and the peak, both above where it started."""
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = read_d2i(path)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return current - start, peak - start, result


def test_reading_memory_does_not_grow_with_the_text(workdir: Path) -> None:
    narrow, wide = workdir / "narrow.csv", workdir / "wide.csv"
    for path, pad in ((narrow, 1), (wide, WIDE)):
        with path.open("w", encoding="utf-8", newline="") as out:
            out.writelines(valid_d2i_lines(MEMORY_ROWS, pad))
    read_d2i(D2I_FILE)  # imports and caches of first use, outside the measure
    kept_narrow, peak_narrow, _ = traced_read(narrow)
    kept_wide, peak_wide, result = traced_read(wide)
    size_narrow, size_wide = narrow.stat().st_size, wide.stat().st_size
    assert result.kept == MEMORY_ROWS
    # Measured (Python 3.11, 20,000 rows): files of 4.1 and 12.4 MB; each read keeps 4.85 MB
    # of objects and peaks 3.64 MB above that (the reader's caches and its duplicate check,
    # which grow with rows, not text), the two peaks within 1 KB of each other.
    # 1. The rows read are the same, so what is kept is the same (measured within 0.15%): the
    #    wide file's extra 8.2 MB, in cells the reader ignores, is not kept.
    assert abs(kept_wide - kept_narrow) < 0.01 * kept_narrow, (kept_narrow, kept_wide)
    # 2. The peak is what is kept plus less than half the file (measured: 0.29 of it): holding
    #    the raw text once, let alone twice, would exceed it.
    assert peak_wide < kept_wide + 0.5 * size_wide, (peak_wide, kept_wide, size_wide)
    # 3. The working memory does not grow with the text: 8.2 MB more text may cost at most 5%
    #    of that at the peak (measured: nothing). A reader holding the text, or a list of its
    #    lines, would need all 8.2 MB more; one line at a time needs under 2 KB more.
    growth = (peak_wide - kept_wide) - (peak_narrow - kept_narrow)
    assert growth < 0.05 * (size_wide - size_narrow), (growth, size_wide - size_narrow)


# == 4. Immutability =============================================================================

ENUMS: tuple[type[enum.Enum], ...] = (
    om.Grade,
    om.Category,
    om.Framework,
    om.InspectionKind,
    om.Region,
    om.Direction,
    om.CouncilKind,
)
MUTATORS = (
    "append",
    "extend",
    "insert",
    "remove",
    "clear",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "add",
    "discard",
    "sort",
    "reverse",
)


def fingerprint(value: object) -> object:
    """Everything ``value`` holds, as nested tuples: two values with the same fingerprint
    hold the same data, fields left out of ``==`` (such as sources) included."""
    if isinstance(value, enum.Enum):
        return (type(value).__name__, value.name)
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            tuple((f.name, fingerprint(getattr(value, f.name))) for f in attrs.fields(type(value))),
        )
    if isinstance(value, Mapping):
        return ("mapping", tuple((fingerprint(k), fingerprint(v)) for k, v in value.items()))
    if isinstance(value, (tuple, list)):
        return ("sequence", tuple(fingerprint(v) for v in value))
    return value


def assert_refused(what: str, action: Callable[..., object], *args: object) -> None:
    try:
        action(*args)
    except REFUSED:
        return
    raise AssertionError(f"{what} was allowed")


def assert_frozen_container(value: object, where: str) -> None:
    """A container a public object exposes refuses item assignment and deletion and has no
    method that changes it; so do the containers inside it."""
    assert not isinstance(value, (list, dict, set, bytearray)), f"{where} is a {type(value)}"
    if isinstance(value, Mapping):
        key = next(iter(value), "robustness-probe")
        assert_refused(f"{where}[{key!r}] = ...", operator.setitem, value, key, None)
        assert_refused(f"del {where}[{key!r}]", operator.delitem, value, key)
        inner: Iterable[object] = value.values()
    elif isinstance(value, tuple):
        assert_refused(f"{where}[0] = ...", operator.setitem, value, 0, None)
        assert_refused(f"del {where}[0]", operator.delitem, value, 0)
        inner = value
    else:
        return
    for method in MUTATORS:
        assert not hasattr(value, method), f"{where} has {method}()"
    for item in inner:
        assert_frozen_container(item, f"{where} item")


def hash_of(value: object) -> int | None:
    try:
        return hash(value)
    except TypeError:  # LoadResult is not hashable
        return None


def assert_immutable(obj: object) -> None:
    """Every attribute of ``obj`` refuses to be set (to anything, even its own value) or
    deleted, no attribute can be added, every container it exposes refuses changes, and after
    all the attempts it is equal to a copy taken before and holds the same data."""
    what = type(obj).__name__
    before, held, hashed = copy.copy(obj), fingerprint(obj), hash_of(obj)
    names = {f.name for f in attrs.fields(type(obj))}
    names |= {name for name in dir(obj) if not name.startswith("_")}
    for name in sorted(names):
        value = getattr(obj, name)
        assert_refused(f"{what}.{name} = None", setattr, obj, name, None)
        assert_refused(f"{what}.{name} = (its own value)", setattr, obj, name, value)
        assert_refused(f"del {what}.{name}", delattr, obj, name)
        if not callable(value):
            assert_frozen_container(value, f"{what}.{name}")
    assert_refused(f"{what}.robustness_probe = 1", setattr, obj, "robustness_probe", 1)
    assert obj == before
    assert fingerprint(obj) == held
    assert hash_of(obj) == hashed


def public_objects(
    history: om.History, population: list[om.History], as_at: dt.date
) -> list[object]:
    """An object of every public type built from ``history`` (one of ``population``)."""
    objects: list[object] = [history, history.council]
    for inspection in history.inspections:
        objects += [inspection, inspection.era, *inspection.judgements]
    for category in om.Category:
        trajectory = history.trajectory(category)
        objects += [trajectory, *trajectory.points, *trajectory.streaks(), *trajectory.changes]
    if len(history.graded) >= 2:
        comparison = om.compare(history.graded[0], history.graded[-1])
        objects += [comparison, *comparison.changes.values()]
    summaries = om.summarise(population, as_at, by="region")
    assert isinstance(summaries, om.GroupedSummary)
    objects += [om.summarise(population, as_at), summaries, *summaries.values()]
    objects.append(om.transitions(population, as_at))
    objects.append(om.peers(history, population, as_at))
    text = own_csv_text(population) + "not,a,row\r\n"
    result = read_csv(io.StringIO(text, newline=""), errors="collect")
    objects += [result, *result.problems, *result.notes]
    return objects


def types_of(objects: Iterable[object]) -> set[str]:
    return {type(o).__name__ for o in objects}


EVERY_TYPE = {
    "Council",
    "Judgement",
    "Inspection",
    "History",
    "Trajectory",
    "Point",
    "Streak",
    "Change",
    "Comparison",
    "Summary",
    "GroupedSummary",
    "Transitions",
    "Peers",
    "Era",
    "LoadResult",
    "Problem",
}


def test_every_public_object_of_the_bundled_data_is_immutable() -> None:
    objects = public_objects(ROTHERHAM, list(POPULATION.values()), AS_AT)
    d2i = read_d2i(D2I_FILE)
    objects += [d2i, d2i.problems[0], d2i.notes[0]]
    objects += [era for framework in om.Framework for era in framework.eras]
    assert types_of(objects) == EVERY_TYPE
    # The containers are not empty, so that refusing item assignment means something.
    for obj in objects:
        if isinstance(obj, (om.Comparison, om.Transitions)):
            assert obj.changes
        elif isinstance(obj, om.Summary):
            assert obj.counts
            assert obj.members
        elif isinstance(obj, om.GroupedSummary):
            assert obj.groups
        elif isinstance(obj, om.Peers):
            assert len(obj.neighbours) == 10
        elif isinstance(obj, LoadResult):
            assert obj.histories
            assert obj.problems
        elif isinstance(obj, om.Era):
            assert obj.labels
    for obj in objects:
        assert_immutable(obj)


def neighbours_of(council: om.Council) -> list[om.History]:
    """Empty histories of a council's statistical neighbours, so that peers() has them."""
    return [
        om.History(om.Council(f"Neighbour {code}", code)) for code in council.statistical_neighbours
    ]


@settings(max_examples=capped(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=oms.histories(max_size=6), as_at=st.dates(dt.date(2009, 1, 1), dt.date(2031, 1, 1)))
def test_every_public_object_of_generated_histories_is_immutable(
    history: om.History, as_at: dt.date
) -> None:
    population = [history, *neighbours_of(history.council)]
    for obj in public_objects(history, population, as_at):
        assert_immutable(obj)


@pytest.mark.parametrize("member", [m for cls in ENUMS for m in cls], ids=repr)
def test_enum_members_refuse_changes_to_what_they_hold(member: enum.Enum) -> None:
    cls = type(member)
    before = dict(vars(member))
    data = [n for n in dir(member) if not n.startswith("_") and not callable(getattr(member, n))]
    assert {"name", "value"} <= set(data)
    for name in data:
        value = getattr(member, name)
        assert_refused(f"{member!r}.{name} = None", setattr, member, name, None)
        assert_refused(f"del {member!r}.{name}", delattr, member, name)
        assert_frozen_container(value, f"{member!r}.{name}")
    assert_refused(f"{cls.__name__}.{member.name} = None", setattr, cls, member.name, None)
    assert_refused(f"del {cls.__name__}.{member.name}", delattr, cls, member.name)
    assert cls[member.name] is member
    assert dict(vars(member)) == before


# == 5. Bugs found, now fixed ====================================================================
# Each test below failed when this suite was written, because of the library bug its docstring
# describes ("Was:"); it now holds the fix in place. The fuzz above also takes these values.

_TOO_LONG_TO_PRINT = [
    ("Grade.parse", lambda v: om.Grade.parse(v)),
    ("Category.parse", lambda v: om.Category.parse(v)),
    ("Framework.parse", lambda v: om.Framework.parse(v)),
    ("Framework.for_date", lambda v: om.Framework.for_date(v)),
    ("Framework.label", lambda v: om.Framework.ILACS.label(v)),
    ("Region.parse", lambda v: om.Region.parse(v)),
    ("Council(la_code=v)", lambda v: om.Council("Rotherham", v)),
    ("Council(name=v)", lambda v: om.Council(v, "372")),
    ("Judgement(grade=v)", lambda v: om.Judgement("adoption", v)),
    ("Inspection(published=v)", lambda v: om.Inspection(COUNCIL, "SIF", v)),
    ("History(council=v)", lambda v: om.History(v)),
    ("History.as_at", lambda v: ROTHERHAM.as_at(v)),
    ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
    ("compare", lambda v: om.compare(INSPECTION, v)),
    ("describe", lambda v: om.describe(v)),
    ("summarise(as_at=v)", lambda v: om.summarise(POPULATION, v)),
    ("summarise(by=v)", lambda v: om.summarise(POPULATION, AS_AT, by=v)),
    ("peers(as_at=v)", lambda v: om.peers(ROTHERHAM, POPULATION, v)),
    ("datasets.council", lambda v: datasets.council(v)),
    ("io.to_json", lambda v: to_json(v)),
    ("io.read_csv", lambda v: read_csv(v)),
    ("io.read_d2i_history", lambda v: read_d2i_history(v)),
    ("io.to_dataframe", lambda v: to_dataframe(v)),
]


@pytest.mark.parametrize(
    ("name", "call"), _TOO_LONG_TO_PRINT, ids=[n for n, _ in _TOO_LONG_TO_PRINT]
)
def test_an_int_too_long_to_print_is_refused_with_a_library_error(
    name: str, call: Callable[[Any], object]
) -> None:
    """Was: the library's error messages show the bad value with ``{value!r}`` (and
    councils.py ``_la_code`` and register.py ``CouncilRegister.get`` turn an int into text
    with ``str()``); for an int of more than 4,300 digits that raises a bare ValueError
    ("Exceeds the limit (4300 digits) for integer string conversion"), so the library's own
    error, which would have been raised, never is. Every entry point listed fails this way."""
    with contextlib.suppress(om.OfstedModelError):
        call(HUGE_INT)


def test_an_int_too_long_to_print_is_refused_by_from_json() -> None:
    # The one entry point that never shows the value: its check of the type comes first.
    with pytest.raises(om.LoadError, match="expected JSON text"):
        from_json(HUGE_INT)


_ELEMENTWISE = [
    ("Council(gss_code=v)", lambda v: om.Council("Rotherham", "372", gss_code=v)),
    ("Council(urn=v)", lambda v: om.Council("Rotherham", "372", urn=v)),
    ("Council(region=v)", lambda v: om.Council("Rotherham", "372", region=v)),
    ("Council(kind=v)", lambda v: om.Council("Rotherham", "372", kind=v)),
    ("Council(created=v)", lambda v: om.Council("Rotherham", "372", created=v)),
    ("Council(population_0_25=v)", lambda v: om.Council("Rotherham", "372", population_0_25=v)),
    ("Inspection(start=v)", lambda v: om.Inspection(COUNCIL, "SIF", "2015-01-01", start=v)),
    ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
    ("summarise(by=v)", lambda v: om.summarise(POPULATION, AS_AT, by=v)),
]


def _array_like(kind: str) -> object:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    return {"numpy array": np.array([1, 2]), "pandas Series": pd.Series(["a"]), "pandas NA": pd.NA}[
        kind
    ]


@pytest.mark.parametrize("kind", ["numpy array", "pandas Series", "pandas NA"])
@pytest.mark.parametrize(("name", "call"), _ELEMENTWISE, ids=[n for n, _ in _ELEMENTWISE])
def test_an_array_like_is_refused_with_a_library_error(
    kind: str, name: str, call: Callable[[Any], object]
) -> None:
    """Was: optional arguments are tested with ``value is None or value == ""`` (councils.py
    ``_gss_code``, ``_urn``, ``_optional_region``, ``_optional_kind``, ``_population``;
    _coerce.py ``to_optional_date``, behind ``created``, ``abolished``, ``start``, ``end``,
    ``after`` and ``before``) or ``by == "region"`` (populations.py ``_grouper``). For a numpy
    array or a pandas Series the comparison is elementwise and its truth value raises a bare
    ValueError ("The truth value of an array ... is ambiguous"); for pandas.NA a bare
    TypeError ("boolean value of NA is ambiguous")."""
    with contextlib.suppress(om.OfstedModelError):
        call(_array_like(kind))


_NOT_A_TIME = [
    ("Inspection(published=v)", lambda v: om.Inspection(COUNCIL, "SIF", v, grades_known=False)),
    ("Inspection(start=v)", lambda v: om.Inspection(COUNCIL, "SIF", "2015-01-01", start=v)),
    ("History.as_at", lambda v: ROTHERHAM.as_at(v)),
    ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
    ("Framework.for_date", lambda v: om.Framework.for_date(v)),
    ("summarise(as_at=v)", lambda v: om.summarise(POPULATION, v)),
]


@pytest.mark.parametrize(("name", "call"), _NOT_A_TIME, ids=[n for n, _ in _NOT_A_TIME])
def test_pandas_nat_is_refused_with_a_library_error(
    name: str, call: Callable[[Any], object]
) -> None:
    """Was: _coerce.py ``to_date`` accepts pandas.NaT, a ``datetime`` subclass, and gives back
    ``NaT.date()``, which is NaT again; the first comparison with a date then raises a bare
    TypeError ("Cannot compare NaT with datetime.date object"). NaT is what a missing date
    is in a DataFrame."""
    pd = pytest.importorskip("pandas")
    with contextlib.suppress(om.OfstedModelError):
        call(pd.NaT)


@pytest.mark.parametrize("indent", [[], 1.5, math.nan, 2**64], ids=repr)
def test_to_json_refuses_an_indent_that_is_not_a_whole_number_with_a_library_error(
    indent: object,
) -> None:
    """Was: io/json.py ``to_json`` passes ``indent`` to :func:`json.dumps` unchecked: a list,
    a float or NaN raises a bare TypeError ("can't multiply sequence by non-int"), 2**64 a
    bare OverflowError. (A large int that fits, such as 10**9, makes json.dumps build a
    gigabyte of spaces per level: the fuzz sends only ints up to 100.)"""
    with contextlib.suppress(om.OfstedModelError):
        to_json(COUNCIL, indent=indent)  # type: ignore[arg-type]


@pytest.mark.parametrize("function", ["summarise", "series"])
def test_a_group_key_that_cannot_be_hashed_is_refused_with_a_library_error(function: str) -> None:
    """Was: populations.py ``summarise`` (and ``series``, through it) groups councils in a dict
    keyed by what the ``by`` function returns, unchecked: a list raises a bare TypeError
    ("unhashable type: 'list'")."""

    def by(history: om.History) -> object:
        return [history.council.region]

    with contextlib.suppress(om.OfstedModelError):
        if function == "summarise":
            om.summarise(POPULATION, AS_AT, by=by)
        else:
            om.series(POPULATION, [AS_AT], by=by)


@pytest.mark.parametrize("categories", [3, om.Grade.GOOD, dt.date(2020, 1, 1)], ids=repr)
def test_plot_trajectory_refuses_categories_that_are_not_a_sequence_with_a_library_error(
    categories: object,
) -> None:
    """Was: plot.py ``trajectory`` iterates ``categories`` unchecked: an int, a Grade or a
    date raises a bare TypeError ("... object is not iterable")."""
    plot = pytest.importorskip("ofstedmodel.plot")
    with contextlib.suppress(om.OfstedModelError):
        plot.trajectory(ROTHERHAM, categories)


@pytest.mark.parametrize("freq", [["quarter"], {}], ids=repr)
def test_plot_national_refuses_a_frequency_that_cannot_be_hashed_with_a_library_error(
    freq: object,
) -> None:
    """Was: plot.py ``_dates`` (behind ``national``) tests ``freq not in steps``, a dict: a list
    or a dict raises a bare TypeError ("unhashable type") where any other bad frequency gets
    the OfstedModelError that lists the good ones."""
    plot = pytest.importorskip("ofstedmodel.plot")
    with contextlib.suppress(om.OfstedModelError):
        plot.national(POPULATION, "2023-01-01", "2024-12-31", freq)


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(9999, 12, 1), None), ("2018-03-31", dt.date.max), (dt.date(9999, 6, 1), dt.date.max)],
    ids=["start", "end", "both"],
)
def test_plot_national_refuses_dates_in_the_year_9999_with_a_library_error(
    start: object, end: object
) -> None:
    """Was: plot.py ``_dates`` (behind ``national``) steps from period end to period end by
    adding ``relativedelta(months=...)``; from a date in the year 9999 that raises a bare
    ValueError ("year 10000 is out of range")."""
    plot = pytest.importorskip("ofstedmodel.plot")
    with contextlib.suppress(om.OfstedModelError):
        plot.national([ROTHERHAM], start, end, "year")


@pytest.mark.parametrize("cls", ENUMS, ids=lambda cls: cls.__name__)
def test_enum_members_refuse_new_attributes(cls: type[enum.Enum]) -> None:
    """Was: the members of every enum (Grade, Category, Framework, InspectionKind, Region,
    Direction, CouncilKind) have a ``__dict__`` and take new attributes: ``Grade.GOOD.note =
    1`` succeeds, and so does shadowing a method (``Framework.SIF.for_date = None``) or
    rebinding ``_value_``. Only ``name``, ``value`` and the properties refuse (checked by
    test_enum_members_refuse_changes_to_what_they_hold)."""
    member = next(iter(cls))
    try:
        assert_refused(f"{member!r}.robustness_probe = 1", setattr, member, "robustness_probe", 1)
    finally:
        vars(member).pop("robustness_probe", None)  # leave the shared member as it was


@pytest.mark.parametrize("column", ["start", "end", "source"])
def test_from_dataframe_reports_rows_of_one_inspection_that_disagree_with_a_load_error(
    column: str,
) -> None:
    """Was: io/dataframe.py ``from_dataframe`` groups the rows of a frame into inspections by
    (framework, kind, published, start, end, grades_known, source). Rows of one inspection
    that disagree on ``start``, ``end`` or ``source`` become two reports of the same date and
    kind, and the HistoryError of ``History`` escapes as it is, naming no row, where the
    docstring promises "a LoadError whose problem names the row"."""
    pytest.importorskip("pandas")
    frame = to_dataframe(ROTHERHAM).astype(object)
    # Rotherham's SIF inspection of 2014 is several rows, one per judgement; change one row.
    rows = frame.index[frame["published"] == dt.datetime(2014, 11, 19)]
    assert len(rows) > 1
    frame.at[rows[1], column] = {"start": None, "end": None, "source": "elsewhere"}[column]
    with pytest.raises(om.LoadError) as info:
        from_dataframe(frame)
    assert info.value.problem.column == f"row {rows[1]}"


@pytest.mark.parametrize("which", ["d2i", "own"])
@pytest.mark.parametrize("line", [b"not text", 5], ids=["bytes", "int"])
def test_a_line_that_is_not_text_loses_no_row_after_it(which: str, line: object) -> None:
    """Was: io/_common.py ``Rows.__iter__`` takes a csv.Error after which the reader's line
    count has not moved as the reader being stuck, and stops reading. The csv module raises
    one such error, without counting the line, for an item of the file that is not text
    ("iterator should return strings, not bytes"); so in ``errors="collect"`` mode every row
    after it is silently lost: neither counted, kept nor reported. (Only an open file whose
    lines are not all text does this: a file opened in binary mode fails at its header.)"""
    header, raw = (
        (D2I_LINES[0], D2I_RAW_ROWS) if which == "d2i" else (",".join(OWN_HEADER), OWN_RAW_ROWS)
    )
    stream = LinesOnly([header + "\n", raw[0] + "\n", line, raw[1] + "\n", raw[2] + "\n"])
    try:
        result = read_d2i(stream) if which == "d2i" else read_csv(stream, errors="collect")
    except om.LoadError:
        return  # refusing the whole file would be sound
    assert stream.served == 5
    assert result.rows == 4, result  # the two rows after the bad line are counted


def _closed_file() -> io.StringIO:
    stream = io.StringIO("la_code\n")
    stream.close()
    return stream


@pytest.mark.parametrize(
    ("function", "make"),
    [
        ("write_csv", lambda: io.BytesIO()),
        ("write_csv", _closed_file),
        ("read_csv", _closed_file),
        ("read_d2i_history", _closed_file),
    ],
    ids=["write_csv-binary", "write_csv-closed", "read_csv-closed", "read_d2i_history-closed"],
)
def test_a_binary_or_closed_file_is_refused_with_a_library_error(
    function: str, make: Callable[[], io.IOBase]
) -> None:
    """Was: io/csv.py ``write_csv`` writes to anything with a ``write`` attribute: a file
    opened in binary mode (io.BytesIO, ``open(path, "wb")``) raises a bare TypeError ("a
    bytes-like object is required, not 'str'"), where the readers refuse a binary file with
    a LoadError. A closed file raises a bare ValueError ("I/O operation on closed file") from
    ``write_csv``, ``read_csv`` and ``read_d2i_history`` alike (io/_common.py ``open_text``
    and ``Rows`` iterate it unchecked)."""
    target = make()
    with contextlib.suppress(om.OfstedModelError):
        if function == "write_csv":
            write_csv(ROTHERHAM, target)
        elif function == "read_csv":
            read_csv(target, errors="collect")
        else:
            read_d2i(target)

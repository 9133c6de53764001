"""Fuzzing the readers: hostile files into :func:`~ofstedmodel.io.read_d2i_history` and
:func:`~ofstedmodel.io.read_csv`.

Real and mutated rows (garbage cells, bytes that are not UTF-8, NUL, huge cells, wrong widths,
impossible dates, unknown URNs, byte-order marks, CRLF and lone CR, blank lines, an unbalanced
quote) go in through real files whose number of records is known independently. Only the
library's own errors may come out, a reader in ``errors="collect"`` mode loses no row, and every
problem points at a row of the file.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel.io import LoadResult, Problem, read_csv

from .helpers import read_d2i
from .values import (
    BAD_DATES,
    BIG_CELLS,
    D2I_HEADER,
    D2I_RAW_ROWS,
    D2I_ROWS,
    FIELD_LIMIT,
    HISTORIES,
    HOSTILE_CELLS,
    ODD_CELLS,
    OWN_HEADER,
    OWN_RAW_ROWS,
    OWN_ROWS,
    from_bytes,
    serialise,
)

LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends of a file opened with newline=""
NO_CONTENT = re.compile(r'(""|)(,(""|))*')  # a record whose every cell is empty


def test_the_sample_rows_are_whole_records() -> None:
    # The fuzzers count records by construction: one record per sample row, of full width.
    for header, raw_rows in ((D2I_HEADER, D2I_RAW_ROWS), (OWN_HEADER, OWN_RAW_ROWS)):
        text = "\n".join(raw_rows) + "\n"
        records = list(csv.reader(io.StringIO(text, newline="")))
        assert len(records) == len(raw_rows) == text.count("\n")
        assert {len(record) for record in records} == {len(header)}
    assert len(D2I_RAW_ROWS) == 497
    assert len(OWN_ROWS) == sum(max(len(h), 1) for h in HISTORIES.values())


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
    lines and records with every cell empty excluded), the line the header starts on, whether
    a cell is past the limit, and the lines of the records with every cell empty."""

    data: bytes
    starts: tuple[int, ...]
    header_line: int
    huge: bool
    empty: tuple[int, ...] = ()

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
    empty: list[int] = []  # records with every cell empty: skipped, not rows
    for record in body:
        pieces.append(draw(LINE_ENDS))
        offset += len(pieces[-1])
        if record:
            (empty if NO_CONTENT.fullmatch(record) else starts).append(offset)
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
        tuple(1 + bisect.bisect_right(ends, start) for start in empty),
    )


def csv_module_records(data: bytes) -> int:
    """The records after the header that :mod:`csv` finds in ``data`` (blank lines left out):
    a check that the generator's own count is right."""
    text = data.decode("utf-8-sig", "surrogateescape")
    return sum(1 for record in csv.reader(io.StringIO(text, newline="")) if any(record)) - 1


def assert_every_row_accounted(result: LoadResult, path: Path, file: HostileFile) -> None:
    """Rows read = records written = rows kept + rows reported, records with every cell empty
    skipped and noted; every problem and note is on a line where a record starts, and renders."""
    assert result.rows == len(file.starts), (result.rows, len(file.starts))
    assert result.rows == result.kept + result.reported
    skipped = [n for n in result.notes if n.line in file.empty and n.column is None]
    assert sum(int(n.reason.split()[0]) for n in skipped) == len(file.empty)
    starts = set(file.starts) | set(file.empty)
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

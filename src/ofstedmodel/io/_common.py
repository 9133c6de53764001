"""What the readers share (internal): opening a file; reading CSV rows with their line numbers
and problems (see :class:`Rows`); dates as people write them; caching cells read; collecting
what a read keeps into a :class:`~ofstedmodel.io.LoadResult`."""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any, Generic, TypeVar

from .._coerce import shown
from ..councils import Council
from ..errors import OfstedModelError
from ..frameworks import Category, InspectionKind
from ..history import History, report_key
from ..inspections import Inspection
from .problems import LoadResult, Sink, blame, fatal, in_range, load_error

__all__ = [
    "Cached",
    "Collector",
    "Fault",
    "Rows",
    "blamed",
    "checked_date",
    "day_first",
    "lacking",
    "open_text",
    "visible",
]


class Fault(Exception):
    """A cell that cannot be read (internal): its column, value and the reason."""

    def __init__(self, column: str | None, value: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column, self.value, self.reason = column, value, reason


def checked_date(year: str, month: str, day: str, text: str, column: str) -> _dt.date:
    """The date of the digits ``year``, ``month`` and ``day`` read from ``text``, or a fault:
    an impossible date, or one before 2000 or after 2100."""
    try:
        value = _dt.date(int(year), int(month), int(day))
    except ValueError as error:
        raise Fault(column, text, f"{shown(text)} is not a date: {error}") from None
    return in_range_or_fault(value, text, column)


def in_range_or_fault(value: _dt.date, text: str, column: str) -> _dt.date:
    """``value``, or a fault when it is before 2000 or after 2100."""
    if not in_range(value):
        raise Fault(column, text, f"{shown(text)} is not a date from 2000 to 2100")
    return value


def day_first(text: str, column: str) -> _dt.date | None:
    """A date as a UK file or spreadsheet writes it: ``dd/mm/yy`` (read as 20yy) or
    ``dd/mm/yyyy``, ISO (``2019-07-15``), or another spelling read day first (``15 July
    2019``); ``None`` for an empty cell. An impossible date (``31/02/2021``), an incomplete
    one, or one before 2000 or after 2100 is a :class:`Fault` blaming ``column``."""
    if not text.strip():
        return None
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() and p.isascii() for p in parts):
        day, month, year = parts
        if len(day) <= 2 and len(month) <= 2 and len(year) in (2, 4):
            return checked_date("20" + year if len(year) == 2 else year, month, day, text, column)
    return in_range_or_fault(_odd_date(text, column), text, column)


def _odd_date(text: str, column: str) -> _dt.date:
    stripped = text.strip()
    try:
        # Before dateutil, whose dayfirst would read 2019-07-05 as 7 May.
        return _dt.date.fromisoformat(stripped)
    except ValueError:
        pass
    from dateutil import parser

    try:
        # Parsed against two different defaults: a part missing from the text shows up as a
        # difference, since dateutil fills it in from the default.
        first = parser.parse(stripped, dayfirst=True, default=_dt.datetime(2000, 1, 1))
        second = parser.parse(stripped, dayfirst=True, default=_dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError) as error:
        raise Fault(column, text, f"{shown(text)} is not a date (dd/mm/yyyy): {error}") from None
    if first.date() != second.date():
        raise Fault(column, text, f"{shown(text)} is not a whole date (dd/mm/yyyy)")
    return first.date()


_T = TypeVar("_T")


#: What a cache's ``get(text, UNREAD)`` gives for a text not yet read (``None`` is a value).
UNREAD: Any = object()


class Cached(dict[str, _T], Generic[_T]):
    """Cell texts read, each distinct one once (internal), by ``read(text, column)``, which
    gives a value or raises a :class:`Fault` (not kept)."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[str, str], _T], known: Mapping[str, _T] | None = None):
        super().__init__(known or {})
        self.read = read

    def collect(self, text: str, column: str, faults: list[Fault]) -> _T | None:
        """``read(text, column)``, or ``None`` with the fault added to ``faults``."""
        if text in self:
            return self[text]
        try:
            value = self[text] = self.read(text, column)
        except Fault as fault:
            faults.append(fault)
            return None
        return value


class Collector:
    """What a read keeps (internal): councils and their inspections by DfE code, each report
    once (by :func:`~ofstedmodel.history.report_key`), and how many rows were kept."""

    __slots__ = ("councils", "inspections", "kept", "reports", "sink")

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.councils: dict[str, Council] = {}
        self.inspections: dict[str, list[Inspection]] = {}
        # The report keys seen, by council: one tuple per report, where one set of
        # (council, key) pairs would hold two (memory that counts at a million rows).
        self.reports: dict[str, set[tuple[_dt.date, InspectionKind]]] = {}
        self.kept = 0

    def council(self, council: Council) -> list[Inspection]:
        """The inspections kept of ``council``, which is kept too, with none at first."""
        code = council.la_code
        found = self.inspections.get(code)
        if found is None:
            found = self.inspections[code] = []
            self.councils[code] = council
            self.reports[code] = set()
        return found

    def keep(self, line: int, inspection: Inspection, column: str, value: str | None) -> bool:
        """Keep ``inspection``, read from ``line``; a second report of its council, kind and
        publication date is a problem blaming ``column`` and ``value`` instead."""
        council = inspection.council
        reports = self.reports.get(council.la_code)
        if reports is None:
            self.council(council)
            reports = self.reports[council.la_code]
        size = len(reports)  # one add and a size check, not two lookups
        reports.add(report_key(inspection))
        if len(reports) == size:
            reason = (
                f"a second {inspection.kind.value} of {council.name} published "
                f"{inspection.published.isoformat()}; a report is listed once"
            )
            self.sink.problem(line, column, value, reason)
            return False
        self.inspections[council.la_code].append(inspection)
        self.kept += 1
        return True

    def faults(self, line: int, faults: Iterable[Fault]) -> None:
        """Report the row at ``line`` for ``faults``."""
        sink = self.sink
        sink.report([sink.make(line, f.column, f.value, f.reason) for f in faults])

    def result(self, rows: int) -> LoadResult:
        """What was read from ``rows`` rows, the histories in order of DfE code."""
        self.reports = {}  # no longer needed: freed before the histories are built
        histories = {
            code: History(self.councils[code], self.inspections[code])
            for code in sorted(self.councils)
        }
        sink = self.sink
        return LoadResult(histories, sink.problems, rows, self.kept, sink.notes)


def lacking(missing: Iterable[str]) -> str:
    """The start of the reason a header lacking the columns ``missing`` is fatal."""
    return "the header lacks the column(s) " + ", ".join(repr(c) for c in missing)


def blamed(
    error: OfstedModelError,
    columns: Mapping[str | Category, str],
    position: Mapping[str, int],
    row: list[str],
) -> tuple[str | None, str | None]:
    """The column (by ``columns``, from what :func:`blame` names) and cell an error is about,
    when the table has that column."""
    target = blame(error)
    column = None if target is None else columns.get(target)
    if column is None or column not in position:
        return None, None
    return column, row[position[column]]


@contextlib.contextmanager
def open_text(source: object, *, binary: bool = False) -> Iterator[tuple[Any, str]]:
    """The lines of ``source`` (a path or an open text file) and the name problems give it;
    with ``binary``, a path opened in binary mode, or an open file of either kind. A path is
    read as UTF-8 (without a byte-order mark), bytes that are not UTF-8 kept as surrogates for
    :class:`Rows` to report; an open file is read as it is and left open."""
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        name = name if isinstance(name, str) else "<stream>"
        if getattr(source, "closed", False) is True:
            raise fatal(name, "the file is closed")
        yield source, name
        return
    try:
        path = os.fspath(source)  # type: ignore[call-overload]
    except TypeError:
        what = "an open file" if binary else "an open text file"
        raise OfstedModelError(f"path: {shown(source)} is not a path or {what}") from None
    name = os.fsdecode(path)
    try:
        stream: IO[Any] = (  # closed below, after the caller is done
            open(path, "rb")  # noqa: SIM115
            if binary
            else open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")  # noqa: SIM115
        )
    except (OSError, ValueError) as error:  # ValueError: a path with a NUL in it
        reason = f"cannot open the file: {getattr(error, 'strerror', None) or error}"
        raise fatal(name, reason) from error
    with stream:
        yield stream, name


def visible(text: str) -> str:
    """``text`` with bytes that were not UTF-8 (read as surrogates) shown as ``\\x..``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a reader builds many acyclic objects.

    Reading 50,000 rows allocates hundreds of thousands of objects, and the collector would
    rescan them again and again for cycles that cannot exist; measured, that was a fifth of
    the reading time. The collector's previous state is restored afterwards, even on error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _recording(lines: Iterable[str], taken: list[str]) -> Iterator[str]:
    """``lines``, each also added to ``taken``: the lines of the record being read."""
    for line in lines:
        taken.append(line)
        yield line


def _unclosed(taken: list[str]) -> bool:
    """Whether the record read from the lines ``taken`` ends inside a quote never closed: if
    so, a line end and a quote added close it, else they make a blank line and a record."""
    return sum(1 for _ in csv.reader([*taken, "\n", '"'])) == 1


class Rows:
    """The rows of a CSV file after its header, as ``(line, cells)``, ``line`` the line a row
    starts on (the header's is 1). Blank lines are skipped; so are rows with every cell empty
    (the ``,,,`` a spreadsheet leaves), counted in :attr:`skipped` and noted. Every other row
    is counted in :attr:`count`, and reported instead of yielded when the :mod:`csv` module
    cannot parse it, when it is the wrong width, when a cell of a column :meth:`index` found
    is not UTF-8, or when it opens a quote never closed (the lines that quote took are then
    read again as rows, so each is kept or reported all the same)."""

    __slots__ = ("_reader", "_sink", "_taken", "count", "header", "header_line", "skipped", "used")

    def __init__(self, lines: Iterable[str], sink: Sink) -> None:
        self._sink = sink
        self._taken: list[str] = []
        self._reader = reader = csv.reader(_recording(lines, self._taken))
        self.count = self.skipped = 0
        self.used: Iterable[int] | None = None
        last = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                raise fatal(sink.file, "the file is empty: no header row") from None
            except csv.Error as error:
                raise fatal(sink.file, f"not readable as CSV: {error}", last + 1) from None
            if row:
                break
            last = reader.line_num
        self.header_line = last + 1
        self.header = header = [cell.strip() for cell in row]
        header[0] = header[0].lstrip("\ufeff").strip()
        # A header no reader takes, that shows the file is not comma-separated UTF-8: the
        # encoding or the separator is the problem's value.
        value, reason = None, "; save it as CSV UTF-8 (comma delimited)"
        if header[0].startswith(_UTF16_MARKS) or all("\x00" in cell for cell in header):
            value, reason = "UTF-16", "the file is UTF-16 text, not UTF-8" + reason
        elif len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            value = ";" if ";" in header[0] else "\t"
            reason = f"the cells are separated by {shown(value)}, not by commas{reason}"
        if value is not None:
            raise load_error(sink.make(self.header_line, None, value, reason))
        bad = [column for column in header if not _is_utf8(column)]
        if bad:
            reason = f"the header is not valid UTF-8: {shown(visible(bad[0]))}"
            raise fatal(sink.file, reason, self.header_line)

    def index(self, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, int]:
        """The position of each column named, by name; a missing required column or one named
        twice is fatal, since no row could be read right."""
        positions = {column: at for at, column in reversed(list(enumerate(self.header)))}
        wanted = list(required)
        missing = [column for column in wanted if column not in positions]
        if missing:
            reason = f"{lacking(missing)}; it has {', '.join(map(repr, self.header))}"
            raise fatal(self._sink.file, reason, self.header_line)
        found = {}
        for column in (*wanted, *optional):
            if column in positions:
                if self.header.count(column) > 1:
                    raise fatal(
                        self._sink.file, f"column {shown(column)} appears twice", self.header_line
                    )
                found[column] = positions[column]
        self.used = sorted(found.values())
        return found

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        sink, header, taken = self._sink, self.header, self._taken
        width = len(header)
        used = range(width) if self.used is None else self.used
        reader, base, uncounted = self._reader, 0, 0
        last = reader.line_num
        empty: list[int] = []  # the lines of the rows with no content not yet noted
        while True:
            taken.clear()
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                # The reader has dropped the record and its lines; carry on after them. A line
                # not text at all is consumed uncounted by the reader: count it here.
                self.count += 1
                sink.problem(last + 1, None, None, f"not readable as CSV: {error}")
                if base + reader.line_num + uncounted == last:
                    uncounted += 1
                last = base + reader.line_num + uncounted
                continue
            line = last + 1
            last = base + reader.line_num + uncounted
            if not any(row):
                if row:
                    empty.append(line)
                continue
            if empty:
                self._skip(empty)
            self.count += 1
            # A quote left open takes the lines after it, or, on the last line, only the end of
            # its own: an odd number of quotes on a one-line record is checked too.
            suspect = len(taken) > 1 or len(row) != width or taken[0].count('"') % 2
            if suspect and _unclosed(taken):
                sink.problem(line, *self._quote(line, row, len(taken)))
                if len(taken) > 1:  # read the lines the quote took again, as rows
                    reader = csv.reader(_recording(taken[1:], taken))
                    base, uncounted, last = line, 0, line
                continue
            if len(row) != width:
                sink.problem(line, None, None, f"{len(row)} cells where the header has {width}")
                continue
            # A line all ASCII has no byte that is not UTF-8: its cells need no look.
            ascii = taken[0].isascii() if len(taken) == 1 else "".join(row).isascii()
            bad = [] if ascii else [i for i in used if not _is_utf8(row[i])]
            if not bad:
                yield line, row
                continue
            texts = [(header[i], visible(row[i])) for i in bad]
            sink.report([sink.make(line, c, t, f"{shown(t)} is not valid UTF-8") for c, t in texts])
        if empty:
            self._skip(empty)

    def _skip(self, lines: list[int]) -> None:
        """Note the rows with no content on ``lines``, skipped, and count them."""
        first, count = lines[0], len(lines)
        span = f"line {first}" if count == 1 else f"lines {first} to {lines[-1]}"
        rows = "row" if count == 1 else "rows"
        self._sink.note(first, None, None, f"{count} {rows} with no content ({span}) skipped")
        self.skipped += count
        lines.clear()

    def _quote(self, line: int, row: list[str], lines: int) -> tuple[str | None, str, str]:
        """The column, value and reason of a row on ``lines`` lines whose last cell opens a
        quote never closed."""
        at = len(row) - 1
        value = visible(next(iter(row[at].splitlines()), ""))
        reason = f"a quote opened on line {line} is never closed"
        if lines > 1:
            reason += f", taking lines {line + 1} to {line + lines - 1} into one cell: they are "
            reason += "read as rows"
        return (self.header[at] if at < len(self.header) else None), value, reason


_UTF16_MARKS = ("\udcff\udcfe", "\udcfe\udcff")  # UTF-16's byte-order marks, read as UTF-8

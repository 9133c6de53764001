"""What the readers share (internal).

Opening a path or taking an open file; reading CSV text row by row, with line numbers and
problems (the header, blank lines, rows of the wrong width, text that is not UTF-8 and CSV the
:mod:`csv` module cannot parse); caching cells read; and collecting what a read keeps into a
:class:`~ofstedmodel.io.LoadResult`.
"""

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
from ..frameworks import Category
from ..history import History, report_key
from ..inspections import Inspection
from .problems import LoadResult, Problem, Sink, blame, fatal, in_range

__all__ = [
    "Cached",
    "Collector",
    "Fault",
    "Rows",
    "blamed",
    "checked_date",
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


_T = TypeVar("_T")


class Cached(dict[str, _T], Generic[_T]):
    """Cell texts read, each distinct one once (internal): ``cached(text, column)`` is
    ``read(text, column)``, which gives a value or raises a :class:`Fault` (not kept)."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[str, str], _T], known: Mapping[str, _T] | None = None):
        super().__init__(known or {})
        self.read = read

    def __call__(self, text: str, column: str) -> _T:
        if text in self:
            return self[text]
        value = self[text] = self.read(text, column)
        return value

    def collect(self, text: str, column: str, faults: list[Fault]) -> _T | None:
        """``self(text, column)``, or ``None`` with the fault added to ``faults``."""
        try:
            return self(text, column)
        except Fault as fault:
            faults.append(fault)
            return None


class Collector:
    """What a read keeps (internal): councils and their inspections by DfE code, each report
    once (by :func:`~ofstedmodel.history.report_key`), and how many rows were kept."""

    __slots__ = ("councils", "inspections", "kept", "seen", "sink")

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.councils: dict[str, Council] = {}
        self.inspections: dict[str, list[Inspection]] = {}
        self.seen: set[tuple[str, object]] = set()
        self.kept = 0

    def council(self, council: Council) -> list[Inspection]:
        """The inspections kept of ``council``, which is kept too, with none at first."""
        code = council.la_code
        found = self.inspections.get(code)
        if found is None:
            found = self.inspections[code] = []
            self.councils[code] = council
        return found

    def keep(self, line: int, inspection: Inspection, column: str, value: str | None) -> bool:
        """Keep ``inspection``, read from ``line``; a second report of its council, kind and
        publication date is a problem blaming ``column`` and ``value`` instead."""
        council, seen = inspection.council, self.seen
        size = len(seen)  # one add and a size check, not two lookups
        seen.add((council.la_code, report_key(inspection)))
        if len(seen) == size:
            reason = (
                f"a second {inspection.kind.value} of {council.name} published "
                f"{inspection.published.isoformat()}; a report is listed once"
            )
            self.sink.problem(line, column, value, reason)
            return False
        self.council(council).append(inspection)
        self.kept += 1
        return True

    def faults(self, line: int, faults: Iterable[Fault]) -> None:
        """Report the row at ``line`` for ``faults``."""
        sink = self.sink
        sink.report([sink.make(line, f.column, f.value, f.reason) for f in faults])

    def result(self, rows: int) -> LoadResult:
        """What was read from ``rows`` rows, the histories in order of DfE code."""
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
    with ``binary``, a path opened in binary mode, or an open file of either kind.

    A path is read as UTF-8 (a byte-order mark is dropped) with bytes that are not UTF-8 kept
    as surrogates, so :class:`Rows` can report them instead of failing to decode; an open
    file is read as it is and left open.
    """
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
    except OSError as error:
        raise fatal(name, f"cannot open the file: {error.strerror or error}") from error
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


class Rows:
    """The rows of a CSV file after its header, as ``(line, cells)``.

    Blank lines are skipped and not counted. Every other row is counted in :attr:`count`;
    rows of the wrong width or with text that is not UTF-8 are reported to the sink and not
    yielded, as is a record the :mod:`csv` module cannot parse. ``line`` is the line a row
    starts on, the header being line 1.
    """

    __slots__ = ("_reader", "_sink", "count", "header", "header_line")

    def __init__(self, lines: Iterable[str], sink: Sink) -> None:
        self._sink = sink
        self._reader = reader = csv.reader(lines)
        self.count = 0
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
        self.header = [cell.strip() for cell in row]
        self.header[0] = self.header[0].lstrip("\ufeff").strip()
        for column in self.header:
            if not _is_utf8(column):
                raise fatal(
                    sink.file,
                    f"the header is not valid UTF-8: {shown(visible(column))}",
                    self.header_line,
                )

    def index(self, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, int]:
        """The position of each column named, by name; a missing required column or one named
        twice is fatal, since no row could be read right."""
        positions: dict[str, int] = {}
        for position, column in enumerate(self.header):
            positions.setdefault(column, position)
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
        return found

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader, sink, header = self._reader, self._sink, self.header
        width = len(header)
        uncounted = 0
        last = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                # The reader has dropped the record and the line(s) it read; carry on after
                # them. A line that is not text at all is consumed without being counted by
                # the reader, so count it here to keep later line numbers right.
                self.count += 1
                sink.problem(last + 1, None, None, f"not readable as CSV: {error}")
                if reader.line_num + uncounted == last:
                    uncounted += 1
                last = reader.line_num + uncounted
                continue
            line = last + 1
            last = reader.line_num + uncounted
            if not row:
                continue
            self.count += 1
            if len(row) != width:
                sink.problem(
                    line,
                    None,
                    None,
                    f"{len(row)} cells where the header has {width}",
                )
                continue
            if not "".join(row).isascii():
                bad = [i for i, cell in enumerate(row) if not _is_utf8(cell)]
                if bad:
                    sink.report(
                        [
                            Problem(
                                sink.file,
                                line,
                                header[i],
                                visible(row[i]),
                                f"{shown(visible(row[i]))} is not valid UTF-8",
                            )
                            for i in bad
                        ]
                    )
                    continue
            yield line, row

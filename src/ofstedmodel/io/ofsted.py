"""Reading Ofsted's per-council outcome tables: :func:`read_ofsted_outcomes`.

With each "Local authority inspection outcomes as at 31 March" release, Ofsted publishes a
workbook (an OpenDocument spreadsheet, ``.ods``) whose per-council sheet gives each council's
most recent ILACS inspection: when its fieldwork began, when its report was published and its
grades. The reader takes that workbook as published, or the sheet saved as CSV, and gives
each row as one :class:`~ofstedmodel.Inspection` of the council it names.

What is read
------------

Workbook or CSV
    Told apart by content, not by name. A workbook is read with the standard library alone.
    Its per-council sheet is found by its header row (any of the first 20 rows): the first
    sheet naming the column "Local authority name", at least one judgement column and no
    inspection-type column (the workbook's other tables list inspections and visits, several
    per council), and having every column read; when no sheet has them all, the first such
    sheet is refused, naming what it lacks. ``sheet=`` reads another sheet by name, such as
    ``ILACS_inspection_history``; an inspection-type column, where a sheet has one, gives each
    row's kind. A CSV may also start with title rows above its header.

Layout
    Columns are found by name, in any case and spacing, with or without a leading "The" and
    a note in brackets; extra columns are ignored. Required: "Local authority name",
    "Inspection date" (fieldwork start), "Publication date" and the five judgements
    (:data:`GRADE_COLUMNS`). The releases to 2023 give no publication date: a history cannot
    hold an inspection without one, so their layout is refused, naming the missing column.

Council
    Found in the register by "Local authority area code" (the ONS GSS code) first, then by the
    name in any usual spelling. When the two name different councils, or neither is known,
    the row is a problem; a GSS code or name the register lacks, when the other matches, is
    kept with a note. The workbook's "Web link" cells link to Ofsted's page of the council,
    whose address ends in its DfE code or Ofsted URN; a link is only checked, since Ofsted's
    own are sometimes wrong: one to another council's page (not a successor's) is a note.

Dates and grades
    Dates are ISO (``2023-07-10``) or day first (``10/07/2023``); a workbook's date cells are
    read from their stored value. Grades are read by :meth:`~ofstedmodel.Grade.parse`. A ``-``
    means not judged. An empty cell is no judgement where the framework gave none (a care
    leavers cell for fieldwork before 2023: ILACS then judged children in care and care
    leavers together, in the "children in care" column), and otherwise a problem.

Every inspection is ILACS. Its kind is ``ILACS_INSPECTION`` (standard or short not recorded),
unless the sheet has an inspection-type column. Rows with nothing in them are skipped and not
counted; every other row is kept or reported, so ``rows == kept + reported``. A problem's
``line`` is the line of the CSV, or in a workbook the row number the spreadsheet shows, with
``sheet`` naming the sheet.

>>> import io
>>> from ofstedmodel import Council
>>> from ofstedmodel.io import read_ofsted_outcomes
>>> text = '''Local authority area code,Local authority name,Inspection date,Publication date,\\
... Overall effectiveness,The impact of leaders on social work practice with children and \\
... families,The experiences and progress of children who need help and protection,The \\
... experiences and progress of children in care,The experiences and progress of care leavers
... E08000018,Rotherham,2022-06-27,2022-08-12,Good,Good,Good,Good,
... '''
>>> rotherham = Council("Rotherham", "372", gss_code="E08000018")
>>> result = read_ofsted_outcomes(io.StringIO(text), [rotherham])
>>> latest = result.histories["372"].latest
>>> latest.kind.name, str(latest.start), str(latest.published), str(latest.overall)
('ILACS_INSPECTION', '2022-06-27', '2022-08-12', 'good')
>>> print(latest.get("care leavers"))  # fieldwork before 2023: judged with children in care
None
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
import os
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import IO, NamedTuple

from .._coerce import a, normalise_text, shown
from ..councils import Council
from ..errors import GradeError, LoadError, OfstedModelError
from ..frameworks import Category, Era, Framework, InspectionKind
from ..grades import Grade
from ..inspections import Inspection, Judgement
from ..register import CouncilRegister, name_key
from ._common import Cached, Collector, Fault, checked_date, lacking, no_cyclic_gc, open_text
from .d2i import _register
from .problems import LoadResult, Sink, check_errors, fatal

__all__ = ["GRADE_COLUMNS", "read_ofsted_outcomes"]

# -- the layout ----------------------------------------------------------------------------------

LINK = "Web link"
GSS = "Local authority area code"
NAME = "Local authority name"
REGION = "Ofsted region"
START = "Inspection date"
PUBLISHED = "Publication date"
TYPE = "Inspection type"
#: The judgement columns, as the 2025 release names them, and the categories they hold.
GRADE_COLUMNS: Mapping[str, Category] = {
    "Overall effectiveness": Category.OVERALL_EFFECTIVENESS,
    "The impact of leaders on social work practice with children and families": (
        Category.LEADERSHIP
    ),
    "The experiences and progress of children who need help and protection": (
        Category.HELP_AND_PROTECTION
    ),
    "The experiences and progress of children in care": Category.CHILDREN_IN_CARE,
    "The experiences and progress of care leavers": Category.CARE_LEAVERS,
}
REQUIRED = (NAME, START, PUBLISHED, *GRADE_COLUMNS)
#: The columns of the 2025 release's per-council sheet, in order: the layout read.
LAYOUT = (LINK, GSS, NAME, REGION, START, PUBLISHED, *GRADE_COLUMNS)

_OTHER_SPELLINGS = {
    LINK: ("link",),
    GSS: ("area code", "gss code", "local authority gss code"),
    NAME: ("local authority", "la name"),
    REGION: ("region",),
    START: ("inspection visit date", "inspection start date", "fieldwork start date"),
    PUBLISHED: ("report publication date", "published"),
    TYPE: ("inspection visit type",),
    "The impact of leaders on social work practice with children and families": (
        "impact of leaders",
    ),
    "The experiences and progress of children who need help and protection": (
        "experiences and progress of children who need help",
    ),
    "The experiences and progress of children in care": (
        "experiences and progress of children in care and care leavers",
    ),
}
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def _column_key(text: str) -> str:
    """A header cell's normal form: no bracketed note, lower case, no punctuation, no "the"."""
    key = normalise_text(_BRACKETED.sub(" ", text))
    return key[4:] if key.startswith("the ") else key


#: Every accepted spelling of a column, in normal form, and the column it names.
_COLUMNS: Mapping[str, str] = {
    _column_key(spelling): column
    for column in (*LAYOUT, TYPE)
    for spelling in (column, *_OTHER_SPELLINGS.get(column, ()))
}

#: How many rows a header may be preceded by (a sheet's title and notes).
HEADER_SEARCH = 20
#: Grade cells meaning "not judged".
NOT_JUDGED = frozenset({"-", "\u2013", "\u2014"})

_GSS_CODE = re.compile(r"E\d{8}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# The last number of an address such as https://reports.ofsted.gov.uk/provider/44/301.
_LINK_KEY = re.compile(r"/(\d{3,9})/?(?:[?#].*)?")
_KIND_WORDS = (
    ("standard", InspectionKind.ILACS_STANDARD),
    ("short", InspectionKind.ILACS_SHORT),
    ("focused", InspectionKind.FOCUSED_VISIT),
    ("monitoring", InspectionKind.MONITORING_VISIT),
    ("joint targeted", InspectionKind.JTAI),
    ("jtai", InspectionKind.JTAI),
)
_GRADE_WORDS = tuple(grade.label for grade in Framework.ILACS.scale)
_GRADE_KEYS = {normalise_text(word): word for word in _GRADE_WORDS}

ACCEPTED = (
    "accepted: Ofsted's OpenDocument workbook (.ods) as published, or its per-council sheet "
    "saved as CSV text in UTF-8"
)


class _Row(NamedTuple):
    """A row with something in it (internal): its line, its cells (possibly fewer than the
    header's: a workbook row ends at its last value) and the hyperlinks of its cells."""

    line: int
    cells: list[str]
    links: Mapping[int, str]
    error: str | None = None


class _Header(NamedTuple):
    line: int
    columns: dict[str, int]
    #: A column the header names twice, if any (fatal in the sheet read, ignored elsewhere).
    twice: str | None


# -- the entry point -----------------------------------------------------------------------------


def read_ofsted_outcomes(
    path: object, lookup: object = None, *, errors: str = "raise", sheet: str | None = None
) -> LoadResult:
    """Read Ofsted's per-council outcome table at ``path``: the workbook as published, or its
    per-council sheet saved as CSV (a path, or an open file).

    ``lookup`` is a :class:`~ofstedmodel.register.CouncilRegister` or an iterable of
    :class:`~ofstedmodel.Council`; by default the bundled register. ``sheet`` names the sheet of
    a workbook to read, instead of the per-council one; it must be ``None`` for a CSV. With
    ``errors="raise"`` the first problem raises :class:`~ofstedmodel.LoadError` carrying it as
    ``.problem``; with ``errors="collect"`` every good row is kept and every bad one reported.
    A fault no row can be read past (a file that is neither a workbook nor UTF-8 CSV, a
    damaged workbook, no per-council sheet, a missing column) raises
    :class:`~ofstedmodel.LoadError` either way. See the module's documentation for how each
    row is read.

    >>> from ofstedmodel.io import read_ofsted_outcomes
    >>> result = read_ofsted_outcomes(
    ...     "data/raw/ofsted/LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    >>> result.rows, result.kept, len(result.histories)
    (153, 153, 153)
    >>> barnet = result.histories["302"].latest
    >>> str(barnet.start), str(barnet.published), [str(j.grade) for j in barnet]
    ('2024-06-10', '2024-07-23', ['good', 'good', 'good', 'outstanding', 'good'])

    Ofsted's web links of two councils lead to another council's page; the rows are kept,
    with a note:

    >>> [(note.line, note.value[-7:]) for note in result.notes if note.column == "Web link"]
    [(29, '/44/206'), (90, '/44/941')]
    """
    collect = check_errors(errors)
    if sheet is not None and not isinstance(sheet, str):
        raise OfstedModelError(f"sheet: {shown(sheet)} is not the name of a sheet")
    register = _register(lookup)
    name, data = _read(path)
    sink = Sink(name, "collect" if collect else "raise")
    reader = _Reader(register, sink)
    with no_cyclic_gc():
        if isinstance(data, bytes) and data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            _read_workbook(data, sheet, reader)
        else:
            text = _text(data, name, sink)
            if sheet is not None:
                raise sink.fatal(
                    f"sheet={shown(sheet)} given, but the file is CSV text, which has no "
                    "sheets; give sheet=None, or the workbook"
                )
            _read_table(_csv_rows(text), reader, None)
        return reader.result(reader.rows)


def _read(path: object) -> tuple[str, bytes | str]:
    """The name of ``path`` (a path, or an open text or binary file) and its content."""
    with open_text(path, binary=True) as (stream, name):
        try:
            data = stream.read()
        except UnicodeDecodeError as error:
            reason = f"the open file is not UTF-8 text ({error}); open a workbook in binary mode"
            raise fatal(name, f"{reason}; {ACCEPTED}") from None
        except OSError as error:  # as when opening, for a path
            verb = "read" if stream is path else "open"
            raise fatal(name, f"cannot {verb} the file: {error.strerror or error}") from error
    if not isinstance(data, (str, bytes)):
        raise OfstedModelError(f"path: reading {shown(path)} gave {shown(data)}, not text")
    return name, data


def _text(data: bytes | str, name: str, sink: Sink) -> str:
    """The text of a file that is not a zip archive; refuses anything but UTF-8 text."""
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    head = data[:4096]
    found = None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        found = "UTF-16 text (it starts with a UTF-16 byte-order mark)"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        found = "an old-style binary workbook (.xls, or another OLE2 file)"
    elif b"\x00" in head:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            found = "UTF-16 text (every other byte is zero)"
        else:
            found = "binary data (it holds zero bytes), not text"
    elif os.path.splitext(name)[1].lower() in (".ods", ".xlsx", ".xls", ".zip"):
        found = f"a file named {os.path.basename(name)!r} that is not a zip archive"
    if found is not None:
        raise sink.fatal(f"found {found}; {ACCEPTED}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex()
        raise sink.fatal(
            f"found text that is not UTF-8 (byte 0x{byte} on line {line}; perhaps "
            f"Windows-1252 or Latin-1); {ACCEPTED}",
            line,
        ) from None


# -- tables: the rows of a CSV or of a workbook's sheet ----------------------------------------


def _csv_rows(text: str) -> Iterator[_Row]:
    """The rows of CSV text with something in them, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield _Row(last + 1, [], {}, f"not readable as CSV: {error}")
            last = reader.line_num
            continue
        line, last = last + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield _Row(line, cells, {})


def _header(rows: Iterator[_Row]) -> _Header | None:
    """The header row among the first :data:`HEADER_SEARCH` rows, the rows before it read and
    dropped; ``None`` when there is none."""
    for row in itertools.islice(rows, HEADER_SEARCH):
        columns: dict[str, int] = {}
        twice = None
        for position, cell in enumerate(row.cells):
            column = _COLUMNS.get(_column_key(cell))
            if column is None:
                continue
            if column in columns:
                twice = twice or column
            columns.setdefault(column, position)
        if NAME in columns and len(columns) >= 3:
            return _Header(row.line, columns, twice)
    return None


def _check_columns(header: _Header, sink: Sink) -> None:
    """Refuses a header that lacks a column read, or names one twice: no row could be read."""
    if header.twice is not None:
        raise sink.fatal(
            f"the header names column {shown(header.twice)} twice", header.line, header.twice
        )
    missing = [column for column in REQUIRED if column not in header.columns]
    if not missing:
        return
    reason = (
        lacking(missing)
        + ": this reader reads the per-council sheet of Ofsted's \"Local authority inspection "
        'outcomes as at 31 March" releases in the layout of the 2025 release ('
        + ", ".join(LAYOUT)
        + ")"
    )
    if PUBLISHED in missing:
        reason += (
            "; the releases to 2023 give no publication date, and a history cannot hold an "
            "inspection without one"
        )
    raise sink.fatal(reason, header.line, missing[0])


def _read_table(rows: Iterator[_Row], reader: _Reader, sheet: str | None) -> None:
    sink = reader.sink
    header = _header(rows)
    if header is None:
        where = "the file" if sheet is None else f"sheet {shown(sheet)}"
        raise sink.fatal(
            f"no header row: none of the first {HEADER_SEARCH} rows of {where} names the column "
            f"{NAME!r} and two others of the layout read ({', '.join(LAYOUT)}); {ACCEPTED}"
        )
    _check_columns(header, sink)
    reader.read(header.columns, rows)


def _read_workbook(data: bytes, sheet: str | None, reader: _Reader) -> None:
    """Read the per-council sheet (or the one named) of the workbook in ``data``."""
    sink = reader.sink
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            stream = _content(archive, sink)
            with stream:
                _read_sheets(_sheets(stream), sheet, reader)
    except OfstedModelError:
        raise  # a problem found in a row, or a fault already reported
    except (ET.ParseError, LookupError) as error:  # LookupError: an unknown encoding
        raise sink.fatal(
            f"the workbook's content.xml is not well-formed XML ({error}): a damaged workbook"
        ) from None
    except _Malformed as error:
        raise sink.fatal(f"the workbook's content.xml is not a table: {error}") from None
    except _DAMAGED as error:
        raise sink.fatal(
            f"found a damaged zip archive ({type(error).__name__}: {error}): a truncated or "
            f"corrupt workbook; {ACCEPTED}"
        ) from None


# What zipfile and zlib raise on a damaged archive (a bad offset shows as a negative seek).
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    ValueError,
    OverflowError,
    struct.error,
    RuntimeError,  # an entry flagged as encrypted
)


_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def _content(archive: zipfile.ZipFile, sink: Sink) -> IO[bytes]:
    """The open ``content.xml`` of an OpenDocument spreadsheet; refuses other archives."""
    names = archive.namelist()
    if "xl/workbook.xml" in names or "[Content_Types].xml" in names:
        kind = (
            "an Excel workbook (.xlsx)" if "xl/workbook.xml" in names else "an Office Open XML file"
        )
        raise sink.fatal(f"found {kind}; save it as .ods or CSV; {ACCEPTED}")
    mimetype = archive.read("mimetype").strip() if "mimetype" in names else None
    if mimetype is not None and mimetype != _ODS:
        found = shown(mimetype.decode("ascii", "replace"))
        raise sink.fatal(f"found a zip archive of type {found}, not a spreadsheet; {ACCEPTED}")
    if "content.xml" not in names:
        shown_names = shown(", ".join(names[:5]))[1:-1] or "nothing"
        raise sink.fatal(
            f"found a zip archive that is not an OpenDocument spreadsheet (no content.xml; it "
            f"holds {shown_names}); {ACCEPTED}"
        )
    if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
        "META-INF/manifest.xml"
    ):
        raise sink.fatal("the workbook is password-protected; save an unprotected copy")
    return archive.open("content.xml")


def _read_sheets(
    sheets: Iterator[tuple[str, Iterator[_Row]]], sheet: str | None, reader: _Reader
) -> None:
    """Read the sheet named ``sheet``, or else the first per-council sheet whose header has
    every column read; when none has, refuse the first, saying what it lacks."""
    sink = reader.sink
    seen: list[str] = []
    refused: LoadError | None = None
    for name, rows in sheets:
        seen.append(name)
        sink.sheet = name
        if sheet is not None:
            if name != sheet:
                continue
            _read_table(rows, reader, name)
            return
        header = _header(rows)
        # Not per council: no header, or one with an inspection type or no judgement column.
        if (
            header is None
            or TYPE in header.columns
            or header.columns.keys().isdisjoint(GRADE_COLUMNS)
        ):
            continue
        try:
            _check_columns(header, sink)
        except LoadError as error:
            refused = refused or error
            continue
        reader.read(header.columns, rows)
        return
    if refused is not None:
        raise refused
    sink.sheet = None
    listed = ", ".join(shown(name, 60) for name in seen[:30]) or "none"
    if len(seen) > 30:
        listed += f" and {len(seen) - 30} more"
    if sheet is not None:
        raise sink.fatal(f"the workbook has no sheet {shown(sheet)}; its sheets: {listed}")
    raise sink.fatal(
        f"the workbook has no per-council sheet: none has, in its first {HEADER_SEARCH} rows, a "
        f"header naming {NAME!r} and the judgements without an inspection type; its sheets: "
        f"{listed}; give sheet= to read one"
    )


# -- OpenDocument content.xml ------------------------------------------------------------------

_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = _TABLE_NS + "table"
_TABLE_NAME = _TABLE_NS + "name"
_ROW = _TABLE_NS + "table-row"
_CELLS = frozenset({_TABLE_NS + "table-cell", _TABLE_NS + "covered-table-cell"})
_ROWS_REPEATED = _TABLE_NS + "number-rows-repeated"
_COLUMNS_REPEATED = _TABLE_NS + "number-columns-repeated"
_FORMULA = _TABLE_NS + "formula"
_VALUE_TYPE = _OFFICE_NS + "value-type"
_DATE_VALUE = _OFFICE_NS + "date-value"
_STRING_VALUE = _OFFICE_NS + "string-value"
_VALUE = _OFFICE_NS + "value"
_PARAGRAPHS = frozenset({_TEXT_NS + "p", _TEXT_NS + "h"})
_SPACE = _TEXT_NS + "s"
_SPACE_COUNT = _TEXT_NS + "c"
_TAB = _TEXT_NS + "tab"
_LINE_BREAK = _TEXT_NS + "line-break"
_LINK = _TEXT_NS + "a"
_HREF = "{http://www.w3.org/1999/xlink}href"
# Not part of a cell's text: comments and footnotes.
_SKIPPED = frozenset({_OFFICE_NS + "annotation", _TEXT_NS + "note"})
_HYPERLINK = re.compile(r'HYPERLINK\(\s*"([^"]*)"', re.IGNORECASE)

#: The most rows and columns a sheet can hold (LibreOffice's and Excel's limits): cells past
#: the last column read are only looked at for being empty.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 1024
_MAX_DEPTH = 32


class _Malformed(Exception):
    """content.xml is XML but not a table the reader can follow (internal)."""


def _repeat(value: str | None) -> int:
    """A repeat count: a positive whole number, of at most 12 digits."""
    if value is None:
        return 1
    if not (value.isascii() and value.isdigit() and len(value) <= 12) or int(value) < 1:
        raise _Malformed(f"a repeat count {shown(value)} is not a positive whole number")
    return int(value)


def _sheets(stream: IO[bytes]) -> Iterator[tuple[str, Iterator[_Row]]]:
    """Each sheet of ``content.xml``, in order, with its rows (those with something in them).

    The file is read as a stream: each row is taken apart when it ends, then dropped. A row
    or cell repeated is counted, not copied, while empty (a sheet's last row typically repeats
    a million times). What the caller leaves unread of a sheet is read past.
    """
    for _, items in itertools.groupby(_walk(stream), key=itemgetter(0)):
        _, name, _ = next(items)
        yield name, (row for _, _, row in items if row is not None)  # noqa: B031 - read once


def _walk(stream: IO[bytes]) -> Iterator[tuple[int, str, _Row | None]]:
    """Each sheet's number and name: first with no row, then with each of its rows."""
    parents: list[ET.Element] = []
    depth = sheets = number = 0
    name = ""
    for event, element in ET.iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            parents.append(element)
            if tag == _TABLE:
                depth += 1
                if depth == 1:
                    sheets, number, name = sheets + 1, 0, element.get(_TABLE_NAME) or ""
                    yield sheets, name, None
            continue
        parents.pop()
        if tag == _TABLE:
            depth -= 1
            if depth == 0:
                parents[-1].remove(element)
        elif tag == _ROW and depth == 1:
            repeat = _repeat(element.get(_ROWS_REPEATED))
            cells, links = _cells(element)
            parents[-1].remove(element)
            if cells is None:
                number += repeat
                continue
            if number + repeat > MAX_ROWS:
                raise _Malformed(
                    f"row {number + 1} is repeated {repeat} times, past the {MAX_ROWS} rows a "
                    "sheet holds"
                )
            for _ in range(repeat):
                number += 1
                yield sheets, name, _Row(number, cells, links)


def _cells(row: ET.Element) -> tuple[list[str] | None, dict[int, str]]:
    """A row's cell texts and hyperlinks by position; ``None`` for a row with nothing in it."""
    cells: list[str] = []
    links: dict[int, str] = {}
    position = 0
    content = False
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        repeat = _repeat(cell.get(_COLUMNS_REPEATED))
        text, link = _cell(cell)
        if text.strip() or link:
            content = True
            if position < MAX_COLUMNS:
                count = min(repeat, MAX_COLUMNS - position)
                cells.extend([""] * (position - len(cells)))
                cells.extend([text] * count)
                if link:
                    links.update((position + i, link) for i in range(count))
        position += repeat
    return (cells if content else None), links


def _cell(cell: ET.Element) -> tuple[str, str | None]:
    """A cell's text (a date cell's stored date, ISO) and its hyperlink, if any."""
    links: list[str] = []
    formula = cell.get(_FORMULA)
    if formula:
        found = _HYPERLINK.search(formula)
        if found:
            links.append(found.group(1))
    value_type = cell.get(_VALUE_TYPE)
    paragraphs = [_paragraph(p, links, 0) for p in cell if p.tag in _PARAGRAPHS]
    text = "\n".join(paragraphs)
    if value_type == "date":
        stored = cell.get(_DATE_VALUE)
        if stored:
            text = stored.split("T", 1)[0]
    elif not paragraphs:
        text = cell.get(_STRING_VALUE) or cell.get(_VALUE) or ""
    return text, (links[0] if links else None)


def _paragraph(element: ET.Element, links: list[str], depth: int) -> str:
    """The text of a paragraph or a span within it, with spaces, tabs and line breaks, and
    the addresses of its hyperlinks added to ``links``."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _SPACE:
            count = child.get(_SPACE_COUNT, "1")
            sound = count.isascii() and count.isdigit() and len(count) < 5
            parts.append(" " * (int(count) if sound else 1))
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _LINE_BREAK:
            parts.append("\n")
        elif tag not in _SKIPPED and depth < _MAX_DEPTH:
            if tag == _LINK and child.get(_HREF):
                links.append(child.get(_HREF, ""))
            parts.append(_paragraph(child, links, depth + 1))
        parts.append(child.tail or "")
    return "".join(parts)


# -- rows into inspections ------------------------------------------------------------------------


class _Reader(Collector):
    """Turns a table's rows into inspections, or problems (internal)."""

    def __init__(self, register: CouncilRegister, sink: Sink) -> None:
        super().__init__(sink)
        self.register = register
        self.rows = 0
        self.dates = Cached(_date)
        self.columns: dict[str, int] = {}

    def read(self, columns: dict[str, int], rows: Iterator[_Row]) -> None:
        self.columns = columns
        for row in rows:
            self.rows += 1
            if row.error is not None:
                self.sink.problem(row.line, None, None, row.error)
                continue
            self._row(row)

    def cell(self, row: _Row, column: str) -> str:
        position = self.columns.get(column)
        if position is None or position >= len(row.cells):
            return ""
        return row.cells[position]

    def _row(self, row: _Row) -> None:
        faults: list[Fault] = []
        found = self._council(row, faults)
        published = self.dates.collect(self.cell(row, PUBLISHED), PUBLISHED, faults)
        start = self.dates.collect(self.cell(row, START), START, faults)
        kind = self._kind(row, faults)
        if published is None and not self.cell(row, PUBLISHED).strip():
            faults.append(Fault(PUBLISHED, "", "no publication date: it is always known"))
        if start is not None and published is not None and start > published:
            faults.append(
                Fault(
                    START,
                    self.cell(row, START),
                    f"fieldwork started {start.isoformat()}, after the report was published "
                    f"{published.isoformat()}",
                )
            )
        judgements: list[Judgement] = []
        day = start or published
        if day is not None and kind is not None:
            self._grades(row, day, kind, judgements, faults)
        if faults or found is None or published is None or kind is None:
            self.faults(row.line, faults)
            return
        council, notes = found
        try:
            inspection = Inspection(
                council, Framework.ILACS, published, judgements, kind=kind, start=start
            )
        except OfstedModelError as error:
            self.sink.problem(row.line, None, None, str(error))
            return
        if not self.keep(row.line, inspection, PUBLISHED, self.cell(row, PUBLISHED)):
            return
        for note in notes:
            self.sink.note(row.line, *note)

    def _council(
        self, row: _Row, faults: list[Fault]
    ) -> tuple[Council, list[tuple[str, str, str]]] | None:
        """The council a row names, and notes (column, value, reason) on how it was found.

        The GSS code and the name must agree. The web link is only checked: Ofsted's own
        links are wrong for some councils (the 2025 workbook links City of London's row to
        Islington's page), so one that disagrees is a note, and never finds a council.
        """
        gss, name = self.cell(row, GSS).strip(), self.cell(row, NAME).strip()
        if gss and not _GSS_CODE.fullmatch(gss.upper()):
            faults.append(Fault(GSS, gss, f"{shown(gss)} is not a GSS code such as 'E08000018'"))
            return None
        by_gss = self.register.get(gss.upper()) if gss else None
        by_name = self.register.get(name) if name else None
        council = by_gss or by_name
        if council is None:
            looked_for = [f"has GSS code {shown(gss)}"] if gss else []
            looked_for += [f"is named {shown(name)}"] if name else []
            reason = "no council in the lookup " + " or ".join(looked_for)
            if not looked_for:
                reason = "no council: the GSS code and the name are empty"
            faults.append(Fault(GSS if gss else NAME, gss or name, reason))
            return None
        if (
            by_gss is not None
            and by_name is not None
            and by_name.la_code != by_gss.la_code
            and name_key(name) != name_key(by_gss.name)
        ):
            reason = (
                f"the GSS code {shown(gss)} is {_named(by_gss)} but the name {shown(name)} is "
                f"{_named(by_name)}: which council is meant?"
            )
            faults.append(Fault(GSS, gss, reason))
            return None
        notes = []
        if gss and by_gss is None:
            notes.append((GSS, gss, f"GSS code {shown(gss)} is not in the lookup; matched by name"))
        elif name and by_name is None:
            notes.append(
                (NAME, name, f"name {shown(name)} is not in the lookup; matched by GSS code")
            )
        link = self._link(row)
        key = _LINK_KEY.search(link) if link else None
        by_link = None if key is None else self.register.get(key.group(1))
        # A former council's page is its successor's: a link there is no disagreement.
        if by_link is not None and by_link.la_code not in (council.la_code, *council.successors):
            named_by = "GSS code" if by_gss else "name"
            reason = (
                f"the web link is to the page of {_named(by_link)}, but the row's {named_by} "
                f"names {_named(council)}; read as {council.name}"
            )
            notes.append((LINK, link, reason))
        return council, notes

    def _link(self, row: _Row) -> str:
        """The address the row's web link leads to (its cell's hyperlink, or its text when
        that is an address), or ``""``."""
        link = row.links.get(self.columns.get(LINK, -1))
        if link is None:
            text = self.cell(row, LINK).strip()
            link = text if text.lower().startswith(("http://", "https://")) else ""
        return link

    def _kind(self, row: _Row, faults: list[Fault]) -> InspectionKind | None:
        text = self.cell(row, TYPE)
        words = f" {normalise_text(text)} "
        if not words.strip():
            return InspectionKind.ILACS_INSPECTION
        found = {kind for word, kind in _KIND_WORDS if f" {word} " in words}
        if len(found) == 1:
            return found.pop()
        faults.append(
            Fault(
                TYPE,
                text,
                f"{shown(text)} is not a kind of ILACS inspection or visit (standard, short, "
                "focused visit, monitoring visit, JTAI)",
            )
        )
        return None

    def _grades(
        self,
        row: _Row,
        day: _dt.date,
        kind: InspectionKind,
        judgements: list[Judgement],
        faults: list[Fault],
    ) -> None:
        try:
            era = Framework.ILACS.era_on(day)
        except OfstedModelError as error:
            column = START if self.cell(row, START).strip() else PUBLISHED
            faults.append(Fault(column, self.cell(row, column), str(error)))
            return
        for column, category in GRADE_COLUMNS.items():
            text = self.cell(row, column)
            stripped = text.strip()
            if stripped in NOT_JUDGED:
                continue
            if not stripped:
                if kind.is_graded and category in era.labels:
                    faults.append(Fault(column, text, _empty(era, category)))
                continue
            try:
                grade = Grade.parse(stripped)
            except GradeError:
                faults.append(Fault(column, text, _not_a_grade(text)))
                continue
            if not kind.is_graded:
                faults.append(
                    Fault(column, text, f"{a(kind.value)} is not graded, but has a grade")
                )
            elif category not in era.labels:
                faults.append(Fault(column, text, _not_judged(era, category, day)))
            elif (category, grade) not in era.allowed:
                faults.append(
                    Fault(column, text, f"{shown(text)} is not on the ILACS scale of grades")
                )
            else:
                judgements.append(Judgement(category, grade))
        if kind.is_graded and not judgements and not any(f.column in GRADE_COLUMNS for f in faults):
            faults.append(
                Fault(None, None, f"{a(kind.value)} with no grade: every judgement is '-' or empty")
            )


def _date(text: str, column: str) -> _dt.date | None:
    """An ISO or day-first date; an empty cell is no date."""
    stripped = text.strip()
    if not stripped:
        return None
    iso = _ISO_DATE.fullmatch(stripped)
    day_first = None if iso else _DAY_FIRST.fullmatch(stripped)
    if iso is not None:
        year, month, day = iso.group(1, 2, 3)
    elif day_first is not None:
        day, month, year = day_first.group(1, 2, 3)
    else:
        raise Fault(column, text, f"{shown(text)} is not a date such as 2023-07-10 or 10/07/2023")
    return checked_date(year, month, day, text, column)


def _named(council: Council) -> str:
    return f"{council.name} ({council.la_code})"


def _empty(era: Era, category: Category) -> str:
    return (
        f"empty, but ILACS judged {shown(era.labels[category])} then; write '-' where it was "
        "not judged"
    )


def _not_judged(era: Era, category: Category, day: _dt.date) -> str:
    reason = (
        f"ILACS gave no judgement {shown(category.value)} for fieldwork begun {day.isoformat()}"
    )
    if category is Category.CARE_LEAVERS:
        reason += (
            ": before 2023 it judged children in care and care leavers together, in the "
            "children in care column"
        )
    return reason


def _not_a_grade(text: str) -> str:
    import difflib

    nearest = difflib.get_close_matches(normalise_text(text), _GRADE_KEYS, n=1, cutoff=0.6)
    hint = f" (did you mean {shown(_GRADE_KEYS[nearest[0]])}?)" if nearest else ""
    return (
        f"{shown(text)} is not a grade{hint}; expected "
        + ", ".join(repr(w) for w in _GRADE_WORDS)
        + " or '-' (not judged)"
    )

"""The library's own CSV format: :func:`write_csv` and :func:`read_csv`.

One row per inspection, with its council's identifiers repeated on every row, so the file
opens in a spreadsheet and reads back exactly. Every field is written as
:mod:`ofstedmodel.io.records` describes it, in the one vocabulary of every format: enum
members by name (``GOOD``, ``ILACS_SHORT``, ``YORKSHIRE_AND_THE_HUMBER``), dates in ISO form.
The columns, in order:

- the council: ``la_code``, ``council`` (the name), ``gss_code``, ``urn``, ``region``,
  ``council_kind``, ``statistical_neighbours``, ``predecessors`` and ``successors`` (DfE codes
  separated by spaces), ``created`` and ``abolished``, ``population_0_25``;
- the inspection: ``framework``, ``kind``, ``published``, ``start`` and ``end``,
  ``grades_known`` (``true`` or ``false``), then one column per
  :class:`~ofstedmodel.Category`, in the enum's order, named after the member in lower case
  (``overall_effectiveness``), holding the grade (``REQUIRES_IMPROVEMENT``), ``UNKNOWN`` when
  the inspection judged it but the data does not know the grade
  (:attr:`~ofstedmodel.Inspection.unknown`), or nothing when not graded, then ``source``;
- last, ``format_version`` (:data:`VERSION`, ``2``) on every row: a column rather than a
  comment line, so a spreadsheet, :func:`csv.DictReader` or pandas reads the file as a plain
  table, and sorting or filtering the rows cannot lose it.

A council whose history has no inspections is one row with the inspection columns empty. The
council columns of every row of one ``la_code`` must agree.

Files of version 1 (no ``format_version`` column; grades as words, ``good``, regions and
council kinds as labels, ``unknown``) read as before: the reader takes any spelling the
enums' ``parse`` accepts. A row of a version it does not know is reported.

No cell starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, which a
spreadsheet could run as a formula: such text, and text that already starts with ``'``, is
written with one ``'`` in front, and :func:`read_csv` removes exactly one leading ``'`` from
every cell. An empty ``source`` (as opposed to none) is written as a lone ``'``.

>>> import io
>>> from datetime import date
>>> import ofstedmodel as om
>>> from ofstedmodel.io import read_csv, write_csv
>>> la = om.Council("=Rotherham", "372")
>>> history = om.History(la, [om.Inspection(la, "ILACS", date(2022, 8, 12), {"overall": "good"},
...                                         kind="short", source="-1")])
>>> out = io.StringIO()
>>> write_csv(history, out)
>>> out.getvalue().splitlines()[1]
"372,'=Rotherham,,,,,,,,,,,ILACS,ILACS_SHORT,2022-08-12,,,true,GOOD,,,,,,,,,'-1,2"
>>> read_csv(io.StringIO(out.getvalue())).histories["372"] == history
True
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any

from .._coerce import shown
from ..councils import Council
from ..errors import CouncilError, OfstedModelError
from ..frameworks import Category, Framework, InspectionKind
from ..grades import Grade
from ..history import histories_in
from ..inspections import Inspection, Judgement, interned
from . import records
from ._common import UNREAD, Collector, Fault, Rows, blamed, day_first, no_cyclic_gc, open_text
from .problems import END, FRAMEWORK, GRADES, KIND, PUBLISHED, LoadResult, Sink, check_errors

#: A grade cell for a judgement made whose grade the data does not know (``unknown`` in
#: files written before format version 2 is read too).
UNKNOWN = "UNKNOWN"
#: The version of the format :func:`write_csv` writes, in every row's ``format_version``.
VERSION = "2"
#: The versions :func:`read_csv` reads; a file without the column is version 1.
_VERSIONS = frozenset(("", "1", VERSION))

__all__ = ["COLUMNS", "VERSION", "read_csv", "write_csv"]

# The council's fields, its DfE code first: the code identifies the rows of one council.
_COUNCIL_FIELDS = (records.COUNCIL[1], records.COUNCIL[0], *records.COUNCIL[2:])
_COUNCIL = {field.column: field for field in _COUNCIL_FIELDS}
COUNCIL_COLUMNS = tuple(_COUNCIL)
#: One column per category, derived from the enum: a new category is a new column.
CATEGORY_COLUMNS: Mapping[str, Category] = {c.name.lower(): c for c in Category}
_OWN_COLUMNS = ("framework", "kind", "published", "start", "end", "grades_known")
INSPECTION_COLUMNS = (*_OWN_COLUMNS, *CATEGORY_COLUMNS, "source")
#: Every column, in the order written.
COLUMNS = (*COUNCIL_COLUMNS, *INSPECTION_COLUMNS, "format_version")
# The columns a row needs; any other may be missing (an older file, or one from a spreadsheet).
_REQUIRED = ("la_code", "council", "framework", "published")

#: First characters a spreadsheet may take as the start of a formula, and the escape itself.
FORMULA_STARTS = frozenset("=+-@\t\r'")

# Which column a CouncilError blames, by the field it carries.
_COUNCIL_FIELD_COLUMNS = {field.attr: field.column for field in records.COUNCIL}
# The column an InspectionError blames, by what it is about (named alike but for the grades).
_BLAMED_COLUMN: dict[str | Category, str] = {c: c for c in (PUBLISHED, END, FRAMEWORK, KIND)}
_BLAMED_COLUMN[GRADES] = "grades_known"
_BLAMED_COLUMN.update((category, column) for column, category in CATEGORY_COLUMNS.items())


def escape(text: str) -> str:
    """``text`` safe to put in a spreadsheet cell: with a ``'`` in front when it starts with a
    formula character or a ``'``.

    >>> escape("=1+1"), escape("'quoted"), escape("Rotherham")
    ("'=1+1", "''quoted", 'Rotherham')
    """
    return "'" + text if text[:1] in FORMULA_STARTS and text else text


def unescape(cell: str) -> str:
    """The text :func:`escape` wrote into ``cell``: one leading ``'`` removed.

    >>> unescape("'=1+1"), unescape("''quoted"), unescape("Rotherham")
    ('=1+1', "'quoted", 'Rotherham')
    """
    return cell[1:] if cell[:1] == "'" else cell


# -- writing ------------------------------------------------------------------------------------


def write_csv(histories: object, path: object) -> None:
    """Write ``histories`` (a :class:`~ofstedmodel.History`, a mapping from DfE code to
    history, or an iterable of histories) to ``path`` (a path or an open text file), one row
    per inspection.

    Raises :class:`~ofstedmodel.OfstedModelError`, before writing anything, for what the
    format cannot hold: something that is not a history, two histories of one council, a
    mapping key that is not its history's DfE code, an inspection whose council differs from
    its history's, or text that cannot be written as UTF-8. An error opening or writing the
    file is left to propagate as the :class:`OSError` it is.
    """
    rows = [list(COLUMNS)]
    for history in histories_in(histories, "write_csv"):
        council_cells = _council_cells(history.council)
        if not history.inspections:
            rows.append(council_cells + [""] * len(INSPECTION_COLUMNS) + [VERSION])
        for inspection in history.inspections:
            if inspection.council != history.council:
                raise OfstedModelError(
                    f"write_csv: {shown(inspection)} is of {shown(inspection.council)} as recorded "
                    f"differently from its history's council {shown(history.council)}; the CSV "
                    "format holds one record of a council"
                )
            rows.append(council_cells + _inspection_cells(inspection))
    if hasattr(path, "write"):
        try:
            csv.writer(path).writerows(rows)
        except (TypeError, ValueError) as error:  # a stream that takes bytes, or is closed
            raise OfstedModelError(
                f"path: {shown(path)} does not take text ({error}); give a path or a file open "
                "for writing text"
            ) from None
        return
    try:
        target = os.fspath(path)  # type: ignore[call-overload]
    except TypeError:
        raise OfstedModelError(f"path: {shown(path)} is not a path or an open text file") from None
    with open(target, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)


def _text(value: str) -> str:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise OfstedModelError(
                f"write_csv: {shown(value)} cannot be written as UTF-8"
            ) from None
    return escape(value)


def _cell(field: records.Field, value: object) -> str:
    """A field's wire value as the text of a cell."""
    wire = field.to_wire(value)
    if wire is None:
        return ""
    shape = field.shape
    if shape == "codes":
        return " ".join(wire)
    if shape == "whole":
        return str(wire)
    return _text(wire) if shape == "text" else wire


def _council_cells(council: Council) -> list[str]:
    return [_cell(field, getattr(council, field.attr)) for field in _COUNCIL_FIELDS]


def _inspection_cells(inspection: Inspection) -> list[str]:
    grades = {judgement.category: judgement.grade.name for judgement in inspection.judgements}
    grades.update(dict.fromkeys(inspection.unknown, UNKNOWN))
    source = inspection.source
    return [
        inspection.framework.name,
        inspection.kind.name,
        inspection.published.isoformat(),
        records.iso(inspection.start) or "",
        records.iso(inspection.end) or "",
        "true" if inspection.grades_known else "false",
        *(grades.get(category, "") for category in CATEGORY_COLUMNS.values()),
        "" if source is None else "'" if source == "" else _text(source),
        VERSION,
    ]


# -- reading ------------------------------------------------------------------------------------


def read_csv(path: object, *, errors: str = "raise") -> LoadResult:
    """Read a file :func:`write_csv` wrote, or a spreadsheet saved back (a path or an open
    text file). Problems are reported as :func:`~ofstedmodel.io.read_d2i_history` reports
    them: ``errors="raise"`` raises the first, ``errors="collect"`` keeps every good row and
    reports every bad one. Columns are found by name: only ``la_code``, ``council``,
    ``framework`` and ``published`` are needed, any other may be missing or empty (an empty
    ``grades_known`` is ``true`` when a grade is given), and one the format does not have is
    ignored, with a note. Dates may also be written day first (``12/08/2022``, ``12/08/22``,
    ``12 August 2022``), as the D2I reader reads them.
    """
    check_errors(errors)
    with open_text(path) as (lines, name), no_cyclic_gc():
        sink = Sink(name, errors)
        rows = Rows(lines, sink)
        position = rows.index(_REQUIRED, [c for c in COLUMNS if c not in _REQUIRED])
        for column in rows.header:
            if column not in position:
                sink.note(rows.header_line, column, None, "not a column of the format; ignored")
        reader = _Reader(position, len(rows.header), sink)
        for line, row in rows:
            reader.read(line, row)
        return reader.result(rows.count)


def _cells_of(read: Callable[[str], Any]) -> Callable[[str, str], Any]:
    """``read`` as a reader of a cell of a column: its error, a fault blaming the column."""

    def cell(text: str, column: str) -> Any:
        try:
            return read(text)
        except OfstedModelError as error:
            raise Fault(column, text, error.brief or str(error)) from None

    return cell


_GRADE = _cells_of(records.member(Grade))
_FLAGS = {"true": True, "false": False}  # grades_known
# The inspection's own cells: how each is read, and why an empty one is a fault, if it is.
_FIELDS = {
    "framework": (_cells_of(records.member(Framework)), "no framework"),
    "kind": (_cells_of(records.member(InspectionKind)), None),
    "published": (day_first, "no publication date"),
    "start": (day_first, None),
    "end": (day_first, None),
}


class _Reader(Collector):
    """Turns rows into councils and inspections (internal)."""

    def __init__(self, position: Mapping[str, int], width: int, sink: Sink) -> None:
        super().__init__(sink)
        self.position = position
        # A column the file lacks is read as an empty cell added after each row's last.
        self.at = {column: position.get(column, width) for column in COLUMNS}
        self.pad = len(position) < len(COLUMNS)
        self.council_cells = itemgetter(*(self.at[c] for c in COUNCIL_COLUMNS))
        self.inspection_cells = itemgetter(*(self.at[c] for c in INSPECTION_COLUMNS))
        self.grade_cells = itemgetter(*(self.at[c] for c in CATEGORY_COLUMNS))
        self.graded: dict[tuple[str, ...], tuple[tuple[Judgement, ...], tuple[Category, ...]]] = {}
        self.first: dict[str, tuple[int, tuple[str, ...], Council]] = {}
        # The value of each text read, by column (the grades by "grade"): each read once.
        self.known: dict[str, dict[str, Any]] = {c: {"": None} for c in (*_FIELDS, "grade")}
        self.known_at, self.source_at = self.at["grades_known"], self.at["source"]
        self.version_at, self.published_at = self.at["format_version"], self.at["published"]
        # The inspection's own fields (see _Field).
        fields: list[_Field] = [
            (self.at[column], self.known[column], read, needed, column)
            for column, (read, needed) in _FIELDS.items()
        ]
        self.kind_fields, self.date_fields = fields[:2], fields[2:]
        # A framework and kind as written, read (the kind defaulted) once per pair of texts.
        self.kind_cells = itemgetter(self.at["framework"], self.at["kind"])
        self.kinds: dict[tuple[str, str], tuple[Framework, InspectionKind]] = {}

    def read(self, line: int, raw: list[str]) -> None:
        if self.pad:
            raw.append("")
        version = raw[self.version_at]
        if version not in _VERSIONS:
            reason = f"format version {shown(version)} is not one this ofstedmodel reads (1 or "
            reason += f"{VERSION}); the file comes from another ofstedmodel"
            self.sink.problem(line, "format_version", version, reason)
            return
        # A row with no ' at all (most) has nothing escaped: the cells are read as they are.
        row = [unescape(cell) for cell in raw] if "'" in "".join(raw) else raw
        council_cells = self.council_cells(row)
        code = council_cells[0].strip()
        first = self.first.get(code)
        if first is not None:
            first_line, first_cells, council = first
            if council_cells != first_cells:
                at = next(i for i, cell in enumerate(council_cells) if cell != first_cells[i])
                reason = f"{shown(council_cells[at])} differs from {shown(first_cells[at])} on "
                reason += f"line {first_line}, the first row of la_code {shown(code)}; a "
                reason += "council's columns must agree on every row"
                self.sink.problem(line, COUNCIL_COLUMNS[at], council_cells[at], reason)
                return
        try:
            if first is None:
                council = _council(council_cells)
            inspection = None
            if any(self.inspection_cells(raw)):
                inspection = self._inspection(row, raw, council)
        except Fault as fault:
            self.faults(line, [fault])
            return
        except OfstedModelError as error:
            self.sink.problem(line, *blamed(error, _BLAMED_COLUMN, self.position, row), str(error))
            return
        if inspection is None:
            self.council(council)
            self.kept += 1
        elif not self.keep(line, inspection, "published", row[self.published_at]):
            return
        if first is None:
            self.first[code] = (line, council_cells, council)

    def _inspection(self, row: list[str], raw: list[str], council: Council) -> Inspection:
        texts = self.kind_cells(row)
        kinds = self.kinds.get(texts)
        if kinds is None:
            framework, kind = _values(row, self.kind_fields)
            kinds = self.kinds[texts] = (framework, kind or framework.default_kind)
        framework, kind = kinds
        published, start, end = _values(row, self.date_fields)
        cells = self.grade_cells(row)
        graded = self.graded.get(cells)
        if graded is None:
            graded = self.graded[cells] = self._grades(cells)
        judgements, unknown = graded
        known = row[self.known_at]
        flag = _FLAGS.get(known)  # as written; else in any case and spacing, or empty
        if flag is None:
            text = known.strip().lower()
            if text in _FLAGS:
                flag = _FLAGS[text]
            elif text:
                raise Fault("grades_known", known, f"{shown(known)} is not 'true' or 'false'")
            else:  # true when a grade is given, or none is due
                flag = bool(judgements or unknown) or not kind.is_graded
        # The cells read into the model's types, the categories in their order: the
        # constructor's conversions are done, its rules are checked by _typed.
        return Inspection._typed(
            council,
            framework,
            published,
            judgements,
            kind,
            start,
            end,
            flag,
            unknown,
            row[self.source_at] if raw[self.source_at] else None,
        )

    def _grades(self, cells: tuple[str, ...]) -> tuple[tuple[Judgement, ...], tuple[Category, ...]]:
        """A row's grade cells read: the judgements and the categories whose grade is not
        known, each in the canonical category order (cached per distinct tuple of cells)."""
        judgements, unknown, grades = [], [], self.known["grade"]
        for (column, category), text in zip(CATEGORY_COLUMNS.items(), cells, strict=True):
            if text == UNKNOWN or text == "unknown":
                unknown.append(category)
            elif text:
                grade = (
                    grades[text]
                    if text in grades
                    else grades.setdefault(text, _GRADE(text, column))
                )
                judgements.append(interned(category, grade))
        return tuple(judgements), tuple(unknown)


# A field of a row: where it is, its texts read, how to read one, why an empty one is a fault
# (if it is), and its column.
_Field = tuple[int, dict[str, Any], Callable[[str, str], Any], "str | None", str]


def _values(row: list[str], fields: list[_Field]) -> list[Any]:
    """The values of ``fields`` in ``row``, each distinct text read once; an empty cell is
    ``None``, or a fault where the field is needed."""
    values = []
    for position, seen, read, needed, column in fields:
        text = row[position]
        value = seen.get(text, UNREAD)
        if value is UNREAD:
            value = seen[text] = read(text, column) if text.strip() else None
        if value is None and needed:
            raise Fault(column, text, needed)
        values.append(value)
    return values


def _council(cells: tuple[str, ...]) -> Council:
    arguments: dict[str, object] = {}
    for (column, field), text in zip(_COUNCIL.items(), cells, strict=True):
        shape = field.shape
        if shape == "codes":
            value: object = tuple(text.split())
        elif shape == "text":
            value = text or (None if field.optional else "")
        elif not text:
            value = None
        elif shape == "whole":
            if not (text.isascii() and text.isdigit()):
                raise Fault(column, text, f"{shown(text)} is not a whole number")
            value = int(text)
        else:
            value = (day_first if shape == "date" else _cells_of(field.from_wire))(text, column)
        arguments[field.attr] = value
    try:
        return Council(**arguments)
    except CouncilError as error:
        blamed = _COUNCIL_FIELD_COLUMNS.get(error.field or "")
        cell = cells[COUNCIL_COLUMNS.index(blamed)] if blamed is not None else None
        raise Fault(blamed, cell, str(error)) from None

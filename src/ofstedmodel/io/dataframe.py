"""pandas DataFrames in tidy form (needs the ``pandas`` extra).

:func:`to_dataframe` writes one row per judgement, the shape analysts group and pivot;
:func:`from_dataframe` reverses it exactly. An inspection whose grades are unknown, an ungraded
visit, and a council with no inspections each still get a row (with the grade columns empty),
and a judgement made whose grade the data does not know a row with its category and no grade,
so nothing is lost. Every other column is a field of :mod:`ofstedmodel.io.records`, under its
flat name, with its wire value, but for dates (pandas datetimes) and codes (one text, separated
by spaces).

>>> import ofstedmodel as om
>>> from ofstedmodel import io
>>> rotherham = om.datasets.history("Rotherham")
>>> frame = io.to_dataframe(rotherham)
>>> frame.loc[frame["published"] == "2014-11-19", ["category", "grade", "code"]].head(3)
                category       grade  code
5  OVERALL_EFFECTIVENESS  INADEQUATE     4
6             LEADERSHIP  INADEQUATE     4
7    HELP_AND_PROTECTION  INADEQUATE     4
>>> io.from_dataframe(frame)["372"] == rotherham
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._coerce import shown
from .._extras import require
from ..councils import Council
from ..errors import LoadError, OfstedModelError
from ..frameworks import Category
from ..grades import Grade
from ..history import History, histories_in
from ..inspections import Inspection, Judgement
from . import records
from .problems import Problem

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "from_dataframe", "to_dataframe"]

_COUNCIL = {field.column: field for field in records.COUNCIL}
# The inspection's own fields, in the record's order: framework, published and kind (which
# make one inspection), then start, end, grades_known and source.
_INSPECTION = {f.column: f for f in records.INSPECTION if f.shape not in ("records", "codes")}
_TIDY = ("la_code", "council", "region", "framework", "kind", "start", "end", "published")
_JUDGEMENT = ("category", "label", "grade", "code")
#: The columns of :func:`to_dataframe`, in order: the tidy ones first, then what makes the
#: frame reversible (the rest of the council record, ``grades_known`` and ``source``).
COLUMNS = (*_TIDY, *_JUDGEMENT, *(c for c in (*_COUNCIL, *_INSPECTION) if c not in _TIDY))
_FIELDS = {**_COUNCIL, **_INSPECTION}
_REQUIRED = ("la_code", "council", "framework", "kind", "published", "category", "grade")
_FILE = "<DataFrame>"


def _pandas() -> Any:
    return require("pandas", "pandas", "ofstedmodel.io's DataFrames")


def _cells(fields: Mapping[str, records.Field], obj: object) -> dict[str, object]:
    """``obj``'s fields as cells: wire values, but dates as dates and codes as one text."""
    cells: dict[str, object] = {}
    for column, field in fields.items():
        value = getattr(obj, field.attr)
        if field.shape == "date":
            cells[column] = value
        elif field.shape == "codes":
            cells[column] = " ".join(value)
        else:
            cells[column] = field.to_wire(value)
    return cells


def to_dataframe(histories: object) -> pd.DataFrame:
    """One row per judgement of every inspection in ``histories`` (a History, a mapping of
    them or an iterable of them), with the columns of :data:`COLUMNS`. Dates are pandas
    datetimes, ``code`` Ofsted's grade code (a nullable integer); ``region``,
    ``council_kind``, ``framework``, ``kind``, ``category`` and ``grade`` are enum member
    names, the vocabulary of every format (:mod:`ofstedmodel.io.records`); ``label`` is the
    framework's wording of the category."""
    pd = _pandas()
    rows: list[dict[str, object]] = []
    for history in histories_in(histories, "to_dataframe"):
        council = _cells(_COUNCIL, history.council)
        if not history.inspections:
            rows.append(council)
        for inspection in history.inspections:
            base = {**council, **_cells(_INSPECTION, inspection)}
            judged: list[tuple[Category, Grade | None]]
            judged = [(j.category, j.grade) for j in inspection.judgements]
            judged += [(category, None) for category in inspection.unknown]
            if not judged:
                rows.append(base)
            for category, grade in judged:
                row = {**base, "category": category.name, "label": inspection.label(category)}
                if grade is not None:
                    row.update(grade=grade.name, code=grade.code)
                rows.append(row)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column, field in _FIELDS.items():
        if field.shape == "date":
            frame[column] = pd.to_datetime(frame[column])
        elif field.shape == "whole":
            frame[column] = frame[column].astype("Int64")
        elif field.shape == "boolean":
            frame[column] = frame[column].astype("boolean")
    frame["code"] = frame["code"].astype("Int64")
    return frame  # type: ignore[no-any-return]


def _missing(value: object) -> bool:
    if value is None:
        return True
    if type(value) is str:  # the commonest cell, and never missing
        return False
    try:
        return bool(_pandas().isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: object) -> str | None:
    return None if _missing(value) else str(value)


def _value(field: records.Field, cell: object) -> Any:
    """The value a cell holds for ``field``, as the model takes it: an enum member's text
    (the model parses it), or a date, codes, a number or a truth value; an empty cell is no
    codes, true for ``grades_known``, an empty required text, and otherwise ``None``."""
    shape = field.shape
    if _missing(cell):
        return "" if shape == "text" and not field.optional else _EMPTY.get(shape)
    if shape == "date":
        if isinstance(cell, _dt.datetime):  # pandas.Timestamp is a datetime
            return cell.date()
        return cell if isinstance(cell, _dt.date) else _dt.date.fromisoformat(str(cell)[:10])
    if shape == "codes":
        return tuple(str(cell).split())
    return _READ.get(shape, str)(cell)


_EMPTY: dict[str, object] = {"codes": (), "boolean": True}
_READ: dict[str, Any] = {"whole": int, "boolean": bool}


def from_dataframe(frame: pd.DataFrame) -> dict[str, History]:
    """The histories a :func:`to_dataframe` frame holds, keyed by DfE code: the exact
    reverse. Only ``la_code``, ``council``, ``framework``, ``kind``, ``published`` and, for
    judgements, ``category`` and ``grade`` are required; other columns may be missing.

    A bad row raises :class:`~ofstedmodel.LoadError` whose problem names the row (its index)
    and the reason.
    """
    pd = _pandas()
    if not isinstance(frame, pd.DataFrame):
        raise OfstedModelError(f"from_dataframe: {shown(frame)} is not a pandas DataFrame")
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        raise LoadError(
            f"{_FILE}: missing column(s) {', '.join(missing)}",
            Problem(_FILE, None, missing[0], None, "missing column"),
        )
    councils: dict[str, Council] = {}
    # By council, each inspection's fields (_INSPECTION's), and its judgements and unknowns.
    inspections: dict[str, dict[tuple[Any, ...], tuple[list[Judgement], list[str]]]] = {}
    for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
        try:
            _read_row(row, councils, inspections)
        except (OfstedModelError, ValueError, TypeError) as error:
            problem = Problem(_FILE, None, f"row {index}", None, str(error))
            raise LoadError(f"{_FILE}: row {index}: {error}", problem) from None
    histories: dict[str, History] = {}
    for code, council in councils.items():
        try:
            built = [_inspection(council, *item) for item in inspections[code].items()]
        except OfstedModelError as error:
            problem = Problem(_FILE, None, f"la_code {code}", None, str(error))
            raise LoadError(f"{_FILE}: {error}", problem) from None
        try:
            histories[code] = History(council, built)
        except OfstedModelError as error:
            problem = Problem(_FILE, None, f"la_code {code}", None, str(error))
            raise LoadError(
                f"{_FILE}: rows of la_code {code}: {error} (rows of one inspection must "
                "agree on every inspection column)",
                problem,
            ) from None
    return histories


def _inspection(
    council: Council, key: tuple[Any, ...], graded: tuple[list[Judgement], list[str]]
) -> Inspection:
    """The inspection of ``council`` whose fields (:data:`_INSPECTION`'s) are ``key``."""
    fields = zip(_INSPECTION.values(), key, strict=True)
    arguments = {f.attr: f.from_wire(value) if f.enum else value for f, value in fields}
    return Inspection(council, judgements=graded[0], unknown=graded[1], **arguments)


def _read_row(
    row: Mapping[str, object],
    councils: dict[str, Council],
    inspections: dict[str, dict[tuple[Any, ...], tuple[list[Judgement], list[str]]]],
) -> None:
    """Add what ``row`` holds: its council, and the judgement (or unknown) of an inspection."""
    council = Council(**{f.attr: _value(f, row.get(c)) for c, f in _COUNCIL.items()})
    known = councils.setdefault(council.la_code, council)
    if known != council:
        raise OfstedModelError(f"council record differs from an earlier row for {council.la_code}")
    group = inspections.setdefault(council.la_code, {})
    if _missing(row.get("framework")):
        return
    key = tuple(_value(f, row.get(c)) for c, f in _INSPECTION.items())
    # One inspection is one (framework, published, kind); its rows must agree on the rest, or
    # they are two reports of one date that the history would refuse.
    for other in group:
        if other[:3] == key[:3] and other != key:
            columns = list(_INSPECTION)[3:]
            differ = [c for c, a, b in zip(columns, other[3:], key[3:], strict=True) if a != b]
            raise OfstedModelError(
                f"this row of the inspection of {council.la_code} published {key[1]} "
                f"disagrees with an earlier one on {', '.join(differ)}; rows of one "
                "inspection must agree on every inspection column"
            )
    judgements, unknown = group.setdefault(key, ([], []))
    if not _missing(row.get("grade")):
        judgements.append(Judgement(_text(row["category"]), _text(row["grade"])))
    elif not _missing(row.get("category")):
        unknown.append(str(row["category"]))

"""pandas DataFrames in tidy form (needs the ``pandas`` extra).

:func:`to_dataframe` writes one row per judgement, the shape analysts group and pivot;
:func:`from_dataframe` reverses it exactly. An inspection whose grades are unknown, an ungraded
visit, and a council with no inspections each still get a row (with the grade columns empty),
and a judgement made whose grade the data does not know a row with its category and no grade,
so nothing is lost.

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
from ..councils import Council
from ..errors import LoadError, OfstedModelError
from ..frameworks import Framework, InspectionKind
from ..history import History, histories_in
from ..inspections import Inspection, Judgement
from . import records
from .problems import Problem

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "from_dataframe", "to_dataframe"]

#: The columns of :func:`to_dataframe`, in order: the tidy ones first, then what makes the
#: frame reversible (the rest of the council record, ``grades_known`` and ``source``).
COLUMNS = (
    "la_code",
    "council",
    "region",
    "framework",
    "kind",
    "start",
    "end",
    "published",
    "category",
    "label",
    "grade",
    "code",
    "gss_code",
    "urn",
    "council_kind",
    "statistical_neighbours",
    "predecessors",
    "successors",
    "created",
    "abolished",
    "population_0_25",
    "grades_known",
    "source",
)
_DATES = ("start", "end", "published", "created", "abolished")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise OfstedModelError(
            "DataFrames need pandas: pip install 'ofstedmodel[pandas]'"
        ) from None
    return pandas


def _council_cells(council: Council) -> dict[str, object]:
    cells = {}
    for field in records.COUNCIL:
        value = getattr(council, field.attr)
        cells[field.column] = (
            " ".join(value)
            if field.shape == "codes"
            else value
            if field.shape == "date"
            else field.to_wire(value)
        )
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
        council = _council_cells(history.council)
        if not history.inspections:
            rows.append(council)
        for inspection in history.inspections:
            base = {
                **council,
                "framework": inspection.framework.name,
                "kind": inspection.kind.name,
                "start": inspection.start,
                "end": inspection.end,
                "published": inspection.published,
                "grades_known": inspection.grades_known,
                "source": inspection.source,
            }
            if not inspection.judgements:
                rows.append(base)
            for judgement in inspection.judgements:
                rows.append(
                    {
                        **base,
                        "category": judgement.category.name,
                        "label": inspection.label(judgement.category),
                        "grade": judgement.grade.name,
                        "code": judgement.grade.code,
                    }
                )
            for category in inspection.unknown:
                rows.append(
                    {**base, "category": category.name, "label": inspection.label(category)}
                )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in _DATES:
        frame[column] = pd.to_datetime(frame[column])
    frame["code"] = frame["code"].astype("Int64")
    frame["population_0_25"] = frame["population_0_25"].astype("Int64")
    frame["grades_known"] = frame["grades_known"].astype("boolean")
    return frame  # type: ignore[no-any-return]


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(_pandas().isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: object) -> str | None:
    return None if _missing(value) else str(value)


def _day(value: object) -> _dt.date | None:
    if _missing(value):
        return None
    if isinstance(value, _dt.datetime):  # pandas.Timestamp is a datetime
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


def _codes(value: object) -> tuple[str, ...]:
    return () if _missing(value) else tuple(str(value).split())


def _council(row: Mapping[str, object]) -> Council:
    population = row.get("population_0_25")
    return Council(
        _text(row.get("council")) or "",
        _text(row.get("la_code")) or "",
        gss_code=_text(row.get("gss_code")),
        urn=_text(row.get("urn")),
        region=_text(row.get("region")),
        kind=_text(row.get("council_kind")),
        statistical_neighbours=_codes(row.get("statistical_neighbours")),
        predecessors=_codes(row.get("predecessors")),
        successors=_codes(row.get("successors")),
        created=_day(row.get("created")),
        abolished=_day(row.get("abolished")),
        population_0_25=None if _missing(population) else int(population),  # type: ignore[call-overload]
    )


_Key = tuple[
    str | None, str | None, _dt.date | None, _dt.date | None, _dt.date | None, bool, str | None
]


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
    required = ("la_code", "council", "framework", "kind", "published", "category", "grade")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise LoadError(
            f"<DataFrame>: missing column(s) {', '.join(missing)}",
            Problem("<DataFrame>", None, missing[0], None, "missing column"),
        )
    councils: dict[str, Council] = {}
    inspections: dict[str, dict[_Key, dict[str, Any]]] = {}
    seen: dict[tuple[str, tuple[object, ...]], _Key] = {}
    for index, row in zip(frame.index, frame.to_dict("records"), strict=True):
        try:
            council = _council(row)
            known = councils.setdefault(council.la_code, council)
            if known != council:
                raise OfstedModelError(
                    f"council record differs from an earlier row for {council.la_code}"
                )
            group = inspections.setdefault(council.la_code, {})
            if _missing(row.get("framework")):
                continue
            grades_known = row.get("grades_known")
            key: _Key = (
                _text(row["framework"]),
                _text(row["kind"]),
                _day(row["published"]),
                _day(row.get("start")),
                _day(row.get("end")),
                True if _missing(grades_known) else bool(grades_known),
                _text(row.get("source")),
            )
            # One inspection is one (framework, kind, published); its rows must agree on the
            # rest, or they are two reports of one date that the history would refuse.
            same = (key[0], key[1], key[2])
            entry = group.setdefault(key, {"judgements": [], "unknown": []})
            first = seen.setdefault((council.la_code, same), key)
            if first != key:
                columns = ("start", "end", "grades_known", "source")
                differ = [c for c, a, b in zip(columns, first[3:], key[3:], strict=True) if a != b]
                raise OfstedModelError(
                    f"this row of the inspection of {council.la_code} published {key[2]} "
                    f"disagrees with an earlier one on {', '.join(differ)}; rows of one "
                    "inspection must agree on every inspection column"
                )
            if not _missing(row.get("grade")):
                entry["judgements"].append(Judgement(_text(row["category"]), _text(row["grade"])))
            elif not _missing(row.get("category")):
                entry["unknown"].append(_text(row["category"]))
        except (OfstedModelError, ValueError, TypeError) as error:
            problem = Problem("<DataFrame>", None, f"row {index}", None, str(error))
            raise LoadError(f"<DataFrame>: row {index}: {error}", problem) from None
    out: dict[str, History] = {}
    for code, council in councils.items():
        built = []
        for key, entry in inspections[code].items():
            framework, kind, published, start, end, grades_known, source = key
            try:
                built.append(
                    Inspection(
                        council,
                        Framework.parse(framework),
                        published,
                        entry["judgements"],
                        kind=InspectionKind.parse(kind),
                        start=start,
                        end=end,
                        grades_known=grades_known,
                        unknown=entry["unknown"],
                        source=source,
                    )
                )
            except OfstedModelError as error:
                problem = Problem("<DataFrame>", None, f"la_code {code}", None, str(error))
                raise LoadError(f"<DataFrame>: {error}", problem) from None
        try:
            out[code] = History(council, built)
        except OfstedModelError as error:
            problem = Problem("<DataFrame>", None, f"la_code {code}", None, str(error))
            raise LoadError(
                f"<DataFrame>: rows of la_code {code}: {error} (rows of one inspection must "
                "agree on every inspection column)",
                problem,
            ) from None
    return out

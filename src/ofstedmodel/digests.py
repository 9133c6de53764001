"""What changed: every report published in a window, what each did for its council, and what
the window did to the national and regional figures (:func:`digest`).

    >>> import ofstedmodel as om
    >>> result = digest(om.datasets.histories(), since="2025-04-01", until="2025-09-30")
    >>> result
    <Digest 2025-04-01 to 2025-09-30: 26 reports; overall effectiveness: 12 improved, 2
    declined, 12 unchanged; good or better 65.4% -> 68.0%>
    >>> sefton = result.changes[om.datasets.council("Sefton")]
    >>> sefton.move, sefton.before, sefton.after, sefton.steps
    (<Move.UP>, <Grade.INADEQUATE: 4>, <Grade.GOOD: 2>, 2)
    >>> print(om.describe(result))
    Between 1 April and 30 September 2025 Ofsted published 26 reports on councils' children's
    services: for overall effectiveness, 12 councils improved, 2 declined and 12 kept the same
    grade. The share of councils judged good or outstanding rose from 65% to 68% (from 100 of
    153 councils with a grade in force on 31 March 2025 to 104 of 153 on 30 September 2025);
    the largest rise was in Yorkshire and the Humber (from 73% to 87%); the largest fall was
    in the East of England (from 64% to 55%). Councils by grade: outstanding 33 to 39, good 67
    to 65, requires improvement to be good 34 to 33 and inadequate 19 to 16.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ._coerce import shown, to_date
from ._frozen import FrozenMap
from ._rich import RichDisplay
from .councils import Council
from .digest_text import (
    describe_movement,
    describe_report,
    figures_table,
    paragraph,
    row_move,
    window,
)
from .errors import DateError, HistoryError, OfstedModelError
from .frameworks import Category
from .history import History, data_end, histories_in
from .movements import Move, Movement, Report, movement_between, reports_of
from .narrative import _plural, describe
from .populations import GroupedSummary, Summary, summarise

__all__ = ["Digest", "Figures", "Move", "Movement", "Report", "command", "digest"]


def _frozen_changes(value: Mapping[Council, Movement]) -> FrozenMap[Council, Movement]:
    return FrozenMap(value)


@attrs.frozen(repr=False)
class Figures:
    """The national and regional figures for the digest's category as at one date, as
    :func:`~ofstedmodel.summarise` counts them: ``england``, ``regions`` (the nine English
    regions) and ``ofsted_regions`` (Ofsted's eight)."""

    england: Summary
    regions: GroupedSummary
    ofsted_regions: GroupedSummary

    @property
    def as_at(self) -> _dt.date:
        """The date counted as at."""
        return self.england.as_at

    def by(self, grouping: str) -> GroupedSummary:
        """``regions`` for ``"region"``, ``ofsted_regions`` for ``"ofsted_region"``."""
        if grouping == "region":
            return self.regions
        if grouping == "ofsted_region":
            return self.ofsted_regions
        raise OfstedModelError(
            f"by: {shown(grouping)} is not a grouping of a digest; give 'region' or "
            "'ofsted_region'",
            field="by",
        )

    def __repr__(self) -> str:
        return f"<Figures as at {self.as_at.isoformat()}: {self.england!r}>"


def _figures(population: Sequence[History], day: _dt.date, category: Category) -> Figures:
    regions = summarise(population, day, category, by="region")
    return Figures(
        regions.combined, regions, summarise(population, day, category, by="ofsted_region")
    )


@attrs.frozen(repr=False)
class Digest(RichDisplay):
    """What changed between ``since`` and ``until`` (both inclusive): built by :func:`digest`.

    - ``reports``: every report published in the window, by publication date then council;
    - ``changes``: for each council whose grade for ``category`` the window moved, the
      :class:`Movement` from the grade in force before its first report in the window to the
      one after its last (a council with two reports that rose then fell is ``SAME``);
    - ``before`` and ``after``: the :class:`Figures` as at the day before ``since`` and as at
      ``until``.

    >>> import ofstedmodel as om
    >>> result = om.digest(om.datasets.histories(), since="2025-04-01", until="2025-09-30")
    >>> len(result.reports), len(result.improved), len(result.declined)
    (26, 12, 2)
    >>> round(result.before.england.share_good_or_better, 3), round(
    ...     result.after.england.share_good_or_better, 3)
    (0.654, 0.68)
    """

    since: _dt.date
    until: _dt.date
    category: Category
    reports: tuple[Report, ...]
    changes: Mapping[Council, Movement] = attrs.field(converter=_frozen_changes)
    before: Figures
    after: Figures

    def _where(self, move: Move) -> tuple[Council, ...]:
        return tuple(c for c, m in self.changes.items() if m.move is move)

    @property
    def improved(self) -> tuple[Council, ...]:
        """Councils whose grade rose over the window."""
        return self._where(Move.UP)

    @property
    def declined(self) -> tuple[Council, ...]:
        """Councils whose grade fell."""
        return self._where(Move.DOWN)

    @property
    def unchanged(self) -> tuple[Council, ...]:
        """Councils judged again at the same position on the scale."""
        return self._where(Move.SAME)

    @property
    def first_graded(self) -> tuple[Council, ...]:
        """Councils with no grade in force before and one after."""
        return self._where(Move.FIRST_GRADE)

    @property
    def lost(self) -> tuple[Council, ...]:
        """Councils whose grade in force was settled without a new one (overall effectiveness
        after an ILACS inspection from April 2026)."""
        return self._where(Move.GRADE_LOST)

    @property
    def unknown(self) -> tuple[Council, ...]:
        """Councils whose change is not known: the data does not know a grade on one side."""
        return self._where(Move.UNKNOWN)

    @property
    def visits(self) -> tuple[Report, ...]:
        """The reports of visits, which give no grades (focused and monitoring visits, JTAIs)."""
        return tuple(r for r in self.reports if not r.inspection.is_graded)

    def to_json(self) -> dict[str, Any]:
        """The digest as plain data, in the wire vocabulary of the library's own formats: enum
        members by name, dates in ISO form, ``null`` for none; each inspection as the
        library's JSON writes it, without its council (given beside it by name and code)."""
        from .io.records import INSPECTION, dump  # here: the readers load only when needed

        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "category": self.category.name,
            "reports": [
                {
                    "council": _council_wire(r.council),
                    "inspection": dump(INSPECTION, r.inspection, skip="council"),
                    "movements": [_movement_wire(m) for m in r.movements],
                }
                for r in self.reports
            ],
            "changes": [
                {"council": _council_wire(c), **_movement_wire(m)} for c, m in self.changes.items()
            ],
            "before": _figures_wire(self.before),
            "after": _figures_wire(self.after),
        }

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(self._where(move))} {_REPR_WORDS[move]}"
            for move in Move
            if self._where(move) or move in (Move.UP, Move.DOWN)
        )
        return (
            f"<Digest {self.since.isoformat()} to {self.until.isoformat()}: "
            f"{_plural(len(self.reports), 'report')}; {self.category.value}: {counts}; "
            f"good or better {self.before.england.share_good_or_better:.1%} -> "
            f"{self.after.england.share_good_or_better:.1%}>"
        )


_REPR_WORDS = {
    Move.UP: "improved",
    Move.DOWN: "declined",
    Move.SAME: "unchanged",
    Move.FIRST_GRADE: "first graded",
    Move.GRADE_LOST: "lost",
    Move.UNKNOWN: "unknown",
}


def digest(
    histories: Mapping[str, History] | Iterable[History],
    *,
    since: _dt.date | str,
    until: _dt.date | str | None = None,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
) -> Digest:
    """Every report published from ``since`` to ``until`` (both inclusive), what each changed
    for its council in every category it settled, and the figures for ``category`` before and
    after: :func:`~ofstedmodel.summarise` as at the day before ``since`` and as at ``until``,
    for England, by region and by Ofsted region.

    ``until`` defaults to the date the data runs to
    (:func:`~ofstedmodel.history.snapshot_date`: the bundled data's
    :data:`~ofstedmodel.datasets.as_of`, as on the command line; for other histories, their
    latest publication, so that no report is left out).

    Each report is compared with what was in force before it: for each category, the grade of
    the latest earlier graded inspection of the council that settles the category (a targeted
    inspection settles only what it judges; a full one settles every category, so an ILACS
    inspection from April 2026, which gives no overall effectiveness grade, ends the one in
    force). Raises :class:`~ofstedmodel.DateError` for a date that is not one, or ``since``
    after ``until``.

    >>> import ofstedmodel as om
    >>> result = digest(om.datasets.histories(), since="2026-06-01", until="2026-06-30")
    >>> [(r.council.name, r.get("overall").move.name) for r in result.reports]
    [('Brent', 'GRADE_LOST'), ('Somerset', 'GRADE_LOST'), ('Wolverhampton', 'SAME')]
    """
    population = histories_in(histories)
    first = to_date(since, "since")
    last = _runs_to(histories, population) if until is None else to_date(until, "until")
    wanted = Category.parse(category)
    if first > last:
        given = "" if until is not None else " (the data's snapshot; give until to choose)"
        raise DateError(
            f"since: {first.isoformat()} is after until, {last.isoformat()}{given}; give the "
            "earlier date as since",
            field="since",
            rule="dates in the wrong order",
            brief=f"{first.isoformat()} is after {last.isoformat()}",
        )
    try:
        eve = first - _dt.timedelta(days=1)
    except OverflowError:
        raise DateError(
            f"since: {first.isoformat()} has no day before it to count the figures as at; give "
            "a later date",
            field="since",
            rule="no day before",
        ) from None
    found: list[tuple[_dt.date, str, str, int, Report]] = []
    changes: dict[Council, Movement] = {}
    for history in population:
        own = reports_of(history, first, last)
        council = history.council
        found.extend((r.published, council.name, council.la_code, i, r) for i, r in enumerate(own))
        moved = [m for r in own for m in r.movements if m.category is wanted]
        if moved:
            net = movement_between(wanted, moved[0].before_inspection, moved[-1].after_inspection)
            if net is not None:
                changes[council] = net
    found.sort(key=lambda item: item[:4])
    ordered = sorted(changes, key=lambda c: (c.name, c.la_code))
    return Digest(
        first,
        last,
        wanted,
        tuple(item[-1] for item in found),
        {c: changes[c] for c in ordered},
        _figures(population, eve, wanted),
        _figures(population, last, wanted),
    )


def _runs_to(given: object, population: Sequence[History]) -> _dt.date:
    """The default ``until``: :func:`~ofstedmodel.history.snapshot_date`, refused as
    ``until`` when the histories hold nothing to date them by."""
    try:
        return data_end(given, population)
    except HistoryError:
        raise HistoryError(
            "until: the histories given hold no inspection or visit, so no date they run to; "
            "give until",
            field="until",
            rule="no date to default to",
        ) from None


# -- plain data --------------------------------------------------------------------------------


def _name(member: enum.Enum | None) -> str | None:
    return None if member is None else member.name


def _council_wire(council: Council) -> dict[str, Any]:
    return {"name": council.name, "la_code": council.la_code}


def _movement_wire(movement: Movement) -> dict[str, Any]:
    before = movement.before_inspection
    return {
        "category": movement.category.name,
        "move": movement.move.name,
        "before": _name(movement.before),
        "before_reason": _name(movement.before_reason),
        "before_published": None if before is None else before.published.isoformat(),
        "after": _name(movement.after),
        "after_reason": _name(movement.after_reason),
        "after_published": movement.after_inspection.published.isoformat(),
        "steps": movement.steps,
    }


def summary_wire(summary: Summary) -> dict[str, Any]:
    """A summary as plain data: :meth:`~ofstedmodel.Summary.to_json`, the shape of a summary
    in the command line's ``--json`` (internal)."""
    return summary.to_json()


def _figures_wire(figures: Figures) -> dict[str, Any]:
    return {
        "as_at": figures.as_at.isoformat(),
        "england": summary_wire(figures.england),
        "regions": [summary_wire(s) for s in figures.regions.values()],
        "ofsted_regions": [summary_wire(s) for s in figures.ofsted_regions.values()],
    }


@describe.register
def _describe_digest(result: Digest) -> str:
    return paragraph(result)


describe.register(Report, describe_report)
describe.register(Movement, describe_movement)


# -- the command line --------------------------------------------------------------------------


def command(
    histories: Mapping[str, History] | Iterable[History],
    *,
    since: _dt.date | str,
    until: _dt.date | str | None = None,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    by: str = "region",
) -> tuple[str, dict[str, Any]]:
    """``ofstedmodel digest --since DATE [--until DATE] [--category CATEGORY] [--by
    {region,ofsted_region}]``: the text to print and the ``--json`` document's fields (the
    digest's :meth:`Digest.to_json` with its ``description``)."""
    result = digest(histories, since=since, until=until, category=category)
    groups_before, groups_after = result.before.by(by), result.after.by(by)
    words = paragraph(result, by)
    lines = [
        f"What changed {window(result.since, result.until)}: "
        f"{_plural(len(result.reports), 'report')}, {result.category.value}",
        "",
    ]
    rows = [
        (
            r.published.isoformat(),
            r.council.name,
            r.inspection.kind.value,
            row_move(r.get(result.category), r.inspection),
        )
        for r in result.reports
    ]
    if rows:
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines += [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[3]
            for row in rows
        ]
        lines.append("")
    lines += figures_table(result.before.england, result.after.england, groups_before, groups_after)
    lines += ["", words]
    data = {**result.to_json(), "by": by, "description": words}
    return "\n".join(lines), data

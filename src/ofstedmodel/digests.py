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

from ._coerce import a, shown, to_date
from ._enums import VocabularyEnum, locked
from ._frozen import FrozenMap
from ._rich import RichDisplay
from .councils import Council
from .errors import DateError, HistoryError, OfstedModelError
from .frameworks import CURRENT_SCALE, Category
from .grades import Grade
from .history import History, data_end, histories_in
from .inspections import Inspection
from .narrative import _and, _capitalise, _place, _plural, describe, format_date
from .populations import GroupedSummary, LeftOut, Summary, _outcome, group_name, summarise

__all__ = ["Digest", "Figures", "Move", "Movement", "Report", "command", "digest"]


@locked
class Move(VocabularyEnum):
    """What a report did to its council's grade for one category.

    - ``UP``, ``DOWN``, ``SAME``: a grade was in force before and the report gave one, better,
      worse or at the same position on the scale (adequate to requires improvement is
      ``SAME``: the two share a position);
    - ``FIRST_GRADE``: no grade was in force before (none, or none that framework gave);
    - ``GRADE_LOST``: a grade was in force, and the report settled the category without
      grading it: its framework no longer gives the judgement (overall effectiveness under
      ILACS from April 2026) or the inspection did not make it;
    - ``UNKNOWN``: the data does not know a grade on one side, so the change is not known.

    >>> [move.name for move in Move]
    ['UP', 'DOWN', 'SAME', 'FIRST_GRADE', 'GRADE_LOST', 'UNKNOWN']
    """

    UP = "up"
    DOWN = "down"
    SAME = "same"
    FIRST_GRADE = "first grade"
    GRADE_LOST = "grade lost"
    UNKNOWN = "unknown"


def _frozen_changes(value: Mapping[Council, Movement]) -> FrozenMap[Council, Movement]:
    return FrozenMap(value)


Outcome = Grade | LeftOut


def _grade(outcome: Outcome) -> Grade | None:
    return outcome if isinstance(outcome, Grade) else None


def _reason(outcome: Outcome) -> LeftOut | None:
    return outcome if isinstance(outcome, LeftOut) else None


def _none(outcome: Outcome) -> bool:
    """No grade in force (as distinct from a grade the data does not know)."""
    return isinstance(outcome, LeftOut) and outcome.is_not_graded


@attrs.frozen(repr=False)
class Movement:
    """How one category's grade in force moved: from the inspection in force before (``None``
    when there was none) to ``after_inspection``.

    ``before`` and ``after`` are the grades, ``None`` when there is none or the data does not
    know it; then ``before_reason`` or ``after_reason`` says which (a
    :class:`~ofstedmodel.LeftOut`: ``NOT_INSPECTED``, ``NOT_GIVEN``, ``NOT_JUDGED`` or
    ``UNKNOWN``), so an unknown grade never reads as no grade.
    """

    category: Category
    move: Move
    before: Grade | None
    after: Grade | None
    before_inspection: Inspection | None
    after_inspection: Inspection
    before_reason: LeftOut | None = None
    after_reason: LeftOut | None = None

    @property
    def steps(self) -> int | None:
        """Grade positions moved, positive for better; ``None`` unless both grades are known."""
        if self.before is None or self.after is None:
            return None
        return self.before.code - self.after.code

    def __repr__(self) -> str:
        return (
            f"<Movement {self.category.value}: {_side(self.before, self.before_reason)} -> "
            f"{_side(self.after, self.after_reason)} ({self.move.value})>"
        )


def _side(grade: Grade | None, reason: LeftOut | None) -> str:
    if grade is not None:
        return grade.value
    return "unknown" if reason is LeftOut.UNKNOWN else "no grade"


def _move(before: Outcome, after: Outcome) -> Move | None:
    """The move from one outcome to the next; ``None`` when there was no grade on either side
    (nothing happened)."""
    if _none(after):
        return None if _none(before) else Move.GRADE_LOST
    if _none(before):
        return Move.FIRST_GRADE
    if not isinstance(before, Grade) or not isinstance(after, Grade):
        return Move.UNKNOWN
    steps = before.code - after.code
    return Move.UP if steps > 0 else Move.DOWN if steps < 0 else Move.SAME


def _movement(category: Category, before: Inspection | None, after: Inspection) -> Movement | None:
    was, now = _outcome(before, category), _outcome(after, category)
    move = _move(was, now)
    if move is None:
        return None
    return Movement(
        category,
        move,
        _grade(was),
        _grade(now),
        before,
        after,
        before_reason=_reason(was),
        after_reason=_reason(now),
    )


@attrs.frozen(repr=False)
class Report:
    """One report published in the window: the inspection or visit, and a :class:`Movement`
    for each category it settled where a grade was in force before or after it (none for a
    visit, which gives no grades), in the canonical category order."""

    inspection: Inspection
    movements: tuple[Movement, ...] = ()

    @property
    def council(self) -> Council:
        """The council inspected."""
        return self.inspection.council

    @property
    def published(self) -> _dt.date:
        """The publication date."""
        return self.inspection.published

    def get(self, category: object) -> Movement | None:
        """The movement for ``category``, or ``None`` when the report did not move it."""
        wanted = Category.parse(category)
        return next((m for m in self.movements if m.category is wanted), None)

    def __repr__(self) -> str:
        overall = self.get(Category.OVERALL_EFFECTIVENESS)
        tail = "" if overall is None else f": overall {overall.move.value}"
        return (
            f"<Report {self.council.name} {self.inspection.kind.value} "
            f"published {self.published.isoformat()}{tail}>"
        )


def _reports(history: History, since: _dt.date, until: _dt.date) -> list[Report]:
    """The history's reports published from ``since`` to ``until``, each against the
    inspection in force before it for each category (the one before it in the history's
    order that settles the category: a targeted inspection settles only what it judges)."""
    found: list[Report] = []
    earlier: list[Inspection] = []
    for inspection in history.inspections:
        graded = inspection.is_graded
        if since <= inspection.published <= until:
            movements: list[Movement] = []
            if graded:
                for category in Category:
                    if not inspection.covers(category):
                        continue
                    before = next((i for i in reversed(earlier) if i.covers(category)), None)
                    movement = _movement(category, before, inspection)
                    if movement is not None:
                        movements.append(movement)
            found.append(Report(inspection, tuple(movements)))
        if graded:
            earlier.append(inspection)
    return found


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
        own = _reports(history, first, last)
        council = history.council
        found.extend((r.published, council.name, council.la_code, i, r) for i, r in enumerate(own))
        moved = [m for r in own for m in r.movements if m.category is wanted]
        if moved:
            net = _movement(wanted, moved[0].before_inspection, moved[-1].after_inspection)
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
    """A summary as plain data: the shape of a summary in the command line's ``--json``
    (internal)."""
    group = summary.group
    return {
        "group": None
        if group is None
        else group.name
        if isinstance(group, enum.Enum)
        else group_name(group),
        "group_label": None if group is None else group_name(group),
        "as_at": summary.as_at.isoformat(),
        "category": summary.category.name,
        "counts": {g.name: n for g, n in summary.counts.items()},
        "total": summary.total,
        "good_or_better": summary.good_or_better,
        "share_good_or_better": summary.share_good_or_better,
        "not_graded": summary.not_graded,
        "unknown": summary.unknown,
        "existing": summary.existing,
        "published_by": summary.published_by.isoformat(),
        "left_out": {
            reason.name: sum(1 for r in summary.left_out.values() if r is reason)
            for reason in LeftOut
        },
        "pre_2013": len(summary.pre_2013_councils),
    }


def _figures_wire(figures: Figures) -> dict[str, Any]:
    return {
        "as_at": figures.as_at.isoformat(),
        "england": summary_wire(figures.england),
        "regions": [summary_wire(s) for s in figures.regions.values()],
        "ofsted_regions": [summary_wire(s) for s in figures.ofsted_regions.values()],
    }


# -- words -------------------------------------------------------------------------------------


def _window(since: _dt.date, until: _dt.date) -> str:
    """'on 1 April 2025', 'between 1 and 30 April 2025', 'between 1 April and 30 September
    2025', 'between 1 April 2024 and 31 March 2025'."""
    if since == until:
        return f"on {format_date(since)}"
    if since.year != until.year:
        return f"between {format_date(since)} and {format_date(until)}"
    if since.month != until.month:
        return f"between {since.day} {since:%B} and {format_date(until)}"
    return f"between {since.day} and {format_date(until)}"


def _shares(before: float, after: float) -> tuple[str, str]:
    """Two shares as percentages, with as many decimals as it takes to tell them apart (up
    to three)."""
    for places in range(4):
        texts = (f"{before * 100:.{places}f}%", f"{after * 100:.{places}f}%")
        if texts[0] != texts[1] or before == after:
            return texts
    return texts


def _grade_words(grade: Grade | None, reason: LeftOut | None) -> str:
    if grade is not None:
        return grade.label.lower()
    return "a grade the data does not know" if reason is LeftOut.UNKNOWN else "no grade"


def _what(movement: Movement) -> str:
    """'rose from requires improvement to be good to good', 'lost its good grade: ILACS 2026
    gives none', ..."""
    before = _grade_words(movement.before, movement.before_reason)
    after = _grade_words(movement.after, movement.after_reason)
    move = movement.move
    if move is Move.UP:
        return f"rose from {before} to {after}"
    if move is Move.DOWN:
        return f"fell from {before} to {after}"
    if move is Move.SAME:
        if movement.before is movement.after:
            return f"stayed {after}"
        return f"went from {before} to {after}, the same position on the scale"
    if move is Move.FIRST_GRADE:
        return _first(movement, after)
    if move is Move.GRADE_LOST:
        inspection = movement.after_inspection
        why = (
            f"{inspection.era.name} gives no such grade"
            if movement.after_reason is LeftOut.NOT_GIVEN
            else "the inspection did not judge it"
        )
        return f"is no longer graded (it was {before}): {why}"
    return f"went from {before} to {after}; the change is not known"


def _first(movement: Movement, after: str) -> str:
    """A first grade in words: the first in the data, or one after a spell with none in force
    because the framework or the inspection before gave none."""
    before = movement.before_inspection
    if before is None or movement.before_reason is LeftOut.NOT_INSPECTED:
        return f"received its first grade in the data: {after}"
    why = (
        f"{before.era.name} gave none"
        if movement.before_reason is LeftOut.NOT_GIVEN
        else "the inspection before did not judge it"
    )
    return f"was graded {after}, with no grade in force before ({why})"


def _describe_movement(movement: Movement) -> str:
    """'Wigan's overall effectiveness rose from requires improvement to be good to good
    (ILACS standard inspection published 15 May 2025).'"""
    after = movement.after_inspection
    return (
        f"{after.council.name}'s {movement.category.value} {_what(movement)} "
        f"({after.kind.value} published {format_date(after.published)})."
    )


def _describe_report(report: Report) -> str:
    """'Wigan's ILACS standard inspection, published 15 May 2025: overall effectiveness rose
    from ...; leadership ...'."""
    head = (
        f"{report.council.name}'s {report.inspection.kind.value}, published "
        f"{format_date(report.published)}"
    )
    if not report.inspection.is_graded:
        return f"{head}, gives no grades."
    if not report.movements:
        return f"{head}, changed no grade."
    return f"{head}: " + "; ".join(f"{m.category.value} {_what(m)}" for m in report.movements) + "."


#: The moves in the order a paragraph counts them, with the words for one council and for more.
_MOVE_WORDS = (
    (Move.UP, "improved", "improved"),
    (Move.DOWN, "declined", "declined"),
    (Move.SAME, "kept the same grade", "kept the same grade"),
    (Move.FIRST_GRADE, "received its first grade", "received their first grade"),
    (Move.GRADE_LOST, "lost its grade", "lost their grade"),
)


def _moves_clause(result: Digest) -> str:
    """'5 councils improved, 3 declined and 1 received its first grade' ('' when none)."""
    items: list[str] = []
    for move, one, many in _MOVE_WORDS:
        councils = result._where(move)
        n = len(councils)
        if not n:
            continue
        count = str(n) if items else _plural(n, "council")
        if move is Move.FIRST_GRADE and any(
            result.changes[c].before_reason is not LeftOut.NOT_INSPECTED for c in councils
        ):
            # Not a first grade for all: some had one before, under a framework that gave it.
            one = many = "received a grade where none was in force"
        items.append(f"{count} {one if n == 1 else many}")
    return _and(items)


def _lost_sentence(result: Digest) -> str | None:
    """Why grades were lost: 'ILACS 2026 gives no overall effectiveness grade.'"""
    lost = [result.changes[c] for c in result.lost]
    if not lost:
        return None
    category = result.category.value
    eras = sorted(
        {m.after_inspection.era.name for m in lost if m.after_reason is LeftOut.NOT_GIVEN}
    )
    not_judged = sum(1 for m in lost if m.after_reason is LeftOut.NOT_JUDGED)
    parts = []
    if eras:
        verb = "gives" if len(eras) == 1 else "give"
        parts.append(f"{_and(eras)} {verb} no {category} grade")
    if not_judged:
        parts.append(
            f"{_plural(not_judged, 'latest inspection')} did not judge {category}, though "
            "the framework gives the grade"
        )
    return (
        _capitalise("; ".join(parts))
        + ", and a council with no grade in force is left out of the share."
    )


def _unknown_sentence(result: Digest) -> str | None:
    n = len(result.unknown)
    if not n:
        return None
    whose = "its report" if n == 1 else "their reports"
    return (
        f"For {_plural(n, 'council')} the data does not know a grade before or after {whose}, "
        "so the change is not known."
    )


def _graded_phrase(summary: Summary) -> str:
    known = "a known grade" if summary.unknown else "a grade"
    return f"{summary.good_or_better} of {_plural(summary.total, 'council')} with {known} in force"


def _share_sentence(result: Digest, by: str, mention_category: bool) -> str:
    before, after = result.before.england, result.after.england
    category = f" for {result.category.value}" if mention_category else ""
    subject = f"The share of councils judged good or outstanding{category}"
    if not before.total and not after.total:
        return f"No council had {a(result.category.value)} grade in force before or after."
    if not before.total:
        return (
            f"{subject} was {_shares(0, after.share_good_or_better)[1]} on "
            f"{format_date(after.as_at)} ({_graded_phrase(after)}); no council had a grade in "
            f"force on {format_date(before.as_at)}."
        ) + _thin(after)
    if not after.total:
        return (
            f"No council had {a(result.category.value)} grade in force on "
            f"{format_date(after.as_at)}; on {format_date(before.as_at)} "
            f"{_shares(before.share_good_or_better, 0)[0]} were good or outstanding."
        ) + _thin(before)
    was, now = _shares(before.share_good_or_better, after.share_good_or_better)
    change = before.share_good_or_better - after.share_good_or_better
    verb = (
        f"stayed at {now}"
        if change == 0
        else f"rose from {was} to {now}"
        if change < 0
        else f"fell from {was} to {now}"
    )
    text = (
        f"{subject} {verb} (from {_graded_phrase(before)} on {format_date(before.as_at)} to "
        f"{after.good_or_better} of {after.total} on {format_date(after.as_at)})"
    )
    regional = _regional(result.before.by(by), result.after.by(by), by)
    return f"{text}{regional}." + _thin(before, after)


def _thin(*summaries: Summary) -> str:
    """' The figure on 31 March 2023 rests on only 7 of 152 councils.' for each figure resting
    on under half the councils that existed ('' when none does)."""
    thin = [s for s in summaries if s.total and 2 * s.total < s.existing]
    if not thin:
        return ""
    parts = [
        f"{s.total} of {_plural(s.existing, 'council')} on {format_date(s.as_at)}" for s in thin
    ]
    subject = "The figures rest" if len(thin) > 1 else "The figure rests"
    return f" {subject} on only {_and(parts)}."


def _from_to(before: Summary, after: Summary) -> str:
    """'from 50% to 67%', and what it rests on where under half the councils are graded."""
    was, now = _shares(before.share_good_or_better, after.share_good_or_better)
    text = f"from {was} to {now}"
    if 2 * min(before.total, after.total) < max(before.existing, after.existing):
        text += (
            f", resting on only {before.total} then {after.total} of "
            f"{_plural(after.existing, 'council')}"
        )
    return text


def _regional(before: GroupedSummary, after: GroupedSummary, by: str) -> str:
    """'; the largest rise was in the North East (from 50% to 67%); the largest fall was in
    London (from 80% to 75%)', among the groups with councils graded on both dates."""
    pairs = {
        group: (before[group], after[group])
        for group in after
        if group is not None and group in before and before[group].total and after[group].total
    }
    if not pairs:
        return ""
    deltas = {
        group: now.share_good_or_better - was.share_good_or_better
        for group, (was, now) in pairs.items()
    }
    clauses = []
    for word, best in (("rise", max(deltas.values())), ("fall", min(deltas.values()))):
        if (best > 0) if word == "rise" else (best < 0):
            tied = [f"{_place(g)} ({_from_to(*pairs[g])})" for g, d in deltas.items() if d == best]
            where = f"in {tied[0]}" if len(tied) == 1 else f"shared by {_and(tied)}"
            clauses.append(f"the largest {word} was {where}")
    if not clauses:
        noun = "region" if by == "region" else "Ofsted region"
        clauses.append(f"no {noun}'s share changed")
    return "; " + "; ".join(clauses)


def _counts_sentence(result: Digest) -> str | None:
    before, after = result.before.england, result.after.england
    if not before.total and not after.total:
        return None
    grades = (*CURRENT_SCALE, Grade.ADEQUATE)
    items = []
    for grade in grades:
        was, now = before.counts.get(grade, 0), after.counts.get(grade, 0)
        if not was and not now:
            continue
        label = grade.label.lower()
        items.append(f"{label} unchanged at {now}" if was == now else f"{label} {was} to {now}")
    return f"Councils by grade: {_and(items)}."


def _paragraph(result: Digest, by: str = "region") -> str:
    """The digest in words, naming the largest regional moves ``by`` region or Ofsted region
    (internal: :func:`describe` and :func:`command`)."""
    window = _window(result.since, result.until)
    reports = result.reports
    sentences: list[str | None] = []
    mention = True
    if not reports:
        sentences.append(
            f"The data holds no report on councils' children's services published {window}."
        )
    else:
        head = (
            f"{_capitalise(window)} Ofsted published {_plural(len(reports), 'report')} on "
            "councils' children's services"
        )
        visits = len(result.visits)
        if visits == len(reports):
            head += (
                ", a visit that gives no grades"
                if visits == 1
                else ", all of them visits that give no grades"
            )
        elif visits:
            head += (
                f", {visits} of them {'a visit that gives' if visits == 1 else 'visits that give'}"
                " no grades"
            )
        clause = _moves_clause(result)
        graded = len(reports) - visits
        if clause:
            head += f": for {result.category.value}, {clause}"
            mention = False
        elif graded and not result.unknown:
            head += (
                f"; {'it did not grade' if len(reports) == 1 else 'none of them graded'} "
                f"{result.category.value}"
            )
            mention = False
        sentences += [head + ".", _lost_sentence(result), _unknown_sentence(result)]
    sentences += [_share_sentence(result, by, mention), _counts_sentence(result)]
    return " ".join(s for s in sentences if s)


@describe.register
def _describe_digest(result: Digest) -> str:
    return _paragraph(result)


describe.register(Report, _describe_report)
describe.register(Movement, _describe_movement)


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
    paragraph = _paragraph(result, by)
    lines = [
        f"What changed {_window(result.since, result.until)}: "
        f"{_plural(len(result.reports), 'report')}, {result.category.value}",
        "",
    ]
    rows = [
        (
            r.published.isoformat(),
            r.council.name,
            r.inspection.kind.value,
            _row_move(r.get(result.category), r.inspection),
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
    lines += _figures_table(
        result.before.england, result.after.england, groups_before, groups_after
    )
    lines += ["", paragraph]
    data = {**result.to_json(), "by": by, "description": paragraph}
    return "\n".join(lines), data


def _row_move(movement: Movement | None, inspection: Inspection) -> str:
    if not inspection.is_graded:
        return "no grades (a visit)"
    if movement is None:
        return "no change"
    before = _side(movement.before, movement.before_reason)
    after = _side(movement.after, movement.after_reason)
    return f"{before} -> {after} ({movement.move.value})"


def _figures_table(
    before: Summary, after: Summary, groups_before: GroupedSummary, groups_after: GroupedSummary
) -> list[str]:
    """Good or better as at each date, with the councils counted, for England and each group."""
    rows = [("England", before, after)] + [
        (group_name(g), groups_before[g], groups_after[g])
        for g in groups_after
        if g in groups_before
    ]
    width = max(len(name) for name, _, _ in rows) + 2
    head_before = f"as at {before.as_at.isoformat()}"
    head_after = f"as at {after.as_at.isoformat()}"
    lines = [
        f"{'Good or outstanding':<{width}}{head_before:>24}{head_after:>24}",
    ]
    for name, was, now in rows:
        lines.append(f"{name:<{width}}{_cell(was):>24}{_cell(now):>24}")
    return lines


def _cell(summary: Summary) -> str:
    if not summary.total:
        return "no known grade" if summary.unknown else "none graded"
    return f"{summary.share_good_or_better:.1%} ({summary.good_or_better} of {summary.total})"

"""Turnarounds: every move of a council from one grade to at least another, fastest first.

A turnaround runs from the last inspection that gave ``from_grade`` to the first after it
that gave ``to_at_least`` or better, with the grades given between (a move from inadequate
to good may pass through requires improvement). Its time is calendar time between the two
publications, and between the two fieldwork starts where the data knows both. The judgement is
followed across frameworks (:attr:`Turnaround.definition_changed` says when its wording
differs at the two ends). Adequate and requires improvement are different grades.

The seed story: Rotherham, judged inadequate in November 2014, good in January 2018:

    >>> import ofstedmodel as om
    >>> moves = om.turnarounds(om.datasets.histories())
    >>> rotherham = moves.council("Rotherham")[0]
    >>> rotherham.elapsed
    relativedelta(years=+3, months=+2, days=+10)
    >>> print(om.describe(rotherham))
    Rotherham went from inadequate to good for overall effectiveness in 3 years, 2 months and
    10 days (reports published 19 November 2014 and 29 January 2018; 3 years, 1 month and 21
    days between the fieldwork starts): the 13th fastest of 55 such moves in the data.

A move with a grade between that the data does not know, or a judgement not given between,
cannot be timed: it may have come sooner. Such moves are kept apart, in
:attr:`Turnarounds.untimed`, never ranked, never dropped.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from ._coerce import normalise_text, shown
from ._rich import RichDisplay
from ._rows import Rows
from .councils import Council, CouncilKind, OfstedRegion, Region
from .errors import CouncilError, GradeError, HistoryError
from .frameworks import Category
from .grades import Grade
from .history import History, histories_in
from .inspections import Inspection
from .narrative import describe, format_date, format_duration
from .standing import (
    council_filter,
    council_json,
    duration_json,
    inspection_json,
    line,
    members,
    number,
    parsed,
    plural,
)

__all__ = ["Turnaround", "Turnarounds", "turnarounds"]

Histories = Mapping[str, History] | Iterable[History]


def _inspections(value: Iterable[Inspection]) -> tuple[Inspection, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Turnaround:
    """One council's move from ``from_grade`` to ``to_at_least`` or better for a judgement.

    ``before`` is the last inspection that gave ``from_grade`` before the move, ``after`` the
    first after it to reach ``to_at_least``, ``between`` the inspections between them that
    judged the category (none of them at ``from_grade`` or reaching ``to_at_least``).
    ``rank`` is its place among the timed moves found with it, 1 the fastest (tied moves share
    a place), of ``out_of``; ``None`` for a move that cannot be timed.

    >>> import ofstedmodel as om
    >>> move = om.turnarounds(om.datasets.histories()).council("Calderdale")[0]
    >>> [g.value for g in move.path]
    ['inadequate', 'requires improvement', 'good']
    >>> move.steps, move.rank, move.out_of
    (2, 29, 55)
    """

    council: Council
    category: Category
    before: Inspection
    after: Inspection
    between: tuple[Inspection, ...] = attrs.field(default=(), converter=_inspections)
    rank: int | None = None
    out_of: int = 0
    #: Whether another move took exactly as many days, sharing the rank.
    joint: bool = False

    def __attrs_post_init__(self) -> None:
        for side, inspection in (("before", self.before), ("after", self.after)):
            if inspection.council.la_code != self.council.la_code:
                raise HistoryError(
                    f"{side}: {shown(inspection)} is not of {self.council.name}",
                    field=side,
                    rule="another council's inspection",
                )
            if inspection._grade_of(self.category) is None:
                raise HistoryError(
                    f"{side}: {shown(inspection)} gives no {self.category.value} grade the data "
                    "knows; a turnaround runs between two grades",
                    field=side,
                    rule="no grade to move from or to",
                )
        if self.after.published <= self.before.published:
            raise HistoryError(
                f"after: published {self.after.published.isoformat()}, not after before's "
                f"{self.before.published.isoformat()}",
                field="after",
                rule="dates in the wrong order",
            )

    @property
    def from_grade(self) -> Grade:
        """The grade moved from (``before``'s)."""
        grade = self.before._grade_of(self.category)
        assert grade is not None  # checked at construction
        return grade

    @property
    def to_grade(self) -> Grade:
        """The grade reached (``after``'s): ``to_at_least`` or better."""
        grade = self.after._grade_of(self.category)
        assert grade is not None
        return grade

    @property
    def path(self) -> tuple[Grade | None, ...]:
        """The grades from ``before`` to ``after``, both included (``None`` for a grade the
        data does not know, or not given, between them)."""
        return tuple(i._grade_of(self.category) for i in (self.before, *self.between, self.after))

    @property
    def steps(self) -> int:
        """Grade positions gained, as :attr:`Change.steps <ofstedmodel.Change.steps>`:
        inadequate to good is ``2``."""
        return self.from_grade.code - self.to_grade.code

    @property
    def elapsed(self) -> relativedelta:
        """The calendar time between the two publications."""
        return relativedelta(self.after.published, self.before.published)

    @property
    def days(self) -> int:
        """The days between the two publications: what the ranking orders by."""
        return (self.after.published - self.before.published).days

    @property
    def fieldwork_elapsed(self) -> relativedelta | None:
        """The calendar time between the two fieldwork starts, or ``None`` when the data does
        not know either start (unknown stays unknown)."""
        if self.before.start is None or self.after.start is None:
            return None
        return relativedelta(self.after.start, self.before.start)

    @property
    def timed(self) -> bool:
        """Whether the move can be timed: every grade between is known. Otherwise one of
        them may already have reached ``to_at_least``, and the move may have come sooner."""
        return all(grade is not None for grade in self.path)

    @property
    def definition_changed(self) -> bool:
        """Whether the framework's wording of the judgement differs between the two ends."""
        return self.before.era.labels[self.category] != self.after.era.labels[self.category]

    def to_json(self) -> dict[str, Any]:
        """Plain data for :func:`json.dumps`, in the wire vocabulary of the library's own
        formats: enum members by name, dates in ISO form, ``None`` for none.

        >>> import ofstedmodel as om
        >>> move = om.turnarounds(om.datasets.histories()).council("Rotherham")[0]
        >>> data = move.to_json()
        >>> data["from_grade"], data["to_grade"], data["elapsed"], data["rank"]
        ('INADEQUATE', 'GOOD', {'years': 3, 'months': 2, 'days': 10}, 13)
        """
        fieldwork = self.fieldwork_elapsed
        return {
            "council": council_json(self.council),
            "category": self.category.name,
            "from_grade": self.from_grade.name,
            "to_grade": self.to_grade.name,
            "path": [None if g is None else g.name for g in self.path],
            "steps": self.steps,
            "before": inspection_json(self.before),
            "after": inspection_json(self.after),
            "between": [inspection_json(i) for i in self.between],
            "elapsed": duration_json(self.elapsed),
            "days": self.days,
            "fieldwork_elapsed": None if fieldwork is None else duration_json(fieldwork),
            "timed": self.timed,
            "definition_changed": self.definition_changed,
            "rank": self.rank,
            "out_of": self.out_of,
        }

    def __repr__(self) -> str:
        return (
            f"<Turnaround {self.council.name} {self.category.value}: {self.from_grade.value} "
            f"({self.before.published.isoformat()}) -> {self.to_grade.value} "
            f"({self.after.published.isoformat()}), {format_duration(self.elapsed)}>"
        )


def _moves(value: Iterable[Turnaround]) -> tuple[Turnaround, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Turnarounds(Rows[Turnaround], RichDisplay):
    """Every timed move from ``from_grade`` to ``to_at_least`` or better for a judgement, in
    the histories given: a read-only sequence, fastest first (ties by council name).
    ``untimed`` holds the moves that cannot be timed (see :attr:`Turnaround.timed`).

    >>> import ofstedmodel as om
    >>> moves = om.turnarounds(om.datasets.histories())
    >>> moves
    <Turnarounds overall effectiveness from inadequate to good or better: 55 moves>
    >>> fastest = moves[0]
    >>> fastest.council.name, fastest.elapsed
    ('Cambridgeshire', relativedelta(years=+1, months=+9, days=+20))
    """

    category: Category
    from_grade: Grade
    to_at_least: Grade
    rows: tuple[Turnaround, ...] = attrs.field(converter=_moves)
    untimed: tuple[Turnaround, ...] = attrs.field(default=(), converter=_moves, kw_only=True)

    _name = "turnarounds"
    _noun = "moves"
    _lookup = "find a council's moves with .council(name)"

    def where(
        self,
        *,
        to_grade: Grade | str | Iterable[Grade | str] | None = None,
        region: Region | str | Iterable[Region | str] | None = None,
        ofsted_region: OfstedRegion | str | Iterable[OfstedRegion | str] | None = None,
        kind: CouncilKind | str | Iterable[CouncilKind | str] | None = None,
        since: _dt.date | str | None = None,
    ) -> Turnarounds:
        """The moves matching every filter given (each one value or several): the grade
        reached, the council's region, Ofsted region or kind, and ``since``, moves whose
        ``before`` was published on or after a date. Each keeps its rank among all the moves
        (``untimed`` is filtered alike).

        >>> import ofstedmodel as om
        >>> moves = om.turnarounds(om.datasets.histories())
        >>> [(m.council.name, m.rank) for m in moves.where(region="Yorkshire and the Humber")][:2]
        [('Doncaster', 5), ('East Riding of Yorkshire', 11)]
        """
        from ._coerce import to_optional_date

        grades = members(Grade, to_grade, "to_grade")
        place = council_filter(region, ofsted_region, kind)
        start = to_optional_date(since, "since")

        def keep(move: Turnaround) -> bool:
            return (
                (grades is None or move.to_grade in grades)
                and place(move.council)
                and (start is None or move.before.published >= start)
            )

        return attrs.evolve(
            self,
            rows=[m for m in self.rows if keep(m)],
            untimed=[m for m in self.untimed if keep(m)],
        )

    def council(self, key: Council | str) -> tuple[Turnaround, ...]:
        """The moves of one council, timed ones first in order (a council may turn round
        more than once): a :class:`~ofstedmodel.Council`, its DfE code or its name (any case
        and punctuation). A council with none gives ``()``; a key that names no council
        among the moves and is not a :class:`~ofstedmodel.Council` raises
        :class:`~ofstedmodel.CouncilError`.
        """
        moves = (*sorted(self.rows, key=lambda m: m.before.published), *self.untimed)
        if isinstance(key, Council):
            return tuple(m for m in moves if m.council.la_code == key.la_code)
        if not isinstance(key, str):
            raise CouncilError(
                f"council: {shown(key)} is not a Council, a DfE code or a council's name",
                field="council",
            )
        text, code = normalise_text(key), key.strip()
        found = tuple(
            m for m in moves if m.council.la_code == code or normalise_text(m.council.name) == text
        )
        if found:
            return found
        raise CouncilError(
            f"council: no move of {shown(key)} is among these {len(self.rows)} turnarounds "
            "(give a Council to ask of any council, with or without moves)",
            field="council",
            rule="not among the councils",
        )

    def to_json(self) -> dict[str, Any]:
        """Plain data for :func:`json.dumps`: what was asked and every move's
        :meth:`Turnaround.to_json`, fastest first, then the untimed ones."""
        return {
            "category": self.category.name,
            "from_grade": self.from_grade.name,
            "to_at_least": self.to_at_least.name,
            "turnarounds": [m.to_json() for m in self.rows],
            "untimed": [m.to_json() for m in self.untimed],
        }

    def __repr__(self) -> str:
        untimed = f", {len(self.untimed)} untimed" if self.untimed else ""
        return (
            f"<Turnarounds {self.category.value} from {self.from_grade.value} to "
            f"{_at_least(self.to_at_least)}: {plural(len(self.rows), 'move')}{untimed}>"
        )


def _at_least(grade: Grade) -> str:
    return grade.value if grade is Grade.OUTSTANDING else f"{grade.value} or better"


def turnarounds(
    histories: Histories,
    *,
    from_grade: Grade | str = Grade.INADEQUATE,
    to_at_least: Grade | str = Grade.GOOD,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
) -> Turnarounds:
    """Every move of a council from ``from_grade`` to ``to_at_least`` or better for
    ``category``, fastest first, each ranked.

    Along each council's inspections that judged the category, a move starts at an
    inspection giving ``from_grade`` (a later one giving it again restarts it) and ends at
    the first inspection after it giving ``to_at_least`` or better; the next move needs
    ``from_grade`` again. ``to_at_least`` must be better than ``from_grade``.

    >>> import ofstedmodel as om
    >>> moves = om.turnarounds(om.datasets.histories(), from_grade="requires improvement",
    ...                        to_at_least="outstanding")
    >>> moves[0].council.name, moves[0].elapsed
    ('York', relativedelta(years=+2, months=+11, days=+11))
    >>> om.turnarounds([], from_grade="good", to_at_least="inadequate")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.GradeError: to_at_least: inadequate is not better than from_grade good; ...
    """
    start: Grade = parsed(Grade, from_grade, "from_grade")
    target: Grade = parsed(Grade, to_at_least, "to_at_least")
    wanted: Category = parsed(Category, category, "category")
    if not target > start:
        raise GradeError(
            f"to_at_least: {target.value} is not better than from_grade {start.value}; a "
            "turnaround moves up the scale",
            field="to_at_least",
            rule="not better than from_grade",
            brief=f"{target.value} is not better than {start.value}",
        )
    found: list[Turnaround] = []
    for history in histories_in(histories):
        found.extend(_moves_of(history, wanted, start, target))
    timed = sorted(
        (m for m in found if m.timed),
        key=lambda m: (m.days, normalise_text(m.council.name), m.before.published),
    )
    untimed = sorted(
        (m for m in found if not m.timed),
        key=lambda m: (normalise_text(m.council.name), m.before.published),
    )
    days = Counter(m.days for m in timed)
    ranked: list[Turnaround] = []
    for position, move in enumerate(timed):
        tied = bool(position) and timed[position - 1].days == move.days
        rank = ranked[-1].rank if tied else position + 1
        ranked.append(attrs.evolve(move, rank=rank, out_of=len(timed), joint=days[move.days] > 1))
    return Turnarounds(wanted, start, target, ranked, untimed=untimed)


def _moves_of(
    history: History, category: Category, start: Grade, target: Grade
) -> list[Turnaround]:
    moves = []
    pending: Inspection | None = None
    between: list[Inspection] = []
    for inspection, outcome in line(history, category):
        if outcome is start:
            pending, between = inspection, []
        elif pending is None:
            continue
        elif isinstance(outcome, Grade) and outcome >= target:
            moves.append(Turnaround(history.council, category, pending, inspection, between))
            pending, between = None, []
        else:
            between.append(inspection)
    return moves


# -- in words ------------------------------------------------------------------------------------


def ordinal(n: int) -> str:
    """'1st', '2nd', '13th', '22nd' (internal)."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _grade_words(grade: Grade) -> str:
    return grade.label.lower()


def _place(move: Turnaround) -> str:
    """'the 13th fastest of 55', 'the joint 7th fastest of 55', 'the fastest of 55'."""
    assert move.rank is not None
    joint = "joint " if move.joint else ""
    place = "fastest" if move.rank == 1 else f"{ordinal(move.rank)} fastest"
    return f"the {joint}{place} of {move.out_of}"


def _what(move: Turnaround) -> str:
    return (
        f"{move.council.name} went from {_grade_words(move.from_grade)} to "
        f"{_grade_words(move.to_grade)} for {move.category.value}"
    )


def _fieldwork(move: Turnaround) -> str:
    fieldwork = move.fieldwork_elapsed
    if fieldwork is None:
        return "the fieldwork dates of one or both are not known"
    return f"{format_duration(fieldwork)} between the fieldwork starts"


def _gap(inspection: Inspection, category: Category) -> str:
    """Why an inspection between gives no grade to go by."""
    if category not in inspection.era.labels:
        how = "not graded separately" if inspection.era.judged_within(category) else "not graded"
        return f"{how} ({inspection.era.name})"
    if not inspection._knows(category):
        return "a grade the data does not know"
    return "not judged"


def _gap_sentence(inspection: Inspection, category: Category) -> str:
    """Why the grade between is not there to go by, as a clause."""
    published = format_date(inspection.published)
    if category not in inspection.era.labels:
        how = " separately" if inspection.era.judged_within(category) else ""
        return (
            f"the inspection published {published} ({inspection.era.name}) did not grade "
            f"{category.value}{how}"
        )
    if not inspection._knows(category):
        return f"the data does not know the grade of the inspection published {published}"
    return f"the inspection published {published} did not judge {category.value}"


def _step(inspection: Inspection, category: Category) -> str:
    grade = inspection._grade_of(category)
    return _gap(inspection, category) if grade is None else _grade_words(grade)


def _through(move: Turnaround) -> str:
    """', by way of requires improvement to be good', or nothing for a direct move."""
    if not move.between:
        return ""
    return ", by way of " + ", ".join(_step(i, move.category) for i in move.between)


def _describe_turnaround(move: Turnaround) -> str:
    """'Rotherham went from inadequate to good for overall effectiveness in 3 years, 2 months
    and 10 days (...): the 13th fastest of 55 such moves in the data.'"""
    before, after = format_date(move.before.published), format_date(move.after.published)
    if not move.timed:
        gaps = [
            _gap_sentence(i, move.category)
            for i in move.between
            if i._grade_of(move.category) is None
        ]
        text = (
            f"{move.council.name} went from {_grade_words(move.from_grade)} (published "
            f"{before}) to {_grade_words(move.to_grade)} (published {after}) for "
            f"{move.category.value}, {format_duration(move.elapsed)} apart{_through(move)}. "
            f"The move cannot be timed: {'; '.join(gaps)}, so it may have come sooner."
        )
    else:
        text = (
            f"{_what(move)} in {format_duration(move.elapsed)}{_through(move)} (reports "
            f"published {before} and {after}; {_fieldwork(move)})"
            + ("." if move.rank is None else f": {_place(move)} such moves in the data.")
        )
    if move.definition_changed:
        text += (
            " The judgement's definition changed between frameworks: "
            f"\u201c{move.before.era.labels[move.category]}\u201d then "
            f"\u201c{move.after.era.labels[move.category]}\u201d."
        )
    return text


def _describe_turnarounds(moves: Turnarounds) -> str:
    """The paragraph a journalist would write: how many moves, the fastest, the middle one,
    the slowest, and what could not be timed."""
    category = moves.category.value
    start, target = _grade_words(moves.from_grade), _at_least(moves.to_at_least)
    untimed = moves.untimed
    rows = moves.rows
    if not rows:
        text = f"No council in the data went from {start} to {target} for {category}"
        text += (
            f" in a move that can be timed; {plural(len(untimed), 'move')} cannot be timed: "
            "a grade between is not known in the data or was not given."
            if untimed
            else "."
        )
        return text
    councils = len({m.council.la_code for m in rows})
    sentences = [
        f"The data holds {plural(len(rows), 'move')} from {start} to {target} for {category}"
        + (f", by {plural(councils, 'council')}" if councils != len(rows) else "")
        + f", between {format_date(min(m.before.published for m in rows))} and "
        f"{format_date(max(m.after.published for m in rows))}."
    ]
    fastest = rows[0]
    tied = [m for m in rows if m.days == fastest.days]
    names = (
        " and ".join(m.council.name for m in tied)
        if len(tied) <= 2
        else (", ".join(m.council.name for m in tied[:-1]) + " and " + tied[-1].council.name)
    )
    sentences.append(
        f"The fastest: {names}, from {_grade_words(fastest.from_grade)} (published "
        f"{format_date(fastest.before.published)}) to {_grade_words(fastest.to_grade)} "
        f"({format_date(fastest.after.published)}) in {format_duration(fastest.elapsed)}."
    )
    if len(rows) > 2:
        middle = rows[(len(rows) - 1) // 2]
        sentences.append(
            f"The median move took {format_duration(middle.elapsed)} ({middle.council.name}'s, "
            f"the {ordinal((len(rows) - 1) // 2 + 1)} of {len(rows)})."
        )
    if len(rows) > 1:
        slowest = rows[-1]
        sentences.append(
            f"The slowest: {slowest.council.name}, {format_duration(slowest.elapsed)} from "
            f"{format_date(slowest.before.published)} to {format_date(slowest.after.published)}."
        )
    direct = sum(1 for m in rows if not m.between)
    if len(rows) > 1:
        sentences.append(
            f"Of the {len(rows)}, {number(direct)} made the move at the next inspection; the "
            "others passed through another grade first."
            if 0 < direct < len(rows)
            else f"{'Both' if len(rows) == 2 else 'Every one'} made the move at the next "
            "inspection."
            if direct == len(rows)
            else "Each passed through another grade before the move."
        )
    changed = sum(1 for m in rows if m.definition_changed)
    if changed:
        sentences.append(
            f"Of these moves, {changed} span{'s' if changed == 1 else ''} a change of the "
            "judgement's definition between frameworks."
        )
    if untimed:
        more = "One more move" if len(untimed) == 1 else f"Another {len(untimed)} moves"
        sentences.append(
            f"{more} cannot be timed: a grade between is not known in the data or was not given."
        )
    return " ".join(sentences)


describe.register(Turnaround, _describe_turnaround)
describe.register(Turnarounds, _describe_turnarounds)


# -- the command line ----------------------------------------------------------------------------


def command(
    histories: Histories,
    *,
    from_grade: Grade | str = Grade.INADEQUATE,
    to_at_least: Grade | str = Grade.GOOD,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    council: Council | str | None = None,
    region: Region | str | None = None,
) -> tuple[str, dict[str, Any]]:
    """``ofstedmodel turnarounds [--from GRADE] [--to-at-least GRADE] [--category CATEGORY]
    [--council COUNCIL] [--region REGION]``: the moves as a table, fastest first, and their
    plain data for ``--json`` (with ``description``). ``--council`` (a
    :class:`~ofstedmodel.Council`, as the command line finds it by any of its names, or a
    name or DfE code) and ``--region`` pick moves out, each keeping its rank among all of
    them.

    >>> import ofstedmodel as om
    >>> text, data = command(om.datasets.histories(), council="Rotherham")
    >>> print(text.splitlines()[-1])
    Rotherham went from inadequate to good for overall effectiveness in 3 years, 2 months and ...
    >>> data["turnarounds"][0]["rank"], data["turnarounds"][0]["out_of"]
    (13, 55)
    >>> print(command(om.datasets.histories(), council=om.datasets.council("Westminster"))[1]
    ...       ["description"])
    Westminster made no move from inadequate to good or better for overall effectiveness that
    the data holds.
    """
    moves = turnarounds(
        histories, from_grade=from_grade, to_at_least=to_at_least, category=category
    )
    described = describe(moves)
    if region is not None:
        moves = moves.where(region=region)
        described = describe(moves)
    if council is not None:
        picked = moves.council(council)
        moves = attrs.evolve(
            moves,
            rows=[m for m in picked if m.timed],
            untimed=[m for m in picked if not m.timed],
        )
        if picked:
            described = " ".join(describe(m) for m in picked)
        else:
            name = council.name if isinstance(council, Council) else council
            described = (
                f"{name} made no move from {_grade_words(moves.from_grade)} to "
                f"{_at_least(moves.to_at_least)} for {moves.category.value} that the data holds."
            )
    data = moves.to_json()
    data["description"] = described
    title = (
        f"{moves.category.value.capitalize()}: moves from {_grade_words(moves.from_grade)} to "
        f"{_at_least(moves.to_at_least)}, fastest first (time between the reports' "
        "publication; fieldwork: between the fieldwork starts)"
    )
    head = (
        f"{'rank':>5}  {'council':<35} {'from':<11} {'to':<11} {'time':<32} {'fieldwork':<32} path"
    )
    lines = [head]
    for move in (*moves.rows, *moves.untimed):
        fieldwork = move.fieldwork_elapsed
        path = " > ".join(_step(i, move.category) for i in (move.before, *move.between, move.after))
        if move.definition_changed:
            path += " *"
        rank = "-" if move.rank is None else f"{move.rank}{'=' if move.joint else ''}"
        lines.append(
            f"{rank:>5}  {move.council.name:<35} "
            f"{move.before.published.isoformat():<11} {move.after.published.isoformat():<11} "
            f"{format_duration(move.elapsed):<32} "
            f"{'not known' if fieldwork is None else format_duration(fieldwork):<32} {path}"
        )
    if any(move.definition_changed for move in (*moves.rows, *moves.untimed)):
        lines.append("* the judgement's definition changed between frameworks along the way")
    if any(move.joint for move in moves.rows):
        lines.append("= the same number of days as another move: a shared rank")
    return "\n\n".join([title, "\n".join(lines), described]), data

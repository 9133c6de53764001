"""Standings: every council's grade in force on a date, since when, and for how long.

A council's standing is the grade in force for a judgement (as :meth:`History.as_at
<ofstedmodel.History.as_at>` finds it), with the run of inspections in a row that gave that
same grade: since when it has stood (the first publication of the run) and how long it has
held. The run follows the judgement across frameworks, saying where its definition changed; it
is broken by any inspection that did not give the grade: another grade, a grade the data does
not know, or no such judgement. Adequate and requires improvement are different grades.

    >>> import ofstedmodel as om
    >>> table = om.standings(om.datasets.histories(), as_at="2026-08-22")
    >>> longest = table.where(grade="inadequate").sorted_by("since")[0]
    >>> longest.council.name, longest.since, longest.in_a_row
    ('Devon', datetime.date(2020, 3, 17), 2)
    >>> print(om.describe(table.council("Rotherham")))
    Rotherham has been outstanding for overall effectiveness since 16 December 2025, at its
    latest inspection: 8 months and 6 days as at 22 August 2026.

A council with no grade in force is listed too, with why (a :class:`~ofstedmodel.LeftOut`):
never read as "none" when the data does not know the grade.
"""

from __future__ import annotations

import datetime as _dt
import enum
import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from ._coerce import normalise_text, shown, to_date
from ._rich import RichDisplay
from ._rows import Rows
from .changes import Change
from .council_filters import COUNCIL_KEYS, group_order, grouping
from .council_filters import council_filter as council_filter
from .council_filters import members as members
from .council_filters import parsed as parsed
from .councils import Council, CouncilKind, OfstedRegion, Region
from .errors import CouncilError, HistoryError, OfstedModelError
from .frameworks import CURRENT_SCALE, Category
from .grades import Grade
from .history import History, data_end, histories_in
from .inspections import Inspection
from .narrative import _number, _plural, describe, format_date
from .populations import LeftOut, _cut_off, _outcome, _publication_rule, group_name
from .standing_text import category_title, describe_standing, describe_standings, table_text

# ofstedmodel.turnaround imports these, and the council filters above, from here.
number, plural = _number, _plural

__all__ = ["Standing", "Standings", "standings"]

Histories = Mapping[str, History] | Iterable[History]


# -- one council's line of judgements ------------------------------------------------------------

Outcome = Grade | LeftOut


def line(history: History, category: Category) -> tuple[tuple[Inspection, Outcome], ...]:
    """The graded inspections that settle ``category`` for the council, in order, each with
    the grade it gave or why none is known (internal; shared with turnarounds): what a run of
    one grade, or a move between grades, is made of."""
    return tuple(
        (inspection, _outcome(inspection, category))
        for inspection in history.graded
        if inspection.covers(category)
    )


# -- the result ------------------------------------------------------------------------------------


def _runs(value: Iterable[Inspection]) -> tuple[Inspection, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Standing:
    """One council's standing for a judgement on a date.

    ``grade`` is the grade in force (``None`` when none is, and then ``reason`` says why:
    a :class:`~ofstedmodel.LeftOut`); ``in_force`` the inspection in force for the judgement
    (``None`` when there is none); ``run`` the inspections in a row, oldest first, that gave
    ``grade``, ending with ``in_force`` (empty when there is no grade).

    >>> import ofstedmodel as om
    >>> row = om.standings(om.datasets.histories(), as_at="2024-03-31").council("Rotherham")
    >>> row.grade, row.since, row.in_a_row, row.held
    (<Grade.GOOD: 2>, datetime.date(2018, 1, 29), 2, relativedelta(years=+6, months=+2, days=+2))
    """

    council: Council
    category: Category
    as_at: _dt.date
    grade: Grade | None
    run: tuple[Inspection, ...] = attrs.field(default=(), converter=_runs)
    reason: LeftOut | None = None
    in_force: Inspection | None = None

    def __attrs_post_init__(self) -> None:
        if (self.grade is None) == (self.reason is None):
            raise HistoryError(
                f"standing of {self.council.name}: give a grade or the reason there is none, "
                "not both",
                field="reason",
                rule="a grade or a reason",
            )
        for inspection in self.run:
            if inspection._grade_of(self.category) is not self.grade:
                raise HistoryError(
                    f"run: {shown(inspection)} did not give {self.category.value} "
                    f"{'no grade' if self.grade is None else self.grade.value}",
                    field="run",
                    rule="a run of one grade",
                )
        if self.grade is not None and (not self.run or self.run[-1] is not self.in_force):
            raise HistoryError(
                f"run: a standing's run ends with the inspection in force, {shown(self.in_force)}",
                field="run",
                rule="a run ends with the inspection in force",
            )

    @property
    def since(self) -> _dt.date | None:
        """The publication date of the run's first inspection: since when the grade has
        stood (``None`` when there is no grade)."""
        return self.run[0].published if self.run else None

    @property
    def in_a_row(self) -> int:
        """How many inspections in a row gave the grade (0 when there is none)."""
        return len(self.run)

    @property
    def held(self) -> relativedelta | None:
        """How long the grade has stood as at ``as_at``, in calendar terms (``None`` when
        there is no grade). Never negative: a report counted under ``published_by`` but
        published after ``as_at`` has held for no time yet."""
        since = self.since
        if since is None:
            return None
        return relativedelta(max(self.as_at, since), since)

    @property
    def changes(self) -> tuple[Change, ...]:
        """A :class:`~ofstedmodel.Change` per consecutive pair of the run: each the same
        grade, some across a change of the judgement's definition."""
        run = self.run
        return tuple(
            Change(self.category, self.grade, self.grade, before, after)
            for before, after in itertools.pairwise(run)
        )

    @property
    def definition_changes(self) -> tuple[Change, ...]:
        """The changes of the run across which the framework's wording of the judgement
        changed (``definition_changed``): the grade is followed across frameworks, and
        says so."""
        return tuple(change for change in self.changes if change.definition_changed)

    def to_json(self) -> dict[str, Any]:
        """Plain data for :func:`json.dumps`, in the wire vocabulary of the library's own
        formats: enum members by name, dates in ISO form, ``None`` for none.

        >>> import ofstedmodel as om
        >>> row = om.standings(om.datasets.histories(), as_at="2026-08-22").council("Leeds")
        >>> data = row.to_json()
        >>> data["grade"], data["since"], data["in_a_row"], data["held"]
        ('OUTSTANDING', '2018-12-18', 3, {'years': 7, 'months': 8, 'days': 4})
        """
        held = self.held
        return {
            "council": council_json(self.council),
            "category": self.category.name,
            "as_at": self.as_at.isoformat(),
            "grade": None if self.grade is None else self.grade.name,
            "reason": None if self.reason is None else self.reason.name,
            "since": iso(self.since),
            "in_a_row": self.in_a_row,
            "held": None if held is None else duration_json(held),
            "in_force": None if self.in_force is None else inspection_json(self.in_force),
            "run": [iso(i.published) for i in self.run],
            "definition_changes": [
                {
                    "published": change.after_inspection.published.isoformat(),
                    "before": change.before_inspection.era.labels[self.category],
                    "after": change.after_inspection.era.labels[self.category],
                }
                for change in self.definition_changes
            ],
        }

    def __repr__(self) -> str:
        if self.grade is None:
            why = "no reason" if self.reason is None else self.reason.value
            return f"<Standing {self.council.name} {self.category.value}: {why}>"
        return (
            f"<Standing {self.council.name} {self.category.value}: {self.grade.value} since "
            f"{iso(self.since)}, {self.in_a_row} in a row>"
        )


def iso(day: _dt.date | None) -> str | None:
    """``day`` in ISO form, or ``None`` (internal)."""
    return None if day is None else day.isoformat()


def duration_json(delta: relativedelta) -> dict[str, int]:
    """A calendar duration as plain data (internal), as the command line's ``elapsed``."""
    return {"years": delta.years, "months": delta.months, "days": delta.days}


def council_json(council: Council) -> dict[str, Any]:
    """A council as plain data: the command line's ``{"name", "la_code"}`` and what a table
    is filtered by (internal)."""
    return {
        "name": council.name,
        "la_code": council.la_code,
        "region": None if council.region is None else council.region.name,
        "ofsted_region": None if council.ofsted_region is None else council.ofsted_region.name,
        "kind": None if council.kind is None else council.kind.name,
    }


def inspection_json(inspection: Inspection) -> dict[str, Any]:
    """An inspection's identity and dates as plain data, with the command line's keys
    (internal)."""
    return {
        "published": inspection.published.isoformat(),
        "start": iso(inspection.start),
        "end": iso(inspection.end),
        "framework": inspection.framework.name,
        "era": inspection.era.name,
        "kind": inspection.kind.name,
    }


def _rows(value: Iterable[Standing]) -> tuple[Standing, ...]:
    return tuple(value)


_LAST = (1,)  # sorts after every (0, value): rows with nothing to sort by go last


def _optional(value: Any) -> tuple[Any, ...]:
    return _LAST if value is None else (0, value)


def _by_council(get: Callable[[Council], Any]) -> Callable[[Standing], tuple[Any, ...]]:
    def key(standing: Standing) -> tuple[Any, ...]:
        value = get(standing.council)
        return _optional(None if value is None else group_order(value))

    return key


#: The keys of :meth:`Standings.sorted_by`, each in its natural order.
_SORT_KEYS: Mapping[str, Callable[[Standing], Any]] = {
    "council": lambda s: (0, normalise_text(s.council.name)),
    "grade": lambda s: _optional(None if s.grade is None else -s.grade.code),
    "since": lambda s: _optional(s.since),
    "held": lambda s: _optional(None if s.since is None else -s.since.toordinal()),
    "in_a_row": lambda s: _optional(s.in_a_row or None),
    **{name: _by_council(get) for name, (_, get) in COUNCIL_KEYS.items()},
}


@attrs.frozen(repr=False)
class Standings(Rows[Standing], RichDisplay):
    """Every council's :class:`Standing` for one judgement on one date: a read-only
    sequence, in the order the histories were given (the bundled data: by name).

    Filter with :meth:`where`, order with :meth:`sorted_by`, group with :meth:`group_by`,
    find one council with :meth:`council`; each gives a value, never changes this one.

    >>> import ofstedmodel as om
    >>> table = om.standings(om.datasets.histories(), as_at="2026-08-22")
    >>> table
    <Standings overall effectiveness as at 2026-08-22: 158 councils, 142 with a grade in force>
    >>> [(s.council.name, s.since.isoformat()) for s in
    ...  table.where(grade="outstanding", region="London").sorted_by("since")][:2]
    [('Kensington and Chelsea', '2016-03-29'), ('Westminster', '2016-03-29')]
    """

    as_at: _dt.date
    category: Category
    rows: tuple[Standing, ...] = attrs.field(converter=_rows)
    #: The publication cut-off: ``as_at`` unless another was asked for.
    published_by: _dt.date = attrs.field(
        default=attrs.Factory(lambda self: self.as_at, takes_self=True), kw_only=True
    )
    #: The grades :meth:`where` kept (``None``: all), so that a table with no row says which
    #: grade no council held, never that no council had a grade.
    grades: frozenset[Grade] | None = attrs.field(default=None, kw_only=True)
    #: Whether :meth:`where` kept only some councils, by place, kind or reason.
    chosen: bool = attrs.field(default=False, kw_only=True)

    # -- a sequence --------------------------------------------------------------------------

    _name = "standings"
    _noun = "rows"
    _lookup = "find a council with .council(name)"

    # -- choosing and ordering rows -----------------------------------------------------------

    def where(
        self,
        *,
        grade: Grade | str | Iterable[Grade | str] | None = None,
        region: Region | str | Iterable[Region | str] | None = None,
        ofsted_region: OfstedRegion | str | Iterable[OfstedRegion | str] | None = None,
        kind: CouncilKind | str | Iterable[CouncilKind | str] | None = None,
        reason: LeftOut | str | Iterable[LeftOut | str] | None = None,
    ) -> Standings:
        """The rows matching every filter given, each one value or several (any spelling
        their ``parse`` reads). ``grade`` keeps councils with that grade in force;
        ``reason`` those with none, for that reason (a :class:`~ofstedmodel.LeftOut`).

        >>> import ofstedmodel as om
        >>> table = om.standings(om.datasets.histories(), as_at="2026-08-22")
        >>> len(table.where(grade=["good", "outstanding"], ofsted_region="North West"))
        11
        >>> [s.council.name for s in table.where(reason="did not exist")][:2]
        ['Bournemouth', 'Cumbria']
        """
        grades = members(Grade, grade, "grade")
        reasons = members(LeftOut, reason, "reason")
        place = council_filter(region, ofsted_region, kind)
        kept = self.grades
        if grades is not None:
            kept = frozenset(grades) if kept is None else kept & frozenset(grades)
        narrowed = reasons is not None or any(f is not None for f in (region, ofsted_region, kind))
        return attrs.evolve(
            self,
            grades=kept,
            chosen=self.chosen or narrowed,
            rows=[
                s
                for s in self.rows
                if (grades is None or s.grade in grades)
                and (reasons is None or s.reason in reasons)
                and place(s.council)
            ],
        )

    def sorted_by(
        self, key: str | Callable[[Standing], Any], *, reverse: bool = False
    ) -> Standings:
        """The rows in order of ``key``: ``"since"`` (earliest first: the longest held
        first), ``"held"`` (shortest first), ``"in_a_row"`` (fewest first), ``"grade"``
        (worst first, as grades sort), ``"council"`` (by name), ``"region"``,
        ``"ofsted_region"``, ``"kind"`` (in their enum's order), or a function of a
        :class:`Standing`. ``reverse`` turns the order round; rows with nothing to sort by
        (no grade in force, no region recorded) stay last either way. Ties keep their order.

        >>> import ofstedmodel as om
        >>> table = om.standings(om.datasets.histories(), as_at="2026-08-22")
        >>> top = table.sorted_by("in_a_row", reverse=True)[0]
        >>> top.council.name, top.grade.value, top.in_a_row, top.since.year
        ('Central Bedfordshire', 'good', 4, 2012)
        """
        if callable(key):
            return attrs.evolve(self, rows=sorted(self.rows, key=key, reverse=reverse))
        get = _SORT_KEYS.get(key) if isinstance(key, str) else None
        if get is None:
            raise OfstedModelError(
                f"sorted_by: {shown(key)} is not a key; give one of "
                + ", ".join(repr(k) for k in _SORT_KEYS)
                + " or a function of a Standing",
                field="key",
                rule="not a sort key",
            )
        present = [s for s in self.rows if get(s) != _LAST]
        absent = [s for s in self.rows if get(s) == _LAST]
        return attrs.evolve(self, rows=sorted(present, key=get, reverse=reverse) + absent)

    def group_by(self, by: str) -> Mapping[Hashable, Standings]:
        """The rows by ``"region"``, ``"ofsted_region"`` or ``"kind"``: a read-only mapping
        from each group, in its enum's order (``None``, not recorded, last), to its rows.

        >>> import ofstedmodel as om
        >>> table = om.standings(om.datasets.histories(), as_at="2026-08-22")
        >>> groups = table.where(grade="inadequate").group_by("ofsted_region")
        >>> [(region.value, len(rows)) for region, rows in groups.items()][:2]
        [('North West', 4), ('East Midlands', 1)]
        """
        get = grouping(by)
        groups: dict[Hashable, list[Standing]] = {}
        for row in self.rows:
            groups.setdefault(get(row.council), []).append(row)
        return MappingProxyType(
            {key: attrs.evolve(self, rows=groups[key]) for key in sorted(groups, key=group_order)}
        )

    def council(self, key: Council | str) -> Standing:
        """The row of one council: a :class:`~ofstedmodel.Council`, its DfE code or its name
        (any case and punctuation). Raises :class:`~ofstedmodel.CouncilError` when the
        council is not among the rows.
        """
        if isinstance(key, Council):
            wanted = key.la_code
            for row in self.rows:
                if row.council.la_code == wanted:
                    return row
        elif isinstance(key, str):
            text = normalise_text(key)
            for row in self.rows:
                if row.council.la_code == key.strip() or normalise_text(row.council.name) == text:
                    return row
        import difflib  # only on the error path

        names = [row.council.name for row in self.rows]
        close = difflib.get_close_matches(key, names, 3, 0.6) if isinstance(key, str) else []
        raise CouncilError(
            f"council: {shown(key)} is not among the {len(names)} councils of these standings"
            + (f"; closest: {', '.join(close)}" if close else ""),
            field="council",
            rule="not among the councils",
        )

    # -- what they add up to -----------------------------------------------------------------

    @property
    def counts(self) -> Mapping[Grade, int]:
        """Grade -> councils with it in force, best first (every grade of the current scale,
        and adequate when some council still stands at it)."""
        counts = dict.fromkeys(CURRENT_SCALE, 0)
        for row in self.rows:
            if row.grade is not None:
                counts[row.grade] = counts.get(row.grade, 0) + 1
        if not counts.get(Grade.ADEQUATE):
            counts.pop(Grade.ADEQUATE, None)
        return MappingProxyType(counts)

    @property
    def graded(self) -> Standings:
        """The rows with a grade in force."""
        return attrs.evolve(self, rows=[s for s in self.rows if s.grade is not None])

    @property
    def left_out(self) -> Mapping[Council, LeftOut]:
        """Each council with no grade in force -> why."""
        return MappingProxyType({s.council: s.reason for s in self.rows if s.reason is not None})

    def to_json(self) -> dict[str, Any]:
        """Plain data for :func:`json.dumps`: the date, the judgement and every row's
        :meth:`Standing.to_json`, in the wire vocabulary of the library's formats."""
        return {
            "as_at": self.as_at.isoformat(),
            "published_by": self.published_by.isoformat(),
            "category": self.category.name,
            "counts": {g.name: n for g, n in self.counts.items()},
            "standings": [row.to_json() for row in self.rows],
        }

    def __repr__(self) -> str:
        cut_off = "" if self.published_by == self.as_at else f" published by {self.published_by}"
        graded = sum(1 for s in self.rows if s.grade is not None)
        return (
            f"<Standings {self.category.value} as at {self.as_at.isoformat()}{cut_off}: "
            f"{len(self.rows)} councils, {graded} with a grade in force>"
        )


# -- computing them ------------------------------------------------------------------------------


def standings(
    histories: Histories,
    *,
    as_at: _dt.date | str | None = None,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    published_by: _dt.date | str | relativedelta | _dt.timedelta | None = None,
) -> Standings:
    """Every council's grade in force for ``category`` as at ``as_at``, since when, how many
    inspections in a row gave it and how long it has held.

    The grade in force is the one :meth:`History.as_at <ofstedmodel.History.as_at>` finds
    (with ``published_by``, as :func:`~ofstedmodel.summarise` counts under Ofsted's releases
    since 2024). ``as_at`` defaults to the date the data runs to
    (:func:`~ofstedmodel.history.snapshot_date`: the bundled data's
    :data:`~ofstedmodel.datasets.as_of`, as on the command line).

    >>> import ofstedmodel as om
    >>> table = om.standings(om.datasets.histories(), as_at="2019-03-31")
    >>> row = table.council("Rotherham")
    >>> row.grade, row.since, row.in_a_row
    (<Grade.GOOD: 2>, datetime.date(2018, 1, 29), 1)
    >>> om.standings([], as_at="2030-02-30")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.DateError: as_at: '2030-02-30' is not a date; give a datetime.date, ...
    """
    population = histories_in(histories)
    day = data_end(histories, population) if as_at is None else to_date(as_at, "as_at")
    last = _cut_off(_publication_rule(published_by), day)
    wanted: Category = parsed(Category, category, "category")
    return Standings(
        day, wanted, [_standing(h, wanted, day, last) for h in population], published_by=last
    )


def _standing(history: History, category: Category, day: _dt.date, last: _dt.date) -> Standing:
    council = history.council
    if not council._existed_on(day):
        return Standing(council, category, day, None, reason=LeftOut.NOT_EXISTING)
    in_force = history._in_force(day, category, last)
    outcome = _outcome(in_force, category)
    if isinstance(outcome, LeftOut):
        return Standing(council, category, day, None, reason=outcome, in_force=in_force)
    assert in_force is not None  # a grade comes from an inspection
    run: list[Inspection] = []
    for inspection, given in reversed(line(history, category)):
        if inspection.published > in_force.published or (
            inspection is not in_force and inspection.start is not None and inspection.start > day
        ):
            continue  # after the one in force, or not yet begun on the date
        if given is not outcome:
            break
        run.append(inspection)
    return Standing(council, category, day, outcome, reversed(run), in_force=in_force)


describe.register(Standing, describe_standing)
describe.register(Standings, describe_standings)


# -- the command line ----------------------------------------------------------------------------


def command(
    histories: Histories,
    *,
    as_at: _dt.date | str | None = None,
    grade: Grade | str | Iterable[Grade | str] | None = None,
    by: str | None = None,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    published_by: _dt.date | str | None = None,
) -> tuple[str, dict[str, Any]]:
    """``ofstedmodel standings [--as-at DATE] [--grade GRADE] [--by GROUPING] [--category
    CATEGORY] [--published-by DATE]``: the table as text, and its plain data for ``--json``
    (the command line's keys: ``groups`` empty when not grouped; ``description``).

    Rows are in order of grade, worst first, then longest held first; those with no grade
    in force last, with why.

    >>> import ofstedmodel as om
    >>> text, data = command(om.datasets.histories(), as_at="2026-08-22", grade="inadequate")
    >>> print(text.splitlines()[2])
    council                             grade                            since       in a row ...
    >>> data["standings"][0]["council"]["name"], data["groups"]
    ('Devon', [])
    """
    table = standings(histories, as_at=as_at, category=category, published_by=published_by)
    if grade is not None:
        table = table.where(grade=grade)
    table = table.sorted_by("since").sorted_by("grade")
    groups = table.group_by(by) if by is not None else {}
    data = table.to_json()
    data["groups"] = [
        {
            "group": key.name if isinstance(key, enum.Enum) else None,
            "group_label": None if key is None else group_name(key),
            "counts": {g.name: n for g, n in rows.counts.items()},
            "councils": [s.council.la_code for s in rows],
        }
        for key, rows in groups.items()
    ]
    data["description"] = describe(table)
    title = (
        f"{category_title(table)} as at {format_date(table.as_at)}: each council's grade in "
        "force, since when, how many inspections in a row gave it, and how long it has held"
    )
    if groups:
        tables = [
            f"{'(region not recorded)' if key is None else group_name(key)}\n{table_text(rows)}"
            for key, rows in groups.items()
        ]
    else:
        tables = [table_text(table)]
    return "\n\n".join([title, *tables, data["description"]]), data

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
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, overload

import attrs
from dateutil.relativedelta import relativedelta

from ._coerce import a, normalise_text, shown, to_date
from ._rich import RichDisplay
from .changes import Change
from .councils import Council, CouncilKind, OfstedRegion, Region
from .errors import CouncilError, HistoryError, OfstedModelError
from .frameworks import CURRENT_SCALE, Category
from .grades import Grade
from .history import History, data_end, histories_in
from .inspections import Inspection
from .narrative import describe, format_date, format_duration
from .populations import LeftOut, _cut_off, _outcome, _publication_rule, group_name

__all__ = ["Standing", "Standings", "standings"]

Histories = Mapping[str, History] | Iterable[History]

#: Why a council has no grade in force, in the words of a table (unknown never reads as none).
REASONS = {
    LeftOut.NOT_EXISTING: "did not exist then",
    LeftOut.NOT_INSPECTED: "not inspected in the data by then",
    LeftOut.NOT_GIVEN: "not given by the framework",
    LeftOut.NOT_JUDGED: "not judged",
    LeftOut.UNKNOWN: "not known in the data",
}


# -- checking input once, at the edge ----------------------------------------------------------


def parsed(cls: type[enum.Enum], value: object, field: str) -> Any:
    """``cls.parse(value)``, its refusal naming ``field`` and keeping the error's data
    (internal; shared with :mod:`ofstedmodel.turnaround`)."""
    try:
        return cls.parse(value)  # type: ignore[attr-defined]
    except OfstedModelError as error:
        raise type(error)(
            f"{field}: {error}",
            value=error.value,
            vocabulary=error.vocabulary,
            accepted=error.accepted,
            suggestion=error.suggestion,
            field=field,
            brief=error.brief,
        ) from None


def members(cls: type[enum.Enum], value: object, field: str) -> frozenset[Any] | None:
    """A filter's value: one member or several (any spelling ``parse`` reads), or ``None``
    for no filter (internal)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes, int, enum.Enum)) or not isinstance(value, Iterable):
        return frozenset({parsed(cls, value, field)})
    return frozenset(parsed(cls, item, field) for item in value)


#: The council's attributes a table is filtered, sorted and grouped by.
COUNCIL_KEYS: Mapping[str, tuple[type[enum.Enum], Callable[[Council], Any]]] = {
    "region": (Region, lambda c: c.region),
    "ofsted_region": (OfstedRegion, lambda c: c.ofsted_region),
    "kind": (CouncilKind, lambda c: c.kind),
}


def grouping(by: object) -> Callable[[Council], Hashable]:
    """The council attribute ``by`` names (internal)."""
    if isinstance(by, str) and by in COUNCIL_KEYS:
        return COUNCIL_KEYS[by][1]
    raise OfstedModelError(
        f"by: {shown(by)} is not a grouping; give 'region', 'ofsted_region' or 'kind'",
        field="by",
        rule="not a grouping",
    )


def group_order(key: Hashable) -> tuple[int, int, str]:
    """Groups in their enum's order, ``None`` (not recorded) last (internal)."""
    if key is None:
        return (2, 0, "")
    if isinstance(key, enum.Enum):
        return (0, list(type(key)).index(key), "")
    return (1, 0, group_name(key))


def council_filter(
    region: object, ofsted_region: object, kind: object
) -> Callable[[Council], bool]:
    """A test of a council's region, Ofsted region and kind (internal)."""
    wanted = [
        (COUNCIL_KEYS[name][1], members(COUNCIL_KEYS[name][0], value, name))
        for name, value in (("region", region), ("ofsted_region", ofsted_region), ("kind", kind))
    ]
    tests = [(get, allowed) for get, allowed in wanted if allowed is not None]
    return lambda council: all(get(council) in allowed for get, allowed in tests)


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
class Standings(Sequence[Standing], RichDisplay):
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

    # -- a sequence --------------------------------------------------------------------------

    @overload
    def __getitem__(self, index: int) -> Standing: ...

    @overload
    def __getitem__(self, index: slice) -> Standings: ...

    def __getitem__(self, index: int | slice) -> Standing | Standings:
        if isinstance(index, slice):
            return attrs.evolve(self, rows=self.rows[index])
        if not isinstance(index, int) or isinstance(index, bool):
            raise OfstedModelError(
                f"standings[{shown(index)}]: give a position or a slice; find a council with "
                ".council(name)",
                field="index",
            )
        try:
            return self.rows[index]
        except IndexError:
            raise OfstedModelError(
                f"standings[{shown(index)}]: there are {len(self.rows)} rows", field="index"
            ) from None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Standing]:
        return iter(self.rows)

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
        return attrs.evolve(
            self,
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


# -- in words ------------------------------------------------------------------------------------

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(n: int) -> str:
    """Small numbers in words, as a briefing writes them (internal)."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 council', '3 councils' (internal)."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' (internal)."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _grade_words(grade: Grade) -> str:
    return grade.label.lower()


def predicate(grade: Grade) -> str:
    """A grade after 'is' or 'has been': 'good', but 'judged requires improvement to be
    good', which is not an adjective (internal)."""
    words = _grade_words(grade)
    return f"judged {words}" if grade is Grade.REQUIRES_IMPROVEMENT else words


def _no_grade(standing: Standing) -> str:
    council, category = standing.council, standing.category.value
    when = format_date(standing.as_at)
    reason, inspection = standing.reason, standing.in_force
    if reason is LeftOut.NOT_EXISTING:
        if council.abolished is not None and standing.as_at >= council.abolished:
            return f"{council.name} did not exist on {when}: it was abolished on " + (
                f"{format_date(council.abolished)}."
            )
        created = (
            "" if council.created is None else f": it was created on {format_date(council.created)}"
        )
        return f"{council.name} did not exist yet on {when}{created}."
    if reason is LeftOut.NOT_INSPECTED or inspection is None:
        return f"{council.name} had no graded inspection of {category} in the data as at {when}."
    published = format_date(inspection.published)
    if reason is LeftOut.NOT_GIVEN:
        return (
            f"{council.name} had no {category} grade in force as at {when}: its inspection "
            f"published {published} ({inspection.era.name}) gives none."
        )
    if reason is LeftOut.NOT_JUDGED:
        return (
            f"{council.name} had no {category} grade in force as at {when}: its inspection "
            f"published {published} did not judge it."
        )
    return (
        f"{council.name} had {category} graded as at {when}, by its inspection published "
        f"{published}, but the data does not know the grade."
    )


def _describe_standing(standing: Standing) -> str:
    """'Birmingham has been inadequate for overall effectiveness since 25 November 2016,
    three inspections in a row: ... as at 22 August 2026.'"""
    grade, since, held = standing.grade, standing.since, standing.held
    if grade is None or since is None or held is None:
        return _no_grade(standing)
    council, category = standing.council.name, standing.category.value
    row = (
        f"{number(standing.in_a_row)} inspections in a row"
        if standing.in_a_row > 1
        else "at its latest inspection"
    )
    text = (
        f"{council} has been {predicate(grade)} for {category} since {format_date(since)}, "
        f"{row}: {format_duration(held)} as at {format_date(standing.as_at)}."
    )
    changes = standing.definition_changes
    if changes:
        first = changes[0]
        wordings = [f"\u201c{first.before_inspection.era.labels[standing.category]}\u201d"] + [
            f"\u201c{c.after_inspection.era.labels[standing.category]}\u201d from "
            f"{format_date(c.after_inspection.published)}"
            for c in changes
        ]
        text += (
            " The run spans a change of the judgement's definition between frameworks: "
            + ", then ".join(wordings)
            + "."
        )
    return text


def _names(rows: Sequence[Standing]) -> str:
    """Council names joined so that each reads as one: with semicolons when a name has a
    comma ('Bournemouth, Christchurch and Poole; and Dorset'), with a comma before the last
    'and' when a name has an 'and' ('Kensington and Chelsea, and Westminster')."""
    names = [row.council.name for row in rows]
    if len(names) < 2:
        return listing(names)
    if any("," in name for name in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    if any(" and " in name for name in names):
        return ", ".join(names[:-1]) + ", and " + names[-1]
    return listing(names)


def _worst_first(counts: Mapping[Grade, int]) -> list[Grade]:
    """The grades counted, worst first; adequate after requires improvement, which it ranks
    level with (a fixed order: grades of one rank are otherwise unordered)."""
    return sorted((g for g, n in counts.items() if n), key=lambda g: (-g.code, g is Grade.ADEQUATE))


def _longest(table: Standings) -> str | None:
    """'The longest-standing grades: inadequate, Devon since 17 March 2020 (two inspections
    in a row); ...'."""
    graded = table.graded
    parts = []
    for grade in _worst_first(graded.counts):
        held = graded.where(grade=grade).sorted_by("since").rows
        ties = [s for s in held if s.since == held[0].since]
        first = ties[0]
        assert first.since is not None
        row = (
            f"{number(first.in_a_row)} inspections in a row"
            if first.in_a_row > 1
            else "one inspection"
        )
        if len(ties) > 1:
            both = "both" if len(ties) == 2 else "all"
            in_a_row = {s.in_a_row for s in ties}
            row = row + " each" if len(in_a_row) == 1 else "runs of different lengths"
            parts.append(
                f"{_grade_words(grade)}, {_names(ties)}, {both} since {format_date(first.since)}"
                f" ({row})"
            )
        else:
            parts.append(
                f"{_grade_words(grade)}, {first.council.name} since "
                f"{format_date(first.since)} ({row})"
            )
    if not parts:
        return None
    head = "The longest-standing grade" if len(parts) == 1 else "The longest-standing grades"
    return f"{head}: " + "; ".join(parts) + "."


def _left_out_sentences(table: Standings, no_grade_head: str = "") -> list[str]:
    """Who has no grade in force and why; whose grade the data does not know (never told as
    no grade); who did not exist. With ``no_grade_head``, the sentence on who has no grade
    starts with it."""
    by_reason: dict[LeftOut, list[Standing]] = {}
    for row in table.rows:
        if row.reason is not None:
            by_reason.setdefault(row.reason, []).append(row)
    category = table.category.value
    parts: list[tuple[int, str, str]] = []  # (how many, as part of a list, as the only one)
    for reason in (LeftOut.NOT_INSPECTED, LeftOut.NOT_GIVEN, LeftOut.NOT_JUDGED):
        rows = by_reason.get(reason, [])
        if not rows:
            continue
        if reason is LeftOut.NOT_INSPECTED:
            parts.append(
                (
                    len(rows),
                    "with no inspection of it in the data by then",
                    ", not yet inspected for it in the data",
                )
            )
        elif reason is LeftOut.NOT_GIVEN:
            eras = listing(sorted({r.in_force.era.name for r in rows if r.in_force is not None}))
            parts.append(
                (
                    len(rows),
                    f"whose latest inspection ({eras}) gives none",
                    f": the framework of the latest inspection ({eras}) gives none",
                )
            )
        else:
            parts.append(
                (
                    len(rows),
                    "whose latest inspection did not judge it",
                    ": the latest inspection did not judge it",
                )
            )
    sentences = []
    if parts:
        total = sum(n for n, _, _ in parts)
        head = no_grade_head or f"No {category} grade was in force for {plural(total, 'council')}"
        if len(parts) == 1:
            tail = parts[0][2]
        else:
            tail = ": " + listing([f"{n} {why}" for n, why, _ in parts])
        sentences.append(head + tail + ".")
    unknown = by_reason.get(LeftOut.UNKNOWN, [])
    if unknown:
        sentences.append(
            f"For {plural(len(unknown), 'council')} a grade was in force that the data does "
            "not know."
        )
    gone = by_reason.get(LeftOut.NOT_EXISTING, [])
    if gone:
        sentences.append(
            f"The data also holds {plural(len(gone), 'council')} that did not exist then "
            f"({_names(gone)})."
        )
    return sentences


def _describe_standings(table: Standings) -> str:
    """The paragraph a journalist would write: how many at each grade, who has held each
    grade longest, who has none and why."""
    when = format_date(table.as_at)
    category = table.category.value
    cut_off = (
        ""
        if table.published_by == table.as_at
        else f", counting reports published by {format_date(table.published_by)}"
    )
    existing = sum(1 for s in table.rows if s.reason is not LeftOut.NOT_EXISTING)
    counts = [(g, table.counts[g]) for g in _worst_first(table.counts)]
    if not counts:
        if table.where(reason=LeftOut.UNKNOWN) or not table.where(reason=_NO_GRADE):
            head = f"As at {when}{cut_off}, no council had {a(category)} grade in force"
            head += " that the data knows." if table.where(reason=LeftOut.UNKNOWN) else "."
            missing = _left_out_sentences(table)
        else:
            missing = _left_out_sentences(
                table,
                f"As at {when}{cut_off}, no {category} grade was in force for "
                + ("the one council" if existing == 1 else f"any of the {existing} councils"),
            )
            head, missing = missing[0], missing[1:]
        return " ".join([head, *missing])
    parts = [f"{n} at {_grade_words(g)}" for g, n in counts]
    parts[0] = parts[0].replace(" at ", " stood at ", 1) + f" for {category}"
    if len(counts) == 1 and counts[0][1] == existing:
        head = f"As at {when}{cut_off}, {plural(existing, 'council')} stood at " + (
            f"{_grade_words(counts[0][0])} for {category}."
        )
    else:
        head = f"As at {when}{cut_off}, of {plural(existing, 'council')}, {listing(parts)}."
    sentences = [head]
    longest = _longest(table)
    if longest:
        sentences.append(longest)
    spans = sum(1 for s in table.graded.rows if s.definition_changes)
    if spans:
        sentences.append(
            f"For {plural(spans, 'council')} the run spans a change of the judgement's "
            "definition between frameworks."
        )
    sentences.extend(_left_out_sentences(table))
    return " ".join(sentences)


_NO_GRADE = [r for r in LeftOut if r.is_not_graded]


describe.register(Standing, _describe_standing)
describe.register(Standings, _describe_standings)


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
            f"{'(region not recorded)' if key is None else group_name(key)}\n{_table_text(rows)}"
            for key, rows in groups.items()
        ]
    else:
        tables = [_table_text(table)]
    return "\n\n".join([title, *tables, data["description"]]), data


def category_title(table: Standings) -> str:
    """The judgement as a title (internal)."""
    return table.category.value.capitalize()


def _table_text(table: Standings) -> str:
    head = f"{'council':<35} {'grade':<32} {'since':<11} {'in a row':>8}  held"
    lines = [head]
    for row in table:
        if row.grade is None:
            why = "-" if row.reason is None else REASONS[row.reason]
            lines.append(f"{row.council.name:<35} ({why})")
            continue
        held = row.held
        lines.append(
            f"{row.council.name:<35} {row.grade.label:<32} {iso(row.since):<11} "
            f"{row.in_a_row:>8}  {'' if held is None else format_duration(held)}"
        )
    return "\n".join(lines)

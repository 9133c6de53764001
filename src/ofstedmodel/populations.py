"""Populations: national, regional and peer pictures as at any date.

The method is that of Ofsted's official statistics: each council's most recent graded
inspection published on or before the date; councils with none, or whose latest inspection
did not give (or the data does not know) the grade, are left out of the proportions and
counted in ``not_graded``. A council counts only while it existed.

    >>> from datetime import date
    >>> import ofstedmodel as om
    >>> a, b, c = (om.Council(n, code, region="London") for n, code in
    ...            (("Camden", "202"), ("Hackney", "204"), ("Islington", "206")))
    >>> histories = [
    ...     om.History(a, [om.Inspection(a, "ILACS", "2019-01-10", {"overall": "outstanding"})]),
    ...     om.History(b, [om.Inspection(b, "ILACS", "2019-06-10", {"overall": "inadequate"})]),
    ...     om.History(c, []),
    ... ]
    >>> summary = om.summarise(histories, as_at=date(2020, 1, 1))
    >>> summary
    <Summary overall effectiveness as at 2020-01-01: 1 of 2 good or better (50.0%), 1 not graded>
    >>> summary.counts[om.Grade.OUTSTANDING], summary.share_good_or_better
    (1, 0.5)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

import attrs

from ._coerce import shown, to_date
from ._frozen import FrozenMap
from .changes import Change
from .councils import Council, Region
from .errors import CouncilError, OfstedModelError
from .frameworks import CURRENT_SCALE, Category, Framework
from .grades import Grade
from .history import History

__all__ = ["Peers", "Summary", "Transitions", "peers", "series", "summarise", "transitions"]

Histories = Mapping[str, History] | Iterable[History]
GroupBy = str | Callable[[History], Hashable] | None

# Best first, as the official tables are laid out.
_REPORTED = (*CURRENT_SCALE, Grade.ADEQUATE)


def _frozen_members(
    value: Mapping[Grade, tuple[Council, ...]],
) -> FrozenMap[Grade, tuple[Council, ...]]:
    return FrozenMap(value)


def _frozen_changes(value: Mapping[str, Change]) -> FrozenMap[str, Change]:
    return FrozenMap(value)


def _frozen_neighbours(value: Mapping[Council, Grade | None]) -> FrozenMap[Council, Grade | None]:
    return FrozenMap(value)


@attrs.frozen(repr=False)
class Summary:
    """The distribution of councils' grades for one category as at one date.

    ``counts`` has every grade of the current scale (zero included), and ``ADEQUATE`` when
    any council's grade in force is still adequate. ``members`` lists the councils at each
    grade and ``not_graded_councils`` those left out.
    """

    as_at: _dt.date
    category: Category
    members: Mapping[Grade, tuple[Council, ...]] = attrs.field(converter=_frozen_members)
    not_graded_councils: tuple[Council, ...]
    group: Hashable = None

    @property
    def counts(self) -> Mapping[Grade, int]:
        """Grade -> number of councils, best first."""
        return FrozenMap({g: len(cs) for g, cs in self.members.items()})

    @property
    def total(self) -> int:
        """Councils with a grade in force: the denominator of the proportions."""
        return sum(len(cs) for cs in self.members.values())

    @property
    def good_or_better(self) -> int:
        """Councils graded good or outstanding."""
        return sum(len(cs) for g, cs in self.members.items() if g.is_good_or_better)

    @property
    def share_good_or_better(self) -> float:
        """``good_or_better / total``, between 0 and 1 (0 when no council is graded)."""
        total = self.total
        return self.good_or_better / total if total else 0.0

    @property
    def not_graded(self) -> int:
        """Councils considered but left out of the proportions."""
        return len(self.not_graded_councils)

    def share(self, grade: Grade) -> float:
        """The proportion of graded councils at ``grade`` (0 when none is graded)."""
        total = self.total
        return self.counts.get(Grade.parse(grade), 0) / total if total else 0.0

    def __repr__(self) -> str:
        group = "" if self.group is None else f" {group_name(self.group)}"
        return (
            f"<Summary{group} {self.category.value} as at {self.as_at.isoformat()}: "
            f"{self.good_or_better} of {self.total} good or better "
            f"({self.share_good_or_better:.1%}), {self.not_graded} not graded>"
        )


def group_name(group: Hashable) -> str:
    """A group of :func:`summarise` as text: a region's or council type's name (their
    ``str``), or the ``str`` of a caller's own key (internal; shared with narrative and cli).
    """
    try:
        return str(group)
    except Exception:  # a caller's group whose str() fails, or an int too long to print
        return shown(group)


def _histories(histories: object, what: str = "histories") -> tuple[History, ...]:
    if isinstance(histories, History):
        return (histories,)
    if isinstance(histories, Mapping):
        items: Iterable[object] = histories.values()
    elif isinstance(histories, (str, bytes)) or not isinstance(histories, Iterable):
        raise OfstedModelError(
            f"{what}: {shown(histories)} is not a mapping of la_code to History or an iterable of "
            "History"
        )
    else:
        items = histories
    out: list[History] = []
    for item in items:
        if not isinstance(item, History):
            raise OfstedModelError(f"{what}: {shown(item)} is not a History")
        out.append(item)
    return tuple(out)


def _grouper(by: GroupBy) -> Callable[[History], Hashable] | None:
    if by is None:
        return None
    if isinstance(by, str) and by == "region":
        return lambda h: h.council.region
    if isinstance(by, str) and by == "kind":
        return lambda h: h.council.kind
    if callable(by):
        return by
    raise OfstedModelError(
        f"by: {shown(by)} is not a grouping; give 'region', 'kind', a function of a History, or "
        f"None"
    )


def _tally(
    histories: Sequence[History], day: _dt.date, category: Category, group: Hashable = None
) -> Summary:
    members: dict[Grade, list[Council]] = {g: [] for g in CURRENT_SCALE}
    missing: list[Council] = []
    for history in histories:
        council = history.council
        if not council.existed_on(day):
            continue
        inspection = history.as_at(day)
        grade = None if inspection is None else inspection.get(category)
        if grade is None:
            missing.append(council)
        else:
            members.setdefault(grade, []).append(council)
    ordered = {g: tuple(members[g]) for g in _REPORTED if g in members}
    return Summary(day, category, ordered, tuple(missing), group)


def summarise(
    histories: Histories,
    as_at: object,
    category: object = Category.OVERALL_EFFECTIVENESS,
    by: GroupBy = None,
) -> Summary | dict[Hashable, Summary]:
    """Each council's grade for ``category`` as at ``as_at``, counted.

    With ``by=None`` one :class:`Summary`; with ``by="region"``, ``by="kind"`` (council
    type) or a function of a :class:`~ofstedmodel.History`, a dict from each group to its
    :class:`Summary`, in sorted order of the groups (``None``, for councils with no region or
    kind recorded, last).
    """
    day = to_date(as_at, "as_at")
    wanted = Category.parse(category)
    population = _histories(histories)
    grouper = _grouper(by)
    if grouper is None:
        return _tally(population, day, wanted)
    groups: dict[Hashable, list[History]] = {}
    for history in population:
        key = grouper(history)
        try:
            groups.setdefault(key, []).append(history)
        except TypeError:
            raise OfstedModelError(
                f"by: the grouping gave {shown(key)} for {history.council.name}, which cannot "
                "be a group (it is not hashable); return a string, a number or a tuple"
            ) from None
    return {key: _tally(groups[key], day, wanted, key) for key in sorted(groups, key=_group_order)}


def _group_order(key: Hashable) -> tuple[int, str]:
    if key is None:
        return (2, "")
    if isinstance(key, Region):
        return (0, f"{list(Region).index(key):02d}")
    return (1, group_name(key))


def series(
    histories: Histories,
    dates: Iterable[object],
    category: object = Category.OVERALL_EFFECTIVENESS,
    by: GroupBy = None,
) -> dict[_dt.date, Summary | dict[Hashable, Summary]]:
    """:func:`summarise` at each of ``dates``: a time series to chart. Each council's grade
    at each date is a logarithmic look-up in its history; nothing is rescanned.

    >>> import ofstedmodel as om
    >>> shares = om.series(om.datasets.histories(), ["2022-03-31", "2024-03-31"])
    >>> [f"{s.share_good_or_better:.0%}" for s in shares.values()]
    ['55%', '61%']
    """
    population = _histories(histories)
    return {
        to_date(day, "dates"): summarise(population, day, category, by)
        for day in _iterable(dates, "dates")
    }


def _iterable(value: object, what: str) -> Iterable[object]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise OfstedModelError(f"{what}: {shown(value)} is not a sequence of dates")
    return value


@attrs.frozen(repr=False)
class Transitions:
    """First against latest grade for councils with more than one graded inspection under a
    framework, published on or before ``as_at``.

    A council is in exactly one outcome: ``improved`` (latest better), ``declined`` (latest
    worse), ``retained_good_or_better`` (same grade, good or better) or
    ``unchanged_below_good``; ``unknown`` holds councils whose first or latest grade is not
    known. ``changes`` maps each council's DfE code to its :class:`~ofstedmodel.Change`.

    >>> import ofstedmodel as om
    >>> result = om.transitions(om.datasets.histories(), as_at="2026-08-22")
    >>> result.changes["372"].before, result.changes["372"].after
    (<Grade.GOOD: 2>, <Grade.OUTSTANDING: 1>)
    """

    as_at: _dt.date
    framework: Framework
    category: Category
    changes: Mapping[str, Change] = attrs.field(converter=_frozen_changes)

    def _where(self, test: Callable[[Change], bool]) -> tuple[Council, ...]:
        return tuple(c.after_inspection.council for c in self.changes.values() if test(c))

    @property
    def improved(self) -> tuple[Council, ...]:
        """Councils whose latest grade is better than their first."""
        return self._where(lambda c: c.steps is not None and c.steps > 0)

    @property
    def declined(self) -> tuple[Council, ...]:
        """Councils whose latest grade is worse than their first."""
        return self._where(lambda c: c.steps is not None and c.steps < 0)

    @property
    def retained_good_or_better(self) -> tuple[Council, ...]:
        """Councils with the same good or outstanding grade first and latest."""
        return self._where(
            lambda c: c.steps == 0 and c.after is not None and c.after.is_good_or_better
        )

    @property
    def unchanged_below_good(self) -> tuple[Council, ...]:
        """Councils with the same grade, below good, first and latest."""
        return self._where(
            lambda c: c.steps == 0 and c.after is not None and not c.after.is_good_or_better
        )

    @property
    def unknown(self) -> tuple[Council, ...]:
        """Councils whose first or latest grade is not known."""
        return self._where(lambda c: c.steps is None)

    def __repr__(self) -> str:
        return (
            f"<Transitions {self.framework.value} {self.category.value} as at "
            f"{self.as_at.isoformat()}: {len(self.improved)} improved, "
            f"{len(self.retained_good_or_better)} retained good or better, "
            f"{len(self.unchanged_below_good)} unchanged below good, "
            f"{len(self.declined)} declined, {len(self.unknown)} unknown>"
        )


def transitions(
    histories: Histories,
    as_at: object,
    framework: object = Framework.ILACS,
    category: object = Category.OVERALL_EFFECTIVENESS,
) -> Transitions:
    """Compare each council's first and latest grade for ``category`` under ``framework``,
    among inspections published on or before ``as_at`` that graded the category (so ILACS
    inspections from April 2026, which give no overall effectiveness, do not count for it).

    >>> import ofstedmodel as om
    >>> om.transitions(om.datasets.histories(), as_at="2025-03-31")
    <Transitions ILACS overall effectiveness as at 2025-03-31: 40 improved, 33 retained good or
    better, 13 unchanged below good, 18 declined, 2 unknown>
    """
    day = to_date(as_at, "as_at")
    wanted = Category.parse(category)
    try:
        chosen = Framework.parse(framework)
    except OfstedModelError as error:
        raise OfstedModelError(f"framework: {error}") from None
    changes: dict[str, Change] = {}
    for history in _histories(histories):
        points = [
            p
            for p in history.trajectory(wanted).points
            if p.inspection.framework is chosen and p.published <= day
        ]
        if len(points) > 1:
            first, last = points[0], points[-1]
            changes[history.council.la_code] = Change(
                wanted, first.grade, last.grade, first.inspection, last.inspection
            )
    return Transitions(day, chosen, wanted, dict(sorted(changes.items())))


@attrs.frozen(repr=False)
class Peers:
    """A council's grade beside its statistical neighbours', its region's and England's.

    >>> import ofstedmodel as om
    >>> result = om.peers(om.datasets.history("Rotherham"), om.datasets.histories(), "2026-08-22")
    >>> result.grade, result.neighbours_good_or_better, result.region.group.label
    (<Grade.OUTSTANDING: 1>, 8, 'Yorkshire and the Humber')
    """

    council: Council
    as_at: _dt.date
    category: Category
    grade: Grade | None
    neighbours: Mapping[Council, Grade | None] = attrs.field(converter=_frozen_neighbours)
    region: Summary | None
    england: Summary

    @property
    def neighbours_good_or_better(self) -> int:
        """How many statistical neighbours are good or outstanding."""
        return sum(1 for g in self.neighbours.values() if g is not None and g.is_good_or_better)

    def __repr__(self) -> str:
        grade = "not graded" if self.grade is None else self.grade.value
        return (
            f"<Peers {self.council.name} {self.category.value} as at {self.as_at.isoformat()}: "
            f"{grade}; {self.neighbours_good_or_better} of {len(self.neighbours)} neighbours "
            "good or better>"
        )


def peers(
    history: History,
    histories: Histories,
    as_at: object,
    category: object = Category.OVERALL_EFFECTIVENESS,
) -> Peers:
    """The council's grade for ``category`` as at ``as_at`` beside each of its statistical
    neighbours' (in the DfE's order, most similar first), its region's :class:`Summary` and
    England's. Every neighbour must be among ``histories``.

    >>> import ofstedmodel as om
    >>> result = om.peers(om.datasets.history("Leeds"), om.datasets.histories(), "2024-03-31")
    >>> [c.name for c in result.neighbours][:2]
    ['Portsmouth', 'Southend-on-Sea']
    """
    if not isinstance(history, History):
        raise OfstedModelError(f"history: {shown(history)} is not a History")
    day = to_date(as_at, "as_at")
    wanted = Category.parse(category)
    population = _histories(histories)
    by_code = {h.council.la_code: h for h in population}
    neighbours: dict[Council, Grade | None] = {}
    for code in history.council.statistical_neighbours:
        neighbour = by_code.get(code)
        if neighbour is None:
            raise CouncilError(
                f"peers: {history.council.name}'s statistical neighbour {code} is not among "
                "the histories given"
            )
        neighbours[neighbour.council] = neighbour.grade_as_at(day, wanted)
    region = history.council.region
    regional = (
        _tally([h for h in population if h.council.region is region], day, wanted, region)
        if region is not None
        else None
    )
    return Peers(
        history.council,
        day,
        wanted,
        history.grade_as_at(day, wanted),
        neighbours,
        regional,
        _tally(population, day, wanted, "England"),
    )

"""Populations: national, regional and peer pictures as at any date.

The method is that of Ofsted's official statistics: each council's most recent graded
inspection published on or before the date counts; a council counts only while it existed.
Councils with no grade in force (no inspection in the data by then, or whose latest inspection
did not give the grade) are left out of the proportions and counted in ``not_graded``; councils
whose grade in force the data does not know are left out too, but counted apart, in
``unknown``. ``left_out`` says why each council was left out.

    >>> from datetime import date
    >>> import ofstedmodel as om
    >>> a, b, c, d = (om.Council(n, code, region="London") for n, code in
    ...               (("Camden", "202"), ("Hackney", "204"), ("Islington", "206"),
    ...                ("Lambeth", "208")))
    >>> histories = [
    ...     om.History(a, [om.Inspection(a, "ILACS", "2019-01-10", {"overall": "outstanding"})]),
    ...     om.History(b, [om.Inspection(b, "ILACS", "2019-06-10", {"overall": "inadequate"})]),
    ...     om.History(c, []),
    ...     om.History(d, [om.Inspection(d, "SIF", "2016-05-10", grades_known=False)]),
    ... ]
    >>> summary = om.summarise(histories, as_at=date(2020, 1, 1))
    >>> summary
    <Summary overall effectiveness as at 2020-01-01: 1 of 2 good or better (50.0%), 1 not graded,
    1 unknown>
    >>> summary.counts[om.Grade.OUTSTANDING], summary.share_good_or_better
    (1, 0.5)
    >>> [(council.name, reason.name) for council, reason in summary.left_out.items()]
    [('Islington', 'NOT_INSPECTED'), ('Lambeth', 'UNKNOWN')]

Ofsted's releases since 2024 count inspections whose fieldwork began by the as-at date and
whose report was published by a later cut-off: ``published_by``.

    >>> e = om.Council("Merton", "315", region="London")
    >>> merton = om.History(e, [om.Inspection(e, "ILACS", "2025-04-15", {"overall": "good"},
    ...                                       start="2025-03-03", end="2025-03-14")])
    >>> om.summarise([merton], as_at="2025-03-31").total
    0
    >>> om.summarise([merton], as_at="2025-03-31", published_by="2025-06-30").total
    1
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

import attrs
from dateutil.relativedelta import relativedelta

from ._coerce import shown, to_date
from ._enums import VocabularyEnum, locked
from ._frozen import FrozenMap
from ._rich import RichDisplay
from .changes import Change
from .councils import Council, OfstedRegion, Region
from .errors import CouncilError, DateError, OfstedModelError
from .frameworks import CURRENT_SCALE, PRE_2013_SCALE, Category, Framework
from .grades import Grade
from .history import Histories, History, histories_in, snapshot_date
from .inspections import Inspection
from .trajectories import trajectory_of

__all__ = [
    "GroupedSummary",
    "LeftOut",
    "Peers",
    "Summary",
    "Transitions",
    "peers",
    "series",
    "summarise",
    "transitions",
]

#: A grouping of :func:`summarise`: ``"region"``, ``"ofsted_region"``, ``"kind"`` or a
#: function of a :class:`~ofstedmodel.History` giving its group.
Grouping = str | Callable[[History], Hashable]
GroupBy = Grouping | None
Lag = relativedelta | _dt.timedelta
#: What ``published_by`` takes: a date, or a lag after each as-at date (``None``: the as-at date).
PublishedBy = _dt.date | str | Lag | None

# Best first, as the official tables are laid out.
_REPORTED = (*CURRENT_SCALE, Grade.ADEQUATE)


@locked
class LeftOut(VocabularyEnum):
    """Why a council given to :func:`summarise` is left out of a :class:`Summary`'s
    proportions. ``value`` is a short plain-English name.

    - ``NOT_EXISTING``: the council did not exist on the date (not yet created, or already
      abolished); it is not part of the population at all.
    - ``NOT_INSPECTED``: no graded inspection settling the category by then.
    - ``NOT_GIVEN``: the framework of the inspection in force does not give the judgement
      (overall effectiveness after an ILACS inspection from April 2026; care leavers after an
      ILACS 2018 one, which judged them with children in care).
    - ``NOT_JUDGED``: the framework gives the judgement, but that inspection did not.
    - ``UNKNOWN``: a grade is in force, but the data does not know it (the inspection's
      ``grades_known`` is ``False``, or the category is among its ``unknown``).

    The first is outside the population; the next three are :attr:`Summary.not_graded` (no
    grade in force); the last is :attr:`Summary.unknown`.

    >>> import ofstedmodel as om
    >>> [reason.name for reason in om.LeftOut if reason.is_not_graded]
    ['NOT_INSPECTED', 'NOT_GIVEN', 'NOT_JUDGED']
    """

    NOT_EXISTING = "did not exist"
    NOT_INSPECTED = "not inspected"
    NOT_GIVEN = "judgement not given"
    NOT_JUDGED = "not judged"
    UNKNOWN = "grade not known"

    @property
    def is_not_graded(self) -> bool:
        """Whether the council existed but had no grade in force (it counts in
        :attr:`Summary.not_graded`)."""
        return self in _NO_GRADE


_NO_GRADE = frozenset({LeftOut.NOT_INSPECTED, LeftOut.NOT_GIVEN, LeftOut.NOT_JUDGED})


def _frozen_members(
    value: Mapping[Grade, tuple[Council, ...]],
) -> FrozenMap[Grade, tuple[Council, ...]]:
    return FrozenMap(value)


def _frozen_left_out(
    value: Mapping[Council, LeftOut] | Iterable[tuple[Council, LeftOut]],
) -> FrozenMap[Council, LeftOut]:
    return FrozenMap(value)


def _frozen_in_force(
    value: Mapping[Council, Inspection] | Iterable[tuple[Council, Inspection]],
) -> FrozenMap[Council, Inspection]:
    return FrozenMap(value)


def _frozen_changes(value: Mapping[str, Change]) -> FrozenMap[str, Change]:
    return FrozenMap(value)


def _frozen_neighbours(value: Mapping[Council, Grade | None]) -> FrozenMap[Council, Grade | None]:
    return FrozenMap(value)


@attrs.frozen(repr=False)
class Summary(RichDisplay):
    """The distribution of councils' grades for one category as at one date.

    ``counts`` has every grade of the current scale (zero included), and ``ADEQUATE`` when
    any council's grade in force is still adequate. ``members`` lists the councils at each
    grade; ``left_out`` maps every other council given to why it is not counted (a
    :class:`LeftOut`), in the order given. ``published_by`` is the publication cut-off
    (``as_at`` unless another was asked for), and ``in_force`` maps each council that existed
    and had an inspection in force for the category to that inspection.
    """

    as_at: _dt.date
    category: Category
    members: Mapping[Grade, tuple[Council, ...]] = attrs.field(converter=_frozen_members)
    left_out: Mapping[Council, LeftOut] = attrs.field(default=(), converter=_frozen_left_out)
    group: Hashable = None
    published_by: _dt.date = attrs.field(
        default=attrs.Factory(lambda self: self.as_at, takes_self=True), kw_only=True
    )
    in_force: Mapping[Council, Inspection] = attrs.field(
        default=(), kw_only=True, converter=_frozen_in_force
    )

    @property
    def counts(self) -> Mapping[Grade, int]:
        """Grade -> number of councils, best first."""
        return FrozenMap({g: len(cs) for g, cs in self.members.items()})

    @property
    def total(self) -> int:
        """Councils with a known grade in force: the denominator of the proportions."""
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

    def _left_out_for(self, test: Callable[[LeftOut], bool]) -> tuple[Council, ...]:
        return tuple(c for c, reason in self.left_out.items() if test(reason))

    @property
    def not_graded_councils(self) -> tuple[Council, ...]:
        """Councils that existed but had no grade in force: no inspection in the data by then, or
        whose inspection in force did not give the grade (not those whose grade is unknown).
        """
        return self._left_out_for(lambda reason: reason in _NO_GRADE)

    @property
    def not_graded(self) -> int:
        """How many councils existed but had no grade in force."""
        return len(self.not_graded_councils)

    @property
    def unknown_councils(self) -> tuple[Council, ...]:
        """Councils with a grade in force that the data does not know."""
        return self._left_out_for(lambda reason: reason is LeftOut.UNKNOWN)

    @property
    def unknown(self) -> int:
        """How many councils had a grade in force that the data does not know."""
        return len(self.unknown_councils)

    @property
    def existing_councils(self) -> tuple[Council, ...]:
        """The councils given that existed on ``as_at``: those counted (best grade first),
        then those left out. ``total + not_graded + unknown`` is their number."""
        counted = tuple(c for cs in self.members.values() for c in cs)
        return counted + self._left_out_for(lambda reason: reason is not LeftOut.NOT_EXISTING)

    @property
    def existing(self) -> int:
        """How many of the councils given existed on ``as_at``."""
        return self.total + sum(
            1 for reason in self.left_out.values() if reason is not LeftOut.NOT_EXISTING
        )

    @property
    def pre_2013_councils(self) -> tuple[Council, ...]:
        """Counted councils whose grade in force is on the pre-2013 scale (SLAC, child
        protection and TLAC inspections), where adequate stood in place of requires
        improvement to be good."""
        in_force = self.in_force
        return tuple(
            c
            for cs in self.members.values()
            for c in cs
            if c in in_force and in_force[c].era.scale == PRE_2013_SCALE
        )

    def share(self, grade: Grade | str | int) -> float:
        """The proportion of graded councils at ``grade`` (0 when none is graded)."""
        total = self.total
        return self.counts.get(Grade.parse(grade), 0) / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        """The summary as plain data: enum members by name, dates in ISO form, the reasons
        councils are left out counted by name; the shape of a summary in the command line's
        ``--json``.

        >>> import ofstedmodel as om
        >>> data = om.summarise(om.datasets.histories(), as_at="2025-03-31").to_json()
        >>> data["counts"], data["total"], data["left_out"]["NOT_EXISTING"]
        ({'OUTSTANDING': 33, 'GOOD': 67, 'REQUIRES_IMPROVEMENT': 34, 'INADEQUATE': 19}, 153, 5)
        """
        group = self.group
        return {
            "group": None
            if group is None
            else group.name
            if isinstance(group, enum.Enum)
            else group_name(group),
            "group_label": None if group is None else group_name(group),
            "as_at": self.as_at.isoformat(),
            "category": self.category.name,
            "counts": {g.name: n for g, n in self.counts.items()},
            "total": self.total,
            "good_or_better": self.good_or_better,
            "share_good_or_better": self.share_good_or_better,
            "not_graded": self.not_graded,
            "unknown": self.unknown,
            "existing": self.existing,
            "published_by": self.published_by.isoformat(),
            "left_out": {
                reason.name: sum(1 for r in self.left_out.values() if r is reason)
                for reason in LeftOut
            },
            "pre_2013": len(self.pre_2013_councils),
        }

    def __repr__(self) -> str:
        group = "" if self.group is None else f" {group_name(self.group)}"
        cut_off = "" if self.published_by == self.as_at else f" published by {self.published_by}"
        unknown = f", {self.unknown} unknown" if self.unknown else ""
        return (
            f"<Summary{group} {self.category.value} as at {self.as_at.isoformat()}{cut_off}: "
            f"{self.good_or_better} of {self.total} good or better "
            f"({self.share_good_or_better:.1%}), {self.not_graded} not graded{unknown}>"
        )


def _frozen_groups(value: Mapping[Hashable, Summary]) -> FrozenMap[Hashable, Summary]:
    return FrozenMap(value)


@attrs.frozen(repr=False)
class GroupedSummary(Mapping[Hashable, Summary], RichDisplay):
    """:func:`summarise` by groups: a read-only mapping from each group (a
    :class:`~ofstedmodel.Region`, :class:`~ofstedmodel.OfstedRegion`,
    :class:`~ofstedmodel.CouncilKind` or a caller's own key) to its :class:`Summary`, in the
    groups' order, with ``combined``, the :class:`Summary` of all the councils together.

    >>> import ofstedmodel as om
    >>> a, b = om.Council("Camden", "202", region="London"), om.Council("Leeds", "383",
    ...                                                                 region="YH")
    >>> histories = [
    ...     om.History(a, [om.Inspection(a, "ILACS", "2019-01-10", {"overall": "outstanding"})]),
    ...     om.History(b, [om.Inspection(b, "ILACS", "2019-06-10", {"overall": "good"})]),
    ... ]
    >>> groups = om.summarise(histories, as_at="2020-01-01", by="region")
    >>> [(region.label, summary.total) for region, summary in groups.items()]
    [('Yorkshire and the Humber', 1), ('London', 1)]
    >>> groups.combined.total
    2
    """

    groups: Mapping[Hashable, Summary] = attrs.field(converter=_frozen_groups)
    combined: Summary

    @property
    def as_at(self) -> _dt.date:
        """The date the groups are counted as at."""
        return self.combined.as_at

    @property
    def category(self) -> Category:
        """The category counted."""
        return self.combined.category

    def __getitem__(self, group: Hashable) -> Summary:
        return self.groups[group]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    def to_json(self) -> dict[str, Any]:
        """Each group's summary as plain data (:meth:`Summary.to_json`), then the groups
        combined."""
        return {
            "groups": [summary.to_json() for summary in self.groups.values()],
            "combined": self.combined.to_json(),
        }

    def __repr__(self) -> str:
        return (
            f"<GroupedSummary {self.category.value} as at {self.as_at.isoformat()}: "
            f"{len(self.groups)} groups, {self.combined.good_or_better} of "
            f"{self.combined.total} good or better ({self.combined.share_good_or_better:.1%})>"
        )


def group_name(group: Hashable) -> str:
    """A group of :func:`summarise` as text: a region's or council type's name (their
    ``str``), or the ``str`` of a caller's own key (internal; shared with narrative and cli).
    """
    try:
        return str(group)
    except Exception:  # a caller's group whose str() fails, or an int too long to print
        return shown(group)


_histories = histories_in


def _grouper(by: GroupBy) -> Callable[[History], Hashable] | None:
    if by is None:
        return None
    if isinstance(by, str) and by == "region":
        return lambda h: h.council.region
    if isinstance(by, str) and by == "ofsted_region":
        return lambda h: h.council.ofsted_region
    if isinstance(by, str) and by == "kind":
        return lambda h: h.council.kind
    if callable(by):
        return by
    raise OfstedModelError(
        f"by: {shown(by)} is not a grouping; give 'region', 'ofsted_region', 'kind', a "
        "function of a History, or None"
    )


def _publication_rule(published_by: object) -> _dt.date | Lag | None:
    """``published_by`` checked once: ``None``, a lag (a ``relativedelta`` or ``timedelta``)
    or a date."""
    if published_by is None or isinstance(published_by, (relativedelta, _dt.timedelta)):
        return published_by
    return to_date(published_by, "published_by")


def _cut_off(rule: _dt.date | Lag | None, day: _dt.date) -> _dt.date:
    """The last publication day counted for ``day``: ``day`` itself by default, the date given,
    or ``day`` plus the lag."""
    if rule is None:
        return day
    if isinstance(rule, _dt.date):
        last = rule
    else:
        try:
            shifted = day + rule
        except (ValueError, OverflowError):
            raise DateError(
                f"published_by: {shown(rule)} after {day.isoformat()} is not a date"
            ) from None
        # A relativedelta with a time in it gives a datetime: its day counts.
        last = shifted.date() if isinstance(shifted, _dt.datetime) else shifted
    if last < day:
        raise DateError(
            f"published_by: {last.isoformat()} is before the as-at date {day.isoformat()}; "
            "reports are counted up to a cut-off on or after it",
            value=last,
            field="published_by",
            rule="cut-off before the as-at date",
            brief=f"{last.isoformat()} is before the as-at date {day.isoformat()}",
        )
    return last


def _outcome(inspection: Inspection | None, category: Category) -> Grade | LeftOut:
    """The grade a council that existed is counted at, given the inspection in force for
    ``category``, or why it is left out."""
    if inspection is None:
        return LeftOut.NOT_INSPECTED
    if category not in inspection.era.labels:
        return LeftOut.NOT_GIVEN
    grade = inspection._grade_of(category)
    if grade is not None:  # a grade given is a grade known
        return grade
    return LeftOut.NOT_JUDGED if inspection._knows(category) else LeftOut.UNKNOWN


def _tally(
    histories: Sequence[History],
    day: _dt.date,
    category: Category,
    published_by: _dt.date,
    group: Hashable = None,
) -> Summary:
    members: dict[Grade, list[Council]] = {g: [] for g in CURRENT_SCALE}
    left_out: dict[Council, LeftOut] = {}
    in_force: dict[Council, Inspection] = {}
    for history in histories:
        council = history.council
        if not council._existed_on(day):
            left_out[council] = LeftOut.NOT_EXISTING
            continue
        inspection = history._in_force(day, category, published_by)
        if inspection is not None:
            in_force[council] = inspection
        outcome = _outcome(inspection, category)
        if isinstance(outcome, LeftOut):
            left_out[council] = outcome
        else:
            members.setdefault(outcome, []).append(council)
    ordered = {g: tuple(members[g]) for g in _REPORTED if g in members}
    return Summary(
        day, category, ordered, left_out, group, published_by=published_by, in_force=in_force
    )


@overload
def summarise(
    histories: Histories,
    as_at: _dt.date | str | None = None,
    category: Category | str = ...,
    by: None = None,
    *,
    published_by: PublishedBy = None,
) -> Summary: ...


@overload
def summarise(
    histories: Histories,
    as_at: _dt.date | str | None = None,
    category: Category | str = ...,
    *,
    by: Grouping,
    published_by: PublishedBy = None,
) -> GroupedSummary: ...


@overload
def summarise(
    histories: Histories,
    as_at: _dt.date | str | None,
    category: Category | str,
    by: Grouping,
    *,
    published_by: PublishedBy = None,
) -> GroupedSummary: ...


@overload
def summarise(
    histories: Histories,
    as_at: _dt.date | str | None = None,
    category: Category | str = ...,
    by: GroupBy = None,
    *,
    published_by: PublishedBy = None,
) -> Summary | GroupedSummary: ...


def summarise(
    histories: Histories,
    as_at: _dt.date | str | None = None,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    by: GroupBy = None,
    *,
    published_by: PublishedBy = None,
) -> Summary | GroupedSummary:
    """Each council's grade for ``category`` as at ``as_at``, counted.

    Among the councils that existed on ``as_at``, each one's grade from the inspection in
    force for the category (see :meth:`History.as_at <ofstedmodel.History.as_at>`). Without
    ``published_by``, the inspections published on or before ``as_at``; with it, Ofsted's
    rule since 2024: inspections whose fieldwork began on or before ``as_at`` (any, where
    fieldwork dates are not known) and whose report was published on or before
    ``published_by`` (a date on or after ``as_at``, or a lag after it such as
    ``relativedelta(months=3)``).

    With ``by=None`` one :class:`Summary`; with ``by="region"``, ``by="ofsted_region"``
    (Ofsted's eight regions, as its releases report), ``by="kind"`` (council type) or a
    function of a :class:`~ofstedmodel.History`, a :class:`GroupedSummary`: each group's
    :class:`Summary`, in order of the groups (regions in their enum's order; ``None``, for
    councils with no region or kind recorded, last), and all of them ``combined``.

    Without ``as_at``, as at the date the data runs to (:func:`~ofstedmodel.snapshot_date`):
    for the bundled data its snapshot date, as on the command line; for histories of your own,
    the latest publication date in them.
    """
    day = _as_at(as_at, histories)
    last = _cut_off(_publication_rule(published_by), day)
    wanted = Category.parse(category)
    return _summarise(_histories(histories), day, wanted, _grouper(by), last)


def _as_at(value: object, histories: Histories) -> _dt.date:
    """The as-at date asked for, or by default the date the histories run to (internal)."""
    return snapshot_date(histories) if value is None else to_date(value, "as_at")


def _summarise(
    population: Sequence[History],
    day: _dt.date,
    wanted: Category,
    grouper: Callable[[History], Hashable] | None,
    last: _dt.date,
) -> Summary | GroupedSummary:
    """:func:`summarise` on checked values (internal: :func:`series` calls it per date)."""
    if grouper is None:
        return _tally(population, day, wanted, last)
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
    return GroupedSummary(
        {
            key: _tally(groups[key], day, wanted, last, key)
            for key in sorted(groups, key=_group_order)
        },
        _tally(population, day, wanted, last),
    )


def _group_order(key: Hashable) -> tuple[int, str]:
    if key is None:
        return (2, "")
    if isinstance(key, Region):
        return (0, f"{list(Region).index(key):02d}")
    if isinstance(key, OfstedRegion):
        return (0, f"{list(OfstedRegion).index(key):02d}")
    return (1, group_name(key))


@overload
def series(
    histories: Histories,
    dates: Iterable[_dt.date | str],
    category: Category | str = ...,
    by: None = None,
    *,
    published_by: PublishedBy = None,
) -> dict[_dt.date, Summary]: ...


@overload
def series(
    histories: Histories,
    dates: Iterable[_dt.date | str],
    category: Category | str = ...,
    *,
    by: Grouping,
    published_by: PublishedBy = None,
) -> dict[_dt.date, GroupedSummary]: ...


@overload
def series(
    histories: Histories,
    dates: Iterable[_dt.date | str],
    category: Category | str,
    by: Grouping,
    *,
    published_by: PublishedBy = None,
) -> dict[_dt.date, GroupedSummary]: ...


@overload
def series(
    histories: Histories,
    dates: Iterable[_dt.date | str],
    category: Category | str = ...,
    by: GroupBy = None,
    *,
    published_by: PublishedBy = None,
) -> dict[_dt.date, Summary] | dict[_dt.date, GroupedSummary]: ...


def series(
    histories: Histories,
    dates: Iterable[_dt.date | str],
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    by: GroupBy = None,
    *,
    published_by: PublishedBy = None,
) -> dict[_dt.date, Summary] | dict[_dt.date, GroupedSummary]:
    """:func:`summarise` at each of ``dates``: a time series to chart. Each council's grade
    at each date is a logarithmic look-up in its history; nothing is rescanned.
    ``published_by`` is passed to each: a date (on or after every one of ``dates``) or,
    more usefully here, a lag after each date, such as ``relativedelta(months=3)``.

    >>> import ofstedmodel as om
    >>> from dateutil.relativedelta import relativedelta
    >>> la = om.Council("Camden", "202")
    >>> camden = om.History(la, [
    ...     om.Inspection(la, "SIF", "2015-03-27", {"overall": "requires improvement"}),
    ...     om.Inspection(la, "ILACS", "2019-06-10", {"overall": "good"}, start="2019-04-29"),
    ... ])
    >>> shares = om.series([camden], ["2016-03-31", "2019-05-31", "2020-03-31"])
    >>> [s.share_good_or_better for s in shares.values()]
    [0.0, 0.0, 1.0]
    >>> lagged = om.series([camden], ["2019-05-31"], published_by=relativedelta(months=1))
    >>> [s.share_good_or_better for s in lagged.values()]  # reports published by 30 June 2019
    [1.0]
    """
    population = _histories(histories)
    days = [to_date(day, "dates") for day in _iterable(dates, "dates")]
    if not days:
        return {}
    rule = _publication_rule(published_by)
    wanted = Category.parse(category)
    grouper = _grouper(by)
    return {  # type: ignore[return-value]
        day: _summarise(population, day, wanted, grouper, _cut_off(rule, day)) for day in days
    }


def _iterable(value: object, what: str) -> Iterable[object]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise OfstedModelError(f"{what}: {shown(value)} is not a sequence of dates")
    return value


@attrs.frozen(repr=False)
class Transitions:
    """First against latest grade for councils with more than one graded inspection under a
    framework, published on or before ``as_at`` (or, with a later ``published_by``, begun by
    ``as_at`` and published by ``published_by``).

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
    published_by: _dt.date = attrs.field(
        default=attrs.Factory(lambda self: self.as_at, takes_self=True), kw_only=True
    )

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
        cut_off = "" if self.published_by == self.as_at else f" published by {self.published_by}"
        return (
            f"<Transitions {self.framework.value} {self.category.value} as at "
            f"{self.as_at.isoformat()}{cut_off}: {len(self.improved)} improved, "
            f"{len(self.retained_good_or_better)} retained good or better, "
            f"{len(self.unchanged_below_good)} unchanged below good, "
            f"{len(self.declined)} declined, {len(self.unknown)} unknown>"
        )


def transitions(
    histories: Histories,
    as_at: _dt.date | str | None = None,
    framework: Framework | str = Framework.ILACS,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    *,
    published_by: PublishedBy = None,
) -> Transitions:
    """Compare each council's first and latest grade for ``category`` under ``framework``,
    among inspections published on or before ``as_at`` that graded the category (so ILACS
    inspections from April 2026, which give no overall effectiveness, do not count for it).

    With ``published_by``, as :func:`summarise` counts: inspections whose fieldwork began on
    or before ``as_at`` (any, where fieldwork dates are not known) and whose report was
    published on or before ``published_by``.

    >>> import ofstedmodel as om
    >>> la = om.Council("Camden", "202")
    >>> camden = om.History(la, [
    ...     om.Inspection(la, "ILACS", "2019-06-10", {"overall": "requires improvement"}),
    ...     om.Inspection(la, "ILACS", "2023-04-20", {"overall": "good"}, start="2023-03-06"),
    ... ])
    >>> om.transitions([camden], as_at="2023-03-31")
    <Transitions ILACS overall effectiveness as at 2023-03-31: 0 improved, 0 retained good or
    better, 0 unchanged below good, 0 declined, 0 unknown>
    >>> om.transitions([camden], as_at="2023-03-31", published_by="2023-06-30")
    <Transitions ILACS overall effectiveness as at 2023-03-31 published by 2023-06-30: 1 improved,
    0 retained good or better, 0 unchanged below good, 0 declined, 0 unknown>

    Without ``as_at``, as at the date the data runs to, as :func:`summarise`.
    """
    day = _as_at(as_at, histories)
    last = _cut_off(_publication_rule(published_by), day)
    wanted = Category.parse(category)
    try:
        chosen = Framework.parse(framework)
    except OfstedModelError as error:
        raise OfstedModelError(f"framework: {error}") from None
    changes: dict[str, Change] = {}
    for history in _histories(histories):
        points = [
            p
            for p in trajectory_of(wanted, history.graded).points
            if p.inspection.framework is chosen
            and p.published <= last
            and (p.inspection.start is None or p.inspection.start <= day)
        ]
        if len(points) > 1:
            first, latest = points[0], points[-1]
            changes[history.council.la_code] = Change(
                wanted, first.grade, latest.grade, first.inspection, latest.inspection
            )
    return Transitions(day, chosen, wanted, dict(sorted(changes.items())), published_by=last)


@attrs.frozen(repr=False)
class Peers(RichDisplay):
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
    #: Why the council or a neighbour has no grade (``grade`` or its value ``None``): a
    #: :class:`LeftOut`, so that a grade the data does not know never reads as no grade.
    left_out: Mapping[Council, LeftOut] = attrs.field(
        default=(), kw_only=True, converter=_frozen_left_out
    )

    @property
    def neighbours_good_or_better(self) -> int:
        """How many statistical neighbours are good or outstanding."""
        return sum(1 for g in self.neighbours.values() if g is not None and g.is_good_or_better)

    def to_json(self) -> dict[str, Any]:
        """The council's grade, each neighbour's, and the regional and national summaries as
        plain data (enum members by name, dates in ISO form)."""
        return {
            "council": self.council.la_code,
            "as_at": self.as_at.isoformat(),
            "category": self.category.name,
            "grade": None if self.grade is None else self.grade.name,
            "neighbours": [
                {"name": c.name, "la_code": c.la_code, "grade": None if g is None else g.name}
                for c, g in self.neighbours.items()
            ],
            "region": None if self.region is None else self.region.to_json(),
            "england": self.england.to_json(),
        }

    def __repr__(self) -> str:
        if self.grade is not None:
            grade = self.grade.value
        elif self.left_out.get(self.council) is LeftOut.UNKNOWN:
            grade = "grade unknown"
        else:
            grade = "not graded"
        return (
            f"<Peers {self.council.name} {self.category.value} as at {self.as_at.isoformat()}: "
            f"{grade}; {self.neighbours_good_or_better} of {len(self.neighbours)} neighbours "
            "good or better>"
        )


def peers(
    history: History,
    histories: Histories,
    as_at: _dt.date | str | None = None,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
) -> Peers:
    """The council's grade for ``category`` as at ``as_at`` beside each of its statistical
    neighbours' (in the DfE's order, most similar first), its region's :class:`Summary` and
    England's. Every neighbour must be among ``histories``.

    >>> import ofstedmodel as om
    >>> result = om.peers(om.datasets.history("Leeds"), om.datasets.histories(), "2024-03-31")
    >>> [c.name for c in result.neighbours][:2]
    ['Portsmouth', 'Southend-on-Sea']

    Without ``as_at``, as at the date ``histories`` run to, as :func:`summarise`.
    """
    if not isinstance(history, History):
        raise OfstedModelError(f"history: {shown(history)} is not a History")
    day = _as_at(as_at, histories)
    wanted = Category.parse(category)
    population = _histories(histories)
    by_code = {h.council.la_code: h for h in population}
    left_out: dict[Council, LeftOut] = {}

    def grade_of(one: History) -> Grade | None:
        outcome = _outcome(one._in_force(day, wanted, day), wanted)
        if isinstance(outcome, Grade):
            return outcome
        existed = one.council._existed_on(day)
        left_out[one.council] = outcome if existed else LeftOut.NOT_EXISTING
        return None

    own = grade_of(history)
    neighbours: dict[Council, Grade | None] = {}
    for code in history.council.statistical_neighbours:
        neighbour = by_code.get(code)
        if neighbour is None:
            raise CouncilError(
                f"peers: {history.council.name}'s statistical neighbour {code} is not among "
                "the histories given"
            )
        neighbours[neighbour.council] = grade_of(neighbour)
    region = history.council.region
    regional = (
        _tally([h for h in population if h.council.region is region], day, wanted, day, region)
        if region is not None
        else None
    )
    return Peers(
        history.council,
        day,
        wanted,
        own,
        neighbours,
        regional,
        _tally(population, day, wanted, day),
        left_out=left_out,
    )

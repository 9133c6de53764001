"""A council's history: its inspections in publication order, and what was in force when.

>>> from datetime import date
>>> import ofstedmodel as om
>>> la = om.Council("Rotherham", "372")
>>> history = om.History(la, [
...     om.Inspection(la, "SIF", date(2018, 1, 29), {"overall": "good"},
...                   start=date(2017, 11, 6), end=date(2017, 11, 30)),
...     om.Inspection(la, "SIF", date(2014, 11, 19), {"overall": "inadequate"}),
... ])
>>> history.grade_as_at(date(2017, 12, 15))  # fieldwork over, report not yet published
<Grade.INADEQUATE: 4>
>>> history.grade_as_at("2018-01-29")
<Grade.GOOD: 2>
>>> history.as_at(date(2014, 1, 1)) is None
True
"""

from __future__ import annotations

import bisect
import datetime as _dt
import operator
from collections.abc import Iterable, Iterator, Mapping
from itertools import compress, islice
from typing import TYPE_CHECKING, TypeAlias

import attrs

from ._coerce import counted, shown, to_date
from ._frozen import FrozenMap
from ._rich import RichDisplay
from .councils import Council
from .errors import HistoryError
from .frameworks import Category, InspectionKind, ungraded_kinds
from .grades import Grade
from .inspections import Inspection

if TYPE_CHECKING:  # imported where used: loading a history needs neither
    from .changes import Comparison
    from .trajectories import Trajectory

__all__ = ["Histories", "History", "Snapshot", "histories_in", "report_key", "snapshot_date"]

_KIND_ORDER = {kind: i for i, kind in enumerate(InspectionKind)}
_NO_DATE = _dt.date.min
_PUBLISHED = operator.attrgetter("published")
_KIND = operator.attrgetter("kind")
_LA_CODE = operator.attrgetter("council.la_code")
#: What makes a report one report (see :func:`report_key`), at C speed.
_REPORT_KEY = operator.attrgetter("published", "kind")


def _order(inspection: Inspection) -> tuple[_dt.date, _dt.date, int]:
    return (inspection.published, inspection.end or _NO_DATE, _KIND_ORDER[inspection.kind])


def _inspections(value: object) -> tuple[Inspection, ...]:
    # Checked here, put in order by History.__attrs_post_init__, which needs their dates too.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise HistoryError(f"inspections: {shown(value)} is not a sequence of Inspection")
    items = tuple(value)
    if set(map(type, items)) - {Inspection}:  # one pass at C speed; isinstance where needed
        for item in items:
            if not isinstance(item, Inspection):
                raise HistoryError(f"inspections: {shown(item)} is not an Inspection")
    return items


def _in_order(
    items: tuple[Inspection, ...],
) -> tuple[tuple[Inspection, ...], list[_dt.date], bool]:
    """``items`` in a history's order (see :func:`_order`), their publication dates in that
    order, and whether no date comes twice.

    Inspections listed oldest or newest first with no date twice, as files usually list them,
    are seen to be so in one pass over their dates and kept or reversed, with no sort:
    distinct dates leave the tie breaks nothing to do.
    """
    dates = list(map(_PUBLISHED, items))
    if all(map(operator.lt, dates, islice(dates, 1, None))):
        return items, dates, True
    if all(map(operator.gt, dates, islice(dates, 1, None))):
        dates.reverse()
        return items[::-1], dates, True
    # By publication date (a C-speed key), then by fieldwork end and kind only where two
    # share a date: the order of _order, at a fraction of the cost when dates are distinct.
    ordered = sorted(items, key=_PUBLISHED)
    dates.sort()  # the same list whatever breaks the ties
    distinct = len(set(dates)) == len(dates)
    if not distinct:
        ordered.sort(key=_order)
    return tuple(ordered), dates, distinct


def _council(value: object) -> Council:
    if not isinstance(value, Council):
        raise HistoryError(f"council: {shown(value)} is not a Council")
    return value


@attrs.frozen(repr=False, cache_hash=True)
class History(RichDisplay):
    """One council's inspections and visits, kept in publication order (ties broken by
    fieldwork end, then kind).

    Refuses, with :class:`~ofstedmodel.HistoryError`, an inspection of another council and
    a duplicate (same kind and publication date). A predecessor council's inspections are
    its own history, never merged in.
    """

    council: Council = attrs.field(converter=_council)
    inspections: tuple[Inspection, ...] = attrs.field(default=(), converter=_inspections)
    _graded: tuple[Inspection, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)
    _dates: tuple[_dt.date, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # The order, then the checks of a history in whole-list steps (one set of codes, one
        # set of report keys), with the inspection to blame found only when one fails.
        inspections, dates, distinct = _in_order(self.inspections)
        object.__setattr__(self, "inspections", inspections)
        code = self.council.la_code
        if set(map(_LA_CODE, inspections)) - {code}:
            other = next(i for i in inspections if i.council.la_code != code)
            raise HistoryError(
                f"history of {self.council.name} ({code}): {shown(other)} is of "
                f"{other.council.name} ({other.council.la_code})"
            )
        # No two reports share a key when no two share a publication date.
        if not distinct and len(set(map(_REPORT_KEY, inspections))) != len(inspections):
            seen: set[tuple[_dt.date, InspectionKind]] = set()
            for inspection in inspections:
                key = report_key(inspection)
                if key in seen:
                    raise HistoryError(
                        f"history of {self.council.name} ({code}): two "
                        f"{inspection.kind.value}s published {inspection.published.isoformat()};"
                        " a report is listed once"
                    )
                seen.add(key)
        ungraded = ungraded_kinds()
        if ungraded.isdisjoint(map(_KIND, inspections)):
            object.__setattr__(self, "_graded", inspections)
            object.__setattr__(self, "_dates", tuple(dates))
            return
        keep = list(map(operator.not_, map(ungraded.__contains__, map(_KIND, inspections))))
        object.__setattr__(self, "_graded", tuple(compress(inspections, keep)))
        object.__setattr__(self, "_dates", tuple(compress(dates, keep)))

    # -- as at --------------------------------------------------------------------------------

    def as_at(
        self,
        day: _dt.date | str,
        category: Category | str | None = None,
        *,
        published_by: _dt.date | str | None = None,
    ) -> Inspection | None:
        """The most recent graded inspection published on or before ``day``, or ``None``.

        An inspection whose grades are unknown is still the most recent one: as-at never
        reaches past it to an older grade. Ungraded visits never count. Logarithmic in the
        history's length.

        With ``category``, the most recent one that judges it (see
        :meth:`Inspection.covers`): a targeted inspection, such as a 2012 child protection
        inspection, leaves in force the judgements it does not make, while a full one
        replaces them all (a 2026 ILACS inspection gives no overall effectiveness, so none is
        in force after it).

        A council's grades end with it: after its abolition (``Council.abolished``) nothing is
        in force.

        With ``published_by``, the rule of Ofsted's releases since 2024: the most recent
        inspection whose fieldwork started on or before ``day`` (any, where its fieldwork
        dates are not known) and whose report was published on or before ``published_by``.

        >>> import ofstedmodel as om
        >>> camden = om.datasets.history("Camden")  # fieldwork from 3 March 2025
        >>> camden.as_at("2025-03-31", published_by="2025-06-30").published
        datetime.date(2025, 4, 15)
        >>> camden.as_at("2025-03-31").published
        datetime.date(2022, 6, 21)
        """
        when = to_date(day, "as_at")
        wanted = None if category is None else Category.parse(category)
        return self._in_force(when, wanted, _published_by(published_by, when))

    def _in_force(
        self, day: _dt.date, category: Category | None, published_by: _dt.date
    ) -> Inspection | None:
        """:meth:`as_at` on checked values (internal: populations call it in a loop)."""
        abolished = self.council.abolished
        if abolished is not None and day >= abolished:
            return None
        graded = self._graded
        index = bisect.bisect_right(self._dates, published_by)
        if published_by <= day and category is None:
            return graded[index - 1] if index else None
        while index:
            index -= 1
            inspection = graded[index]
            if inspection.start is not None and inspection.start > day:
                continue
            if category is None or inspection.covers(category):
                return inspection
        return None

    def grade_as_at(
        self,
        day: _dt.date | str,
        category: Category | str = Category.OVERALL_EFFECTIVENESS,
        *,
        published_by: _dt.date | str | None = None,
    ) -> Grade | None:
        """The grade for ``category`` in force on ``day``: from the inspection
        :meth:`as_at` gives for the category, ``None`` when there is none or it did not give
        (or the data does not know) that grade."""
        wanted = Category.parse(category)
        when = to_date(day, "as_at")
        inspection = self._in_force(when, wanted, _published_by(published_by, when))
        return None if inspection is None else inspection._grade_of(wanted)

    # -- over time ----------------------------------------------------------------------------

    @property
    def graded(self) -> tuple[Inspection, ...]:
        """The graded inspections (grades known or not), in order."""
        return self._graded

    @property
    def latest(self) -> Inspection | None:
        """The most recent graded inspection, or ``None``."""
        return self._graded[-1] if self._graded else None

    def trajectory(self, category: Category | str = Category.OVERALL_EFFECTIVENESS) -> Trajectory:
        """The category's grades over the graded inspections that grade it."""
        from .trajectories import trajectory_of

        return trajectory_of(Category.parse(category), self._graded)

    def compare(
        self, before: _dt.date | str | None = None, after: _dt.date | str | None = None
    ) -> Comparison:
        """Compare the inspections in force on two dates; by default the last two graded
        inspections.

        Raises :class:`~ofstedmodel.HistoryError` when there are not two to compare: the
        ``before`` date is after the ``after`` date, or one inspection was in force on both
        (none was published between them).
        """
        from .changes import compare

        if before is None and after is None:
            if len(self._graded) < 2:
                raise HistoryError(
                    f"{self.council.name} has {len(self._graded)} graded inspection(s); "
                    "a comparison needs two"
                )
            return compare(self._graded[-2], self._graded[-1])
        if not self._graded:
            raise HistoryError(f"{self.council.name} has no graded inspection to compare")
        start = None if before is None else to_date(before, "before")
        end = None if after is None else to_date(after, "after")
        if start is not None and end is not None and start > end:
            raise HistoryError(
                f"{self.council.name}: the first date, {start.isoformat()}, is after the second, "
                f"{end.isoformat()}; give the earlier date first",
                field="before",
                rule="dates in the wrong order",
            )
        first = self._graded[0] if start is None else self.as_at(start)
        last = self.latest if end is None else self.as_at(end)
        if first is None or last is None:
            missing = start if first is None else end
            raise HistoryError(
                f"{self.council.name} had no graded inspection published by {missing}",
                field="before" if first is None else "after",
            )
        if first is last:
            raise HistoryError(
                f"{self.council.name}: the inspection published {first.published.isoformat()} "
                "was in force on both dates (none was published between them); there is "
                "nothing to compare",
                rule="one inspection on both dates",
            )
        return compare(first, last)

    def between(
        self, start: _dt.date | str | None = None, end: _dt.date | str | None = None
    ) -> tuple[Inspection, ...]:
        """Inspections and visits published from ``start`` to ``end``, both inclusive."""
        first = to_date(start, "start") if start is not None else _dt.date.min
        last = to_date(end, "end") if end is not None else _dt.date.max
        return tuple(i for i in self.inspections if first <= i.published <= last)

    def add(self, *inspections: Inspection) -> History:
        """A new history with ``inspections`` added (histories are immutable)."""
        return History(self.council, self.inspections + inspections)

    def __iter__(self) -> Iterator[Inspection]:
        return iter(self.inspections)

    def __len__(self) -> int:
        return len(self.inspections)

    def __repr__(self) -> str:
        latest = self.latest
        tail = "" if latest is None else f", latest {latest.published.isoformat()}"
        return (
            f"<History {self.council.name} ({self.council.la_code}): "
            f"{counted(len(self.inspections), 'inspection')}{tail}>"
        )


def _published_by(value: object, day: _dt.date) -> _dt.date:
    """The publication cut-off of :meth:`History.as_at`: ``day`` unless another is given."""
    return day if value is None else to_date(value, "published_by")


def report_key(inspection: Inspection) -> tuple[_dt.date, InspectionKind]:
    """What makes a report one report: its publication date and kind. A history lists each
    report once; readers use the same key to report a second row of one report."""
    key: tuple[_dt.date, InspectionKind] = _REPORT_KEY(inspection)
    return key


def histories_in(value: object, what: str = "histories") -> tuple[History, ...]:
    """The histories in ``value``, one per council: a :class:`History`, a mapping from DfE code
    to history (as :func:`ofstedmodel.datasets.histories` gives), or an iterable of histories.
    The one place the library takes "histories" from a caller.

    >>> import ofstedmodel as om
    >>> la = om.Council("Rotherham", "372")
    >>> histories_in({"372": om.History(la)})
    (<History Rotherham (372): 0 inspections>,)
    >>> histories_in([om.History(la), om.History(la)])
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.HistoryError: histories: two histories of Rotherham (DfE code 372); ...
    """
    if isinstance(value, History):
        return (value,)
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(item, History) and key != item.council.la_code:
                raise HistoryError(
                    f"{what}: key {shown(key)} holds the history of {shown(item.council)}; "
                    "key a mapping of histories by DfE code",
                    field=what,
                )
        items: Iterable[object] = value.values()
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise HistoryError(
            f"{what}: {shown(value)} is not a History, a mapping of DfE code to History or an "
            "iterable of History",
            field=what,
        )
    else:
        items = value
    found: list[History] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, History):
            raise HistoryError(f"{what}: {shown(item)} is not a History", field=what)
        code = item.council.la_code
        if code in seen:
            raise HistoryError(
                f"{what}: two histories of {item.council.name} (DfE code {code}); give each "
                "council once",
                field=what,
            )
        seen.add(code)
        found.append(item)
    return tuple(found)


#: What the functions over many councils take as "histories": one :class:`History`, a mapping
#: from DfE code to history (such as :func:`ofstedmodel.datasets.histories` and a reader's
#: ``LoadResult.histories``) or an iterable of histories, one per council.
Histories: TypeAlias = History | Mapping[str, History] | Iterable[History]


def _by_code(value: Histories) -> FrozenMap[str, History]:
    return FrozenMap((h.council.la_code, h) for h in histories_in(value))


def _as_of(value: _dt.date | str) -> _dt.date:
    return to_date(value, "as_of")


@attrs.frozen(repr=False, eq=False)
class Snapshot(Mapping[str, History]):
    """Histories by DfE code, with the date the data runs to: ``as_of``, the day its sources
    were taken, up to which every report published is in it.
    :func:`ofstedmodel.datasets.histories` gives the bundled data as one; build your own to
    give your data's date. A read-only mapping, equal to any mapping of the same histories.

    >>> import ofstedmodel as om
    >>> la = om.Council("Rotherham", "372")
    >>> mine = Snapshot([om.History(la)], as_of="2026-08-22")
    >>> list(mine), mine.as_of
    (['372'], datetime.date(2026, 8, 22))
    """

    histories: Mapping[str, History] = attrs.field(converter=_by_code)
    as_of: _dt.date = attrs.field(converter=_as_of)

    def __getitem__(self, code: str) -> History:
        return self.histories[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.histories)

    def __len__(self) -> int:
        return len(self.histories)

    def __repr__(self) -> str:
        return f"<Snapshot of {len(self)} histories as of {self.as_of.isoformat()}>"


def snapshot_date(histories: Histories) -> _dt.date:
    """The date ``histories`` run to, the default "as at" of :func:`~ofstedmodel.summarise`,
    :func:`~ofstedmodel.transitions`, :func:`~ofstedmodel.peers` and the charts: a
    :class:`Snapshot`'s ``as_of`` (the bundled data's is :data:`ofstedmodel.datasets.as_of`,
    as on the command line), otherwise the latest publication date of any inspection or visit
    in them. Never today's date: a grade in force today may have been replaced by a report the
    data does not hold. Raises :class:`~ofstedmodel.HistoryError` when there is no inspection
    to date them by.

    >>> import ofstedmodel as om
    >>> la = om.Council("Camden", "202")
    >>> camden = om.History(la, [om.Inspection(la, "ILACS", "2019-06-10", {"overall": "good"})])
    >>> snapshot_date([camden])
    datetime.date(2019, 6, 10)
    >>> snapshot_date(Snapshot([camden], as_of="2020-01-31"))
    datetime.date(2020, 1, 31)
    """
    return data_end(histories, histories_in(histories))


def data_end(given: object, population: Iterable[History]) -> _dt.date:
    """:func:`snapshot_date` of ``given``, whose histories ``population`` are already checked
    (internal: for callers that hold both)."""
    if isinstance(given, Snapshot):
        return given.as_of
    dates = [h.inspections[-1].published for h in population if h.inspections]
    if not dates:
        raise HistoryError(
            "histories: no inspection or visit in them, so no date they run to; give the as-at "
            "date",
            field="as_at",
            rule="no date to default to",
        )
    return max(dates)

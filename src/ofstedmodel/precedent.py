"""Precedent: what actually happened to councils in the same position after an inspection,
from every pair of consecutive graded inspections in the data, and the side of
:func:`~ofstedmodel.due.next_inspection` it gives (:class:`Precedent`).

A council's :class:`Position` after an inspection is its grade, the inspection's kind, era and
framework. The pairs whose first inspection left a council in the same position, and whose
second was published by the as-at date, are the pool; the pools are tried most alike first
(:data:`POOLS`), until one holds :data:`MIN_PAIRS`. The window is the middle share of the gaps
between their fieldwork starts, counted from the council's own.

    >>> import ofstedmodel as om
    >>> last = om.datasets.history("Rotherham").latest
    >>> Position.of(last).to_json()
    {'grade': 'OUTSTANDING', 'kind': 'ILACS_SHORT', 'era': 'ILACS 2023', 'framework': 'ILACS'}
"""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
import math
from collections import Counter
from collections.abc import Mapping
from typing import Any, NamedTuple

import attrs

from ._frozen import FrozenMap
from .frameworks import Category, Framework, InspectionKind
from .grades import Grade
from .history import History
from .inspections import Inspection
from .windows import NoWindow, Window

__all__ = ["MIN_PAIRS", "POOLS", "Position", "Precedent"]

#: The fewest pairs of inspections in the same position from which a window is given: with
#: fewer, the 10th and 90th percentiles of their gaps say little.
MIN_PAIRS = 10


@attrs.frozen
class Position:
    """Where a council stands after an inspection, for finding councils like it: the
    inspection's overall effectiveness ``grade`` (``None`` when not given or not known), its
    ``kind``, its ``era`` (the name of its row in :data:`~ofstedmodel.frameworks.ERAS`) and
    ``framework``."""

    grade: Grade | None
    kind: InspectionKind
    era: str
    framework: Framework

    @classmethod
    def of(cls, inspection: Inspection) -> Position:
        """The position ``inspection`` leaves its council in."""
        return cls(inspection.overall, inspection.kind, inspection.era.name, inspection.framework)

    def to_json(self) -> dict[str, Any]:
        """Enum members by name."""
        return {
            "grade": None if self.grade is None else self.grade.name,
            "kind": self.kind.name,
            "era": self.era,
            "framework": self.framework.name,
        }


def _kinds(value: Mapping[InspectionKind, int]) -> FrozenMap[InspectionKind, int]:
    return FrozenMap(value)


@attrs.frozen
class Precedent:
    """The data's side: what happened after the inspections of councils in the same position
    whose next inspection was published by the as-at date.

    ``matched`` names what the pool shares with the council's position: ``('grade', 'kind',
    'era')`` when at least :data:`MIN_PAIRS` such pairs exist, else ``('grade', 'kind',
    'framework')``, else ``('grade', 'framework')``, else ``('grade',)``: the same grade under
    any framework (empty when none has enough). ``pairs`` is the
    number of pairs in that pool, ``gaps`` the days between their fieldwork starts, shortest
    first, and ``next_kinds`` how many of the next inspections were of each kind. ``window`` is
    the middle ``coverage`` of the gaps counted from the council's last fieldwork start, with
    ``median`` the middle one (both ``None`` with ``no_window`` saying why).
    """

    matched: tuple[str, ...]
    pairs: int
    gaps: tuple[int, ...]
    next_kinds: Mapping[InspectionKind, int] = attrs.field(converter=_kinds)
    window: Window | None = None
    median: _dt.date | None = None
    no_window: NoWindow | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict, enum members by name and dates in ISO form."""
        return {
            "matched": list(self.matched),
            "pairs": self.pairs,
            "gaps_days": list(self.gaps),
            "next_kinds": {kind.name: n for kind, n in self.next_kinds.items()},
            "window": None if self.window is None else self.window.to_json(),
            "median": None if self.median is None else self.median.isoformat(),
            "no_window": None if self.no_window is None else self.no_window.name,
        }


# -- computing it ---------------------------------------------------------------------------------


class _Pair(NamedTuple):
    """Two consecutive graded inspections of a council, both with a known fieldwork start,
    and the days between those starts (internal: a tuple, as hundreds are made at a time)."""

    first: Inspection
    second: Inspection
    gap: int


#: The pools tried, most alike first: what a pair's position must share with the council's.
POOLS: tuple[tuple[str, ...], ...] = (
    ("grade", "kind", "era"),
    ("grade", "kind", "framework"),
    ("grade", "framework"),
    ("grade",),
)
#: The fields of a :class:`Position`, in the order of :func:`_where`.
_FIELDS = ("grade", "kind", "era", "framework")
#: For each pool, what of a position it compares: the positions of its fields in _FIELDS.
_PICK = {fields: tuple(_FIELDS.index(field) for field in fields) for fields in POOLS}

_Where = tuple[Grade | None, InspectionKind, str, Framework]


def _where(inspection: Inspection) -> _Where:
    """Where ``inspection`` left its council: :meth:`Position.of` as a plain tuple."""
    return (inspection.overall, inspection.kind, inspection.era.name, inspection.framework)


def _alike_key(where: _Where, fields: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(where[i] for i in _PICK[fields])


class Precedents:
    """Every pair of consecutive graded inspections with both fieldwork starts known, in order
    of the second inspection's publication, and for each pool asked about the pairs sharing
    each position, with the second's publication dates beside them: a pool as at a date is one
    look-up and one bisection (internal; built once per population, so a plain class).

    An index is built when its pool is first asked about: most questions are answered by the
    first pool, the most alike."""

    __slots__ = ("_pools", "_wheres", "pairs")

    def __init__(self, histories: tuple[History, ...]) -> None:
        found = []
        for history in histories:
            for first, second in itertools.pairwise(history.graded):
                # A grade the data does not know is no position to compare with.
                known = first._knows(Category.OVERALL_EFFECTIVENESS)
                if known and first.start is not None and second.start is not None:
                    found.append(_Pair(first, second, (second.start - first.start).days))
        found.sort(key=lambda pair: pair.second.published)
        self.pairs: tuple[_Pair, ...] = tuple(found)
        self._wheres = [_where(pair.first) for pair in found]
        self._pools: dict[
            tuple[str, ...], dict[tuple[object, ...], tuple[list[_Pair], list[_dt.date]]]
        ] = {}

    def pool(self, position: Position, fields: tuple[str, ...], as_at: _dt.date) -> list[_Pair]:
        """The pairs whose first inspection left its council where ``position`` does, in
        ``fields``, and whose second was published by ``as_at``."""
        groups = self._pools.get(fields)
        if groups is None:
            groups = self._pools[fields] = {}
            for pair, where in zip(self.pairs, self._wheres, strict=True):
                pool, dates = groups.setdefault(_alike_key(where, fields), ([], []))
                pool.append(pair)
                dates.append(pair.second.published)
        where = (position.grade, position.kind, position.era, position.framework)
        found = groups.get(_alike_key(where, fields))
        if found is None:
            return []
        pool, dates = found
        return pool[: bisect.bisect_right(dates, as_at)]


#: The precedents of the populations last asked about, by the identity of their histories:
#: building them costs more than the question, and the bundled data is asked about again and
#: again. Each entry keeps its histories alive, so an identity cannot be reused while cached.
_CACHE: dict[tuple[int, ...], tuple[tuple[History, ...], Precedents]] = {}


def precedents(histories: tuple[History, ...]) -> Precedents:
    """The :class:`Precedents` of ``histories``, built once per population (internal)."""
    key = tuple(map(id, histories))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached[1]
    built = Precedents(histories)
    if len(_CACHE) >= 8:
        del _CACHE[next(iter(_CACHE))]
    _CACHE[key] = (histories, built)
    return built


def _quantile(ordered: tuple[int, ...], share: float) -> int:
    """The ``share`` quantile of ``ordered`` by linear interpolation between ranks, in whole
    days."""
    where = share * (len(ordered) - 1)
    low = math.floor(where)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (where - low) * (ordered[high] - ordered[low]))


def precedent_for(
    position: Position,
    start: _dt.date | None,
    as_at: _dt.date,
    index: Precedents,
    coverage: float,
) -> Precedent:
    """The :class:`Precedent` for a council left at ``position`` by an inspection whose
    fieldwork started on ``start``, from the pairs of ``index`` published by ``as_at``, its
    window covering the middle ``coverage`` of their gaps (internal: for
    :func:`~ofstedmodel.due.next_inspection`)."""
    for fields in POOLS:
        pool = index.pool(position, fields, as_at)
        if len(pool) >= MIN_PAIRS:
            break
    else:
        pool = index.pool(position, POOLS[0], as_at)
        return Precedent(
            (),
            len(pool),
            tuple(sorted(p.gap for p in pool)),
            Counter(p.second.kind for p in pool),
            no_window=NoWindow.TOO_FEW_PAIRS,
        )
    gaps = tuple(sorted(p.gap for p in pool))
    kinds = Counter(p.second.kind for p in pool)
    if start is None:
        return Precedent(fields, len(pool), gaps, kinds, no_window=NoWindow.FIELDWORK_UNKNOWN)
    tail = (1 - coverage) / 2
    window = Window(
        start + _dt.timedelta(days=_quantile(gaps, tail)),
        start + _dt.timedelta(days=_quantile(gaps, 1 - tail)),
    )
    median = start + _dt.timedelta(days=_quantile(gaps, 0.5))
    return Precedent(fields, len(pool), gaps, kinds, window, median)

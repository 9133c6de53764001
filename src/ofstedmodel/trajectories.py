"""Trajectories: one category's grades over a council's graded inspections.

>>> from datetime import date
>>> import ofstedmodel as om
>>> la = om.Council("Rotherham", "372")
>>> history = om.History(la, [
...     om.Inspection(la, "SIF", date(2014, 11, 19), {"overall": "inadequate"}),
...     om.Inspection(la, "SIF", date(2018, 1, 29), {"overall": "good"}),
...     om.Inspection(la, "ILACS", date(2022, 8, 12), {"overall": "good"}, kind="short"),
... ])
>>> trajectory = history.trajectory()
>>> [p.grade.value for p in trajectory.points]
['inadequate', 'good', 'good']
>>> trajectory.first(at_least=om.Grade.GOOD, after=date(2014, 11, 19)).published
datetime.date(2018, 1, 29)
>>> [(s.grade.value, s.length) for s in trajectory.streaks()]
[('inadequate', 1), ('good', 2)]
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterator

import attrs

from ._coerce import to_optional_date
from ._rich import RichDisplay
from .changes import Change, _combined, _direction
from .direction import Direction
from .frameworks import Category
from .grades import Grade
from .inspections import Inspection

__all__ = ["Point", "Streak", "Trajectory"]


@attrs.frozen(repr=False)
class Point:
    """One graded inspection on a trajectory: when it was published and the grade it gave
    the category (``None`` when the grade is not known).

    >>> import ofstedmodel as om
    >>> point = om.datasets.history("Rotherham").trajectory("children in care").points[2]
    >>> point.published, point.grade, point.label
    (datetime.date(2018, 1, 29), <Grade.REQUIRES_IMPROVEMENT: 3>, 'Children looked after and
    achieving permanence')
    """

    published: _dt.date
    grade: Grade | None
    inspection: Inspection
    category: Category

    @property
    def label(self) -> str:
        """The framework's wording of the category at this point."""
        return self.inspection.era.labels[self.category]

    def __repr__(self) -> str:
        grade = "unknown" if self.grade is None else self.grade.value
        return f"<Point {self.published.isoformat()} {grade}>"


@attrs.frozen(repr=False)
class Streak:
    """Consecutive points with the same known grade.

    >>> import ofstedmodel as om
    >>> good = om.datasets.history("Rotherham").trajectory().streaks()[2]
    >>> good.grade, good.length, good.first, good.last
    (<Grade.GOOD: 2>, 2, datetime.date(2018, 1, 29), datetime.date(2022, 8, 12))
    """

    grade: Grade
    points: tuple[Point, ...]

    @property
    def first(self) -> _dt.date:
        """The publication date of the streak's first point."""
        return self.points[0].published

    @property
    def last(self) -> _dt.date:
        """The publication date of the streak's last point."""
        return self.points[-1].published

    @property
    def length(self) -> int:
        """How many inspections in a row gave the grade."""
        return len(self.points)

    def __repr__(self) -> str:
        return (
            f"<Streak {self.grade.value} x{self.length} "
            f"{self.first.isoformat()}..{self.last.isoformat()}>"
        )


@attrs.frozen(repr=False)
class Trajectory(RichDisplay):
    """One category's grades, one :class:`Point` per graded inspection whose framework graded
    that category, in publication order. The category is followed across framework changes
    (see :attr:`Change.definition_changed`); an inspection whose framework did not grade it
    (care leavers in ILACS 2018, overall effectiveness from April 2026) is not a point.

    >>> import ofstedmodel as om
    >>> om.datasets.history("Rotherham").trajectory("care leavers")
    <Trajectory care leavers: inadequate, outstanding, good>
    """

    category: Category
    points: tuple[Point, ...]

    @property
    def known(self) -> tuple[Point, ...]:
        """The points whose grade is known."""
        return tuple(p for p in self.points if p.grade is not None)

    @property
    def changes(self) -> tuple[Change, ...]:
        """A :class:`Change` per consecutive pair of points. An unknown point breaks the line:
        the changes into and out of it are unknown, never bridged."""
        return tuple(
            Change(self.category, a.grade, b.grade, a.inspection, b.inspection)
            for a, b in itertools.pairwise(self.points)
        )

    @property
    def direction(self) -> Direction:
        """The direction of travel: that of the latest change (``UNKNOWN`` with fewer than two
        points or when either side of the latest change is unknown)."""
        if len(self.points) < 2:
            return Direction.UNKNOWN
        a, b = self.points[-2], self.points[-1]
        if a.grade is None or b.grade is None:
            return Direction.UNKNOWN
        return _direction(a.grade.code - b.grade.code)

    @property
    def overall_direction(self) -> Direction:
        """Across every known change: ``MIXED`` when the line both rose and fell."""
        return _combined(c.steps for c in self.changes)

    @property
    def latest(self) -> Point | None:
        """The most recent point, or ``None`` for an empty trajectory."""
        return self.points[-1] if self.points else None

    def first(
        self,
        at_least: Grade | str | int = Grade.GOOD,
        after: _dt.date | str | None = None,
        *,
        before: _dt.date | str | None = None,
    ) -> Point | None:
        """The first point at ``at_least`` or better published strictly after ``after`` (and,
        with ``before``, strictly before it), or ``None``."""
        return self._first(
            Grade.parse(at_least),
            to_optional_date(after, "after"),
            to_optional_date(before, "before"),
        )

    def _first(
        self, threshold: Grade, start: _dt.date | None, end: _dt.date | None
    ) -> Point | None:
        """:meth:`first` on checked values (internal: narrative calls it)."""
        for point in self.points:
            if start is not None and point.published <= start:
                continue
            if end is not None and point.published >= end:
                break
            if point.grade is not None and point.grade >= threshold:
                return point
        return None

    def last(
        self, at_least: Grade | str | int = Grade.GOOD, before: _dt.date | str | None = None
    ) -> Point | None:
        """The last point at ``at_least`` or better published strictly before ``before``."""
        return self._last(Grade.parse(at_least), to_optional_date(before, "before"))

    def _last(self, threshold: Grade, end: _dt.date | None) -> Point | None:
        """:meth:`last` on checked values (internal: narrative calls it)."""
        for point in reversed(self.points):
            if end is not None and point.published >= end:
                continue
            if point.grade is not None and point.grade >= threshold:
                return point
        return None

    def streaks(self) -> tuple[Streak, ...]:
        """Runs of consecutive points with the same known grade. An unknown point ends a
        streak and starts none; adequate and requires improvement are different grades."""
        runs: list[Streak] = []
        for grade, group in itertools.groupby(self.points, key=lambda p: p.grade):
            if grade is not None:
                runs.append(Streak(grade, tuple(group)))
        return tuple(runs)

    def __iter__(self) -> Iterator[Point]:
        return iter(self.points)

    def __len__(self) -> int:
        return len(self.points)

    def __repr__(self) -> str:
        grades = ", ".join("?" if p.grade is None else p.grade.value for p in self.points)
        return f"<Trajectory {self.category.value}: {grades}>"


def trajectory_of(category: Category, inspections: tuple[Inspection, ...]) -> Trajectory:
    """The trajectory of ``category`` over graded ``inspections`` in order (internal)."""
    points = []
    for inspection in inspections:
        # A point where the inspection judged the category, its grade known or not; not where
        # it made no such judgement (a SIF re-inspection reviewed no LSCB).
        if category not in inspection.era.labels or not inspection.covers(category):
            continue
        grade = inspection._grade_of(category)
        if grade is not None or not inspection._knows(category):
            points.append(Point(inspection.published, grade, inspection, category))
    return Trajectory(category, tuple(points))

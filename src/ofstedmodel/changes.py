"""Changes between two inspections: one judgement (:class:`Change`) or all (:class:`Comparison`).

>>> from datetime import date
>>> import ofstedmodel as om
>>> rotherham = om.Council("Rotherham", "372")
>>> before = om.Inspection(rotherham, "SIF", date(2014, 11, 19),
...                        {"overall": "inadequate", "children in care": "inadequate"})
>>> after = om.Inspection(rotherham, "SIF", date(2018, 1, 29),
...                       {"overall": "good", "children in care": "requires improvement"})
>>> comparison = om.compare(before, after)
>>> comparison.overall.steps, comparison.overall.direction
(2, <Direction.IMPROVING>)
>>> comparison.elapsed
relativedelta(years=+3, months=+2, days=+10)
>>> comparison.changes[om.Category.CHILDREN_IN_CARE].steps
1
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Protocol

import attrs
from dateutil.relativedelta import relativedelta

from ._coerce import a, shown, to_date
from ._rich import RichDisplay
from .councils import Council
from .direction import Direction
from .errors import HistoryError
from .frameworks import Category
from .grades import Grade
from .inspections import Inspection

__all__ = ["Change", "Comparison", "compare", "compare_succession"]


def _direction(steps: int | None) -> Direction:
    if steps is None:
        return Direction.UNKNOWN
    if steps > 0:
        return Direction.IMPROVING
    if steps < 0:
        return Direction.DECLINING
    return Direction.STABLE


def _elapsed(before: Inspection, after: Inspection) -> relativedelta:
    return relativedelta(after.published, before.published)


def _same_council(before: Inspection, after: Inspection) -> bool:
    return before.council.la_code == after.council.la_code


@attrs.frozen(repr=False)
class Change:
    """How one category's grade moved between two inspections.

    ``before`` and ``after`` are the grades (``None`` when not given or not known);
    ``before_inspection`` and ``after_inspection`` the inspections they come from.
    """

    category: Category
    before: Grade | None
    after: Grade | None
    before_inspection: Inspection
    after_inspection: Inspection

    @property
    def steps(self) -> int | None:
        """Grade positions moved, positive for better: inadequate to good is ``+2``.

        ``None`` when either side is unknown. Adequate and requires improvement share a
        position, so adequate to inadequate is ``-1``.
        """
        if self.before is None or self.after is None:
            return None
        return self.before.code - self.after.code

    @property
    def direction(self) -> Direction:
        """``IMPROVING``, ``DECLINING``, ``STABLE``, or ``UNKNOWN`` when a side is unknown."""
        return _direction(self.steps)

    @property
    def definition_changed(self) -> bool:
        """Whether the framework's wording of the category differs between the two sides.

        Only where both sides' frameworks grade the category: a category newly graded (care
        leavers in 2023) is not a change of definition.
        """
        before = self.before_inspection.era.labels.get(self.category)
        after = self.after_inspection.era.labels.get(self.category)
        return before is not None and after is not None and before != after

    @property
    def elapsed(self) -> relativedelta:
        """The calendar time between the two publication dates."""
        return _elapsed(self.before_inspection, self.after_inspection)

    @property
    def same_council(self) -> bool:
        """Whether both inspections are of the same council (peers are compared too)."""
        return _same_council(self.before_inspection, self.after_inspection)

    def __repr__(self) -> str:
        steps = "unknown" if self.steps is None else f"{self.steps:+d}"
        return (
            f"<Change {self.category.value}: {_name(self.before)} "
            f"({self.before_inspection.published.isoformat()}) -> {_name(self.after)} "
            f"({self.after_inspection.published.isoformat()}), {steps}>"
        )


def _name(grade: Grade | None) -> str:
    return "unknown" if grade is None else grade.value


def _change(category: Category, before: Inspection, after: Inspection) -> Change:
    return Change(category, before._grade_of(category), after._grade_of(category), before, after)


@attrs.frozen(repr=False)
class Comparison(RichDisplay):
    """Every category either of two inspections graded, compared.

    Build one with :func:`compare`. ``changes`` maps each category, in the canonical order,
    to its :class:`Change`; ``overall`` is the overall effectiveness change, or ``None`` when
    neither side graded it.
    """

    before: Inspection
    after: Inspection
    _changes: tuple[Change, ...]

    @property
    def changes(self) -> Mapping[Category, Change]:
        """Category -> :class:`Change`, for every category either side graded."""
        return MappingProxyType({c.category: c for c in self._changes})

    @property
    def overall(self) -> Change | None:
        """The overall effectiveness change, or ``None`` when neither side graded it."""
        return self.changes.get(Category.OVERALL_EFFECTIVENESS)

    @property
    def elapsed(self) -> relativedelta:
        """The calendar time between the two publication dates."""
        return _elapsed(self.before, self.after)

    @property
    def same_council(self) -> bool:
        """Whether both inspections are of the same council."""
        return _same_council(self.before, self.after)

    @property
    def across_succession(self) -> bool:
        """Whether ``before`` is of a former council and ``after`` of a council that replaced
        it (see :func:`compare_succession`): different councils, the earlier grades the
        predecessor's."""
        return self.before.council.is_predecessor_of(self.after.council)

    @property
    def direction(self) -> Direction:
        """Across every known change: ``IMPROVING`` if some rose and none fell, ``DECLINING``
        if some fell and none rose, ``STABLE`` if none moved, ``MIXED`` if some rose and some
        fell, ``UNKNOWN`` if no change is known."""
        return _combined(c.steps for c in self._changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self._changes)

    def __repr__(self) -> str:
        return (
            f"<Comparison {self.before.council.name} {self.before.published.isoformat()} -> "
            + ("" if self.same_council else f"{self.after.council.name} ")
            + f"{self.after.published.isoformat()}: {self.direction.value}>"
        )


def _combined(all_steps: Iterable[int | None]) -> Direction:
    known = [s for s in all_steps if s is not None]
    if not known:
        return Direction.UNKNOWN
    rose, fell = any(s > 0 for s in known), any(s < 0 for s in known)
    if rose and fell:
        return Direction.MIXED
    if rose:
        return Direction.IMPROVING
    if fell:
        return Direction.DECLINING
    return Direction.STABLE


def compare(before: Inspection, after: Inspection) -> Comparison:
    """Compare two graded inspections, category by category, following each category's
    lineage across frameworks.

    The two may be of different councils (that is how peers are compared:
    :attr:`Comparison.same_council` says so) and in either order (``elapsed`` is then
    negative). An ungraded visit has nothing to compare and raises
    :class:`~ofstedmodel.HistoryError`.
    """
    for side, inspection in (("before", before), ("after", after)):
        if not isinstance(inspection, Inspection):
            raise HistoryError(f"compare: {side} is {shown(inspection)}, not an Inspection")
        if not inspection.is_graded:
            raise HistoryError(
                f"compare: {side} is {a(inspection.kind.value)}, which gives no grades to compare"
            )
    graded = set(before.categories) | set(after.categories)
    # Categories of a side whose grades are unknown count too: the change is then unknown.
    for inspection in (before, after):
        if not inspection.grades_known:
            other = after if inspection is before else before
            graded |= set(inspection.era.labels) & set(other.era.labels)
    ordered = [c for c in Category if c in graded]
    return Comparison(before, after, tuple(_change(c, before, after) for c in ordered))


class Record(Protocol):
    """What :func:`compare_succession` reads of a council's record: a
    :class:`~ofstedmodel.History` (named by its shape here, as histories are built on this
    module)."""

    @property
    def council(self) -> Council: ...

    @property
    def latest(self) -> Inspection | None: ...

    def as_at(self, day: _dt.date) -> Inspection | None: ...


def compare_succession(
    predecessor: Record,
    successor: Record,
    before: _dt.date | str | None = None,
    after: _dt.date | str | None = None,
) -> Comparison:
    """Compare a former council's inspection with that of a council that replaced it.

    ``predecessor`` and ``successor`` are the two councils' histories. By default the
    predecessor's last graded inspection is compared with the successor's latest; with
    ``before``, the predecessor's inspection in force on that date (before its abolition);
    with ``after``, the successor's in force on that date.

    They are different councils, each with its own history: the earlier grades are the
    predecessor's, not the successor's, and :attr:`Comparison.across_succession` says so.
    Raises :class:`~ofstedmodel.HistoryError` when the successor did not replace the
    predecessor (``rule``: ``'not a successor'``, or ``'successor first'`` when the two are
    given the wrong way round), when a date falls outside a council's existence (``'after
    abolition'``, ``'before creation'``) or in the wrong order, and when a side has no graded
    inspection.

    >>> import ofstedmodel as om
    >>> from ofstedmodel.changes import compare_succession
    >>> northants = om.datasets.history("Northamptonshire")
    >>> west = om.datasets.history("West Northamptonshire")
    >>> comparison = compare_succession(northants, west, after="2023-01-01")
    >>> comparison
    <Comparison Northamptonshire 2019-07-29 -> West Northamptonshire 2022-11-25: improving>
    >>> comparison.across_succession, comparison.same_council
    (True, False)
    >>> compare_succession(west, northants)
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.HistoryError: Northamptonshire (928) was replaced by \
West Northamptonshire (941), not the other way round; give the predecessor first
    """
    for side, record in (("predecessor", predecessor), ("successor", successor)):
        if not isinstance(getattr(record, "council", None), Council):
            raise HistoryError(
                f"compare_succession: {side} is {shown(record)}, not a History", field=side
            )
    former, later = predecessor.council, successor.council
    if not former.is_predecessor_of(later):
        if later.is_predecessor_of(former):
            raise HistoryError(
                f"{_named(later)} was replaced by {_named(former)}, not the "
                "other way round; give the predecessor first",
                field="predecessor",
                rule="successor first",
            )
        named = ", ".join(former.successors) or "none"
        raise HistoryError(
            f"{_named(later)} did not replace {_named(former)} (the DfE "
            f"codes of the councils that replaced {former.name}: {named})",
            field="successor",
            rule="not a successor",
        )
    start = None if before is None else to_date(before, "before")
    end = None if after is None else to_date(after, "after")
    if start is not None and end is not None and start > end:
        raise HistoryError(
            f"the first date, {start.isoformat()}, is after the second, "
            f"{end.isoformat()}; give the earlier date first",
            field="before",
            rule="dates in the wrong order",
        )
    if start is not None and former.abolished is not None and start >= former.abolished:
        raise HistoryError(
            f"{_named(former)} was abolished on "
            f"{former.abolished.isoformat()}; none of its inspections was in force on "
            f"{start.isoformat()}",
            field="before",
            rule="after abolition",
        )
    if end is not None and later.created is not None and end < later.created:
        raise HistoryError(
            f"{_named(later)} was created on {later.created.isoformat()}; "
            f"none of its inspections was in force on {end.isoformat()}",
            field="after",
            rule="before creation",
        )
    first = predecessor.latest if start is None else predecessor.as_at(start)
    if first is None:
        raise _none_graded(former, start, "before")
    last = successor.latest if end is None else successor.as_at(end)
    if last is None:
        raise _none_graded(later, end, "after")
    return compare(first, last)


def _none_graded(council: Council, day: _dt.date | None, side: str) -> HistoryError:
    by = "" if day is None else f" published by {day.isoformat()}"
    return HistoryError(f"{_named(council)} has no graded inspection{by}", field=side)


def _named(council: Council) -> str:
    return f"{council.name} ({council.la_code})"

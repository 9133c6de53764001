"""Movements: what one report did to its council's grade in force for each category it
settled (:class:`Movement`, :class:`Move`), and the reports of a council's history published in
a window (:class:`Report`): what a :class:`~ofstedmodel.digests.Digest` is made of.

    >>> import ofstedmodel as om
    >>> from ofstedmodel.digests import digest
    >>> result = digest(om.datasets.histories(), since="2025-04-01", until="2025-09-30")
    >>> result.changes[om.datasets.council("Sefton")]
    <Movement overall effectiveness: inadequate -> good (up)>
"""

from __future__ import annotations

import datetime as _dt

import attrs

from ._enums import VocabularyEnum, locked
from .councils import Council
from .frameworks import Category
from .grades import Grade
from .history import History
from .inspections import Inspection
from .populations import LeftOut, _outcome

__all__ = ["Move", "Movement", "Report"]


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

    >>> import ofstedmodel as om
    >>> result = om.digest(om.datasets.histories(), since="2025-04-01", until="2025-09-30")
    >>> sefton = result.changes[om.datasets.council("Sefton")]
    >>> sefton.move, sefton.before, sefton.after
    (<Move.UP>, <Grade.INADEQUATE: 4>, <Grade.GOOD: 2>)
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
            f"<Movement {self.category.value}: {side(self.before, self.before_reason)} -> "
            f"{side(self.after, self.after_reason)} ({self.move.value})>"
        )


def side(grade: Grade | None, reason: LeftOut | None) -> str:
    """One side of a movement in short: the grade, 'unknown' or 'no grade' (internal)."""
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


def movement_between(
    category: Category, before: Inspection | None, after: Inspection
) -> Movement | None:
    """The :class:`Movement` of ``category`` from ``before`` to ``after``; ``None`` when neither
    gave it a grade (internal)."""
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


def reports_of(history: History, since: _dt.date, until: _dt.date) -> list[Report]:
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
                    movement = movement_between(category, before, inspection)
                    if movement is not None:
                        movements.append(movement)
            found.append(Report(inspection, tuple(movements)))
        if graded:
            earlier.append(inspection)
    return found

"""Windows: the span of days in which a council's next inspection is likely to start
(:class:`Window`), and why an answer gives none (:class:`NoWindow`).

Both sides of :func:`~ofstedmodel.due.next_inspection` (the rule of
:mod:`ofstedmodel.cycles` and the precedent of :mod:`ofstedmodel.precedent`) give one or the
other.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from ._enums import VocabularyEnum, locked
from .errors import OfstedModelError

__all__ = ["NoWindow", "Window"]


@locked
class NoWindow(VocabularyEnum):
    """Why a side of :class:`~ofstedmodel.due.NextInspection` gives no window. ``value`` is a
    short plain-English name.

    - ``NOT_INSPECTED``: no graded inspection was published by the as-at date.
    - ``ABOLISHED``: the council was abolished by then; it will not be inspected again.
    - ``GRADE_UNKNOWN``: the latest inspection was graded, but the data does not know its overall
      effectiveness grade.
    - ``FIELDWORK_UNKNOWN``: the data does not know when the latest inspection's fieldwork started,
      the day both windows count from.
    - ``MONITORED``: judged inadequate: monitored, and re-inspected when ready; the rule fixes no
      date.
    - ``NEW_FRAMEWORK``: the latest inspection is under a framework whose cycle its published
      sources do not give yet (ILACS from April 2026).
    - ``NO_RULE``: :data:`~ofstedmodel.cycles.CYCLES` holds no rule for the latest inspection's
      era (before ILACS).
    - ``TOO_FEW_PAIRS``: fewer than :data:`~ofstedmodel.precedent.MIN_PAIRS` councils in the
      same position had their next inspection published by the as-at date.

    >>> [reason.name for reason in NoWindow][:3]
    ['NOT_INSPECTED', 'ABOLISHED', 'GRADE_UNKNOWN']
    """

    NOT_INSPECTED = "no graded inspection"
    ABOLISHED = "council abolished"
    GRADE_UNKNOWN = "grade not known"
    FIELDWORK_UNKNOWN = "fieldwork start not known"
    MONITORED = "monitored and re-inspected when ready"
    NEW_FRAMEWORK = "framework too new"
    NO_RULE = "no rule for the era"
    TOO_FEW_PAIRS = "too few councils in the same position"


@attrs.frozen
class Window:
    """A span of days in which the next inspection's fieldwork is likely to start, both ends
    included.

    >>> window = Window(_dt.date(2028, 5, 3), _dt.date(2029, 5, 3))
    >>> _dt.date(2029, 1, 1) in window, window.to_json()
    (True, {'earliest': '2028-05-03', 'latest': '2029-05-03'})
    """

    earliest: _dt.date
    latest: _dt.date

    def __attrs_post_init__(self) -> None:
        if self.latest < self.earliest:
            raise OfstedModelError(
                f"Window: latest {self.latest.isoformat()} is before earliest "
                f"{self.earliest.isoformat()}",
                field="latest",
                rule="dates in the wrong order",
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and self.earliest <= day <= self.latest

    def to_json(self) -> dict[str, str]:
        """The two ends as ISO dates."""
        return {"earliest": self.earliest.isoformat(), "latest": self.latest.isoformat()}

    def __repr__(self) -> str:
        return f"<Window {self.earliest.isoformat()} to {self.latest.isoformat()}>"

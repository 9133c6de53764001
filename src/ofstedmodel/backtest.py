"""The backtest: how :func:`~ofstedmodel.due.next_inspection` would have done on the past.

For every ILACS inspection followed by another, :func:`backtest` asks what the answer would
have been the day after the first one's publication (from the data published by then), and
whether each side's window contained the second one's fieldwork start: a :class:`Trial` each,
scored side by side in a :class:`Backtest`.
"""

from __future__ import annotations

import datetime as _dt
import itertools
from typing import Any

import attrs

from .due import DEFAULT_COVERAGE, NextInspection, checked_coverage, outlook, population
from .frameworks import Framework
from .grades import Grade
from .history import Histories
from .inspections import Inspection
from .precedent import precedents
from .windows import Window

__all__ = ["Backtest", "Score", "Trial", "backtest"]


@attrs.frozen
class Trial:
    """One test of :func:`~ofstedmodel.due.next_inspection` on the past: ``first`` and
    ``second``, consecutive ILACS inspections of a council, and the ``outlook`` it gave the day
    after ``first`` was published, from the data published by then."""

    first: Inspection
    second: Inspection
    outlook: NextInspection

    @property
    def rule_hit(self) -> bool | None:
        """Whether the rule's window contained the start of ``second``'s fieldwork (``None``
        when the rule gave no window or that start is not known)."""
        return _hit(self.outlook.rule.window, self.second.start)

    @property
    def precedent_hit(self) -> bool | None:
        """Whether the precedent's window contained the start of ``second``'s fieldwork
        (``None`` when it gave no window or that start is not known)."""
        return _hit(self.outlook.precedent.window, self.second.start)


def _hit(window: Window | None, start: _dt.date | None) -> bool | None:
    return None if window is None or start is None else start in window


@attrs.frozen
class Score:
    """How one side of :func:`~ofstedmodel.due.next_inspection` did in a :class:`Backtest`: of
    ``pairs`` pairs of inspections, ``windows`` were given a window (with the second's
    fieldwork start known), and in ``hits`` of those the second inspection's fieldwork started
    within it; ``early`` and ``late`` count the misses before and after."""

    pairs: int
    windows: int
    hits: int
    early: int
    late: int

    @property
    def share(self) -> float | None:
        """``hits`` as a share of ``windows`` (``None`` when no window was given)."""
        return self.hits / self.windows if self.windows else None

    def to_json(self) -> dict[str, Any]:
        """The counts and the share."""
        return {**attrs.asdict(self), "share": self.share}


@attrs.frozen
class Backtest:
    """Every :class:`Trial` of :func:`backtest`, and the scores of the two sides.

    >>> import ofstedmodel as om
    >>> result = backtest()
    >>> len(result.trials), result.precedent(), result.rule()
    (168, Score(pairs=168, windows=123, hits=80, early=14, late=29),
     Score(pairs=168, windows=144, hits=45, early=0, late=99))
    """

    trials: tuple[Trial, ...]
    coverage: float

    def rule(self, grade: object = None) -> Score:
        """The rule's score, over every trial or those whose first inspection judged ``grade``."""
        return self._score("rule_hit", grade)

    def precedent(self, grade: object = None) -> Score:
        """The precedent's score, over every trial or those whose first inspection judged
        ``grade``."""
        return self._score("precedent_hit", grade)

    def _score(self, side: str, grade: object) -> Score:
        wanted = None if grade is None else Grade.parse(grade)
        trials = [t for t in self.trials if wanted is None or t.first.overall is wanted]
        windows = hits = early = late = 0
        for trial in trials:
            hit = getattr(trial, side)
            if hit is None:
                continue
            windows += 1
            if hit:
                hits += 1
            else:
                window = getattr(trial.outlook, side.removesuffix("_hit")).window
                assert trial.second.start is not None
                assert window is not None
                if trial.second.start < window.earliest:
                    early += 1
                else:
                    late += 1
        return Score(len(trials), windows, hits, early, late)


def backtest(histories: Histories | None = None, *, coverage: float = DEFAULT_COVERAGE) -> Backtest:
    """For each ILACS inspection followed by another in ``histories`` (by default the bundled
    data), the :func:`~ofstedmodel.due.next_inspection` given the day after its publication,
    using only the data published by then, and whether its windows contained the next
    inspection's fieldwork start."""
    share = checked_coverage(coverage)
    _, histories_given = population(histories)
    index = precedents(histories_given)
    trials = []
    for history in histories_given:
        graded = history.graded
        for first, second in itertools.pairwise(graded):
            if first.framework is Framework.ILACS and second.framework is Framework.ILACS:
                day = first.published + _dt.timedelta(days=1)
                trials.append(Trial(first, second, outlook(history, day, index, share)))
    return Backtest(tuple(trials), share)

"""What is due next: the kind of a council's next inspection, and when it is likely.

Two answers, side by side, because neither is enough alone:

- the **rule**: what the framework of the council's latest inspection says comes next, from
  :data:`CYCLES`, each entry citing where the rule is published;
- the **precedent**: what actually happened to councils in the same position (the same grade,
  kind of inspection and era), from every pair of consecutive graded inspections published by
  the as-at date: the middle ``coverage`` of the gaps between their fieldwork starts.

Where neither fixes a window (a council judged inadequate is monitored and re-inspected when
ready; the 2026 framework is too new for a council to have had a second inspection under it;
an abolished council is not inspected) the result says why (:class:`NoWindow`) rather than
guess.

    >>> import ofstedmodel as om
    >>> due = next_inspection(om.datasets.history("Rotherham"), as_at="2026-08-22")
    >>> due.kind
    <InspectionKind.ILACS_SHORT>
    >>> due.rule.window
    <Window 2028-05-03 to 2029-05-03>
    >>> due.precedent.window
    <Window 2029-02-20 to 2031-01-06>
    >>> due.precedent.pairs, due.precedent.matched
    (20, ('grade', 'kind', 'framework'))

The parts live in modules of their own, and are imported from here as well: the windows
(:mod:`ofstedmodel.windows`), the rule and its table (:mod:`ofstedmodel.cycles`), the precedent
(:mod:`ofstedmodel.precedent`), the paragraph (:mod:`ofstedmodel.due_text`), and
:func:`backtest` (:mod:`ofstedmodel.backtest`), which asks, for every ILACS inspection followed
by another, whether the windows given the day after the first one's publication (from the data
published by then) contained the second one's fieldwork start.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

import attrs

from ._coerce import shown, to_date
from ._rich import RichDisplay
from .councils import Council
from .cycles import CYCLES, Citation, Cycle, Rule, rule_after
from .due_text import describe_next, percent
from .errors import HistoryError, OfstedModelError
from .frameworks import Category, InspectionKind
from .history import Histories, History, data_end, histories_in
from .inspections import Inspection
from .narrative import describe
from .precedent import MIN_PAIRS, Position, Precedent, Precedents, precedent_for
from .precedent import precedents as _precedents
from .windows import NoWindow, Window

if TYPE_CHECKING:  # at run time, loaded on first use: backtest.py builds on this module
    from .backtest import Backtest, Score, Trial, backtest

__all__ = [
    "CYCLES",
    "MIN_PAIRS",
    "Backtest",
    "Citation",
    "Cycle",
    "NextInspection",
    "NoWindow",
    "Position",
    "Precedent",
    "Rule",
    "Score",
    "Trial",
    "Window",
    "backtest",
    "next_inspection",
]

#: The share of precedents a window covers unless told otherwise: the middle 80%.
DEFAULT_COVERAGE = 0.8

_BACKTEST = frozenset({"Backtest", "Score", "Trial", "backtest"})


def __getattr__(name: str) -> Any:
    # The backtest's names, from the module that builds on this one.
    if name in _BACKTEST:
        from . import backtest as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@attrs.frozen
class NextInspection(RichDisplay):
    """What is due next for a council as at a date: :func:`next_inspection`'s answer.

    ``last`` is the graded inspection in force (``None`` when none is), ``position`` where it
    left the council, ``rule`` what the framework says comes next and ``precedent`` what
    happened to councils in the same position; ``coverage`` is the share of precedents the
    data's window covers.

    >>> import ofstedmodel as om
    >>> due = om.next_inspection(om.datasets.history("Rotherham"))
    >>> due.kind
    <InspectionKind.ILACS_SHORT>
    >>> due.rule.window, due.precedent.window
    (<Window 2028-05-03 to 2029-05-03>, <Window 2029-02-20 to 2031-01-06>)
    """

    council: Council
    as_at: _dt.date
    last: Inspection | None
    position: Position | None
    rule: Rule
    precedent: Precedent
    coverage: float

    @property
    def kind(self) -> InspectionKind | None:
        """The kind of the next inspection by the rule, or ``None`` when the rule does not say."""
        return self.rule.kind

    @property
    def overdue(self) -> bool:
        """Whether both windows given have ended by the as-at date (``False`` when neither is
        given): no report of the next inspection was published in either."""
        windows = [w for w in (self.rule.window, self.precedent.window) if w is not None]
        return bool(windows) and all(w.latest < self.as_at for w in windows)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict: enum members by name, dates in ISO form, and the description.

        >>> import json, ofstedmodel as om
        >>> due = next_inspection(om.datasets.history("Rotherham"), as_at="2026-08-22")
        >>> document = due.to_json()
        >>> document["rule"]["kind"], document["precedent"]["window"]
        ('ILACS_SHORT', {'earliest': '2029-02-20', 'latest': '2031-01-06'})
        >>> isinstance(json.dumps(document), str)
        True
        """
        last = self.last
        return {
            "council": {"name": self.council.name, "la_code": self.council.la_code},
            "as_at": self.as_at.isoformat(),
            "last": None
            if last is None
            else {
                "framework": last.framework.name,
                "era": last.era.name,
                "kind": last.kind.name,
                "start": None if last.start is None else last.start.isoformat(),
                "published": last.published.isoformat(),
                "overall": None if last.overall is None else last.overall.name,
            },
            "position": None if self.position is None else self.position.to_json(),
            "coverage": self.coverage,
            "rule": self.rule.to_json(),
            "precedent": self.precedent.to_json(),
            "overdue": self.overdue,
            "description": describe(self),
        }

    def lines(self) -> list[str]:
        """Two lines for the command line's ``history``: the rule's answer and the data's.

        >>> import ofstedmodel as om
        >>> due = next_inspection(om.datasets.history("Rotherham"), as_at="2026-08-22")
        >>> for line in due.lines():
        ...     print(line)
        Next inspection, by the rule: ILACS short inspection, fieldwork from 2028-05-03 to
        2029-05-03
        Next inspection, by precedent: fieldwork from 2029-02-20 to 2031-01-06 (middle 80% of 20
        councils; median 2030-07-15)
        """
        rule, precedent = self.rule, self.precedent
        kind = "kind not given" if rule.kind is None else rule.kind.value
        by_rule = (
            f"{kind}, fieldwork from {rule.window.earliest.isoformat()} to "
            f"{rule.window.latest.isoformat()}"
            if rule.window is not None
            else f"{kind}, no date ({_reason(rule.no_window)})"
        )
        if precedent.window is not None and precedent.median is not None:
            by_data = (
                f"fieldwork from {precedent.window.earliest.isoformat()} to "
                f"{precedent.window.latest.isoformat()} (middle {percent(self.coverage)} of "
                f"{precedent.pairs} councils; median {precedent.median.isoformat()})"
            )
        else:
            by_data = f"no window ({_reason(precedent.no_window)})"
        return [
            f"Next inspection, by the rule: {by_rule}",
            f"Next inspection, by precedent: {by_data}",
        ]

    def __repr__(self) -> str:
        window = self.precedent.window or self.rule.window
        tail = "no window" if window is None else f"{window.earliest} to {window.latest}"
        kind = "kind not given" if self.kind is None else self.kind.name
        return (
            f"<NextInspection {self.council.name} as at {self.as_at.isoformat()}: {kind}, {tail}>"
        )


def _reason(reason: NoWindow | None) -> str:
    return "not given" if reason is None else reason.value


def checked_coverage(value: object) -> float:
    """``value`` as a share of precedents, checked (internal; shared with the backtest)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        error = OfstedModelError(
            f"coverage: {shown(value)} is not a share between 0 and 1 (exclusive), such as 0.8 "
            "for the middle 80% of precedents",
            field="coverage",
            rule="not a share",
        )
        error.value = value
        raise error
    return float(value)


def population(histories: Histories | None) -> tuple[Histories, tuple[History, ...]]:
    """The histories precedents come from (internal): the bundled data's by default; as
    given, and checked."""
    if histories is None:
        from . import datasets

        histories = datasets.histories()
    return histories, histories_in(histories, "histories")


def next_inspection(
    history: History,
    *,
    as_at: _dt.date | str | None = None,
    histories: Histories | None = None,
    coverage: float = DEFAULT_COVERAGE,
) -> NextInspection:
    """The kind of ``history``'s council's next inspection and when it is likely, as at
    ``as_at`` (by default the date ``histories`` run to,
    :func:`~ofstedmodel.history.snapshot_date`: for the bundled data
    :data:`ofstedmodel.datasets.as_of`).

    Only what was published by ``as_at`` counts: the council's latest graded inspection then,
    and, for the precedent, pairs of inspections whose second was published by then, taken from
    ``histories`` (by default the bundled data). ``coverage`` is the share of precedents the
    data's window covers (the middle 80% by default).

    Bad input raises an :class:`~ofstedmodel.OfstedModelError`: a ``history`` that is not a
    :class:`~ofstedmodel.History` (:class:`~ofstedmodel.HistoryError`), a date that is not one
    (:class:`~ofstedmodel.DateError`), a ``coverage`` outside 0 to 1.

    >>> import ofstedmodel as om
    >>> bradford = om.datasets.history("Bradford")
    >>> due = next_inspection(bradford, as_at="2024-01-01")
    >>> due.last.overall, due.kind, due.rule.no_window
    (<Grade.INADEQUATE: 4>, <InspectionKind.ILACS_STANDARD>, <NoWindow.MONITORED>)
    >>> due.precedent.window
    <Window 2026-03-09 to 2026-12-07>
    >>> due.precedent.pairs, due.precedent.matched
    (11, ('grade', 'kind', 'era'))
    """
    if not isinstance(history, History):
        raise HistoryError(
            f"history: {shown(history)} is not a History; give one council's History, such as "
            "ofstedmodel.datasets.history('Rotherham')",
            field="history",
        )
    share = checked_coverage(coverage)
    given, found = population(histories)
    day = data_end(given, found) if as_at is None else to_date(as_at, "as_at")
    return outlook(history, day, _precedents(found), share)


def outlook(history: History, day: _dt.date, index: Precedents, coverage: float) -> NextInspection:
    """What is due next for ``history`` as at ``day``, from the pairs of ``index`` (internal;
    shared with the backtest)."""
    council = history.council

    def nothing(reason: NoWindow, last: Inspection | None = None) -> NextInspection:
        position = None if last is None else Position.of(last)
        return NextInspection(
            council,
            day,
            last,
            position,
            Rule(None, None, None, reason),
            Precedent((), 0, (), {}, no_window=reason),
            coverage,
        )

    if council.abolished is not None and day >= council.abolished:
        return nothing(NoWindow.ABOLISHED)
    last = history._in_force(day, None, day)
    if last is None:
        return nothing(NoWindow.NOT_INSPECTED)
    position = Position.of(last)
    if not last._knows(Category.OVERALL_EFFECTIVENESS):
        return nothing(NoWindow.GRADE_UNKNOWN, last)
    return NextInspection(
        council,
        day,
        last,
        position,
        rule_after(last),
        precedent_for(position, last.start, day, index, coverage),
        coverage,
    )


describe.register(NextInspection, describe_next)

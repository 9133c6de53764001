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

:func:`backtest` asks, for every ILACS inspection followed by another, whether the windows given
the day after the first one's publication (from the data published by then) contained the
second one's fieldwork start.
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
from dateutil.relativedelta import relativedelta

from ._coerce import a, shown, to_date
from ._enums import VocabularyEnum, locked
from ._frozen import FrozenMap
from ._rich import RichDisplay
from .councils import Council
from .errors import HistoryError, OfstedModelError
from .frameworks import Category, Framework, InspectionKind
from .grades import Grade
from .history import Histories, History, data_end, histories_in
from .inspections import Inspection
from .narrative import describe, format_date, format_duration

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

#: The fewest pairs of inspections in the same position from which a window is given: with
#: fewer, the 10th and 90th percentiles of their gaps say little.
MIN_PAIRS = 10
#: The share of precedents a window covers unless told otherwise: the middle 80%.
DEFAULT_COVERAGE = 0.8


@locked
class NoWindow(VocabularyEnum):
    """Why a side of :class:`NextInspection` gives no window. ``value`` is a short plain-English
    name.

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
    - ``NO_RULE``: :data:`CYCLES` holds no rule for the latest inspection's era (before ILACS).
    - ``TOO_FEW_PAIRS``: fewer than :data:`MIN_PAIRS` councils in the same position had their next
      inspection published by the as-at date.

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


# -- the rule, declared as data ------------------------------------------------------------------


@attrs.frozen
class Citation:
    """Where a rule is published: ``publisher``, ``title`` and ``url`` of the page, ``where`` on
    it (the section or paragraph), and what it ``says`` there, in the library's words.
    ``checked`` is ``False`` for a page cited for what it is, whose relevant paragraph could not
    be read."""

    publisher: str
    title: str
    url: str
    where: str
    says: str
    checked: bool = True

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict of the citation's fields."""
        return attrs.asdict(self)


@attrs.frozen
class Cycle:
    """One row of :data:`CYCLES`: what a framework's published rule says comes after an
    inspection in some of its eras that judged overall effectiveness one of ``grades``
    (``None``: whatever the grade, or none).

    ``kind`` is the next inspection's kind (``None`` when the rule does not say); ``years`` and
    ``months`` give its window: fieldwork starting from ``months`` before to ``months`` after the
    ``years``-th anniversary of the start of the last inspection's fieldwork (``None`` when the
    rule fixes no date, and ``no_window`` says why). ``rule`` is the rule in plain words.
    """

    eras: tuple[str, ...]
    grades: frozenset[Grade] | None
    kind: InspectionKind | None
    years: int | None
    months: int | None
    rule: str
    sources: tuple[Citation, ...]
    no_window: NoWindow | None = None

    def window(self, start: _dt.date) -> Window | None:
        """The window the rule gives after an inspection whose fieldwork started on ``start``.

        >>> cycle = CYCLES[0]
        >>> cycle.window(_dt.date(2025, 11, 3))
        <Window 2028-05-03 to 2029-05-03>
        """
        if self.years is None or self.months is None:
            return None
        anniversary = start + relativedelta(years=self.years)
        return Window(
            anniversary - relativedelta(months=self.months),
            anniversary + relativedelta(months=self.months),
        )

    def applies(self, era: str, grade: Grade | None) -> bool:
        """Whether the row is the rule after an inspection of ``era`` judged ``grade``."""
        return era in self.eras and (self.grades is None or grade in self.grades)


_ILACS_FRAMEWORK = Citation(
    publisher="Ofsted",
    title="Inspecting local authority children's services (framework, first published November "
    "2017, updated to December 2024)",
    url="https://www.gov.uk/government/publications/inspecting-local-authority-childrens-"
    "services-from-2018/inspecting-local-authority-childrens-services",
    where="not checked: the timing above is taken from the summaries cited with it, not from "
    "the framework's own paragraph",
    says="the ILACS framework, which the summaries below describe",
    checked=False,
)
_KIRKLEES = Citation(
    publisher="Kirklees Safeguarding Children Partnership",
    title="ILACS inspection: guidance for professionals",
    url="https://www.kirkleessafeguardingchildren.co.uk/procedures-local-protocols-and-guidance/"
    "ilacs-inspection-guidance-for-professionals/",
    where="section 'What is the ILACS inspection system', the point on standard and short "
    "inspections",
    says="councils judged requires improvement get a standard inspection and councils judged good "
    "or outstanding a short one, usually between six months before and six months after the "
    "third anniversary of the previous inspection",
)
_LGA_FIRST = Citation(
    publisher="LGA First (Local Government Association), a comment by Ofsted",
    title="Inspecting children's services",
    url="https://www.lgafirst.co.uk/comment/inspecting-childrens-services/",
    where="second paragraph",
    says="ILACS has one-week short inspections for councils judged good or outstanding, two-week "
    "standard inspections for those requiring improvement, and regular monitoring of inadequate "
    "councils before Ofsted re-inspects them",
)
_CYP_NOW = Citation(
    publisher="Children & Young People Now",
    title="Ofsted relaxes inspections for struggling 'inadequate' councils (17 September 2018)",
    url="https://www.cypnow.co.uk/news/article/ofsted-relaxes-inspections-for-struggling-"
    "inadequate-councils",
    where="paragraphs quoting the updated ILACS framework",
    says="Ofsted re-inspects a council judged inadequate with an ILACS standard inspection, no "
    "longer a single inspection framework one",
)
_REFORM_2026 = Citation(
    publisher="Ofsted, news release (27 November 2025), as republished by WiredGov",
    title="Ofsted confirms removal of headline judgement for inspections of local authorities' "
    "children's services",
    url="https://www.wired-gov.net/wg/news.nsf/articles/ofsted+confirms+removal+of+headline+"
    "judgement+for+inspections+of+local+authorities+childrens+services+27112025162500?open",
    where="opening paragraphs",
    says="from April 2026 ILACS gives no overall effectiveness judgement and its framework is "
    "revised; Ofsted is to consult in 2026 and plans a renewed framework for 2027; it gives no "
    "new cycle",
)

_ILACS_ERAS = ("ILACS 2018", "ILACS 2023")
_G = Grade

#: What each framework's published rule says comes after an inspection: one row per era and
#: grade with a rule, each citing its source. Eras without a row (SIF and before) have no rule
#: here. The library counts a rule's anniversary from the first day of the last inspection's
#: fieldwork (Ofsted's own ILACS history calls that day the inspection's date).
CYCLES: tuple[Cycle, ...] = (
    Cycle(
        _ILACS_ERAS,
        frozenset({_G.OUTSTANDING, _G.GOOD}),
        InspectionKind.ILACS_SHORT,
        3,
        6,
        "a council judged good or outstanding gets a short inspection, usually starting between "
        "six months before and six months after the third anniversary of its last inspection",
        (_KIRKLEES, _LGA_FIRST, _ILACS_FRAMEWORK),
    ),
    Cycle(
        _ILACS_ERAS,
        frozenset({_G.REQUIRES_IMPROVEMENT}),
        InspectionKind.ILACS_STANDARD,
        3,
        6,
        "a council judged requires improvement to be good gets a standard inspection, usually "
        "starting between six months before and six months after the third anniversary of its "
        "last inspection",
        (_KIRKLEES, _LGA_FIRST, _ILACS_FRAMEWORK),
    ),
    Cycle(
        _ILACS_ERAS,
        frozenset({_G.INADEQUATE}),
        InspectionKind.ILACS_STANDARD,
        None,
        None,
        "a council judged inadequate is monitored, and re-inspected with a standard inspection "
        "when ready; the rule fixes no date",
        (_LGA_FIRST, _CYP_NOW, _ILACS_FRAMEWORK),
        NoWindow.MONITORED,
    ),
    Cycle(
        ("ILACS 2026",),
        None,
        None,
        None,
        None,
        "ILACS was revised from April 2026, without an overall effectiveness judgement, and a "
        "renewed framework is planned for 2027; the published sources give no cycle for it yet",
        (_REFORM_2026,),
        NoWindow.NEW_FRAMEWORK,
    ),
)


# -- the result ----------------------------------------------------------------------------------


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


@attrs.frozen
class Rule:
    """The framework's side: the :class:`Cycle` that applies (``None`` when none does), the next
    inspection's ``kind`` and the ``window`` it gives (``None``, with ``no_window`` saying why).
    ``next_era`` names the era in force, by the library's table, on the window's first day when
    :data:`CYCLES` holds another rule (or none) for it: the rule may have changed by then."""

    cycle: Cycle | None
    kind: InspectionKind | None
    window: Window | None
    no_window: NoWindow | None
    next_era: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict: the rule in words and its sources, enum members by name."""
        cycle = self.cycle
        return {
            "kind": None if self.kind is None else self.kind.name,
            "window": None if self.window is None else self.window.to_json(),
            "no_window": None if self.no_window is None else self.no_window.name,
            "next_era": self.next_era,
            "rule": None if cycle is None else cycle.rule,
            "sources": [] if cycle is None else [c.to_json() for c in cycle.sources],
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


@attrs.frozen
class NextInspection(RichDisplay):
    """What is due next for a council as at a date: :func:`next_inspection`'s answer.

    ``last`` is the graded inspection in force (``None`` when none is), ``position`` where it
    left the council, ``rule`` what the framework says comes next and ``precedent`` what
    happened to councils in the same position; ``coverage`` is the share of precedents the
    data's window covers.
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
                f"{precedent.window.latest.isoformat()} (middle {_percent(self.coverage)} of "
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


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


# -- computing it ---------------------------------------------------------------------------------


class _Pair(NamedTuple):
    """Two consecutive graded inspections of a council, both with a known fieldwork start,
    and the days between those starts (internal: a tuple, as hundreds are made at a time)."""

    first: Inspection
    second: Inspection
    gap: int


# The pools tried, most alike first: what a pair's position must share with the council's.
_POOLS: tuple[tuple[str, ...], ...] = (
    ("grade", "kind", "era"),
    ("grade", "kind", "framework"),
    ("grade", "framework"),
    ("grade",),
)
#: The fields of a :class:`Position`, in the order of :func:`_where`.
_FIELDS = ("grade", "kind", "era", "framework")
#: For each pool, what of a position it compares: the positions of its fields in _FIELDS.
_PICK = {fields: tuple(_FIELDS.index(field) for field in fields) for fields in _POOLS}

_Where = tuple[Grade | None, InspectionKind, str, Framework]


def _where(inspection: Inspection) -> _Where:
    """Where ``inspection`` left its council: :meth:`Position.of` as a plain tuple."""
    return (inspection.overall, inspection.kind, inspection.era.name, inspection.framework)


def _alike_key(where: _Where, fields: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(where[i] for i in _PICK[fields])


class _Precedents:
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
_CACHE: dict[tuple[int, ...], tuple[tuple[History, ...], _Precedents]] = {}


def _precedents(histories: tuple[History, ...]) -> _Precedents:
    """The :class:`_Precedents` of ``histories``, built once per population (internal)."""
    key = tuple(map(id, histories))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached[1]
    built = _Precedents(histories)
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


def _precedent(
    position: Position,
    start: _dt.date | None,
    as_at: _dt.date,
    precedents: _Precedents,
    coverage: float,
) -> Precedent:
    for fields in _POOLS:
        pool = precedents.pool(position, fields, as_at)
        if len(pool) >= MIN_PAIRS:
            break
    else:
        pool = precedents.pool(position, _POOLS[0], as_at)
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


def _rule(last: Inspection) -> Rule:
    era, grade = last.era.name, last.overall
    cycle = next((c for c in CYCLES if c.applies(era, grade)), None)
    if cycle is None:
        return Rule(None, None, None, NoWindow.NO_RULE)
    if last.start is None and cycle.years is not None:
        return Rule(cycle, cycle.kind, None, NoWindow.FIELDWORK_UNKNOWN)
    window = None if last.start is None else cycle.window(last.start)
    if window is None:
        return Rule(cycle, cycle.kind, None, cycle.no_window)
    try:
        later: str | None = last.framework.era_on(window.earliest).name
    except OfstedModelError:
        later = None  # the framework's table ends before the window: nothing to say
    # Worth saying only where the rule of the era in force by then is not this one.
    changes = later is not None and not cycle.applies(later, grade)
    return Rule(cycle, cycle.kind, window, None, later if changes else None)


def _coverage(value: object) -> float:
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


def _population(histories: Histories | None) -> tuple[Histories, tuple[History, ...]]:
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
    share = _coverage(coverage)
    given, population = _population(histories)
    day = data_end(given, population) if as_at is None else to_date(as_at, "as_at")
    return _outlook(history, day, _precedents(population), share)


def _outlook(
    history: History, day: _dt.date, precedents: _Precedents, coverage: float
) -> NextInspection:
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
        _rule(last),
        _precedent(position, last.start, day, precedents, coverage),
        coverage,
    )


# -- the backtest ---------------------------------------------------------------------------------


@attrs.frozen
class Trial:
    """One test of :func:`next_inspection` on the past: ``first`` and ``second``, consecutive
    ILACS inspections of a council, and the ``outlook`` it gave the day after ``first`` was
    published, from the data published by then."""

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
    """How one side of :func:`next_inspection` did in a :class:`Backtest`: of ``pairs`` pairs of
    inspections, ``windows`` were given a window (with the second's fieldwork start known), and
    in ``hits`` of those the second inspection's fieldwork started within it; ``early`` and
    ``late`` count the misses before and after."""

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
    data), the :func:`next_inspection` given the day after its publication, using only the data
    published by then, and whether its windows contained the next inspection's fieldwork
    start."""
    share = _coverage(coverage)
    _, population = _population(histories)
    precedents = _precedents(population)
    trials = []
    for history in population:
        graded = history.graded
        for first, second in itertools.pairwise(graded):
            if first.framework is Framework.ILACS and second.framework is Framework.ILACS:
                day = first.published + _dt.timedelta(days=1)
                trials.append(Trial(first, second, _outlook(history, day, precedents, share)))
    return Backtest(tuple(trials), share)


# -- in words -------------------------------------------------------------------------------------


def _judged(grade: Grade | None) -> str:
    if grade is None:
        return "with no overall effectiveness grade"
    return f"judging overall effectiveness {grade.label.lower()}"


def _alike(position: Position, matched: tuple[str, ...]) -> str:
    """What the earlier inspections in a pool share with the council's last: 'ILACS short
    inspections under ILACS 2018 judging overall effectiveness good', ..."""
    judged = _judged(position.grade)
    if matched == ("grade",):
        return f"graded inspections of any framework {judged}"
    if "kind" not in matched:
        return f"{position.framework.value} inspections of any kind {judged}"
    kind = f"{position.kind.value}s".replace("inspection (", "inspections (").replace(")s", ")")
    if "era" in matched:
        return f"{kind} under {position.era} {judged}"
    return f"{kind} {judged}"


def _kinds_words(kinds: Mapping[InspectionKind, int]) -> str:
    """'an ILACS short inspection after 19 and an ILACS standard inspection after 1'."""
    ranked = sorted(kinds.items(), key=lambda item: (-item[1], item[0].name))
    parts = [f"{a(kind.value)} after {n}" for kind, n in ranked]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _describe_next(due: NextInspection) -> str:
    name, when = due.council.name, format_date(due.as_at)
    last, rule = due.last, due.rule
    if last is None:
        if rule.no_window is NoWindow.ABOLISHED:
            abolished = due.council.abolished
            assert abolished is not None
            return (
                f"{name} was abolished on {format_date(abolished)}; as at {when} it has no next "
                "inspection."
            )
        return (
            f"As at {when}, {name} had no graded inspection published, so neither Ofsted's rule "
            "nor precedent says when its next is due."
        )
    fieldwork = f"fieldwork from {format_date(last.start)}, " if last.start else ""
    head = (
        f"As at {when}, {name}'s latest graded inspection was {a(last.kind.value)} "
        f"({fieldwork}published {format_date(last.published)})"
    )
    if rule.no_window is NoWindow.GRADE_UNKNOWN:
        return (
            f"{head}; the data does not know its overall effectiveness grade, so neither "
            "Ofsted's rule nor precedent says when the next is due."
        )
    sentences = [f"{head}, {_judged(last.overall)}.", _rule_words(due), _precedent_words(due)]
    if due.overdue:
        sentences.append(
            f"Both windows ended before {when}, with no report of a next inspection published in "
            "the data."
        )
    return " ".join(sentences)


def _rule_words(due: NextInspection) -> str:
    rule = due.rule
    cycle = rule.cycle
    if cycle is None:
        era = "its era" if due.position is None else due.position.era
        return f"The library's table of Ofsted's rules holds none for what follows {era}."
    source = cycle.sources[0]
    text = f"Ofsted's rule: {cycle.rule} (source: {source.publisher}, \u201c{source.title}\u201d)"
    if rule.window is not None:
        text += (
            f"; here fieldwork starting between {format_date(rule.window.earliest)} and "
            f"{format_date(rule.window.latest)}."
        )
        if rule.next_era is not None:
            text += f" By then {rule.next_era} will be in force, and the rule may have changed."
        return text
    if rule.no_window is NoWindow.FIELDWORK_UNKNOWN:
        return (
            text + "; the data does not know when the last inspection's fieldwork started, the "
            "day the rule counts from."
        )
    return text + "."


def _precedent_words(due: NextInspection) -> str:
    precedent, position, last = due.precedent, due.position, due.last
    assert position is not None
    assert last is not None
    by = format_date(due.as_at)
    if precedent.no_window is NoWindow.TOO_FEW_PAIRS:
        alike = _alike(position, _POOLS[0])
        found = (
            "no earlier inspection like it"
            if precedent.pairs == 0
            else f"only {_plural(precedent.pairs, 'earlier inspection')} like it"
        )
        return (
            f"Precedent gives no window: {found} ({alike}) "
            f"{'was' if precedent.pairs < 2 else 'were'} followed by another published by "
            f"{by}; a window needs {MIN_PAIRS}."
        )
    head = (
        f"Of the {precedent.pairs} earlier inspections like it "
        f"({_alike(position, precedent.matched)}) followed by another published by {by}"
    )
    kinds = f" The next was {_kinds_words(precedent.next_kinds)}."
    window, median, start = precedent.window, precedent.median, last.start
    if window is None or median is None or start is None:
        return (
            f"{head}, none can be counted from here: the data does not know when this "
            f"inspection's fieldwork started.{kinds}"
        )
    return (
        f"{head}, the middle {_percent(due.coverage)} were followed "
        f"{format_duration(relativedelta(window.earliest, start))} to "
        f"{format_duration(relativedelta(window.latest, start))} later, from fieldwork start to "
        f"fieldwork start: here between {format_date(window.earliest)} and "
        f"{format_date(window.latest)} (median {format_date(median)}).{kinds}"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


describe.register(NextInspection, _describe_next)

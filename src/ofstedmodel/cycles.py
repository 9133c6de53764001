"""The rule: what each framework's published rule says comes after an inspection, declared
as data in :data:`CYCLES` with the sources it cites, and the side of
:func:`~ofstedmodel.due.next_inspection` it gives (:class:`Rule`).

Adding a framework's cycle is a row in :data:`CYCLES`, citing where it is published.

    >>> CYCLES[0].kind, CYCLES[0].years, CYCLES[0].months
    (<InspectionKind.ILACS_SHORT>, 3, 6)
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from .errors import OfstedModelError
from .frameworks import InspectionKind
from .grades import Grade
from .inspections import Inspection
from .windows import NoWindow, Window

__all__ = ["CYCLES", "Citation", "Cycle", "Rule"]


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


@attrs.frozen
class Rule:
    """The framework's side: the :class:`Cycle` that applies (``None`` when none does), the next
    inspection's ``kind`` and the ``window`` it gives (``None``, with ``no_window`` saying why).
    ``next_era`` names the era in force, by the library's table, on the window's last day when
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


def rule_after(last: Inspection) -> Rule:
    """The :class:`Rule` for what follows ``last``, a council's latest graded inspection whose
    overall effectiveness grade the data knows (internal: for
    :func:`~ofstedmodel.due.next_inspection`)."""
    era, grade = last.era.name, last.overall
    cycle = next((c for c in CYCLES if c.applies(era, grade)), None)
    if cycle is None:
        return Rule(None, None, None, NoWindow.NO_RULE)
    if last.start is None and cycle.years is not None:
        return Rule(cycle, cycle.kind, None, NoWindow.FIELDWORK_UNKNOWN)
    window = None if last.start is None else cycle.window(last.start)
    if window is None:
        return Rule(cycle, cycle.kind, None, cycle.no_window)
    try:  # the era in force by the window's end: a window that crosses into one counts
        later: str | None = last.framework.era_on(window.latest).name
    except OfstedModelError:
        later = None  # the framework's table ends before the window: nothing to say
    # Worth saying only where the rule of the era in force by then is not this one.
    changes = later is not None and not cycle.applies(later, grade)
    return Rule(cycle, cycle.kind, window, None, later if changes else None)

"""Frameworks, the categories they grade and the kinds of inspection, declared as data.

Every fact about Ofsted's frameworks lives in three tables: :data:`FRAMEWORKS` (each
framework's title, usual kind and other names), :data:`KINDS` (each kind of inspection or visit:
the frameworks it is made under, whether it gives grades, which categories it judges, its other
names) and :data:`ERAS` (which framework, from which fieldwork date, on which grade scale,
grading which categories under which official wording), with :data:`CATEGORY_ALIASES` for the
names users give categories. Everything else (validation, lineage, labels, "definition
changed", parsing, the hypothesis strategies, the library's own readers) is derived from them,
so a new era is a change to the tables alone, and a new framework that and its enum member:
see the how-to "Add Ofsted's next framework".

    >>> from datetime import date
    >>> from ofstedmodel import Framework, Category
    >>> Framework.for_date(date(2023, 1, 1))
    <Framework.ILACS>
    >>> [c.name for c in Framework.ILACS.categories_on(date(2026, 4, 1))]
    ['LEADERSHIP', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS']
    >>> Framework.SIF.label(Category.CHILDREN_IN_CARE)
    'Children looked after and achieving permanence'
    >>> Framework.parse("ILACS 2026")  # an era's name names its framework
    <Framework.ILACS>
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import NamedTuple

import attrs

from ._coerce import shown, to_date
from ._enums import Vocabulary, VocabularyEnum, locked
from .errors import CategoryError
from .grades import Grade

__all__ = [
    "CATEGORY_ALIASES",
    "CURRENT_SCALE",
    "ERAS",
    "FRAMEWORKS",
    "KINDS",
    "PRE_2013_SCALE",
    "Category",
    "Era",
    "Framework",
    "FrameworkEntry",
    "InspectionKind",
    "KindEntry",
]


@locked
class Category(VocabularyEnum):
    """A continuing line of concern that inspections grade.

    The wording belongs to the framework (see :meth:`Framework.label`); the category is what
    stays the same across framework changes. ``value`` is a short plain-English name.
    :meth:`parse` reads its name, its plain name, any official wording (from :data:`ERAS`) or a
    usual name (from :data:`CATEGORY_ALIASES`):

    >>> Category.parse("impact of leaders"), Category.parse("CARE_LEAVERS")
    (<Category.LEADERSHIP>, <Category.CARE_LEAVERS>)
    >>> Category.parse("Children looked after and achieving permanence")
    <Category.CHILDREN_IN_CARE>
    """

    OVERALL_EFFECTIVENESS = "overall effectiveness"
    LEADERSHIP = "leadership"
    HELP_AND_PROTECTION = "help and protection"
    CHILDREN_IN_CARE = "children in care"
    ADOPTION = "adoption"
    CARE_LEAVERS = "care leavers"
    LSCB_REVIEW = "local safeguarding children board"
    CAPACITY_TO_IMPROVE_SAFEGUARDING = "capacity to improve safeguarding"
    CAPACITY_TO_IMPROVE_CHILDREN_IN_CARE = "capacity to improve services for children in care"


@locked
class Framework(VocabularyEnum):
    """An inspection framework. ``value`` is its usual abbreviation.

    :meth:`parse` reads its abbreviation, its title, the name of any of its eras, or another
    name :data:`FRAMEWORKS` gives it:

    >>> Framework.parse("single inspection framework"), Framework.parse("ilacs")
    (<Framework.SIF>, <Framework.ILACS>)
    >>> Framework.parse("ILACS 2023"), Framework.parse("CPI")
    (<Framework.ILACS>, <Framework.CP2012>)
    """

    SLAC = "SLAC"
    CP2012 = "CP2012"
    TLAC = "TLAC"
    SIF = "SIF"
    ILACS = "ILACS"

    @property
    def title(self) -> str:
        """The framework's full name.

        >>> Framework.SIF.title
        'Single inspection framework'
        """
        return _FACTS.frameworks[self].title

    @property
    def eras(self) -> tuple[Era, ...]:
        """The framework's eras, oldest first: the rows of :data:`ERAS` that are its own."""
        return _FACTS.eras_by_framework[self]

    @property
    def start(self) -> _dt.date:
        """The first fieldwork date of the framework."""
        return self.eras[0].start

    @property
    def until(self) -> _dt.date | None:
        """The first day no new fieldwork was done under it; ``None`` while in force."""
        return self.eras[-1].until

    @property
    def scale(self) -> tuple[Grade, ...]:
        """The grades the framework gives, best first.

        >>> [g.name for g in Framework.CP2012.scale]
        ['OUTSTANDING', 'GOOD', 'ADEQUATE', 'INADEQUATE']
        """
        return self.eras[-1].scale

    @property
    def kinds(self) -> tuple[InspectionKind, ...]:
        """The kinds of inspection and visit made under the framework."""
        return _FACTS.kinds_by_framework[self]

    @property
    def default_kind(self) -> InspectionKind:
        """The kind assumed for a graded inspection when the data does not say."""
        return _FACTS.default_kinds[self]

    def era_on(self, day: object) -> Era:
        """The era of this framework in force for fieldwork starting on ``day``.

        Raises :class:`~ofstedmodel.CategoryError` when the framework was not in force.

        >>> from datetime import date
        >>> Framework.ILACS.era_on(date(2022, 12, 31)).name
        'ILACS 2018'
        """
        when = to_date(day, f"{self.value} era date")
        for era in self.eras:
            if era.covers(when):
                return era
        raise CategoryError(
            f"{self.value} was not in force on {when.isoformat()}: its fieldwork ran "
            f"from {self.start.isoformat()}"
            + (f" to {self.until - _dt.timedelta(days=1)}" if self.until else "")
        )

    def categories_on(self, day: object) -> tuple[Category, ...]:
        """The categories the framework graded for fieldwork starting on ``day``."""
        return tuple(self.era_on(day).labels)

    def label(self, category: Category, on: object = None) -> str:
        """The framework's official wording of ``category``.

        With ``on``, the wording for fieldwork starting that day; without, the latest era's.

        >>> from datetime import date
        >>> Framework.ILACS.label(Category.CHILDREN_IN_CARE, on=date(2019, 5, 1))
        'The experiences and progress of children in care and care leavers'
        """
        category = Category.parse(category)
        eras = (self.era_on(on),) if on is not None else tuple(reversed(self.eras))
        for era in eras:
            if category in era.labels:
                return era.labels[category]
        raise CategoryError(
            f"{self.value} does not grade {shown(category.value)}"
            + (f" on {to_date(on).isoformat()}" if on is not None else "")
        )

    @classmethod
    def for_date(cls, day: object) -> Framework:
        """The main framework in force for fieldwork starting on ``day``.

        >>> from datetime import date
        >>> Framework.for_date(date(2013, 10, 31)), Framework.for_date(date(2013, 11, 1))
        (<Framework.CP2012>, <Framework.SIF>)
        >>> Framework.for_date(date(2011, 6, 1))
        <Framework.SLAC>
        """
        when = to_date(day, "framework date")
        # A main era wins where eras overlap; where only one that is not main covers the
        # date (SLAC before 2012) it is the framework in force.
        eras = _FACTS.eras
        covering = sorted((era for era in eras if era.covers(when)), key=lambda era: era.main)
        if covering:
            return covering[-1].framework
        raise CategoryError(
            f"no framework in the table was in force on {when.isoformat()}; the earliest "
            f"starts {min(era.start for era in eras).isoformat()}"
        )


@locked
class InspectionKind(VocabularyEnum):
    """What sort of inspection or visit an event was, and whether it gives grades.

    >>> [k.name for k in Framework.ILACS.kinds if not k.is_graded]
    ['FOCUSED_VISIT', 'MONITORING_VISIT', 'JTAI']

    :meth:`parse` reads its name, its description or another name :data:`KINDS` gives it:

    >>> InspectionKind.parse("short"), InspectionKind.parse("monitoring visit")
    (<InspectionKind.ILACS_SHORT>, <InspectionKind.MONITORING_VISIT>)
    """

    SLAC_INSPECTION = "SLAC inspection"
    SLAC_SAFEGUARDING_REINSPECTION = "SLAC re-inspection of safeguarding services"
    SLAC_CHILDREN_IN_CARE_REINSPECTION = "SLAC re-inspection of services for looked after children"
    CP_INSPECTION = "unannounced inspection of arrangements to protect children"
    CP_REINSPECTION = "re-inspection of arrangements to protect children"
    TLAC_INSPECTION = "targeted inspection of services for looked after children"
    SIF_INSPECTION = "SIF inspection"
    SIF_REINSPECTION = "SIF re-inspection"
    ILACS_STANDARD = "ILACS standard inspection"
    ILACS_SHORT = "ILACS short inspection"
    ILACS_INSPECTION = "ILACS inspection (standard or short not recorded)"
    FOCUSED_VISIT = "focused visit"
    MONITORING_VISIT = "monitoring visit"
    JTAI = "joint targeted area inspection"

    @property
    def is_graded(self) -> bool:
        """Whether inspections of this kind give graded judgements.

        >>> InspectionKind.ILACS_SHORT.is_graded, InspectionKind.FOCUSED_VISIT.is_graded
        (True, False)
        """
        return self not in _FACTS.ungraded

    @property
    def scope(self) -> frozenset[Category] | None:
        """The categories an inspection of this kind judges, when it is targeted at some of
        its framework's; ``None`` for a full inspection, which supersedes every judgement
        before it (those it does not give are no longer in force).

        >>> sorted(c.name for c in InspectionKind.TLAC_INSPECTION.scope)
        ['CHILDREN_IN_CARE']
        >>> InspectionKind.SIF_REINSPECTION.scope is None
        True
        """
        return _FACTS.scopes.get(self)

    def covers(self, category: Category) -> bool:
        """Whether an inspection of this kind judges ``category`` (when its framework does).

        >>> InspectionKind.CP_INSPECTION.covers(Category.CHILDREN_IN_CARE)
        False
        """
        scope = _FACTS.scopes.get(self)
        return scope is None or category in scope


#: Grades given since November 2013, best first.
CURRENT_SCALE = (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)
#: Grades given before November 2013, best first.
PRE_2013_SCALE = (Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE, Grade.INADEQUATE)


def _labels(pairs: Mapping[Category, str]) -> Mapping[Category, str]:
    return MappingProxyType(dict(pairs))


@attrs.frozen
class Era:
    """One row of :data:`ERAS`: a framework as it stood over a span of fieldwork dates.

    ``start`` is the first fieldwork day, ``until`` the first day after (``None`` while in
    force). ``labels`` maps each graded category, in the report's order, to its official
    wording. ``main`` marks the framework that :meth:`Framework.for_date` reports where eras
    of different frameworks overlap. (When fieldwork dates are unknown, a report may be published
    up to a year after its framework's last era ends: a validation tolerance of
    :class:`~ofstedmodel.Inspection`, not an Ofsted fact.)

    >>> from datetime import date
    >>> era = Framework.ILACS.era_on(date(2023, 6, 1))
    >>> era.name, era.labels[Category.CARE_LEAVERS]
    ('ILACS 2023', 'The experiences and progress of care leavers')
    """

    framework: Framework
    name: str
    start: _dt.date
    until: _dt.date | None
    scale: tuple[Grade, ...]
    labels: Mapping[Category, str] = attrs.field(converter=_labels)
    main: bool = True
    #: The kinds made in this era, where not every kind of the framework was (``None``: all).
    kinds: frozenset[InspectionKind] | None = None
    #: The (category, grade) pairs the era may give: derived, so validating a judgement is one
    #: set look-up.
    allowed: frozenset[tuple[Category, Grade]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        pairs = frozenset((c, g) for c in self.labels for g in self.scale)
        object.__setattr__(self, "allowed", pairs)

    def __reduce__(self) -> tuple[Callable[[str], Era], tuple[str]]:
        # An era is a row of the table: pickled by name, so that a copy is the row itself.
        return _era_named, (self.name,)

    def judged_within(self, category: Category) -> bool:
        """Whether this era judged ``category`` inside another judgement, not on its own: its
        official wording of another names it (ILACS 2018's "children in care and care
        leavers"). ILACS 2026 gives no overall effectiveness grade at all; no ILACS judgement
        is of adoption.

        >>> ilacs = Framework.ILACS.eras
        >>> ilacs[0].judged_within(Category.CARE_LEAVERS), ilacs[0].judged_within(Category.ADOPTION)
        (True, False)
        """
        if category in self.labels:
            return False
        words = category.value.lower()
        return any(words in label.lower() for label in self.labels.values())

    def covers(self, day: _dt.date) -> bool:
        """Whether fieldwork starting on ``day`` falls in this era."""
        return self.start <= day and (self.until is None or day < self.until)

    def admits(self, kind: InspectionKind) -> bool:
        """Whether inspections of ``kind`` were made in this era."""
        return self.kinds is None or kind in self.kinds

    def __repr__(self) -> str:
        return f"<Era {self.name}>"


# The rows of FRAMEWORKS and KINDS are named tuples: immutable and plain, and (unlike attrs
# classes) next to free to build at import.


class FrameworkEntry(NamedTuple):
    """One row of :data:`FRAMEWORKS`: what is true of a framework in every one of its eras.

    ``framework`` is the member (its value is the usual abbreviation), ``title`` the full
    name, ``default_kind`` the graded kind assumed when the data does not say, and
    ``aliases`` other names users give it. The framework is also read by its title and by the
    name of each of its eras. Make a changed copy with ``entry._replace(aliases=...)``.

    >>> FRAMEWORKS[3]
    FrameworkEntry(framework=<Framework.SIF>, title='Single inspection framework', ...)
    """

    framework: Framework
    title: str
    default_kind: InspectionKind
    aliases: tuple[str, ...] = ()


class KindEntry(NamedTuple):
    """One row of :data:`KINDS`: a kind of inspection or visit.

    ``frameworks`` are those it is made under; ``graded`` says whether it gives grades;
    ``scope`` lists the categories it judges when it is targeted at some of its framework's
    (``None``: a full inspection, which supersedes every judgement before it); ``aliases`` are
    other names users give it.

    >>> KINDS[5].kind, KINDS[5].scope
    (<InspectionKind.TLAC_INSPECTION>, (<Category.CHILDREN_IN_CARE>,))
    """

    kind: InspectionKind
    frameworks: tuple[Framework, ...]
    graded: bool = True
    scope: tuple[Category, ...] | None = None
    aliases: tuple[str, ...] = ()


_C = Category
_OVERALL = "Overall effectiveness"
_LEADERS = "The impact of leaders on social work practice with children and families"
_HELP = "The experiences and progress of children who need help and protection"
_SIF_LABELS = {
    _C.OVERALL_EFFECTIVENESS: _OVERALL,
    _C.HELP_AND_PROTECTION: "Children who need help and protection",
    _C.CHILDREN_IN_CARE: "Children looked after and achieving permanence",
    _C.ADOPTION: "Adoption performance",
    _C.CARE_LEAVERS: "Experiences and progress of care leavers",
    _C.LEADERSHIP: "Leadership, management and governance",
    _C.LSCB_REVIEW: "The effectiveness of the Local Safeguarding Children Board",
}

#: The table of eras: each framework as it stood over a span of fieldwork dates, oldest first
#: within a framework. Sources: ``docs/domain`` and the frameworks Ofsted published. The
#: SLAC and CP2012 dates are known to the year only: they start on 1 January of the year.
ERAS: tuple[Era, ...] = (
    Era(
        Framework.SLAC,
        "SLAC",
        _dt.date(2009, 1, 1),
        _dt.date(2013, 1, 1),
        PRE_2013_SCALE,
        {
            _C.OVERALL_EFFECTIVENESS: "Overall effectiveness of safeguarding services",
            _C.CAPACITY_TO_IMPROVE_SAFEGUARDING: "Capacity to improve safeguarding services",
            _C.CHILDREN_IN_CARE: "Overall effectiveness of services for looked after children",
            _C.CAPACITY_TO_IMPROVE_CHILDREN_IN_CARE: (
                "Capacity to improve services for looked after children"
            ),
        },
        main=False,
    ),
    Era(
        Framework.CP2012,
        "CP2012",
        _dt.date(2012, 1, 1),
        _dt.date(2013, 11, 1),
        PRE_2013_SCALE,
        {_C.OVERALL_EFFECTIVENESS: "Overall effectiveness of the arrangements to protect children"},
    ),
    Era(
        Framework.TLAC,
        "TLAC",
        _dt.date(2013, 1, 1),
        _dt.date(2013, 11, 1),
        PRE_2013_SCALE,
        {_C.CHILDREN_IN_CARE: "Overall effectiveness of services for looked after children"},
        main=False,
    ),
    Era(
        Framework.SIF,
        "SIF",
        _dt.date(2013, 11, 1),
        _dt.date(2018, 1, 1),
        CURRENT_SCALE,
        _SIF_LABELS,
    ),
    # First SIF inspections ended with 2017; re-inspections of councils judged inadequate went
    # on into 2018 (the last in the data: Torbay, fieldwork from 11 June 2018). The end is
    # known to the year only.
    Era(
        Framework.SIF,
        "SIF re-inspections 2018",
        _dt.date(2018, 1, 1),
        _dt.date(2019, 1, 1),
        CURRENT_SCALE,
        _SIF_LABELS,
        main=False,
        kinds=frozenset({InspectionKind.SIF_REINSPECTION}),
    ),
    Era(
        Framework.ILACS,
        "ILACS 2018",
        _dt.date(2018, 1, 1),
        _dt.date(2023, 1, 1),
        CURRENT_SCALE,
        {
            _C.OVERALL_EFFECTIVENESS: _OVERALL,
            _C.LEADERSHIP: _LEADERS,
            _C.HELP_AND_PROTECTION: _HELP,
            _C.CHILDREN_IN_CARE: (
                "The experiences and progress of children in care and care leavers"
            ),
        },
    ),
    Era(
        Framework.ILACS,
        "ILACS 2023",
        _dt.date(2023, 1, 1),
        _dt.date(2026, 4, 1),
        CURRENT_SCALE,
        {
            _C.OVERALL_EFFECTIVENESS: _OVERALL,
            _C.LEADERSHIP: _LEADERS,
            _C.HELP_AND_PROTECTION: _HELP,
            _C.CHILDREN_IN_CARE: "The experiences and progress of children in care",
            _C.CARE_LEAVERS: "The experiences and progress of care leavers",
        },
    ),
    Era(
        Framework.ILACS,
        "ILACS 2026",
        _dt.date(2026, 4, 1),
        None,
        CURRENT_SCALE,
        {
            _C.LEADERSHIP: _LEADERS,
            _C.HELP_AND_PROTECTION: _HELP,
            _C.CHILDREN_IN_CARE: "The experiences and progress of children in care",
            _C.CARE_LEAVERS: "The experiences and progress of care leavers",
        },
    ),
)

_F = Framework
_K = InspectionKind

#: The table of frameworks: one entry per :class:`Framework`.
FRAMEWORKS: tuple[FrameworkEntry, ...] = (
    FrameworkEntry(
        _F.SLAC,
        "Inspection of safeguarding and looked after children services",
        _K.SLAC_INSPECTION,
    ),
    FrameworkEntry(
        _F.CP2012,
        "Unannounced inspection of local authority arrangements for the protection of children",
        _K.CP_INSPECTION,
        aliases=("CP", "CPI", "child protection inspection"),
    ),
    FrameworkEntry(
        _F.TLAC,
        "Targeted inspection of services for looked after children",
        _K.TLAC_INSPECTION,
        aliases=("targeted looked after children",),
    ),
    FrameworkEntry(_F.SIF, "Single inspection framework", _K.SIF_INSPECTION),
    FrameworkEntry(_F.ILACS, "Inspecting local authority children's services", _K.ILACS_INSPECTION),
)

#: The table of kinds: one entry per :class:`InspectionKind`. Targeted kinds give a ``scope``:
#: a later inspection of such a kind replaces only those judgements (a child protection
#: inspection leaves the SLAC looked after children judgement in force).
KINDS: tuple[KindEntry, ...] = (
    KindEntry(_K.SLAC_INSPECTION, (_F.SLAC,), aliases=("SLAC",)),
    KindEntry(
        _K.SLAC_SAFEGUARDING_REINSPECTION,
        (_F.SLAC,),
        scope=(_C.OVERALL_EFFECTIVENESS, _C.CAPACITY_TO_IMPROVE_SAFEGUARDING),
    ),
    KindEntry(
        _K.SLAC_CHILDREN_IN_CARE_REINSPECTION,
        (_F.SLAC,),
        scope=(_C.CHILDREN_IN_CARE, _C.CAPACITY_TO_IMPROVE_CHILDREN_IN_CARE),
    ),
    KindEntry(_K.CP_INSPECTION, (_F.CP2012,), scope=(_C.OVERALL_EFFECTIVENESS,), aliases=("CPI",)),
    KindEntry(
        _K.CP_REINSPECTION, (_F.CP2012,), scope=(_C.OVERALL_EFFECTIVENESS,), aliases=("CPRI",)
    ),
    KindEntry(_K.TLAC_INSPECTION, (_F.TLAC,), scope=(_C.CHILDREN_IN_CARE,), aliases=("TLAC",)),
    KindEntry(_K.SIF_INSPECTION, (_F.SIF,), aliases=("sif", "first SIF")),
    KindEntry(_K.SIF_REINSPECTION, (_F.SIF,)),
    KindEntry(_K.ILACS_STANDARD, (_F.ILACS,), aliases=("standard", "ILACS standard")),
    KindEntry(_K.ILACS_SHORT, (_F.ILACS,), aliases=("short", "ILACS short")),
    KindEntry(_K.ILACS_INSPECTION, (_F.ILACS,)),
    KindEntry(_K.FOCUSED_VISIT, (_F.ILACS,), graded=False),
    KindEntry(_K.MONITORING_VISIT, (_F.SIF, _F.ILACS), graded=False),
    KindEntry(_K.JTAI, (_F.SIF, _F.ILACS), graded=False),
)

#: The names users give categories besides their own and the official wordings of
#: :data:`ERAS`.
CATEGORY_ALIASES: Mapping[Category, tuple[str, ...]] = MappingProxyType(
    {
        _C.OVERALL_EFFECTIVENESS: ("overall",),
        _C.LEADERSHIP: ("impact of leaders", "leadership management and governance"),
        _C.CHILDREN_IN_CARE: ("children looked after", "in care"),
        _C.LSCB_REVIEW: ("lscb",),
    }
)


# -- what is derived from the tables -------------------------------------------------------------


def _table_error(problem: str) -> CategoryError:
    return CategoryError(f"framework tables: {problem}")


class _Facts:
    """Every look-up the library makes about frameworks, derived from the tables by
    :func:`_derive` (internal). Compared and hashed by identity; a plain slotted class rather
    than an attrs one, which would cost import time."""

    __slots__ = (
        "__weakref__",
        "categories",
        "default_kinds",
        "era_by_date",
        "era_by_publication",
        "eras",
        "eras_by_framework",
        "eras_of",
        "framework_names",
        "frameworks",
        "kind_frameworks",
        "kind_names",
        "kinds",
        "kinds_by_framework",
        "scopes",
        "ungraded",
    )

    def __init__(
        self,
        *,
        eras: tuple[Era, ...],
        frameworks: Mapping[Framework, FrameworkEntry],
        kinds: Mapping[InspectionKind, KindEntry],
        eras_by_framework: Mapping[Framework, tuple[Era, ...]],
        kinds_by_framework: Mapping[Framework, tuple[InspectionKind, ...]],
        default_kinds: Mapping[Framework, InspectionKind],
        kind_frameworks: Mapping[InspectionKind, frozenset[Framework]],
        ungraded: frozenset[InspectionKind],
        scopes: Mapping[InspectionKind, frozenset[Category]],
        eras_of: Mapping[tuple[Framework, InspectionKind], tuple[Era, ...]],
        categories: Vocabulary,
        framework_names: Vocabulary,
        kind_names: Vocabulary,
    ) -> None:
        self.eras = eras
        self.frameworks = frameworks
        self.kinds = kinds
        self.eras_by_framework = eras_by_framework
        self.kinds_by_framework = kinds_by_framework
        self.default_kinds = default_kinds
        #: The frameworks each kind is made under.
        self.kind_frameworks = kind_frameworks
        self.ungraded = ungraded
        self.scopes = scopes
        #: The eras in which each kind of each framework was made, oldest first.
        self.eras_of = eras_of
        self.categories = categories
        self.framework_names = framework_names
        self.kind_names = kind_names
        #: (framework, kind, first fieldwork day) -> era, filled by Inspection as inspections
        #: are built: at most one entry per framework, kind and day, and gone with these facts.
        self.era_by_date: dict[tuple[Framework, InspectionKind, _dt.date], Era] = {}
        #: (framework, kind, publication day) -> era of a report with no fieldwork dates and
        #: no grade given, filled by Inspection likewise.
        self.era_by_publication: dict[tuple[Framework, InspectionKind, _dt.date], Era] = {}


def _one_each(
    entries: Iterable[FrameworkEntry | KindEntry], members: Iterable[VocabularyEnum], table: str
) -> None:
    seen: list[object] = [e.framework if isinstance(e, FrameworkEntry) else e.kind for e in entries]
    for member in members:
        if seen.count(member) != 1:
            raise _table_error(f"{table} has {seen.count(member)} entries for {member!r}, not 1")


def _derive(
    frameworks: Iterable[FrameworkEntry],
    kinds: Iterable[KindEntry],
    eras: Iterable[Era],
    category_aliases: Mapping[Category, Iterable[str]] | None = None,
) -> _Facts:
    """Every look-up about frameworks, from the tables given (internal; ``category_aliases``
    defaults to :data:`CATEGORY_ALIASES`). Checks that the tables agree, so that a row left
    out when adding a framework fails at import, naming it: one entry per framework and per
    kind, each framework's default kind graded and its own, each framework's eras in order
    with no gap, each era's kinds its framework's, no name for two members."""
    framework_table, kind_table = tuple(frameworks), tuple(kinds)
    era_table = tuple(eras)
    all_frameworks, all_kinds = tuple(Framework), tuple(InspectionKind)
    _one_each(framework_table, all_frameworks, "FRAMEWORKS")
    _one_each(kind_table, all_kinds, "KINDS")
    by_framework = {e.framework: e for e in framework_table}
    by_kind = {e.kind: e for e in kind_table}
    kinds_by_framework = {
        f: tuple(k for k in all_kinds if f in by_kind[k].frameworks) for f in all_frameworks
    }
    eras_by_framework = {f: tuple(e for e in era_table if e.framework is f) for f in all_frameworks}
    for framework, entry in by_framework.items():
        default = entry.default_kind
        if not by_kind[default].graded or default not in kinds_by_framework[framework]:
            raise _table_error(
                f"the default kind of {framework.value}, {default.value}, must be a graded "
                "kind made under it"
            )
        own = eras_by_framework[framework]
        if not own:
            raise _table_error(f"ERAS has no era of {framework.value}")
        for before, after in itertools.pairwise(own):
            if before.until != after.start:
                raise _table_error(
                    f"{after.name} must start the day {before.name} ends (until="
                    f"{before.until}), so that one era of {framework.value} is in force on "
                    "each day"
                )
        for era in own:
            if era.kinds is not None and not era.kinds <= set(kinds_by_framework[framework]):
                raise _table_error(f"{era.name} lists kinds not made under {framework.value}")
    aliases = CATEGORY_ALIASES if category_aliases is None else category_aliases
    # Plain dicts, not read-only views: they are private, and read on every inspection built.
    return _Facts(
        eras=era_table,
        frameworks=by_framework,
        kinds=by_kind,
        eras_by_framework=eras_by_framework,
        kinds_by_framework=kinds_by_framework,
        default_kinds={f: e.default_kind for f, e in by_framework.items()},
        kind_frameworks={k: frozenset(e.frameworks) for k, e in by_kind.items()},
        ungraded=frozenset(k for k, e in by_kind.items() if not e.graded),
        scopes={k: frozenset(e.scope) for k, e in by_kind.items() if e.scope is not None},
        eras_of={
            (f, k): tuple(era for era in eras_by_framework[f] if era.admits(k))
            for f in all_frameworks
            for k in all_kinds
        },
        categories=Vocabulary(
            Category,
            CategoryError,
            "a Category",
            [(label, c) for era in era_table for c, label in era.labels.items()]
            + [(text, c) for c, texts in aliases.items() for text in texts],
        ),
        framework_names=Vocabulary(
            Framework,
            CategoryError,
            "a Framework",
            [(e.title, f) for f, e in by_framework.items()]
            + [(era.name, era.framework) for era in era_table]
            + [(text, f) for f, e in by_framework.items() for text in e.aliases],
        ),
        kind_names=Vocabulary(
            InspectionKind,
            CategoryError,
            "an InspectionKind",
            [(text, k) for k, e in by_kind.items() for text in e.aliases],
        ),
    )


def _install(facts: _Facts) -> _Facts:
    """Put ``facts`` in force: what the library reads from now on (internal). Returns the
    facts that were in force."""
    global _FACTS
    before, _FACTS = _FACTS, facts
    Category._vocabulary = facts.categories
    Framework._vocabulary = facts.framework_names
    InspectionKind._vocabulary = facts.kind_names
    return before


@contextlib.contextmanager
def _tables_in_force(
    *,
    frameworks: Iterable[FrameworkEntry] | None = None,
    kinds: Iterable[KindEntry] | None = None,
    eras: Iterable[Era] | None = None,
    category_aliases: Mapping[Category, Iterable[str]] | None = None,
) -> Iterator[None]:
    """Within the ``with`` block, the library reads the tables given (each one left out is the
    library's own) and everything derived from them: for trying out a new era or framework,
    and for testing that the library follows its tables (internal; not thread-safe).

    >>> import datetime, attrs
    >>> draft = attrs.evolve(ERAS[-1], name="ILACS 2099", start=datetime.date(2099, 1, 1))
    >>> last = attrs.evolve(ERAS[-1], until=draft.start)
    >>> with _tables_in_force(eras=(*ERAS[:-1], last, draft)):
    ...     Framework.parse("ILACS 2099"), Framework.ILACS.era_on("2099-06-01").name
    (<Framework.ILACS>, 'ILACS 2099')
    >>> Framework.ILACS.eras[-1].name
    'ILACS 2026'
    """
    facts = _derive(
        FRAMEWORKS if frameworks is None else frameworks,
        KINDS if kinds is None else kinds,
        ERAS if eras is None else eras,
        category_aliases,
    )
    before = _install(facts)
    try:
        yield
    finally:
        _install(before)


_FACTS = _derive(FRAMEWORKS, KINDS, ERAS)
_install(_FACTS)


def ungraded_kinds() -> frozenset[InspectionKind]:
    """The kinds of the tables in force that give no grades (monitoring and focused visits,
    joint targeted area inspections): one set look-up for code that sorts many inspections
    (internal)."""
    return _FACTS.ungraded


def _era_named(name: str) -> Era:
    """The era of the tables in force called ``name``: how a pickled era is read back
    (internal)."""
    for era in _FACTS.eras:
        if era.name == name:
            return era
    raise CategoryError(
        f"era: no era is called {name!r} in the tables in force",
        field="era",
        value=name,
        accepted=tuple(era.name for era in _FACTS.eras),
    )

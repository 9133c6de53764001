"""Frameworks, the categories they grade and the kinds of inspection, declared as data.

Every fact about Ofsted's frameworks lives in one table, :data:`ERAS`: which framework, from
which fieldwork date, on which grade scale, grading which categories under which official
wording. Everything else (validation, lineage, labels, "definition changed") is read from it,
so a new framework is one more entry in the table.

    >>> from datetime import date
    >>> from ofstedmodel import Framework, Category
    >>> Framework.for_date(date(2023, 1, 1))
    <Framework.ILACS>
    >>> [c.name for c in Framework.ILACS.categories_on(date(2026, 4, 1))]
    ['LEADERSHIP', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS']
    >>> Framework.SIF.label(Category.CHILDREN_IN_CARE)
    'Children looked after and achieving permanence'
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import attrs

from ._coerce import a, normalise_text, shown, to_date
from ._enums import VocabularyEnum, locked
from .errors import CategoryError
from .grades import Grade

__all__ = [
    "CURRENT_SCALE",
    "ERAS",
    "PRE_2013_SCALE",
    "Category",
    "Era",
    "Framework",
    "InspectionKind",
]


def _parse_member(
    enum_cls: type[enum.Enum], value: object, aliases: Mapping[str, object]
) -> object:
    """Find the member of a vocabulary enum named by ``value`` (internal)."""
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str):
        found = aliases.get(normalise_text(value))
        if found is not None:
            return found
    import difflib

    accepted = sorted({normalise_text(m.name) for m in enum_cls})
    nearest = (
        difflib.get_close_matches(normalise_text(value), list(aliases), n=1, cutoff=0.6)
        if isinstance(value, str)
        else []
    )
    hint = f" (did you mean {shown(nearest[0])}?)" if nearest else ""
    raise CategoryError(
        f"{shown(value)} is not {a(enum_cls.__name__)}{hint}; accepted: {', '.join(accepted)}"
    )


@locked
class Category(VocabularyEnum):
    """A continuing line of concern that inspections grade.

    The wording belongs to the framework (see :meth:`Framework.label`); the category is what
    stays the same across framework changes. ``value`` is a short plain-English name.
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

    @classmethod
    def parse(cls, value: object) -> Category:
        """The category named by ``value``: its name, its plain name or any official wording.

        >>> Category.parse("impact of leaders"), Category.parse("CARE_LEAVERS")
        (<Category.LEADERSHIP>, <Category.CARE_LEAVERS>)
        >>> Category.parse("Children looked after and achieving permanence")
        <Category.CHILDREN_IN_CARE>
        """
        return _parse_member(cls, value, _CATEGORY_ALIASES)  # type: ignore[return-value]


@locked
class Framework(VocabularyEnum):
    """An inspection framework. ``value`` is its usual abbreviation."""

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
        return _TITLES[self]

    @property
    def eras(self) -> tuple[Era, ...]:
        """The framework's eras, oldest first: the rows of :data:`ERAS` that are its own."""
        return _ERAS_BY_FRAMEWORK[self]

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
        return tuple(k for k in InspectionKind if self in _KIND_FRAMEWORKS[k])

    @property
    def default_kind(self) -> InspectionKind:
        """The kind assumed for a graded inspection when the data does not say."""
        return _DEFAULT_KINDS[self]

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
        covering = sorted((era for era in ERAS if era.covers(when)), key=lambda era: era.main)
        if covering:
            return covering[-1].framework
        raise CategoryError(
            f"no framework in the table was in force on {when.isoformat()}; the earliest "
            f"starts {ERAS[0].start.isoformat()}"
        )

    @classmethod
    def parse(cls, value: object) -> Framework:
        """The framework named by ``value``: its abbreviation or its title.

        >>> Framework.parse("single inspection framework"), Framework.parse("ilacs")
        (<Framework.SIF>, <Framework.ILACS>)
        """
        return _parse_member(cls, value, _FRAMEWORK_ALIASES)  # type: ignore[return-value]


@locked
class InspectionKind(VocabularyEnum):
    """What sort of inspection or visit an event was, and whether it gives grades.

    >>> [k.name for k in Framework.ILACS.kinds if not k.is_graded]
    ['FOCUSED_VISIT', 'MONITORING_VISIT', 'JTAI']
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
        return self not in _UNGRADED

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
        return _SCOPES.get(self)

    def covers(self, category: Category) -> bool:
        """Whether an inspection of this kind judges ``category`` (when its framework does).

        >>> InspectionKind.CP_INSPECTION.covers(Category.CHILDREN_IN_CARE)
        False
        """
        scope = _SCOPES.get(self)
        return scope is None or category in scope

    @classmethod
    def parse(cls, value: object) -> InspectionKind:
        """The kind named by ``value``: its name or its description.

        >>> InspectionKind.parse("short"), InspectionKind.parse("monitoring visit")
        (<InspectionKind.ILACS_SHORT>, <InspectionKind.MONITORING_VISIT>)
        """
        return _parse_member(cls, value, _KIND_ALIASES)  # type: ignore[return-value]


#: Grades given since November 2013, best first.
CURRENT_SCALE = (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)
#: Grades given before November 2013, best first.
PRE_2013_SCALE = (Grade.OUTSTANDING, Grade.GOOD, Grade.ADEQUATE, Grade.INADEQUATE)


def _labels(pairs: Mapping[Category, str]) -> Mapping[Category, str]:
    return MappingProxyType(dict(pairs))


@attrs.frozen
class Era:
    """One row of the framework table: a framework as it stood over a span of fieldwork dates.

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

    def covers(self, day: _dt.date) -> bool:
        """Whether fieldwork starting on ``day`` falls in this era."""
        return self.start <= day and (self.until is None or day < self.until)

    def admits(self, kind: InspectionKind) -> bool:
        """Whether inspections of ``kind`` were made in this era."""
        return self.kinds is None or kind in self.kinds

    def __repr__(self) -> str:
        return f"<Era {self.name}>"


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

#: The framework table. Sources: ``docs/domain`` and the frameworks Ofsted published. The
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

_TITLES = {
    Framework.SLAC: "Inspection of safeguarding and looked after children services",
    Framework.CP2012: (
        "Unannounced inspection of local authority arrangements for the protection of children"
    ),
    Framework.TLAC: "Targeted inspection of services for looked after children",
    Framework.SIF: "Single inspection framework",
    Framework.ILACS: "Inspecting local authority children's services",
}
_ERAS_BY_FRAMEWORK = {f: tuple(e for e in ERAS if e.framework is f) for f in Framework}

_K = InspectionKind
_UNGRADED = frozenset({_K.FOCUSED_VISIT, _K.MONITORING_VISIT, _K.JTAI})
_KIND_FRAMEWORKS: dict[InspectionKind, frozenset[Framework]] = {
    _K.SLAC_INSPECTION: frozenset({Framework.SLAC}),
    _K.SLAC_SAFEGUARDING_REINSPECTION: frozenset({Framework.SLAC}),
    _K.SLAC_CHILDREN_IN_CARE_REINSPECTION: frozenset({Framework.SLAC}),
    _K.CP_INSPECTION: frozenset({Framework.CP2012}),
    _K.CP_REINSPECTION: frozenset({Framework.CP2012}),
    _K.TLAC_INSPECTION: frozenset({Framework.TLAC}),
    _K.SIF_INSPECTION: frozenset({Framework.SIF}),
    _K.SIF_REINSPECTION: frozenset({Framework.SIF}),
    _K.ILACS_STANDARD: frozenset({Framework.ILACS}),
    _K.ILACS_SHORT: frozenset({Framework.ILACS}),
    _K.ILACS_INSPECTION: frozenset({Framework.ILACS}),
    _K.FOCUSED_VISIT: frozenset({Framework.ILACS}),
    _K.MONITORING_VISIT: frozenset({Framework.SIF, Framework.ILACS}),
    _K.JTAI: frozenset({Framework.SIF, Framework.ILACS}),
}
#: Targeted kinds and the categories they judge: a later inspection of such a kind replaces
#: only these judgements (a child protection inspection leaves the SLAC looked after children
#: judgement in force). Kinds not listed are full inspections.
_SCOPES: dict[InspectionKind, frozenset[Category]] = {
    _K.SLAC_SAFEGUARDING_REINSPECTION: frozenset(
        {_C.OVERALL_EFFECTIVENESS, _C.CAPACITY_TO_IMPROVE_SAFEGUARDING}
    ),
    _K.SLAC_CHILDREN_IN_CARE_REINSPECTION: frozenset(
        {_C.CHILDREN_IN_CARE, _C.CAPACITY_TO_IMPROVE_CHILDREN_IN_CARE}
    ),
    _K.CP_INSPECTION: frozenset({_C.OVERALL_EFFECTIVENESS}),
    _K.CP_REINSPECTION: frozenset({_C.OVERALL_EFFECTIVENESS}),
    _K.TLAC_INSPECTION: frozenset({_C.CHILDREN_IN_CARE}),
}
_DEFAULT_KINDS = {
    Framework.SLAC: _K.SLAC_INSPECTION,
    Framework.CP2012: _K.CP_INSPECTION,
    Framework.TLAC: _K.TLAC_INSPECTION,
    Framework.SIF: _K.SIF_INSPECTION,
    Framework.ILACS: _K.ILACS_INSPECTION,
}


def _aliases(pairs: Sequence[tuple[str, object]]) -> dict[str, object]:
    return {normalise_text(text): member for text, member in pairs}


_CATEGORY_ALIASES = _aliases(
    [(c.name, c) for c in Category]
    + [(c.value, c) for c in Category]
    + [(label, c) for era in ERAS for c, label in era.labels.items()]
    + [
        ("overall", _C.OVERALL_EFFECTIVENESS),
        ("impact of leaders", _C.LEADERSHIP),
        ("leadership management and governance", _C.LEADERSHIP),
        ("help and protection", _C.HELP_AND_PROTECTION),
        ("children looked after", _C.CHILDREN_IN_CARE),
        ("in care", _C.CHILDREN_IN_CARE),
        ("lscb", _C.LSCB_REVIEW),
    ]
)
_FRAMEWORK_ALIASES = _aliases(
    [(f.name, f) for f in Framework]
    + [(f.title, f) for f in Framework]
    + [(era.name, era.framework) for era in ERAS]
    + [
        ("CP", Framework.CP2012),
        ("CPI", Framework.CP2012),
        ("child protection inspection", Framework.CP2012),
        ("targeted looked after children", Framework.TLAC),
    ]
)
_KIND_ALIASES = _aliases(
    [(k.name, k) for k in InspectionKind]
    + [(k.value, k) for k in InspectionKind]
    + [
        ("standard", _K.ILACS_STANDARD),
        ("short", _K.ILACS_SHORT),
        ("ILACS standard", _K.ILACS_STANDARD),
        ("ILACS short", _K.ILACS_SHORT),
        ("sif", _K.SIF_INSPECTION),
        ("first SIF", _K.SIF_INSPECTION),
        ("SIF re-inspection", _K.SIF_REINSPECTION),
        ("CPI", _K.CP_INSPECTION),
        ("CPRI", _K.CP_REINSPECTION),
        ("TLAC", _K.TLAC_INSPECTION),
        ("SLAC", _K.SLAC_INSPECTION),
    ]
)

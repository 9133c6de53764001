"""Judgements and inspections, and the rules of the domain they must keep.

    >>> from datetime import date
    >>> import ofstedmodel as om
    >>> rotherham = om.Council("Rotherham", "372")
    >>> sif = om.Inspection(
    ...     rotherham, om.Framework.SIF, date(2014, 11, 19),
    ...     {"overall": "inadequate", "adoption": "requires improvement"},
    ...     start=date(2014, 9, 16), end=date(2014, 10, 8),
    ... )
    >>> sif
    <Inspection Rotherham SIF published 2014-11-19: overall inadequate>
    >>> sif.overall, sif[om.Category.ADOPTION]
    (<Grade.INADEQUATE: 4>, <Grade.REQUIRES_IMPROVEMENT: 3>)
    >>> sif.label(om.Category.ADOPTION)
    'Adoption performance'

A broken rule raises :class:`~ofstedmodel.InspectionError` naming it::

    >>> om.Inspection(rotherham, om.Framework.SIF, date(2014, 11, 19), {"overall": "adequate"})
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.InspectionError: Rotherham SIF published 2014-11-19: grade on the wrong ...
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Iterable, Iterator, Mapping

import attrs

from . import frameworks as _frameworks
from ._coerce import a, shown, to_date, to_optional_date
from ._rich import RichDisplay
from .councils import Council
from .errors import (
    CategoryError,
    InspectionError,
    NotGradedError,
    OfstedModelError,
    about_field,
)
from .frameworks import Category, Era, Framework, InspectionKind
from .grades import Grade

__all__ = ["Inspection", "Judgement"]


def _category(value: object) -> Category:
    if value.__class__ is Category:
        return value
    return Category.parse(value)


def _grade(value: object) -> Grade:
    if value.__class__ is Grade:
        return value
    return Grade.parse(value)


@attrs.frozen(repr=False, order=False)
class Judgement:
    """One graded judgement: a category and its grade.

    >>> Judgement("care leavers", "outstanding")
    <Judgement care leavers: outstanding>
    """

    category: Category = attrs.field(converter=_category)
    grade: Grade = attrs.field(converter=_grade)

    def __repr__(self) -> str:
        return f"<Judgement {self.category.value}: {self.grade.value}>"


_CATEGORY_ORDER = {c: i for i, c in enumerate(Category)}


# Every possible judgement, built once: a mapping of members reuses them (a hot path).
_INTERNED = {(c, g): Judgement(c, g) for c in Category for g in Grade}


def interned(category: Category, grade: Grade) -> Judgement:
    """The one :class:`Judgement` of ``category`` and ``grade``, shared by every inspection
    that gives it (internal: for readers building many)."""
    return _INTERNED[category, grade]


def _order(judgement: Judgement) -> int:
    return _CATEGORY_ORDER[judgement.category]


def _members_in_order(value: dict[object, object]) -> tuple[Judgement, ...] | None:
    """The fast path for a plain dict of members: the interned judgements in canonical
    order, or ``None`` when any key or value is not a member (the general path decides)."""
    items = []
    last = -1
    ordered = True
    for category, grade in value.items():
        if category.__class__ is not Category or grade.__class__ is not Grade:
            return None
        position = _CATEGORY_ORDER[category]
        ordered = ordered and position > last
        last = position
        items.append(_INTERNED[category, grade])
    if not ordered:
        items.sort(key=_order)
    return tuple(items)  # dict keys are unique: no category twice


def _judgements(value: object) -> tuple[Judgement, ...]:
    """Judgements from a mapping or an iterable, in the canonical category order."""
    if value.__class__ is dict:
        fast = _members_in_order(value)
        if fast is not None:
            return fast
    if value.__class__ is tuple:
        # Already canonical (strictly increasing order, so no category twice): keep it.
        last = -1
        for item in value:
            if item.__class__ is not Judgement or _CATEGORY_ORDER[item.category] <= last:
                break
            last = _CATEGORY_ORDER[item.category]
        else:
            return value
    if isinstance(value, Mapping):
        items = [
            _INTERNED[category, grade]
            if category.__class__ is Category and grade.__class__ is Grade
            else Judgement(category, grade)
            for category, grade in value.items()
        ]
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InspectionError(
            f"judgements: {shown(value)} is not a mapping {{Category: Grade}} or a sequence of "
            f"Judgement"
        )
    else:
        items = []
        for item in value:
            if not isinstance(item, Judgement):
                raise InspectionError(
                    f"judgements: {shown(item)} is not a Judgement; give Judgement(category, "
                    f"grade) "
                    "values or a mapping {Category: Grade}"
                )
            items.append(item)
    items.sort(key=_order)
    for first, second in itertools.pairwise(items):
        if first.category is second.category:
            raise InspectionError(
                f"judgements: {shown(first.category.value)} is graded twice "
                f"({first.grade.value} and {second.grade.value})"
            )
    return tuple(items)


def _council(value: object) -> Council:
    if value.__class__ is not Council and not isinstance(value, Council):
        raise InspectionError(f"council: {shown(value)} is not a Council")
    return value


def _framework(value: object) -> Framework:
    if value.__class__ is Framework:
        return value
    try:
        return Framework.parse(value)
    except CategoryError as error:
        raise _as_field(error, "framework") from None


def _kind(value: object) -> InspectionKind | None:
    if value is None or value.__class__ is InspectionKind:
        return value
    try:
        return InspectionKind.parse(value)
    except CategoryError as error:
        raise _as_field(error, "kind") from None


def _as_field(error: OfstedModelError, field: str) -> InspectionError:
    """``error`` about an argument of :class:`Inspection`, as an InspectionError naming it,
    its data kept."""
    return about_field(error, field, InspectionError)


def _published(value: object) -> _dt.date:
    return to_date(value, "published", InspectionError)


def _start(value: object) -> _dt.date | None:
    return to_optional_date(value, "start", InspectionError)


def _end(value: object) -> _dt.date | None:
    return to_optional_date(value, "end", InspectionError)


def _grades_known(value: object) -> bool:
    if value is not True and value is not False:
        raise InspectionError(f"grades_known: {shown(value)} is not True or False")
    return value


def _unknown(value: object) -> tuple[Category, ...]:
    if value == ():
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InspectionError(
            f"unknown: {shown(value)} is not a sequence of categories whose grades are unknown"
        )
    try:
        categories = {Category.parse(item) for item in value}
    except CategoryError as error:
        raise InspectionError(f"unknown: {error}") from None
    return tuple(sorted(categories, key=_CATEGORY_ORDER.__getitem__))


def _source(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise InspectionError(f"source: {shown(value)} is not text")


#: The rule (``InspectionError.rule``) of a grade not on its era's scale.
WRONG_SCALE = "grade on the wrong scale"

# A report published more than this long after its framework's last fieldwork is refused when
# the fieldwork dates are unknown: a sanity bound of the library's, not an Ofsted rule.
_REPORT_LAG = _dt.timedelta(days=366)


@attrs.frozen(repr=False, cache_hash=True)
class Inspection(RichDisplay):
    """One published inspection or visit of one council.

    ``judgements`` takes :class:`Judgement` values or a mapping ``{Category: Grade}`` (keys
    and values may be any text :meth:`Category.parse` and :meth:`Grade.parse` accept); it is
    kept as a tuple in the canonical category order. ``kind`` defaults to the framework's
    usual graded kind. Construction enforces, and names when broken:

    - dates in order: ``start <= end <= published``;
    - the kind belongs to the framework, and the framework was in force on the fieldwork
      start (or, when fieldwork dates are unknown, the report was published while it was or
      within a year of its end);
    - each judgement is a category that framework graded on that date, on its grade scale;
    - an ungraded kind (focused visit, monitoring visit, JTAI) carries no judgements;
    - a graded inspection with no judgements says ``grades_known=False``, and one with
      ``grades_known=False`` has none;
    - ``unknown`` lists the categories, among those it judged, whose grades the data does not
      know when it knows the others (a SLAC inspection's capacity to improve, which Ofsted's
      table does not hold): each one its era grades and its kind judges, none also graded.

    >>> import ofstedmodel as om
    >>> slac = om.Inspection(om.Council("Rotherham", "372"), "SLAC", "2010-06-04",
    ...                      {"overall": "adequate"}, unknown=["capacity to improve safeguarding"])
    >>> slac.knows("overall"), slac.knows("capacity to improve safeguarding")
    (True, False)
    """

    council: Council = attrs.field(converter=_council)
    framework: Framework = attrs.field(converter=_framework)
    published: _dt.date = attrs.field(converter=_published)
    judgements: tuple[Judgement, ...] = attrs.field(default=(), converter=_judgements)
    kind: InspectionKind = attrs.field(default=None, kw_only=True, converter=_kind)
    start: _dt.date | None = attrs.field(default=None, kw_only=True, converter=_start)
    end: _dt.date | None = attrs.field(default=None, kw_only=True, converter=_end)
    grades_known: bool = attrs.field(default=True, kw_only=True, converter=_grades_known)
    unknown: tuple[Category, ...] = attrs.field(default=(), kw_only=True, converter=_unknown)
    source: str | None = attrs.field(
        default=None, kw_only=True, converter=_source, eq=False, hash=False
    )
    _era: Era = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.kind is None:
            object.__setattr__(self, "kind", self.framework.default_kind)
        self._check_dates()
        object.__setattr__(self, "_era", self._find_era())
        self._check_judgements()

    @classmethod
    def _typed(
        cls,
        council: Council,
        framework: Framework,
        published: _dt.date,
        judgements: tuple[Judgement, ...],
        kind: InspectionKind,
        start: _dt.date | None,
        end: _dt.date | None,
        grades_known: bool,
        unknown: tuple[Category, ...],
        source: str | None,
    ) -> Inspection:
        """The inspection of values already as the constructor keeps them (internal: for
        readers, which make many): a :class:`Council`, members, dates, ``judgements`` a tuple
        in the canonical category order, ``unknown`` sorted likewise, ``kind`` given. Only the
        conversions are skipped: every rule is checked, and raises, as by the constructor, so
        the result equals ``Inspection(council, framework, published, judgements, kind=kind,
        ...)``, as a test checks on every bundled inspection and on generated ones."""
        self = _new(cls)
        _set_council(self, council)
        _set_framework(self, framework)
        _set_published(self, published)
        _set_judgements(self, judgements)
        _set_kind(self, kind)
        _set_start(self, start)
        _set_end(self, end)
        _set_grades_known(self, grades_known)
        _set_unknown(self, unknown)
        _set_source(self, source)
        self.__attrs_post_init__()
        _set_cached_hash(self, None)
        return self

    # -- rules ------------------------------------------------------------------------------

    def _fail(
        self, rule: str, detail: str, field: str, category: Category | None = None
    ) -> InspectionError:
        return InspectionError(
            f"{self.council.name} {self.framework.value} published "
            f"{self.published.isoformat()}: {rule}: {detail}",
            rule=rule,
            field=field,
            category=category,
        )

    def _check_dates(self) -> None:
        start, end, published = self.start, self.end, self.published
        if start is not None and end is not None and start > end:
            raise self._fail(
                "dates out of order",
                f"fieldwork start {start.isoformat()} is after its end {end.isoformat()}",
                "end",
            )
        last = end or start
        if last is not None and last > published:
            raise self._fail(
                "dates out of order",
                f"fieldwork {'end' if end else 'start'} {last.isoformat()} is after publication",
                "published",
            )

    def _find_era(self) -> Era:
        framework, kind = self.framework, self.kind
        facts = _frameworks._FACTS  # read each time: the tables in force may be tried out
        reference = self.start or self.end
        if reference is not None:
            # Filled below, once the kind is known to be of the framework.
            cached = facts.era_by_date.get((framework, kind, reference))
            if cached is not None:
                return cached
        if framework not in facts.kind_frameworks[kind]:
            raise self._fail(
                "kind not of this framework",
                f"{a(kind.value)} is not made under {framework.value}; its kinds are "
                + ", ".join(k.value for k in framework.kinds),
                "kind",
            )
        eras = facts.eras_of[framework, kind]
        if reference is not None:
            for era in eras:
                if era.covers(reference):
                    facts.era_by_date[framework, kind, reference] = era
                    return era
            raise self._fail(
                "framework not in force",
                f"fieldwork on {reference.isoformat()} is outside {framework.value}'s "
                f"{_span(eras)} for {a(kind.value)}",
                "framework",
            )
        published = self.published
        # With no grade given, the era is the one in force at publication: the same for
        # every such report of the framework and kind that day, so it is looked up once.
        ungraded = not self.judgements and not self.unknown
        if ungraded:
            cached = facts.era_by_publication.get((framework, kind, published))
            if cached is not None:
                return cached
        for at in range(len(eras) - 1, -1, -1):
            era = eras[at]
            if era.start <= published and (
                era.until is None
                or published < era.until + (_REPORT_LAG if era is eras[-1] else _ZERO)
            ):
                if ungraded:
                    facts.era_by_publication[framework, kind, published] = era
                    return era
                # The first era has none before it to fall back to: it is the one.
                return era if at == 0 else self._era_graded(eras[: at + 1]) or era
        raise self._fail(
            "framework not in force",
            f"with no fieldwork dates, publication on {published.isoformat()} must fall in "
            f"{framework.value}'s {_span(eras)} for {a(kind.value)} or within a year after it",
            "framework",
        )

    def _era_graded(self, eras: tuple[Era, ...]) -> Era | None:
        """With no fieldwork dates: the latest of ``eras`` (the last in force at publication)
        that grades every category given, among those whose fieldwork ended at most a year
        before publication, the fieldwork having come before the report; ``None`` if none
        does. A report published in May 2026 grading overall effectiveness is ILACS 2023's."""
        given = {judgement.category for judgement in self.judgements}.union(self.unknown)
        for era in reversed(eras):
            if era.until is not None and self.published >= era.until + _REPORT_LAG:
                return None
            if given <= era.labels.keys():
                return era
        return None

    def _check_judgements(self) -> None:
        judgements, era = self.judgements, self._era
        if not self.kind.is_graded:
            if judgements:
                raise self._fail(
                    "ungraded visit with grades",
                    f"{a(self.kind.value)} gives no grades, but got {_listing(judgements)}",
                    "kind",
                )
            if not self.grades_known:
                raise self._fail(
                    "ungraded visit with unknown grades",
                    f"{a(self.kind.value)} gives no grades, so grades_known must stay True",
                    "kind",
                )
            return
        if self.unknown:
            self._check_unknown()
        if not self.grades_known:
            if judgements:
                raise self._fail(
                    "grades both unknown and given",
                    f"grades_known=False but got {_listing(judgements)}",
                    "grades_known",
                )
            return
        if not judgements:
            raise self._fail(
                "graded inspection with no grades",
                "give its judgements, or grades_known=False when the data does not have them",
                "grades_known",
            )
        allowed, scope = era.allowed, self.kind.scope
        for judgement in judgements:
            if (judgement.category, judgement.grade) in allowed and (
                scope is None or judgement.category in scope
            ):
                continue
            if judgement.category not in era.labels:
                raise self._fail(
                    "category not graded by the framework",
                    f"{era.name} (fieldwork from {era.start.isoformat()}) does not grade "
                    f"{shown(judgement.category.value)}; it grades "
                    + ", ".join(repr(c.value) for c in era.labels),
                    "judgements",
                    judgement.category,
                )
            if scope is not None and judgement.category not in scope:
                raise self._fail(
                    "category not judged by this kind",
                    f"{a(self.kind.value)} judges only "
                    + ", ".join(sorted(repr(c.value) for c in scope))
                    + f", not {shown(judgement.category.value)}",
                    "judgements",
                    judgement.category,
                )
            if judgement.grade not in era.scale:
                raise self._fail(
                    WRONG_SCALE,
                    f"{judgement.category.value} {shown(judgement.grade.value)} is not on "
                    f"{era.name}'s scale (" + ", ".join(g.value for g in era.scale) + ")",
                    "judgements",
                    judgement.category,
                )

    def _check_unknown(self) -> None:
        era, kind = self._era, self.kind
        if not kind.is_graded or not self.grades_known:
            raise self._fail(
                "unknown grades listed twice",
                f"{a(kind.value)} with grades_known=False or no grades at all lists no unknown "
                f"categories, but got {', '.join(repr(c.value) for c in self.unknown)}",
                "unknown",
            )
        graded = set(self.categories)
        for category in self.unknown:
            if category not in era.labels or not kind.covers(category):
                raise self._fail(
                    "unknown grade of a category not judged",
                    f"{era.name} {a(kind.value)} does not judge {shown(category.value)}",
                    "unknown",
                    category,
                )
            if category in graded:
                raise self._fail(
                    "grade both unknown and given",
                    f"{shown(category.value)} is graded {self.get(category).value} "  # type: ignore[union-attr]
                    "and listed as unknown",
                    "unknown",
                    category,
                )

    # -- reading ----------------------------------------------------------------------------

    @property
    def era(self) -> Era:
        """The row of the framework table the inspection was made under."""
        return self._era

    @property
    def is_graded(self) -> bool:
        """Whether the inspection is of a graded kind (its grades may still be unknown)."""
        return self.kind.is_graded

    @property
    def overall(self) -> Grade | None:
        """The overall effectiveness grade, or ``None`` when not given or not known."""
        return self.get(Category.OVERALL_EFFECTIVENESS)

    def knows(self, category: object) -> bool:
        """Whether the data knows the inspection's grade for ``category``, or that it gave
        none: ``False`` only where the grades are not known, all (``grades_known=False``) or
        that one (``unknown``)."""
        return self._knows(Category.parse(category))

    def _knows(self, category: Category) -> bool:
        """:meth:`knows` for a :class:`Category` already checked (internal)."""
        return self.grades_known and category not in self.unknown

    def covers(self, category: Category) -> bool:
        """Whether the inspection settles ``category``: a full inspection settles every
        category (one it does not grade is no longer in force after it), a targeted one only
        those it judges (a child protection inspection leaves the judgement of services for
        children in care where it was).

        >>> import ofstedmodel as om
        >>> cp = om.Inspection(om.Council("Rotherham", "372"), "CP2012", "2012-08-10",
        ...                    {"overall": "adequate"})
        >>> cp.covers(om.Category.OVERALL_EFFECTIVENESS), cp.covers(om.Category.CHILDREN_IN_CARE)
        (True, False)
        """
        return self.kind.covers(category)

    @property
    def categories(self) -> tuple[Category, ...]:
        """The categories graded, in the canonical order."""
        return tuple(j.category for j in self.judgements)

    def get(self, category: object, default: Grade | None = None) -> Grade | None:
        """The grade for ``category``, or ``default`` when the inspection did not grade it or
        the data does not know the grade (tell the two apart with :meth:`knows`)."""
        grade = self._grade_of(Category.parse(category))
        return default if grade is None else grade

    def _grade_of(self, category: Category) -> Grade | None:
        """:meth:`get` for a checked category (internal: for code that holds a
        :class:`Category` already, such as populations counting in a loop)."""
        for judgement in self.judgements:
            if judgement.category is category:
                return judgement.grade
        return None

    def __getitem__(self, category: object) -> Grade:
        grade = self.get(category)
        if grade is None:
            wanted = Category.parse(category)
            raise NotGradedError(
                f"{shown(self)} has no grade for {shown(wanted.value)}"
                + (
                    " (its grades are not known)"
                    if not self.grades_known
                    else " (its grade is not known in the data)"
                    if wanted in self.unknown
                    else ""
                )
                + "; graded: "
                + (", ".join(repr(c.value) for c in self.categories) or "none")
            )
        return grade

    def __contains__(self, category: object) -> bool:
        try:
            return self.get(category) is not None
        except CategoryError:
            return False

    def __iter__(self) -> Iterator[Judgement]:
        return iter(self.judgements)

    def __len__(self) -> int:
        return len(self.judgements)

    def label(self, category: object) -> str:
        """The framework's wording of ``category`` as at this inspection.

        Raises :class:`~ofstedmodel.CategoryError` when its era did not grade the category.
        """
        wanted = Category.parse(category)
        try:
            return self._era.labels[wanted]
        except KeyError:
            raise CategoryError(f"{self._era.name} does not grade {shown(wanted.value)}") from None

    def __repr__(self) -> str:
        head = f"<Inspection {self.council.name} {self.framework.value}"
        if self.kind is not self.framework.default_kind:
            head += " " + self.kind.value.removeprefix(f"{self.framework.value} ")
        head += f" published {self.published.isoformat()}"
        if not self.kind.is_graded:
            return head + ">"
        if not self.grades_known:
            return head + ": grades unknown>"
        overall = self.overall
        if overall is not None:
            return f"{head}: overall {overall.value}>"
        return f"{head}: {_listing(self.judgements)}>"


_ZERO = _dt.timedelta(0)

# What Inspection._typed sets, as the constructor does: each slot, then the hash cache.
_new = object.__new__
_set_council, _set_framework, _set_published, _set_judgements, _set_kind = (
    Inspection.__dict__[name].__set__
    for name in ("council", "framework", "published", "judgements", "kind")
)
_set_start, _set_end, _set_grades_known, _set_unknown, _set_source, _set_cached_hash = (
    Inspection.__dict__[name].__set__
    for name in ("start", "end", "grades_known", "unknown", "source", "_attrs_cached_hash")
)


def _span(eras: tuple[Era, ...]) -> str:
    if not eras:
        return "eras (none)"
    first, until = eras[0].start, eras[-1].until
    if until is None:
        return f"fieldwork from {first.isoformat()}"
    last = until - _dt.timedelta(days=1)
    return f"fieldwork from {first.isoformat()} to {last.isoformat()}"


def _listing(judgements: Iterable[Judgement]) -> str:
    return ", ".join(f"{j.category.value} {j.grade.value}" for j in judgements)

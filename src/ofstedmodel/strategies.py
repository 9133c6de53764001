"""Hypothesis strategies that generate valid values of the library's types.

For property-based tests of code that consumes :class:`~ofstedmodel.Grade`,
:class:`~ofstedmodel.Council` or :class:`~ofstedmodel.Inspection` values. Needs
``hypothesis``; ``import ofstedmodel`` does not import this module::

    >>> from hypothesis import given
    >>> from ofstedmodel import strategies
    >>> @given(strategies.inspections())
    ... def test_every_grade_is_on_the_scale_of_its_era(inspection):
    ...     for judgement in inspection:
    ...         assert judgement.grade in inspection.era.scale
    >>> test_every_grade_is_on_the_scale_of_its_era()

Every value is valid by construction: the strategies read the framework tables in force
(:data:`ofstedmodel.frameworks.ERAS` and :data:`~ofstedmodel.frameworks.KINDS`) and never
draw a value the model would refuse. They lean towards the edges that break code: the first
and last fieldwork day of every era, ungraded visits, inspections whose grades are not known,
partial judgement sets, missing fieldwork dates and the April 2026 reform that dropped overall
effectiveness.
"""

from __future__ import annotations

import datetime as _dt
import weakref
from collections.abc import Iterable

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - exercised only without the extra
    from ._extras import missing

    raise missing("hypothesis", "test", "ofstedmodel.strategies") from None

from . import frameworks as _frameworks
from .councils import _GSS_PREFIX_KIND, Council, CouncilKind, Region
from .frameworks import Category, Era, Framework, InspectionKind
from .grades import Grade
from .history import History
from .inspections import _REPORT_LAG, Inspection, Judgement

__all__ = ["categories", "councils", "grades", "histories", "inspections", "judgements"]

# Bounds of the generator's own, not Ofsted facts: publication no later than 2030, fieldwork
# of up to five weeks, reports out within six months of it.
_LAST_PUBLISHED = _dt.date(2030, 12, 31)
_MAX_FIELDWORK = _dt.timedelta(days=35)
_MAX_REPORT_GAP = _dt.timedelta(days=180)
_DAY = _dt.timedelta(days=1)


def _dates(first: _dt.date, last: _dt.date) -> st.SearchStrategy[_dt.date]:
    """Dates from ``first`` to ``last``, with both ends far more often than by chance."""
    return st.one_of(st.sampled_from(sorted({first, last})), st.dates(first, last))


def _days(most: _dt.timedelta) -> st.SearchStrategy[_dt.timedelta]:
    """A gap of 0 to ``most`` days, both ends included."""
    return st.integers(0, most.days).map(lambda days: _dt.timedelta(days=days))


def grades(scale: Framework | Era | Iterable[Grade] | None = None) -> st.SearchStrategy[Grade]:
    """Any grade, or any grade on ``scale``: a framework's, an era's or a sequence of grades.

    For properties of grades themselves (ordering, parsing); ``grades(era)`` for judgements an
    inspection of that era could give. ``ADEQUATE`` comes only from a scale that has it.
    """
    if scale is None:
        members: Iterable[Grade] = Grade
    elif isinstance(scale, (Framework, Era)):
        members = scale.scale
    else:
        members = scale
    return st.sampled_from(tuple(members))


def categories(era: Era | None = None) -> st.SearchStrategy[Category]:
    """Any judgement category, or one that ``era`` grades.

    For properties of lineage and labels that must hold for every category.
    """
    return st.sampled_from(tuple(Category) if era is None else tuple(era.labels))


def judgements(era: Era | None = None) -> st.SearchStrategy[Judgement]:
    """A :class:`~ofstedmodel.Judgement`: any category and grade, or one ``era`` could give.

    For properties of code that reads judgements one at a time.
    """
    return st.builds(Judgement, categories(era), grades(era))


def _judgement_sets(era: Era, kind: InspectionKind) -> st.SearchStrategy[list[Judgement]]:
    """Judgements of distinct categories that one inspection of ``kind`` in ``era`` could give
    together: every category it judges, or a non-empty part of them."""
    judged = tuple(c for c in era.labels if kind.covers(c))
    every = st.tuples(*(st.builds(Judgement, st.just(c), grades(era)) for c in judged))
    some = st.lists(
        st.builds(Judgement, st.sampled_from(judged), grades(era)),
        min_size=1,
        max_size=len(judged),
        unique_by=lambda j: j.category,
    )
    return every.map(list) | some


# Built once: making and validating strategies on every draw would cost more than the draw.
_LA_CODES = st.integers(0, 999).map("{:03d}".format)
_GSS_CODES = st.none() | st.builds(
    "{}{:06d}".format, st.sampled_from(tuple(_GSS_PREFIX_KIND)), st.integers(0, 999_999)
)
_URNS = st.none() | st.integers(1, 999_999_999).map(str)
_REGIONS = st.none() | st.sampled_from(Region)
_KINDS = st.none() | st.sampled_from(CouncilKind)
_NEIGHBOURS = st.lists(_LA_CODES, max_size=10, unique=True)
_PREDECESSORS = st.lists(_LA_CODES, max_size=3, unique=True)
_SUCCESSORS = st.lists(_LA_CODES, max_size=2, unique=True)
# Letters of many scripts, named once: asking hypothesis for every Unicode letter makes it
# build a character table on the first draw (2 s or more), which fails a user's first test
# with hypothesis' too_slow health check.
_LETTERS = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "ÀÂÄÇÈÉÊËÌÎÏÑÒÔÖÙÛÜàâäçèéêëìîïñòôöùûüßÆæØøÅåĲĳŁłŴŵŶŷİıŰűŢţĿŀĎď"
    "ΑΒΓΔαβγδДЖЗдже中文梔숙刲"
)
_WORDS = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=12)
_NAMES = st.builds(
    lambda first, rest: first + "".join(joiner + word for joiner, word in rest),
    _WORDS,
    st.lists(st.tuples(st.sampled_from([" ", " and ", ", ", "-", " & "]), _WORDS), max_size=3),
)
_CREATED = st.none() | _dates(_dt.date(2009, 1, 1), _dt.date(2029, 12, 31))
_LIFESPANS = st.one_of(st.just(_DAY), _days(_dt.timedelta(days=8000)).map(lambda gap: gap + _DAY))


@st.composite
def councils(draw: st.DrawFn) -> Council:
    """A :class:`~ofstedmodel.Council` with well-formed identifiers.

    A three-digit DfE code; optionally a GSS code (E06, E08, E09 or E10 and six digits), a URN,
    a region and a kind; up to ten statistical neighbours (never itself), predecessors and
    successors; sometimes a creation or abolition date, or both. For properties of anything
    that keys, groups or compares councils.
    """
    la_code = draw(_LA_CODES)

    def others(codes: st.SearchStrategy[list[str]]) -> tuple[str, ...]:
        return tuple(code for code in draw(codes) if code != la_code)

    created = draw(_CREATED)
    abolished = None
    if draw(st.booleans()):
        abolished = (created or _dt.date(2009, 1, 1)) + draw(_LIFESPANS)
    return Council(
        draw(_NAMES),
        la_code,
        gss_code=draw(_GSS_CODES),
        urn=draw(_URNS),
        region=draw(_REGIONS),
        kind=draw(_KINDS),
        statistical_neighbours=others(_NEIGHBOURS),
        predecessors=others(_PREDECESSORS),
        successors=others(_SUCCESSORS),
        created=created,
        abolished=abolished,
    )


def _last_fieldwork_day(era: Era) -> _dt.date:
    """The last day fieldwork of ``era`` can start and still be published by 2030."""
    latest = _LAST_PUBLISHED - _MAX_FIELDWORK - _MAX_REPORT_GAP
    return latest if era.until is None else min(era.until - _DAY, latest)


def _last_published_without_fieldwork(
    era: Era, kind: InspectionKind, eras: tuple[Era, ...]
) -> _dt.date:
    """The last publication day an inspection of ``kind`` in ``era`` with no fieldwork dates
    can have, where ``eras`` are those in which its framework made that kind.

    The model places such an inspection by its publication date; a report of the last era in
    which its framework made that kind may come out up to :data:`_REPORT_LAG` after it ended.
    """
    if era.until is None:
        return _LAST_PUBLISHED
    is_last = era is eras[-1]
    return min(era.until + (_REPORT_LAG if is_last else _dt.timedelta(0)) - _DAY, _LAST_PUBLISHED)


_EraDraws = tuple[
    st.SearchStrategy[_dt.date], st.SearchStrategy[_dt.date], st.SearchStrategy[list[Judgement]]
]


class _Draws:
    """The strategies an inspection is drawn from, derived from the framework tables in force
    (internal): built once per set of tables, since making and validating strategies on every
    draw would cost more than the draw."""

    def __init__(self, facts: _frameworks._Facts) -> None:
        # The kinds made under each framework; the eras in which each of its kinds was made.
        self.kinds = {f: st.sampled_from(kinds) for f, kinds in facts.kinds_by_framework.items()}
        self.eras = {key: st.sampled_from(eras) for key, eras in facts.eras_of.items() if eras}
        # Per era and kind made in it: the first known fieldwork day, the publication day when
        # no fieldwork day is known, and the judgements (none for an ungraded kind).
        self.era: dict[tuple[str, InspectionKind], _EraDraws] = {
            (era.name, kind): (
                _dates(era.start, _last_fieldwork_day(era)),
                _dates(
                    era.start,
                    _last_published_without_fieldwork(
                        era, kind, facts.eras_of[era.framework, kind]
                    ),
                ),
                _judgement_sets(era, kind) if kind.is_graded else st.just([]),
            )
            for era in facts.eras
            for kind in facts.kinds_by_framework[era.framework]
            if era.admits(kind)
        }


_DRAWS: weakref.WeakKeyDictionary[_frameworks._Facts, _Draws] = weakref.WeakKeyDictionary()


def _draws() -> _Draws:
    """The strategies for the framework tables in force."""
    facts = _frameworks._FACTS
    draws = _DRAWS.get(facts)
    if draws is None:
        draws = _DRAWS[facts] = _Draws(facts)
    return draws


_FIELDWORK = st.sampled_from(("start and end", "start", "end", "none"))
_FIELDWORK_DAYS = _days(_MAX_FIELDWORK)
_REPORT_GAPS = _days(_MAX_REPORT_GAP)
_SOURCES = st.none() | st.text(st.sampled_from(_LETTERS + "0123456789 /:.-_=+'\"\t"), max_size=20)


@st.composite
def inspections(
    draw: st.DrawFn, council: Council | None = None, framework: Framework | None = None
) -> Inspection:
    """A valid :class:`~ofstedmodel.Inspection` of ``council`` under ``framework``.

    Either argument left out is drawn too. The era, kind, dates and judgements are drawn from
    the framework table, so the inspection keeps every rule of the domain: fieldwork that
    starts (or, with no fieldwork dates, a report published) anywhere in an era, often on its
    first or last day; graded and ungraded kinds; all, some or unknown grades on the era's
    scale. For properties that must hold for any inspection the library accepts. The council's
    ``created`` and ``abolished`` dates are not consulted: the model does not tie them together.
    """
    council = draw(_COUNCILS) if council is None else council
    framework = draw(_FRAMEWORKS) if framework is None else framework
    draws = _draws()
    kind = draw(draws.kinds[framework])
    era = draw(draws.eras[framework, kind])
    fieldwork_days, publication_days, judgement_sets = draws.era[era.name, kind]
    start = end = None
    fieldwork = draw(_FIELDWORK)
    if fieldwork == "none":
        published = draw(publication_days)
    else:
        # The model places the inspection by its first known fieldwork day: keep it in the era.
        first = draw(fieldwork_days)
        if fieldwork == "start and end":
            start, end = first, first + draw(_FIELDWORK_DAYS)
        elif fieldwork == "start":
            start = first
        else:
            end = first
        published = (end or first) + draw(_REPORT_GAPS)
    grades_known = True
    graded: list[Judgement] = []
    unknown: list[Category] = []
    if kind.is_graded:
        grades_known = draw(st.booleans())
        if grades_known:
            graded = draw(judgement_sets)
            # Sometimes the data knows some of the grades but not the rest.
            if len(graded) > 1 and draw(st.integers(0, 4)) == 0:
                cut = draw(st.integers(1, len(graded) - 1))
                unknown = [j.category for j in graded[cut:]]
                graded = graded[:cut]
    return Inspection(
        council,
        framework,
        published,
        graded,
        kind=kind,
        start=start,
        end=end,
        grades_known=grades_known,
        unknown=unknown,
        source=draw(_SOURCES),
    )


_COUNCILS = councils()
_FRAMEWORKS = st.sampled_from(Framework)


@st.composite
def histories(draw: st.DrawFn, council: Council | None = None, max_size: int = 12) -> History:
    """A valid :class:`~ofstedmodel.History` of up to ``max_size`` inspections of one council
    (drawn when not given), with no duplicate report: for properties of as-at, trajectories
    and comparisons that must hold for any history the library accepts.
    """
    council = draw(_COUNCILS) if council is None else council
    items = draw(
        st.lists(
            inspections(council=council),
            max_size=max_size,
            unique_by=lambda i: (i.published, i.kind),
        )
    )
    return History(council, items)

"""No bad input escapes as anything but the library's own errors.

Arbitrary values go to every constructor argument and every parser. Whatever happens, the
only exceptions allowed out are :class:`~ofstedmodel.OfstedModelError` subclasses: never a
bare ``TypeError``, ``KeyError``, ``AttributeError`` or ``IndexError``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from ofstedmodel import (
    Category,
    Council,
    CouncilKind,
    Direction,
    Framework,
    Grade,
    Inspection,
    InspectionKind,
    Judgement,
    OfstedModelError,
    Region,
)
from ofstedmodel.strategies import judgements

ROTHERHAM = Council("Rotherham", "372")

# Values that pass some converters: the bad input that gets furthest.
_NEAR_MISSES = st.sampled_from(
    [
        "",
        " ",
        "372",
        "E08000018",
        "80543",
        "2014-11-19",
        "2014-11-19T10:00",
        "2099-01-01",
        "0001-01-01",
        "good",
        "adequate",
        "overall",
        "care leavers",
        "SIF",
        "ILACS",
        "short",
        "focused visit",
        "london",
        "E09",
        date.min,
        date.max,
        date(2013, 11, 1),
        0,
        3,
        -1,
        2**64,
    ]
)
_ENUM_MEMBERS = st.sampled_from(
    [*Grade, *Category, *Framework, *InspectionKind, *Region, *CouncilKind, *Direction]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.complex_numbers(),
    st.decimals(),
    st.fractions(),
    st.text(),
    st.binary(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.builds(object),
    _NEAR_MISSES,
    _ENUM_MEMBERS,
    st.sampled_from([ROTHERHAM, Council("Poole", "836", abolished=date(2019, 4, 1))]),
    judgements(),
)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:  # a signalling NaN decimal
        return False
    return True


_KEYS = _SCALARS.filter(_hashable)
ANYTHING = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.frozensets(_KEYS, max_size=3),
        st.dictionaries(_KEYS, inner, max_size=3),
        st.iterables(inner, max_size=3),
    ),
    max_leaves=6,
)


def only_library_errors(make: Callable[..., object], *args: Any, **kwargs: Any) -> object:
    """Call ``make``; let only the library's errors out, and give back what it made."""
    try:
        return make(*args, **kwargs)
    except OfstedModelError:
        return None


# -- constructors -----------------------------------------------------------------------------

GOOD_COUNCIL: dict[str, object] = {
    "name": "Rotherham",
    "la_code": "372",
    "gss_code": "E08000018",
    "urn": "80543",
    "region": "Yorkshire and the Humber",
    "kind": "Metropolitan District",
    "statistical_neighbours": ("370", "357"),
    "predecessors": (),
    "successors": (),
    "created": None,
    "abolished": None,
    "population_0_25": 78881,
}
GOOD_JUDGEMENT: dict[str, object] = {"category": "adoption", "grade": "good"}
GOOD_INSPECTION: dict[str, object] = {
    "council": ROTHERHAM,
    "framework": Framework.SIF,
    "published": date(2014, 11, 19),
    "judgements": {"overall": "inadequate", "adoption": "requires improvement"},
    "kind": InspectionKind.SIF_INSPECTION,
    "start": date(2014, 9, 16),
    "end": date(2014, 10, 8),
    "grades_known": True,
    "source": "Ofsted",
}


def test_the_good_arguments_are_good() -> None:
    # The tests below replace some arguments; the rest must be valid on their own.
    assert Council(**GOOD_COUNCIL).la_code == "372"  # type: ignore[arg-type]
    assert Judgement(**GOOD_JUDGEMENT).grade is Grade.GOOD  # type: ignore[arg-type]
    assert Inspection(**GOOD_INSPECTION).overall is Grade.INADEQUATE  # type: ignore[arg-type]


# Generating a value costs far more than trying it, so each value goes to every argument.


@given(value=ANYTHING)
def test_every_constructor_argument(value: object) -> None:
    for field in GOOD_COUNCIL:
        council = only_library_errors(Council, **{**GOOD_COUNCIL, field: value})
        if council is not None:
            assert isinstance(council, Council)
            assert council == attrs.evolve(council)
            hash(council)
            repr(council)
    for field in GOOD_JUDGEMENT:
        judgement = only_library_errors(Judgement, **{**GOOD_JUDGEMENT, field: value})
        if judgement is not None:
            assert isinstance(judgement, Judgement)
            assert isinstance(judgement.category, Category)
            assert isinstance(judgement.grade, Grade)
    for field in GOOD_INSPECTION:
        inspection = only_library_errors(Inspection, **{**GOOD_INSPECTION, field: value})
        if inspection is not None:
            assert isinstance(inspection, Inspection)
            assert inspection == attrs.evolve(inspection)
            hash(inspection)
            repr(inspection)


@given(
    changes=st.dictionaries(
        st.sampled_from(list(GOOD_INSPECTION)), _SCALARS, min_size=2, max_size=4
    )
)
def test_several_inspection_arguments_at_once(changes: dict[str, object]) -> None:
    only_library_errors(Inspection, **{**GOOD_INSPECTION, **changes})


@given(items=st.lists(ANYTHING | judgements(), max_size=4))
def test_judgement_sequences_of_anything(items: list[object]) -> None:
    only_library_errors(Inspection, **{**GOOD_INSPECTION, "judgements": items})


# -- parsers and readers ----------------------------------------------------------------------

SIF_2014 = Inspection(**GOOD_INSPECTION)  # type: ignore[arg-type]
POOLE = Council("Poole", "836", abolished=date(2019, 4, 1))
CALLS: list[Callable[[Any], object]] = [
    Grade.parse,
    Category.parse,
    Framework.parse,
    InspectionKind.parse,
    Region.parse,
    CouncilKind.parse,
    Framework.for_date,
    Framework.ILACS.era_on,
    Framework.ILACS.categories_on,
    Framework.ILACS.label,
    lambda value: Framework.ILACS.label(Category.CHILDREN_IN_CARE, on=value),
    SIF_2014.__getitem__,
    SIF_2014.get,
    SIF_2014.label,
    POOLE.existed_on,
]


@given(value=ANYTHING)
def test_every_parser_and_reader(value: object) -> None:
    for call in CALLS:
        only_library_errors(call, value)
    assert isinstance(value in SIF_2014, bool)  # ``in`` never raises at all

"""The readers' construction path, ``Inspection._typed``: the constructor's rules without its
conversions. It must make what the constructor makes, and refuse what it refuses, with the
same error data; and the readers must hand it values as the constructor would keep them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import datasets, strategies
from ofstedmodel.inspections import interned
from ofstedmodel.io import csv as own_csv
from ofstedmodel.io import d2i

_FIELDS = (
    "council",
    "framework",
    "published",
    "judgements",
    "kind",
    "start",
    "end",
    "grades_known",
    "unknown",
    "source",
)


def _typed(inspection: om.Inspection) -> om.Inspection:
    return om.Inspection._typed(*(getattr(inspection, name) for name in _FIELDS))


def _same(made: om.Inspection, expected: om.Inspection) -> None:
    assert made == expected
    assert hash(made) == hash(expected)
    assert made.era is expected.era
    assert made.source == expected.source  # not part of equality


def test_every_bundled_inspection_is_made_alike() -> None:
    inspections = [i for h in datasets.histories().values() for i in h]
    assert len(inspections) > 700
    for inspection in inspections:
        _same(_typed(inspection), inspection)


@given(strategies.inspections())
def test_generated_inspections_are_made_alike(inspection: om.Inspection) -> None:
    _same(_typed(inspection), inspection)


_COUNCIL = om.Council("Rotherham", "372")


@st.composite
def _typed_arguments(draw: st.DrawFn) -> dict[str, Any]:
    """Arguments of the model's types, any combination: most break some rule."""
    categories = draw(st.lists(st.sampled_from(list(om.Category)), unique=True, max_size=4))
    order = list(om.Category)
    categories.sort(key=order.index)
    judgements = tuple(interned(c, draw(st.sampled_from(list(om.Grade)))) for c in categories)
    unknown = tuple(
        sorted(
            draw(st.sets(st.sampled_from(list(om.Category)), max_size=2)),
            key=order.index,
        )
    )
    days = st.one_of(st.none(), st.dates(dt.date(2007, 1, 1), dt.date(2027, 12, 31)))
    return {
        "council": _COUNCIL,
        "framework": draw(st.sampled_from(list(om.Framework))),
        "published": draw(st.dates(dt.date(2007, 1, 1), dt.date(2027, 12, 31))),
        "judgements": judgements,
        "kind": draw(st.sampled_from(list(om.InspectionKind))),
        "start": draw(days),
        "end": draw(days),
        "grades_known": draw(st.booleans()),
        "unknown": unknown,
        "source": draw(st.none() | st.text(max_size=5)),
    }


def _outcome(make: Any) -> tuple[str, Any]:
    """What ``make()`` gives: the inspection, or the error's message and data."""
    try:
        return "made", make()
    except om.InspectionError as error:
        return "refused", (str(error), error.rule, error.field, error.category)


@given(_typed_arguments())
def test_typed_refuses_what_the_constructor_refuses(arguments: dict[str, Any]) -> None:
    positional = [arguments[name] for name in ("council", "framework", "published", "judgements")]
    keywords = {name: arguments[name] for name in _FIELDS[4:]}
    expected = _outcome(lambda: om.Inspection(*positional, **keywords))
    made = _outcome(lambda: om.Inspection._typed(*(arguments[name] for name in _FIELDS)))
    event(expected[0])
    assert made[0] == expected[0]
    if made[0] == "made":
        _same(made[1], expected[1])
    else:
        assert made[1] == expected[1]


@pytest.mark.parametrize(
    "columns",
    [d2i.GRADE_COLUMNS, own_csv.CATEGORY_COLUMNS],
    ids=["d2i", "own csv"],
)
def test_readers_grade_columns_are_in_the_canonical_order(columns: Any) -> None:
    """The readers build judgements column by column and give them to ``_typed`` as they
    are, which takes them in the canonical category order only."""
    order = list(om.Category)
    positions = [order.index(category) for category in columns.values()]
    assert positions == sorted(positions)


def _era_or_rule(framework: om.Framework, kind: om.InspectionKind, day: dt.date) -> object:
    try:
        made = om.Inspection(_COUNCIL, framework, day, kind=kind, grades_known=kind.is_graded)
    except om.InspectionError as error:
        return error.rule
    return made.era


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(om.Framework)),
            st.sampled_from(list(om.InspectionKind)),
            st.dates(dt.date(2007, 1, 1), dt.date(2027, 12, 31)),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_the_era_of_a_report_with_nothing_given_is_the_same_cached_or_not(
    reports: list[tuple[om.Framework, om.InspectionKind, dt.date]],
) -> None:
    """Reports with no fieldwork dates and no grades find their era by publication day, and
    the era found is remembered per framework, kind and day: it must be what a fresh look
    finds, whatever was looked up before."""
    from ofstedmodel import frameworks

    cold = []
    for report in reports:
        frameworks._FACTS.era_by_publication.clear()
        cold.append(_era_or_rule(*report))
    warm = [_era_or_rule(*report) for report in reports]
    assert warm == cold

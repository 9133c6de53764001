"""Building a history: one order, the same checks and the same errors, whatever the order of
the inspections given.

History keeps or reverses inspections already in publication order (oldest or newest first,
no date twice) without sorting them, and sorts the rest; these tests hold every input order,
ties of publication date included, to the definition written out here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import strategies as oms
from ofstedmodel._coerce import shown

_KINDS = list(om.InspectionKind)
ROTHERHAM = om.Council("Rotherham", "372")
BARNSLEY = om.Council("Barnsley", "370")


def _position(inspection: om.Inspection) -> tuple[dt.date, dt.date, int]:
    """A history's order, by its definition: publication, then fieldwork end (none first),
    then kind in the enum's order."""
    return (inspection.published, inspection.end or dt.date.min, _KINDS.index(inspection.kind))


def _expected(council: om.Council, items: list[om.Inspection]) -> tuple[om.Inspection, ...] | str:
    """The inspections of the history of ``items``, or the message of the error it raises."""
    ordered = sorted(items, key=_position)
    where = f"history of {council.name} ({council.la_code})"
    for inspection in ordered:
        other = inspection.council
        if other.la_code != council.la_code:
            return f"{where}: {shown(inspection)} is of {other.name} ({other.la_code})"
    seen = set()
    for inspection in ordered:
        key = (inspection.published, inspection.kind)
        if key in seen:
            return (
                f"{where}: two {inspection.kind.value}s published "
                f"{inspection.published.isoformat()}; a report is listed once"
            )
        seen.add(key)
    return tuple(ordered)


def _arranged(items: list[om.Inspection], how: str, rnd: random.Random) -> list[om.Inspection]:
    if how == "oldest first":
        return sorted(items, key=_position)
    if how == "newest first":
        return sorted(items, key=_position, reverse=True)
    if how == "newest first, one pair swapped" and len(items) > 1:
        arranged = sorted(items, key=_position, reverse=True)
        at = rnd.randrange(len(arranged) - 1)
        arranged[at], arranged[at + 1] = arranged[at + 1], arranged[at]
        return arranged
    if how == "shuffled":
        return rnd.sample(items, len(items))
    return list(items)


@st.composite
def _inspection_lists(draw: st.DrawFn) -> tuple[om.Council, list[om.Inspection]]:
    """A council and inspections of it, some moved to another's publication date, some given
    twice, now and then one of another council: histories valid or not."""
    council = draw(oms.councils())
    items = draw(st.lists(oms.inspections(council=council), max_size=8))
    for _ in range(draw(st.integers(0, 3)) if len(items) > 1 else 0):
        at, to = draw(st.integers(0, len(items) - 1)), draw(st.integers(0, len(items) - 1))
        # A tie of publication dates, where the inspection's rules allow it.
        with contextlib.suppress(om.InspectionError):
            items[at] = attrs.evolve(items[at], published=items[to].published)
    if items and draw(st.integers(0, 9)) == 0:
        items.append(draw(st.sampled_from(items)))
    if draw(st.integers(0, 9)) == 0:
        other = om.Council("Elsewhere", "998" if council.la_code == "999" else "999")
        items.append(draw(oms.inspections(council=other)))
    return council, items


@given(
    _inspection_lists(),
    st.sampled_from(
        ["given", "oldest first", "newest first", "newest first, one pair swapped", "shuffled"]
    ),
    st.randoms(),
)
def test_every_input_order_gives_the_defined_history_or_error(
    drawn: tuple[om.Council, list[om.Inspection]], how: str, rnd: random.Random
) -> None:
    council, items = drawn
    expected = _expected(council, items)
    given_items = _arranged(items, how, rnd)
    if isinstance(expected, str):
        with pytest.raises(om.HistoryError) as raised:
            om.History(council, given_items)
        assert str(raised.value) == expected
        return
    history = om.History(council, given_items)
    assert len(history.inspections) == len(expected)
    assert all(a is b for a, b in zip(history.inspections, expected, strict=True))
    graded = [i for i in expected if i.kind.is_graded]
    assert list(history.graded) == graded
    for inspection in expected:
        for day in (inspection.published - dt.timedelta(days=1), inspection.published):
            by_then = [i for i in graded if i.published <= day]
            latest = by_then[-1] if by_then else None
            abolished = council.abolished
            if abolished is not None and day >= abolished:
                latest = None
            assert history.as_at(day) is latest


def test_ties_of_publication_date_are_broken_by_fieldwork_end_then_kind() -> None:
    day = dt.date(2023, 3, 1)
    visit = om.Inspection(ROTHERHAM, "ILACS", day, kind="monitoring visit")
    focused = om.Inspection(ROTHERHAM, "ILACS", day, kind="focused visit")
    ended = om.Inspection(
        ROTHERHAM,
        "ILACS",
        day,
        {"overall": "good"},
        start=dt.date(2023, 1, 9),
        end=dt.date(2023, 1, 20),
    )
    earlier = om.Inspection(ROTHERHAM, "ILACS", "2022-01-10", {"overall": "good"})
    later = om.Inspection(ROTHERHAM, "ILACS", "2024-01-10", {"overall": "good"})
    kinds = sorted([visit, focused], key=lambda i: _KINDS.index(i.kind))
    want = (earlier, *kinds, ended, later)
    # Oldest first but for the ties, and newest first: neither may skip the tie breaks.
    for given_items in (
        [earlier, ended, visit, focused, later],
        [later, ended, visit, focused, earlier],
        [later, focused, visit, ended, earlier],
    ):
        assert om.History(ROTHERHAM, given_items).inspections == want
    assert om.History(ROTHERHAM, want).graded == (earlier, ended, later)


def test_the_first_foreign_inspection_in_publication_order_is_named() -> None:
    first = om.Inspection(BARNSLEY, "ILACS", "2019-01-10", {"overall": "good"})
    second = om.Inspection(BARNSLEY, "ILACS", "2020-01-10", {"overall": "good"})
    own = om.Inspection(ROTHERHAM, "ILACS", "2021-01-10", {"overall": "good"})
    for given_items in ([own, second, first], [first, second, own], [second, own, first]):
        with pytest.raises(om.HistoryError, match="published 2019-01-10"):
            om.History(ROTHERHAM, given_items)


@pytest.mark.parametrize("newest_first", [False, True])
def test_a_duplicate_report_is_refused_in_either_order(newest_first: bool) -> None:
    once = om.Inspection(ROTHERHAM, "ILACS", "2019-01-10", {"overall": "good"})
    again = attrs.evolve(once, source="another copy")
    other = om.Inspection(ROTHERHAM, "ILACS", "2021-01-10", {"overall": "good"})
    items = [once, again, other]
    with pytest.raises(om.HistoryError, match=r"two ILACS .*s published 2019-01-10"):
        om.History(ROTHERHAM, items[::-1] if newest_first else items)

"""Population statistics on the bundled national dataset, against plain recounts."""

from __future__ import annotations

import datetime as dt

import pytest

import ofstedmodel as om
from ofstedmodel import datasets

HISTORIES = datasets.histories()
QUARTER_ENDS = [
    dt.date(year, month, day)
    for year in range(2018, 2027)
    for month, day in ((3, 31), (6, 30), (9, 30), (12, 31))
    if dt.date(year, month, day) <= datasets.as_of
]


def _recount(day: dt.date, category: om.Category) -> tuple[dict[om.Grade, int], int]:
    counts: dict[om.Grade, int] = {}
    missing = 0
    for history in HISTORIES.values():
        if not history.council.existed_on(day):
            continue
        latest = None
        for inspection in history.inspections:
            if inspection.kind.is_graded and inspection.published <= day:
                latest = inspection
        grade = None if latest is None else latest.get(category)
        if grade is None:
            missing += 1
        else:
            counts[grade] = counts.get(grade, 0) + 1
    return counts, missing


@pytest.mark.parametrize("category", list(om.Category), ids=lambda c: c.name)
def test_every_quarter_end_equals_a_plain_recount(category: om.Category) -> None:
    series = om.series(HISTORIES, QUARTER_ENDS, category)
    assert list(series) == QUARTER_ENDS
    for day, summary in series.items():
        assert isinstance(summary, om.Summary)
        counts, missing = _recount(day, category)
        assert {g: n for g, n in summary.counts.items() if n} == counts, day
        assert summary.not_graded == missing, day


def _existing(day: dt.date) -> int:
    # 153 councils today. Before 1 April 2023: Cumbria instead of its two successors; before
    # 1 April 2021: Northamptonshire instead of its two; before 1 April 2019: Poole instead of
    # Bournemouth, Christchurch and Poole, and no Dorset (the source lookup lacks Bournemouth
    # and the old Dorset County Council, so the register has 150 councils then, not 152).
    if day < dt.date(2019, 4, 1):
        return 150
    if day < dt.date(2021, 4, 1):
        return 151
    if day < dt.date(2023, 4, 1):
        return 152
    return 153


def test_councils_considered_follow_reorganisations() -> None:
    for day in QUARTER_ENDS:
        summary = om.summarise(HISTORIES, day)
        assert isinstance(summary, om.Summary)
        assert summary.total + summary.not_graded == _existing(day), day


def test_rotherham_peers_are_the_neighbours_own_grades() -> None:
    rotherham = datasets.history("Rotherham")
    for day in (dt.date(2015, 1, 1), dt.date(2019, 3, 31), dt.date(2024, 3, 31), datasets.as_of):
        result = om.peers(rotherham, HISTORIES, as_at=day)
        assert len(result.neighbours) == 10
        assert [c.la_code for c in result.neighbours] == list(
            rotherham.council.statistical_neighbours
        )
        for council, grade in result.neighbours.items():
            assert grade is HISTORIES[council.la_code].grade_as_at(day)
        assert result.grade is rotherham.grade_as_at(day)
        assert result.region is not None
        assert result.region.group is om.Region.YORKSHIRE_AND_THE_HUMBER


def test_transitions_on_real_data_put_each_council_in_one_outcome() -> None:
    result = om.transitions(HISTORIES, as_at=datasets.as_of)
    outcomes = (
        result.improved,
        result.declined,
        result.retained_good_or_better,
        result.unchanged_below_good,
        result.unknown,
    )
    codes = [c.la_code for outcome in outcomes for c in outcome]
    assert len(codes) == len(set(codes)) == len(result.changes)
    rotherham = result.changes["372"]
    assert (rotherham.before, rotherham.after) == (om.Grade.GOOD, om.Grade.OUTSTANDING)
    assert datasets.council("Rotherham") in result.improved

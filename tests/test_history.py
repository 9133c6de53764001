"""Histories, trajectories, changes and comparisons: the Rotherham story and the laws."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import Category as C
from ofstedmodel import Grade as G
from ofstedmodel import strategies as oms

# Rotherham's graded inspections, as in ../shared/data (known-judgements.csv for 2012-2018,
# d2i-ilacs-history.csv for 2022 and 2025), typed in here so the tests read no shared file.
ROTHERHAM = om.Council("Rotherham", "372", gss_code="E08000018", urn="80543", region="YH")
CP_2012 = om.Inspection(ROTHERHAM, "CP2012", dt.date(2012, 8, 10), {"overall": "adequate"})
SIF_2014 = om.Inspection(
    ROTHERHAM,
    "SIF",
    dt.date(2014, 11, 19),
    {
        C.OVERALL_EFFECTIVENESS: G.INADEQUATE,
        C.HELP_AND_PROTECTION: G.INADEQUATE,
        C.CHILDREN_IN_CARE: G.INADEQUATE,
        C.ADOPTION: G.REQUIRES_IMPROVEMENT,
        C.CARE_LEAVERS: G.INADEQUATE,
        C.LEADERSHIP: G.INADEQUATE,
    },
    start=dt.date(2014, 9, 16),
    end=dt.date(2014, 10, 8),
)
SIF_2018 = om.Inspection(
    ROTHERHAM,
    "SIF",
    dt.date(2018, 1, 29),
    {
        C.OVERALL_EFFECTIVENESS: G.GOOD,
        C.HELP_AND_PROTECTION: G.GOOD,
        C.CHILDREN_IN_CARE: G.REQUIRES_IMPROVEMENT,
        C.ADOPTION: G.GOOD,
        C.CARE_LEAVERS: G.OUTSTANDING,
        C.LEADERSHIP: G.GOOD,
    },
    start=dt.date(2017, 11, 6),
    end=dt.date(2017, 11, 30),
)
ILACS_2022 = om.Inspection(
    ROTHERHAM,
    "ILACS",
    dt.date(2022, 8, 12),
    {"overall": "good", "leadership": "good", "help and protection": "good", "in care": "good"},
    kind="short",
    start=dt.date(2022, 6, 27),
    end=dt.date(2022, 7, 1),
)
ILACS_2025 = om.Inspection(
    ROTHERHAM,
    "ILACS",
    dt.date(2025, 12, 16),
    {
        "overall": "outstanding",
        "leadership": "outstanding",
        "help and protection": "outstanding",
        "in care": "outstanding",
        "care leavers": "good",
    },
    kind="short",
    start=dt.date(2025, 11, 3),
    end=dt.date(2025, 11, 7),
)
HISTORY = om.History(ROTHERHAM, [ILACS_2025, SIF_2014, ILACS_2022, CP_2012, SIF_2018])


# -- the Rotherham story ------------------------------------------------------------------


def test_history_orders_by_publication() -> None:
    assert HISTORY.inspections == (CP_2012, SIF_2014, SIF_2018, ILACS_2022, ILACS_2025)


def test_rotherham_overall_rose_two_grades_in_three_years_two_months_ten_days() -> None:
    comparison = om.compare(SIF_2014, SIF_2018)
    assert comparison.overall is not None
    assert comparison.overall.steps == 2
    assert comparison.overall.direction is om.Direction.IMPROVING
    assert comparison.elapsed == relativedelta(years=3, months=2, days=10)
    assert comparison.same_council


def test_rotherham_per_judgement_steps() -> None:
    steps = {c: change.steps for c, change in om.compare(SIF_2014, SIF_2018).changes.items()}
    assert steps == {
        C.OVERALL_EFFECTIVENESS: 2,
        C.LEADERSHIP: 2,
        C.HELP_AND_PROTECTION: 2,
        C.CHILDREN_IN_CARE: 1,
        C.ADOPTION: 1,
        C.CARE_LEAVERS: 3,
    }


def test_first_good_after_2014_is_january_2018() -> None:
    point = HISTORY.trajectory().first(at_least=G.GOOD, after=dt.date(2014, 11, 19))
    assert point is not None
    assert point.published == dt.date(2018, 1, 29)
    assert point.inspection is SIF_2018


def test_as_at_before_publication_is_still_the_old_inspection() -> None:
    # Fieldwork for the re-inspection finished on 30 November 2017; the report came out
    # on 29 January 2018. Until then the 2014 grade was in force.
    assert HISTORY.as_at(dt.date(2017, 12, 15)) is SIF_2014
    assert HISTORY.as_at(dt.date(2018, 1, 28)) is SIF_2014
    assert HISTORY.as_at(dt.date(2018, 1, 29)) is SIF_2018
    assert HISTORY.grade_as_at(dt.date(2017, 12, 15)) is G.INADEQUATE


def test_as_at_accepts_dates_datetimes_and_iso_strings() -> None:
    expected = HISTORY.as_at(dt.date(2020, 1, 1))
    assert HISTORY.as_at(dt.datetime(2020, 1, 1, 23, 59)) is expected
    assert HISTORY.as_at("2020-01-01") is expected


def test_as_at_before_first_inspection_is_none() -> None:
    assert HISTORY.as_at(dt.date(2012, 8, 9)) is None
    assert HISTORY.grade_as_at(dt.date(2012, 8, 9)) is None


def test_as_at_rejects_a_bad_date_with_the_library_error() -> None:
    with pytest.raises(om.DateError, match="'31/02/2020'"):
        HISTORY.as_at("31/02/2020")
    with pytest.raises(om.DateError):
        HISTORY.as_at(20200101)


def test_grade_as_at_for_a_category_the_latest_did_not_grade_is_none() -> None:
    # Care leavers were graded with children in care in 2022: not separately.
    assert HISTORY.grade_as_at(dt.date(2023, 1, 1), C.CARE_LEAVERS) is None
    assert HISTORY.grade_as_at(dt.date(2023, 1, 1), C.CHILDREN_IN_CARE) is G.GOOD
    assert HISTORY.grade_as_at(dt.date(2026, 1, 1), "care leavers") is G.GOOD


def test_children_in_care_definition_changes_along_the_lineage() -> None:
    changes = HISTORY.trajectory(C.CHILDREN_IN_CARE).changes
    # SIF 2014 -> SIF 2018: same wording; SIF -> ILACS 2018; ILACS 2018 -> ILACS 2023.
    assert [c.definition_changed for c in changes] == [False, True, True]
    leadership = om.compare(SIF_2018, ILACS_2022).changes[C.LEADERSHIP]
    assert leadership.definition_changed
    assert leadership.steps == 0


def test_newly_graded_care_leavers_is_not_a_definition_change() -> None:
    change = om.compare(ILACS_2022, ILACS_2025).changes[C.CARE_LEAVERS]
    assert change.before is None
    assert change.after is G.GOOD
    assert change.steps is None
    assert change.direction is om.Direction.UNKNOWN
    assert not change.definition_changed


def test_trajectory_skips_inspections_that_did_not_grade_the_category() -> None:
    care_leavers = HISTORY.trajectory(C.CARE_LEAVERS)
    assert [p.published for p in care_leavers.points] == [
        dt.date(2014, 11, 19),
        dt.date(2018, 1, 29),
        dt.date(2025, 12, 16),
    ]
    assert [p.grade for p in care_leavers.points] == [G.INADEQUATE, G.OUTSTANDING, G.GOOD]


def test_overall_trajectory_points_and_streaks() -> None:
    trajectory = HISTORY.trajectory()
    assert [p.grade for p in trajectory.points] == [
        G.ADEQUATE,
        G.INADEQUATE,
        G.GOOD,
        G.GOOD,
        G.OUTSTANDING,
    ]
    streaks = trajectory.streaks()
    assert [(s.grade, s.length, s.first, s.last) for s in streaks] == [
        (G.ADEQUATE, 1, dt.date(2012, 8, 10), dt.date(2012, 8, 10)),
        (G.INADEQUATE, 1, dt.date(2014, 11, 19), dt.date(2014, 11, 19)),
        (G.GOOD, 2, dt.date(2018, 1, 29), dt.date(2022, 8, 12)),
        (G.OUTSTANDING, 1, dt.date(2025, 12, 16), dt.date(2025, 12, 16)),
    ]
    assert [c.steps for c in trajectory.changes] == [-1, 2, 0, 1]
    assert trajectory.direction is om.Direction.IMPROVING
    assert trajectory.overall_direction is om.Direction.MIXED


def test_history_compare_defaults_to_last_two_graded() -> None:
    comparison = HISTORY.compare()
    assert (comparison.before, comparison.after) == (ILACS_2022, ILACS_2025)
    between = HISTORY.compare(dt.date(2017, 12, 15), dt.date(2018, 2, 1))
    assert (between.before, between.after) == (SIF_2014, SIF_2018)


# -- describe -------------------------------------------------------------------------------


def test_describe_change_reads_like_a_briefing() -> None:
    change = om.compare(SIF_2014, SIF_2018).overall
    assert om.describe(change) == (
        "Overall effectiveness rose two grades, from inadequate (published 19 November 2014) "
        "to good (published 29 January 2018), 3 years, 2 months and 10 days later."
    )


def test_describe_comparison_per_judgement_and_standing() -> None:
    text = om.describe(om.compare(SIF_2014, SIF_2018))
    assert text.startswith("Rotherham: overall effectiveness rose two grades")
    assert "care leavers rose three grades (inadequate to outstanding)" in text
    assert "children in care rose one grade (inadequate to requires improvement to be good)" in text
    assert "good or better in five of its six judgements" in text
    assert "requires improvement to be good for children in care" in text


def test_describe_mentions_definition_changes() -> None:
    text = om.describe(om.compare(SIF_2018, ILACS_2022).changes[C.CHILDREN_IN_CARE])
    assert "The judgement's definition changed between frameworks" in text
    assert "Children looked after and achieving permanence" in text


def test_describe_adequate_to_requires_improvement_is_not_a_rise() -> None:
    la = om.Council("Somewhere", "999")
    before = om.Inspection(la, "CP2012", "2013-06-01", {"overall": "adequate"})
    after = om.Inspection(la, "SIF", "2015-06-01", {"overall": "requires improvement"})
    change = om.compare(before, after).overall
    assert change is not None
    assert change.steps == 0
    text = om.describe(change)
    assert "stayed at the same position on the scale" in text
    assert "adequate" in text


def test_describe_streak_statement() -> None:
    la = om.Council("Somewhere", "999")
    history = om.History(
        la,
        [
            om.Inspection(la, "ILACS", "2018-06-01", {"overall": "inadequate"}),
            om.Inspection(la, "ILACS", "2020-06-01", {"overall": "inadequate"}),
            om.Inspection(la, "ILACS", "2022-06-01", {"overall": "requires improvement"}),
        ],
    )
    text = om.describe(history.trajectory())
    assert "rose one grade after two inadequate judgements in a row" in text


def test_describe_first_time_since() -> None:
    la = om.Council("Somewhere", "999")
    history = om.History(
        la,
        [
            om.Inspection(la, "SIF", "2014-06-01", {"overall": "good"}),
            om.Inspection(la, "SIF", "2016-06-01", {"overall": "inadequate"}),
            om.Inspection(la, "ILACS", "2019-06-01", {"overall": "requires improvement"}),
            om.Inspection(la, "ILACS", "2022-06-01", {"overall": "good"}),
        ],
    )
    assert "good or better for the first time since 1 June 2014" in om.describe(
        history.trajectory()
    )


def test_describe_history_and_other_councils() -> None:
    text = om.describe(HISTORY)
    assert text.startswith("Rotherham (372): 5 graded inspections")
    assert "judged overall effectiveness outstanding" in text
    other = om.Inspection(
        om.Council("Barnsley", "370"), "ILACS", "2022-01-01", {"overall": "outstanding"}
    )
    comparison = om.compare(ILACS_2022, other)
    assert not comparison.same_council
    assert "different councils" in om.describe(comparison.overall)
    with pytest.raises(om.OfstedModelError, match="describes a Change"):
        om.describe("Rotherham")


# -- refusals -------------------------------------------------------------------------------


def test_history_refuses_another_councils_inspection() -> None:
    barnsley = om.Inspection(om.Council("Barnsley", "370"), "SIF", "2015-01-01", {"overall": 2})
    with pytest.raises(om.HistoryError, match="Barnsley"):
        om.History(ROTHERHAM, [SIF_2014, barnsley])


def test_history_refuses_a_duplicate_report() -> None:
    again = attrs.evolve(SIF_2014, source="another copy")
    with pytest.raises(om.HistoryError, match="published 2014-11-19"):
        om.History(ROTHERHAM, [SIF_2014, again])


def test_predecessor_inspections_are_not_merged() -> None:
    poole = om.Council("Poole", "836", successors=["839"], abolished="2019-04-01")
    bcp = om.Council("Bournemouth, Christchurch and Poole", "839", predecessors=["836"])
    old = om.Inspection(poole, "SIF", "2016-01-01", {"overall": "good"})
    with pytest.raises(om.HistoryError):
        om.History(bcp, [old])


def test_compare_refuses_ungraded_visits_and_non_inspections() -> None:
    visit = om.Inspection(ROTHERHAM, "ILACS", "2020-02-01", kind="focused visit")
    with pytest.raises(om.HistoryError, match="focused visit"):
        om.compare(visit, ILACS_2022)
    with pytest.raises(om.HistoryError):
        om.compare("2014", ILACS_2022)  # type: ignore[arg-type]


def test_ungraded_visits_never_count_for_as_at() -> None:
    visit = om.Inspection(ROTHERHAM, "ILACS", "2023-02-01", kind="monitoring visit")
    history = HISTORY.add(visit)
    assert history.as_at("2023-03-01") is ILACS_2022
    assert visit in history.inspections


def test_unknown_grades_block_as_at_from_reaching_back() -> None:
    unknown = om.Inspection(ROTHERHAM, "SIF", "2016-03-01", grades_known=False)
    history = HISTORY.add(unknown)
    assert history.as_at("2017-01-01") is unknown
    assert history.grade_as_at("2017-01-01") is None
    trajectory = history.trajectory()
    assert [p.grade for p in trajectory.points][1:4] == [G.INADEQUATE, None, G.GOOD]
    assert [c.steps for c in trajectory.changes][1:3] == [None, None]
    # The unknown point breaks the run: streaks never bridge it.
    assert sum(s.length for s in trajectory.streaks()) == len(trajectory.known)


# -- laws on generated histories --------------------------------------------------------------


histories = oms.histories


def _brute_as_at(history: om.History, day: dt.date) -> om.Inspection | None:
    """The latest graded inspection published by ``day``; none once the council is gone."""
    abolished = history.council.abolished
    if abolished is not None and day >= abolished:
        return None
    graded = [i for i in history.inspections if i.kind.is_graded and i.published <= day]
    return graded[-1] if graded else None


def test_nothing_is_in_force_after_a_council_is_abolished() -> None:
    cumbria = om.datasets.history("Cumbria")
    assert cumbria.grade_as_at("2023-03-31") is om.Grade.REQUIRES_IMPROVEMENT
    assert cumbria.as_at("2023-04-01") is None
    assert cumbria.grade_as_at("2026-08-22") is None


@given(histories(), st.dates(dt.date(2008, 1, 1), dt.date(2032, 12, 31)))
def test_as_at_agrees_with_its_brute_force_definition(history: om.History, day: dt.date) -> None:
    assert history.as_at(day) is _brute_as_at(history, day)


@given(histories(), st.data())
def test_as_at_on_publication_days(history: om.History, data: st.DataObject) -> None:
    if history.inspections:
        day = data.draw(st.sampled_from([i.published for i in history.inspections]))
        for delta in (-1, 0, 1):
            when = day + dt.timedelta(days=delta)
            assert history.as_at(when) is _brute_as_at(history, when)


@given(histories(), st.randoms())
def test_shuffled_input_gives_the_same_history(history: om.History, rnd: random.Random) -> None:
    shuffled = list(history.inspections)
    rnd.shuffle(shuffled)
    assert om.History(history.council, shuffled) == history


@given(histories(), st.data())
def test_compare_is_antisymmetric(history: om.History, data: st.DataObject) -> None:
    graded = history.graded
    if len(graded) < 2:
        return
    a = data.draw(st.sampled_from(graded))
    b = data.draw(st.sampled_from(graded))
    forward, backward = om.compare(a, b), om.compare(b, a)
    assert forward.changes.keys() == backward.changes.keys()
    for category, change in forward.changes.items():
        back = backward.changes[category].steps
        assert (change.steps is None) == (back is None)
        if change.steps is not None:
            assert back == -change.steps


@given(histories(), st.sampled_from(list(C)))
def test_steps_sum_to_last_minus_first(history: om.History, category: C) -> None:
    trajectory = history.trajectory(category)
    if len(trajectory.points) < 2 or any(p.grade is None for p in trajectory.points):
        return
    first, last = trajectory.points[0].grade, trajectory.points[-1].grade
    assert first is not None
    assert last is not None
    assert sum(c.steps or 0 for c in trajectory.changes) == first.code - last.code


@given(histories(), st.sampled_from(list(C)))
def test_streak_lengths_sum_to_known_points(history: om.History, category: C) -> None:
    trajectory = history.trajectory(category)
    streaks = trajectory.streaks()
    assert sum(s.length for s in streaks) == len(trajectory.known)
    for a, b in itertools.pairwise(streaks):
        assert a.last <= b.first


@given(histories(), st.sampled_from(list(C)), st.data())
def test_first_is_the_earliest_qualifying_point(
    history: om.History, category: C, data: st.DataObject
) -> None:
    trajectory = history.trajectory(category)
    at_least = data.draw(st.sampled_from(list(G)))
    after = data.draw(st.none() | st.dates(dt.date(2008, 1, 1), dt.date(2032, 1, 1)))
    found = trajectory.first(at_least=at_least, after=after)
    qualifying = [
        p
        for p in trajectory.points
        if p.grade is not None and p.grade >= at_least and (after is None or p.published > after)
    ]
    assert found == (qualifying[0] if qualifying else None)


@given(histories())
def test_describe_never_fails_on_generated_histories(history: om.History) -> None:
    assert om.describe(history)
    for category in C:
        assert om.describe(history.trajectory(category))
    if len(history.graded) >= 2:
        comparison = history.compare()
        assert om.describe(comparison)
        for change in comparison.changes.values():
            assert om.describe(change)


def test_describe_an_inspection() -> None:
    """Issue 12: describe(Inspection) raised."""
    text = om.describe(SIF_2018)
    assert text.startswith("Rotherham's SIF inspection, published 29 January 2018")
    assert "overall effectiveness good" in text
    slac = om.datasets.history("Rotherham").graded[0]
    assert "the data does not know its grades for capacity to improve safeguarding" in (
        om.describe(slac)
    )
    visit = om.Inspection(ROTHERHAM, "ILACS", "2024-07-12", kind="focused visit")
    assert om.describe(visit).endswith("gives no grades.")

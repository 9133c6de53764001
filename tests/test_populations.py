"""summarise, series, transitions and peers: examples and laws against plain recounts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import Category as C
from ofstedmodel import Grade as G


def _council(name: str, code: str, region: str = "London", **kw: object) -> om.Council:
    return om.Council(name, code, region=region, **kw)  # type: ignore[arg-type]


def _ilacs(council: om.Council, published: str, **grades: str) -> om.Inspection:
    return om.Inspection(
        council, "ILACS", published, {k.replace("_", " "): g for k, g in grades.items()}
    )


A = _council("Camden", "202", statistical_neighbours=["204", "206"], kind="London Borough")
B = _council("Hackney", "204", kind="London Borough")
C_ = _council("Islington", "206", kind="London Borough")
D = _council("Leeds", "383", region="Yorkshire and the Humber", kind="Metropolitan District")
OLD = _council("Poole", "836", region="South West", abolished="2019-04-01")
NEW = _council(
    "Bournemouth, Christchurch and Poole", "839", region="South West", created="2019-04-01"
)

HISTORIES = {
    h.council.la_code: h
    for h in (
        om.History(
            A,
            [
                _ilacs(A, "2018-06-01", overall="inadequate"),
                _ilacs(A, "2021-06-01", overall="good"),
            ],
        ),
        om.History(
            B, [_ilacs(B, "2019-03-01", overall="good"), _ilacs(B, "2022-03-01", overall="good")]
        ),
        om.History(C_, [_ilacs(C_, "2019-05-01", overall="requires improvement")]),
        om.History(
            D,
            [
                om.Inspection(D, "SIF", "2015-03-27", {"overall": "good"}),
                _ilacs(D, "2019-01-01", overall="outstanding"),
            ],
        ),
        om.History(
            OLD, [om.Inspection(OLD, "SIF", "2016-01-01", {"overall": "requires improvement"})]
        ),
        om.History(NEW, [_ilacs(NEW, "2022-02-11", overall="inadequate")]),
    )
}


def test_summary_as_at_counts_latest_published_grades() -> None:
    summary = om.summarise(HISTORIES, as_at="2020-01-01")
    assert isinstance(summary, om.Summary)
    assert dict(summary.counts) == {
        G.OUTSTANDING: 1,
        G.GOOD: 1,
        G.REQUIRES_IMPROVEMENT: 1,
        G.INADEQUATE: 1,
    }
    assert summary.total == 4
    assert summary.good_or_better == 2
    assert summary.share_good_or_better == 0.5
    # BCP existed but had no graded inspection yet; Poole no longer existed.
    assert [c.name for c in summary.not_graded_councils] == ["Bournemouth, Christchurch and Poole"]
    assert summary.not_graded == 1
    assert hash(summary) == hash(om.summarise(HISTORIES, as_at="2020-01-01"))


def test_former_councils_count_only_while_they_existed() -> None:
    before = om.summarise(HISTORIES, as_at="2019-03-31")
    after = om.summarise(HISTORIES, as_at="2019-04-01")
    assert OLD in before.members[G.REQUIRES_IMPROVEMENT]
    assert NEW not in before.not_graded_councils
    assert all(OLD not in cs for cs in after.members.values())
    assert NEW in after.not_graded_councils


def test_summary_by_region_and_kind_and_callable() -> None:
    by_region = om.summarise(HISTORIES, as_at="2023-01-01", by="region")
    assert isinstance(by_region, om.GroupedSummary)
    assert list(by_region) == [
        om.Region.YORKSHIRE_AND_THE_HUMBER,
        om.Region.LONDON,
        om.Region.SOUTH_WEST,
    ]
    london = by_region[om.Region.LONDON]
    assert (london.good_or_better, london.total) == (2, 3)
    by_kind = om.summarise(HISTORIES, as_at="2023-01-01", by="kind")
    assert isinstance(by_kind, om.GroupedSummary)
    assert by_kind[None].total == 1  # BCP: no kind recorded
    by_first_letter = om.summarise(HISTORIES, as_at="2023-01-01", by=lambda h: h.council.name[0])
    assert isinstance(by_first_letter, om.GroupedSummary)
    assert sorted(by_first_letter) == ["B", "C", "H", "I", "L", "P"]


def test_summary_of_a_category_not_given_after_the_reform() -> None:
    la = _council("Somewhere", "999")
    history = om.History(
        la,
        [
            _ilacs(la, "2025-01-01", overall="good", leadership="good"),
            om.Inspection(
                la, "ILACS", "2026-07-01", {"leadership": "outstanding"}, start="2026-05-01"
            ),
        ],
    )
    overall = om.summarise([history], as_at="2026-08-01")
    assert isinstance(overall, om.Summary)
    assert overall.total == 0
    assert overall.not_graded == 1
    assert overall.share_good_or_better == 0.0
    leaders = om.summarise([history], as_at="2026-08-01", category="leadership")
    assert isinstance(leaders, om.Summary)
    assert dict(leaders.counts)[G.OUTSTANDING] == 1


def test_summary_describe_and_groups() -> None:
    summary = om.summarise(HISTORIES, as_at="2020-01-01")
    text = om.describe(summary)
    assert text.startswith("As at 1 January 2020, 50% of councils (2 of 4 with a grade in force)")
    assert "The count leaves out 1 council with no inspection in the data by then." in text
    groups = om.summarise(HISTORIES, as_at="2023-01-01", by="region")
    text = om.describe(groups)
    assert "highest in Yorkshire and the Humber (100%)" in text
    assert "lowest in the South West (0%)" in text


def test_series_reuses_summarise() -> None:
    dates = [dt.date(2019, 3, 31), dt.date(2020, 3, 31), dt.date(2022, 3, 31)]
    result = om.series(HISTORIES, dates)
    assert list(result) == dates
    for day in dates:
        assert result[day] == om.summarise(HISTORIES, as_at=day)


def test_transitions_first_against_latest_under_ilacs() -> None:
    result = om.transitions(HISTORIES, as_at="2023-01-01")
    assert [c.name for c in result.improved] == ["Camden"]
    assert [c.name for c in result.retained_good_or_better] == ["Hackney"]
    assert result.declined == ()
    assert result.unchanged_below_good == ()
    # Leeds has one ILACS inspection; its SIF one does not count under ILACS.
    assert set(result.changes) == {"202", "204"}
    assert "1 improved" in om.describe(result)


def test_peers_neighbours_in_dfe_order_with_region_and_england() -> None:
    result = om.peers(HISTORIES["202"], HISTORIES, as_at="2022-06-01")
    assert result.grade is G.GOOD
    assert list(result.neighbours) == [B, C_]
    assert list(result.neighbours.values()) == [G.GOOD, G.REQUIRES_IMPROVEMENT]
    assert result.region is not None
    assert result.region.total == 3
    assert result.england.total == 5
    text = om.describe(result)
    assert "As at 1 June 2022, Camden was good for overall effectiveness." in text
    assert (
        "Of its two statistical neighbours, one was good (Hackney). The other, Islington, was "
        "judged requires improvement to be good." in text
    )
    assert "In London, 67% of councils were good or outstanding (2 of 3)." in text
    with pytest.raises(om.CouncilError, match="206"):
        om.peers(HISTORIES["202"], [HISTORIES["202"], HISTORIES["204"]], as_at="2022-06-01")


def test_bad_arguments_raise_library_errors() -> None:
    with pytest.raises(om.OfstedModelError):
        om.summarise(HISTORIES, as_at=2020)
    with pytest.raises(om.OfstedModelError):
        om.summarise(HISTORIES, as_at="2020-01-01", by="colour")
    with pytest.raises(om.OfstedModelError):
        om.summarise("Rotherham", as_at="2020-01-01")  # type: ignore[arg-type]
    with pytest.raises(om.OfstedModelError):
        om.summarise(HISTORIES, as_at="2020-01-01", category="weather")
    with pytest.raises(om.OfstedModelError):
        om.transitions(HISTORIES, as_at="2020-01-01", framework="XYZ")


# -- counting as Ofsted counts: why councils are left out, and the publication cut-off --------

LA = _council("Lambeth", "208", kind="London Borough")


def _left_out(histories: list[om.History], day: str, category: str = "overall") -> list[str]:
    summary = om.summarise(histories, as_at=day, category=category)
    assert isinstance(summary, om.Summary)
    return [reason.name for reason in summary.left_out.values()]


def test_a_council_not_yet_created_or_already_abolished_is_not_existing() -> None:
    old = om.History(OLD, [om.Inspection(OLD, "SIF", "2016-01-01", {"overall": "good"})])
    new = om.History(NEW, [_ilacs(NEW, "2022-02-11", overall="inadequate")])
    summary = om.summarise([old, new], as_at="2019-03-31")
    assert isinstance(summary, om.Summary)
    assert dict(summary.left_out) == {NEW: om.LeftOut.NOT_EXISTING}
    assert (summary.total, summary.not_graded, summary.unknown, summary.existing) == (1, 0, 0, 1)
    assert summary.existing_councils == (OLD,)
    after = om.summarise([old, new], as_at="2019-04-01")
    assert isinstance(after, om.Summary)
    assert dict(after.left_out) == {OLD: om.LeftOut.NOT_EXISTING, NEW: om.LeftOut.NOT_INSPECTED}
    assert after.not_graded_councils == (NEW,)


def test_a_council_with_no_graded_inspection_by_then_is_not_inspected() -> None:
    history = om.History(
        LA,
        [
            om.Inspection(LA, "ILACS", "2019-03-01", kind="focused visit"),
            _ilacs(LA, "2019-06-01", overall="good"),
        ],
    )
    assert _left_out([history], "2019-05-31") == ["NOT_INSPECTED"]
    assert _left_out([history], "2019-06-01") == []


def test_a_judgement_the_framework_does_not_give_is_not_given() -> None:
    reformed = om.History(
        LA,
        [
            _ilacs(LA, "2025-01-01", overall="good", care_leavers="good"),
            om.Inspection(
                LA, "ILACS", "2026-07-01", {"leadership": "outstanding"}, start="2026-05-01"
            ),
        ],
    )
    assert _left_out([reformed], "2026-08-01") == ["NOT_GIVEN"]
    assert _left_out([reformed], "2026-06-30") == []
    ilacs_2018 = om.History(LA, [_ilacs(LA, "2019-06-01", overall="good", children_in_care="good")])
    assert _left_out([ilacs_2018], "2020-01-01", "care leavers") == ["NOT_GIVEN"]
    assert _left_out([ilacs_2018], "2020-01-01", "adoption") == ["NOT_GIVEN"]


def test_a_judgement_the_inspection_did_not_make_is_not_judged() -> None:
    sif = om.History(LA, [om.Inspection(LA, "SIF", "2016-01-01", {"overall": "good"})])
    assert _left_out([sif], "2017-01-01", "adoption") == ["NOT_JUDGED"]
    assert _left_out([sif], "2017-01-01") == []


def test_a_grade_in_force_the_data_does_not_know_is_unknown_not_not_graded() -> None:
    unknown = om.History(
        LA,
        [
            om.Inspection(LA, "SIF", "2014-06-01", {"overall": "good"}),
            om.Inspection(LA, "SIF", "2017-01-01", grades_known=False, kind="SIF re-inspection"),
        ],
    )
    summary = om.summarise([unknown, HISTORIES["202"]], as_at="2019-01-01")
    assert isinstance(summary, om.Summary)
    # As-at never reaches past the unknown grade to the older known one.
    assert summary.unknown_councils == (LA,)
    assert (summary.unknown, summary.not_graded, summary.total) == (1, 0, 1)
    assert summary.left_out[LA] is om.LeftOut.UNKNOWN
    assert not om.LeftOut.UNKNOWN.is_not_graded
    text = om.describe(summary)
    assert "The count leaves out 1 council whose grade the data does not know." in text
    assert "(0 of 1 with a known grade in force)" in text
    assert "not graded" not in text
    assert "no overall effectiveness grade" not in text
    alone = om.summarise([unknown], as_at="2018-01-01")
    assert isinstance(alone, om.Summary)
    assert om.describe(alone).startswith(
        "As at 1 January 2018, no council had an overall effectiveness grade in force that the "
        "data knows. The count leaves out 1 council whose grade the data does not know."
    )


def test_one_grade_the_data_does_not_know_is_unknown() -> None:
    slac = om.History(
        LA,
        [
            om.Inspection(
                LA, "SLAC", "2010-06-04", {"overall": "adequate"},
                unknown=["capacity to improve safeguarding"],
            )
        ],
    )  # fmt: skip
    assert _left_out([slac], "2011-01-01", "capacity to improve safeguarding") == ["UNKNOWN"]
    assert _left_out([slac], "2011-01-01") == []


def test_a_targeted_inspection_settles_only_what_it_judges() -> None:
    history = om.History(
        LA,
        [
            om.Inspection(
                LA, "SLAC", "2010-06-04", {"overall": "good", "children in care": "good"}
            ),
            om.Inspection(LA, "CP2012", "2012-08-10", {"overall": "adequate"}),
        ],
    )
    in_care = om.summarise([history], as_at="2013-01-01", category="children in care")
    assert isinstance(in_care, om.Summary)
    assert in_care.members[G.GOOD] == (LA,)
    overall = om.summarise([history], as_at="2013-01-01")
    assert isinstance(overall, om.Summary)
    assert overall.members[G.ADEQUATE] == (LA,)
    assert overall.pre_2013_councils == (LA,)
    assert overall.in_force[LA].framework is om.Framework.CP2012
    text = om.describe(overall)
    assert (
        "The count includes 1 council whose latest grade is on the pre-2013 scale, where "
        "adequate stood in place of requires improvement." in text
    )


def test_the_pre_2013_scale_is_named_only_for_councils_still_on_it() -> None:
    summary = om.summarise(HISTORIES, as_at="2023-01-01")
    assert isinstance(summary, om.Summary)
    assert summary.pre_2013_councils == ()
    assert "pre-2013" not in om.describe(summary)


# Fieldwork in March, report in April: counted by a release with a later cut-off.
MARCH = _council("Merton", "315")
MARCH_HISTORY = om.History(
    MARCH,
    [
        _ilacs(MARCH, "2022-01-10", overall="requires improvement"),
        om.Inspection(
            MARCH, "ILACS", "2025-04-15", {"overall": "good"}, start="2025-03-03", end="2025-03-14"
        ),
        # Fieldwork after the as-at date: never counted for it, whatever the cut-off.
        om.Inspection(
            MARCH, "ILACS", "2025-06-20", {"overall": "inadequate"}, kind="standard",
            start="2025-04-28", end="2025-05-09",
        ),
    ],
)  # fmt: skip


def test_published_by_counts_fieldwork_begun_by_the_date_and_published_by_the_cut_off() -> None:
    plain = om.summarise([MARCH_HISTORY], as_at="2025-03-31")
    late = om.summarise([MARCH_HISTORY], as_at="2025-03-31", published_by="2025-06-30")
    assert isinstance(plain, om.Summary)
    assert isinstance(late, om.Summary)
    assert plain.members[G.REQUIRES_IMPROVEMENT] == (MARCH,)
    assert late.members[G.GOOD] == (MARCH,)
    assert late.in_force[MARCH].published == dt.date(2025, 4, 15)
    assert late.published_by == dt.date(2025, 6, 30)
    assert plain.published_by == plain.as_at
    # The April report is not yet published on 14 April.
    early = om.summarise([MARCH_HISTORY], as_at="2025-03-31", published_by="2025-04-14")
    assert isinstance(early, om.Summary)
    assert early.members[G.REQUIRES_IMPROVEMENT] == (MARCH,)
    # As at 30 April the May fieldwork has not begun; as at 31 May it has, and counts once
    # published.
    may = om.summarise([MARCH_HISTORY], as_at="2025-05-31", published_by="2025-06-30")
    assert isinstance(may, om.Summary)
    assert may.members[G.INADEQUATE] == (MARCH,)
    assert "counting reports published by 30 June 2025" in om.describe(late)
    assert "published by 2025-06-30" in repr(late)
    assert "counting reports" not in om.describe(plain)


def test_unknown_fieldwork_dates_count_by_publication() -> None:
    history = om.History(
        MARCH,
        [
            om.Inspection(MARCH, "SIF", "2015-01-20", {"overall": "inadequate"}),
            om.Inspection(MARCH, "SIF", "2015-04-20", {"overall": "good"}),
        ],
    )
    late = om.summarise([history], as_at="2015-03-31", published_by="2015-06-30")
    assert isinstance(late, om.Summary)
    assert late.members[G.GOOD] == (MARCH,)
    plain = om.summarise([history], as_at="2015-03-31")
    assert isinstance(plain, om.Summary)
    assert plain.members[G.INADEQUATE] == (MARCH,)


def test_published_by_takes_a_lag_and_refuses_a_cut_off_before_the_date() -> None:
    from dateutil.relativedelta import relativedelta

    lagged = om.summarise([MARCH_HISTORY], "2025-03-31", published_by=relativedelta(months=3))
    assert isinstance(lagged, om.Summary)
    assert lagged.published_by == dt.date(2025, 6, 30)
    days = om.summarise([MARCH_HISTORY], "2025-03-31", published_by=dt.timedelta(days=15))
    assert isinstance(days, om.Summary)
    assert days.published_by == dt.date(2025, 4, 15)
    assert days.members[G.GOOD] == (MARCH,)
    with pytest.raises(om.DateError, match="before the as-at date"):
        om.summarise([MARCH_HISTORY], "2025-03-31", published_by="2025-03-30")
    with pytest.raises(om.DateError, match="before the as-at date"):
        om.summarise([MARCH_HISTORY], "2025-03-31", published_by=relativedelta(days=-1))
    with pytest.raises(om.DateError):
        om.summarise([MARCH_HISTORY], "2025-03-31", published_by=dt.timedelta(days=10**7))
    with pytest.raises(om.DateError):
        om.summarise([MARCH_HISTORY], "2025-03-31", published_by="soon")
    with pytest.raises(om.DateError):
        om.transitions([MARCH_HISTORY], "2025-03-31", published_by="2025-01-01")
    with pytest.raises(om.DateError):  # a fixed cut-off before one of the dates
        om.series([MARCH_HISTORY], ["2025-03-31", "2025-09-30"], published_by="2025-06-30")
    result = om.series(
        [MARCH_HISTORY], ["2024-03-31", "2025-03-31"], published_by=relativedelta(months=3)
    )
    assert [s.published_by for s in result.values()] == [  # type: ignore[union-attr]
        dt.date(2024, 6, 30),
        dt.date(2025, 6, 30),
    ]


def test_transitions_with_published_by() -> None:
    plain = om.transitions([MARCH_HISTORY], as_at="2025-03-31")
    late = om.transitions([MARCH_HISTORY], as_at="2025-03-31", published_by="2025-06-30")
    assert plain.changes == {}
    assert late.improved == (MARCH,)
    assert late.published_by == dt.date(2025, 6, 30)
    text = om.describe(late)
    assert text.startswith(
        "Of the 1 council with more than one ILACS inspection grading overall effectiveness "
        "begun by 31 March 2025 and published by 30 June 2025, 1 improved"
    )
    may = om.transitions([MARCH_HISTORY], as_at="2025-05-31", published_by="2025-06-30")
    assert may.declined == (MARCH,)
    assert "published by 31 March 2025" in om.describe(plain)


def test_a_council_given_twice_is_refused() -> None:
    with pytest.raises(om.HistoryError, match="two histories of Camden"):
        om.summarise([HISTORIES["202"], HISTORIES["202"]], as_at="2020-01-01")


def test_summary_by_ofsted_region_joins_the_north_east_with_yorkshire() -> None:
    north_east = _council("Gateshead", "390", region="North East")
    nowhere = om.Council("Nowhere", "999")
    histories = [
        *HISTORIES.values(),
        om.History(north_east, [_ilacs(north_east, "2019-02-01", overall="inadequate")]),
        om.History(nowhere, []),
    ]
    groups = om.summarise(histories, as_at="2023-01-01", by="ofsted_region")
    assert isinstance(groups, om.GroupedSummary)
    joined = om.OfstedRegion.NORTH_EAST_YORKSHIRE_AND_THE_HUMBER
    assert list(groups) == [joined, om.OfstedRegion.LONDON, om.OfstedRegion.SOUTH_WEST, None]
    assert (groups[joined].good_or_better, groups[joined].total) == (1, 2)
    assert groups[None].not_graded_councils == (nowhere,)
    text = om.describe(groups)
    assert "highest in London (67%), lowest in the South West (0%)" in text
    assert "the North East, Yorkshire and the Humber" in om.describe(groups[joined])


def test_describe_groups_says_who_is_left_out_and_what_a_figure_rests_on() -> None:
    gone = om.History(OLD, [om.Inspection(OLD, "SIF", "2016-01-01", {"overall": "good"})])
    unknown = om.History(LA, [om.Inspection(LA, "SIF", "2016-01-01", grades_known=False)])
    extra = [_council(f"Borough {i}", f"{310 + i}") for i in range(3)]
    histories = [
        *(HISTORIES[code] for code in ("202", "204", "206", "383")),
        gone,
        unknown,
        *(om.History(c, []) for c in extra),
    ]
    groups = om.summarise(histories, as_at="2023-01-01", by="region")
    assert isinstance(groups, om.GroupedSummary)
    assert om.describe(groups) == (
        "As at 1 January 2023, 75% of councils (3 of 4 with a known grade in force) were good or "
        "outstanding for overall effectiveness; highest in Yorkshire and the Humber (100%), "
        "lowest in London (67%, resting on only 3 of 7 councils). The count leaves out 4 "
        "councils: 3 with no inspection in the data by then and 1 whose grade the data does "
        "not know. The data also holds 1 council that did not exist then, which is not counted."
    )
    whole = om.summarise(histories, as_at="2023-01-01")
    assert isinstance(whole, om.Summary)
    assert (whole.total, whole.existing) == (4, 8)
    assert "rests on only" not in om.describe(whole)  # half is not under half


def test_describe_says_when_a_figure_rests_on_under_half_the_councils() -> None:
    extra = [_council(f"Borough {i}", f"{310 + i}") for i in range(5)]
    histories = [*HISTORIES.values(), *(om.History(c, []) for c in extra)]
    summary = om.summarise(histories, as_at="2019-04-01")
    assert isinstance(summary, om.Summary)
    assert (summary.total, summary.existing) == (3, 10)
    text = om.describe(summary)
    assert "The figure rests on only 3 of 10 councils." in text
    assert "The count leaves out 7 councils with no inspection in the data by then." in text


def test_describe_names_the_frameworks_that_give_no_grade() -> None:
    councils = [_council(f"Borough {i}", f"{310 + i}") for i in range(3)]
    histories = [
        om.History(councils[0], [_ilacs(councils[0], "2019-06-01", overall="good")]),
        om.History(councils[1], [_ilacs(councils[1], "2020-06-01", overall="good")]),
        om.History(
            councils[2], [_ilacs(councils[2], "2024-06-01", overall="good", care_leavers="good")]
        ),
    ]
    summary = om.summarise(histories, as_at="2025-01-01", category="care leavers")
    assert isinstance(summary, om.Summary)
    assert (
        "The count leaves out 2 councils whose latest inspection (ILACS 2018) gives no care "
        in (om.describe(summary))
    )
    adoption = om.summarise(histories, as_at="2025-01-01", category="adoption")
    assert isinstance(adoption, om.Summary)
    assert (
        om.describe(adoption)
        == "As at 1 January 2025, no council had an adoption grade in force. The count leaves "
        "out 3 councils whose latest inspection (2 ILACS 2018 and 1 ILACS 2023) gives no "
        "adoption grade."
    )


def test_describe_a_summary_of_no_council() -> None:
    empty = om.summarise([], as_at="2020-01-01")
    assert isinstance(empty, om.Summary)
    assert om.describe(empty) == "As at 1 January 2020, there were no councils to count."
    gone = om.summarise([HISTORIES["836"]], as_at="2020-01-01")
    assert isinstance(gone, om.Summary)
    assert om.describe(gone) == "As at 1 January 2020, no council in the data existed."


def test_peers_never_tell_an_unknown_grade_as_none() -> None:
    unknown = om.History(B, [om.Inspection(B, "SIF", "2016-01-01", grades_known=False)])
    population = {**HISTORIES, "204": unknown}
    result = om.peers(HISTORIES["202"], population, as_at="2019-06-01")
    assert result.neighbours[B] is None
    assert result.left_out == {B: om.LeftOut.UNKNOWN}
    text = om.describe(result)
    assert "one had a grade the data does not know (Hackney)" in text
    assert "one was judged requires improvement to be good (Islington)" in text
    own = om.peers(unknown, population, as_at="2019-06-01")
    assert own.left_out[B] is om.LeftOut.UNKNOWN
    assert "grade unknown" in repr(own)
    assert om.describe(own).startswith(
        "As at 1 June 2019, Hackney had an overall effectiveness grade in force that the data "
        "does not know."
    )
    none = om.peers(HISTORIES["202"], HISTORIES, as_at="2018-01-01")
    assert "Camden had no overall effectiveness grade in force." in om.describe(none)
    assert "Of its two statistical neighbours, none were good or outstanding" in om.describe(none)


# -- laws on generated populations ------------------------------------------------------------


@st.composite
def populations(draw: st.DrawFn) -> list[om.History]:
    from ofstedmodel import strategies as oms

    councils = draw(st.lists(oms.councils(), max_size=8, unique_by=lambda c: c.la_code))
    out = []
    for council in councils:
        inspections = draw(
            st.lists(
                oms.inspections(council=council),
                max_size=6,
                unique_by=lambda i: (i.published, i.kind),
            )
        )
        out.append(om.History(council, inspections))
    return out


DATES = st.dates(dt.date(2010, 1, 1), dt.date(2031, 12, 31))


def _in_force(
    history: om.History, day: dt.date, category: C, published_by: dt.date
) -> om.Inspection | None:
    """The inspection in force, found by scanning: the last graded one whose fieldwork began
    by ``day`` (or whose fieldwork dates are unknown), published by ``published_by``, that
    settles ``category``."""
    found = None
    for inspection in history.inspections:
        if (
            inspection.kind.is_graded
            and inspection.published <= published_by
            and (inspection.start is None or inspection.start <= day)
            and inspection.covers(category)
        ):
            found = inspection
    return found


def _recount(
    histories: list[om.History], day: dt.date, category: C, published_by: dt.date
) -> tuple[dict[G, int], dict[om.Council, om.LeftOut]]:
    counts: dict[G, int] = {}
    left_out: dict[om.Council, om.LeftOut] = {}
    for history in histories:
        council = history.council
        if not council.existed_on(day):
            left_out[council] = om.LeftOut.NOT_EXISTING
            continue
        inspection = _in_force(history, day, category, published_by)
        if inspection is None:
            left_out[council] = om.LeftOut.NOT_INSPECTED
        elif category not in inspection.era.labels:
            left_out[council] = om.LeftOut.NOT_GIVEN
        elif not inspection.knows(category):
            left_out[council] = om.LeftOut.UNKNOWN
        elif (grade := inspection.get(category)) is None:
            left_out[council] = om.LeftOut.NOT_JUDGED
        else:
            counts[grade] = counts.get(grade, 0) + 1
    return counts, left_out


# A lag of 0 (the cut-off on the as-at date) often: it must change nothing.
LAGS = st.one_of(st.just(0), st.integers(0, 400)).map(lambda days: dt.timedelta(days=days))


@given(populations(), DATES, LAGS, st.sampled_from(list(C)))
def test_summary_equals_a_plain_recount(
    histories: list[om.History], day: dt.date, lag: dt.timedelta, category: C
) -> None:
    published_by = day + lag
    summary = om.summarise(histories, as_at=day, category=category, published_by=published_by)
    assert isinstance(summary, om.Summary)
    counts, left_out = _recount(histories, day, category, published_by)
    assert {g: n for g, n in summary.counts.items() if n} == counts
    assert dict(summary.left_out) == left_out
    assert 0.0 <= summary.share_good_or_better <= 1.0
    assert sum(summary.counts.values()) == summary.total
    for grade in (G.OUTSTANDING, G.GOOD, G.REQUIRES_IMPROVEMENT, G.INADEQUATE):
        assert grade in summary.counts
    # Every council given that existed is counted at one grade or left out for one reason;
    # the others are left out as not existing.
    existing = [h.council for h in histories if h.council.existed_on(day)]
    counted = [c for cs in summary.members.values() for c in cs]
    assert sorted(counted + [c for c in summary.left_out if c in existing], key=repr) == sorted(
        existing, key=repr
    )
    assert not set(counted) & set(summary.left_out)
    assert len(summary.left_out) + len(counted) == len(histories)
    assert summary.total + summary.not_graded + summary.unknown == summary.existing
    assert summary.existing == len(existing) == len(summary.existing_councils)
    assert set(summary.unknown_councils).isdisjoint(summary.not_graded_councils)
    for council in summary.pre_2013_councils:
        assert summary.in_force[council].era.scale == om.frameworks.PRE_2013_SCALE
        assert council in counted
    # A grade the data does not know never reads as no grade.
    text = om.describe(summary)
    assert "not graded" not in text
    if summary.unknown:
        assert "whose grade the data does not know" in text
    if not summary.not_graded:
        assert "with no inspection" not in text
        assert "gives no" not in text
    # Without a cut-off, the cut-off is the as-at date.
    if lag.days == 0:
        assert summary == om.summarise(histories, as_at=day, category=category)


@given(populations(), DATES, st.sampled_from(["region", "ofsted_region", "kind"]))
def test_grouping_then_adding_equals_not_grouping(
    histories: list[om.History], day: dt.date, by: str
) -> None:
    whole = om.summarise(histories, as_at=day)
    groups = om.summarise(histories, as_at=day, by=by)
    assert isinstance(whole, om.Summary)
    assert isinstance(groups, om.GroupedSummary)
    assert sum(s.total for s in groups.values()) == whole.total
    assert sum(s.not_graded for s in groups.values()) == whole.not_graded
    assert sum(s.unknown for s in groups.values()) == whole.unknown
    assert sum(s.existing for s in groups.values()) == whole.existing
    for grade, n in whole.counts.items():
        assert sum(s.counts.get(grade, 0) for s in groups.values()) == n


@given(populations(), DATES, LAGS)
def test_transitions_equal_a_plain_recount(
    histories: list[om.History], day: dt.date, lag: dt.timedelta
) -> None:
    published_by = day + lag
    result = om.transitions(histories, as_at=day, published_by=published_by)
    expected: dict[str, tuple[G | None, G | None]] = {}
    for history in histories:
        graded = [
            i
            for i in history.inspections
            if i.kind.is_graded
            and i.framework is om.Framework.ILACS
            and i.published <= published_by
            and (i.start is None or i.start <= day)
            and C.OVERALL_EFFECTIVENESS in i.era.labels
            # judged it, its grade known or not (one that did not judge it is no point)
            and (i.overall is not None or not i.knows(C.OVERALL_EFFECTIVENESS))
        ]
        if len(graded) > 1:
            expected[history.council.la_code] = (graded[0].overall, graded[-1].overall)
    assert set(result.changes) == set(expected)
    outcomes = [
        result.improved,
        result.declined,
        result.retained_good_or_better,
        result.unchanged_below_good,
        result.unknown,
    ]
    seen = [c.la_code for outcome in outcomes for c in outcome]
    assert sorted(seen) == sorted(expected)  # each council in exactly one outcome
    for council in result.improved:
        first, last = expected[council.la_code]
        assert first is not None
        assert last is not None
        assert last > first
    for council in result.declined:
        first, last = expected[council.la_code]
        assert first is not None
        assert last is not None
        assert last < first
    if lag.days == 0:
        assert result == om.transitions(histories, as_at=day)


def test_summaries_and_peers_give_the_plain_data_the_command_line_writes() -> None:
    # Found by a new user: the command line wrote JSON for these, Python users could not.
    import json

    histories = om.datasets.histories()
    grouped = om.summarise(histories, as_at="2025-03-31", by="region")
    data = json.loads(json.dumps(grouped.to_json()))
    assert len(data["groups"]) == 9
    assert data["combined"]["total"] == sum(g["total"] for g in data["groups"])
    peers = om.peers(om.datasets.history("Rotherham"), histories, as_at="2025-03-31").to_json()
    assert peers["grade"] == "GOOD"  # the 2022 report; the 2025 one came later
    assert len(peers["neighbours"]) == 10
    assert peers["england"] == om.summarise(histories, as_at="2025-03-31").to_json()

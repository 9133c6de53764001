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
    assert isinstance(by_region, dict)
    assert list(by_region) == [
        om.Region.YORKSHIRE_AND_THE_HUMBER,
        om.Region.LONDON,
        om.Region.SOUTH_WEST,
    ]
    london = by_region[om.Region.LONDON]
    assert (london.good_or_better, london.total) == (2, 3)
    by_kind = om.summarise(HISTORIES, as_at="2023-01-01", by="kind")
    assert isinstance(by_kind, dict)
    assert by_kind[None].total == 1  # BCP: no kind recorded
    by_first_letter = om.summarise(HISTORIES, as_at="2023-01-01", by=lambda h: h.council.name[0])
    assert isinstance(by_first_letter, dict)
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
    assert "1 council had no overall effectiveness grade in force" in text
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
    assert "Of its two statistical neighbours, one was good or outstanding (Hackney good" in text
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


def _recount(histories: list[om.History], day: dt.date, category: C) -> tuple[dict[G, int], int]:
    counts: dict[G, int] = {}
    missing = 0
    for history in histories:
        if not history.council.existed_on(day):
            continue
        graded = [i for i in history.inspections if i.kind.is_graded and i.published <= day]
        grade = graded[-1].get(category) if graded else None
        if grade is None:
            missing += 1
        else:
            counts[grade] = counts.get(grade, 0) + 1
    return counts, missing


@given(populations(), DATES, st.sampled_from(list(C)))
def test_summary_equals_a_plain_recount(
    histories: list[om.History], day: dt.date, category: C
) -> None:
    summary = om.summarise(histories, as_at=day, category=category)
    assert isinstance(summary, om.Summary)
    counts, missing = _recount(histories, day, category)
    assert {g: n for g, n in summary.counts.items() if n} == counts
    assert summary.not_graded == missing
    assert 0.0 <= summary.share_good_or_better <= 1.0
    assert sum(summary.counts.values()) == summary.total
    considered = sum(1 for h in histories if h.council.existed_on(day))
    assert summary.total + summary.not_graded == considered
    for grade in (G.OUTSTANDING, G.GOOD, G.REQUIRES_IMPROVEMENT, G.INADEQUATE):
        assert grade in summary.counts


@given(populations(), DATES, st.sampled_from(["region", "kind"]))
def test_grouping_then_adding_equals_not_grouping(
    histories: list[om.History], day: dt.date, by: str
) -> None:
    whole = om.summarise(histories, as_at=day)
    groups = om.summarise(histories, as_at=day, by=by)
    assert isinstance(whole, om.Summary)
    assert isinstance(groups, dict)
    assert sum(s.total for s in groups.values()) == whole.total
    assert sum(s.not_graded for s in groups.values()) == whole.not_graded
    for grade, n in whole.counts.items():
        assert sum(s.counts.get(grade, 0) for s in groups.values()) == n


@given(populations(), DATES)
def test_transitions_equal_a_plain_recount(histories: list[om.History], day: dt.date) -> None:
    result = om.transitions(histories, as_at=day)
    expected: dict[str, tuple[G | None, G | None]] = {}
    for history in histories:
        graded = [
            i
            for i in history.inspections
            if i.kind.is_graded
            and i.framework is om.Framework.ILACS
            and i.published <= day
            and C.OVERALL_EFFECTIVENESS in i.era.labels
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

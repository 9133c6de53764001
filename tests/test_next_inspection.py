"""next_inspection and its backtest: examples on the bundled data, the issue's numbers
recounted, laws (no peeking, nested windows, every history answered) and bad input."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import statistics
from collections.abc import Iterable

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import RAW
from ofstedmodel import datasets
from ofstedmodel.due import (
    CYCLES,
    MIN_PAIRS,
    NextInspection,
    NoWindow,
    Window,
    backtest,
    next_inspection,
)
from ofstedmodel.frameworks import ERAS

HISTORIES = datasets.histories()
AS_OF = datasets.as_of
OVERALL = om.Category.OVERALL_EFFECTIVENESS
ILACS = om.Framework.ILACS


def _ilacs_pairs(histories: Iterable[om.History]) -> list[tuple[om.Inspection, om.Inspection]]:
    """Consecutive graded inspections of a council, both ILACS: a plain recount."""
    pairs = []
    for history in histories:
        graded = [i for i in history.inspections if i.kind.is_graded]
        for first, second in itertools.pairwise(graded):
            if first.framework is ILACS and second.framework is ILACS:
                pairs.append((first, second))
    return pairs


def _near_third_anniversary(first: om.Inspection, second: om.Inspection) -> bool:
    assert first.start is not None
    assert second.start is not None
    anniversary = first.start + relativedelta(years=3)
    return (
        anniversary - relativedelta(months=6)
        <= second.start
        <= anniversary + relativedelta(months=6)
    )


# -- the issue's numbers -------------------------------------------------------------------------


def test_the_issue_numbers_come_from_the_d2i_file() -> None:
    # Issue 13: "of the 165 pairs of consecutive ILACS inspections ... only a third of the second
    # inspections started within six months of the third anniversary of the first; intervals ran
    # from 2.5 to 5.8 years". Recounted from the D2I scrape with the csv module alone: 165 is the
    # number of its pairs with both fieldwork starts. A report is ILACS when the scrape could read
    # a grade from it (it reads none from a SIF or older report).
    grades = {"outstanding", "good", "requires improvement", "inadequate"}
    reports: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    with (RAW / "d2i-ilacs-history.csv").open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            if not any(row[c] in grades for c in row if c.endswith("_grade")):
                continue
            published = dt.datetime.strptime(row["publication_date"], "%d/%m/%y").date()
            text = row["inspection_start_date"]
            start = dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None
            reports.setdefault(row["urn"], []).append((published, start))
    pairs = [pair for found in reports.values() for pair in itertools.pairwise(sorted(found))]
    dated = [(a, b) for (_, a), (_, b) in pairs if a and b]
    near = 0
    for a, b in dated:
        anniversary = a + relativedelta(years=3)
        near += anniversary - relativedelta(months=6) <= b <= anniversary + relativedelta(months=6)
    years = [(b - a).days / 365.25 for a, b in dated]
    assert (len(pairs), len(dated), near) == (168, 165, 55)
    assert 3 * near == len(dated)  # "only a third"
    assert (round(min(years), 1), round(max(years), 1)) == (2.5, 5.8)


def test_the_bundled_data_has_three_more_pairs_and_the_same_third() -> None:
    # The bundled data fills fieldwork starts from Ofsted's own ILACS history: 168 pairs, 167
    # with both starts (Redcar and Cleveland's 2026 report has none), 55 near the anniversary.
    pairs = _ilacs_pairs(HISTORIES.values())
    dated = [(a, b) for a, b in pairs if a.start and b.start]
    near = sum(_near_third_anniversary(a, b) for a, b in dated)
    years = [(b.start - a.start).days / 365.25 for a, b in dated]  # type: ignore[operator]
    assert (len(pairs), len(dated), near) == (168, 167, 55)
    assert (round(min(years), 1), round(max(years), 1)) == (2.5, 5.8)
    by_grade = {
        grade: statistics.median(
            (b.start - a.start).days  # type: ignore[operator]
            for a, b in dated
            if a.overall is grade
        )
        for grade in (om.Grade.OUTSTANDING, om.Grade.GOOD, om.Grade.REQUIRES_IMPROVEMENT)
    }
    # "and differ by grade": the middle gap after inadequate is the shortest of all.
    inadequate = statistics.median(
        (b.start - a.start).days  # type: ignore[operator]
        for a, b in dated
        if a.overall is om.Grade.INADEQUATE
    )
    assert inadequate < min(by_grade.values())
    assert len(set(by_grade.values())) == 3


# -- examples -------------------------------------------------------------------------------------


def test_rotherham_rule_window_is_six_months_either_side_of_the_third_anniversary() -> None:
    due = next_inspection(datasets.history("Rotherham"), as_at=AS_OF)
    last = due.last
    assert last is not None
    assert last.published == dt.date(2025, 12, 16)
    assert last.start == dt.date(2025, 11, 3)
    assert due.kind is om.InspectionKind.ILACS_SHORT
    assert due.rule.window == Window(dt.date(2028, 5, 3), dt.date(2029, 5, 3))
    assert due.rule.next_era == "ILACS 2026"  # the window falls after the April 2026 revision
    assert due.rule.cycle is CYCLES[0]
    assert due.precedent.matched == ("grade", "kind", "framework")


def _plain_gaps(position: om.Inspection, as_at: dt.date) -> list[int]:
    """The gaps, in days from fieldwork start to fieldwork start, after every earlier ILACS
    inspection of the same grade and kind whose next inspection was published by ``as_at``."""
    gaps = []
    for history in HISTORIES.values():
        graded = [i for i in history.inspections if i.kind.is_graded]
        for first, second in itertools.pairwise(graded):
            if (
                first.framework is position.framework
                and first.kind is position.kind
                and first.overall is position.overall
                and second.published <= as_at
                and first.start
                and second.start
            ):
                gaps.append((second.start - first.start).days)
    return gaps


@pytest.mark.parametrize("name", ["Rotherham", "Bradford", "Slough", "Leeds", "Norfolk"])
def test_precedent_window_is_the_middle_80_percent_of_a_plain_recount(name: str) -> None:
    due = next_inspection(datasets.history(name), as_at=AS_OF)
    last = due.last
    assert last is not None
    assert last.start is not None
    assert due.precedent.matched == ("grade", "kind", "framework")
    gaps = _plain_gaps(last, AS_OF)
    assert due.precedent.pairs == len(gaps) >= MIN_PAIRS
    cuts = statistics.quantiles(gaps, n=10, method="inclusive")
    window = due.precedent.window
    assert window is not None
    assert (window.earliest - last.start).days == round(cuts[0])
    assert (window.latest - last.start).days == round(cuts[-1])
    assert due.precedent.median == last.start + dt.timedelta(days=round(statistics.median(gaps)))


def test_inadequate_is_monitored_with_no_rule_window_but_a_precedent() -> None:
    due = next_inspection(datasets.history("Bradford"), as_at="2024-01-01")
    assert due.last is not None
    assert due.last.overall is om.Grade.INADEQUATE
    assert due.kind is om.InspectionKind.ILACS_STANDARD
    assert due.rule.window is None
    assert due.rule.no_window is NoWindow.MONITORED
    assert due.rule.cycle is not None
    assert due.rule.cycle.sources
    assert due.precedent.window is not None
    text = om.describe(due)
    assert "monitored" in text
    assert "the rule fixes no date" in text


def test_a_2026_inspection_has_neither_window_and_says_why() -> None:
    due = next_inspection(datasets.history("Brent"), as_at=AS_OF)
    assert due.last is not None
    assert due.last.era.name == "ILACS 2026"
    assert due.last.overall is None
    assert due.kind is None
    assert due.rule.no_window is NoWindow.NEW_FRAMEWORK
    assert due.precedent.no_window is NoWindow.TOO_FEW_PAIRS
    assert due.precedent.pairs == 0
    assert due.precedent.window is None
    text = om.describe(due)
    assert "no earlier inspection like it" in text
    assert "renewed framework is planned for 2027" in text


def test_an_abolished_council_has_no_next_inspection() -> None:
    due = next_inspection(datasets.history("Cumbria"), as_at=AS_OF)
    assert due.last is None
    assert due.rule.no_window is due.precedent.no_window is NoWindow.ABOLISHED
    assert om.describe(due).startswith("Cumbria was abolished on 1 April 2023")
    # Before its abolition it had a next inspection to expect.
    before = next_inspection(datasets.history("Cumbria"), as_at="2022-01-01")
    assert before.last is not None
    assert before.rule.no_window is not NoWindow.ABOLISHED


def test_a_council_with_no_graded_inspection() -> None:
    la = om.Council("Newtown", "999")
    due = next_inspection(om.History(la), as_at=AS_OF)
    assert (due.last, due.position, due.kind) == (None, None, None)
    assert due.rule.no_window is due.precedent.no_window is NoWindow.NOT_INSPECTED
    assert "no graded inspection" in om.describe(due)


def test_a_grade_the_data_does_not_know_is_not_a_position() -> None:
    la = om.Council("Newtown", "999")
    history = om.History(la, [om.Inspection(la, "SIF", "2016-05-10", grades_known=False)])
    due = next_inspection(history, as_at="2017-01-01")
    assert due.last is not None
    assert due.rule.no_window is due.precedent.no_window is NoWindow.GRADE_UNKNOWN
    assert "does not know its overall effectiveness grade" in om.describe(due)


def test_unknown_fieldwork_start_gives_the_kind_but_no_window() -> None:
    due = next_inspection(datasets.history("Redcar and Cleveland"), as_at=AS_OF)
    assert due.last is not None
    assert due.last.start is None
    assert due.kind is om.InspectionKind.ILACS_SHORT
    assert due.rule.no_window is due.precedent.no_window is NoWindow.FIELDWORK_UNKNOWN
    assert due.precedent.pairs >= MIN_PAIRS  # the precedents are there; the anchor is not


def test_before_ilacs_there_is_no_rule_in_the_table() -> None:
    due = next_inspection(datasets.history("Rotherham"), as_at="2016-01-01")
    assert due.last is not None
    assert due.last.framework is om.Framework.SIF
    assert due.rule.cycle is None
    assert due.rule.no_window is NoWindow.NO_RULE


def test_the_default_date_is_the_datas_own() -> None:
    assert next_inspection(datasets.history("Leeds")).as_at == AS_OF
    la = om.Council("Newtown", "999")
    own = om.History(la, [om.Inspection(la, "ILACS", "2019-06-10", {"overall": "good"})])
    assert next_inspection(own, histories=[own]).as_at == dt.date(2019, 6, 10)


def test_overdue_when_both_windows_have_passed() -> None:
    due = next_inspection(datasets.history("Slough"), as_at="2030-01-01")
    assert due.overdue
    assert "Both windows ended before 1 January 2030" in om.describe(due)
    assert not next_inspection(datasets.history("Slough"), as_at=AS_OF).overdue


def test_json_has_enum_names_iso_dates_and_the_cited_rule() -> None:
    due = next_inspection(datasets.history("Rotherham"), as_at=AS_OF)
    document = json.loads(json.dumps(due.to_json()))
    assert document["as_at"] == "2026-08-22"
    assert document["last"]["kind"] == "ILACS_SHORT"
    assert document["last"]["overall"] == "OUTSTANDING"
    assert document["position"] == {
        "grade": "OUTSTANDING",
        "kind": "ILACS_SHORT",
        "era": "ILACS 2023",
        "framework": "ILACS",
    }
    assert document["rule"]["window"] == {"earliest": "2028-05-03", "latest": "2029-05-03"}
    assert document["rule"]["sources"][0]["url"].startswith("https://")
    assert document["precedent"]["next_kinds"] == {"ILACS_SHORT": 19, "ILACS_STANDARD": 1}
    assert document["description"] == om.describe(due)


def test_lines_for_the_command_line() -> None:
    lines = next_inspection(datasets.history("Brent"), as_at=AS_OF).lines()
    assert lines == [
        "Next inspection, by the rule: kind not given, no date (framework too new)",
        "Next inspection, by precedent: no window (too few councils in the same position)",
    ]


def test_every_council_in_the_bundled_data_is_answered() -> None:
    for history in HISTORIES.values():
        due = next_inspection(history, as_at=AS_OF)
        json.dumps(due.to_json())
        assert om.describe(due)
        # Unknown is never shown as none: a side without a window says why.
        for side in (due.rule, due.precedent):
            assert (side.window is None) is (side.no_window is not None)


# -- the table of rules ---------------------------------------------------------------------------


def test_every_cycle_names_real_eras_and_cites_a_source() -> None:
    names = {era.name for era in ERAS}
    for cycle in CYCLES:
        assert set(cycle.eras) <= names
        assert (cycle.years is None) is (cycle.months is None) is (cycle.no_window is not None)
        assert cycle.sources
        assert all(c.url.startswith("https://") and c.where and c.says for c in cycle.sources)
        if cycle.kind is not None:
            assert cycle.kind.is_graded
            assert cycle.kind in om.Framework.ILACS.kinds


def test_one_cycle_at_most_for_each_era_and_grade() -> None:
    for era in ERAS:
        for grade in [*om.Grade, None]:
            assert sum(c.applies(era.name, grade) for c in CYCLES) <= 1


# -- the backtest ---------------------------------------------------------------------------------

BACKTEST = backtest()


def test_backtest_tries_every_pair_of_ilacs_inspections_the_day_after_the_first() -> None:
    pairs = _ilacs_pairs(HISTORIES.values())
    assert [(t.first, t.second) for t in BACKTEST.trials] == pairs
    for trial in BACKTEST.trials:
        assert trial.outlook.as_at == trial.first.published + dt.timedelta(days=1)
        assert trial.outlook.last is trial.first


def test_backtest_rule_score_is_a_plain_recount() -> None:
    scored = [
        (a, b)
        for a, b in _ilacs_pairs(HISTORIES.values())
        if a.overall in (om.Grade.OUTSTANDING, om.Grade.GOOD, om.Grade.REQUIRES_IMPROVEMENT)
        and a.era.name in ("ILACS 2018", "ILACS 2023")
        and a.start
        and b.start
    ]
    score = BACKTEST.rule()
    assert score.windows == len(scored)
    assert score.hits == sum(_near_third_anniversary(a, b) for a, b in scored)
    assert score.hits + score.early + score.late == score.windows


def test_backtest_scores_by_grade_add_up() -> None:
    for side in (BACKTEST.rule, BACKTEST.precedent):
        whole = side()
        parts = [side(grade) for grade in om.Grade]
        assert sum(p.pairs for p in parts) == whole.pairs == len(BACKTEST.trials)
        assert sum(p.windows for p in parts) == whole.windows
        assert sum(p.hits for p in parts) == whole.hits


def test_backtest_precedent_beats_the_rule() -> None:
    # What the data said at the time caught the next inspection twice as often as the rule.
    rule, precedent = BACKTEST.rule(), BACKTEST.precedent()
    assert rule.share is not None
    assert precedent.share is not None
    assert precedent.share > 2 * rule.share


# -- laws -----------------------------------------------------------------------------------------

CODES = sorted(HISTORIES)
DATES = st.dates(dt.date(2014, 1, 1), AS_OF)


def _published_by(history: om.History, day: dt.date) -> om.History:
    return om.History(history.council, [i for i in history if i.published <= day])


@settings(max_examples=25)
@given(code=st.sampled_from(CODES), day=DATES)
def test_no_peeking_later_reports_change_nothing(code: str, day: dt.date) -> None:
    history = HISTORIES[code]
    seen = next_inspection(history, as_at=day)
    then = {c: _published_by(h, day) for c, h in HISTORIES.items()}
    assert next_inspection(then[code], as_at=day, histories=then).to_json() == seen.to_json()


@given(
    code=st.sampled_from(CODES),
    day=DATES,
    shares=st.lists(st.floats(0.05, 0.95), min_size=2, max_size=2, unique=True),
)
def test_a_wider_coverage_gives_a_window_containing_the_narrower(
    code: str, day: dt.date, shares: list[float]
) -> None:
    narrow, wide = sorted(shares)
    small = next_inspection(HISTORIES[code], as_at=day, coverage=narrow).precedent
    large = next_inspection(HISTORIES[code], as_at=day, coverage=wide).precedent
    assert (small.window is None) is (large.window is None)
    if small.window is not None and large.window is not None:
        assert large.window.earliest <= small.window.earliest <= small.median  # type: ignore[operator]
        assert small.median <= small.window.latest <= large.window.latest  # type: ignore[operator]


@given(history=om.strategies.histories(), day=st.dates(dt.date(2008, 1, 1), dt.date(2035, 1, 1)))
def test_any_history_is_answered_without_error(history: om.History, day: dt.date) -> None:
    due = next_inspection(history, as_at=day, histories=[history])
    assert isinstance(due, NextInspection)
    json.dumps(due.to_json())
    for side in (due.rule, due.precedent):
        assert (side.window is None) is (side.no_window is not None)
    if due.rule.window is not None:
        assert due.last is not None
        assert due.last.start is not None
        anniversary = due.last.start + relativedelta(years=3)
        assert due.rule.window.earliest == anniversary - relativedelta(months=6)
        assert due.rule.window.latest == anniversary + relativedelta(months=6)


# -- bad input ------------------------------------------------------------------------------------


def test_a_history_that_is_not_one() -> None:
    with pytest.raises(om.HistoryError) as caught:
        next_inspection("Rotherham")  # type: ignore[arg-type]
    assert caught.value.field == "history"
    assert "'Rotherham' is not a History" in str(caught.value)


def test_a_date_that_is_not_one() -> None:
    with pytest.raises(om.DateError) as caught:
        next_inspection(datasets.history("Leeds"), as_at="31/02/2020")
    assert caught.value.field == "as_at"


@pytest.mark.parametrize("coverage", [0, 1, 1.5, -0.2, True, "0.8", None])
def test_a_coverage_that_is_not_a_share(coverage: object) -> None:
    with pytest.raises(om.OfstedModelError) as caught:
        next_inspection(datasets.history("Leeds"), coverage=coverage)  # type: ignore[arg-type]
    assert caught.value.field == "coverage"
    assert caught.value.value == coverage
    with pytest.raises(om.OfstedModelError):
        backtest(coverage=coverage)  # type: ignore[arg-type]


def test_histories_that_are_not_histories() -> None:
    with pytest.raises(om.HistoryError) as caught:
        next_inspection(datasets.history("Leeds"), histories=42)
    assert caught.value.field == "histories"


def test_a_window_the_wrong_way_round() -> None:
    with pytest.raises(om.OfstedModelError) as caught:
        Window(dt.date(2029, 1, 1), dt.date(2028, 1, 1))
    assert caught.value.field == "latest"


def test_the_caveat_on_a_new_era_says_whether_it_is_already_in_force() -> None:
    # Found by a new user: "By then ILACS 2026 will be in force" when it already was, and no
    # caveat at all for a window running into ILACS 2026 from before it.
    histories = om.datasets.histories()
    for name in ("Westmorland and Furness", "Barking and Dagenham"):
        due = om.next_inspection(om.datasets.history(name), histories=histories)
        assert due.rule.next_era == "ILACS 2026"
        assert "ILACS 2026 is now in force, and its rule may differ." in om.describe(due)
    early = om.next_inspection(
        om.datasets.history("Barking and Dagenham"), as_at="2025-06-01", histories=histories
    )
    assert "By then ILACS 2026 will be in force" in om.describe(early)

"""standings: examples on the bundled data, recounts by plain loops, laws on generated
histories, and bad input."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import names_aside
from ofstedmodel import Category as C
from ofstedmodel import Grade as G
from ofstedmodel import datasets
from ofstedmodel.history import snapshot_date
from ofstedmodel.standing import Standing, Standings, command, standings

HISTORIES = datasets.histories()
SNAPSHOT = standings(HISTORIES)
DAYS = [dt.date(year, 3, 31) for year in range(2010, 2027)] + [datasets.as_of]


def _run_by_loop(history: om.History, day: dt.date, category: C) -> tuple[G | None, list[dt.date]]:
    """The grade in force and the publication dates of its run, by scanning the council's
    inspections from the start: the last graded inspection published by ``day`` that settles
    the category gives the grade; a run restarts whenever an inspection settling the
    category gives anything else (another grade, an unknown grade, or none)."""
    grade: G | None = None
    run: list[dt.date] = []
    for inspection in history.inspections:
        if not inspection.kind.is_graded or inspection.published > day:
            continue
        if not inspection.covers(category):
            continue
        given = (
            inspection.get(category)
            if category in inspection.era.labels and inspection.knows(category)
            else None
        )
        if given is not None and given is grade:
            run.append(inspection.published)
        else:
            grade, run = given, [inspection.published] if given is not None else []
    return grade, run


# -- examples on the bundled data --------------------------------------------------------------


def test_rotherham_over_time() -> None:
    now = SNAPSHOT.council("Rotherham")
    assert (now.grade, now.since, now.in_a_row) == (G.OUTSTANDING, dt.date(2025, 12, 16), 1)
    assert now.as_at == datasets.as_of == SNAPSHOT.as_at
    earlier = standings(HISTORIES, as_at="2024-03-31").council("372")
    assert (earlier.grade, earlier.since, earlier.in_a_row) == (G.GOOD, dt.date(2018, 1, 29), 2)
    assert earlier.held == relativedelta(years=6, months=2, days=2)
    assert [i.published for i in earlier.run] == [dt.date(2018, 1, 29), dt.date(2022, 8, 12)]
    assert earlier.in_force is earlier.run[-1]
    # After the 2014 inspection and before the re-inspection's report.
    low = standings(HISTORIES, as_at="2017-12-31").council("Rotherham")
    assert (low.grade, low.since, low.in_a_row) == (G.INADEQUATE, dt.date(2014, 11, 19), 1)


def test_a_run_across_frameworks_says_where_the_definition_changed() -> None:
    # Rotherham: adequate in the 2010 SLAC inspection and the 2012 child protection one.
    row = standings(HISTORIES, as_at="2013-12-31").council("Rotherham")
    assert (row.grade, row.since, row.in_a_row) == (G.ADEQUATE, dt.date(2010, 8, 27), 2)
    (change,) = row.definition_changes
    assert change.after_inspection.published == dt.date(2012, 8, 10)
    assert change.before_inspection.era.name == "SLAC"
    assert change.after_inspection.era.name == "CP2012"
    text = om.describe(row)
    assert "“Overall effectiveness of safeguarding services”" in text
    assert (
        "“Overall effectiveness of the arrangements to protect children” from 10 August 2012"
        in (text)
    )


def test_adequate_then_requires_improvement_is_two_runs() -> None:
    # Devon: adequate (SLAC 2009), inadequate (2013), requires improvement (2015); a made-up
    # council below is adequate then requires improvement: a new run at the second.
    la = om.Council("Camden", "202")
    history = om.History(
        la,
        [
            om.Inspection(la, "SLAC", "2011-06-01", {"overall": "adequate"}),
            om.Inspection(la, "SIF", "2015-03-01", {"overall": "requires improvement"}),
        ],
    )
    row = standings([history], as_at="2016-01-01")[0]
    assert (row.grade, row.since, row.in_a_row) == (G.REQUIRES_IMPROVEMENT, dt.date(2015, 3, 1), 1)
    assert "has been judged requires improvement to be good" in om.describe(row)


def test_the_council_inadequate_longest_is_one_call_and_describe() -> None:
    longest = SNAPSHOT.where(grade="inadequate").sorted_by("since")[0]
    assert longest.council.name == "Devon"
    assert (longest.since, longest.in_a_row) == (dt.date(2020, 3, 17), 2)
    assert om.describe(longest) == (
        "Devon has been inadequate for overall effectiveness since 17 March 2020, two "
        "inspections in a row: 6 years, 5 months and 5 days as at 22 August 2026."
    )
    # Against a plain loop over every council.
    expected = min(
        (run[0], h.council.name)
        for h in HISTORIES.values()
        if h.council.existed_on(datasets.as_of)
        for grade, run in [_run_by_loop(h, datasets.as_of, C.OVERALL_EFFECTIVENESS)]
        if grade is G.INADEQUATE
    )
    assert (longest.since, longest.council.name) == expected


@pytest.mark.parametrize("category", [C.OVERALL_EFFECTIVENESS, C.CHILDREN_IN_CARE, C.CARE_LEAVERS])
@pytest.mark.parametrize("day", [*DAYS[::4], datasets.as_of], ids=str)
def test_every_council_equals_a_plain_loop(category: C, day: dt.date) -> None:
    table = standings(HISTORIES, as_at=day, category=category)
    assert len(table) == len(HISTORIES)
    for row, history in zip(table, HISTORIES.values(), strict=True):
        assert row.council is history.council
        if not history.council.existed_on(day):
            assert (row.grade, row.reason) == (None, om.LeftOut.NOT_EXISTING)
            continue
        grade, run = _run_by_loop(history, day, category)
        assert row.grade is grade
        assert [i.published for i in row.run] == run
        assert row.grade is history.grade_as_at(day, category)


def test_no_grade_in_force_is_listed_with_why() -> None:
    reasons = {row.council.name: row.reason for row in SNAPSHOT if row.grade is None}
    assert {name for name, r in reasons.items() if r is om.LeftOut.NOT_EXISTING} == {
        "Bournemouth",
        "Cumbria",
        "Dorset County Council",
        "Northamptonshire",
        "Poole",
    }
    # The 2026 framework gives no overall effectiveness grade.
    given = [row for row in SNAPSHOT if row.reason is om.LeftOut.NOT_GIVEN]
    assert given
    assert all(row.in_force is not None and row.in_force.era.name == "ILACS 2026" for row in given)
    summary = om.summarise(HISTORIES, as_at=datasets.as_of)
    assert dict(summary.left_out) == dict(SNAPSHOT.left_out)
    assert dict(summary.counts) == dict(SNAPSHOT.counts)
    text = om.describe(SNAPSHOT.council("Cumbria"))
    assert text == "Cumbria did not exist on 22 August 2026: it was abolished on 1 April 2023."


def test_a_grade_the_data_does_not_know_is_never_none() -> None:
    # SLAC's capacity to improve is in force early on and no source holds it.
    table = standings(HISTORIES, as_at="2011-03-31", category="capacity to improve safeguarding")
    unknown = table.where(reason="grade not known")
    assert len(unknown) == om.summarise(HISTORIES, table.as_at, table.category).unknown > 50
    assert all(row.grade is None and row.in_force is not None for row in unknown)
    assert "but the data does not know the grade" in om.describe(unknown[0])
    paragraph = om.describe(table)
    assert f"For {len(unknown)} councils a grade was in force that the data does not know." in (
        paragraph
    )
    assert "No capacity to improve safeguarding grade was in force for" in paragraph
    assert table.to_json()["standings"][0]["reason"] in {"UNKNOWN", "NOT_INSPECTED"}


def test_the_default_date_is_the_data_snapshot() -> None:
    assert SNAPSHOT.as_at == datasets.as_of
    assert snapshot_date(HISTORIES) == datasets.as_of
    # One rule for every default date (snapshot_date): histories that are not a Snapshot, even
    # bundled ones, run to their latest publication.
    assert standings([HISTORIES["372"]]).as_at == HISTORIES["372"].inspections[-1].published
    # A history built by the user: its latest publication.
    la = om.Council("Rotherham", "372")
    own = om.History(la, [om.Inspection(la, "SIF", "2018-01-29", {"overall": "good"})])
    assert standings([own]).as_at == dt.date(2018, 1, 29)
    with pytest.raises(om.HistoryError) as caught:
        standings([om.History(la)])
    assert caught.value.field == "as_at"


def test_published_by_counts_as_the_releases_since_2024() -> None:
    camden = HISTORIES["202"]  # fieldwork from 3 March 2025, published 15 April 2025
    before = standings([camden], as_at="2025-03-31")[0]
    after = standings([camden], as_at="2025-03-31", published_by="2025-06-30")[0]
    assert before.in_force is not None
    assert before.in_force.published == dt.date(2022, 6, 21)
    assert after.in_force is camden.as_at("2025-03-31", published_by="2025-06-30")
    assert after.in_a_row == before.in_a_row + 1  # outstanding again
    lagged = standings([camden], as_at="2025-03-31", published_by=relativedelta(months=3))
    assert lagged.published_by == dt.date(2025, 6, 30)
    assert lagged[0] == after
    assert "counting reports published by 30 June 2025" in om.describe(lagged)
    # A first grade counted before its report is published has held for no time yet.
    la = om.Council("Merton", "315")
    merton = om.History(
        la,
        [om.Inspection(la, "ILACS", "2025-04-15", {"overall": "good"}, start="2025-03-03")],
    )
    row = standings([merton], as_at="2025-03-31", published_by="2025-06-30")[0]
    assert row.since == dt.date(2025, 4, 15)
    assert row.held == relativedelta()


# -- choosing, ordering, grouping ---------------------------------------------------------------


def test_where_filters_by_every_key_and_keeps_the_rest() -> None:
    london = SNAPSHOT.where(region="London")
    assert london
    assert all(row.council.region is om.Region.LONDON for row in london)
    assert isinstance(london, Standings)
    assert london.as_at == SNAPSHOT.as_at
    north = SNAPSHOT.where(ofsted_region="North East, Yorkshire and the Humber")
    assert {row.council.region for row in north} == {
        om.Region.NORTH_EAST,
        om.Region.YORKSHIRE_AND_THE_HUMBER,
    }
    counties = SNAPSHOT.where(kind="county", grade=["good", G.OUTSTANDING])
    assert all(
        row.council.kind is om.CouncilKind.COUNTY and row.grade in (G.GOOD, G.OUTSTANDING)
        for row in counties
    )
    by_hand = [
        row
        for row in SNAPSHOT
        if row.council.kind is om.CouncilKind.COUNTY and row.grade in (G.GOOD, G.OUTSTANDING)
    ]
    assert list(counties) == by_hand
    assert len(SNAPSHOT.where(grade="inadequate")) == SNAPSHOT.counts[G.INADEQUATE]
    assert SNAPSHOT.where() == SNAPSHOT


def test_sorted_by_keeps_rows_with_nothing_to_sort_by_last() -> None:
    for reverse in (False, True):
        ordered = SNAPSHOT.sorted_by("since", reverse=reverse)
        dates = [row.since for row in ordered]
        known = [d for d in dates if d is not None]
        assert known == sorted(known, reverse=reverse)
        assert dates[len(known) :] == [None] * (len(dates) - len(known))
    held = SNAPSHOT.sorted_by("held")
    assert [r.since for r in held.graded] == sorted(
        (r.since for r in SNAPSHOT.graded if r.since), reverse=True
    )
    worst = SNAPSHOT.sorted_by("grade")[0]
    assert worst.grade is G.INADEQUATE
    names = [row.council.name for row in SNAPSHOT.sorted_by(lambda row: row.council.la_code)]
    assert names[0] == min(HISTORIES.values(), key=lambda h: h.council.la_code).council.name


def test_group_by_gives_each_group_in_order() -> None:
    groups = SNAPSHOT.group_by("region")
    assert list(groups) == [r for r in om.Region if r in groups]
    assert sum(len(rows) for rows in groups.values()) == len(SNAPSHOT)
    assert all(row.council.region is region for region, rows in groups.items() for row in rows)


def test_a_slice_is_standings_and_a_row_is_a_standing() -> None:
    assert isinstance(SNAPSHOT[1:3], Standings)
    assert len(SNAPSHOT[1:3]) == 2
    assert isinstance(SNAPSHOT[-1], Standing)
    assert SNAPSHOT.council(HISTORIES["372"].council) is SNAPSHOT.council("rotherham")


# -- in words, as data, on the command line ----------------------------------------------------

_GRAMMAR = {
    "grade not an adjective after a verb": re.compile(r"\b(?:is|was|were|been|stayed) requires"),
    "a Python value": re.compile(r"\bNone\b|[<>{}]"),
    "a doubled space or word": re.compile(r"(?i)  |\b([a-z]+) \1\b"),
    "a count that does not agree": re.compile(
        r"(?<![\w,])1 (?:councils|inspections|years|months|days)\b|"
        r"\b(?:[02-9]|\d\d+) (?:council|inspection|year|month|day)\b"
    ),
    "stray punctuation": re.compile(r"\s[.,;:)]|[,;:]\.|\.\."),
}


def _grammatical(text: str, *, made_up_names: bool = False) -> list[str]:
    """The rules ``text`` breaks; with ``made_up_names`` (generated councils, whose names may
    repeat a word), only those a name cannot break."""
    rules = {
        name: rule
        for name, rule in _GRAMMAR.items()
        if not made_up_names or name.startswith(("grade", "a Python", "stray"))
    }
    wrong = [name for name, rule in rules.items() if rule.search(text)]
    if not text.endswith(".") or not (made_up_names or text[:1].isupper()):
        wrong.append("not a sentence")
    return wrong


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_every_description_reads(day: dt.date) -> None:
    for category in (C.OVERALL_EFFECTIVENESS, C.CARE_LEAVERS, C.CAPACITY_TO_IMPROVE_SAFEGUARDING):
        table = standings(HISTORIES, as_at=day, category=category)
        for text in [om.describe(table), *(om.describe(row) for row in table)]:
            assert _grammatical(text) == [], text


def test_the_paragraph_names_the_longest_held_grades() -> None:
    text = om.describe(SNAPSHOT)
    assert text.startswith(
        "As at 22 August 2026, of 153 councils, 11 stood at inadequate for overall "
        "effectiveness, 24 at requires improvement to be good, 61 at good and 46 at outstanding."
    )
    assert "inadequate, Devon since 17 March 2020 (two inspections in a row)" in text
    assert "outstanding, Kensington and Chelsea, and Westminster, both since 29 March 2016" in text
    assert "The data also holds 5 councils that did not exist then" in text


def test_to_json_is_plain_data_in_the_wire_vocabulary() -> None:
    data = json.loads(json.dumps(SNAPSHOT.to_json()))
    assert data["category"] == "OVERALL_EFFECTIVENESS"
    assert data["as_at"] == "2026-08-22"
    row = next(r for r in data["standings"] if r["council"]["la_code"] == "372")
    assert row["grade"] == "OUTSTANDING"
    assert row["council"]["region"] == "YORKSHIRE_AND_THE_HUMBER"
    assert row["in_force"]["kind"] == "ILACS_SHORT"
    assert row["held"] == {"years": 0, "months": 8, "days": 6}
    gone = next(r for r in data["standings"] if r["council"]["la_code"] == "909")
    assert (gone["grade"], gone["reason"], gone["since"]) == (None, "NOT_EXISTING", None)


def test_command_gives_text_and_json() -> None:
    text, data = command(HISTORIES, grade="inadequate", by="region")
    assert json.loads(json.dumps(data)) == data
    assert {r["grade"] for r in data["standings"]} == {"INADEQUATE"}
    assert data["standings"][0]["council"]["name"] == "Devon"
    assert sum(len(g["councils"]) for g in data["groups"]) == len(data["standings"])
    assert data["groups"][0]["group"] == "NORTH_WEST"
    assert "Devon" in text
    assert "North West" in text
    assert data["description"] in text
    _, everything = command(HISTORIES, as_at="2024-03-31")
    assert everything["groups"] == []
    assert len(everything["standings"]) == len(HISTORIES)
    grades = [r["grade"] for r in everything["standings"]]
    assert grades.index("INADEQUATE") < grades.index("GOOD") < grades.index(None)


# -- laws on generated histories ---------------------------------------------------------------


@st.composite
def populations(draw: st.DrawFn) -> list[om.History]:
    from ofstedmodel import strategies as oms

    councils = draw(st.lists(oms.councils(), max_size=5, unique_by=lambda c: c.la_code))
    return [draw(oms.histories(council=council, max_size=6)) for council in councils]


DATES = st.dates(dt.date(2009, 1, 1), dt.date(2031, 12, 31))


@given(populations(), DATES, st.sampled_from(list(C)))
def test_standings_agree_with_as_at_for_every_council(
    population: list[om.History], day: dt.date, category: C
) -> None:
    table = standings(population, as_at=day, category=category)
    assert [row.council for row in table] == [h.council for h in population]
    summary = om.summarise(population, as_at=day, category=category)
    assert dict(table.left_out) == dict(summary.left_out)
    for row, history in zip(table, population, strict=True):
        if not history.council.existed_on(day):
            assert row.reason is om.LeftOut.NOT_EXISTING
            continue
        assert row.grade is history.grade_as_at(day, category)
        if row.grade is None:
            assert row.reason is not None
            assert row.run == ()
            assert row.held is None
            continue
        assert row.reason is None
        assert row.in_force is history.as_at(day, category)
        assert row.run[-1] is row.in_force
        assert all(i.get(category) is row.grade for i in row.run)
        assert row.since is not None
        assert row.since <= day
        assert row.held is not None
        assert day == row.since + row.held
        # The run is unbroken and cannot be extended: no inspection settling the category
        # between its ends, and the one before it gave something else.
        settling = [
            i
            for i in history.graded
            if i.covers(category) and i.published <= row.in_force.published
        ]
        start = settling.index(row.run[0])
        assert settling[start:] == list(row.run)
        if start:
            assert settling[start - 1].get(category) is not row.grade or not settling[
                start - 1
            ].knows(category)
        assert _grammatical(names_aside(om.describe(row), [row.council]), made_up_names=True) == []


@given(populations(), DATES)
def test_filters_and_orders_only_rearrange(population: list[om.History], day: dt.date) -> None:
    table = standings(population, as_at=day)
    for grade in G:
        assert all(row.grade is grade for row in table.where(grade=grade))
    assert sorted(map(id, table.sorted_by("since"))) == sorted(map(id, table))
    assert sum(len(rows) for rows in table.group_by("kind").values()) == len(table)
    text = names_aside(om.describe(table), (h.council for h in population))
    assert _grammatical(text, made_up_names=True) == []


# -- bad input -----------------------------------------------------------------------------------


def test_bad_input_raises_with_data() -> None:
    with pytest.raises(om.DateError) as date:
        standings(HISTORIES, as_at="31/03/2024")
    assert date.value.field == "as_at"
    with pytest.raises(om.CategoryError) as category:
        standings(HISTORIES, category="adoptoin")
    assert (category.value.field, category.value.value, category.value.suggestion) == (
        "category",
        "adoptoin",
        "adoption",
    )
    with pytest.raises(om.GradeError) as grade:
        SNAPSHOT.where(grade="goood")
    assert (grade.value.field, grade.value.suggestion, grade.value.vocabulary) == (
        "grade",
        "good",
        "Grade",
    )
    with pytest.raises(om.CouncilError) as region:
        SNAPSHOT.where(region="Londn")
    assert region.value.field == "region"
    assert region.value.suggestion == "london"
    with pytest.raises(om.OfstedModelError) as key:
        SNAPSHOT.sorted_by("longest")
    assert (key.value.field, key.value.rule) == ("key", "not a sort key")
    with pytest.raises(om.OfstedModelError) as by:
        SNAPSHOT.group_by("county")
    assert by.value.field == "by"
    with pytest.raises(om.CouncilError) as council:
        SNAPSHOT.council("Rotheram")
    assert council.value.field == "council"
    assert "Rotherham" in str(council.value)
    with pytest.raises(om.HistoryError):
        standings("Rotherham")  # type: ignore[arg-type]
    with pytest.raises(om.DateError):
        standings(HISTORIES, as_at="2024-03-31", published_by="2024-01-01")
    with pytest.raises(om.OfstedModelError) as index:
        SNAPSHOT["Rotherham"]  # type: ignore[call-overload]
    assert index.value.field == "index"
    with pytest.raises(om.OfstedModelError):
        SNAPSHOT[1000]


def test_a_standing_is_checked_at_construction() -> None:
    row = SNAPSHOT.council("Devon")
    with pytest.raises(om.HistoryError) as both:
        Standing(row.council, row.category, row.as_at, row.grade, row.run, om.LeftOut.UNKNOWN)
    assert both.value.rule == "a grade or a reason"
    with pytest.raises(om.HistoryError) as other:
        Standing(row.council, row.category, row.as_at, G.GOOD, row.run, in_force=row.in_force)
    assert other.value.field == "run"
    with pytest.raises(om.HistoryError) as short:
        Standing(row.council, row.category, row.as_at, row.grade, row.run[:1], in_force=None)
    assert short.value.rule == "a run ends with the inspection in force"


def test_public_names() -> None:
    # Wired into `import ofstedmodel as om` by the package's __init__.
    assert om.standings is standings


def test_a_grade_no_council_held_is_said_so_not_that_no_council_had_a_grade() -> None:
    # Found by a new user: `standings --grade adequate` said "no council had an overall
    # effectiveness grade in force" while 142 had one.
    table = om.standings(om.datasets.histories(), as_at="2026-08-22")
    text = om.describe(table.where(grade="adequate"))
    assert text == "As at 22 August 2026, no council stood at adequate for overall effectiveness."
    chosen = table.where(region="North East").where(grade=["adequate", "inadequate"])
    assert not chosen
    assert om.describe(chosen) == (
        "As at 22 August 2026, no council among the councils chosen stood at inadequate or "
        "adequate for overall effectiveness."
    )
    neither = table.where(grade="good").where(grade="outstanding")
    assert neither.grades == frozenset()
    assert om.describe(neither).endswith("no council had all the grades asked for.")

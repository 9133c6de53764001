"""The bundled national dataset, ``ofstedmodel.datasets``: complete, correct where the source
is wrong, found by any key, lazy and up to date with ``data/raw``."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from conftest import RAW, ROOT
from ofstedmodel import (
    Category,
    CouncilError,
    CouncilKind,
    Framework,
    Grade,
    Inspection,
    InspectionKind,
    Region,
    datasets,
)

PACKAGE_DATA = resources.files("ofstedmodel.datasets")
DATA_FILES = ("ofsted.csv", "meta.json", "DATA-NOTES.md")

C = Category
G = Grade


def raw_rows(name: str) -> list[dict[str, str]]:
    with (RAW / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def published(key: object, day: dt.date) -> Inspection:
    """The one inspection of the council ``key`` names published on ``day``."""
    (found,) = [i for i in datasets.history(key) if i.published == day]
    return found


# -- councils -------------------------------------------------------------------------------


def test_every_council_of_the_lookup_current_and_former() -> None:
    councils = datasets.councils()
    assert len(councils) == 158
    assert sum(c.is_current for c in councils) == 153
    # The lookup's 156 and the two former councils it lacks.
    assert {c.la_code for c in councils} == {
        row["la_code"] for row in raw_rows("d2i-la-lookup.csv")
    } | {"835", "837"}
    assert len(datasets.register()) == 158


def test_councils_carry_the_lookup_identifiers() -> None:
    rotherham = datasets.council("Rotherham")
    assert (rotherham.la_code, rotherham.gss_code, rotherham.urn) == ("372", "E08000018", "80543")
    assert rotherham.region is Region.YORKSHIRE_AND_THE_HUMBER
    assert rotherham.kind is CouncilKind.METROPOLITAN_DISTRICT
    assert rotherham.population_0_25 == 78881
    assert rotherham.statistical_neighbours == (
        "370", "357", "371", "384", "894", "332", "807", "394", "390", "840"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("909", Region.NORTH_WEST),  # Cumbria: region_code 'NotKnown'
        ("887", Region.SOUTH_EAST),  # Medway: region_code empty
        ("825", Region.SOUTH_EAST),  # Buckinghamshire: rgn22cd says East Midlands
        ("916", Region.SOUTH_WEST),  # Gloucestershire: rgn22cd says Yorkshire and the Humber
    ],
)
def test_regions_decided_where_the_lookup_disagrees_with_itself(code: str, region: Region) -> None:
    council = datasets.council(code)
    assert council.region is region
    assert any(n.startswith(f"Region: {council.name} ({code})") for n in datasets.notes())


def test_every_council_has_a_region_and_a_kind_from_its_gss_code() -> None:
    prefixes = {
        "E06": CouncilKind.UNITARY_AUTHORITY,
        "E08": CouncilKind.METROPOLITAN_DISTRICT,
        "E09": CouncilKind.LONDON_BOROUGH,
        "E10": CouncilKind.COUNTY,
    }
    for council in datasets.councils():
        assert council.region is not None, council
        assert council.gss_code is not None, council
        assert council.kind is prefixes[council.gss_code[:3]], council


@pytest.mark.parametrize("key", ["Cumberland", "Westmorland and Furness", "North Yorkshire"])
def test_kind_follows_the_gss_code_where_ons_la_type_says_county(key: str) -> None:
    council = datasets.council(key)
    assert council.kind is CouncilKind.UNITARY_AUTHORITY
    assert any(n.startswith(f"Kind: {council.name}") for n in datasets.notes())


def test_missing_and_doubtful_populations_are_unknown_and_noted() -> None:
    for key in ("Cumberland", "Westmorland and Furness", "Poole", "Northamptonshire"):
        council = datasets.council(key)
        assert council.population_0_25 is None
        assert any(n.startswith(f"Population: {council.name}") for n in datasets.notes())
    assert datasets.council("Cumbria").population_0_25 == 128211


@pytest.mark.parametrize(
    ("former", "abolished", "successors"),
    [
        ("836", dt.date(2019, 4, 1), ("839",)),
        ("837", dt.date(2019, 4, 1), ("839",)),
        ("835", dt.date(2019, 4, 1), ("838",)),
        ("928", dt.date(2021, 4, 1), ("940", "941")),
        ("909", dt.date(2023, 4, 1), ("942", "943")),
    ],
)
def test_former_councils_and_their_successors_linked_both_ways(
    former: str, abolished: dt.date, successors: tuple[str, ...]
) -> None:
    council = datasets.council(former)
    assert not council.is_current
    assert council.abolished == abolished
    assert council.successors == successors
    assert council.statistical_neighbours == ()
    for code in successors:
        successor = datasets.council(code)
        assert successor.is_current
        assert successor.created == abolished
        assert former in successor.predecessors
    assert datasets.council("839").predecessors == ("836", "837")


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("Dorset County Council", "835"),
        ("Dorset", "838"),
        ("Bournemouth", "837"),
        ("Poole", "836"),
        ("Bournemouth, Christchurch and Poole", "839"),
        ("Northamptonshire", "928"),
        ("Cumbria", "909"),
        ("E10000009", "835"),
        ("80434", "837"),
        ("E08000016", "370"),  # Barnsley's GSS code before 2022
    ],
)
def test_former_councils_are_found_by_their_own_names_and_codes(key: str, code: str) -> None:
    assert datasets.council(key).la_code == code


def test_dorset_county_council_and_bournemouth_from_the_codes_file_and_ofsted() -> None:
    dorset = datasets.council("Dorset")
    assert (dorset.la_code, dorset.created, dorset.predecessors) == (
        "838", dt.date(2019, 4, 1), ("835",)
    )  # fmt: skip
    county = datasets.council("835")
    assert (county.name, county.gss_code, county.urn) == (
        "Dorset County Council", "E10000009", "80463"
    )  # fmt: skip
    assert (county.region, county.kind) == (Region.SOUTH_WEST, CouncilKind.COUNTY)
    bournemouth = datasets.council("837")
    assert (bournemouth.gss_code, bournemouth.urn) == ("E06000028", "80434")
    assert bournemouth.kind is CouncilKind.UNITARY_AUTHORITY
    assert any("Dorset County Council (835) is not in the lookup" in n for n in datasets.notes())


@pytest.mark.parametrize(
    ("code", "urn"), [("909", "80457"), ("836", "80433"), ("928", None)]
)  # fmt: skip
def test_the_lookups_wrong_urns_are_corrected_and_noted(code: str, urn: str | None) -> None:
    council = datasets.council(code)
    assert council.urn == urn
    assert any(n.startswith(f"Councils: {council.name} ({code}): the lookup's URN") for n in
               datasets.notes())  # fmt: skip


def test_only_reorganised_councils_have_lineage() -> None:
    lineage = {c.la_code for c in datasets.councils() if c.created or c.abolished}
    assert lineage == {
        "835", "836", "837", "839", "838", "928", "940", "941", "909", "942", "943"
    }  # fmt: skip


def test_statistical_neighbours_resolve_to_current_councils() -> None:
    register = datasets.register()
    for council in datasets.councils():
        if not council.is_current:
            continue
        assert len(council.statistical_neighbours) == 10, council
        for code in council.statistical_neighbours:
            assert register.find(code).is_current


# -- finding a council ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("Bristol", "801"),
        ("bristol, city of", "801"),
        ("Bristol City Council", "801"),
        ("City of Bristol", "801"),
        ("Kingston upon Hull", "810"),
        ("Hull", "810"),
        ("Kingston Upon Hull, City of", "810"),
        ("Telford & Wrekin", "894"),
        ("telford and wrekin council", "894"),
        ("E08000018", "372"),
        ("e08000018", "372"),
        (372, "372"),
        ("372", "372"),
        ("80543", "372"),
        (80543, "372"),
        ("Rotherham Metropolitan Borough Council", "372"),
        ("BCP", "839"),
        ("Bournemouth, Christchurch & Poole", "839"),
        ("Poole", "836"),
        ("Bedford", "822"),
        ("County Durham", "840"),
        ("St Helens", "342"),
        ("Windsor & Maidenhead", "868"),
        ("Royal Borough of Windsor and Maidenhead", "868"),
        ("london corporation", "201"),
        ("City of London", "201"),
        ("Cumbria", "909"),
        ("E06000063", "942"),
    ],
)
def test_council_by_any_key(key: object, code: str) -> None:
    assert datasets.council(key).la_code == code
    assert datasets.history(key).council.la_code == code


@pytest.mark.parametrize(
    ("key", "closest"),
    [("Rotheram", "Rotherham"), ("Bristle", "Bristol, City of"), ("Lester", "Leicester")],
)
def test_an_unknown_key_names_the_closest_councils(key: str, closest: str) -> None:
    with pytest.raises(CouncilError, match=f"closest: .*{closest}"):
        datasets.council(key)
    with pytest.raises(CouncilError):
        datasets.history(key)


@pytest.mark.parametrize("key", ["999", 999, "E06999999", "1", None, 3.5, ""])
def test_a_key_that_is_no_council_is_a_council_error(key: object) -> None:
    with pytest.raises(CouncilError):
        datasets.council(key)


# -- histories ------------------------------------------------------------------------------


def test_every_report_of_the_history_file_is_an_inspection() -> None:
    """Every D2I row is an inspection, published within a week of D2I's date (Ofsted's table
    wins where they differ, each difference noted), with D2I's link as its source; but for
    one file that is not an inspection of its own and four links that are not reports."""
    rows = raw_rows("d2i-ilacs-history.csv")
    assert len(rows) == 497
    error_pages = {("330", "2012-10-19"), ("890", "2012-07-13"), ("305", "2012-08-17"),
                   ("372", "2012-08-10")}  # fmt: skip
    for row in rows:
        council = datasets.council(row["urn"])
        day = dt.datetime.strptime(row["publication_date"], "%d/%m/%y").date()
        near = [i for i in datasets.history(council) if abs((i.published - day).days) <= 7]
        if (council.la_code, day) == ("936", dt.date(2015, 8, 3)):
            assert [i.published for i in near] == [dt.date(2015, 8, 3) - dt.timedelta(0)] or not [
                i for i in near if i.published == day
            ]
            assert any("published 2015-08-03 only in" in n for n in datasets.notes())
            continue
        (inspection,) = near
        if inspection.published != day:
            assert any(
                n.startswith(f"Disagreements: {council.name} ({council.la_code})")
                and day.isoformat() in n
                for n in datasets.notes()
            ), (council, day)
        if (council.la_code, day.isoformat()) in error_pages:
            assert inspection.source != row["inspection_link"]
        else:
            assert inspection.source == row["inspection_link"]


def test_histories_cover_every_council_and_are_read_only() -> None:
    histories = datasets.histories()
    assert set(histories) == {c.la_code for c in datasets.councils()}
    assert all(code == h.council.la_code for code, h in histories.items())
    for former in ("835", "836", "837", "909", "928"):
        council = datasets.council(former)
        assert len(histories[former]) >= 2  # each had its own inspections
        assert all(i.published < council.abolished for i in histories[former])  # type: ignore[operator]
    with pytest.raises(TypeError):
        histories["372"] = histories["373"]  # type: ignore[index]


def test_rotherham_overall_grades_in_order() -> None:
    overall = [(i.published, i.overall) for i in datasets.history("Rotherham").graded]
    assert overall == [
        (dt.date(2010, 8, 27), G.ADEQUATE),
        (dt.date(2012, 8, 10), G.ADEQUATE),
        (dt.date(2014, 11, 19), G.INADEQUATE),
        (dt.date(2018, 1, 29), G.GOOD),
        (dt.date(2022, 8, 12), G.GOOD),
        (dt.date(2025, 12, 16), G.OUTSTANDING),
    ]


def test_rotherham_2018_sif_judgements_from_known_judgements() -> None:
    sif = published("Rotherham", dt.date(2018, 1, 29))
    assert sif.framework is Framework.SIF
    assert (sif.start, sif.end) == (dt.date(2017, 11, 6), dt.date(2017, 11, 30))
    assert {j.category: j.grade for j in sif} == {
        C.OVERALL_EFFECTIVENESS: G.GOOD,
        C.HELP_AND_PROTECTION: G.GOOD,
        C.CHILDREN_IN_CARE: G.REQUIRES_IMPROVEMENT,
        C.ADOPTION: G.GOOD,
        C.CARE_LEAVERS: G.OUTSTANDING,
        C.LEADERSHIP: G.GOOD,
    }
    assert sif.source == "https://files.ofsted.gov.uk/v1/file/2761996"  # the history row's link


def test_leeds_2015_sif_grades_from_known_judgements() -> None:
    sif = published("Leeds", dt.date(2015, 3, 27))
    assert sif.framework is Framework.SIF
    assert sif.grades_known
    assert (sif.start, sif.end) == (dt.date(2015, 1, 20), dt.date(2015, 2, 11))
    assert sif.overall is G.GOOD
    assert sif[C.LEADERSHIP] is G.OUTSTANDING
    assert sif[C.CHILDREN_IN_CARE] is G.GOOD


def test_every_known_judgement_row_is_merged() -> None:
    columns = {
        "overall": C.OVERALL_EFFECTIVENESS,
        "help_and_protection": C.HELP_AND_PROTECTION,
        "children_in_care": C.CHILDREN_IN_CARE,
        "adoption": C.ADOPTION,
        "care_leavers": C.CARE_LEAVERS,
        "leadership": C.LEADERSHIP,
    }
    for row in raw_rows("known-judgements.csv"):
        inspection = published(row["la_code"], dt.date.fromisoformat(row["published"]))
        assert inspection.framework is Framework.parse(row["framework"])
        expected = {c: Grade.parse(row[col]) for col, c in columns.items() if row[col]}
        got = {j.category: j.grade for j in inspection}
        assert {c: got.get(c) for c in expected} == expected  # Ofsted's table adds the LSCB
        assert any(row["source"] in n for n in datasets.notes())


def test_norfolk_2015_grades_from_ofsted_and_dates_from_the_report() -> None:
    # Unreadable in D2I (published 20 October there); Ofsted's table says 19 October.
    norfolk = published("Norfolk", dt.date(2015, 10, 19))
    assert norfolk.grades_known
    assert norfolk.overall is G.INADEQUATE
    assert norfolk.start == dt.date(2015, 7, 6)
    assert datasets.history("Norfolk").as_at(dt.date(2016, 1, 1)) == norfolk


def test_every_inspection_before_2018_has_its_grades_but_one_partly() -> None:
    for history in datasets.histories().values():
        for inspection in history.graded:
            if inspection.published < dt.date(2018, 1, 1):
                assert inspection.grades_known, inspection
                # Only what no source holds: SLAC's capacity to improve, and two SIF
                # re-inspections' LSCB reviews.
                assert set(inspection.unknown) <= {
                    C.CAPACITY_TO_IMPROVE_SAFEGUARDING,
                    C.CAPACITY_TO_IMPROVE_CHILDREN_IN_CARE,
                    C.LSCB_REVIEW,
                }, inspection


def test_north_northamptonshire_july_2026_report_has_no_overall_effectiveness() -> None:
    report = published("North Northamptonshire", dt.date(2026, 7, 7))
    assert report.grades_known
    assert report.overall is None
    assert C.OVERALL_EFFECTIVENESS not in report
    assert report[C.LEADERSHIP] is G.OUTSTANDING
    assert report[C.CARE_LEAVERS] is G.GOOD


def test_source_faults_are_left_unknown_not_guessed() -> None:
    # D2I's unreliable cells are blanked; Ofsted's ILACS history has what they should hold.
    southend = published("Southend-on-Sea", dt.date(2024, 12, 3))
    assert southend.overall is G.GOOD
    assert southend[C.CHILDREN_IN_CARE] is G.REQUIRES_IMPROVEMENT
    nottingham = published("Nottingham", dt.date(2019, 1, 7))
    assert (nottingham.start, nottingham.end) == (dt.date(2018, 11, 5), None)
    assert nottingham[C.HELP_AND_PROTECTION] is G.REQUIRES_IMPROVEMENT
    # After Ofsted's tables end, D2I alone: its doubtful dates stay unknown.
    redcar = published("Redcar and Cleveland", dt.date(2026, 1, 28))
    assert (redcar.start, redcar.end) == (None, None)
    doncaster = published("Doncaster", dt.date(2018, 1, 19))
    assert (doncaster.framework, doncaster.kind) == (Framework.SIF, InspectionKind.SIF_REINSPECTION)
    assert doncaster.overall is G.GOOD


def test_every_correction_is_noted_with_council_and_date() -> None:
    history_notes = [n for n in datasets.notes() if n.startswith("History: ")]
    for where in [
        "Southend-on-Sea (882), published 2024-12-03",
        "Southend-on-Sea (882), published 2019-08-27",
        "Nottingham (892), published 2019-01-07",
        "Nottingham (892), published 2022-09-05",
        "Redcar and Cleveland (807), published 2026-01-28",
        "Redcar and Cleveland (807), published 2022-09-22",
        "Doncaster (371), published 2018-01-19",
    ]:
        assert any(n.startswith(f"History: {where}") for n in history_notes), where


# -- the package data -----------------------------------------------------------------------


def test_meta_matches_the_loader() -> None:
    meta = json.loads((PACKAGE_DATA / "meta.json").read_text(encoding="utf-8"))
    assert meta["as_of"] == datasets.as_of.isoformat() == "2026-08-22"
    assert meta["source_commit"] == "54af59bf7856a26530b1eeb45c1c1c146f34cb8a"
    assert (meta["councils"], meta["current_councils"]) == (158, 153)
    assert meta["inspections"] == sum(len(h) for h in datasets.histories().values())
    assert tuple(meta["notes"]) == datasets.notes()


def test_package_data_is_up_to_date_with_the_build(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_dataset.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    for name in DATA_FILES:
        assert (tmp_path / name).read_bytes() == (PACKAGE_DATA / name).read_bytes(), (
            f"{name} is out of date: run .venv/bin/python tools/build_dataset.py"
        )


_LAZY_PROBE = """
import sys
opened = []
sys.addaudithook(
    lambda event, args: opened.append(str(args[0]))
    if event == "open" and "datasets" in str(args[0]) and not str(args[0]).endswith(".py")
    and "__pycache__" not in str(args[0]) else None
)
import ofstedmodel
import ofstedmodel.datasets as datasets
before = list(opened)
datasets.councils()
print(before, [p.rsplit("/", 1)[-1] for p in opened])
"""


def test_importing_reads_nothing_and_first_use_reads_the_data() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _LAZY_PROBE], check=True, capture_output=True, text=True
    )
    before, after = result.stdout.strip().split("] [")
    assert before == "["
    assert "ofsted.csv" in after
    assert "meta.json" in after

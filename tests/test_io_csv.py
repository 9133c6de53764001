"""The library's own CSV format: exact round trips, escaping, and bad cells reported."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import D2I_HISTORY, lookup_councils
from ofstedmodel import strategies
from ofstedmodel.io import LoadResult, from_json, read_csv, read_d2i_history, to_json, write_csv
from ofstedmodel.io.csv import COLUMNS, FORMULA_STARTS, escape, unescape
from ofstedmodel.register import CouncilRegister

C, G, K = om.Category, om.Grade, om.InspectionKind


def rotherham_like() -> dict[str, om.History]:
    """Histories exercising every column: full council records, every framework, unknown
    grades, ungraded visits, partial judgements, sources, and a council with no inspections."""
    rotherham = om.Council(
        "Rotherham",
        "372",
        gss_code="E08000018",
        urn="80543",
        region=om.Region.YORKSHIRE_AND_THE_HUMBER,
        kind=om.CouncilKind.METROPOLITAN_DISTRICT,
        statistical_neighbours=("370", "357", "371"),
        population_0_25=78881,
    )
    poole = om.Council(
        "Poole",
        "836",
        gss_code="E06000029",
        region="South West",
        successors=("839",),
        abolished=dt.date(2019, 4, 1),
    )
    bcp = om.Council(
        "Bournemouth, Christchurch and Poole",
        "839",
        kind="Unitary Authority",
        predecessors=("836", "835"),
        created=dt.date(2019, 4, 1),
    )
    inspections = [
        om.Inspection(rotherham, "CP2012", dt.date(2012, 8, 10), grades_known=False),
        om.Inspection(
            rotherham,
            "SIF",
            dt.date(2014, 11, 19),
            {
                "overall": "inadequate",
                "help and protection": "inadequate",
                "children in care": "inadequate",
                "adoption": "requires improvement",
                "care leavers": "inadequate",
                "leadership": "inadequate",
                "lscb": "inadequate",
            },
            start=dt.date(2014, 9, 16),
            end=dt.date(2014, 10, 8),
            source="https://reports.ofsted.gov.uk/rotherham-2014",
        ),
        om.Inspection(
            rotherham,
            "SIF",
            dt.date(2018, 1, 29),
            {"overall": "good", "children in care": "requires improvement"},
            start=dt.date(2017, 11, 6),
            end=dt.date(2017, 11, 30),
            source="",
        ),
        om.Inspection(rotherham, "ILACS", dt.date(2019, 6, 3), kind="focused visit"),
        om.Inspection(
            rotherham,
            "ILACS",
            dt.date(2022, 8, 12),
            {
                "overall": "good",
                "leadership": "good",
                "help and protection": "good",
                "in care": "good",
            },
            kind="short",
            start=dt.date(2022, 6, 27),
            end=dt.date(2022, 7, 1),
        ),
        om.Inspection(
            rotherham,
            "ILACS",
            dt.date(2025, 12, 16),
            {"overall": "outstanding", "care leavers": "good"},
            kind="short",
            start=dt.date(2025, 11, 3),
        ),
    ]
    poole_inspections = [
        om.Inspection(poole, "SLAC", dt.date(2011, 6, 1), {"overall": "adequate"}),
        om.Inspection(poole, "SIF", dt.date(2017, 3, 1), kind="monitoring visit"),
    ]
    return {
        "372": om.History(rotherham, inspections),
        "836": om.History(poole, poole_inspections),
        "839": om.History(bcp, []),
    }


def round_trip(histories: object) -> LoadResult:
    out = io.StringIO()
    write_csv(histories, out)
    return read_csv(io.StringIO(out.getvalue()))


def assert_same(read: Mapping[str, om.History], expected: Mapping[str, om.History]) -> None:
    """Equal histories, and equal sources (which equality leaves out)."""
    assert dict(read) == dict(expected)
    for code, history in expected.items():
        assert [i.source for i in read[code]] == [i.source for i in history]


# -- round trips --------------------------------------------------------------------------------


def test_round_trip_rotherham_like(tmp_path: Path) -> None:
    expected = rotherham_like()
    path = tmp_path / "histories.csv"
    write_csv(expected, path)
    result = read_csv(path)
    assert_same(result.histories, expected)
    assert (result.rows, result.kept, result.problems, result.notes) == (9, 9, (), ())
    assert list(result.histories) == ["372", "836", "839"]
    assert result.histories["839"].inspections == ()


def test_written_cells(tmp_path: Path) -> None:
    path = tmp_path / "histories.csv"
    write_csv(rotherham_like(), path)
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == list(COLUMNS)
    sif = rows[1]
    assert {k: v for k, v in sif.items() if v} == {
        "la_code": "372",
        "council": "Rotherham",
        "gss_code": "E08000018",
        "urn": "80543",
        "region": "YORKSHIRE_AND_THE_HUMBER",
        "council_kind": "METROPOLITAN_DISTRICT",
        "statistical_neighbours": "370 357 371",
        "population_0_25": "78881",
        "framework": "SIF",
        "kind": "SIF_INSPECTION",
        "published": "2014-11-19",
        "start": "2014-09-16",
        "end": "2014-10-08",
        "grades_known": "true",
        "overall_effectiveness": "INADEQUATE",
        "help_and_protection": "INADEQUATE",
        "children_in_care": "INADEQUATE",
        "adoption": "REQUIRES_IMPROVEMENT",
        "care_leavers": "INADEQUATE",
        "leadership": "INADEQUATE",
        "lscb_review": "INADEQUATE",
        "source": "https://reports.ofsted.gov.uk/rotherham-2014",
        "format_version": "2",
    }
    assert rows[0]["grades_known"] == "false"
    assert rows[2]["source"] == "'"  # an empty source, not none
    assert rows[7]["abolished"] == "2019-04-01"
    assert rows[8]["predecessors"] == "836 835"
    assert all(rows[8][c] == "" for c in COLUMNS[12:-1])
    assert {row["format_version"] for row in rows} == {"2"}


def test_columns_follow_the_category_enum() -> None:
    fixed = [
        "la_code",
        "council",
        "gss_code",
        "urn",
        "region",
        "council_kind",
        "statistical_neighbours",
        "predecessors",
        "successors",
        "created",
        "abolished",
        "population_0_25",
        "framework",
        "kind",
        "published",
        "start",
        "end",
        "grades_known",
    ]
    categories = (c.name.lower() for c in om.Category)
    assert (*fixed, *categories, "source", "format_version") == COLUMNS


@pytest.fixture(scope="module")
def d2i() -> LoadResult:
    return read_d2i_history(D2I_HISTORY, CouncilRegister(lookup_councils()), errors="collect")


def test_round_trip_every_d2i_history(d2i: LoadResult, tmp_path: Path) -> None:
    path = tmp_path / "d2i-histories.csv"
    write_csv(d2i.histories, path)
    result = read_csv(path)
    assert result.problems == ()
    assert (result.rows, result.kept) == (d2i.kept, d2i.kept)
    assert_same(result.histories, d2i.histories)


@pytest.mark.parametrize(
    "given_as",
    [lambda h: h, lambda h: list(h.values()), lambda h: iter(h.values())],
    ids=["mapping", "list", "iterator"],
)
def test_histories_given_as(given_as: object) -> None:
    expected = rotherham_like()
    assert_same(round_trip(given_as(expected)).histories, expected)  # type: ignore[operator]


def test_single_history() -> None:
    history = rotherham_like()["372"]
    assert_same(round_trip(history).histories, {"372": history})


# -- escaping -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'x", "''x"),
        ("''", "'''"),
        ("x=1", "x=1"),
        ("", ""),
    ],
)
def test_escape(text: str, cell: str) -> None:
    assert escape(text) == cell
    assert unescape(cell) == text


def test_read_removes_exactly_one_quote() -> None:
    la = om.Council("'Quoted", "372")
    history = om.History(
        la, [om.Inspection(la, "SIF", dt.date(2015, 1, 1), grades_known=False, source="''")]
    )
    out = io.StringIO()
    write_csv(history, out)
    assert "''Quoted" in out.getvalue()
    assert out.getvalue().endswith(",''',2\r\n")
    read = round_trip(history).histories["372"]
    assert read.council.name == "'Quoted"
    assert read.inspections[0].source == "''"


_dangerous = st.sampled_from(sorted(FORMULA_STARTS))
_texts = st.text(st.characters(codec="utf-8"), max_size=12)


@given(
    name=st.tuples(_dangerous | st.just(""), _texts).map("".join),
    source=st.none() | st.tuples(_dangerous | st.just(""), _texts).map("".join),
)
def test_no_cell_starts_a_formula_and_text_comes_back_exact(name: str, source: str | None) -> None:
    if not name.strip():
        name = "=x"
    la = om.Council(name, "372")
    history = om.History(
        la, [om.Inspection(la, "ILACS", dt.date(2020, 1, 1), grades_known=False, source=source)]
    )
    out = io.StringIO()
    write_csv(history, out)
    for row in csv.reader(io.StringIO(out.getvalue(), newline="")):
        for cell in row:
            assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r"}
    read = read_csv(io.StringIO(out.getvalue(), newline="")).histories["372"]
    assert read == history
    assert read.council.name == la.name
    assert read.inspections[0].source == source


# -- generated histories ------------------------------------------------------------------------


names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=15).filter(str.strip)
# Records with every council field filled in somewhere, given any name. (Whole councils drawn
# from ofstedmodel.strategies cost far more than the round trip; see the test after.)
BASES = (*(h.council for h in rotherham_like().values()), om.Council("x", "201", urn="80450"))


@st.composite
def histories(draw: st.DrawFn) -> om.History:
    """A history of a council: its inspections, no two the same report."""
    council = attrs.evolve(draw(st.sampled_from(BASES)), name=draw(names))
    inspections = draw(
        st.lists(
            strategies.inspections(council=council),
            max_size=3,
            unique_by=lambda i: (i.published, i.kind),
        )
    )
    return om.History(council, inspections)


many_histories = st.lists(histories(), max_size=2, unique_by=lambda h: h.council.la_code)


@given(many_histories)
def test_round_trip_generated(items: list[om.History]) -> None:
    expected = {h.council.la_code: h for h in items}
    result = round_trip(items)
    assert_same(result.histories, expected)
    assert result.rows == result.kept == sum(max(len(h), 1) for h in items)


@given(strategies.councils())
def test_generated_council_round_trips_in_csv_and_json(council: om.Council) -> None:
    history = om.History(council)
    assert round_trip(history).histories == {council.la_code: history}
    assert from_json(to_json(history)) == history


# -- bad files ----------------------------------------------------------------------------------


def written() -> list[list[str]]:
    out = io.StringIO()
    write_csv(rotherham_like(), out)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


def text_of(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def with_cell(line: int, column: str, value: str) -> str:
    rows = written()
    rows[line - 1][COLUMNS.index(column)] = value
    return text_of(rows)


@pytest.mark.parametrize(
    ("line", "column", "value", "blamed", "reason"),
    [
        (
            3,
            "overall_effectiveness",
            "goood",
            None,
            "'goood' is not a grade (did you mean 'good'?)",
        ),
        (3, "published", "2014-11-31", None, "'2014-11-31' is not a date"),
        (3, "start", "16/09/20145", None, "'16/09/20145' is not a date"),
        (3, "kind", "INSPECTION", None, "'INSPECTION' is not a"),
        (3, "framework", "ILAC", None, "'ILAC' is not a Framework"),
        (3, "framework", "", None, "no framework"),
        (3, "published", "", None, "no publication date"),
        (3, "grades_known", "yes", None, "'yes' is not 'true' or 'false'"),
        (2, "la_code", "37", None, "la_code: '37' is not a DfE local authority code"),
        (2, "gss_code", "W06000001", None, "gss_code: 'W06000001' is not an ONS GSS code"),
        (2, "region", "Mercia", None, "'Mercia' is not an English region"),
        (2, "council_kind", "Shire", None, "'Shire' is not a kind of council"),
        (2, "population_0_25", "-5", None, "'-5' is not a whole number"),
        (2, "statistical_neighbours", "370 370", None, "('370', '370') names a council more"),
        (2, "created", "2019", None, "'2019' is not a whole date"),
        (3, "end", "2014-09-01", None, "fieldwork start 2014-09-16 is after its end 2014-09-01"),
        (3, "published", "2014-10-01", None, "fieldwork end 2014-10-08 is after publication"),
        (6, "care_leavers", "good", None, "ILACS 2018 (fieldwork from 2018-01-01) does not grade"),
        (8, "overall_effectiveness", "requires improvement", None, "grade on the wrong scale"),
        (2, "overall_effectiveness", "good", "grades_known", "grades both unknown and given"),
        (4, "grades_known", "false", None, "grades both unknown and given"),
        (5, "overall_effectiveness", "good", "kind", "ungraded visit with grades"),
        (6, "kind", "FOCUSED_VISIT", None, "ungraded visit with grades"),
        (6, "framework", "SIF", "kind", "kind not of this framework"),
        (9, "framework", "ILACS", None, "framework not in force"),
        (6, "kind", "SIF_INSPECTION", None, "kind not of this framework"),
    ],
)
def test_bad_cell(line: int, column: str, value: str, blamed: str | None, reason: str) -> None:
    text = with_cell(line, column, value)
    result = read_csv(io.StringIO(text, newline=""), errors="collect")
    (problem,) = result.problems
    blamed = blamed or column
    assert (problem.line, problem.column) == (line, blamed)
    assert problem.value == (
        value if blamed == column else written()[line - 1][COLUMNS.index(blamed)]
    )
    assert reason in problem.reason
    assert (result.rows, result.kept) == (9, 8)
    with pytest.raises(om.LoadError) as info:
        read_csv(io.StringIO(text, newline=""))
    assert info.value.problem == problem
    assert str(info.value) == f"<stream>:{line}: column {blamed!r}: {problem.reason}"


def test_council_columns_must_agree() -> None:
    text = with_cell(4, "council", "Rotherham Metropolitan Borough")
    result = read_csv(io.StringIO(text, newline=""), errors="collect")
    (problem,) = result.problems
    assert (problem.line, problem.column, problem.value) == (
        4,
        "council",
        "Rotherham Metropolitan Borough",
    )
    assert "differs from 'Rotherham' on line 2, the first row of la_code '372'" in problem.reason
    assert len(result.histories["372"]) == 5


def test_duplicate_and_width_and_several_rows() -> None:
    rows = written()
    rows.insert(3, list(rows[2]))  # the 2014 SIF twice: line 4 repeats line 3
    rows[6] = rows[6][:-1]  # a cell short
    result = read_csv(io.StringIO(text_of(rows), newline=""), errors="collect")
    assert [(p.line, p.column) for p in result.problems] == [(4, "published"), (7, None)]
    assert "a second SIF inspection of Rotherham published 2014-11-19" in result.problems[0].reason
    assert result.rows == result.kept + 2 == 10


def test_unknown_columns_are_noted_and_optional_ones_may_be_missing() -> None:
    rows = written()
    keep = [i for i, c in enumerate(COLUMNS) if c not in {"lscb_review", "source"}]
    trimmed = [[row[i] for i in keep] + ["x"] for row in rows]
    trimmed[0][-1] = "comment"
    result = read_csv(io.StringIO(text_of(trimmed), newline=""), errors="collect")
    assert result.problems == ()
    assert [(n.line, n.column) for n in result.notes] == [(1, "comment")]
    sif = result.histories["372"].inspections[1]
    assert om.Category.LSCB_REVIEW not in sif
    assert sif.source is None


def test_missing_required_column() -> None:
    rows = [row[1:] for row in written()]
    with pytest.raises(om.LoadError, match="lacks the column\\(s\\) 'la_code'"):
        read_csv(io.StringIO(text_of(rows), newline=""), errors="collect")


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(text_of(written()).encode("utf-8").replace(b"Poole", b"P\xf6ole", 1))
    result = read_csv(path, errors="collect")
    assert [(p.line, p.column, p.value) for p in result.problems] == [(8, "council", "P\\xf6ole")]


# -- what write_csv refuses ---------------------------------------------------------------------


def test_write_refuses_what_the_format_cannot_hold() -> None:
    histories = rotherham_like()
    out = io.StringIO()
    with pytest.raises(om.OfstedModelError, match="key '999' holds the history"):
        write_csv({"999": histories["372"]}, out)
    with pytest.raises(om.OfstedModelError, match=r"two histories of .* \(DfE code 372\)"):
        write_csv([histories["372"], histories["372"]], out)
    with pytest.raises(om.OfstedModelError, match="is not a History"):
        write_csv([histories["372"].council], out)
    with pytest.raises(om.OfstedModelError, match="is not a History"):
        write_csv("372", out)
    renamed = om.Council("Rotherham MBC", "372")
    mixed = histories["372"].add(
        om.Inspection(renamed, "ILACS", dt.date(2026, 8, 1), grades_known=False)
    )
    with pytest.raises(om.OfstedModelError, match="one record of a council"):
        write_csv(mixed, out)
    la = om.Council("Rotherham", "372")
    surrogate = om.History(
        la, [om.Inspection(la, "SIF", dt.date(2015, 1, 1), grades_known=False, source="\udc80")]
    )
    with pytest.raises(om.OfstedModelError, match="cannot be written as UTF-8"):
        write_csv(surrogate, out)
    assert out.getvalue() == ""
    with pytest.raises(om.OfstedModelError, match="not a path"):
        write_csv(histories, 42)


def test_hand_edited_code_with_spaces_is_keyed_by_the_code() -> None:
    rows = written()
    for row in rows[1:7]:
        row[0] = " 372 "
    result = read_csv(io.StringIO(text_of(rows), newline=""))
    assert list(result.histories) == ["372", "836", "839"]
    assert result.histories["372"] == rotherham_like()["372"]


def test_version_1_files_still_read() -> None:
    """Files written before the format carried a version: grades as words, labels."""
    header = ",".join(COLUMNS[:-1])
    cells = dict.fromkeys(COLUMNS[:-1], "")
    cells.update(
        la_code="372",
        council="Rotherham",
        region="Yorkshire and the Humber",
        council_kind="Metropolitan District",
        framework="SIF",
        kind="SIF_INSPECTION",
        published="2014-11-19",
        grades_known="true",
        overall_effectiveness="inadequate",
        adoption="requires improvement",
        lscb_review="unknown",
    )
    row = ",".join(cells.values())
    (history,) = read_csv(io.StringIO(f"{header}\n{row}\n")).histories.values()
    (inspection,) = history.inspections
    assert history.council.region is om.Region.YORKSHIRE_AND_THE_HUMBER
    assert inspection.overall is om.Grade.INADEQUATE
    assert inspection.unknown == (om.Category.LSCB_REVIEW,)
    out = io.StringIO()
    write_csv(history, out)
    assert "INADEQUATE" in out.getvalue()


def test_a_newer_format_version_is_reported() -> None:
    out = io.StringIO()
    write_csv(rotherham_like()["372"], out)
    text = out.getvalue().replace(",2\r\n", ",3\r\n")
    result = read_csv(io.StringIO(text, newline=""), errors="collect")
    assert result.kept == 0
    assert {p.column for p in result.problems} == {"format_version"}

"""Reading real files without surprises (issue 12): the D2I lookup as a path, faults the rules
resolve as notes, rows with no content, bytes and quotes that only spoil what they touch, the
wrong encoding or separator named, and the own CSV as a spreadsheet saves it back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import D2I_HISTORY, D2I_LOOKUP
from ofstedmodel.io import LoadResult, read_csv, read_d2i_history, write_csv
from ofstedmodel.io.d2i import read_d2i_lookup
from ofstedmodel.register import CouncilRegister, bundled

TEXT = D2I_HISTORY.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)
HEADER = next(csv.reader([LINES[0]]))
ROTHERHAM_2022 = next(
    number
    for number, line in enumerate(LINES, start=1)
    if line.startswith("80543,rotherham,") and ",12/08/22," in line
)


def write(tmp_path: Path, text: str, name: str = "d2i.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def with_cell(lines: list[str], number: int, column: str, value: str) -> list[str]:
    row = next(csv.reader([lines[number - 1]]))
    row[HEADER.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    return [*lines[: number - 1], out.getvalue(), *lines[number:]]


def accounted(result: LoadResult) -> None:
    assert result.rows == result.kept + result.reported


@pytest.fixture(scope="module")
def real() -> LoadResult:
    return read_d2i_history(D2I_HISTORY, errors="collect")


# -- the D2I lookup -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lookup() -> CouncilRegister:
    return read_d2i_lookup(D2I_LOOKUP)


def test_the_lookup_file_is_a_register(lookup: CouncilRegister) -> None:
    assert len(lookup) == 156
    rotherham = lookup.find("Rotherham")
    assert (rotherham.la_code, rotherham.gss_code, rotherham.urn) == ("372", "E08000018", "80543")
    assert rotherham.region is om.Region.YORKSHIRE_AND_THE_HUMBER
    assert rotherham.kind is om.CouncilKind.METROPOLITAN_DISTRICT
    assert len(rotherham.statistical_neighbours) == 10
    # Other names the lookup gives: also_known_as, with a comma inside one of its names.
    assert lookup.find("Hull").la_code == "810"
    assert lookup.find("BCP").la_code == "839"


def test_the_lookup_agrees_with_the_bundled_register(lookup: CouncilRegister) -> None:
    """The bundled register was built from the same file, with declared decisions: where the
    build decided (a region the row's columns disagree on, a kind against ons_la_type), the
    reader decides the same way; it keeps what the build corrected from other sources."""
    built = bundled()
    corrected_urns = {"909", "836", "928"}  # Cumbria, Poole, Northamptonshire
    withheld_populations = {"942", "943"}  # Cumberland, Westmorland and Furness
    for council in lookup:
        same = built.find(council.la_code)
        assert (council.name, council.gss_code) == (same.name, same.gss_code)
        assert (council.region, council.kind) == (same.region, same.kind), council
        assert council.statistical_neighbours == same.statistical_neighbours
        if council.la_code not in corrected_urns:
            assert council.urn == same.urn
        if council.la_code not in withheld_populations:
            assert council.population_0_25 == same.population_0_25


@pytest.mark.parametrize("given", [D2I_LOOKUP, str(D2I_LOOKUP)], ids=["Path", "str"])
def test_lookup_takes_the_lookup_file(given: object, real: LoadResult) -> None:
    result = read_d2i_history(D2I_HISTORY, given)
    assert (result.rows, result.kept, result.problems) == (497, 497, ())
    assert result.histories.keys() == real.histories.keys()
    assert result.histories["372"].council == read_d2i_lookup(D2I_LOOKUP).find("372")
    with D2I_LOOKUP.open(encoding="utf-8-sig") as file:
        assert read_d2i_history(D2I_HISTORY, file) == result


def test_a_bad_lookup_row_names_its_line_and_column(tmp_path: Path) -> None:
    lines = D2I_LOOKUP.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[4] = lines[4].replace(",800,E06000022,", ",80,E06000022,", 1)
    with pytest.raises(om.LoadError) as info:
        read_d2i_lookup(write(tmp_path, "".join(lines), "lookup.csv"))
    problem = info.value.problem
    assert (problem.line, problem.column, problem.value) == (5, "la_code", "80")
    with pytest.raises(om.LoadError, match="cannot open"):
        read_d2i_history(D2I_HISTORY, tmp_path / "absent.csv")


# -- a URN and a name that disagree ---------------------------------------------------------------


def test_a_urn_and_a_name_of_different_councils_are_noted(tmp_path: Path, real: LoadResult) -> None:
    path = write(tmp_path, "".join(with_cell(LINES, ROTHERHAM_2022, "local_authority", "barnsley")))
    result = read_d2i_history(path)
    assert result.histories == real.histories  # read by the URN, as before
    (note,) = [n for n in result.notes if n.line == ROTHERHAM_2022]
    assert (note.column, note.value) == ("urn", "80543")
    assert "Rotherham" in note.reason
    assert "Barnsley" in note.reason
    assert "'barnsley'" in note.reason


# -- rows with no content -----------------------------------------------------------------------


def test_rows_with_no_content_are_skipped_and_counted(tmp_path: Path, real: LoadResult) -> None:
    empty = "," * (len(HEADER) - 1) + "\n"
    lines = [*LINES[:3], empty, *LINES[3:], empty, empty, ",,\n"]
    result = read_d2i_history(write(tmp_path, "".join(lines)))
    assert (result.rows, result.kept, result.problems) == (497, 497, ())
    assert result.histories == real.histories
    skipped = [n for n in result.notes if n.column is None]
    assert [(n.line, n.reason) for n in skipped] == [
        (4, "1 row with no content (line 4) skipped"),
        (500, "3 rows with no content (lines 500 to 502) skipped"),
    ]


def test_rows_with_no_content_in_the_own_csv() -> None:
    out = io.StringIO()
    write_csv(om.datasets.history("Rotherham"), out)
    lines = len(out.getvalue().splitlines())
    result = read_csv(io.StringIO(out.getvalue() + ",,,,\r\n" * 2, newline=""))
    assert (result.rows, result.kept, result.problems) == (lines - 1, lines - 1, ())
    assert [(n.line, n.reason) for n in result.notes] == [
        (lines + 1, f"2 rows with no content (lines {lines + 1} to {lines + 2}) skipped")
    ]


# -- bytes that are not UTF-8 in a column not read -----------------------------------------------


def test_a_byte_not_utf8_in_a_column_not_read_keeps_the_row(tmp_path: Path) -> None:
    out = io.StringIO()
    history = om.datasets.history("Rotherham")
    write_csv(history, out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    rows[0].append("comment")
    for row in rows[1:]:
        row.append("caf\udce9")  # Latin-1 "é"
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path = tmp_path / "own.csv"
    path.write_bytes(text.getvalue().encode("utf-8", "surrogateescape"))
    result = read_csv(path)
    assert result.problems == ()
    assert result.histories["372"] == history


# -- the wrong encoding or separator ------------------------------------------------------------


@pytest.mark.parametrize("read", [read_d2i_history, read_csv, read_d2i_lookup])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named(tmp_path: Path, read: Callable[..., object], encoding: str) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(TEXT.encode(encoding))
    with pytest.raises(om.LoadError) as info:
        read(path)
    problem = info.value.problem
    assert (problem.line, problem.value) == (1, "UTF-16")
    assert "UTF-16" in problem.reason


@pytest.mark.parametrize("read", [read_d2i_history, read_csv, read_d2i_lookup])
@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_file_with_another_separator_is_named(
    tmp_path: Path, read: Callable[..., object], separator: str
) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=separator).writerows(csv.reader(io.StringIO(TEXT)))
    with pytest.raises(om.LoadError) as info:
        read(write(tmp_path, out.getvalue()))
    problem = info.value.problem
    assert (problem.line, problem.column, problem.value) == (1, None, separator)
    assert f"separated by {separator!r}" in problem.reason


# -- a quote never closed -----------------------------------------------------------------------


def test_a_quote_never_closed_is_one_problem_and_the_lines_it_took_are_read(
    tmp_path: Path, real: LoadResult
) -> None:
    number = 400  # after the file's last quote
    row = next(csv.reader([LINES[number - 1]]))
    at = HEADER.index("inspection_link")
    broken = ",".join(row[:at]) + ',"' + ",".join(row[at:]) + "\n"
    path = write(tmp_path, "".join([*LINES[: number - 1], broken, *LINES[number:]]))
    result = read_d2i_history(path, errors="collect")
    (problem,) = result.problems
    assert (problem.line, problem.column) == (number, "inspection_link")
    assert problem.value == ",".join(row[at:])
    assert problem.reason == (
        f"a quote opened on line {number} is never closed, taking lines {number + 1} to "
        f"{len(LINES)} into one cell: they are read as rows"
    )
    assert (result.rows, result.kept) == (497, 496)
    accounted(result)
    assert [n.line for n in result.notes] == [n.line for n in real.notes if n.line != number]
    with pytest.raises(om.LoadError) as info:
        read_d2i_history(path)
    assert info.value.problem == problem


def test_a_quote_never_closed_on_the_last_line(tmp_path: Path) -> None:
    path = write(tmp_path, TEXT + '80543,"rotherham,,,')
    result = read_d2i_history(path, errors="collect")
    (problem,) = result.problems
    assert (problem.line, problem.column, problem.value) == (499, "local_authority", "rotherham,,,")
    assert problem.reason == "a quote opened on line 499 is never closed"
    assert (result.rows, result.kept) == (498, 497)


# -- the own CSV, saved back from a spreadsheet ---------------------------------------------------


def spreadsheet(text: str, *, drop: set[str], day_first: bool = True) -> str:
    """``text`` as a spreadsheet saves it: dates day first, booleans in capitals, ``drop``'s
    columns deleted."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    keep = [i for i, column in enumerate(rows[0]) if column not in drop]
    dates = {i for i, c in enumerate(rows[0]) if c in ("published", "start", "end", "created")}
    out = []
    for number, row in enumerate(rows):
        cells = []
        for i in keep:
            cell = row[i]
            if number and i in dates and cell:
                cell = dt.date.fromisoformat(cell).strftime("%d/%m/%Y" if day_first else "%d %B %Y")
            cells.append(cell.upper() if cell in ("true", "false") else cell)
        out.append(cells)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(out)
    return buffer.getvalue()


def test_the_own_csv_saved_back_from_a_spreadsheet_reads_the_same() -> None:
    histories = {code: om.datasets.histories()[code] for code in ("372", "909", "942")}
    out = io.StringIO()
    write_csv(histories, out)
    for day_first in (True, False):
        saved = spreadsheet(out.getvalue(), drop=set(), day_first=day_first)
        assert "/" in saved or "January" in saved or "November" in saved
        result = read_csv(io.StringIO(saved, newline=""))
        assert result.problems == ()
        assert dict(result.histories) == histories


def test_the_own_csv_needs_only_its_four_columns() -> None:
    history = om.datasets.history("Rotherham")
    out = io.StringIO()
    write_csv(history, out)
    optional = {"gss_code", "urn", "region", "council_kind", "statistical_neighbours"}
    optional |= {"predecessors", "successors", "created", "abolished", "population_0_25"}
    optional |= {"kind", "start", "end", "grades_known", "source", "format_version"}
    result = read_csv(io.StringIO(spreadsheet(out.getvalue(), drop=optional), newline=""))
    assert result.problems == ()
    (read,) = result.histories.values()
    assert read.council == om.Council("Rotherham", "372")
    assert [(i.framework, i.published, i.judgements) for i in read] == [
        (i.framework, i.published, i.judgements) for i in history
    ]
    # With no grades_known column, an inspection with no grade is one whose grades are unknown.
    assert [i.grades_known for i in read] == [bool(i.judgements or i.unknown) for i in history]


def test_empty_optional_council_columns_are_unknown() -> None:
    text = (
        "la_code,council,gss_code,urn,region,council_kind,statistical_neighbours,created,"
        "population_0_25,framework,kind,published,start,end,grades_known,overall_effectiveness\n"
        "372,Rotherham,,,,,,,,SIF,,19/11/2014,,,,INADEQUATE\n"
    )
    (history,) = read_csv(io.StringIO(text)).histories.values()
    assert history.council == om.Council("Rotherham", "372")
    (inspection,) = history
    assert (inspection.kind, inspection.overall) == (
        om.InspectionKind.SIF_INSPECTION,
        om.Grade.INADEQUATE,
    )


# -- the era, when the fieldwork dates are unknown ------------------------------------------------


def test_grades_of_the_earlier_era_without_fieldwork_dates_are_read_with_a_note(
    tmp_path: Path,
) -> None:
    """Published in May 2026, under ILACS 2026, with an overall effectiveness grade and no
    fieldwork dates: the fieldwork was under ILACS 2023, the era these grades are of."""
    lines = with_cell(LINES, ROTHERHAM_2022, "publication_date", "20/05/26")
    lines = with_cell(lines, ROTHERHAM_2022, "inspection_start_date", "")
    lines = with_cell(lines, ROTHERHAM_2022, "inspection_end_date", "")
    lines = with_cell(lines, ROTHERHAM_2022, "care_leavers_grade", "good")
    result = read_d2i_history(write(tmp_path, "".join(lines)))
    (inspection,) = [i for i in result.histories["372"] if i.published == dt.date(2026, 5, 20)]
    assert inspection.era.name == "ILACS 2023"
    assert inspection.overall is om.Grade.GOOD
    (note,) = [n for n in result.notes if n.line == ROTHERHAM_2022]
    assert (note.column, note.value) == ("publication_date", "20/05/26")
    assert "ILACS 2026, which does not grade overall effectiveness" in note.reason
    assert "ILACS 2023" in note.reason


def test_an_inspection_without_fieldwork_dates_is_of_the_era_its_grades_show() -> None:
    la = om.Council("Rotherham", "372")
    grades = dict.fromkeys(
        ("overall", "leadership", "help and protection", "children in care", "care leavers"), "good"
    )
    assert om.Inspection(la, "ILACS", "2026-05-20", grades).era.name == "ILACS 2023"
    del grades["overall"]
    assert om.Inspection(la, "ILACS", "2026-05-20", grades).era.name == "ILACS 2026"
    grades["overall"] = "good"
    with pytest.raises(om.InspectionError, match="does not grade 'overall effectiveness'"):
        # More than a year after ILACS 2023's fieldwork ended: not a report of it.
        om.Inspection(la, "ILACS", "2027-06-01", grades)


# -- laws -----------------------------------------------------------------------------------------

REAL = read_d2i_history(D2I_HISTORY, errors="collect")
LAST_QUOTE = max(number for number, line in enumerate(LINES, start=1) if '"' in line)


@given(st.lists(st.integers(1, len(LINES)), max_size=4), st.integers(0, 20))
def test_rows_with_no_content_anywhere_change_nothing_but_are_counted(
    at: list[int], commas: int
) -> None:
    lines = list(LINES)
    for position in sorted(at, reverse=True):
        lines.insert(position, "," * commas + "\n")
    result = read_d2i_history(io.StringIO("".join(lines)), errors="collect")
    assert (result.rows, result.kept, result.problems) == (497, 497, ())
    assert result.histories == REAL.histories
    skipped = [n for n in result.notes if n.column is None]
    assert sum(int(n.reason.split()[0]) for n in skipped) == (len(at) if commas else 0)


@given(st.integers(LAST_QUOTE + 1, len(LINES)), st.data())
def test_a_quote_never_closed_costs_its_row_alone(number: int, data: st.DataObject) -> None:
    cells = LINES[number - 1].rstrip("\n").split(",")
    at = data.draw(st.integers(0, len(cells) - 1))
    cells[at] = '"' + cells[at]
    lines = [*LINES[: number - 1], ",".join(cells) + "\n", *LINES[number:]]
    result = read_d2i_history(io.StringIO("".join(lines)), errors="collect")
    (problem,) = result.problems
    assert (problem.line, problem.column) == (number, HEADER[at])
    assert "never closed" in problem.reason
    assert (result.rows, result.kept) == (497, 496)
    assert sum(len(h) for h in result.histories.values()) == 496


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
def test_the_own_csv_reads_a_date_in_each_form_a_spreadsheet_writes(day: dt.date) -> None:
    for text in (f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day:%y}", f"{day.day} {day:%B %Y}"):
        cells = f"la_code,council,framework,published,created\n372,Rotherham,,,{text}\n"
        council = read_csv(io.StringIO(cells)).histories["372"].council
        assert council.created == day, text

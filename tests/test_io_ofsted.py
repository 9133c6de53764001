"""Reading Ofsted's per-council outcome tables: the real workbook and CSVs, and hostile files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import RAW
from ofstedmodel.io import LoadResult, Problem, read_ofsted_outcomes
from ofstedmodel.io.ofsted import GRADE_COLUMNS, LAYOUT
from ofstedmodel.register import CouncilRegister

OFSTED = RAW / "ofsted"
WORKBOOK = OFSTED / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
OUTCOMES_2025 = OFSTED / "la-outcomes-as-at-2025-03-31.csv"
OUTCOMES_2023 = OFSTED / "la-outcomes-as-at-2023-03-31.csv"
ILACS_HISTORY = OFSTED / "ilacs-history-2018-2025.csv"
PER_COUNCIL_SHEET = "Inspections_as_at_31_March"
GSS, NAME, START, PUBLISHED = (
    "Local authority area code",
    "Local authority name",
    "Inspection date",
    "Publication date",
)
OVERALL, LEADERS, HELP, IN_CARE, LEAVERS = GRADE_COLUMNS

# A small register of our own, so that the hostile files do not depend on the bundled data.
BARKING = om.Council("Barking and Dagenham", "301", gss_code="E09000002")
BARNET = om.Council("Barnet", "302", gss_code="E09000003")
ROTHERHAM = om.Council("Rotherham", "372", gss_code="E08000018", urn="80543")
BRISTOL = om.Council("Bristol, City of", "801", gss_code="E06000023")
DORSET = om.Council("Dorset", "838", gss_code="E06000059")
DORSET_CC = om.Council(
    "Dorset County Council",
    "835",
    gss_code="E10000009",
    abolished=dt.date(2019, 4, 1),
    successors=("838",),
)
COUNCILS = (BARKING, BARNET, ROTHERHAM, BRISTOL, DORSET, DORSET_CC)
REGISTER = CouncilRegister(COUNCILS)


def read(path: object, **options: object) -> LoadResult:
    options.setdefault("lookup", REGISTER)
    return read_ofsted_outcomes(path, **options)  # type: ignore[arg-type]


def assert_accounted(result: LoadResult) -> None:
    assert result.rows == result.kept + result.reported
    assert result.kept == sum(len(h) for h in result.histories.values())


def row(
    name: str = "Barnet",
    gss: str = "E09000003",
    start: str = "2024-06-10",
    published: str = "2024-07-23",
    grades: Sequence[str] = ("Good", "Good", "Good", "Outstanding", "Good"),
    link: str = "Ofsted Local Authority Webpage",
    region: str = "London",
) -> list[str]:
    """A row of the 2025 layout."""
    return [link, gss, name, region, start, published, *grades]


def write_csv(tmp_path: Path, rows: Sequence[Sequence[str]], name: str = "outcomes.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(LAYOUT)
        writer.writerows(rows)
    return path


# -- a minimal OpenDocument spreadsheet writer, for hostile workbooks ---------------------------

ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">'
    "<office:body><office:spreadsheet>"
)
_TAIL = "</office:spreadsheet></office:body></office:document-content>"


class Raw(str):
    """A cell given as its XML."""


class Link(str):
    """A cell holding a hyperlink to ``href`` (its text is the str)."""

    href: str

    def __new__(cls, text: str, href: str) -> Link:
        made = super().__new__(cls, text)
        made.href = href
        return made


def _cell_xml(value: object) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value}T00:00:00">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, Link):
        return (
            '<table:table-cell office:value-type="string"><text:p>'
            f"<text:a xlink:href={quoteattr(value.href)}>{escape(value)}</text:a>"
            "</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def _row_xml(cells: Sequence[object]) -> str:
    """A row, with runs of equal cells written once and repeated, as spreadsheets write them,
    and the rest of the row's 16,384 columns as one repeated empty cell."""
    parts = []
    index = 0
    while index < len(cells):
        run = 1
        while index + run < len(cells) and cells[index + run] == cells[index]:
            run += 1
        xml = _cell_xml(cells[index])
        if run > 1:
            xml = xml.replace(
                "<table:table-cell", f'<table:table-cell table:number-columns-repeated="{run}"', 1
            )
        parts.append(xml)
        index += run
    parts.append(f'<table:table-cell table:number-columns-repeated="{16384 - len(cells)}"/>')
    return "<table:table-row>" + "".join(parts) + "</table:table-row>"


def ods_bytes(
    sheets: dict[str, Sequence[Sequence[object] | Raw]], mimetype: str = ODS_MIME
) -> bytes:
    """An OpenDocument spreadsheet of ``sheets`` (rows of cells; a :class:`Raw` row is XML),
    each ending, as real ones do, in a million empty rows."""
    body = []
    for name, rows in sheets.items():
        body.append(f"<table:table table:name={quoteattr(name)}>")
        body.append('<table:table-column table:number-columns-repeated="16384"/>')
        body.extend(r if isinstance(r, Raw) else _row_xml(r) for r in rows)
        body.append(
            '<table:table-row table:number-rows-repeated="1048000">'
            '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        )
        body.append("</table:table>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", _HEAD + "".join(body) + _TAIL, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def sheet_rows(rows: Sequence[Sequence[object]]) -> list[Sequence[object]]:
    """A per-council sheet as Ofsted lays it out: a title, a note, then the header (row 3)."""
    return [
        ["Local authority inspection judgements"],
        ["This worksheet contains one table."],
        list(LAYOUT),
        *rows,
    ]


def write_ods(
    tmp_path: Path, sheets: dict[str, Sequence[Sequence[object] | Raw]], name: str = "outcomes.ods"
) -> Path:
    path = tmp_path / name
    path.write_bytes(ods_bytes(sheets))
    return path


@pytest.fixture(scope="module")
def workbook() -> LoadResult:
    return read_ofsted_outcomes(WORKBOOK)


@pytest.fixture(scope="module")
def outcomes_csv() -> LoadResult:
    return read_ofsted_outcomes(OUTCOMES_2025)


def current_codes() -> set[str]:
    return {council.la_code for council in om.datasets.councils() if council.is_current}


# -- the real files --------------------------------------------------------------------------------


def test_real_workbook_and_csv_give_the_same_histories(
    workbook: LoadResult, outcomes_csv: LoadResult
) -> None:
    for result in (workbook, outcomes_csv):
        assert (result.rows, result.kept, result.problems) == (153, 153, ())
        assert set(result.histories) == current_codes()
        assert all(len(history) == 1 for history in result.histories.values())
        assert all(h.council.is_current for h in result.histories.values())
    assert workbook.histories == outcomes_csv.histories


def test_real_files_notes(workbook: LoadResult, outcomes_csv: LoadResult) -> None:
    # Ofsted writes Barnsley's and Sheffield's GSS codes of before 2019 (E08000016, E08000019);
    # the register may or may not know them, and the names match either way.
    for result, sheet in ((workbook, PER_COUNCIL_SHEET), (outcomes_csv, None)):
        gss_notes = [n for n in result.notes if n.column == GSS]
        assert {n.value for n in gss_notes} <= {"E08000016", "E08000019"}
        assert all(n.sheet == sheet for n in result.notes)
    # The workbook's web links of City of London and North Northamptonshire lead to
    # Islington's and West Northamptonshire's pages: kept, with a note.
    links = [n for n in workbook.notes if n.column == "Web link"]
    assert [(n.line, n.value) for n in links] == [
        (29, "https://reports.ofsted.gov.uk/provider/44/206"),
        (90, "https://reports.ofsted.gov.uk/provider/44/941"),
    ]
    assert "City of London (201)" in links[0].reason
    assert str(links[0]).startswith(f"{WORKBOOK}[{PER_COUNCIL_SHEET}]:29: column 'Web link':")
    assert not [n for n in outcomes_csv.notes if n.column == "Web link"]


def test_every_csv_cell_is_in_the_histories(outcomes_csv: LoadResult) -> None:
    with OUTCOMES_2025.open(encoding="utf-8-sig", newline="") as file:
        table = list(csv.DictReader(file))
    assert len(table) == 153
    by_gss = {h.council.gss_code: h for h in outcomes_csv.histories.values()}
    register = om.datasets.register()
    for line in table:
        council = register.find(line[GSS]) if line[GSS] in by_gss else register.find(line[NAME])
        (inspection,) = outcomes_csv.histories[council.la_code]
        assert inspection.framework is om.Framework.ILACS
        assert inspection.kind is om.InspectionKind.ILACS_INSPECTION
        assert inspection.start == dt.date.fromisoformat(line[START])
        assert inspection.published == dt.date.fromisoformat(line[PUBLISHED])
        assert inspection.end is None
        assert inspection.grades_known
        for column, category in GRADE_COLUMNS.items():
            expected = om.Grade.parse(line[column]) if line[column] else None
            assert inspection.get(category) == expected, (line[NAME], column)
        if not line[LEAVERS]:
            assert inspection.start < dt.date(2023, 1, 1)


def test_spot_checks(workbook: LoadResult) -> None:
    barnet = workbook.histories["302"].latest
    assert barnet is not None
    assert (barnet.start, barnet.published) == (dt.date(2024, 6, 10), dt.date(2024, 7, 23))
    assert [str(j.grade) for j in barnet] == ["good", "good", "good", "outstanding", "good"]
    barking = workbook.histories["301"].latest
    assert barking is not None
    assert (barking.start, barking.published) == (dt.date(2023, 7, 10), dt.date(2023, 9, 4))
    assert barking.overall is om.Grade.REQUIRES_IMPROVEMENT
    assert barking[om.Category.CARE_LEAVERS] is om.Grade.GOOD
    # Bath and North East Somerset, fieldwork 2022: children in care and care leavers were one
    # judgement, and the model labels it so.
    bath = workbook.histories["800"].latest
    assert bath is not None
    assert bath.start == dt.date(2022, 2, 28)
    assert bath.get(om.Category.CARE_LEAVERS) is None
    assert "care leavers" in bath.label(om.Category.CHILDREN_IN_CARE)


def test_the_2023_layout_is_refused(tmp_path: Path) -> None:
    for errors in ("raise", "collect"):
        with pytest.raises(om.LoadError) as info:
            read_ofsted_outcomes(OUTCOMES_2023, errors=errors)
        problem = info.value.problem
        assert isinstance(problem, Problem)
        assert (problem.file, problem.line, problem.column) == (
            str(OUTCOMES_2023),
            1,
            "Publication date",
        )
        assert "2025 release" in problem.reason
        assert "no publication date" in problem.reason
    # The same refusal from a workbook whose per-council sheet has that layout.
    with OUTCOMES_2023.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    path = write_ods(tmp_path, {"Cover": [["Ofsted"]], "LA_level_at_31_Mar_2023": rows})
    with pytest.raises(om.LoadError) as info:
        read(path)
    assert (info.value.problem.sheet, info.value.problem.column) == (
        "LA_level_at_31_Mar_2023",
        "Publication date",
    )


def test_other_sheets_by_name() -> None:
    # The history sheet has Bournemouth, which the bundled register may lack.
    councils = list(om.datasets.councils())
    if not any(council.la_code == "837" for council in councils):
        councils.append(om.Council("Bournemouth", "837", gss_code="E06000028"))
    register = CouncilRegister(councils)
    history = read_ofsted_outcomes(WORKBOOK, register, sheet="ILACS_inspection_history")
    assert (history.rows, history.kept) == (271, 271)
    assert Counter(i.kind.name for h in history.histories.values() for i in h) == {
        "ILACS_STANDARD": 171,
        "ILACS_SHORT": 100,
    }
    assert all(n.sheet == "ILACS_inspection_history" for n in history.notes)
    assert read_ofsted_outcomes(ILACS_HISTORY, register).histories == history.histories
    in_year = read_ofsted_outcomes(WORKBOOK, register, sheet="In-year_inspections")
    assert (in_year.rows, in_year.kept) == (112, 112)
    kinds = Counter(i.kind for h in in_year.histories.values() for i in h)
    assert kinds[om.InspectionKind.FOCUSED_VISIT] == 36
    assert kinds[om.InspectionKind.MONITORING_VISIT] == 24
    assert all(
        not i.judgements for h in in_year.histories.values() for i in h if not i.kind.is_graded
    )


def test_unknown_sheet_and_sheet_with_csv() -> None:
    with pytest.raises(om.LoadError, match="no sheet 'Nope'; its sheets: 'Cover', 'Contents'"):
        read_ofsted_outcomes(WORKBOOK, sheet="Nope")
    with pytest.raises(om.LoadError, match="no header row") as info:
        read_ofsted_outcomes(WORKBOOK, sheet="Cover")
    assert info.value.problem.sheet == "Cover"
    with pytest.raises(om.LoadError, match="CSV text, which has no sheets"):
        read_ofsted_outcomes(OUTCOMES_2025, sheet=PER_COUNCIL_SHEET)
    with pytest.raises(om.OfstedModelError, match="not the name of a sheet"):
        read_ofsted_outcomes(WORKBOOK, sheet=3)  # type: ignore[arg-type]


def test_open_files(outcomes_csv: LoadResult, workbook: LoadResult) -> None:
    with WORKBOOK.open("rb") as file:
        assert read_ofsted_outcomes(file).histories == workbook.histories
    assert read_ofsted_outcomes(io.BytesIO(WORKBOOK.read_bytes())).histories == workbook.histories
    text = OUTCOMES_2025.read_text(encoding="utf-8")
    from_text = read_ofsted_outcomes(io.StringIO("\ufeff" + text))
    assert from_text.histories == outcomes_csv.histories
    bad = read(io.StringIO(_csv_text([row(published="yesterday")])), errors="collect")
    assert [(p.file, p.line, p.sheet) for p in bad.problems] == [("<stream>", 2, None)]


def test_lookup_kinds(outcomes_csv: LoadResult) -> None:
    councils = list(om.datasets.councils())
    assert read_ofsted_outcomes(OUTCOMES_2025, councils).histories == outcomes_csv.histories
    with pytest.raises(om.OfstedModelError, match="lookup"):
        read_ofsted_outcomes(OUTCOMES_2025, 42)


def test_reading_is_fast() -> None:
    began = time.perf_counter()
    read_ofsted_outcomes(WORKBOOK)
    assert time.perf_counter() - began < 1.0


# -- hostile CSV files -----------------------------------------------------------------------------


def test_bad_grade(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            row(),
            row(
                "Barking and Dagenham",
                "E09000002",
                grades=("Goood", "Good", "Good", "Good", "Good"),
            ),
        ],
    )
    with pytest.raises(om.LoadError) as info:
        read(path)
    problem = info.value.problem
    assert (problem.line, problem.column, problem.value) == (3, OVERALL, "Goood")
    assert "did you mean 'Good'" in problem.reason
    result = read(path, errors="collect")
    assert (result.rows, result.kept, result.reported) == (2, 1, 1)
    assert list(result.histories) == ["302"]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        (PUBLISHED, "31/02/2024", "day is out of range"),
        (PUBLISHED, "yesterday", "is not a date"),
        (PUBLISHED, "1999-12-01", "from 2000 to 2100"),
        (PUBLISHED, "", "no publication date"),
        (START, "2024-13-01", "month must be in 1..12"),
        (START, "2024-08-01", "after the report was published"),
        (START, "2017-06-01", "ILACS was not in force"),
    ],
)
def test_bad_date(tmp_path: Path, column: str, value: str, reason: str) -> None:
    cells = row()
    cells[LAYOUT.index(column)] = value
    result = read(write_csv(tmp_path, [cells]), errors="collect")
    assert_accounted(result)
    assert result.kept == 0
    assert any(
        (p.line, p.column, p.value) == (2, column, value) and reason in p.reason
        for p in result.problems
    ), result.problems


def test_dates_day_first_and_empty_start(tmp_path: Path) -> None:
    result = read(write_csv(tmp_path, [row(start="", published="23/07/2024")]))
    (inspection,) = result.histories["302"]
    assert (inspection.start, inspection.published) == (None, dt.date(2024, 7, 23))


def test_unknown_council(tmp_path: Path) -> None:
    result = read(write_csv(tmp_path, [row("Atlantis", "E09000099")]), errors="collect")
    (problem,) = result.problems
    assert (problem.column, problem.value) == (GSS, "E09000099")
    assert "no council in the lookup has GSS code 'E09000099' or is named 'Atlantis'" in str(
        problem
    )
    result = read(write_csv(tmp_path, [row("Atlantis", "")]), errors="collect")
    assert [(p.column, p.value) for p in result.problems] == [(NAME, "Atlantis")]
    result = read(write_csv(tmp_path, [row("Barnet", "not a code")]), errors="collect")
    assert "is not a GSS code" in result.problems[0].reason


def test_gss_and_name_disagree(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [row("Barnet", "E09000002")])
    with pytest.raises(om.LoadError) as info:
        read(path)
    problem = info.value.problem
    assert (problem.line, problem.column, problem.value) == (2, GSS, "E09000002")
    assert "Barking and Dagenham (301)" in problem.reason
    assert "Barnet (302)" in problem.reason


def test_a_name_both_councils_bear_is_no_disagreement(tmp_path: Path) -> None:
    # "Dorset" is the current council's name by preference, but the county council's too.
    result = read(
        write_csv(
            tmp_path,
            [
                row(
                    "Dorset",
                    "E10000009",
                    "2019-01-07",
                    "2019-02-15",
                    ("Good", "Good", "Good", "Good", ""),
                )
            ],
        )
    )
    assert list(result.histories) == ["835"]


def test_gss_or_name_unknown_but_the_other_matches(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [row("Barnet", "E09000099"), row("Barnet LBC", "E09000002")])
    result = read(path)
    assert sorted(result.histories) == ["301", "302"]
    assert [(n.line, n.column) for n in result.notes] == [(2, GSS), (3, NAME)]


def test_names_in_any_spelling(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [row("bristol", ""), row("Barking & Dagenham", "")])
    assert sorted(read(path).histories) == ["301", "801"]


@pytest.mark.parametrize(
    ("start", "leavers", "expected"),
    [
        ("2022-06-27", "", None),  # before 2023: judged with children in care
        ("2022-06-27", "-", None),
        ("2023-06-26", "-", None),  # not judged
        ("2023-06-26", "Outstanding", om.Grade.OUTSTANDING),
    ],
)
def test_care_leavers(tmp_path: Path, start: str, leavers: str, expected: om.Grade | None) -> None:
    grades = ("Good", "Good", "Good", "Good", leavers)
    result = read(write_csv(tmp_path, [row(start=start, published="2023-09-01", grades=grades)]))
    (inspection,) = result.histories["302"]
    assert inspection.get(om.Category.CARE_LEAVERS) is expected


@pytest.mark.parametrize(
    ("start", "leavers", "reason"),
    [
        ("2023-06-26", "", "empty, but ILACS judged"),
        ("2022-06-27", "Good", "before 2023 it judged children in care and care leavers together"),
    ],
)
def test_care_leavers_problems(tmp_path: Path, start: str, leavers: str, reason: str) -> None:
    grades = ("Good", "Good", "Good", "Good", leavers)
    path = write_csv(tmp_path, [row(start=start, published="2023-09-01", grades=grades)])
    with pytest.raises(om.LoadError) as info:
        read(path)
    assert info.value.problem.column == LEAVERS
    assert reason in info.value.problem.reason


def test_not_judged_and_other_grade_problems(tmp_path: Path) -> None:
    rows = [
        row(grades=("Good", "-", "Good", "Good", "Good")),
        row("Barking and Dagenham", "E09000002", grades=("-", "-", "-", "-", "-")),
        row("Rotherham", "E08000018", grades=("Adequate", "Good", "Good", "Good", "Good")),
        row("Bristol", "E06000023", grades=("", "Good", "Good", "Good", "Good")),
    ]
    result = read(write_csv(tmp_path, rows), errors="collect")
    assert_accounted(result)
    assert (result.kept, result.reported) == (1, 3)
    (barnet,) = result.histories["302"]
    assert barnet.get(om.Category.LEADERSHIP) is None
    reasons = {p.line: p.reason for p in result.problems}
    assert "no grade" in reasons[3]
    assert "not on the ILACS scale" in reasons[4]
    assert "empty" in reasons[5]


def test_duplicate_row(tmp_path: Path) -> None:
    result = read(write_csv(tmp_path, [row(), row()]), errors="collect")
    assert (result.kept, result.reported) == (1, 1)
    assert result.problems[0].line == 3
    assert "a second" in result.problems[0].reason


def test_blank_rows_are_skipped_and_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    text = (
        ",".join(LAYOUT)
        + "\n\n"
        + ",".join(row())
        + "\n,,,,,,,,,,\n \n"
        + ",".join(row("Barking and Dagenham", "E09000002", grades=("Goood",) * 5))
        + "\n\n"
    )
    path.write_text(text, encoding="utf-8")
    result = read(path, errors="collect")
    assert (result.rows, result.kept, result.reported) == (2, 1, 1)
    assert result.problems[0].line == 6


def test_title_rows_above_the_header_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "titled.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Local authority inspection judgements as at 31 March 2025", "", ""])
        writer.writerow(["This worksheet contains one table."])
        writer.writerow([*LAYOUT, "Something else"])
        writer.writerow([*row(), "x"])
    result = read(path)
    assert result.rows == 1
    assert list(result.histories) == ["302"]


def test_header_spellings(tmp_path: Path) -> None:
    header = [
        "LOCAL AUTHORITY NAME",
        "Local authority area code (GSS)",
        "Inspection date (fieldwork start)",
        "Publication date [note 2]",
        "overall effectiveness",
        "Impact of leaders",
        "Experiences and progress of children who need help and protection",
        "Experiences and progress of children in care",
        "Experiences and progress of care leavers",
    ]
    text = ",".join(header) + "\nBarnet,E09000003,2024-06-10,2024-07-23,1,2,2,1,2\n"
    (inspection,) = read(io.StringIO(text)).histories["302"]
    assert inspection.overall is om.Grade.OUTSTANDING


def test_missing_and_doubled_columns_are_fatal(tmp_path: Path) -> None:
    header = [c for c in LAYOUT if c != LEAVERS]
    for errors in ("raise", "collect"):
        with pytest.raises(om.LoadError) as info:
            read(io.StringIO(",".join(header) + "\n"), errors=errors)
        assert info.value.problem.column == LEAVERS
    with pytest.raises(om.LoadError, match="names column 'Local authority name' twice"):
        read(io.StringIO(",".join([*LAYOUT, "Local authority name"]) + "\n"))


@pytest.mark.parametrize(
    ("data", "name", "found"),
    [
        (",".join(LAYOUT).encode("utf-16"), "u16.csv", "UTF-16 text"),
        (",".join(LAYOUT).encode("utf-16-le"), "u16.csv", "UTF-16 text"),
        ((",".join(LAYOUT) + "\n,,Southend-on-Sea \xe9").encode("cp1252"), "w.csv", "not UTF-8"),
        (b"%PDF-1.4\x00\x01\x02binary", "report.pdf", "binary data"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.xls", ".xls"),
        (b"hello", "outcomes.ods", "named 'outcomes.ods' that is not a zip"),
        (b"", "empty.csv", "no header row"),
        (b"a,b,c\n1,2,3\n", "other.csv", "no header row"),
    ],
)
def test_files_that_are_not_accepted(tmp_path: Path, data: bytes, name: str, found: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(om.LoadError, match="accepted: Ofsted's OpenDocument workbook") as info:
        read(path, errors="collect")
    assert found in info.value.problem.reason


def test_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "outcomes.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(om.LoadError, match=r"found an Excel workbook \(.xlsx\)"):
        read(path)


def test_missing_file_and_not_a_path(tmp_path: Path) -> None:
    with pytest.raises(om.LoadError, match="cannot open the file"):
        read(tmp_path / "absent.ods")
    with pytest.raises(om.OfstedModelError, match="not a path or an open file"):
        read(42)
    with pytest.raises(om.OfstedModelError, match="errors: 'skip' is not one of"):
        read(tmp_path / "absent.ods", errors="skip")


# -- hostile workbooks -----------------------------------------------------------------------------


def test_workbook_problem_names_sheet_and_row(tmp_path: Path) -> None:
    rows = [
        [
            Link("Ofsted Local Authority Webpage", "https://reports.ofsted.gov.uk/provider/44/302"),
            "E09000003",
            "Barnet",
            "London",
            dt.date(2024, 6, 10),
            dt.date(2024, 7, 23),
            "Good",
            "Good",
            "Good",
            "Outstanding",
            "Good",
        ],
        [],  # an empty row in the table: skipped, not counted
        [
            "",
            "E09000002",
            "Barking and Dagenham",
            "London",
            dt.date(2023, 7, 10),
            dt.date(2023, 9, 4),
            "Requires improvement to be good",
            "Goood",
            "Good",
            "Good",
            "Good",
        ],
    ]
    path = write_ods(tmp_path, {"Cover": [["About"]], "Table": sheet_rows(rows)})
    with pytest.raises(om.LoadError) as info:
        read(path)
    problem = info.value.problem
    assert (problem.sheet, problem.line, problem.column, problem.value) == (
        "Table",
        6,
        LEADERS,
        "Goood",
    )
    assert str(problem).startswith(f"{path}[Table]:6: column {LEADERS!r}: 'Goood' is not a grade")
    result = read(path, errors="collect")
    assert (result.rows, result.kept, result.reported) == (2, 1, 1)
    (barnet,) = result.histories["302"]
    assert barnet[om.Category.CHILDREN_IN_CARE] is om.Grade.OUTSTANDING
    assert not result.notes


def test_workbook_cell_markup(tmp_path: Path) -> None:
    """Spans, runs of spaces, a comment, covered (merged) cells and a HYPERLINK formula."""
    cell = '<table:table-cell office:value-type="string">{}</table:table-cell>'
    name = cell.format(
        "<office:annotation><text:p>checked</text:p></office:annotation>"
        "<text:p>Barking<text:s/>and <text:span>Dag</text:span>enham</text:p>"
    )
    link = (
        '<table:table-cell office:value-type="string" table:formula="of:=HYPERLINK(&quot;'
        'https://reports.ofsted.gov.uk/provider/44/302&quot;;&quot;Web&quot;)">'
        "<text:p>Web</text:p></table:table-cell>"
    )
    covered = '<table:covered-table-cell table:number-columns-repeated="2"/>'
    raw = Raw(
        "<table:table-row>"
        + link
        + cell.format("<text:p>E09000002</text:p>")
        + name
        + covered
        + _cell_xml(dt.date(2023, 9, 4))
        + '<table:table-cell table:number-columns-repeated="5" office:value-type="string">'
        "<text:p>Good</text:p></table:table-cell></table:table-row>"
    )
    path = write_ods(tmp_path, {"Table": [*sheet_rows([]), raw]})
    result = read(path)
    (inspection,) = result.histories["301"]
    assert inspection.start is None
    assert inspection.published == dt.date(2023, 9, 4)
    # The link leads to Barnet's page: a note, the GSS code and name decide.
    (note,) = result.notes
    assert (note.column, note.line, note.sheet) == ("Web link", 4, "Table")
    assert "Barnet (302)" in note.reason


def test_a_link_to_a_successor_s_page_is_no_disagreement(tmp_path: Path) -> None:
    grades = ("Good", "Good", "Good", "Good", "")
    county = row("Dorset County Council", "E10000009", "2018-01-29", "2018-03-02", grades)
    successor, other = county.copy(), county.copy()
    successor[0] = "https://reports.ofsted.gov.uk/provider/44/838"
    other[0] = "https://reports.ofsted.gov.uk/provider/44/302"
    other[LAYOUT.index(PUBLISHED)] = "2018-03-05"
    result = read(write_csv(tmp_path, [successor, other]))
    assert [(n.line, n.column) for n in result.notes] == [(3, "Web link")]
    assert len(result.histories["835"]) == 2


def test_workbook_without_a_per_council_sheet(tmp_path: Path) -> None:
    history_header = [*LAYOUT[:6], "Inspection type", *LAYOUT[6:]]
    path = write_ods(
        tmp_path,
        {
            "Cover": [["Local authority inspection outcomes"]],
            "History": [history_header],
            "Notes": [["Local authority name", "Note"]],
        },
    )
    with pytest.raises(om.LoadError, match="no per-council sheet") as info:
        read(path, errors="collect")
    assert "'Cover', 'History', 'Notes'" in info.value.problem.reason
    assert info.value.problem.sheet is None


def test_a_doubled_column_matters_only_in_the_sheet_read(tmp_path: Path) -> None:
    notes = [[NAME, NAME, OVERALL, PUBLISHED]]
    sheets = {"Notes": notes, "Table": sheet_rows([row()])}
    assert list(read(write_ods(tmp_path, sheets)).histories) == ["302"]
    with pytest.raises(om.LoadError, match="names column 'Local authority name' twice"):
        read(write_ods(tmp_path, sheets), sheet="Notes")


def test_repeated_rows_are_counted(tmp_path: Path) -> None:
    barnet = _row_xml(row())
    raw = Raw(
        barnet.replace("<table:table-row>", '<table:table-row table:number-rows-repeated="2">')
    )
    path = write_ods(tmp_path, {"T": [*sheet_rows([]), raw, row("Rotherham", "E08000018")]})
    result = read(path, errors="collect")
    assert (result.rows, result.kept) == (3, 2)
    assert [(p.line, p.column) for p in result.problems] == [(5, PUBLISHED)]


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda data: data[: len(data) // 2], "damaged zip archive"),
        (lambda data: data[:30] + bytes(200) + data[230:], "damaged zip archive"),
    ],
)
def test_damaged_workbooks(tmp_path: Path, mangle: object, reason: str) -> None:
    path = tmp_path / "damaged.ods"
    path.write_bytes(mangle(WORKBOOK.read_bytes()))  # type: ignore[operator]
    with pytest.raises(om.LoadError, match=reason):
        read_ofsted_outcomes(path, errors="collect")


def test_truncated_content_and_bad_repeat_counts(tmp_path: Path) -> None:
    path = tmp_path / "cut.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", ODS_MIME)
        archive.writestr("content.xml", _HEAD + "<table:table table:name='T'><table:table-row>")
    with pytest.raises(om.LoadError, match="not well-formed XML"):
        read(path)
    raw = Raw(
        '<table:table-row table:number-rows-repeated="many"><table:table-cell/></table:table-row>'
    )
    with pytest.raises(om.LoadError, match="repeat count 'many'"):
        read(write_ods(tmp_path, {"T": [raw]}))
    raw = Raw(
        '<table:table-row table:number-rows-repeated="99999999">'
        "<table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"
    )
    with pytest.raises(om.LoadError, match="past the 1048576 rows"):
        read(write_ods(tmp_path, {"T": [raw]}))


def test_other_zip_archives(tmp_path: Path) -> None:
    text = tmp_path / "letter.odt"
    text.write_bytes(ods_bytes({"T": []}, mimetype="application/vnd.oasis.opendocument.text"))
    with pytest.raises(om.LoadError, match=r"opendocument\.text', not a spreadsheet"):
        read(text)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(om.LoadError, match=r"no content.xml; it holds readme.txt"):
        read(other)


# -- properties ------------------------------------------------------------------------------------

_GRADE_TEXT = {
    om.Grade.OUTSTANDING: "Outstanding",
    om.Grade.GOOD: "Good",
    om.Grade.REQUIRES_IMPROVEMENT: "Requires improvement to be good",
    om.Grade.INADEQUATE: "Inadequate",
}
_ILACS_GRADES = st.sampled_from(sorted(_GRADE_TEXT))


@st.composite
def outcome_rows(draw: st.DrawFn) -> tuple[list[list[object]], dict[str, om.History]]:
    """Rows of the 2025 layout (dates as dates) and the histories they describe: written to
    CSV or to a workbook and read back, they give exactly those histories."""
    councils = draw(st.lists(st.sampled_from(COUNCILS[:5]), unique=True, max_size=5))
    rows: list[list[object]] = []
    expected = {}
    for council in councils:
        inspections = []
        published_dates = draw(
            st.lists(st.dates(dt.date(2018, 3, 1), dt.date(2026, 3, 1)), max_size=3, unique=True)
        )
        for published in published_dates:
            start = published - dt.timedelta(days=draw(st.integers(0, 50)))
            if start < dt.date(2018, 1, 1):
                start = dt.date(2018, 1, 1)
            grades: dict[om.Category, om.Grade] = {}
            cells = []
            for category in GRADE_COLUMNS.values():
                if category is om.Category.CARE_LEAVERS and start < dt.date(2023, 1, 1):
                    cells.append("")
                    continue
                judged = category is om.Category.OVERALL_EFFECTIVENESS or draw(st.booleans())
                if not judged:
                    cells.append("-")
                    continue
                grade = draw(_ILACS_GRADES)
                grades[category] = grade
                cells.append(_GRADE_TEXT[grade])
            gss = council.gss_code if draw(st.booleans()) else ""
            rows.append(["", gss, council.name, "", start, published, *cells])
            inspections.append(
                om.Inspection(
                    council, "ILACS", published, grades, kind="ILACS_INSPECTION", start=start
                )
            )
        if inspections:
            expected[council.la_code] = om.History(council, inspections)
    order = draw(st.permutations(range(len(rows))))
    return [rows[i] for i in order], expected


def _csv_text(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LAYOUT)
    writer.writerows(
        [cell.isoformat() if isinstance(cell, dt.date) else cell for cell in r] for r in rows
    )
    return out.getvalue()


@given(outcome_rows())
def test_rows_written_read_back_as_the_inspections_they_describe(
    case: tuple[list[list[object]], dict[str, om.History]],
) -> None:
    rows, expected = case
    from_csv = read(io.StringIO(_csv_text(rows)))
    assert dict(from_csv.histories) == expected
    assert from_csv.rows == from_csv.kept == len(rows)
    from_ods = read(io.BytesIO(ods_bytes({"Sheet": sheet_rows(rows)})))
    assert from_ods.histories == from_csv.histories


SMALL_WORKBOOK = ods_bytes(
    {
        "Sheet": sheet_rows(
            [row(), row("Barking and Dagenham", "E09000002", "2023-07-10", "2023-09-04")]
        )
    }
)


@given(st.binary(min_size=1, max_size=64), st.integers(0, len(SMALL_WORKBOOK)))
def test_any_damage_to_a_workbook_is_a_load_error(junk: bytes, at: int) -> None:
    data = SMALL_WORKBOOK[:at] + junk + SMALL_WORKBOOK[at + len(junk) :]
    try:
        result = read(io.BytesIO(data), errors="collect")
    except om.LoadError:
        return
    assert_accounted(result)


@given(st.sampled_from(LAYOUT), st.text(max_size=20))
def test_any_cell_value_is_kept_or_reported(column: str, value: str) -> None:
    cells: list[str] = row()
    cells[LAYOUT.index(column)] = value
    result = read(io.StringIO(_csv_text([cells, row("Rotherham", "E08000018")])), errors="collect")
    assert_accounted(result)
    assert {p.line for p in result.problems} <= {2}
    assert "372" in result.histories


def test_a_workbook_opened_as_text_is_refused() -> None:
    with (
        WORKBOOK.open(encoding="utf-8") as file,
        pytest.raises(om.LoadError, match=r"not UTF-8 text .*open a workbook in binary mode"),
    ):
        read(file)


def test_problem_sheet_is_optional_and_last() -> None:
    plain = Problem("f.csv", 3, "Overall effectiveness", "x", "bad")
    assert plain.sheet is None
    assert str(plain) == "f.csv:3: column 'Overall effectiveness': bad"
    in_sheet = Problem("f.ods", 3, None, None, "bad", "Table")
    assert str(in_sheet) == "f.ods[Table]:3: bad"
    assert str(Problem("f.ods", None, None, None, "bad", sheet="T")) == "f.ods[T]: bad"


@pytest.mark.parametrize("count", ["²", "0", "9" * 5000, "-3"])
def test_odd_repeat_counts_are_refused(tmp_path: Path, count: str) -> None:
    raw = Raw(
        f'<table:table-row><table:table-cell table:number-columns-repeated="{count}">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    with pytest.raises(om.LoadError, match="is not a positive whole number"):
        read(write_ods(tmp_path, {"T": [raw]}))


def test_odd_space_counts_are_one_space(tmp_path: Path) -> None:
    name = Raw(
        '<table:table-cell office:value-type="string"><text:p>Barking<text:s text:c="²"/>and'
        '<text:s text:c="99999999999"/>Dagenham</text:p></table:table-cell>'
    )
    cells: list[object] = row("x", "")
    cells[LAYOUT.index(NAME)] = name
    raw = Raw(_row_xml(cells))
    result = read(write_ods(tmp_path, {"T": [*sheet_rows([]), raw]}))
    assert list(result.histories) == ["301"]


def test_load_result_repr_counts_agree_with_their_nouns() -> None:
    one = read(io.StringIO(_csv_text([row("Barnet", "E09000099")])))
    assert repr(one) == "<LoadResult: 1 history from 1 row, 1 kept, 0 reported, 1 note>"
    rows = [
        row(),
        row("Barnet LBC", "E09000002"),
        row("Rotherham", "E08000018", published="x"),
        row("Bristol", "E06000023", grades=("Goood",) * 5),
        row("Barnet", "E09000099", published="2024-07-24"),
    ]
    many = read(io.StringIO(_csv_text(rows)), errors="collect")
    assert repr(many) == "<LoadResult: 2 histories from 5 rows, 3 kept, 2 reported, 2 notes>"
    assert repr(LoadResult({}, (), rows=0, kept=0)) == (
        "<LoadResult: 0 histories from 0 rows, 0 kept, 0 reported, 0 notes>"
    )

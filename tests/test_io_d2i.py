"""Reading the Data to Insight ILACS history CSV: the real file, and mutated copies of it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import D2I_HISTORY, lookup_councils
from ofstedmodel.io import LoadResult, Problem, read_d2i_history
from ofstedmodel.register import CouncilRegister

HISTORY = D2I_HISTORY
TEXT = HISTORY.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)
HEADER = next(csv.reader([LINES[0]]))


REGISTER = CouncilRegister(lookup_councils())

# The faults of the real file that the reader's documented rules resolve: each row is kept,
# with a note (line, column, value, reason part). Before issue 12 each was a problem, and the
# real file could not be read with the default errors="raise".
RESOLVED = {
    # Doncaster: recorded "standard" (an ILACS kind) but its fieldwork, November 2017, was
    # under SIF, and no grade is given: SIF, with grades unknown.
    (115, "inspection_framework", "standard", "before ILACS did"),
    # Nottingham and Redcar and Cleveland, 2022: framework and fieldwork dates not extracted
    # (a known fault of the source) and a separate care leavers grade, which ILACS gave only
    # from 2023: the grade is left out.
    (328, "care_leavers_grade", "inadequate", "which does not grade care leavers"),
    (354, "care_leavers_grade", "requires improvement", "which does not grade care leavers"),
    # Nottingham 2019 and Southend-on-Sea 2019: the scraper's "to requires improvement".
    (329, "help_and_protection_grade", "to requires improvement", "the scraper's artefact"),
    (415, "help_and_protection_grade", "to requires improvement", "the scraper's artefact"),
}
RESOLVED_LINES = {line for line, *_ in RESOLVED}
# The rows of the real file that cannot be read: none.
REAL_PROBLEMS: set[tuple[int, str, str, str]] = set()
REAL_LINES = {line for line, *_ in REAL_PROBLEMS}


def read(source: object, *, errors: str = "collect", lookup: object = REGISTER) -> LoadResult:
    return read_d2i_history(source, lookup, errors=errors)


def signature(result: LoadResult) -> set[tuple[int | None, str | None, str | None]]:
    return {(p.line, p.column, p.value) for p in result.problems}


def assert_accounted(result: LoadResult) -> None:
    """Rows in = rows kept + rows reported, and every kept row is in a history."""
    assert result.rows == result.kept + len({p.line for p in result.problems})
    assert result.kept == sum(len(history) for history in result.histories.values())


def line_of(name: str, published: str) -> int:
    """The line (1-based, header 1) of the row of council ``name`` published ``published``."""
    for number, text in enumerate(LINES, start=1):
        row = next(csv.reader([text]))
        if row[1] == name and row[4] == published:
            return number
    raise AssertionError(f"no row of {name} published {published}")


ROTHERHAM_2022 = line_of("rotherham", "12/08/22")


def with_cell(lines: list[str], number: int, column: str, value: str) -> list[str]:
    """``lines`` with one cell of line ``number`` changed."""
    row = next(csv.reader([lines[number - 1]]))
    row[HEADER.index(column)] = value
    out = io.StringIO()
    # "\r\n" so that a lone "\r" in a value is quoted too; the line keeps its own "\n".
    csv.writer(out, lineterminator="\r\n").writerow(row)
    changed = list(lines)
    changed[number - 1] = out.getvalue()[:-2] + "\n"
    return changed


def write(tmp_path: Path, lines: list[str] | str, name: str = "d2i.csv") -> Path:
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return path


@pytest.fixture(scope="module")
def real() -> LoadResult:
    return read(HISTORY)


# -- the real file ------------------------------------------------------------------------------


def test_real_file_every_row_is_kept_or_reported(real: LoadResult) -> None:
    assert (real.rows, real.kept, real.reported) == (497, 497, 0)
    assert_accounted(real)
    assert len(real.histories) == 153
    assert list(real.histories) == sorted(real.histories)
    assert all(code == h.council.la_code for code, h in real.histories.items())


def test_the_real_file_reads_with_the_default_settings(real: LoadResult) -> None:
    """Issue 12: the real, current file loads with read_d2i_history(path) alone."""
    default = read_d2i_history(HISTORY)
    assert (default.rows, default.kept, default.problems) == (497, 497, ())
    assert default.histories.keys() == real.histories.keys()


def test_real_file_faults_the_rules_resolve_are_notes(real: LoadResult) -> None:
    for line, column, value, reason in RESOLVED:
        (note,) = [n for n in real.notes if n.line == line and n.column == column]
        assert note.value == value
        assert reason in note.reason
        assert note.file == str(HISTORY)
    (southend,) = [n for n in real.notes if n.line == 415]
    assert str(southend) == (
        f"{HISTORY}:415: column 'help_and_protection_grade': 'to requires improvement' is the "
        "scraper's artefact, not a grade: the grade is unknown"
    )


def test_real_file_resolved_rows(real: LoadResult) -> None:
    C, G = om.Category, om.Grade
    (doncaster,) = [i for i in real.histories["371"] if i.published == dt.date(2018, 1, 19)]
    assert doncaster.framework is om.Framework.SIF
    assert doncaster.kind is om.InspectionKind.SIF_INSPECTION
    assert (doncaster.grades_known, doncaster.start) == (False, dt.date(2017, 11, 9))
    (nottingham,) = [i for i in real.histories["892"] if i.published == dt.date(2022, 9, 5)]
    assert nottingham.era.name == "ILACS 2018"
    assert C.CARE_LEAVERS not in nottingham
    assert nottingham[C.CHILDREN_IN_CARE] is G.REQUIRES_IMPROVEMENT
    (southend,) = [i for i in real.histories["882"] if i.published == dt.date(2019, 8, 27)]
    assert southend.categories == (C.LEADERSHIP, C.CHILDREN_IN_CARE)
    assert southend.kind is om.InspectionKind.ILACS_STANDARD


def test_real_file_notes_say_what_was_inferred(real: LoadResult) -> None:
    reasons = Counter(note.reason for note in real.notes if note.line not in RESOLVED_LINES)
    assert reasons == {
        "framework not recorded and every grade unreadable: published on or after "
        "2013-11-01, so SIF assumed": 167,
        "framework not recorded and every grade unreadable: published before 2013-11-01: "
        "SLAC or CP2012; CP2012 assumed": 8,
        "framework not recorded; grades given, so ILACS inspection (standard or short not "
        "recorded) assumed": 1,
        "framework recorded as 'inspection duration longer than standard framework': read "
        "as ILACS standard inspection": 1,
    }
    by_line = {note.line: note for note in real.notes}
    assert by_line[48].value == ""  # Brighton and Hove, 2024: graded, framework empty
    assert by_line[485].value == "inspection duration longer than standard framework"
    assert {n.column for n in real.notes if n.line not in RESOLVED_LINES} == {
        "inspection_framework"
    }


def test_real_file_kinds_and_frameworks(real: LoadResult) -> None:
    counts = Counter(
        (i.framework, i.kind, i.grades_known) for h in real.histories.values() for i in h
    )
    K = om.InspectionKind
    assert counts == {
        (om.Framework.ILACS, K.ILACS_STANDARD, True): 191,
        (om.Framework.ILACS, K.ILACS_SHORT, True): 127,
        (om.Framework.ILACS, K.ILACS_INSPECTION, True): 3,
        (om.Framework.SIF, K.SIF_INSPECTION, False): 168,
        (om.Framework.CP2012, K.CP_INSPECTION, False): 8,
    }


def test_rotherham(real: LoadResult) -> None:
    rotherham = real.histories["372"]
    assert rotherham.council == REGISTER.find("372")
    assert [i.published for i in rotherham] == [
        dt.date(2012, 8, 10),
        dt.date(2014, 11, 19),
        dt.date(2018, 1, 29),
        dt.date(2022, 8, 12),
        dt.date(2025, 12, 16),
    ]
    cp2012, sif_2014, sif_2018, short_2022, short_2025 = rotherham.inspections
    assert (cp2012.framework, cp2012.kind) == (om.Framework.CP2012, om.InspectionKind.CP_INSPECTION)
    for unknown in (sif_2014, sif_2018):
        assert (unknown.framework, unknown.kind) == (
            om.Framework.SIF,
            om.InspectionKind.SIF_INSPECTION,
        )
    for unknown in (cp2012, sif_2014, sif_2018):
        assert unknown.grades_known is False
        assert unknown.judgements == ()
        assert (unknown.start, unknown.end) == (None, None)
    C, G = om.Category, om.Grade
    assert short_2022.kind is short_2025.kind is om.InspectionKind.ILACS_SHORT
    assert (short_2022.start, short_2022.end) == (dt.date(2022, 6, 27), dt.date(2022, 7, 1))
    assert {j.category: j.grade for j in short_2022} == {
        C.OVERALL_EFFECTIVENESS: G.GOOD,
        C.LEADERSHIP: G.GOOD,
        C.HELP_AND_PROTECTION: G.GOOD,
        C.CHILDREN_IN_CARE: G.GOOD,
    }
    assert short_2022.label(C.CHILDREN_IN_CARE) == (
        "The experiences and progress of children in care and care leavers"
    )
    assert {j.category: j.grade for j in short_2025} == {
        C.OVERALL_EFFECTIVENESS: G.OUTSTANDING,
        C.LEADERSHIP: G.OUTSTANDING,
        C.HELP_AND_PROTECTION: G.OUTSTANDING,
        C.CHILDREN_IN_CARE: G.OUTSTANDING,
        C.CARE_LEAVERS: G.GOOD,
    }
    assert short_2025.source == "https://files.ofsted.gov.uk/v1/file/50292638"
    assert sif_2014.source == "https://files.ofsted.gov.uk/v1/file/50004284"
    # As at the day before the 2018 report, the 2014 report (grades unknown) is in force.
    assert rotherham.as_at(dt.date(2018, 1, 28)) is sif_2014


def test_post_reform_row_has_no_overall_effectiveness(real: LoadResult) -> None:
    (inspection,) = [i for i in real.histories["940"] if i.published == dt.date(2026, 7, 7)]
    assert inspection.overall is None
    assert inspection.era.name == "ILACS 2026"
    assert inspection[om.Category.LEADERSHIP] is om.Grade.OUTSTANDING
    assert len(inspection.judgements) == 4


def test_raise_mode_raises_the_first_problem(tmp_path: Path) -> None:
    lines = with_cell(LINES, ROTHERHAM_2022, "overall_effectiveness_grade", "goood")
    path = write(tmp_path, with_cell(lines, 3, "publication_date", "31/02/25"))
    collected = read(path)
    with pytest.raises(om.LoadError) as info:
        read(path, errors="raise")
    assert info.value.problem == collected.problems[0]
    assert info.value.problem.line == 3
    assert str(info.value) == str(collected.problems[0])


def test_default_lookup_is_the_bundled_register(monkeypatch: pytest.MonkeyPatch) -> None:
    import ofstedmodel.io.d2i as d2i

    monkeypatch.setattr(d2i, "bundled", lambda: REGISTER)
    assert read_d2i_history(HISTORY, errors="collect") == read(HISTORY)


def test_default_lookup_missing_is_an_ofstedmodel_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import ofstedmodel.io.d2i as d2i

    def missing() -> None:
        raise FileNotFoundError("councils.json")

    monkeypatch.setattr(d2i, "bundled", missing)
    with pytest.raises(om.OfstedModelError, match="pass lookup="):
        read_d2i_history(HISTORY)


def test_the_readers_do_not_import_the_datasets_package() -> None:
    """io sits below datasets: reading with the bundled register reads councils.json only."""
    import subprocess
    import sys as _sys

    code = (
        "import sys, ofstedmodel.io as io;"
        "io.read_d2i_history(sys.argv[1], errors='collect');"
        "print('ofstedmodel.datasets' in sys.modules)"
    )
    out = subprocess.run(
        [_sys.executable, "-c", code, str(HISTORY)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "lookup",
    [lookup_councils(), tuple(lookup_councils()), {c.la_code: c for c in lookup_councils()}],
    ids=["list", "tuple", "mapping"],
)
def test_lookup_as_councils(lookup: object, real: LoadResult) -> None:
    assert read(HISTORY, lookup=lookup) == real


@pytest.mark.parametrize("lookup", ["372", 5, [object()]])
def test_bad_lookup(lookup: object) -> None:
    with pytest.raises(om.OfstedModelError):
        read(HISTORY, lookup=lookup)


@pytest.mark.parametrize("errors", ["ignore", "strict", None, 1])
def test_errors_must_be_raise_or_collect(errors: object) -> None:
    with pytest.raises(om.OfstedModelError, match="'raise', 'collect'"):
        read(HISTORY, errors=errors)  # type: ignore[arg-type]


# -- mutated copies -----------------------------------------------------------------------------


def check_mutation(
    path: Path, expected: set[tuple[int, str | None, str | None]], kept: int
) -> LoadResult:
    """The mutated file reports exactly ``expected`` (with the real problems), keeps ``kept``
    rows, and in raise mode raises the first problem."""
    result = read(path)
    assert signature(result) == expected
    assert result.kept == kept
    assert_accounted(result)
    with pytest.raises(om.LoadError) as info:
        read(path, errors="raise")
    assert info.value.problem == result.problems[0]
    assert result.problems[0].line == min(line for line, _, _ in expected)
    return result


def real_signature(shift_from: int = 10**9, by: int = 0) -> set[tuple[int, str | None, str]]:
    return {
        (line + (by if line >= shift_from else 0), column, value)
        for line, column, value, _ in REAL_PROBLEMS
    }


def test_misspelt_grade(tmp_path: Path) -> None:
    lines = with_cell(LINES, ROTHERHAM_2022, "overall_effectiveness_grade", "goood")
    path = write(tmp_path, lines)
    result = check_mutation(
        path,
        real_signature() | {(ROTHERHAM_2022, "overall_effectiveness_grade", "goood")},
        kept=496,
    )
    (problem,) = [p for p in result.problems if p.line == ROTHERHAM_2022]
    assert str(problem) == (
        f"{path}:{ROTHERHAM_2022}: column 'overall_effectiveness_grade': 'goood' is not a grade "
        "(did you mean 'good'?)"
    )
    assert len(result.histories["372"]) == 4


def test_two_bad_cells_are_one_row_with_two_problems(tmp_path: Path) -> None:
    lines = with_cell(LINES, ROTHERHAM_2022, "overall_effectiveness_grade", "goood")
    lines = with_cell(lines, ROTHERHAM_2022, "inspection_start_date", "31/02/2022")
    result = check_mutation(
        write(tmp_path, lines),
        real_signature()
        | {
            (ROTHERHAM_2022, "overall_effectiveness_grade", "goood"),
            (ROTHERHAM_2022, "inspection_start_date", "31/02/2022"),
        },
        kept=496,
    )
    assert result.reported == 1
    assert len(result.problems) == 2


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("inspection_start_date", "31/02/2022", "'31/02/2022' is not a date: day is out of range"),
        ("publication_date", "29/02/23", "'29/02/23' is not a date: day is out of range"),
        ("publication_date", "12/13/22", "'12/13/22' is not a date: month must be in 1..12"),
        ("publication_date", "12/08/1999", "'12/08/1999' is not a date from 2000 to 2100"),
        ("inspection_end_date", "01/07/2101", "'01/07/2101' is not a date from 2000 to 2100"),
        ("publication_date", "August 2022", "'August 2022' is not a whole date"),
        ("inspection_start_date", "soon", "'soon' is not a date (dd/mm/yyyy)"),
        ("publication_date", "", "no publication date"),
        ("publication_date", "  ", "no publication date"),
    ],
)
def test_bad_date(tmp_path: Path, column: str, value: str, reason: str) -> None:
    result = check_mutation(
        write(tmp_path, with_cell(LINES, ROTHERHAM_2022, column, value)),
        real_signature() | {(ROTHERHAM_2022, column, value)},
        kept=496,
    )
    (problem,) = [p for p in result.problems if p.line == ROTHERHAM_2022]
    assert problem.reason.startswith(reason)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("publication_date", "12/08/2022", dt.date(2022, 8, 12)),
        ("publication_date", "2022-08-12", dt.date(2022, 8, 12)),
        ("publication_date", "12 August 2022", dt.date(2022, 8, 12)),
        ("publication_date", "12/8/22", dt.date(2022, 8, 12)),
        ("inspection_start_date", "2022-06-05", dt.date(2022, 6, 5)),  # ISO, not day first
        ("inspection_start_date", "27/06/22", dt.date(2022, 6, 27)),
    ],
)
def test_other_date_spellings(tmp_path: Path, column: str, value: str, expected: dt.date) -> None:
    result = read(write(tmp_path, with_cell(LINES, ROTHERHAM_2022, column, value)))
    assert signature(result) == real_signature()
    inspection = result.histories["372"].inspections[3]
    got = inspection.published if column == "publication_date" else inspection.start
    assert got == expected


def test_out_of_order_fieldwork(tmp_path: Path) -> None:
    lines = with_cell(LINES, ROTHERHAM_2022, "inspection_start_date", "08/07/2022")
    result = check_mutation(
        write(tmp_path, lines),
        real_signature() | {(ROTHERHAM_2022, "inspection_end_date", "01/07/2022")},
        kept=496,
    )
    (problem,) = [p for p in result.problems if p.line == ROTHERHAM_2022]
    assert "dates out of order" in problem.reason
    assert "fieldwork start 2022-07-08 is after its end 2022-07-01" in problem.reason


def test_fieldwork_after_publication(tmp_path: Path) -> None:
    lines = with_cell(LINES, ROTHERHAM_2022, "publication_date", "30/06/22")
    check_mutation(
        write(tmp_path, lines),
        real_signature() | {(ROTHERHAM_2022, "publication_date", "30/06/22")},
        kept=496,
    )


def test_extra_cell(tmp_path: Path) -> None:
    lines = list(LINES)
    lines[ROTHERHAM_2022 - 1] = lines[ROTHERHAM_2022 - 1].rstrip("\n") + ",surplus\n"
    result = check_mutation(
        write(tmp_path, lines), real_signature() | {(ROTHERHAM_2022, None, None)}, kept=496
    )
    (problem,) = [p for p in result.problems if p.line == ROTHERHAM_2022]
    assert problem.reason == f"{len(HEADER) + 1} cells where the header has {len(HEADER)}"


def test_missing_cell(tmp_path: Path) -> None:
    lines = list(LINES)
    lines[ROTHERHAM_2022 - 1] = lines[ROTHERHAM_2022 - 1].rsplit(",", 1)[0] + "\n"
    check_mutation(
        write(tmp_path, lines), real_signature() | {(ROTHERHAM_2022, None, None)}, kept=496
    )


def test_unknown_council(tmp_path: Path) -> None:
    lines = with_cell(LINES, ROTHERHAM_2022, "urn", "99999999")
    lines = with_cell(lines, ROTHERHAM_2022, "local_authority", "atlantis")
    result = check_mutation(
        write(tmp_path, lines), real_signature() | {(ROTHERHAM_2022, "urn", "99999999")}, kept=496
    )
    (problem,) = [p for p in result.problems if p.line == ROTHERHAM_2022]
    assert problem.reason == "no council in the lookup has URN '99999999' or is named 'atlantis'"


def test_unknown_urn_matched_by_name_is_kept_with_a_note(tmp_path: Path, real: LoadResult) -> None:
    result = read(write(tmp_path, with_cell(LINES, ROTHERHAM_2022, "urn", "99999999")))
    assert signature(result) == real_signature()
    assert result.histories == real.histories
    (note,) = [n for n in result.notes if n.line == ROTHERHAM_2022]
    assert (note.column, note.value) == ("urn", "99999999")
    assert "matched by name 'rotherham'" in note.reason


def test_no_urn_matches_by_name_even_with_a_quoted_comma(tmp_path: Path, real: LoadResult) -> None:
    number = line_of("bournemouth, christchurch & poole", "29/01/25")
    assert '"bournemouth, christchurch & poole"' in LINES[number - 1]
    result = read(write(tmp_path, with_cell(LINES, number, "urn", "")))
    assert result.histories == real.histories
    assert signature(result) == real_signature()


def test_duplicate_row(tmp_path: Path) -> None:
    lines = list(LINES)
    lines.insert(ROTHERHAM_2022, lines[ROTHERHAM_2022 - 1])
    result = check_mutation(
        write(tmp_path, lines),
        real_signature(shift_from=ROTHERHAM_2022 + 1, by=1)
        | {(ROTHERHAM_2022 + 1, "publication_date", "12/08/22")},
        kept=497,
    )
    (problem,) = [p for p in result.problems if p.line == ROTHERHAM_2022 + 1]
    assert problem.reason == (
        "a second ILACS short inspection of Rotherham published 2022-08-12; a report is listed once"
    )
    assert result.rows == 498


def test_same_date_another_kind_is_not_a_duplicate(tmp_path: Path) -> None:
    lines = list(LINES)
    lines.insert(ROTHERHAM_2022, lines[ROTHERHAM_2022 - 1].replace(",short,", ",standard,"))
    result = read(write(tmp_path, lines))
    assert result.kept == 498
    assert len(result.histories["372"]) == 6


def test_bom(tmp_path: Path, real: LoadResult) -> None:
    path = write(tmp_path, ["\ufeff", *LINES])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = read(path)
    assert signature(result) == signature(real)
    assert result.histories == real.histories
    assert (result.rows, result.kept) == (497, 497)


def test_bom_in_an_open_file(real: LoadResult) -> None:
    result = read(io.StringIO("\ufeff" + TEXT))
    assert result.histories == real.histories
    assert {n.file for n in result.notes} == {"<stream>"}


def test_crlf(tmp_path: Path, real: LoadResult) -> None:
    path = write(tmp_path, TEXT.replace("\n", "\r\n"))
    assert path.read_bytes().count(b"\r\n") == 498
    result = read(path)
    assert signature(result) == signature(real)
    assert result.histories == real.histories
    assert result.notes == tuple(
        Problem(str(path), n.line, n.column, n.value, n.reason) for n in real.notes
    )


def test_blank_lines_are_skipped_and_not_counted(tmp_path: Path) -> None:
    lines = list(LINES)
    # Three blank lines after the header, two before Rotherham's 2022 row, one at the end.
    lines[ROTHERHAM_2022 - 1 : ROTHERHAM_2022 - 1] = ["\n", "\r\n"]
    lines[1:1] = ["\n", "\n", "\n"]
    lines.append("\n")
    result = read(write(tmp_path, lines))
    assert (result.rows, result.kept) == (497, 497)
    assert_accounted(result)
    assert signature(result) == {
        (line + 3 + (2 if line >= ROTHERHAM_2022 else 0), column, value)
        for line, column, value, _ in REAL_PROBLEMS
    }


def test_grades_all_unreadable_under_a_recorded_kind(tmp_path: Path) -> None:
    lines = LINES
    for column in ("overall_effectiveness_grade", "impact_of_leaders_grade"):
        lines = with_cell(lines, ROTHERHAM_2022, column, "data_unreadable")
    for column in ("help_and_protection_grade", "in_care_grade"):
        lines = with_cell(lines, ROTHERHAM_2022, column, "")
    result = read(write(tmp_path, lines))
    inspection = result.histories["372"].inspections[3]
    assert (inspection.kind, inspection.grades_known) == (om.InspectionKind.ILACS_SHORT, False)
    assert not [n for n in result.notes if n.line == ROTHERHAM_2022]


def test_partly_unreadable_grades_are_left_out(tmp_path: Path) -> None:
    lines = with_cell(LINES, ROTHERHAM_2022, "impact_of_leaders_grade", "data_unreadable")
    inspection = read(write(tmp_path, lines)).histories["372"].inspections[3]
    assert inspection.grades_known is True
    assert inspection.categories == (
        om.Category.OVERALL_EFFECTIVENESS,
        om.Category.HELP_AND_PROTECTION,
        om.Category.CHILDREN_IN_CARE,
    )


@pytest.mark.parametrize(
    ("text", "kind", "noted"),
    [
        ("Standard", om.InspectionKind.ILACS_STANDARD, False),
        (" short ", om.InspectionKind.ILACS_SHORT, False),
        ("short inspection (one week)", om.InspectionKind.ILACS_SHORT, True),
        ("standard or short?", om.InspectionKind.ILACS_INSPECTION, True),
        ("", om.InspectionKind.ILACS_INSPECTION, True),
    ],
)
def test_framework_text(tmp_path: Path, text: str, kind: om.InspectionKind, noted: bool) -> None:
    result = read(write(tmp_path, with_cell(LINES, ROTHERHAM_2022, "inspection_framework", text)))
    assert result.histories["372"].inspections[3].kind is kind
    notes = [n for n in result.notes if n.line == ROTHERHAM_2022]
    assert bool(notes) is noted
    if noted:
        assert notes[0].value == text


def test_unreadable_grades_before_cp2012_began_are_slac() -> None:
    number = line_of("rotherham", "10/08/12")  # CP2012 assumed, as published in 2012
    lines = with_cell(LINES, number, "publication_date", "01/06/11")
    result = read(io.StringIO(lines[0] + lines[number - 1]))
    (inspection,) = result.histories["372"]
    assert (inspection.framework, inspection.grades_known) == (om.Framework.SLAC, False)
    assert result.notes[0].reason.endswith("published before 2012-01-01, so SLAC assumed")


def test_invalid_utf8_is_a_problem_only_in_a_column_read(tmp_path: Path, real: LoadResult) -> None:
    """Issue 12: a byte that is not UTF-8 in a column the reader does not read (the inspector's
    name) no longer rejects the row; one in a column it reads (the link) still does."""
    data = bytearray(TEXT.encode("utf-8"))
    line = LINES[ROTHERHAM_2022 - 1].encode("utf-8")
    at = data.index(line) + line.index(b"Neil Penswick")
    data[at : at + 4] = b"N\xffil"
    path = tmp_path / "d2i.csv"
    path.write_bytes(bytes(data))
    result = read(path)
    assert (signature(result), result.kept) == (set(), 497)
    assert result.histories == real.histories
    data = bytearray(TEXT.encode("utf-8"))
    at = data.index(line) + line.index(b"https")
    data[at : at + 1] = b"\xff"
    path.write_bytes(bytes(data))
    link = next(csv.reader([LINES[ROTHERHAM_2022 - 1]]))[HEADER.index("inspection_link")]
    result = check_mutation(
        path, {(ROTHERHAM_2022, "inspection_link", "\\xff" + link[1:])}, kept=496
    )
    (problem,) = result.problems
    assert problem.reason == f"'\\\\xff{link[1:]}' is not valid UTF-8"


def test_columns_found_by_name(real: LoadResult) -> None:
    rows = list(csv.reader(io.StringIO(TEXT)))
    order = list(reversed(range(len(HEADER))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*(rows[0][i] for i in order), "extra"])
    for row in rows[1:]:
        writer.writerow([*(row[i] for i in order), "x"])
    result = read(io.StringIO(out.getvalue()))
    assert result.histories == real.histories
    assert signature(result) == {(p.line, p.column, p.value) for p in real.problems}


def test_link_column_is_optional(real: LoadResult) -> None:
    rows = list(csv.reader(io.StringIO(TEXT)))
    at = HEADER.index("inspection_link")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:at] + r[at + 1 :] for r in rows])
    result = read(io.StringIO(out.getvalue()))
    assert result.histories == real.histories  # sources are not part of equality...
    assert all(i.source is None for h in result.histories.values() for i in h)  # ...but gone


@pytest.mark.parametrize("errors", ["raise", "collect"])
def test_missing_column_is_fatal(errors: str) -> None:
    rows = list(csv.reader(io.StringIO(TEXT)))
    at = HEADER.index("in_care_grade")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:at] + r[at + 1 :] for r in rows])
    with pytest.raises(om.LoadError, match="lacks the column\\(s\\) 'in_care_grade'") as info:
        read(io.StringIO(out.getvalue()), errors=errors)
    assert info.value.problem.line == 1


def test_empty_file_and_header_only() -> None:
    with pytest.raises(om.LoadError, match="empty"):
        read(io.StringIO(""))
    with pytest.raises(om.LoadError, match="empty"):
        read(io.StringIO("\n\r\n"))
    result = read(io.StringIO(LINES[0]))
    assert (result.rows, result.kept, dict(result.histories)) == (0, 0, {})


def test_missing_file_and_not_a_path(tmp_path: Path) -> None:
    with pytest.raises(om.LoadError, match="cannot open") as info:
        read(tmp_path / "absent.csv")
    assert info.value.problem.file == str(tmp_path / "absent.csv")
    with pytest.raises(om.OfstedModelError, match="not a path"):
        read(42)


def test_histories_are_read_only(real: LoadResult) -> None:
    with pytest.raises(TypeError):
        real.histories["999"] = real.histories["372"]  # type: ignore[index]


def test_importing_ofstedmodel_does_not_import_io() -> None:
    code = (
        "import sys, ofstedmodel; before = set(sys.modules); assert 'ofstedmodel.io' not in "
        "before; import ofstedmodel.io; new = set(sys.modules) - before; "
        "heavy = {m for m in new if m.startswith(('cattrs', 'dateutil.parser'))}; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- properties ---------------------------------------------------------------------------------

SAMPLE = LINES[:20]


@given(
    st.integers(2, len(SAMPLE)),
    st.sampled_from(HEADER),
    st.text(st.characters(codec="utf-8"), max_size=30),
)
def test_any_cell_value_is_kept_or_reported(number: int, column: str, value: str) -> None:
    result = read(io.StringIO("".join(with_cell(SAMPLE, number, column, value))))
    assert result.rows == len(SAMPLE) - 1
    assert_accounted(result)
    assert {p.line for p in result.problems} <= {number}


@given(st.binary(max_size=200), st.integers(0, len(TEXT[:4000])))
def test_any_bytes_never_raise_anything_but_load_error(junk: bytes, at: int) -> None:
    data = TEXT[:4000].encode("utf-8")
    mangled = data[:at] + junk + data[at:]
    text = mangled.decode("utf-8", "surrogateescape")
    try:
        result = read(io.StringIO(text))
    except om.LoadError:
        return
    assert_accounted(result)


def test_errors_is_checked_before_the_file_is_opened(tmp_path: Path) -> None:
    with pytest.raises(om.OfstedModelError, match="errors: 'skip' is not one of") as info:
        read(tmp_path / "absent.csv", errors="skip")
    assert not isinstance(info.value, om.LoadError)


def test_load_result_keeps_its_invariant_and_code_order(real: LoadResult) -> None:
    two = {"801": real.histories["801"], "372": real.histories["372"]}
    result = LoadResult(two, (), rows=9, kept=9)
    assert list(result.histories) == ["372", "801"]
    problem = Problem("f.csv", 3, None, None, "bad")
    assert LoadResult({}, (problem, problem), rows=1, kept=0).reported == 1
    with pytest.raises(om.OfstedModelError, match="2 rows read but 1 kept and 0 reported"):
        LoadResult({}, (), rows=2, kept=1)
    with pytest.raises(TypeError):
        hash(result)


def test_reading_restores_the_garbage_collector(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,d2i,file\n1,2,3,4\n", encoding="utf-8")
    with pytest.raises(om.LoadError):
        read_d2i_history(bad, errors="collect")
    assert gc.isenabled()

"""The command line on the bundled data: each command, --json, and bad input."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel.cli import main
from ofstedmodel.cli.program import parser
from ofstedmodel.cli.tables import layout


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_no_arguments_prints_the_national_picture(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 0
    assert err == ""
    assert "Bundled data to 22 August 2026; 158 councils." in out
    assert "England" in out
    assert "ofstedmodel history Rotherham" in out
    assert len(out.splitlines()) <= 30  # one screen


def test_history_lists_every_inspection_with_grades(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", "Rotherham")
    assert code == 0
    for published in (
        "2010-08-27",
        "2012-08-10",
        "2014-11-19",
        "2018-01-29",
        "2022-08-12",
        "2025-12-16",
    ):
        assert published in out
    assert "Children looked after and achieving permanence" in out
    assert om.describe(om.datasets.history("Rotherham")) in out


def test_history_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "history", "372", "--json")
    assert code == 0
    data = json.loads(out)
    overall = [
        i["judgements"].get("OVERALL_EFFECTIVENESS", {}).get("grade") for i in data["inspections"]
    ]
    assert overall == ["ADEQUATE", "ADEQUATE", "INADEQUATE", "GOOD", "GOOD", "OUTSTANDING"]
    # --json also works before the command.
    code, out, _ = run(capsys, "--json", "history", "Rotherham")
    assert json.loads(out)["council"]["la_code"] == "372"


def test_compare_between_dates_and_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "Rotherham", "--from", "2017-12-31", "--to", "2018-12-31")
    assert code == 0
    assert "3 years, 2 months and 10 days later" in out
    code, out, _ = run(capsys, "compare", "Rotherham", "--json")
    data = json.loads(out)
    assert data["before"]["published"] == "2022-08-12"
    assert data["after"]["published"] == "2025-12-16"
    assert {c["category"]: c["steps"] for c in data["changes"]}["OVERALL_EFFECTIVENESS"] == 1


def test_summary_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summary", "--as-at", "2024-03-31", "--by", "region")
    assert code == 0
    assert "London" in out
    assert "North West" in out
    assert "As at 31 March 2024" in out
    code, out, _ = run(
        capsys, "summary", "--as-at", "2024-03-31", "--json", "--category", "care leavers"
    )
    data = json.loads(out)
    assert data["england"]["category"] == "CARE_LEAVERS"
    england = data["england"]
    assert sum(england["counts"].values()) == england["total"]


def test_summary_with_the_release_rule_by_ofsted_region(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "summary",
        "--as-at",
        "2025-03-31",
        "--published-by",
        "2025-06-30",
        "--by",
        "ofsted_region",
    )
    assert code == 0
    assert "begun by then and published by 30 June 2025" in out
    assert "North East, Yorkshire and the Humber" in out
    assert "Unknown" in out.splitlines()[2]
    assert "counting reports published by 30 June 2025" in out
    code, out, _ = run(
        capsys, "summary", "--as-at", "2025-03-31", "--published-by", "2025-06-30", "--json"
    )
    england = json.loads(out)["england"]
    assert england["published_by"] == "2025-06-30"
    assert england["as_at"] == "2025-03-31"
    assert set(england["left_out"]) == {
        "NOT_EXISTING",
        "NOT_INSPECTED",
        "NOT_GIVEN",
        "NOT_JUDGED",
        "UNKNOWN",
    }
    assert england["not_graded"] == sum(
        england["left_out"][r] for r in ("NOT_INSPECTED", "NOT_GIVEN", "NOT_JUDGED")
    )
    assert england["unknown"] == england["left_out"]["UNKNOWN"]
    assert england["total"] + england["not_graded"] + england["unknown"] == england["existing"]
    assert isinstance(england["pre_2013"], int)


def test_summary_shows_unknown_apart_from_not_graded(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ofstedmodel as om
    from ofstedmodel import datasets

    la, other = om.Council("Norfolk", "926"), om.Council("Suffolk", "935")
    histories = {
        "926": om.History(la, [om.Inspection(la, "SIF", "2016-01-01", grades_known=False)]),
        "935": om.History(other, []),
    }
    monkeypatch.setattr(datasets, "histories", lambda: histories)
    code, out, _ = run(capsys, "summary", "--as-at", "2017-01-01", "--json")
    assert code == 0
    england = json.loads(out)["england"]
    assert (england["total"], england["not_graded"], england["unknown"]) == (0, 1, 1)
    code, out, _ = run(capsys, "summary", "--as-at", "2017-01-01")
    (england_row,) = [line for line in out.splitlines() if line.startswith("England")]
    assert england_row.split()[-3:] == ["0", "1", "1"]  # graded, not graded, unknown
    assert "1 whose grade the data does not know" in out


def test_peers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "peers", "Rotherham", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["neighbours"]) == 10
    assert data["neighbours"][0]["name"] == "Barnsley"
    code, out, _ = run(capsys, "peers", "Rotherham", "--as-at", "2015-01-01")
    assert "Rotherham was inadequate for overall effectiveness" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "Nowhere-on-Sea"],
        ["compare", "Rotherham", "--from", "31/02/2020"],
        ["summary", "--as-at", "yesterday"],
        ["summary", "--category", "weather"],
        ["summary", "--by", "colour"],
        ["summary", "--as-at", "2025-03-31", "--published-by", "2025-03-01"],
        ["summary", "--published-by", "June"],
        ["peers"],
        ["frobnicate"],
        ["compare", "Rotherham", "--from", "2010-01-01"],
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("ofstedmodel: error: ")
    assert "Traceback" not in err


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ofstedmodel", "history", "Rotherham"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "Rotherham (372)" in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "ofstedmodel", "history", "Atlantis"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert len(bad.stderr.strip().splitlines()) == 1


def test_json_has_one_versioned_schema_and_the_same_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    documents = {
        argv[0] if argv else "national": json.loads(run(capsys, *argv, "--json")[1])
        for argv in (["history", "372"], ["compare", "372"], ["peers", "372"], [])
    }
    for command, document in documents.items():
        assert (document["schema"], document["version"]) == ("ofstedmodel-cli", 1)
        assert document["command"] == command
    for command in ("history", "compare", "peers"):
        assert documents[command]["council"] == {"name": "Rotherham", "la_code": "372"}
    national = documents["national"]
    assert "regions" not in national
    assert national["groups"][0]["group"] == "NORTH_EAST"


# -- issue 12: a first afternoon without surprises -------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"ofstedmodel {om.__version__}"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "ofstedmodel", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


def test_a_reader_that_stops_reading_ends_no_traceback() -> None:
    """`ofstedmodel history Rotherham --json | head -1` ended in a BrokenPipeError traceback."""
    process = _cli("history", "Rotherham", "--json")
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate()
    assert process.returncode == 0
    assert b"Traceback" not in err


# The definition of overall effectiveness changed from CP2012 to SIF: the description quotes
# both wordings in curly quotes, which an ASCII terminal cannot show.
_QUOTING = ("compare", "Rotherham", "--from", "2013-01-01", "--to", "2015-01-01")


@pytest.mark.parametrize("args", [_QUOTING, (*_QUOTING, "--json")])
def test_an_ascii_terminal_gets_its_output_not_a_traceback(args: tuple[str, ...]) -> None:
    process = _cli(*args, env={"PYTHONIOENCODING": "ascii"})
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert b"Traceback" not in err
    assert out


def test_compare_refuses_dates_in_the_wrong_order_and_a_comparison_with_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "compare", "Rotherham", "--from", "2020-01-01", "--to", "2018-01-01")
    assert code == 2
    assert "is after the second" in err
    assert "minus" not in err
    code, _, err = run(capsys, "compare", "Rotherham", "--from", "2019-01-01", "--to", "2020-01-01")
    assert code == 2
    assert "in force on both dates" in err


def test_a_bad_date_says_how_to_write_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "summary", "--as-at", "31/03/2024")
    assert code == 2
    assert "give one as YYYY-MM-DD" in err
    assert "datetime" not in err


def test_a_date_past_the_data_is_noted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summary", "--as-at", "2030-03-31", "--json")
    assert code == 0
    assert json.loads(out)["command"] == "summary"  # the note stays out of the JSON
    assert "the bundled data goes to 22 August 2026" in err
    code, _, err = run(capsys, "summary", "--as-at", "2026-03-31")
    assert err == ""


# -- the summary table's layout (issue 12: "GoodRequires improvement") ----------------------------


def _table_lines(out: str) -> list[str]:
    """The table of a summary or the national picture: its header row and the rows under it."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "Outstanding" in line and "Good" in line)
    end = lines.index("", start)
    return lines[start:end]


def _assert_aligned(lines: list[str], header: list[str]) -> None:
    """Each header cell is two spaces or more from the previous one, and every row's cell of
    that column ends where the header cell ends, preceded by two spaces."""
    head = lines[0]
    ends, position = [], 0
    for label in header:
        found = head.index(label, position)
        assert head[found - 2 : found] == "  ", (label, head)  # separated from its neighbour
        position = found + len(label)
        ends.append(position)
    assert len(head) == ends[-1]
    starts = [head.index(header[0]) - 2, *ends[:-1]]
    for row in lines[1:]:
        assert len(row) == len(head), row
        for start, end in zip(starts, ends, strict=True):
            cell = row[start:end]
            assert cell.startswith("  "), (cell, row)  # two spaces before every cell
            assert cell.strip(), (cell, row)
            assert cell[-1] != " ", (cell, row)  # right-aligned under the header's end


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["summary"],
        ["summary", "--as-at", "2012-03-31"],  # adequate has a column
        ["summary", "--as-at", "2014-03-31", "--by", "region"],
        ["summary", "--by", "ofsted_region"],  # the longest group name
        ["summary", "--by", "kind", "--category", "care leavers"],
        ["summary", "--as-at", "2025-03-31", "--published-by", "2025-06-30"],
    ],
)
def test_summary_table_header_cells_are_separated_and_aligned_with_the_rows(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    lines = _table_lines(out)
    grades = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    if "Adequate" in lines[0]:
        grades.append("Adequate")
    _assert_aligned(lines, [*grades, "Good or better", "Graded", "Not graded", "Unknown"])
    assert "GoodRequires" not in lines[0]
    assert lines[-1].startswith("England")


_CELL = (
    st.text(st.characters(codec="ascii", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@given(
    st.integers(min_value=1, max_value=6).flatmap(
        lambda n: st.tuples(
            st.lists(_CELL, min_size=n, max_size=n),
            st.lists(st.lists(_CELL, min_size=n, max_size=n), max_size=5),
        )
    )
)
def test_every_column_is_as_wide_as_its_widest_cell(
    table: tuple[list[str], list[list[str]]],
) -> None:
    """Whatever the widths of the cells, each column's cells end where its header ends, two
    spaces after the previous column, and the first column is left-aligned."""
    header, rows = table
    lines = layout(header, rows).split("\n")
    assert len(lines) == 1 + len(rows)
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for line, cells in zip(lines, (header, *rows), strict=True):
        assert line[: widths[0]] == cells[0].ljust(widths[0])
        end = widths[0]
        for cell, width in zip(cells[1:], widths[1:], strict=True):
            assert line[end : end + 2] == "  "
            assert line[end + 2 : end + 2 + width] == cell.rjust(width)
            end += 2 + width
        assert len(line) == end


# -- help and errors -------------------------------------------------------------------------------


def _parsers() -> dict[str, argparse.ArgumentParser]:
    top = parser()
    (commands,) = (a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return {"": top, **commands.choices}


@pytest.mark.parametrize(
    "command",
    ["", "history", "compare", "summary", "peers", "standings", "turnarounds", "digest"],
)
def test_help_reads_well(capsys: pytest.CaptureFixture[str], command: str) -> None:
    """Every option and argument says what it is; the names shown are words a user knows
    (DATE, COUNCIL, FILE), not argparse's internal names (FROM_DATE, AS_AT)."""
    parser = _parsers()[command]
    for action in parser._actions:
        assert action.help, action
    with pytest.raises(SystemExit) as done:
        main([*filter(None, [command]), "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    shown = set(re.findall(r"\b[A-Z][A-Z_]{2,}\b", text)) - {"YYYY", "MM", "DD", "CSV", "JSON"}
    shown -= {"D2I", "ILACS", "DfE", "GSS", "URN", "ONS"}
    assert shown <= {
        "COUNCIL",
        "SUCCESSOR",
        "DATE",
        "JUDGEMENT",
        "GRADE",
        "REGION",
        "GROUP",
        "FILE",
        "FORMAT",
        "COMMAND",
    }
    assert "--data FILE" in text
    description = parser.description or ""
    assert description[:1].isupper()


@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["compare"],
        ["summary", "extra"],
        ["--data"],
        ["--format", "csv"],
        ["--format", "xls", "--data", "x.csv"],
        ["--data", "/nonexistent/file.csv"],
        ["--data", "/nonexistent/file.csv", "history", "Rotherham"],
        ["compare", "Rotherham", "Barnsley"],
        ["compare", "West Northamptonshire", "Northamptonshire"],
        ["compare", "Cumbria", "--to", "2024-01-01"],
        ["compare", "Cumbria", "Cumberland", "--from", "2024-01-01"],
        ["compare", "Cumbria", "Cumberland", "--to", "2023-01-01"],
        ["compare", "Cumberland"],
        ["peers", "Rotherham", "--as-at", "soon"],
        ["peers", "Rotherham", "--category", "weather"],
        ["history", ""],
    ],
)
def test_every_error_path_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("ofstedmodel: error: ")


@pytest.mark.parametrize("argv", [["--help"], ["--help", "history"], ["-h", "digest", "--since"]])
def test_help_lists_every_command_whatever_follows(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """The parser declares only the commands a command line names (issue 14), but help before
    a command still lists them all."""
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    text = capsys.readouterr().out
    for name in ("history", "compare", "summary", "peers", "standings", "turnarounds", "digest"):
        assert f"    {name} " in text, name


def test_a_command_line_declares_only_the_commands_it_names() -> None:
    (commands,) = (
        a
        for a in parser(["history", "Rotherham"])._actions
        if isinstance(a, argparse._SubParsersAction)
    )
    assert list(commands.choices) == ["history"]
    (commands,) = (
        a
        for a in parser(["--data", "history", "summary"])._actions
        if isinstance(a, argparse._SubParsersAction)
    )
    assert list(commands.choices) == ["history", "summary"]


def test_no_council_graded_is_no_share_not_zero_percent(capsys: pytest.CaptureFixture[str]) -> None:
    # Found by a new user: a group with no council graded showed "0 ( 0.0%)".
    assert main(["summary", "--as-at", "2009-06-01"]) == 0
    out = capsys.readouterr().out
    assert "0.0%" not in out
    assert "0 (     -)" in out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["digest", "--since", "2026-09-01"], "--since: 2026-09-01 is after --until, 2026-08-22"),
        (
            ["turnarounds", "--from", "good", "--to-at-least", "inadequate"],
            "--to-at-least: inadequate is not better than --from good",
        ),
        (
            ["summary", "--published-by", "2020-01-01", "--as-at", "2021-01-01"],
            "--published-by: 2020-01-01 is before the as-at date",
        ),
    ],
)
def test_errors_name_the_options_typed_not_python_parameters(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    # Found by a new user: "since: ... is after until", "to_at_least ... from_grade".
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "_" not in err.split("error:", 1)[1].split("(")[0]

"""The command line on a user's own file: ``--data FILE`` and ``--format`` (issue 12).

Real files from ``data/raw`` in each format the readers take, and small files written here:
the answers are the readers' and the model's, the load problems are counted on standard error,
and a file that cannot be read is one line and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

import ofstedmodel as om
from conftest import D2I_HISTORY, RAW
from ofstedmodel import io
from ofstedmodel.cli import main
from ofstedmodel.cli.data import SHOWN

OFSTED_ODS = RAW / "ofsted" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
OFSTED_CSV = RAW / "ofsted" / "la-outcomes-as-at-2025-03-31.csv"
OFSTED_2023_CSV = RAW / "ofsted" / "la-outcomes-as-at-2023-03-31.csv"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _failed_cleanly(code: int, out: str, err: str, file: object) -> None:
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"ofstedmodel: error: {file}")  # the message names the file first


# -- the real files, each format detected from its content --------------------------------------


@pytest.mark.parametrize(
    ("path", "format", "read"),
    [
        (D2I_HISTORY, "d2i", io.read_d2i_history),
        (OFSTED_ODS, "ofsted", io.read_ofsted_outcomes),
        (OFSTED_CSV, "ofsted", io.read_ofsted_outcomes),
    ],
)
def test_a_real_file_is_read_in_its_format_and_summarised_as_the_library_would(
    capsys: pytest.CaptureFixture[str], path: Path, format: str, read: object
) -> None:
    result = read(path, errors="collect")  # type: ignore[operator]
    as_of = max(i.published for h in result.histories.values() for i in h)
    code, out, err = run(capsys, "--data", path, "summary", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["command"] == "summary"
    assert document["data"] == {
        "file": str(path),
        "format": format,
        "as_of": as_of.isoformat(),
        "rows": result.rows,
        "kept": result.kept,
        "reported": result.reported,
        "notes": len(result.notes),
    }
    expected = om.summarise(result.histories, as_of)
    england = document["england"]
    assert england["as_at"] == as_of.isoformat()  # the file's last date is the default
    assert (england["total"], england["good_or_better"]) == (
        expected.total,
        expected.good_or_better,
    )
    assert england["counts"] == {g.name: n for g, n in expected.counts.items()}
    # What reading left out or interpreted is counted on standard error, with the first few.
    if result.problems:
        assert f"{result.rows} rows read, {result.kept} kept, {result.reported} not read" in err
        assert str(result.problems[0]) in err
    if result.notes:
        assert f"{len(result.notes)} notes on how rows were read" in err
        assert str(result.notes[0]) in err
    if not (result.problems or result.notes):
        assert err == ""


def test_history_of_the_d2i_file_is_the_files_history(capsys: pytest.CaptureFixture[str]) -> None:
    result = io.read_d2i_history(D2I_HISTORY, errors="collect")
    rotherham = result.histories["372"]
    code, out, _ = run(capsys, "history", "Rotherham", "--data", D2I_HISTORY, "--json")
    assert code == 0
    document = json.loads(out)
    assert [i["published"] for i in document["inspections"]] == [
        i.published.isoformat() for i in rotherham
    ]
    assert document["description"] == om.describe(rotherham)
    # --data before the command, and a council found by another of its names
    code, out, _ = run(capsys, "--data", D2I_HISTORY, "history", "E08000018")
    assert code == 0
    assert out.startswith("Rotherham (372)")


def test_the_2023_outcome_table_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Ofsted's releases to 2023 have no publication dates: the reader refuses them, and the
    command line says so in one line."""
    _failed_cleanly(*run(capsys, "--data", OFSTED_2023_CSV), OFSTED_2023_CSV)


# -- the library's own formats: the same answers as the bundled data -----------------------------


def test_own_csv_gives_the_bundled_answers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "everything.csv"
    io.write_csv(om.datasets.histories(), path)
    for argv in (
        ["history", "Rotherham"],
        ["compare", "Rotherham", "--from", "2017-12-31", "--to", "2018-12-31"],
        ["summary", "--as-at", "2024-03-31", "--by", "region"],
        ["peers", "Leeds", "--as-at", "2024-03-31"],
    ):
        bundled = run(capsys, *argv)
        assert run(capsys, *argv, "--data", path) == bundled, argv


def test_own_json_is_detected_from_its_content(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    histories = {code: om.datasets.histories()[code] for code in ("372", "370", "373")}
    path = tmp_path / "three.txt"  # the name says nothing: the content does
    path.write_text(io.to_json(histories), encoding="utf-8")
    code, out, err = run(capsys, "--data", path, "--json", "summary")
    assert code == 0
    document = json.loads(out)
    assert document["data"]["format"] == "json"
    assert document["data"]["rows"] is None  # JSON has no rows
    assert document["england"]["existing"] == 3
    assert err == ""
    code, out, _ = run(capsys, "history", "Barnsley", "--data", path)
    assert out.startswith("Barnsley (370)")
    # One history alone is read too.
    one = tmp_path / "rotherham.json"
    one.write_text(io.to_json(histories["372"]), encoding="utf-8")
    code, out, _ = run(capsys, "--data", one, "history", "372")
    assert (code, out.splitlines()[0]) == (0, "Rotherham (372)")


def test_a_council_the_file_lacks_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "rotherham.csv"
    io.write_csv(om.datasets.history("Rotherham"), path)
    code, out, err = run(capsys, "--data", path, "history", "Cumbria")
    _failed_cleanly(code, out, err, path)
    assert "Cumbria (909)" in err
    assert "without --data" in err


def test_a_date_past_the_files_last_report_is_noted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "rotherham.csv"
    io.write_csv(om.datasets.history("Rotherham"), path)
    code, _, err = run(capsys, "--data", path, "summary", "--as-at", "2026-01-01")
    assert code == 0
    assert "the latest report in" in err
    assert "16 December 2025" in err  # Rotherham's last report


# -- naming the format ---------------------------------------------------------------------------


def test_format_names_what_the_content_does_not_show(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A D2I file saved under a misleading name is read with --format d2i; the suggested
    commands then name the format too."""
    path = tmp_path / "history.json"
    path.write_bytes(D2I_HISTORY.read_bytes())
    code, out, err = run(capsys, "--data", path, "summary")
    _failed_cleanly(code, out, err, path)
    code, out, _ = run(capsys, "--data", path, "--format", "d2i")
    assert code == 0
    assert f"--data {shlex.quote(str(path))} --format d2i history Rotherham" in out


def test_format_without_data_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summary", "--format", "csv")
    assert (code, out) == (2, "")
    assert "--data" in err


# -- a small file's problems: counted, the first few shown ---------------------------------------


def _d2i_with_bad_rows(tmp_path: Path, bad: int) -> Path:
    lines = D2I_HISTORY.read_text(encoding="utf-8").splitlines()
    header, good = lines[0], lines[1]
    grade = next(g for g in ("outstanding", "good", "inadequate") if f",{g}," in good)
    broken = good.replace(f",{grade},", ",goood,", 1)
    path = tmp_path / "d2i.csv"
    path.write_text("\n".join([header, good] + [broken] * bad) + "\n", encoding="utf-8")
    return path


def test_load_problems_are_counted_with_the_first_few(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _d2i_with_bad_rows(tmp_path, SHOWN + 2)
    result = io.read_d2i_history(path, errors="collect")
    assert (result.rows, result.kept) == (SHOWN + 3, 1)
    code, out, err = run(capsys, "--data", path, "summary")
    assert code == 0
    assert out
    assert f"warning: {path}: {SHOWN + 2} rows of {SHOWN + 3} cannot be read" in err
    assert "so the answers below leave them out" in err
    shown = [line for line in err.splitlines() if line.startswith(f"  {path}:")]
    assert shown == [f"  {problem}" for problem in result.problems[:SHOWN]]


# -- files that cannot be read: one line, status 2 ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "format"),
    [
        ("missing.csv", None, None),
        ("empty.csv", b"", None),
        ("empty.csv", b"", "csv"),
        ("binary.dat", b"\x00\x01\x02garbage\xff", None),
        ("binary.dat", b"\x00\x01\x02garbage\xff", "d2i"),
        ("binary.dat", b"\x00\x01\x02garbage\xff", "ofsted"),
        ("binary.dat", b"\x00\x01\x02garbage\xff", "json"),
        ("notes.txt", b"some notes\nnot a table\n", None),
        ("broken.json", b'{"schema": "ofstedmodel"', None),
        ("council.json", None, None),  # holds a council: not inspections
        ("fake.ods", b"not a zip archive", None),
        ("header-only.csv", None, None),  # the own CSV's header, no rows
        ("all-bad.csv", None, None),  # every row of a D2I file refused
    ],
)
def test_an_unreadable_file_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: bytes | None,
    format: str | None,
) -> None:
    path = tmp_path / name
    if name == "council.json":
        path.write_text(io.to_json(om.datasets.council("Rotherham")), encoding="utf-8")
    elif name == "header-only.csv":
        io.write_csv({}, path)
    elif name == "all-bad.csv":
        path = _d2i_with_bad_rows(tmp_path, 2)
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([lines[0], *lines[2:]]) + "\n", encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    argv = ["--data", path, *(["--format", format] if format else []), "summary"]
    _failed_cleanly(*run(capsys, *argv), path)


@pytest.mark.parametrize("format", [None, "d2i", "csv", "json", "ofsted"])
def test_a_path_that_cannot_be_opened_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format: str | None
) -> None:
    named = ["--format", format] if format else []
    for path in (tmp_path, "no\x00such"):  # a directory; a path Python refuses
        code, out, err = run(capsys, "--data", path, *named)
        assert (code, out) == (2, "")
        assert err.startswith("ofstedmodel: error: ")
        assert "cannot open the file" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_utf16_and_semicolons_are_detected_and_refused_or_read_cleanly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    """Files as a spreadsheet saves them: detected as D2I, then the reader's answer (rows or
    a one-line error naming the file), never a traceback."""
    text = D2I_HISTORY.read_text(encoding="utf-8")
    if encoding == "utf-8":
        text = text.replace(",", ";")
    path = tmp_path / "saved.csv"
    path.write_text(text, encoding=encoding)
    code, out, err = run(capsys, "--data", path, "summary")
    assert "cannot tell its format" not in err  # detected, whatever the reader then says
    if code != 0:
        _failed_cleanly(code, out, err, path)


def test_rows_not_read_are_a_warning_or_with_strict_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A new user's file lost a row to a bad date and the answer went on without a word on
    # standard output: the loss is a warning, and --strict refuses the file.
    path = _d2i_with_bad_rows(tmp_path, 1)
    code, out, err = run(capsys, "--data", path, "summary")
    assert code == 0
    assert out
    assert "warning:" in err
    assert "1 row of 2 cannot be read, so the answers below leave it out" in err
    assert "the problem:" in err
    code, out, err = run(capsys, "--data", path, "--strict", "summary")
    assert (code, out) == (2, "")
    assert "1 row cannot be read (--strict)" in err
    assert len(err.strip().splitlines()) == 1


def test_an_empty_file_is_said_to_be_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n\n")
    code, _, err = run(capsys, "--data", str(path), "summary")
    assert code == 2
    assert "the file is empty" in err


def test_the_own_csv_lacking_a_column_it_needs_names_the_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("la_code,council,framework\n372,Rotherham,ILACS\n")
    code, _, err = run(capsys, "--data", str(path), "summary")
    assert code == 2
    assert "lacks the column(s) 'published'" in err

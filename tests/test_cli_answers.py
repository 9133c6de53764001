"""The answers people come for, one command each (issue 13), and a fast first answer (issue 14).

``standings``, ``turnarounds`` and ``digest`` print what the library's functions give, and
their ``--json`` is the same data in the versioned envelope; ``history`` shows what is due
next. The expected values are computed here from the library on the bundled data, not copied
from an earlier run, except where the how-to quotes a sentence.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import ofstedmodel as om
from ofstedmodel import datasets, io
from ofstedmodel.cli import main
from ofstedmodel.due import NoWindow, next_inspection

HISTORIES = datasets.histories()
AS_OF = datasets.as_of


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def document(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    found: dict[str, object] = json.loads(out)
    assert (found["schema"], found["version"], found["command"]) == ("ofstedmodel-cli", 1, argv[0])
    return found


# -- standings ------------------------------------------------------------------------------------


def test_standings_inadequate_longest_first_is_one_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """ "Inadequate since March 2019, three inspections in a row": every council with the grade
    in force, since when and how many in a row, the longest held first."""
    day = "2019-03-31"
    expected = om.standings(HISTORIES, as_at=day).where(grade="inadequate")
    assert len(expected) > 1  # a real question on this data
    code, out, _ = run(capsys, "standings", "--as-at", day, "--grade", "inadequate")
    assert code == 0
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("council "))
    rows = lines[head + 1 : lines.index("", head)]
    columns = [lines[head].index(word) for word in ("grade", "since", "in a row", "held")]

    def cells(row: str) -> list[str]:
        ends = [*columns, len(row)]
        return [row[: columns[0]].strip()] + [
            row[start:end].strip() for start, end in itertools.pairwise(ends)
        ]

    table = [cells(row) for row in rows]
    assert [(name, grade) for name, grade, *_ in table] == [
        (s.council.name, "Inadequate") for s in sorted(expected, key=lambda s: s.since)
    ]
    for standing, (_, _, since, in_a_row, held) in zip(
        sorted(expected, key=lambda s: s.since), table, strict=True
    ):
        assert (since, int(in_a_row)) == (str(standing.since), standing.in_a_row)
        assert held  # how long, in words
    assert om.describe(expected.sorted_by("since").sorted_by("grade")) in out


def test_standings_json_is_the_librarys(capsys: pytest.CaptureFixture[str]) -> None:
    found = document(capsys, "standings", "--grade", "inadequate", "--grade", "outstanding")
    table = om.standings(HISTORIES).where(grade=["inadequate", "outstanding"])
    rows = found["standings"]
    assert isinstance(rows, list)
    assert {r["council"]["la_code"] for r in rows} == {s.council.la_code for s in table}
    assert {r["grade"] for r in rows} == {"INADEQUATE", "OUTSTANDING"}
    assert rows[0]["grade"] == "INADEQUATE"  # worst first
    assert found["as_at"] == AS_OF.isoformat()  # the data's snapshot, as every default date
    assert found["groups"] == []
    assert found["description"] == om.describe(table.sorted_by("since").sorted_by("grade"))
    assert found["data"] == {
        "file": None,
        "format": "bundled",
        "as_of": AS_OF.isoformat(),
        "rows": None,
        "kept": None,
        "reported": None,
        "notes": None,
    }


@pytest.mark.parametrize("by", ["region", "ofsted_region", "kind"])
def test_standings_by_group_counts_every_council_once(
    capsys: pytest.CaptureFixture[str], by: str
) -> None:
    found = document(capsys, "standings", "--by", by, "--category", "help and protection")
    groups = found["groups"]
    assert isinstance(groups, list)
    assert groups
    codes = [code for group in groups for code in group["councils"]]
    assert sorted(codes) == sorted(HISTORIES)
    assert {r["category"] for r in found["standings"]} == {"HELP_AND_PROTECTION"}


def test_standings_with_the_release_rule(capsys: pytest.CaptureFixture[str]) -> None:
    found = document(capsys, "standings", "--as-at", "2025-03-31", "--published-by", "2025-06-30")
    assert (found["as_at"], found["published_by"]) == ("2025-03-31", "2025-06-30")
    table = om.standings(HISTORIES, as_at="2025-03-31", published_by="2025-06-30")
    assert found["counts"] == {g.name: n for g, n in table.counts.items()}


# -- turnarounds ----------------------------------------------------------------------------------


def test_the_seed_story_is_one_command(capsys: pytest.CaptureFixture[str]) -> None:
    """ "From inadequate to good in three years, two months and ten days", and where it ranks."""
    moves = om.turnarounds(HISTORIES)
    (rotherham,) = moves.council("Rotherham")
    code, out, _ = run(capsys, "turnarounds", "--council", "rotherham")  # any spelling
    assert code == 0
    assert out.strip().endswith(om.describe(rotherham))
    assert "3 years, 2 months and 10 days" in out
    (row,) = [line for line in out.splitlines() if line.split()[1:2] == ["Rotherham"]]
    assert row.split()[0] == str(rotherham.rank)
    found = document(capsys, "turnarounds", "--council", "372")
    (move,) = found["turnarounds"]
    assert (move["rank"], move["out_of"]) == (rotherham.rank, len(moves))
    assert move["elapsed"] == {"years": 3, "months": 2, "days": 10}


def test_turnarounds_fastest_first_and_filtered(capsys: pytest.CaptureFixture[str]) -> None:
    found = document(
        capsys, "turnarounds", "--from", "requires improvement", "--to-at-least", "outstanding"
    )
    moves = om.turnarounds(HISTORIES, from_grade="requires improvement", to_at_least="outstanding")
    days = [m["days"] for m in found["turnarounds"]]
    assert days == sorted(days) == [m.days for m in moves]
    assert (found["from_grade"], found["to_at_least"]) == ("REQUIRES_IMPROVEMENT", "OUTSTANDING")
    region = document(capsys, "turnarounds", "--region", "london")
    kept = om.turnarounds(HISTORIES).where(region="London")
    assert [(m["council"]["la_code"], m["rank"]) for m in region["turnarounds"]] == [
        (m.council.la_code, m.rank) for m in kept
    ]
    assert {m["council"]["region"] for m in region["turnarounds"]} == {"LONDON"}


def test_a_council_with_no_move_is_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    never = next(
        h.council for h in HISTORIES.values() if not om.turnarounds(HISTORIES).council(h.council)
    )
    found = document(capsys, "turnarounds", "--council", never.name)
    assert found["turnarounds"] == []
    assert found["untimed"] == []
    assert found["description"].startswith(f"{never.name} made no move from inadequate")


# -- digest ---------------------------------------------------------------------------------------


def test_digest_lists_every_report_in_the_window(capsys: pytest.CaptureFixture[str]) -> None:
    result = om.digest(HISTORIES, since="2025-04-01", until="2025-09-30")
    code, out, err = run(capsys, "digest", "--since", "2025-04-01", "--until", "2025-09-30")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].endswith(f"{len(result.reports)} reports, overall effectiveness")
    for report in result.reports:
        assert any(
            line.startswith(report.published.isoformat()) and report.council.name in line
            for line in lines
        ), report
    assert out.strip().endswith(om.describe(result))


def test_digest_json_and_its_default_until(capsys: pytest.CaptureFixture[str]) -> None:
    found = document(capsys, "digest", "--since", "2026-06-01", "--by", "ofsted_region")
    result = om.digest(HISTORIES, since="2026-06-01")
    assert (found["since"], found["until"]) == ("2026-06-01", AS_OF.isoformat())
    assert found["by"] == "ofsted_region"
    assert [r["council"]["la_code"] for r in found["reports"]] == [
        r.council.la_code for r in result.reports
    ]
    # A summary has one shape in every command: the digest's figures as summary's england.
    summary = document(capsys, "summary", "--as-at", AS_OF.isoformat())
    assert found["after"]["england"] == summary["england"]


def test_dates_past_the_data_are_noted_for_the_digest_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "digest", "--since", "2026-01-01", "--until", "2027-01-01")
    assert code == 0
    assert "the bundled data goes to 22 August 2026" in err
    assert "1 January 2027 is answered with what the data knows" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["standings", "--grade", "weather"],
        ["standings", "--by", "colour"],
        ["standings", "--as-at", "soon"],
        ["turnarounds", "--from", "good", "--to-at-least", "inadequate"],
        ["turnarounds", "--council", "Atlantis"],
        ["turnarounds", "--region", "Mars"],
        ["digest"],
        ["digest", "--since", "2026-01-01", "--until", "2025-01-01"],
        ["digest", "--since", "2030-01-01"],  # after the data's end: still one line
        ["digest", "--since", "2025-01-01", "--by", "kind"],
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("ofstedmodel: error: ")


# -- history: what is due next --------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(HISTORIES))
def test_history_shows_what_is_due_next_for_every_council(
    capsys: pytest.CaptureFixture[str], code: str
) -> None:
    history = HISTORIES[code]
    due = next_inspection(history, as_at=AS_OF)
    status, out, _ = run(capsys, "history", code)
    assert status == 0
    if history.council.abolished is not None:
        assert due.rule.no_window is NoWindow.ABOLISHED
        assert "Next inspection: none (council abolished)" in out
        assert "Next inspection, by" not in out
    else:
        for line in due.lines():
            assert line in out
    found = document(capsys, "history", code)
    assert found["next_inspection"] == json.loads(json.dumps(due.to_json()))


def test_history_next_inspection_on_a_users_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """On a file, what is due next is as at the file's last report, from its own precedents."""
    chosen = {code: HISTORIES[code] for code in ("372", "373", "370")}
    path = tmp_path / "three.json"
    path.write_text(io.to_json(chosen), encoding="utf-8")
    found = document(capsys, "history", "Rotherham", "--data", str(path))
    last = max(i.published for h in chosen.values() for i in h.inspections)
    assert found["data"]["as_of"] == last.isoformat()
    due = found["next_inspection"]
    assert due["as_at"] == last.isoformat()
    expected = next_inspection(HISTORIES["372"], as_at=last, histories=list(chosen.values()))
    assert due["precedent"] == expected.to_json()["precedent"]
    # Three councils give too few precedents for a window, and it says so.
    assert due["precedent"]["no_window"] == "TOO_FEW_PAIRS"


# -- one default date -----------------------------------------------------------------------------


def test_every_default_date_is_the_datas_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The bundled data's date, or a file's latest report: the same for every command."""
    chosen = [HISTORIES[code] for code in ("372", "373")]
    path = tmp_path / "two.csv"
    io.write_csv(chosen, path)
    last = max(i.published for h in chosen for i in h.inspections)
    standings = document(capsys, "standings", "--data", str(path))
    digest = document(capsys, "digest", "--since", "2020-01-01", "--data", str(path))
    history = document(capsys, "history", "372", "--data", str(path))
    assert standings["as_at"] == digest["until"] == last.isoformat()
    assert history["next_inspection"]["as_at"] == last.isoformat()
    assert om.snapshot_date(chosen) == last
    for command in ("standings", "turnarounds", "digest"):
        assert document(capsys, *_bundled(command))["data"]["as_of"] == AS_OF.isoformat()


def _bundled(command: str) -> list[str]:
    return [command, "--since", "2026-01-01"] if command == "digest" else [command]


# -- a fast first answer --------------------------------------------------------------------------


def test_a_command_imports_only_what_it_needs() -> None:
    """``history`` on the bundled data loads neither the readers nor the other commands'
    modules (issue 14: the first answer costs what that command needs)."""
    script = (
        "import sys, io, contextlib\n"
        "from ofstedmodel.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['history', 'Rotherham']) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert {"ofstedmodel.cli.history", "ofstedmodel.due"} <= loaded
    unwanted = {
        "ofstedmodel.io",
        "ofstedmodel.cli.compare",
        "ofstedmodel.cli.figures",
        "ofstedmodel.cli.answers",
        "ofstedmodel.standing",
        "ofstedmodel.turnaround",
        "ofstedmodel.digests",
        "ofstedmodel.display",
        "ofstedmodel.plot",
        "shlex",
    }
    assert not unwanted & loaded, unwanted & loaded


def test_the_next_inspection_needs_its_precedents_built_once() -> None:
    """Asked again about the same histories, the precedents are not rebuilt: a second council
    costs a look-up (checked by identity of the cached index, not by a timing)."""
    from ofstedmodel import due as module

    population = tuple(HISTORIES.values())
    first = module._precedents(population)
    next_inspection(HISTORIES["372"])
    assert module._precedents(tuple(HISTORIES.values())) is first
    other = population[:-1]
    assert module._precedents(other) is not first


def test_the_turnarounds_table_marks_a_changed_definition_and_a_shared_rank(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Found by a new user: Cambridgeshire's move, ranked first, runs from a CP2012 judgement
    # to a SIF overall grade, and Bromley and Croydon share 7th place with no sign of it.
    assert main(["turnarounds"]) == 0
    out = capsys.readouterr().out

    def row(name: str) -> str:
        (found,) = [line for line in out.splitlines() if f"  {name}  " in line]
        return found

    assert row("Cambridgeshire").endswith("inadequate > good *")
    assert row("Barnet").endswith("inadequate > good")
    assert row("Bromley").lstrip().startswith("7=")
    assert "* the judgement's definition changed between frameworks" in out

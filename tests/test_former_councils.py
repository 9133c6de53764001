"""Former councils and the councils that replaced them (issue 12, "Former councils").

In the model: :meth:`Council.is_predecessor_of`, :func:`compare_succession` and
:attr:`Comparison.across_succession`; on the command line: a former council's history says
when it was abolished and who replaced it, a successor's says where its predecessors' histories
are, and ``compare FORMER SUCCESSOR`` compares across the reorganisation, saying whose grades
are whose. Checked over every succession in the bundled data, not a list written here.
"""

from __future__ import annotations

import datetime as _dt
import json
import shlex

import pytest

import ofstedmodel as om
from ofstedmodel.changes import compare_succession
from ofstedmodel.cli import main
from ofstedmodel.narrative import format_date
from ofstedmodel.register import register_of

COUNCILS = om.datasets.councils()
BY_CODE = {c.la_code: c for c in COUNCILS}
#: Every (former council, council that replaced it) pair the bundled register records.
SUCCESSIONS = [(c, BY_CODE[code]) for c in COUNCILS for code in c.successors]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _commands(out: str) -> list[list[str]]:
    """The command lines the output suggests, as argument lists."""
    return [
        shlex.split(line.strip())[1:]
        for line in out.splitlines()
        if line.startswith("  ofstedmodel ")
    ]


# -- the model -----------------------------------------------------------------------------------


def test_the_bundled_data_has_the_reorganisations_the_domain_names() -> None:
    names = {(a.name, b.name) for a, b in SUCCESSIONS}
    assert ("Cumbria", "Cumberland") in names
    assert ("Cumbria", "Westmorland and Furness") in names
    assert ("Northamptonshire", "West Northamptonshire") in names
    assert ("Northamptonshire", "North Northamptonshire") in names
    assert ("Poole", "Bournemouth, Christchurch and Poole") in names
    assert ("Dorset County Council", "Dorset") in names


def test_is_predecessor_of_over_every_pair_of_bundled_councils() -> None:
    """The relation runs one way, from a council abolished on the day its successor was
    created, and agrees with both councils' records."""
    pairs = {(a.la_code, b.la_code) for a, b in SUCCESSIONS}
    for a in COUNCILS:
        for b in COUNCILS:
            found = a.is_predecessor_of(b)
            assert found == ((a.la_code, b.la_code) in pairs), (a, b)
            if found:
                assert not b.is_predecessor_of(a)
                assert a.la_code in b.predecessors  # both records say so
                assert a.abolished is not None
                assert a.abolished == b.created


def test_is_predecessor_of_refuses_what_is_not_a_council() -> None:
    with pytest.raises(om.CouncilError) as raised:
        COUNCILS[0].is_predecessor_of("909")  # type: ignore[arg-type]
    assert raised.value.field == "other"


@pytest.mark.parametrize(("former", "later"), SUCCESSIONS, ids=lambda c: c.name)
def test_compare_succession_compares_the_last_inspection_with_the_successors(
    former: om.Council, later: om.Council
) -> None:
    predecessor, successor = om.datasets.history(former), om.datasets.history(later)
    comparison = compare_succession(predecessor, successor)
    assert comparison.before is predecessor.latest
    assert comparison.after is successor.latest
    assert comparison.across_succession
    assert not comparison.same_council
    assert comparison.before.published < (former.abolished or _dt.date.max)
    # on a date: the successor's inspection in force then
    day = comparison.after.published
    assert compare_succession(predecessor, successor, after=day).after is successor.as_at(day)


def test_comparisons_within_a_council_are_not_across_a_succession() -> None:
    assert not om.datasets.history("Rotherham").compare().across_succession


def test_compare_succession_refuses_what_is_not_a_succession() -> None:
    northants = om.datasets.history("Northamptonshire")
    west = om.datasets.history("West Northamptonshire")
    rotherham = om.datasets.history("Rotherham")
    cases = [
        ((west, northants), {}, "successor first", "predecessor"),
        ((rotherham, west), {}, "not a successor", "successor"),
        ((northants, west), {"before": "2022-01-01"}, "after abolition", "before"),
        ((northants, west), {"after": "2020-01-01"}, "before creation", "after"),
        (
            (northants, west),
            {"before": "2019-01-01", "after": "2018-01-01"},
            "dates in the wrong order",
            "before",
        ),
    ]
    for (first, second), dates, rule, field in cases:
        with pytest.raises(om.HistoryError) as raised:
            compare_succession(first, second, **dates)
        assert (raised.value.rule, raised.value.field) == (rule, field)
    with pytest.raises(om.HistoryError) as raised:
        compare_succession(west, om.datasets.history("Rotherham").council)  # type: ignore[arg-type]
    assert raised.value.field == "successor"
    # a successor with nothing in force on a date it existed
    with pytest.raises(om.HistoryError) as raised:
        compare_succession(northants, west, after="2021-06-01")
    assert raised.value.field == "after"


def test_register_of_a_files_councils_finds_them_by_their_other_names() -> None:
    hull, bcp = om.datasets.council("Hull"), om.datasets.council("BCP")
    register = register_of([hull, bcp, om.Council("Nowhere", "999")])
    assert (register.find("Hull"), register.find("BCP")) == (hull, bcp)
    assert register.find("Nowhere").la_code == "999"
    assert "Rotherham" not in register
    assert len(register) == 3


# -- the command line: history ---------------------------------------------------------------------


def test_history_of_cumbria_says_when_it_was_abolished_and_who_replaced_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "history", "Cumbria")
    assert code == 0
    assert (
        "Cumbria was abolished on 1 April 2023; Cumberland and Westmorland and Furness "
        "replaced it." in out
    )
    document = json.loads(run(capsys, "history", "Cumbria", "--json")[1])
    assert document["succession"] == {
        "created": None,
        "abolished": "2023-04-01",
        "predecessors": [],
        "successors": [
            {"name": "Cumberland", "la_code": "942"},
            {"name": "Westmorland and Furness", "la_code": "943"},
        ],
    }


@pytest.mark.parametrize(
    "council", [c for c in COUNCILS if c.predecessors or c.successors], ids=lambda c: c.name
)
def test_every_history_across_a_reorganisation_points_to_the_others_and_the_commands_run(
    capsys: pytest.CaptureFixture[str], council: om.Council
) -> None:
    code, out, _ = run(capsys, "history", council.la_code)
    assert code == 0
    when = council.abolished if council.successors else council.created
    assert when is not None
    verb = "abolished" if council.successors else "created"
    assert f"{council.name} was {verb} on {format_date(when)}" in out
    commands = _commands(out)
    others = [BY_CODE[code] for code in (*council.successors, *council.predecessors)]
    for other in others:
        assert ["history", other.name] in commands
    compared = [c for c in commands if c[0] == "compare"]
    assert len(compared) == len(others)
    for argv in commands:  # every suggested command runs, on the council it names
        code, shown, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        if argv[0] == "history":
            assert shown.startswith(f"{om.datasets.council(argv[1]).name} (")
    document = json.loads(run(capsys, "history", council.la_code, "--json")[1])
    assert {c["la_code"] for c in document["succession"]["successors"]} == set(council.successors)
    assert {c["la_code"] for c in document["succession"]["predecessors"]} == set(
        council.predecessors
    )


def test_a_council_that_never_changed_says_nothing_of_succession(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "history", "Rotherham")
    assert "abolished" not in out
    assert "replacing" not in out
    document = json.loads(run(capsys, "history", "Rotherham", "--json")[1])
    assert document["succession"] == {
        "created": None,
        "abolished": None,
        "predecessors": [],
        "successors": [],
    }


# -- the command line: compare across --------------------------------------------------------------


def test_compare_across_a_reorganisation(capsys: pytest.CaptureFixture[str]) -> None:
    northants = om.datasets.history("Northamptonshire")
    west = om.datasets.history("West Northamptonshire")
    code, out, _ = run(capsys, "compare", "Northamptonshire", "West Northamptonshire")
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith(
        "Northamptonshire and West Northamptonshire are different councils: West "
        "Northamptonshire replaced Northamptonshire on 1 April 2021 (with North "
        "Northamptonshire). The first grades are Northamptonshire's, from its last graded "
        "inspection"
    )
    last, then = northants.latest, west.as_at("2023-01-01")
    assert last is not None
    assert then is not None
    assert f"Northamptonshire, {format_date(last.published)}" in out
    assert om.describe(compare_succession(northants, west)) in out
    code, out, _ = run(capsys, "compare", "928", "941", "--to", "2023-01-01", "--json")
    document = json.loads(out)
    assert document["council"] == {"name": "Northamptonshire", "la_code": "928"}
    assert document["successor"] == {"name": "West Northamptonshire", "la_code": "941"}
    assert document["same_council"] is False
    assert document["before"]["published"] == last.published.isoformat()
    assert document["after"]["published"] == then.published.isoformat()
    assert "in force on 1 January 2023" in document["note"]
    # one council: no successor, no note
    document = json.loads(run(capsys, "compare", "Rotherham", "--json")[1])
    assert (document["successor"], document["same_council"], document["note"]) == (
        None,
        True,
        None,
    )


@pytest.mark.parametrize(
    ("argv", "suggested"),
    [
        (
            ["compare", "West Northamptonshire", "Northamptonshire"],
            ["compare", "Northamptonshire", "West Northamptonshire"],
        ),
        (
            ["compare", "Cumbria", "--to", "2024-01-01"],  # neither successor inspected yet
            ["compare", "Cumbria", "Cumberland"],
        ),
        (
            ["compare", "Cumbria", "--to", "2025-06-01"],
            ["compare", "Cumbria", "Cumberland", "--to", "2025-06-01"],
        ),
        (
            ["compare", "Cumberland", "--from", "2020-01-01"],
            ["compare", "Cumbria", "Cumberland"],
        ),
        (["compare", "Cumberland"], ["compare", "Cumbria", "Cumberland"]),
        (["compare", "Rotherham", "Barnsley"], ["peers", "Rotherham"]),
    ],
)
def test_a_comparison_that_cannot_be_says_what_to_run_instead(
    capsys: pytest.CaptureFixture[str], argv: list[str], suggested: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert "ofstedmodel " + shlex.join(suggested) in err
    code, _, err = run(capsys, *suggested)
    assert code == 0, err


def test_peers_of_a_former_council_point_to_its_successors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "peers", "Cumbria")
    assert code == 0
    assert ["history", "Cumberland"] in _commands(out)
    _, out, _ = run(capsys, "peers", "Cumbria", "--as-at", "2020-01-01")
    assert "abolished" not in out

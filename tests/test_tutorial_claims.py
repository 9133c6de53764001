"""Every claim about the data in the tutorial's prose is checked against the bundled dataset
(issue 12), so that the prose cannot drift from the data.

The doctests check the examples; this checks the text around them. Each claim below is the
tutorial's own wording with its facts (counts, dates, grades, council names) computed from
the data: the claim holds when that text is in the tutorial word for word. Then every count,
year, month, grade and council name in the prose must lie inside a checked claim, or inside
one of the few phrases listed as no claim about the data (with why), so that a new sentence
about the data cannot go unchecked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel.frameworks import ERAS

TUTORIAL = Path(__file__).resolve().parent.parent / "docs" / "tutorial.rst"
HISTORIES = datasets.histories()
ROTHERHAM = datasets.history("Rotherham")
G, C = om.Grade, om.Category

_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "eleven", "twelve",
]  # fmt: skip


def _word(n: int) -> str:
    return _WORDS[n]


def _month(day: dt.date) -> str:
    return f"{day:%B %Y}"


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _names(councils: list[om.Council]) -> str:
    names = sorted(c.name for c in councils)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def prose() -> str:
    """The tutorial's text outside its doctest, code and plot blocks and heading underlines,
    on one line."""
    kept, skipping = [], False
    for line in TUTORIAL.read_text(encoding="utf-8").splitlines():
        if re.match(r"\.\. (doctest|code-block|plot)::", line):
            skipping = True
            continue
        if skipping and (line.startswith("   ") or not line.strip()):
            continue
        skipping = False
        if not re.fullmatch(r"[-=~^]+", line):
            kept.append(line)
    return " ".join(" ".join(kept).split())


# -- the claims, each computed from the data ---------------------------------------------------


def _overall() -> tuple[om.Point, om.Point, om.Point]:
    """Rotherham's turn: its first inadequate, the first good or better grade after it and
    its first outstanding after that."""
    trajectory = ROTHERHAM.trajectory()
    worst = next(p for p in trajectory if p.grade is G.INADEQUATE)
    turned = trajectory.first(at_least=G.GOOD, after=worst.published)
    assert turned is not None
    best = trajectory.first(at_least=G.OUTSTANDING, after=turned.published)
    assert best is not None
    return worst, turned, best


def story() -> str:
    worst, turned, best = _overall()
    return (
        f"Rotherham, whose children's services Ofsted judged {worst.grade} in "
        f"{worst.published.year}, after the Jay report into child sexual exploitation; "
        f"{turned.grade} in {turned.published.year}; and {best.grade} in {best.published.year}"
    )


def frameworks() -> str:
    graded = ROTHERHAM.graded
    count = len({i.framework for i in graded})
    return f"{_word(len(graded)).capitalize()} graded inspections under {_word(count)} frameworks"


def adequate() -> str:
    given = [i for i in ROTHERHAM.graded if i.overall is G.ADEQUATE]
    kinds = [i.framework for i in given]
    assert kinds == [om.Framework.SLAC, om.Framework.CP2012]
    # Adequate was last on the scale of eras that ended on this day; never after it.
    ended = max(e.until for e in ERAS if G.ADEQUATE in e.scale and e.until is not None)
    assert all(G.ADEQUATE not in e.scale for e in ERAS if e.start >= ended)
    return (
        f"The {given[0].published.year} safeguarding and looked after children (SLAC) "
        f"inspection and the {given[1].published.year} child protection inspection gave "
        f"*adequate*, a grade Ofsted stopped using in {_month(ended)}"
    )


def _reinspection() -> om.Inspection:
    (found,) = [i for i in ROTHERHAM.graded if i.kind is om.InspectionKind.SIF_REINSPECTION]
    return found


def reinspected() -> str:
    again = _reinspection()
    before = ROTHERHAM.graded[ROTHERHAM.graded.index(again) - 1]
    assert before.framework is again.framework is om.Framework.SIF
    return (
        f"The {again.published.year} report was a re-inspection: Ofsted re-inspected councils "
        f"judged {before.overall} under the single inspection framework (SIF)"
    )


def in_force_from_publication() -> str:
    again = _reinspection()
    assert again.end is not None
    in_between = ROTHERHAM.as_at(again.end + dt.timedelta(days=1))
    assert in_between is not None
    assert ROTHERHAM.as_at(again.published) is again
    return (
        f"Rotherham's re-inspection fieldwork finished on {_date(again.end)}, but the report "
        f"was published on {_date(again.published)}. In between, the "
        f"{in_between.published.year} judgement was still the one in force"
    )


def turnaround_heading() -> str:
    again = _reinspection()
    before = ROTHERHAM.graded[ROTHERHAM.graded.index(again) - 1]
    return f"From {before.overall} to {again.overall} Compare the two inspections"


def lscb() -> str:
    again = _reinspection()
    before = ROTHERHAM.graded[ROTHERHAM.graded.index(again) - 1]
    lscb = C.LSCB_REVIEW
    assert before.get(lscb) is not None
    assert again.get(lscb) is None
    return (
        f"(The {before.published.year} inspection also reviewed the Local Safeguarding "
        "Children Board; the re-inspection did not"
    )


def first_good() -> str:
    worst, turned, _ = _overall()
    trajectory = ROTHERHAM.trajectory()
    first = trajectory.first(at_least=G.GOOD)
    assert first == turned  # good for the first time in the records, not only since 2014
    return (
        f"{turned.grade.value.capitalize()} for the first time A :class:`~ofstedmodel."
        f"Trajectory` follows one judgement over every inspection that graded it. The first "
        f"good or better grade after the {worst.published.year} inspection"
    )


def children_in_care() -> str:
    line = ROTHERHAM.trajectory(C.CHILDREN_IN_CARE).points
    (child_protection,) = [i for i in ROTHERHAM.graded if i.framework is om.Framework.CP2012]
    assert line[0].inspection.framework is om.Framework.SLAC
    assert not child_protection.covers(C.CHILDREN_IN_CARE)
    assert all(p.inspection is not child_protection for p in line)
    replaced = line[1].published
    assert ROTHERHAM.grade_as_at(replaced - dt.timedelta(days=1), C.CHILDREN_IN_CARE) is (
        line[0].grade
    )
    return (
        "The children in care line starts with the SLAC inspection's judgement of services for "
        f"looked after children; the {child_protection.published.year} child protection "
        "inspection did not judge them, so it is not a point on that line, and that SLAC "
        f"judgement stayed in force until {replaced.year}"
    )


def latest_comparison() -> str:
    latest = ROTHERHAM.compare()
    assert latest.overall is not None
    assert any(c.definition_changed for c in latest.changes.values())
    before, after = latest.before.era, latest.after.era
    assert C.CARE_LEAVERS not in before.labels
    assert C.CARE_LEAVERS in after.labels
    assert C.CHILDREN_IN_CARE in before.labels
    return (
        f"From {latest.overall.before} to {latest.overall.after}, and a definition that "
        f"changed The latest comparison crosses the {after.start.year} change to the framework: "
        f"care leavers, graded together with children in care from {before.start.year}, have "
        f"been graded separately since {_month(after.start)}"
    )


def neighbours() -> str:
    count = len(ROTHERHAM.council.statistical_neighbours)
    return (
        f"Rotherham beside its statistical neighbours The DfE's {_word(count)} statistical "
        "neighbours are the councils most like Rotherham"
    )


MARCH_2024 = dt.date(2024, 3, 31)


def left_out_in_march_2024() -> str:
    summary = om.summarise(HISTORIES, as_at=MARCH_2024)
    assert isinstance(summary, om.Summary)
    left = [c for c, r in summary.left_out.items() if r is not om.LeftOut.NOT_EXISTING]
    assert all(summary.left_out[c] is om.LeftOut.NOT_INSPECTED for c in left)  # none unknown
    (created,) = {c.created for c in left}
    assert created is not None
    (first,) = {HISTORIES[c.la_code].inspections[0].published.year for c in left}
    return (
        f"The {_word(len(left))} councils left out are {_names(left)}, created on "
        f"{_date(created)}: neither had been inspected by then (their first inspections were "
        f"published in {first}), so neither had a grade in force"
    )


def former_councils() -> str:
    summary = om.summarise(HISTORIES, as_at=MARCH_2024)
    assert isinstance(summary, om.Summary)
    gone = {c for c, r in summary.left_out.items() if r is om.LeftOut.NOT_EXISTING}
    former = {h.council for h in HISTORIES.values() if h.council.abolished is not None}
    assert gone == former
    left = {c.la_code for c, r in summary.left_out.items() if r is om.LeftOut.NOT_INSPECTED}
    (replaced,) = [c for c in former if set(c.successors) == left]
    return (
        f"The {_word(len(gone))} that did not exist are the former councils the data also holds "
        f"({replaced.name}, which the two replaced, among them)"
    )


def data_starts() -> str:
    first = min(i.published for h in HISTORIES.values() for i in h.inspections)
    return f"The data goes back to {first.year}"


def reformed() -> str:
    latest = om.summarise(HISTORIES, as_at=datasets.as_of)
    assert isinstance(latest, om.Summary)
    (name,) = {latest.in_force[c].era.name for c in latest.not_graded_councils}
    (era,) = [e for e in ERAS if e.name == name]
    assert C.OVERALL_EFFECTIVENESS not in era.labels
    assert latest.unknown == 0
    return (
        f"All {_word(latest.not_graded)} councils without an overall effectiveness grade in "
        f"force were inspected under the reformed framework from {_month(era.start)}, which no "
        "longer gives one; no council's grade in force is unknown in the data"
    )


CLAIMS: list[Callable[[], str]] = [
    story,
    frameworks,
    adequate,
    reinspected,
    in_force_from_publication,
    turnaround_heading,
    lscb,
    first_good,
    children_in_care,
    latest_comparison,
    neighbours,
    left_out_in_march_2024,
    former_councils,
    data_starts,
    reformed,
]

# Phrases with a count, a grade or a council's name that make no claim about the data.
NOT_CLAIMS = {
    "Tutorial: the Rotherham story": "the title",
    "tells one council's story": "the tutorial's subject",
    "distinct from *requires improvement*": "the library's rule, not a fact of the data",
    "the one in force": "inside a claim",
    "Compare the two inspections": "the two the example compares",
    "In words, the good or outstanding neighbours": "introduces a doctest",
    "keeps the two apart": "the library's rule",
}


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda claim: claim.__name__)
def test_the_tutorial_says_what_the_data_says(claim: Callable[[], str]) -> None:
    said = claim()
    assert said in prose(), f"the tutorial should say, from the data: {said!r}"


_TOKENS = re.compile(
    r"\b(?:\d+|"
    + "|".join(_WORDS[1:])
    + r"|both|neither|none|outstanding|good|adequate|inadequate|requires improvement|"
    + "|".join(f"{dt.date(2000, m, 1):%B}" for m in range(1, 13))
    + "|"
    + "|".join(sorted((re.escape(h.council.name) for h in HISTORIES.values()), key=len)[::-1])
    + r")\b",
    re.IGNORECASE,
)


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]


def test_every_fact_in_the_prose_is_in_a_checked_claim() -> None:
    text = prose()
    covered = [s for claim in CLAIMS for s in _spans(text, claim())]
    covered += [s for phrase in NOT_CLAIMS for s in _spans(text, phrase)]
    unchecked = [
        f"{m.group()!r} in ...{text[max(0, m.start() - 40) : m.end() + 40]}..."
        for m in _TOKENS.finditer(text)
        if not any(start <= m.start() and m.end() <= end for start, end in covered)
    ]
    assert not unchecked, "facts in the tutorial no test checks:\n" + "\n".join(unchecked)


def test_the_check_catches_drift() -> None:
    """A claim the data does not bear out is not found in the prose, and a new fact is
    caught."""
    assert "judged good in 2014" not in prose()
    stray = "The data goes back to 2008"
    assert _TOKENS.search(stray)
    assert stray not in [claim() for claim in CLAIMS]

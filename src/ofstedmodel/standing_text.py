"""Standings in words: the sentence :func:`~ofstedmodel.narrative.describe` gives for a
:class:`~ofstedmodel.standing.Standing`, the paragraph for a whole table of
:class:`~ofstedmodel.standing.Standings` (both registered by :mod:`ofstedmodel.standing`), and
the table the command line prints.

    >>> import ofstedmodel as om
    >>> row = om.standings(om.datasets.histories(), as_at="2026-08-22").council("Devon")
    >>> print(describe_standing(row))
    Devon has been inadequate for overall effectiveness since 17 March 2020, two inspections in
    a row: 6 years, 5 months and 5 days as at 22 August 2026.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ._coerce import a
from .grades import Grade
from .narrative import _number as number
from .narrative import _plural as plural
from .narrative import format_date, format_duration
from .populations import LeftOut

if TYPE_CHECKING:  # annotations only: ofstedmodel.standing imports this module
    from .standing import Standing, Standings

__all__: list[str] = []

#: Why a council has no grade in force, in the words of a table (unknown never reads as none):
#: the one wording of the standings table and the command line's tables.
LEFT_OUT = {
    LeftOut.NOT_EXISTING: "did not exist then",
    LeftOut.NOT_INSPECTED: "not inspected in the data by then",
    LeftOut.NOT_GIVEN: "not given by the framework",
    LeftOut.NOT_JUDGED: "not judged",
    LeftOut.UNKNOWN: "not known in the data",
}


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c' (internal)."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _grade_words(grade: Grade) -> str:
    return grade.label.lower()


def predicate(grade: Grade) -> str:
    """A grade after 'is' or 'has been': 'good', but 'judged requires improvement to be
    good', which is not an adjective (internal)."""
    words = _grade_words(grade)
    return f"judged {words}" if grade is Grade.REQUIRES_IMPROVEMENT else words


def _no_grade(standing: Standing) -> str:
    council, category = standing.council, standing.category.value
    when = format_date(standing.as_at)
    reason, inspection = standing.reason, standing.in_force
    if reason is LeftOut.NOT_EXISTING:
        if council.abolished is not None and standing.as_at >= council.abolished:
            return f"{council.name} did not exist on {when}: it was abolished on " + (
                f"{format_date(council.abolished)}."
            )
        created = (
            "" if council.created is None else f": it was created on {format_date(council.created)}"
        )
        return f"{council.name} did not exist yet on {when}{created}."
    if reason is LeftOut.NOT_INSPECTED or inspection is None:
        return f"{council.name} had no graded inspection of {category} in the data as at {when}."
    published = format_date(inspection.published)
    if reason is LeftOut.NOT_GIVEN:
        return (
            f"{council.name} had no {category} grade in force as at {when}: its inspection "
            f"published {published} ({inspection.era.name}) gives none."
        )
    if reason is LeftOut.NOT_JUDGED:
        return (
            f"{council.name} had no {category} grade in force as at {when}: its inspection "
            f"published {published} did not judge it."
        )
    return (
        f"{council.name} had {category} graded as at {when}, by its inspection published "
        f"{published}, but the data does not know the grade."
    )


def describe_standing(standing: Standing) -> str:
    """'Birmingham has been inadequate for overall effectiveness since 25 November 2016,
    three inspections in a row: ... as at 22 August 2026.'"""
    grade, since, held = standing.grade, standing.since, standing.held
    if grade is None or since is None or held is None:
        return _no_grade(standing)
    council, category = standing.council.name, standing.category.value
    row = (
        f"{number(standing.in_a_row)} inspections in a row"
        if standing.in_a_row > 1
        else "at its latest inspection"
    )
    text = (
        f"{council} has been {predicate(grade)} for {category} since {format_date(since)}, "
        f"{row}: {format_duration(held)} as at {format_date(standing.as_at)}."
    )
    changes = standing.definition_changes
    if changes:
        first = changes[0]
        wordings = [f"\u201c{first.before_inspection.era.labels[standing.category]}\u201d"] + [
            f"\u201c{c.after_inspection.era.labels[standing.category]}\u201d from "
            f"{format_date(c.after_inspection.published)}"
            for c in changes
        ]
        text += (
            " The run spans a change of the judgement's definition between frameworks: "
            + ", then ".join(wordings)
            + "."
        )
    return text


def _names(rows: Sequence[Standing]) -> str:
    """Council names joined so that each reads as one: with semicolons when a name has a
    comma ('Bournemouth, Christchurch and Poole; and Dorset'), with a comma before the last
    'and' when a name has an 'and' ('Kensington and Chelsea, and Westminster')."""
    names = [row.council.name for row in rows]
    if len(names) < 2:
        return listing(names)
    if any("," in name for name in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    if any(" and " in name for name in names):
        return ", ".join(names[:-1]) + ", and " + names[-1]
    return listing(names)


def _worst_first(counts: Mapping[Grade, int]) -> list[Grade]:
    """The grades counted, worst first; adequate after requires improvement, which it ranks
    level with (a fixed order: grades of one rank are otherwise unordered)."""
    return sorted((g for g, n in counts.items() if n), key=lambda g: (-g.code, g is Grade.ADEQUATE))


def _longest(table: Standings) -> str | None:
    """'The longest-standing grades: inadequate, Devon since 17 March 2020 (two inspections
    in a row); ...'."""
    graded = table.graded
    parts = []
    for grade in _worst_first(graded.counts):
        held = graded.where(grade=grade).sorted_by("since").rows
        ties = [s for s in held if s.since == held[0].since]
        first = ties[0]
        assert first.since is not None
        row = (
            f"{number(first.in_a_row)} inspections in a row"
            if first.in_a_row > 1
            else "one inspection"
        )
        if len(ties) > 1:
            both = "both" if len(ties) == 2 else "all"
            in_a_row = {s.in_a_row for s in ties}
            row = row + " each" if len(in_a_row) == 1 else "runs of different lengths"
            parts.append(
                f"{_grade_words(grade)}, {_names(ties)}, {both} since {format_date(first.since)}"
                f" ({row})"
            )
        else:
            parts.append(
                f"{_grade_words(grade)}, {first.council.name} since "
                f"{format_date(first.since)} ({row})"
            )
    if not parts:
        return None
    head = "The longest-standing grade" if len(parts) == 1 else "The longest-standing grades"
    return f"{head}: " + "; ".join(parts) + "."


def _left_out_sentences(table: Standings, no_grade_head: str = "") -> list[str]:
    """Who has no grade in force and why; whose grade the data does not know (never told as
    no grade); who did not exist. With ``no_grade_head``, the sentence on who has no grade
    starts with it."""
    by_reason: dict[LeftOut, list[Standing]] = {}
    for row in table.rows:
        if row.reason is not None:
            by_reason.setdefault(row.reason, []).append(row)
    category = table.category.value
    parts: list[tuple[int, str, str]] = []  # (how many, as part of a list, as the only one)
    for reason in (LeftOut.NOT_INSPECTED, LeftOut.NOT_GIVEN, LeftOut.NOT_JUDGED):
        rows = by_reason.get(reason, [])
        if not rows:
            continue
        if reason is LeftOut.NOT_INSPECTED:
            parts.append(
                (
                    len(rows),
                    "with no inspection of it in the data by then",
                    ", not yet inspected for it in the data",
                )
            )
        elif reason is LeftOut.NOT_GIVEN:
            eras = listing(sorted({r.in_force.era.name for r in rows if r.in_force is not None}))
            parts.append(
                (
                    len(rows),
                    f"whose latest inspection ({eras}) gives none",
                    f": the framework of the latest inspection ({eras}) gives none",
                )
            )
        else:
            parts.append(
                (
                    len(rows),
                    "whose latest inspection did not judge it",
                    ": the latest inspection did not judge it",
                )
            )
    sentences = []
    if parts:
        total = sum(n for n, _, _ in parts)
        head = no_grade_head or f"No {category} grade was in force for {plural(total, 'council')}"
        if len(parts) == 1:
            tail = parts[0][2]
        else:
            tail = ": " + listing([f"{n} {why}" for n, why, _ in parts])
        sentences.append(head + tail + ".")
    unknown = by_reason.get(LeftOut.UNKNOWN, [])
    if unknown:
        sentences.append(
            f"For {plural(len(unknown), 'council')} a grade was in force that the data does "
            "not know."
        )
    gone = by_reason.get(LeftOut.NOT_EXISTING, [])
    if gone:
        sentences.append(
            f"The data also holds {plural(len(gone), 'council')} that did not exist then "
            f"({_names(gone)})."
        )
    return sentences


def describe_standings(table: Standings) -> str:
    """The paragraph a journalist would write: how many at each grade, who has held each
    grade longest, who has none and why."""
    when = format_date(table.as_at)
    category = table.category.value
    cut_off = (
        ""
        if table.published_by == table.as_at
        else f", counting reports published by {format_date(table.published_by)}"
    )
    existing = sum(1 for s in table.rows if s.reason is not LeftOut.NOT_EXISTING)
    counts = [(g, table.counts[g]) for g in _worst_first(table.counts)]
    if not counts and table.grades is not None:
        # Filtered by grade: say which grade no council held, not that none had a grade.
        among = " among the councils chosen" if table.chosen else ""
        if not table.grades:  # grade filters that exclude each other
            return f"As at {when}{cut_off}, no council{among} had all the grades asked for."
        held = " or ".join(_grade_words(g) for g in _worst_first(dict.fromkeys(table.grades, 1)))
        return f"As at {when}{cut_off}, no council{among} stood at {held} for {category}."
    if not counts:
        if table.where(reason=LeftOut.UNKNOWN) or not table.where(reason=_NO_GRADE):
            head = f"As at {when}{cut_off}, no council had {a(category)} grade in force"
            head += " that the data knows." if table.where(reason=LeftOut.UNKNOWN) else "."
            missing = _left_out_sentences(table)
        else:
            missing = _left_out_sentences(
                table,
                f"As at {when}{cut_off}, no {category} grade was in force for "
                + ("the one council" if existing == 1 else f"any of the {existing} councils"),
            )
            head, missing = missing[0], missing[1:]
        return " ".join([head, *missing])
    parts = [f"{n} at {_grade_words(g)}" for g, n in counts]
    parts[0] = parts[0].replace(" at ", " stood at ", 1) + f" for {category}"
    if len(counts) == 1 and counts[0][1] == existing:
        head = f"As at {when}{cut_off}, {plural(existing, 'council')} stood at " + (
            f"{_grade_words(counts[0][0])} for {category}."
        )
    else:
        head = f"As at {when}{cut_off}, of {plural(existing, 'council')}, {listing(parts)}."
    sentences = [head]
    longest = _longest(table)
    if longest:
        sentences.append(longest)
    spans = sum(1 for s in table.graded.rows if s.definition_changes)
    if spans:
        sentences.append(
            f"For {plural(spans, 'council')} the run spans a change of the judgement's "
            "definition between frameworks."
        )
    sentences.extend(_left_out_sentences(table))
    return " ".join(sentences)


_NO_GRADE = [r for r in LeftOut if r.is_not_graded]


def category_title(table: Standings) -> str:
    """The judgement as a title (internal)."""
    return table.category.value.capitalize()


def table_text(table: Standings) -> str:
    """The table the command line prints: a row per council, with why when it has no grade
    (internal)."""
    head = f"{'council':<35} {'grade':<32} {'since':<11} {'in a row':>8}  held"
    lines = [head]
    for row in table:
        if row.grade is None:
            why = "-" if row.reason is None else LEFT_OUT[row.reason]
            lines.append(f"{row.council.name:<35} ({why})")
            continue
        held = row.held
        since = "" if row.since is None else row.since.isoformat()
        lines.append(
            f"{row.council.name:<35} {row.grade.label:<32} {since:<11} "
            f"{row.in_a_row:>8}  {'' if held is None else format_duration(held)}"
        )
    return "\n".join(lines)

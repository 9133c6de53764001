"""What changed, in words: the paragraph :func:`~ofstedmodel.narrative.describe` gives for a
:class:`~ofstedmodel.digests.Digest`, the sentences for a :class:`~ofstedmodel.movements.Report`
and a :class:`~ofstedmodel.movements.Movement` (all registered by :mod:`ofstedmodel.digests`),
and the table the command line prints.

    >>> import datetime as dt
    >>> window(dt.date(2025, 4, 1), dt.date(2025, 9, 30))
    'between 1 April and 30 September 2025'
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ._coerce import a
from .frameworks import CURRENT_SCALE
from .grades import Grade
from .inspections import Inspection
from .movements import Move, Movement, Report, side
from .narrative import _and, _capitalise, _place, _plural, format_date
from .populations import GroupedSummary, LeftOut, Summary, group_name

if TYPE_CHECKING:  # annotations only: ofstedmodel.digests imports this module
    from .digests import Digest

__all__: list[str] = []


def window(since: _dt.date, until: _dt.date) -> str:
    """'on 1 April 2025', 'between 1 and 30 April 2025', 'between 1 April and 30 September
    2025', 'between 1 April 2024 and 31 March 2025'."""
    if since == until:
        return f"on {format_date(since)}"
    if since.year != until.year:
        return f"between {format_date(since)} and {format_date(until)}"
    if since.month != until.month:
        return f"between {since.day} {since:%B} and {format_date(until)}"
    return f"between {since.day} and {format_date(until)}"


def _shares(before: float, after: float) -> tuple[str, str]:
    """Two shares as percentages, with as many decimals as it takes to tell them apart (up
    to three)."""
    for places in range(4):
        texts = (f"{before * 100:.{places}f}%", f"{after * 100:.{places}f}%")
        if texts[0] != texts[1] or before == after:
            return texts
    return texts


def _grade_words(grade: Grade | None, reason: LeftOut | None) -> str:
    if grade is not None:
        return grade.label.lower()
    return "a grade the data does not know" if reason is LeftOut.UNKNOWN else "no grade"


def _what(movement: Movement) -> str:
    """'rose from requires improvement to be good to good', 'lost its good grade: ILACS 2026
    gives none', ..."""
    before = _grade_words(movement.before, movement.before_reason)
    after = _grade_words(movement.after, movement.after_reason)
    move = movement.move
    if move is Move.UP:
        return f"rose from {before} to {after}"
    if move is Move.DOWN:
        return f"fell from {before} to {after}"
    if move is Move.SAME:
        if movement.before is movement.after:
            return f"stayed {after}"
        return f"went from {before} to {after}, the same position on the scale"
    if move is Move.FIRST_GRADE:
        return _first(movement, after)
    if move is Move.GRADE_LOST:
        inspection = movement.after_inspection
        why = (
            f"{inspection.era.name} gives no such grade"
            if movement.after_reason is LeftOut.NOT_GIVEN
            else "the inspection did not judge it"
        )
        return f"is no longer graded (it was {before}): {why}"
    return f"went from {before} to {after}; the change is not known"


def _first(movement: Movement, after: str) -> str:
    """A first grade in words: the first in the data, or one after a spell with none in force
    because the framework or the inspection before gave none."""
    before = movement.before_inspection
    if before is None or movement.before_reason is LeftOut.NOT_INSPECTED:
        return f"received its first grade in the data: {after}"
    why = (
        f"{before.era.name} gave none"
        if movement.before_reason is LeftOut.NOT_GIVEN
        else "the inspection before did not judge it"
    )
    return f"was graded {after}, with no grade in force before ({why})"


def describe_movement(movement: Movement) -> str:
    """'Wigan's overall effectiveness rose from requires improvement to be good to good
    (ILACS standard inspection published 15 May 2025).'"""
    after = movement.after_inspection
    return (
        f"{after.council.name}'s {movement.category.value} {_what(movement)} "
        f"({after.kind.value} published {format_date(after.published)})."
    )


def describe_report(report: Report) -> str:
    """'Wigan's ILACS standard inspection, published 15 May 2025: overall effectiveness rose
    from ...; leadership ...'."""
    head = (
        f"{report.council.name}'s {report.inspection.kind.value}, published "
        f"{format_date(report.published)}"
    )
    if not report.inspection.is_graded:
        return f"{head}, gives no grades."
    if not report.movements:
        return f"{head}, changed no grade."
    return f"{head}: " + "; ".join(f"{m.category.value} {_what(m)}" for m in report.movements) + "."


#: The moves in the order a paragraph counts them, with the words for one council and for more.
_MOVE_WORDS = (
    (Move.UP, "improved", "improved"),
    (Move.DOWN, "declined", "declined"),
    (Move.SAME, "kept the same grade", "kept the same grade"),
    (Move.FIRST_GRADE, "received its first grade", "received their first grade"),
    (Move.GRADE_LOST, "lost its grade", "lost their grade"),
)


def _moves_clause(result: Digest) -> str:
    """'5 councils improved, 3 declined and 1 received its first grade' ('' when none)."""
    items: list[str] = []
    for move, one, many in _MOVE_WORDS:
        councils = result._where(move)
        n = len(councils)
        if not n:
            continue
        count = str(n) if items else _plural(n, "council")
        if move is Move.FIRST_GRADE and any(
            result.changes[c].before_reason is not LeftOut.NOT_INSPECTED for c in councils
        ):
            # Not a first grade for all: some had one before, under a framework that gave it.
            one = many = "received a grade where none was in force"
        items.append(f"{count} {one if n == 1 else many}")
    return _and(items)


def _lost_sentence(result: Digest) -> str | None:
    """Why grades were lost: 'ILACS 2026 gives no overall effectiveness grade.'"""
    lost = [result.changes[c] for c in result.lost]
    if not lost:
        return None
    category = result.category.value
    eras = sorted(
        {m.after_inspection.era.name for m in lost if m.after_reason is LeftOut.NOT_GIVEN}
    )
    not_judged = sum(1 for m in lost if m.after_reason is LeftOut.NOT_JUDGED)
    parts = []
    if eras:
        verb = "gives" if len(eras) == 1 else "give"
        parts.append(f"{_and(eras)} {verb} no {category} grade")
    if not_judged:
        parts.append(
            f"{_plural(not_judged, 'latest inspection')} did not judge {category}, though "
            "the framework gives the grade"
        )
    return (
        _capitalise("; ".join(parts))
        + ", and a council with no grade in force is left out of the share."
    )


def _unknown_sentence(result: Digest) -> str | None:
    n = len(result.unknown)
    if not n:
        return None
    whose = "its report" if n == 1 else "their reports"
    return (
        f"For {_plural(n, 'council')} the data does not know a grade before or after {whose}, "
        "so the change is not known."
    )


def _graded_phrase(summary: Summary) -> str:
    known = "a known grade" if summary.unknown else "a grade"
    return f"{summary.good_or_better} of {_plural(summary.total, 'council')} with {known} in force"


def _share_sentence(result: Digest, by: str, mention_category: bool) -> str:
    before, after = result.before.england, result.after.england
    category = f" for {result.category.value}" if mention_category else ""
    subject = f"The share of councils judged good or outstanding{category}"
    if not before.total and not after.total:
        return f"No council had {a(result.category.value)} grade in force before or after."
    if not before.total:
        return (
            f"{subject} was {_shares(0, after.share_good_or_better)[1]} on "
            f"{format_date(after.as_at)} ({_graded_phrase(after)}); no council had a grade in "
            f"force on {format_date(before.as_at)}."
        ) + _thin(after)
    if not after.total:
        return (
            f"No council had {a(result.category.value)} grade in force on "
            f"{format_date(after.as_at)}; on {format_date(before.as_at)} "
            f"{_shares(before.share_good_or_better, 0)[0]} were good or outstanding."
        ) + _thin(before)
    was, now = _shares(before.share_good_or_better, after.share_good_or_better)
    change = before.share_good_or_better - after.share_good_or_better
    verb = (
        f"stayed at {now}"
        if change == 0
        else f"rose from {was} to {now}"
        if change < 0
        else f"fell from {was} to {now}"
    )
    text = (
        f"{subject} {verb} (from {_graded_phrase(before)} on {format_date(before.as_at)} to "
        f"{after.good_or_better} of {after.total} on {format_date(after.as_at)})"
    )
    regional = _regional(result.before.by(by), result.after.by(by), by)
    return f"{text}{regional}." + _thin(before, after)


def _thin(*summaries: Summary) -> str:
    """' The figure on 31 March 2023 rests on only 7 of 152 councils.' for each figure resting
    on under half the councils that existed ('' when none does)."""
    thin = [s for s in summaries if s.total and 2 * s.total < s.existing]
    if not thin:
        return ""
    parts = [
        f"{s.total} of {_plural(s.existing, 'council')} on {format_date(s.as_at)}" for s in thin
    ]
    subject = "The figures rest" if len(thin) > 1 else "The figure rests"
    return f" {subject} on only {_and(parts)}."


def _from_to(before: Summary, after: Summary) -> str:
    """'from 50% to 67%', and what it rests on where under half the councils are graded."""
    was, now = _shares(before.share_good_or_better, after.share_good_or_better)
    text = f"from {was} to {now}"
    if before.total != after.total:
        # Fewer (or more) councils graded at the end: the share moved with who is counted,
        # not only with grades (ILACS 2026 gives no overall effectiveness grade).
        text = (
            f"from {was} ({before.good_or_better} of {before.total}) to {now} "
            f"({after.good_or_better} of {after.total})"
        )
    if 2 * min(before.total, after.total) < max(before.existing, after.existing):
        text += (
            f", resting on only {before.total} then {after.total} of "
            f"{_plural(after.existing, 'council')}"
        )
    return text


def _regional(before: GroupedSummary, after: GroupedSummary, by: str) -> str:
    """'; the largest rise was in the North East (from 50% to 67%); the largest fall was in
    London (from 80% to 75%)', among the groups with councils graded on both dates."""
    pairs = {
        group: (before[group], after[group])
        for group in after
        if group is not None and group in before and before[group].total and after[group].total
    }
    if not pairs:
        return ""
    deltas = {
        group: now.share_good_or_better - was.share_good_or_better
        for group, (was, now) in pairs.items()
    }
    clauses = []
    for word, best in (("rise", max(deltas.values())), ("fall", min(deltas.values()))):
        if (best > 0) if word == "rise" else (best < 0):
            tied = [f"{_place(g)} ({_from_to(*pairs[g])})" for g, d in deltas.items() if d == best]
            where = f"in {tied[0]}" if len(tied) == 1 else f"shared by {_and(tied)}"
            clauses.append(f"the largest {word} was {where}")
    if not clauses:
        noun = "region" if by == "region" else "Ofsted region"
        clauses.append(f"no {noun}'s share changed")
    return "; " + "; ".join(clauses)


def _counts_sentence(result: Digest) -> str | None:
    before, after = result.before.england, result.after.england
    if not before.total and not after.total:
        return None
    grades = (*CURRENT_SCALE, Grade.ADEQUATE)
    items = []
    for grade in grades:
        was, now = before.counts.get(grade, 0), after.counts.get(grade, 0)
        if not was and not now:
            continue
        label = grade.label.lower()
        items.append(f"{label} unchanged at {now}" if was == now else f"{label} {was} to {now}")
    return f"Councils by grade: {_and(items)}."


def paragraph(result: Digest, by: str = "region") -> str:
    """The digest in words, naming the largest regional moves ``by`` region or Ofsted region
    (internal: for :func:`~ofstedmodel.narrative.describe` and
    :func:`~ofstedmodel.digests.command`)."""
    span = window(result.since, result.until)
    reports = result.reports
    sentences: list[str | None] = []
    mention = True
    if not reports:
        sentences.append(
            f"The data holds no report on councils' children's services published {span}."
        )
    else:
        head = (
            f"{_capitalise(span)} Ofsted published {_plural(len(reports), 'report')} on "
            "councils' children's services"
        )
        visits = len(result.visits)
        if visits == len(reports):
            head += (
                ", a visit that gives no grades"
                if visits == 1
                else ", all of them visits that give no grades"
            )
        elif visits:
            head += (
                f", {visits} of them {'a visit that gives' if visits == 1 else 'visits that give'}"
                " no grades"
            )
        clause = _moves_clause(result)
        graded = len(reports) - visits
        if clause:
            head += f": for {result.category.value}, {clause}"
            mention = False
        elif graded and not result.unknown:
            head += (
                f"; {'it did not grade' if len(reports) == 1 else 'none of them graded'} "
                f"{result.category.value}"
            )
            mention = False
        sentences += [head + ".", _lost_sentence(result), _unknown_sentence(result)]
    sentences += [_share_sentence(result, by, mention), _counts_sentence(result)]
    return " ".join(s for s in sentences if s)


def row_move(movement: Movement | None, inspection: Inspection) -> str:
    if not inspection.is_graded:
        return "no grades (a visit)"
    if movement is None:
        return "no change"
    before = side(movement.before, movement.before_reason)
    after = side(movement.after, movement.after_reason)
    return f"{before} -> {after} ({movement.move.value})"


def figures_table(
    before: Summary, after: Summary, groups_before: GroupedSummary, groups_after: GroupedSummary
) -> list[str]:
    """Good or better as at each date, with the councils counted, for England and each group."""
    rows = [("England", before, after)] + [
        (group_name(g), groups_before[g], groups_after[g])
        for g in groups_after
        if g in groups_before
    ]
    width = max(len(name) for name, _, _ in rows) + 2
    head_before = f"as at {before.as_at.isoformat()}"
    head_after = f"as at {after.as_at.isoformat()}"
    lines = [
        f"{'Good or outstanding':<{width}}{head_before:>24}{head_after:>24}",
    ]
    for name, was, now in rows:
        lines.append(f"{name:<{width}}{_cell(was):>24}{_cell(now):>24}")
    return lines


def _cell(summary: Summary) -> str:
    if not summary.total:
        return "no known grade" if summary.unknown else "none graded"
    return f"{summary.share_good_or_better:.1%} ({summary.good_or_better} of {summary.total})"

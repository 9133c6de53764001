"""Plain English for briefings: :func:`describe`.

>>> from datetime import date
>>> import ofstedmodel as om
>>> la = om.Council("Rotherham", "372")
>>> before = om.Inspection(la, "SIF", date(2014, 11, 19), {"overall": "inadequate"})
>>> after = om.Inspection(la, "SIF", date(2018, 1, 29), {"overall": "good"})
>>> print(om.describe(om.compare(before, after).overall))
Overall effectiveness rose two grades, from inadequate (published 19 November 2014) to good
(published 29 January 2018), 3 years, 2 months and 10 days later.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import Counter
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from ._coerce import a, shown
from .changes import Change, Comparison
from .councils import Council, OfstedRegion, Region
from .errors import OfstedModelError
from .frameworks import Category
from .grades import Grade
from .history import History
from .inspections import Inspection
from .populations import GroupedSummary, LeftOut, Peers, Summary, Transitions, group_name
from .trajectories import Trajectory

__all__ = ["describe", "format_date", "format_duration"]

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _number(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_date(day: _dt.date) -> str:
    """A date as a briefing writes it.

    >>> format_date(_dt.date(2014, 11, 9))
    '9 November 2014'
    """
    return f"{day.day} {day:%B %Y}"


def format_duration(delta: relativedelta) -> str:
    """A calendar duration in words.

    >>> format_duration(relativedelta(years=3, months=2, days=10))
    '3 years, 2 months and 10 days'
    >>> format_duration(relativedelta(months=1))
    '1 month'
    """
    negative = (delta.years, delta.months, delta.days) < (0, 0, 0)
    if negative:
        delta = -delta
    parts = [
        _plural(value, unit)
        for value, unit in ((delta.years, "year"), (delta.months, "month"), (delta.days, "day"))
        if value
    ]
    if not parts:
        return "no time"
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"minus {text}" if negative else text


def _grade(grade: Grade | None) -> str:
    return "an unknown grade" if grade is None else grade.label.lower()


def _published(day: _dt.date) -> str:
    return f"published {format_date(day)}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _movement(change: Change) -> str:
    """'rose two grades', 'fell one grade', 'stayed good', ..."""
    steps = change.steps
    if steps is None:
        return "cannot be compared"
    if steps > 0:
        return f"rose {_number(steps)} grade{'s' if steps > 1 else ''}"
    if steps < 0:
        return f"fell {_number(-steps)} grade{'s' if steps < -1 else ''}"
    if change.before is change.after:
        return f"stayed {_grade(change.after)}"
    return "stayed at the same position on the scale"


def _side(change: Change, before: bool) -> str:
    """A side's grade in words: the grade, 'not graded' or 'an unknown grade'."""
    inspection = change.before_inspection if before else change.after_inspection
    grade = change.before if before else change.after
    if grade is None and change.category not in inspection.era.labels:
        return f"not graded separately by {inspection.era.name}"
    if grade is None and inspection._knows(change.category):
        return "not judged"
    return _grade(grade)


def _describe_change(change: Change, *, capital: bool = True) -> str:
    category = change.category.value
    before, after = change.before_inspection, change.after_inspection
    text = (
        f"{_capitalise(category) if capital else category} {_movement(change)}, from "
        f"{_side(change, True)} ({_published(before.published)}) to {_side(change, False)} "
        f"({_published(after.published)})"
    )
    if before.published != after.published:
        text += f", {format_duration(change.elapsed)} later"
    text += "."
    if change.steps == 0 and change.before is not change.after:
        text += (
            " Adequate and requires improvement to be good share a position, but Ofsted "
            "replaced adequate in November 2013 because it was not good enough."
        )
    if change.steps is None:
        missing = [
            format_date(i.published)
            for i, g in ((before, change.before), (after, change.after))
            if g is None and change.category in i.era.labels and not i._knows(change.category)
        ]
        if missing:
            text += f" The grade {_published_list(missing)} is not known."
    if change.definition_changed:
        text += (
            f" The judgement's definition changed between frameworks: "
            f"\u201c{before.era.labels[change.category]}\u201d then "
            f"\u201c{after.era.labels[change.category]}\u201d."
        )
    if not change.same_council:
        text += (
            f" These are inspections of different councils: {before.council.name} then "
            f"{after.council.name}."
        )
    return text


def _published_list(dates: list[str]) -> str:
    return "published " + " and ".join(dates)


def _describe_comparison(comparison: Comparison) -> str:
    before, after = comparison.before, comparison.after
    if comparison.same_council:
        head = f"{before.council.name}: "
    else:
        head = f"{before.council.name} compared with {after.council.name}: "
    overall = comparison.overall
    sentences = [
        head + (_describe_change(overall, capital=False) if overall else _no_overall(comparison))
    ]
    others = [c for c in comparison.changes.values() if c is not overall]
    if others:
        sentences.append("By judgement: " + "; ".join(_short_change(c) for c in others) + ".")
    sentences.append(_standing(after))
    return " ".join(sentences)


def _no_overall(comparison: Comparison) -> str:
    return (
        f"overall effectiveness was not graded on both sides (the inspections published "
        f"{format_date(comparison.before.published)} and "
        f"{format_date(comparison.after.published)})."
    )


def _short_change(change: Change) -> str:
    newly = change.category not in change.before_inspection.era.labels
    if newly and change.after is not None:
        return (
            f"{change.category.value} was not graded separately before and is now "
            f"{_grade(change.after)}"
        )
    text = f"{change.category.value} {_movement(change)}"
    if change.before is not None or change.after is not None:
        text += f" ({_side(change, True)} to {_side(change, False)}"
        if change.definition_changed:
            text += "; the judgement's definition changed between frameworks"
        text += ")"
    return text


def _standing(inspection: Inspection) -> str:
    judgements = inspection.judgements
    if not judgements:
        return f"The grades of the inspection {_published(inspection.published)} are not known."
    good = [j for j in judgements if j.grade.is_good_or_better]
    below = [j for j in judgements if not j.grade.is_good_or_better]
    share = (
        f"all {_number(len(judgements))}"
        if len(good) == len(judgements) > 1
        else f"{_number(len(good))} of its {_number(len(judgements))}"
    )
    text = (
        f"The inspection {_published(inspection.published)} judged it good or better in "
        f"{share} judgement{'s' if len(judgements) > 1 else ''}"
    )
    if below:
        text += ", " + "; ".join(f"{_grade(j.grade)} for {j.category.value}" for j in below)
    return text + "."


def _describe_trajectory(trajectory: Trajectory) -> str:
    category = trajectory.category.value
    points = trajectory.points
    if not points:
        return f"No graded inspection has judged {category}."
    listing = ", ".join(f"{_grade(p.grade)} ({format_date(p.published)})" for p in points)
    sentences = [
        f"{_capitalise(category)}, {_plural(len(points), 'graded inspection')} from "
        f"{format_date(points[0].published)} to {format_date(points[-1].published)}: {listing}."
    ]
    latest = points[-1]
    if latest.grade is not None:
        sentences.append(_latest_sentence(trajectory))
    changes = trajectory.changes
    if any(c.definition_changed for c in changes):
        sentences.append("The judgement's definition changed between frameworks along the way.")
    return " ".join(sentences)


def _latest_sentence(trajectory: Trajectory) -> str:
    points = trajectory.points
    latest = points[-1]
    assert latest.grade is not None
    streaks = trajectory.streaks()
    current = streaks[-1]
    grade = _grade(latest.grade)
    if current.length > 1:
        text = (
            f"It has been {grade} at {_number(current.length)} inspections in a row, "
            f"since {format_date(current.first)}"
        )
    else:
        text = f"The latest, {_published(latest.published)}, is {grade}"
        previous = points[-2] if len(points) > 1 else None
        if previous is not None and previous.grade is not None:
            change = trajectory.changes[-1]
            before_streak = streaks[-2] if len(streaks) > 1 else None
            run = (
                f" after {_number(before_streak.length)} {_grade(before_streak.grade)} "
                "judgements in a row"
                if before_streak is not None
                and before_streak.last == previous.published
                and before_streak.length > 1
                else f" after {_grade(previous.grade)}"
            )
            text += f": it {_movement(change)}{run}"
    if latest.grade.is_good_or_better:
        earlier = trajectory._last(Grade.GOOD, current.first)
        first_good = trajectory._first(Grade.GOOD, None, None)
        if first_good is not None and first_good.published == current.first and len(points) > 1:
            text += (
                "; its first good or better grade in the records, which start "
                f"{format_date(points[0].published)}"
            )
        elif earlier is not None and earlier.published < current.first:
            gap = trajectory.points.index(earlier) < trajectory.points.index(current.points[0]) - 1
            if gap:
                text += (
                    f"; good or better for the first time since {format_date(earlier.published)}"
                )
    return text + "."


def _describe_history(history: History) -> str:
    council = history.council
    inspections = history.inspections
    if not inspections:
        return f"{council.name} ({council.la_code}): no inspections recorded."
    graded = history.graded
    sentences = [
        f"{council.name} ({council.la_code}): {_plural(len(inspections), 'inspection')} and "
        f"visits published from {format_date(inspections[0].published)} to "
        f"{format_date(inspections[-1].published)}, {_number(len(graded))} of them graded."
    ]
    latest = history.latest
    if latest is not None:
        overall = latest.overall
        if overall is not None:
            sentences.append(
                f"The latest graded inspection, {_published(latest.published)}, judged overall "
                f"effectiveness {_grade(overall)}."
            )
        elif latest.judgements:
            sentences.append(
                f"The latest graded inspection, {_published(latest.published)}, gave no overall "
                "effectiveness grade: "
                + "; ".join(f"{j.category.value} {_grade(j.grade)}" for j in latest.judgements)
                + "."
            )
        else:
            sentences.append(
                f"The grades of the latest graded inspection, {_published(latest.published)}, "
                "are not known."
            )
    trajectory = history.trajectory(Category.OVERALL_EFFECTIVENESS)
    if len(trajectory.points) > 1:
        sentences.append(_describe_trajectory(trajectory))
    return " ".join(sentences)


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _place(group: object) -> str:
    """A group as a place in a sentence: "the North West", "London", "the North East,
    Yorkshire and the Humber"."""
    label = group_name(group)
    if isinstance(group, Region) and group not in (
        Region.LONDON,
        Region.YORKSHIRE_AND_THE_HUMBER,
    ):
        return f"the {label}"
    if isinstance(group, OfstedRegion) and group is not OfstedRegion.LONDON:
        return f"the {label}"
    return label


def _when(summary: Summary) -> str:
    text = f"As at {format_date(summary.as_at)}"
    if summary.published_by != summary.as_at:
        text += f", counting reports published by {format_date(summary.published_by)}"
    return text


def _headline(summary: Summary, where: str, *, counts: bool) -> str:
    """The first sentence, without its full stop."""
    when = _when(summary)
    category = summary.category.value
    if not summary.total:
        if not summary.existing:
            if summary.left_out:
                return f"{when}, no council{where} in the data existed"
            return f"{when}, there were no councils{where} to count"
        known = " that the data knows" if summary.unknown else ""
        return f"{when}, no council{where} had {a(category)} grade in force{known}"
    graded = "with a known grade in force" if summary.unknown else "with a grade in force"
    text = (
        f"{when}, {_percent(summary.share_good_or_better)} of councils{where} "
        f"({summary.good_or_better} of {summary.total} {graded}) were good or outstanding for "
        f"{category}"
    )
    if counts:
        text += ": " + ", ".join(
            f"{n} {_grade(g)}" for g, n in summary.counts.items() if n or g is not Grade.ADEQUATE
        )
    return text


def _and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with semicolons when an item has a comma of its own."""
    if len(items) < 2:
        return "".join(items)
    joiner = "; " if any(", " in item for item in items) else ", "
    return joiner.join(items[:-1]) + " and " + items[-1]


def _not_given(summary: Summary, councils: list[Council]) -> str:
    """'whose latest inspection (ILACS 2026) gives no overall effectiveness grade'."""
    eras = Counter(summary.in_force[c].era.name for c in councils if c in summary.in_force)
    if len(eras) == 1:
        which = f" ({next(iter(eras))})"
    elif eras:
        ranked = sorted(eras.items(), key=lambda item: (-item[1], item[0]))
        which = " (" + _and([f"{n} {name}" for name, n in ranked]) + ")"
    else:
        which = ""
    return f"whose latest inspection{which} gives no {summary.category.value} grade"


def _left_out_reasons(summary: Summary) -> list[str]:
    """Each reason a council that existed is left out, with how many: '3 with no inspection
    in the data by then', ..."""
    by_reason: dict[LeftOut, list[Council]] = {}
    for council, reason in summary.left_out.items():
        by_reason.setdefault(reason, []).append(council)
    out = []
    for reason in (LeftOut.NOT_INSPECTED, LeftOut.NOT_GIVEN, LeftOut.NOT_JUDGED, LeftOut.UNKNOWN):
        councils = by_reason.get(reason)
        if councils:
            out.append(f"{len(councils)} {_why(summary, reason, councils)}")
    return out


def _why(summary: Summary, reason: LeftOut, councils: list[Council]) -> str:
    if reason is LeftOut.NOT_INSPECTED:
        return "with no inspection in the data by then"
    if reason is LeftOut.NOT_GIVEN:
        return _not_given(summary, councils)
    if reason is LeftOut.NOT_JUDGED:
        return f"whose latest inspection did not grade {summary.category.value}"
    return "whose grade the data does not know"


def _coverage(summary: Summary) -> list[str]:
    """The sentences on who is left out and why, what the figure rests on and which grades
    are on the pre-2013 scale. Unknown is never told as no grade."""
    sentences = []
    left = summary.not_graded + summary.unknown
    if left:
        sentences.append(
            f"{_plural(left, 'council')} {'is' if left == 1 else 'are'} left out: "
            f"{_and(_left_out_reasons(summary))}."
        )
    if summary.total and 2 * summary.total < summary.existing:
        sentences.append(
            f"The figure rests on only {summary.total} of {summary.existing} councils."
        )
    old = len(summary.pre_2013_councils)
    if old:
        sentences.append(
            f"The count includes {_plural(old, 'council')} whose latest grade is on the "
            "pre-2013 scale, where adequate stood in place of requires improvement."
        )
    gone = sum(1 for reason in summary.left_out.values() if reason is LeftOut.NOT_EXISTING)
    if gone and summary.existing:
        sentences.append(
            f"{_plural(gone, 'council')} in the data did not exist then and "
            f"{'is' if gone == 1 else 'are'} not counted."
        )
    return sentences


def _describe_summary(summary: Summary) -> str:
    where = "" if summary.group is None else f" in {_place(summary.group)}"
    return " ".join([_headline(summary, where, counts=True) + ".", *_coverage(summary)])


def _group_share(summary: Summary) -> str:
    """'London (85%)', or 'the North West (40%, resting on only 2 of 23 councils)'."""
    text = f"{_place(summary.group)} ({_percent(summary.share_good_or_better)}"
    if 2 * summary.total < summary.existing:
        text += f", resting on only {summary.total} of {summary.existing} councils"
    return text + ")"


def _describe_groups(groups: GroupedSummary) -> str:
    summaries = list(groups.values())
    if not summaries:
        return "No councils."
    whole = groups.combined
    text = _headline(whole, "", counts=False)
    graded = [s for s in summaries if s.total]
    if len(graded) > 1:
        best = max(graded, key=lambda s: s.share_good_or_better)
        worst = min(graded, key=lambda s: s.share_good_or_better)
        if best.share_good_or_better != worst.share_good_or_better:
            text += f"; highest in {_group_share(best)}, lowest in {_group_share(worst)}"
    return " ".join([text + ".", *_coverage(whole)])


def _describe_transitions(transitions: Transitions) -> str:
    counted = len(transitions.changes)
    category = transitions.category.value
    if transitions.published_by == transitions.as_at:
        when = f"published by {format_date(transitions.as_at)}"
    else:
        when = (
            f"begun by {format_date(transitions.as_at)} and published by "
            f"{format_date(transitions.published_by)}"
        )
    text = (
        f"Of the {_plural(counted, 'council')} with more than one "
        f"{transitions.framework.value} inspection grading {category} {when}, "
        f"{len(transitions.improved)} improved compared with their first, "
        f"{len(transitions.retained_good_or_better)} retained good or outstanding, "
        f"{len(transitions.unchanged_below_good)} stayed below good and "
        f"{len(transitions.declined)} declined"
    )
    if transitions.unknown:
        text += f"; for {len(transitions.unknown)} a grade is not known"
    return text + "."


def _peer_grade(peers: Peers, council: Council, grade: Grade | None) -> str:
    if grade is not None:
        return _grade(grade)
    reason = peers.left_out.get(council)
    if reason is LeftOut.UNKNOWN:
        return "grade not known"
    if reason is LeftOut.NOT_EXISTING:
        return "did not exist then"
    return "not graded"


def _describe_peers(peers: Peers) -> str:
    council = peers.council.name
    category = peers.category.value
    reason = peers.left_out.get(peers.council)
    if peers.grade is not None:
        own = f"was {_grade(peers.grade)} for {category}"
    elif reason is LeftOut.UNKNOWN:
        own = f"had {a(category)} grade in force that the data does not know"
    elif reason is LeftOut.NOT_EXISTING:
        own = "did not exist (a former council, or not yet created)"
    else:
        own = f"had no {category} grade in force"
    text = f"As at {format_date(peers.as_at)}, {council} {own}."
    if peers.neighbours:
        listing = ", ".join(
            f"{c.name} {_peer_grade(peers, c, g)}" for c, g in peers.neighbours.items()
        )
        count, good = len(peers.neighbours), peers.neighbours_good_or_better
        unknown = sum(1 for c in peers.neighbours if peers.left_out.get(c) is LeftOut.UNKNOWN)
        if count == 1:
            verb = "was" if good else "may have been" if unknown else "was not"
            head = f" Its one statistical neighbour {verb}"
        else:
            many = "none" if good == 0 else _number(good)
            verb = "was" if good == 1 else "were"
            known = f" ({_number(unknown)} with a grade the data does not know)" if unknown else ""
            head = f" Of its {_number(count)} statistical neighbours{known}, {many} {verb}"
        text += f"{head} good or outstanding ({listing})."
    for summary in (peers.region, peers.england):
        if summary is not None and summary.total:
            rests = (
                f", resting on only {summary.total} of {summary.existing} councils"
                if 2 * summary.total < summary.existing
                else ""
            )
            where = "England" if summary.group is None else _place(summary.group)
            text += (
                f" In {where}, {_percent(summary.share_good_or_better)} "
                f"of councils were good or outstanding ({summary.good_or_better} of "
                f"{summary.total}{rests})."
            )
    return text


def fieldwork(inspection: Inspection, show: Callable[[_dt.date], str] = format_date) -> str | None:
    """'fieldwork 6 to 30 November 2017' with the dates the data has, each written by
    ``show``; ``None`` when it has none (internal; shared with the command line)."""
    start, end = inspection.start, inspection.end
    if start and end:
        return f"fieldwork {show(start)} to {show(end)}"
    if start:
        return f"fieldwork from {show(start)}"
    if end:
        return f"fieldwork to {show(end)}"
    return None


def _describe_inspection(inspection: Inspection) -> str:
    """'Rotherham's SIF re-inspection, published 29 January 2018 (fieldwork ...), judged
    overall effectiveness good; ...'."""
    head = (
        f"{inspection.council.name}'s {inspection.kind.value}, "
        f"{_published(inspection.published)}"
        + (f" ({when})" if (when := fieldwork(inspection)) else "")
    )
    if not inspection.is_graded:
        return f"{head}, gives no grades."
    if not inspection.grades_known:
        return f"{head}, was graded, but the data does not know its grades."
    judged = [f"{j.category.value} {_grade(j.grade)}" for j in inspection.judgements]
    text = f"{head}, judged " + "; ".join(judged)
    if inspection.unknown:
        text += "; the data does not know its grade for " + _and(
            [c.value for c in inspection.unknown]
        )
    return text + "."


@functools.singledispatch
def describe(x: object) -> str:
    """Plain British English, fit to paste into a briefing, for an
    :class:`~ofstedmodel.Inspection`, a :class:`~ofstedmodel.Change`,
    :class:`~ofstedmodel.Comparison`, :class:`~ofstedmodel.Trajectory`,
    :class:`~ofstedmodel.History`,
    :class:`~ofstedmodel.Summary` (or a :class:`~ofstedmodel.GroupedSummary` from
    ``summarise(..., by=...)``),
    :class:`~ofstedmodel.Transitions` or :class:`~ofstedmodel.Peers`.

    A summary's description says who is left out and why, never telling a grade the data does
    not know as no grade, and says when the figure rests on under half the councils:

    >>> import ofstedmodel as om
    >>> a, b, c, d = (om.Council(name, code) for name, code in
    ...               (("Barnet", "302"), ("Brent", "304"), ("Bexley", "303"), ("Bromley", "305")))
    >>> histories = [
    ...     om.History(a, [om.Inspection(a, "ILACS", "2024-07-23", {"overall": "good"})]),
    ...     om.History(b, [om.Inspection(b, "SIF", "2016-05-10", grades_known=False)]),
    ...     om.History(c, [om.Inspection(c, "ILACS", "2026-07-01", {"leadership": "good"},
    ...                                  start="2026-05-04")]),
    ...     om.History(d, []),
    ... ]
    >>> print(describe(om.summarise(histories, as_at="2026-08-01")))
    As at 1 August 2026, 100% of councils (1 of 1 with a known grade in force) were good or
    outstanding for overall effectiveness: 0 outstanding, 1 good, 0 requires improvement to be
    good, 0 inadequate. 3 councils are left out: 1 with no inspection in the data by then, 1
    whose latest inspection (ILACS 2026) gives no overall effectiveness grade and 1 whose grade
    the data does not know. The figure rests on only 1 of 4 councils.
    """
    raise OfstedModelError(
        f"describe: {shown(x)} is a {type(x).__name__}; it describes a Change, Comparison, "
        "Trajectory, History, Inspection, Summary, GroupedSummary, Transitions or Peers"
    )


describe.register(Summary, _describe_summary)
describe.register(GroupedSummary, _describe_groups)
describe.register(Transitions, _describe_transitions)
describe.register(Peers, _describe_peers)
describe.register(Change, _describe_change)
describe.register(Comparison, _describe_comparison)
describe.register(Trajectory, _describe_trajectory)
describe.register(History, _describe_history)
describe.register(Inspection, _describe_inspection)

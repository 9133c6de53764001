"""Plain English for briefings: :func:`describe`.

>>> from datetime import date
>>> import ofstedmodel as om
>>> la = om.Council("Rotherham", "372")
>>> before = om.Inspection(la, "SIF", date(2014, 11, 19), {"overall": "inadequate"})
>>> after = om.Inspection(la, "SIF", date(2018, 1, 29), {"overall": "good"})
>>> print(om.describe(om.compare(before, after).overall))
Overall effectiveness rose two grades, from inadequate (published 19 November 2014) to good
(published 29 January 2018), 3 years, 2 months and 10 days later.

The wording keeps to rules a test holds every description of the bundled data to: "a" and
"an" by sound, one inspection and two inspections, a single date said once ("published 26
November 2024", "fieldwork 1 to 5 July 2024"), a grade that is not an adjective judged
rather than "is requires improvement to be good", no grade repeated to itself ("stayed good",
not "stayed good (good to good)"), kinds of council named as people say them ("among London
boroughs"), every sentence starting with a capital, not a numeral, and a grade the data does
not know never told as none.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections import Counter
from collections.abc import Callable, Hashable

from dateutil.relativedelta import relativedelta

from ._coerce import a, counted, shown
from .changes import Change, Comparison
from .councils import Council, CouncilKind, OfstedRegion, Region
from .errors import OfstedModelError
from .frameworks import Category
from .grades import Grade
from .history import History
from .inspections import Inspection
from .populations import GroupedSummary, LeftOut, Peers, Summary, Transitions, group_name
from .trajectories import Streak, Trajectory

__all__ = ["describe", "format_date", "format_duration", "format_span"]

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

#: Grades whose name is a verb phrase, not an adjective: a council "was good", but was
#: "judged requires improvement to be good" (Ofsted's own phrase), and "stayed at" it.
_NOT_ADJECTIVES = frozenset({Grade.REQUIRES_IMPROVEMENT})

#: A kind of council as a sentence names its members.
_KIND_NOUNS = {
    CouncilKind.COUNTY: ("county", "counties"),
    CouncilKind.METROPOLITAN_DISTRICT: ("metropolitan district", "metropolitan districts"),
    CouncilKind.LONDON_BOROUGH: ("London borough", "London boroughs"),
    CouncilKind.UNITARY_AUTHORITY: ("unitary authority", "unitary authorities"),
}


def _number(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


_plural = counted  # '1 council', '2 councils' (digits)


def _words(n: int, word: str, plural: str | None = None) -> str:
    """'one council', 'two councils' (words to ten)."""
    return f"{_number(n)} {word}" if n == 1 else f"{_number(n)} {plural or word + 's'}"


def format_date(day: _dt.date) -> str:
    """A date as a briefing writes it.

    >>> format_date(_dt.date(2014, 11, 9))
    '9 November 2014'
    """
    return f"{day.day} {day:%B %Y}"


def format_span(first: _dt.date, last: _dt.date) -> str:
    """Two dates as a briefing writes a span, the month and year said once where shared.

    >>> format_span(_dt.date(2017, 11, 6), _dt.date(2017, 11, 30))
    '6 to 30 November 2017'
    >>> format_span(_dt.date(2017, 10, 30), _dt.date(2017, 11, 3))
    '30 October to 3 November 2017'
    >>> format_span(_dt.date(2017, 12, 30), _dt.date(2018, 1, 3))
    '30 December 2017 to 3 January 2018'
    >>> format_span(_dt.date(2017, 12, 30), _dt.date(2017, 12, 30))
    '30 December 2017'
    """
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {format_date(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {format_date(last)}"
    return f"{format_date(first)} to {format_date(last)}"


def _from_to(first: _dt.date, last: _dt.date) -> str:
    """'from 6 to 30 November 2017', or '30 November 2017' for one day."""
    return format_date(first) if first == last else f"from {format_span(first, last)}"


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
    """A grade as a noun: 'good', 'requires improvement to be good', 'an unknown grade'."""
    return "an unknown grade" if grade is None else grade.label.lower()


def _predicate(grade: Grade) -> str:
    """A grade after 'was' or 'has been': 'good', 'judged requires improvement to be good'."""
    return f"judged {_grade(grade)}" if grade in _NOT_ADJECTIVES else _grade(grade)


def _stayed(grade: Grade) -> str:
    """'stayed good', 'stayed at requires improvement to be good'."""
    return f"stayed at {_grade(grade)}" if grade in _NOT_ADJECTIVES else f"stayed {_grade(grade)}"


def _judgements(n: int, grade: Grade) -> str:
    """'two inadequate judgements', 'two judgements of requires improvement to be good'."""
    if grade in _NOT_ADJECTIVES:
        return f"{_words(n, 'judgement')} of {_grade(grade)}"
    return f"{_number(n)} {_grade(grade)} judgement{'' if n == 1 else 's'}"


def _one_judgement(grade: Grade) -> str:
    """'a good judgement', 'an inadequate judgement', 'a judgement of requires improvement to
    be good'."""
    if grade in _NOT_ADJECTIVES:
        return f"a judgement of {_grade(grade)}"
    return a(f"{_grade(grade)} judgement")


def _published(day: _dt.date) -> str:
    return f"published {format_date(day)}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with semicolons when an item has a comma of its own."""
    if len(items) < 2:
        return "".join(items)
    joiner = "; " if any(", " in item for item in items) else ", "
    return joiner.join(items[:-1]) + " and " + items[-1]


def _names(councils: list[Council]) -> str:
    """Councils' names listed: 'Barnsley, Doncaster and Wakefield'; with semicolons when a
    name has a comma or an 'and' of its own, so that each name reads as one: 'Tameside;
    Telford and Wrekin; and Sunderland'."""
    names = [c.name for c in councils]
    if len(names) < 2:
        return "".join(names)
    if any(", " in n or " and " in n for n in names):
        return "; ".join(names[:-1]) + "; and " + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _movement(change: Change) -> str:
    """'rose two grades', 'fell one grade', 'stayed good', ..."""
    steps = change.steps
    if steps is None:
        return "cannot be compared"
    if steps > 0:
        return f"rose {_words(steps, 'grade')}"
    if steps < 0:
        return f"fell {_words(-steps, 'grade')}"
    if change.before is change.after and change.after is not None:
        return _stayed(change.after)
    return "stayed at the same position on the scale"


def _separately(inspection: Inspection, category: Category) -> str:
    """' separately' where ``inspection``'s era judged ``category`` inside another judgement,
    else nothing."""
    return " separately" if inspection.era.judged_within(category) else ""


def _missing(change: Change, before: bool) -> str | None:
    """Why a side has no grade: 'not graded separately by SLAC', 'not judged' or 'an
    unknown grade'; ``None`` when the side has a grade."""
    inspection = change.before_inspection if before else change.after_inspection
    if (change.before if before else change.after) is not None:
        return None
    if change.category not in inspection.era.labels:
        return f"not graded{_separately(inspection, change.category)} by {inspection.era.name}"
    if inspection._knows(change.category):
        return "not judged"
    return "an unknown grade"


def _why_not(change: Change, before: bool, which: str) -> str:
    """One side of a change that cannot be compared, as a clause: 'the inspection published
    ... did not judge it', 'the data does not know the grade the one published ... gave'."""
    inspection = change.before_inspection if before else change.after_inspection
    grade = change.before if before else change.after
    subject = f"{which} {_published(inspection.published)}"
    if grade is not None:
        return f"{subject} judged it {_grade(grade)}"
    if change.category not in inspection.era.labels:
        how = _separately(inspection, change.category)
        return f"{subject} ({inspection.era.name}) did not grade it{how}"
    if inspection._knows(change.category):
        return f"{subject} did not judge it"
    return f"the data does not know the grade {subject} gave"


def _side(change: Change, before: bool) -> str:
    """A side's grade as a noun, or why it has none."""
    missing = _missing(change, before)
    return missing if missing is not None else _grade(change.before if before else change.after)


def _describe_change(change: Change, *, capital: bool = True) -> str:
    category = change.category.value
    name = _capitalise(category) if capital else category
    before, after = change.before_inspection, change.after_inspection
    later = (
        f", {format_duration(change.elapsed)} later" if before.published != after.published else ""
    )
    if change.steps is None and all(
        _missing(change, side) == "an unknown grade" for side in (True, False)
    ):
        text = (
            f"{name} cannot be compared, as the data does not know the grade given by either "
            f"the inspection {_published(before.published)} or the one "
            f"{_published(after.published)}."
        )
    elif change.steps is None:
        text = (
            f"{name} cannot be compared, as {_why_not(change, True, 'the inspection')} and "
            f"{_why_not(change, False, 'the one')}."
        )
    elif change.steps == 0 and change.before is change.after:
        text = (
            f"{name} {_movement(change)} from the inspection {_published(before.published)} "
            f"to the one {_published(after.published)}{later}."
        )
    else:
        text = (
            f"{name} {_movement(change)}, from {_side(change, True)} "
            f"({_published(before.published)}) to {_side(change, False)} "
            f"({_published(after.published)}){later}."
        )
    if change.steps == 0 and change.before is not change.after:
        text += (
            " Adequate and requires improvement to be good share a position, but Ofsted "
            "replaced adequate in November 2013 because it was not good enough."
        )
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
    before, after = comparison.before.published, comparison.after.published
    when = (
        f"both published {format_date(before)}"
        if before == after
        else f"published {format_date(before)} and {format_date(after)}"
    )
    return f"neither inspection graded overall effectiveness ({when})."


def _short_change(change: Change) -> str:
    newly = change.category not in change.before_inspection.era.labels
    if newly and change.after is not None:
        return (
            f"{change.category.value} was not graded"
            f"{_separately(change.before_inspection, change.category)} before and is now "
            f"{_predicate(change.after)}"
        )
    text = f"{change.category.value} {_movement(change)}"
    stayed = change.steps == 0 and change.before is change.after
    notes = [] if stayed else [f"{_side(change, True)} to {_side(change, False)}"]
    if change.definition_changed:
        notes.append("the judgement's definition changed between frameworks")
    if (
        change.before is None
        and change.after is None
        and _side(change, True) == _side(change, False)
    ):
        notes[:1] = [f"{_side(change, True)} on both sides"]
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _standing(inspection: Inspection) -> str:
    """'The inspection published ... judged it good or better in five of its six judgements,
    and requires improvement to be good for children in care.'"""
    judgements = inspection.judgements
    when = f"The inspection {_published(inspection.published)}"
    if not judgements:
        return f"The grades of the inspection {_published(inspection.published)} are not known."
    below = [
        f"{_grade(j.grade)} for {j.category.value}"
        for j in judgements
        if not j.grade.is_good_or_better
    ]
    count = len(judgements)
    good = count - len(below)
    every = "both" if count == 2 else f"all {_number(count)}"
    if count == 1:
        (only,) = judgements
        text = f"{when} made one judgement: {_grade(only.grade)} for {only.category.value}"
    elif not below:
        text = f"{when} judged it good or better in {every} judgements"
    elif not good:
        text = f"{when} judged it below good in {every} judgements: {_and(below)}"
    else:
        rest = "the other" if len(below) == 1 else f"the other {_number(len(below))}"
        text = (
            f"{when} judged it good or better in {_number(good)} of its "
            f"{_words(count, 'judgement')}, and below good in {rest}: {_and(below)}"
        )
    unknown = inspection.unknown
    if unknown:
        text += (
            f". The data does not know its {'grade' if len(unknown) == 1 else 'grades'} for "
            + _and([c.value for c in unknown])
        )
    return text + "."


def _describe_trajectory(trajectory: Trajectory) -> str:
    category = trajectory.category.value
    points = trajectory.points
    if not points:
        return f"No graded inspection has judged {category}."
    if len(points) == 1:
        (point,) = points
        return (
            f"{_capitalise(category)}, 1 graded inspection, "
            f"{_published(point.published)}: {_grade(point.grade)}."
        )
    head = (
        f"{_capitalise(category)}, {_plural(len(points), 'graded inspection')} published "
        f"{_from_to(points[0].published, points[-1].published)}"
    )
    return _over_time(trajectory, head)


def _over_time(trajectory: Trajectory, head: str, *, said: bool = False) -> str:
    """A trajectory of two points or more: ``head``, each grade with its date, the latest
    and any change of definition (``said``: the latest grade has been given already)."""
    listing = ", ".join(f"{_grade(p.grade)} ({format_date(p.published)})" for p in trajectory)
    sentences = [f"{head}: {listing}."]
    if trajectory.points[-1].grade is not None:
        latest = _latest_sentence(trajectory, said=said)
        if latest is not None:
            sentences.append(latest)
    if any(c.definition_changed for c in trajectory.changes):
        sentences.append("The judgement's definition changed between frameworks along the way.")
    return " ".join(sentences)


def _latest_sentence(trajectory: Trajectory, *, said: bool = False) -> str | None:
    """The latest grade, the run it ends and any first good grade (two points or more);
    ``said`` when the sentence before has given the latest grade and its date already (then
    ``None`` when there is nothing more to say)."""
    points = trajectory.points
    latest = points[-1]
    assert latest.grade is not None
    streaks = trajectory.streaks()
    current = streaks[-1]
    text = None
    if current.length > 1:
        text = (
            f"It has been {_predicate(latest.grade)} at {_number(current.length)} inspections "
            f"in a row, since {format_date(current.first)}"
        )
    else:
        if not said:
            when = _published(latest.published)
            text = f"The latest of these, {when}, was {_predicate(latest.grade)}"
        previous = points[-2]
        if previous.grade is not None:
            before_streak = streaks[-2] if len(streaks) > 1 else None
            run = (
                f" after {_judgements(before_streak.length, before_streak.grade)} in a row"
                if before_streak is not None
                and before_streak.last == previous.published
                and before_streak.length > 1
                else f" after {_one_judgement(previous.grade)}"
            )
            moved = f"{_movement(trajectory.changes[-1])}{run}"
            text = f"It {moved}" if text is None else f"{text}: it {moved}"
    first = _first_good(trajectory, current) if latest.grade.is_good_or_better else None
    if first is not None:
        text = f"It was {first}" if text is None else f"{text}; {first}"
    return None if text is None else text + "."


def _first_good(trajectory: Trajectory, run: Streak) -> str | None:
    """'its first good or better grade in the records, which start ...' or 'good or better
    for the first time since ...', for the good or better ``run`` that ends the trajectory."""
    points = trajectory.points
    since = run.first
    earlier = trajectory._last(Grade.GOOD, since)
    first_good = trajectory._first(Grade.GOOD, None, None)
    if first_good is not None and first_good.published == since:
        return (
            "its first good or better grade in the records, which start "
            f"{format_date(points[0].published)}"
        )
    # Only after a spell below good: good just before an outstanding run is no return.
    if (
        earlier is not None
        and earlier.published < since
        and points.index(earlier) < points.index(run.points[0]) - 1
    ):
        return f"good or better for the first time since {format_date(earlier.published)}"
    return None


def _describe_history(history: History) -> str:
    council = history.council
    inspections = history.inspections
    head = f"{council.name} ({council.la_code})"
    if not inspections:
        return f"{head}: no inspections or visits recorded."
    graded = history.graded
    ungraded = Counter(i.kind for i in inspections if not i.kind.is_graded)
    listing = [_plural(len(graded), "graded inspection")] if graded else []
    listing += [_plural(n, kind.value) for kind, n in ungraded.items()]
    sentences = [
        f"{head}: {_and(listing)}, published "
        f"{_from_to(inspections[0].published, inspections[-1].published)}."
    ]
    unknown = sum(1 for i in graded if not i.grades_known)
    latest = history.latest
    latest_unknown = latest is not None and not latest.grades_known
    if unknown > latest_unknown:
        which = (
            f"{_number(unknown)} of the {_number(len(graded))}"
            if unknown < len(graded)
            else "either of the two"
            if unknown == 2
            else f"any of the {_number(unknown)}"
        )
        sentences.append(f"The data does not know the grades of {which} graded inspections.")
    if latest is not None:
        sentences.append(
            f"The data does not know the grades of the latest graded inspection, "
            f"{_published(latest.published)}."
            if latest_unknown
            else _latest_overall(latest)
        )
    trajectory = history.trajectory(Category.OVERALL_EFFECTIVENESS)
    if len(trajectory.points) > 1:
        said = trajectory.points[-1].inspection is latest
        sentences.append(_over_time(trajectory, "Overall effectiveness over time", said=said))
    return " ".join(sentences)


def _latest_overall(latest: Inspection) -> str:
    """What the latest graded inspection said of overall effectiveness."""
    when = f"The latest graded inspection, {_published(latest.published)}"
    overall = latest.overall
    if overall is not None:
        return f"{when}, judged overall effectiveness {_grade(overall)}."
    if Category.OVERALL_EFFECTIVENESS in latest.era.labels and not latest._knows(
        Category.OVERALL_EFFECTIVENESS
    ):
        given = "gave an overall effectiveness grade that the data does not know"
    else:
        given = "gave no overall effectiveness grade"
    others = "; ".join(f"{j.category.value} {_grade(j.grade)}" for j in latest.judgements)
    return f"{when}, {given}" + (f": {others}." if others else ".")


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _place(group: object) -> str:
    """A region as a place in a sentence: "the North West", "London", "the North East,
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


def _members(group: Hashable) -> tuple[str, str]:
    """The councils of a group as a sentence names one and several: ("council", "councils"),
    ("council in London", "councils in London"), ("London borough", "London boroughs")."""
    if group is None:
        return "council", "councils"
    if isinstance(group, CouncilKind):
        return _KIND_NOUNS[group]
    where = f" in {_place(group)}"
    return "council" + where, "councils" + where


def _within(group: Hashable) -> str:
    """Where a group's figure is: 'in the North West', 'among London boroughs'."""
    if isinstance(group, CouncilKind):
        return f"among {_KIND_NOUNS[group][1]}"
    return f"in {_place(group)}"


def _when(summary: Summary) -> str:
    text = f"As at {format_date(summary.as_at)}"
    if summary.published_by != summary.as_at:
        text += f", counting reports published by {format_date(summary.published_by)}"
    return text


def _headline(summary: Summary, *, counts: bool) -> str:
    """The first sentence, without its full stop."""
    when = _when(summary)
    one, several = _members(summary.group)
    category = summary.category.value
    if not summary.total:
        if not summary.existing:
            if summary.left_out:
                return f"{when}, no {one} in the data existed"
            return f"{when}, there were no {several} to count"
        known = " that the data knows" if summary.unknown else ""
        return f"{when}, no {one} had {a(category)} grade in force{known}"
    graded = "with a known grade in force" if summary.unknown else "with a grade in force"
    text = (
        f"{when}, {_percent(summary.share_good_or_better)} of {several} "
        f"({summary.good_or_better} of {summary.total} {graded}) were good or outstanding for "
        f"{category}"
    )
    if counts:
        text += ": " + ", ".join(
            f"{n} {_grade(g)}" for g, n in summary.counts.items() if n or g is not Grade.ADEQUATE
        )
    return text


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


def _left_out_reasons(summary: Summary) -> list[tuple[int, str]]:
    """How many councils that existed are left out for each reason, and the reason: (3, 'with
    no inspection in the data by then'), ..."""
    by_reason: dict[LeftOut, list[Council]] = {}
    for council, reason in summary.left_out.items():
        by_reason.setdefault(reason, []).append(council)
    out = []
    for reason in (LeftOut.NOT_INSPECTED, LeftOut.NOT_GIVEN, LeftOut.NOT_JUDGED, LeftOut.UNKNOWN):
        councils = by_reason.get(reason)
        if councils:
            out.append((len(councils), _why(summary, reason, councils)))
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
        reasons = _left_out_reasons(summary)
        if len(reasons) == 1:
            why = f" {reasons[0][1]}"
        else:
            why = ": " + _and([f"{n} {reason}" for n, reason in reasons])
        sentences.append(f"The count leaves out {_plural(left, 'council')}{why}.")
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
            f"The data also holds {_plural(gone, 'council')} that did not exist then, "
            f"{'which is' if gone == 1 else 'which are'} not counted."
        )
    return sentences


def _describe_summary(summary: Summary) -> str:
    return " ".join([_headline(summary, counts=True) + ".", *_coverage(summary)])


def _group_share(summary: Summary) -> str:
    """'in London (85%)', or 'in the North West (40%, resting on only 2 of 23 councils)'."""
    text = f"{_within(summary.group)} ({_percent(summary.share_good_or_better)}"
    if 2 * summary.total < summary.existing:
        text += f", resting on only {summary.total} of {summary.existing} councils"
    return text + ")"


def _describe_groups(groups: GroupedSummary) -> str:
    summaries = list(groups.values())
    if not summaries:
        return "No councils."
    whole = groups.combined
    text = _headline(whole, counts=False)
    graded = [s for s in summaries if s.total]
    if len(graded) > 1:
        best = max(graded, key=lambda s: s.share_good_or_better)
        worst = min(graded, key=lambda s: s.share_good_or_better)
        if best.share_good_or_better != worst.share_good_or_better:
            text += f"; highest {_group_share(best)}, lowest {_group_share(worst)}"
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
    which = f"more than one {transitions.framework.value} inspection grading {category} {when}"
    if not counted:
        return f"No council had {which}."
    text = (
        f"Of the {_plural(counted, 'council')} with {which}, "
        f"{len(transitions.improved)} improved compared with their first, "
        f"{len(transitions.retained_good_or_better)} retained good or outstanding, "
        f"{len(transitions.unchanged_below_good)} stayed below good and "
        f"{len(transitions.declined)} declined"
    )
    if transitions.unknown:
        text += f"; for {len(transitions.unknown)} a grade is not known"
    return text + "."


def _standing_of(peers: Peers, council: Council) -> tuple[int, str]:
    """A neighbour's standing: a sort key (best first) and a verb phrase in which '{be}'
    stands for 'was' or 'were': '{be} good', '{be} judged requires improvement to be good',
    'had a grade the data does not know'."""
    grade = peers.neighbours[council]
    if grade is not None:
        return grade.code, "{be} " + _predicate(grade)
    reason = peers.left_out.get(council)
    if reason is LeftOut.UNKNOWN:
        return 10, "had a grade the data does not know"
    if reason is LeftOut.NOT_EXISTING:
        return 12, "did not exist then"
    return 11, f"had no {peers.category.value} grade in force"


def _by_standing(peers: Peers, councils: list[Council]) -> list[tuple[str, list[Council]]]:
    """Councils grouped by standing, best first, each group in the DfE's order."""
    groups: dict[tuple[int, str], list[Council]] = {}
    for council in councils:
        groups.setdefault(_standing_of(peers, council), []).append(council)
    return [(phrase, members) for (_, phrase), members in sorted(groups.items())]


def _clause(
    phrase: str, members: list[Council], count: str | None = None, be: str | None = None
) -> str:
    """'two were good (A and B)'; ``count`` in place of the number ('all ten', 'the other
    four'), ``be`` in place of 'was' or 'were' ('' to leave the verb out: 'two good (...)')."""
    verb = ("was" if len(members) == 1 else "were") if be is None else be
    said = phrase.format(be=verb).strip()
    return f"{count or _number(len(members))} {said} ({_names(members)})"


def _describe_neighbours(peers: Peers) -> str:
    """' Of its ten statistical neighbours, eight were good or outstanding: two outstanding
    (A and B) and six good (...). The other two were inadequate (C and D).' Where the data
    does not know a neighbour's grade, the good are those 'known to be' good."""
    neighbours = list(peers.neighbours)
    good = [c for c, g in peers.neighbours.items() if g is not None and g.is_good_or_better]
    others = [c for c in neighbours if c not in good]
    if len(neighbours) == 1:
        phrase = _standing_of(peers, neighbours[0])[1].format(be="was")
        return f" Its one statistical neighbour, {neighbours[0].name}, {phrase}."
    unknown = any(peers.left_out.get(c) is LeftOut.UNKNOWN for c in others)
    known = " known to be" if unknown else ""
    text = f" Of its {_number(len(neighbours))} statistical neighbours, "
    if not good:
        standings = _by_standing(peers, others)
        every = "both" if len(others) == 2 else f"all {_number(len(others))}"
        listing = (
            _clause(*standings[0], every)
            if len(standings) == 1
            else _and([_clause(*s) for s in standings])
        )
        return f"{text}none were{known} good or outstanding: {listing}."
    verb = ("was" if len(good) == 1 else "were") + known
    standings = _by_standing(peers, good)
    if len(standings) == 1:
        text += _clause(*standings[0], be=verb) + "."
    else:
        text += (
            f"{_number(len(good))} {verb} good or outstanding: "
            + _and([_clause(p, m, be="") for p, m in standings])
            + "."
        )
    if len(others) == 1:
        phrase = _standing_of(peers, others[0])[1].format(be="was")
        text += f" The other, {others[0].name}, {phrase}."
    elif others:
        standings = _by_standing(peers, others)
        if len(standings) == 1:
            text += " " + _clause(*standings[0], f"The other {_number(len(others))}") + "."
        else:
            clauses = _and([_clause(*s) for s in standings])
            text += f" Of the other {_number(len(others))}, {clauses}."
    return text


def _describe_peers(peers: Peers) -> str:
    council = peers.council.name
    category = peers.category.value
    reason = peers.left_out.get(peers.council)
    if peers.grade is not None:
        own = f"was {_predicate(peers.grade)} for {category}"
    elif reason is LeftOut.UNKNOWN:
        own = f"had {a(category)} grade in force that the data does not know"
    elif reason is LeftOut.NOT_EXISTING:
        own = "did not exist (a former council, or not yet created)"
    else:
        own = f"had no {category} grade in force"
    text = f"As at {format_date(peers.as_at)}, {council} {own}."
    if peers.neighbours:
        text += _describe_neighbours(peers)
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
    ``show`` (the month and year said once where :func:`format_date` writes them, and one
    day said once); ``None`` when it has none (internal; shared with the command line)."""
    start, end = inspection.start, inspection.end
    if start and end:
        if start == end:
            return f"fieldwork {show(start)}"
        if show is format_date:
            return f"fieldwork {format_span(start, end)}"
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
    unknown = inspection.unknown
    if unknown:
        text += (
            f"; the data does not know its {'grade' if len(unknown) == 1 else 'grades'} for "
            + _and([c.value for c in unknown])
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
    good, 0 inadequate. The count leaves out 3 councils: 1 with no inspection in the data by
    then, 1 whose latest inspection (ILACS 2026) gives no overall effectiveness grade and 1
    whose grade the data does not know. The figure rests on only 1 of 4 councils.

    Anything else is refused, with the type it was:

    >>> describe(3)
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.OfstedModelError: describe: 3 is an int; it describes a Change, ...
    """
    kind = type(x).__name__
    raise OfstedModelError(
        f"describe: {shown(x)} is {a(kind)}; it describes a Change, Comparison, "
        "Trajectory, History, Inspection, Summary, GroupedSummary, Transitions or Peers",
        field="x",
        rule="not a type describe knows",
        brief=f"{shown(x)} is {a(kind)}",
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

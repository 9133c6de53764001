"""What is due next, in words: the paragraph :func:`~ofstedmodel.narrative.describe` gives for
a :class:`~ofstedmodel.due.NextInspection` (registered by :mod:`ofstedmodel.due`), and the
small phrases its lines share.

    >>> import ofstedmodel as om
    >>> from ofstedmodel.due import next_inspection
    >>> due = next_inspection(om.datasets.history("Bradford"), as_at="2024-01-01")
    >>> print(om.describe(due).split(". ")[0])
    As at 1 January 2024, Bradford's latest graded inspection was an ILACS standard inspection
    (fieldwork from 21 November 2022, published 31 January 2023), judging overall effectiveness
    inadequate
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from ._coerce import a
from .errors import OfstedModelError
from .frameworks import InspectionKind
from .grades import Grade
from .narrative import _plural, format_date, format_duration
from .precedent import MIN_PAIRS, POOLS, Position
from .windows import NoWindow

if TYPE_CHECKING:  # annotations only: ofstedmodel.due imports this module
    from .due import NextInspection

__all__: list[str] = []


def percent(share: float) -> str:
    """A share as a whole percentage: 0.8 is '80%' (internal)."""
    return f"{round(share * 100)}%"


def _judged(grade: Grade | None) -> str:
    if grade is None:
        return "with no overall effectiveness grade"
    return f"judging overall effectiveness {grade.label.lower()}"


def _alike(position: Position, matched: tuple[str, ...]) -> str:
    """What the earlier inspections in a pool share with the council's last: 'ILACS short
    inspections under ILACS 2018 judging overall effectiveness good', ..."""
    judged = _judged(position.grade)
    if matched == ("grade",):
        return f"graded inspections of any framework {judged}"
    if "kind" not in matched:
        return f"{position.framework.value} inspections of any kind {judged}"
    kind = f"{position.kind.value}s".replace("inspection (", "inspections (").replace(")s", ")")
    if "era" in matched:
        return f"{kind} under {position.era} {judged}"
    return f"{kind} {judged}"


def _kinds_words(kinds: Mapping[InspectionKind, int]) -> str:
    """'an ILACS short inspection after 19 and an ILACS standard inspection after 1'."""
    ranked = sorted(kinds.items(), key=lambda item: (-item[1], item[0].name))
    parts = [f"{a(kind.value)} after {n}" for kind, n in ranked]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def describe_next(due: NextInspection) -> str:
    """The paragraph for ``due``: its latest inspection, the rule's window and precedent's."""
    name, when = due.council.name, format_date(due.as_at)
    last, rule = due.last, due.rule
    if last is None:
        if rule.no_window is NoWindow.ABOLISHED:
            abolished = due.council.abolished
            assert abolished is not None
            return (
                f"{name} was abolished on {format_date(abolished)}; as at {when} it has no next "
                "inspection."
            )
        return (
            f"As at {when}, {name} had no graded inspection published, so neither Ofsted's rule "
            "nor precedent says when its next is due."
        )
    fieldwork = f"fieldwork from {format_date(last.start)}, " if last.start else ""
    head = (
        f"As at {when}, {name}'s latest graded inspection was {a(last.kind.value)} "
        f"({fieldwork}published {format_date(last.published)})"
    )
    if rule.no_window is NoWindow.GRADE_UNKNOWN:
        return (
            f"{head}; the data does not know its overall effectiveness grade, so neither "
            "Ofsted's rule nor precedent says when the next is due."
        )
    sentences = [f"{head}, {_judged(last.overall)}.", _rule_words(due), _precedent_words(due)]
    if due.overdue:
        sentences.append(
            f"Both windows ended before {when}, with no report of a next inspection published in "
            "the data."
        )
    return " ".join(sentences)


def _era_now(due: NextInspection) -> str | None:
    """The name of the era of the last inspection's framework in force on the as-at date."""
    if due.last is None:
        return None
    try:
        return due.last.framework.era_on(due.as_at).name
    except OfstedModelError:
        return None


def _rule_words(due: NextInspection) -> str:
    rule = due.rule
    cycle = rule.cycle
    if cycle is None:
        era = "its era" if due.position is None else due.position.era
        return f"The library's table of Ofsted's rules holds none for what follows {era}."
    source = cycle.sources[0]
    text = f"Ofsted's rule: {cycle.rule} (source: {source.publisher}, \u201c{source.title}\u201d)"
    if rule.window is not None:
        text += (
            f"; here fieldwork starting between {format_date(rule.window.earliest)} and "
            f"{format_date(rule.window.latest)}."
        )
        if rule.next_era is not None:
            if _era_now(due) == rule.next_era:
                text += f" {rule.next_era} is now in force, and its rule may differ."
            else:
                text += f" By then {rule.next_era} will be in force, and the rule may have changed."
        return text
    if rule.no_window is NoWindow.FIELDWORK_UNKNOWN:
        return (
            text + "; the data does not know when the last inspection's fieldwork started, the "
            "day the rule counts from."
        )
    return text + "."


def _precedent_words(due: NextInspection) -> str:
    precedent, position, last = due.precedent, due.position, due.last
    assert position is not None
    assert last is not None
    by = format_date(due.as_at)
    if precedent.no_window is NoWindow.TOO_FEW_PAIRS:
        alike = _alike(position, POOLS[0])
        found = (
            "no earlier inspection like it"
            if precedent.pairs == 0
            else f"only {_plural(precedent.pairs, 'earlier inspection')} like it"
        )
        return (
            f"Precedent gives no window: {found} ({alike}) "
            f"{'was' if precedent.pairs < 2 else 'were'} followed by another published by "
            f"{by}; a window needs {MIN_PAIRS}."
        )
    head = (
        f"Of the {precedent.pairs} earlier inspections like it "
        f"({_alike(position, precedent.matched)}) followed by another published by {by}"
    )
    kinds = f" The next was {_kinds_words(precedent.next_kinds)}."
    window, median, start = precedent.window, precedent.median, last.start
    if window is None or median is None or start is None:
        return (
            f"{head}, none can be counted from here: the data does not know when this "
            f"inspection's fieldwork started.{kinds}"
        )
    return (
        f"{head}, the middle {percent(due.coverage)} were followed "
        f"{format_duration(relativedelta(window.earliest, start))} to "
        f"{format_duration(relativedelta(window.latest, start))} later, from fieldwork start to "
        f"fieldwork start: here between {format_date(window.earliest)} and "
        f"{format_date(window.latest)} (median {format_date(median)}).{kinds}"
    )

"""``ofstedmodel compare COUNCIL [SUCCESSOR] [--from DATE] [--to DATE]``: the inspections of
a council in force on two dates, or a former council's last with a successor's."""

from __future__ import annotations

import argparse

from ..changes import Comparison, compare_succession
from ..councils import Council
from ..frameworks import Category
from ..grades import Grade
from ..inspections import Inspection
from ..narrative import describe, format_date
from .data import Data
from .program import Answer, Usage
from .succession import across, names, outside
from .tables import layout
from .wire import change_json, council_json, inspection_json

__all__ = ["compare"]


def compare(args: argparse.Namespace, data: Data) -> Answer:
    """Each judgement on both sides, the grade steps between, and the plain-English account;
    across a reorganisation, first the sentence that says whose grades are whose."""
    history = data.history(args.council)
    council = history.council
    successor = None if args.successor is None else data.history(args.successor)
    note = None
    if successor is None or successor.council == council:
        for day in (args.from_date, args.to_date):
            why = None if day is None else outside(data, council, day)
            if why is not None:
                raise Usage(why)
        first_of_successor = council.predecessors and len(history.graded) < 2
        if first_of_successor and (args.from_date, args.to_date) == (None, None):
            name = names(data, council.predecessors)[0]
            has = "one graded inspection" if history.graded else "no graded inspection"
            raise Usage(
                f"{council.name} has {has}, and a comparison needs two. To compare its "
                "predecessor's last inspection with its own: "
                f"{data.command('compare', name, council.name)}"
            )
        comparison: Comparison = history.compare(args.from_date, args.to_date)
    else:
        _check_succession(data, council, successor.council)
        comparison = compare_succession(history, successor, args.from_date, args.to_date)
        note = across(data, comparison, args.from_date, args.to_date)
    if args.json:
        return "", {
            "council": council_json(council),
            "successor": None if note is None else council_json(comparison.after.council),
            "same_council": comparison.same_council,
            "before": inspection_json(comparison.before),
            "after": inspection_json(comparison.after),
            "elapsed": {
                "years": comparison.elapsed.years,
                "months": comparison.elapsed.months,
                "days": comparison.elapsed.days,
            },
            "direction": comparison.direction.name,
            "changes": [change_json(c) for c in comparison.changes.values()],
            "description": describe(comparison),
            "note": note,
        }

    def heading(inspection: Inspection) -> str:
        published = format_date(inspection.published)
        return published if note is None else f"{inspection.council.name}, {published}"

    rows = []
    for change in comparison.changes.values():
        steps = "?" if change.steps is None else f"{change.steps:+d}"
        mark = " *" if change.definition_changed else ""
        before = _side(change.before_inspection, change.category, change.before)
        after = _side(change.after_inspection, change.category, change.after)
        rows.append([change.category.value, before, after, steps + mark])
    header = ["judgement", heading(comparison.before), heading(comparison.after), "steps"]
    lines = ([note, ""] if note else []) + [layout(header, rows)]
    if any(c.definition_changed for c in comparison.changes.values()):
        lines.append("* the judgement's definition changed between frameworks")
    return "\n".join([*lines, "", describe(comparison)]), None


def _side(inspection: Inspection, category: Category, grade: Grade | None) -> str:
    """One side of a comparison: the grade, or why there is none."""
    if grade is not None:
        return grade.label
    if category not in inspection.era.labels:
        return "not graded separately" if inspection.era.judged_within(category) else "not graded"
    return "not judged" if inspection.knows(category) else "not known in the data"


def _check_succession(data: Data, former: Council, later: Council) -> None:
    """Refuse, with the command to run instead, two councils not given as a former council and
    one that replaced it."""
    if later.is_predecessor_of(former):
        raise Usage(
            f"{later.name} came before {former.name}: {former.name} replaced it. Give the former "
            f"council first: {data.command('compare', later.name, former.name)}"
        )
    if not former.is_predecessor_of(later):
        raise Usage(
            f"{former.name} and {later.name} are different councils and neither replaced the "
            "other, so their inspections are not one line of succession; to see a council "
            f"beside its statistical neighbours: {data.command('peers', former.name)}"
        )

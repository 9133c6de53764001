"""``ofstedmodel history COUNCIL``: every inspection of a council, with its grades, what is
due next, and where a former council's or a successor's other histories are."""

from __future__ import annotations

import argparse
import datetime as _dt

from ..due import NoWindow, next_inspection
from ..narrative import describe, fieldwork
from .data import Data
from .program import Answer
from .succession import succession_json, succession_text
from .wire import council_json, inspection_json

__all__ = ["history"]


def history(args: argparse.Namespace, data: Data) -> Answer:
    """The council's inspections, oldest first, each with its grades; the plain-English
    account; and its next inspection as at the data's last date, by the framework's rule and
    by precedent (none for a former council)."""
    found = data.history(args.council)
    council = found.council
    due = next_inspection(found, as_at=data.as_of, histories=data.histories)
    if args.json:
        return "", {
            "council": council_json(council),
            "succession": succession_json(data, council),
            "inspections": [inspection_json(i) for i in found.inspections],
            "next_inspection": due.to_json(),
            "description": describe(found),
        }
    lines = [f"{council.name} ({council.la_code})", ""]
    for inspection in found.inspections:
        lines.append(
            f"{inspection.published.isoformat()}  {inspection.era.name}, {inspection.kind.value} "
            f"({fieldwork(inspection, _dt.date.isoformat) or 'fieldwork dates not known'})"
        )
        if not inspection.is_graded:
            lines.append("    no grades (ungraded visit)")
        elif not inspection.grades_known:
            lines.append("    grades not known in the data")
        for judgement in inspection.judgements:
            lines.append(f"    {judgement.grade.label:<32} {inspection.label(judgement.category)}")
        for category in inspection.unknown:
            lines.append(f"    {'(not known in the data)':<32} {inspection.label(category)}")
    # A former council has no next inspection: say so, with the result's reason.
    reason = due.rule.no_window
    ahead = [f"Next inspection: none ({reason.value})"] if reason is NoWindow.ABOLISHED else []
    lines += ["", describe(found), "", *(ahead or due.lines())]
    succession = succession_text(data, council)
    if succession:
        lines += ["", *succession]
    return "\n".join(lines), None

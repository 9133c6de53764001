"""The ``--json`` output: the versioned envelope and the shapes the commands share.

Each shape is written once, here or beside the thing it shows (a summary by
:func:`ofstedmodel.digests.summary_wire`, a standing or a turnaround by its ``to_json``), so
that the same thing has the same keys in every command (see :mod:`ofstedmodel.cli`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: this module is loaded before any command's
    from ..changes import Change
    from ..councils import Council
    from ..inspections import Inspection

__all__ = [
    "JSON_SCHEMA",
    "JSON_VERSION",
    "change_json",
    "council_json",
    "document",
    "inspection_json",
]

#: The schema and version of the ``--json`` output (see :mod:`ofstedmodel.cli`).
JSON_SCHEMA, JSON_VERSION = "ofstedmodel-cli", 1


def document(command: str, fields: Mapping[str, Any], data: Mapping[str, Any]) -> tuple[str, str]:
    """The envelope around a command's ``fields`` and the ``data`` it ran on, as JSON text:
    with the characters as they are, and with non-ASCII escaped (the same JSON, for a terminal
    that cannot show them)."""
    import json  # only for --json

    whole = {
        "schema": JSON_SCHEMA,
        "version": JSON_VERSION,
        "command": command,
        **fields,
        "data": data,
    }
    return json.dumps(whole, indent=2, ensure_ascii=False), json.dumps(whole, indent=2)


def council_json(council: Council) -> dict[str, Any]:
    """A council: ``{"name", "la_code"}``."""
    return {"name": council.name, "la_code": council.la_code}


def inspection_json(inspection: Inspection) -> dict[str, Any]:
    """An inspection, with each judgement's grade and the framework's wording of it."""
    start, end = inspection.start, inspection.end
    return {
        "published": inspection.published.isoformat(),
        "start": None if start is None else start.isoformat(),
        "end": None if end is None else end.isoformat(),
        "framework": inspection.framework.name,
        "era": inspection.era.name,
        "kind": inspection.kind.name,
        "graded": inspection.is_graded,
        "grades_known": inspection.grades_known,
        "unknown": [c.name for c in inspection.unknown],
        "judgements": {
            j.category.name: {"grade": j.grade.name, "label": inspection.label(j.category)}
            for j in inspection.judgements
        },
        "source": inspection.source,
    }


def change_json(change: Change) -> dict[str, Any]:
    """One judgement's change between two inspections."""
    return {
        "category": change.category.name,
        "before": None if change.before is None else change.before.name,
        "after": None if change.after is None else change.after.name,
        "steps": change.steps,
        "direction": change.direction.name,
        "definition_changed": change.definition_changed,
    }

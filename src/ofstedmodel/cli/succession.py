"""Former councils and the councils that replaced them: where each one's history is, and
what to run to compare across a reorganisation. Different councils, each with its own
history, a command away."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..narrative import format_date
from ..register import bundled

if TYPE_CHECKING:
    from ..changes import Comparison
    from ..councils import Council
    from .data import Data

__all__ = ["across", "listed", "names", "outside", "succession_json", "succession_text"]


def names(data: Data, codes: Sequence[str]) -> list[str]:
    """The names of the councils with DfE codes ``codes``."""
    return [
        council.name if (council := data.council(code)) else f"the council with DfE code {code}"
        for code in codes
    ]


def listed(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with semicolons when a name has a comma of its own.

    >>> listed(["Cumberland", "Westmorland and Furness"])
    'Cumberland and Westmorland and Furness'
    >>> listed(["Bournemouth", "Christchurch", "Poole"])
    'Bournemouth, Christchurch and Poole'
    """
    if len(items) < 2:
        return "".join(items)
    joiner = "; " if any("," in name for name in items) else ", "
    return joiner.join(items[:-1]) + " and " + items[-1]


def _history_of(data: Data, code: str) -> str | None:
    """The command that shows council ``code``'s history: on the same data if it holds the
    council, else on the bundled data; ``None`` when neither does."""
    council = data.council(code)
    if council is None:
        return None
    if code in data.histories:
        return data.command("history", council.name)
    if code in bundled():
        import shlex

        return f"ofstedmodel history {shlex.quote(council.name)}  (the bundled data)"
    return None


def succession_text(data: Data, council: Council) -> list[str]:
    """Where a former council's successors, or a successor's predecessors, are: different
    councils, each with its own history, a command away."""
    lines: list[str] = []
    for codes, former in ((council.successors, True), (council.predecessors, False)):
        if not codes:
            continue
        named = names(data, codes)
        one = len(named) == 1
        whose = f"{named[0]}'s" if one else "Their"
        own = "its own history" if one else "their own histories"
        if former:
            when = "" if council.abolished is None else f" on {format_date(council.abolished)}"
            lines.append(
                f"{council.name} was abolished{when}; {listed(named)} replaced it. {whose} "
                f"inspections are {own}, not {council.name}'s:"
            )
            pairs = [(council.name, name) for name in named]
            other = named[0] + "'s" if one else "a successor's"
            compared = f"{council.name}'s last inspection with {other}"
        else:
            when = "" if council.created is None else f" on {format_date(council.created)}"
            lines.append(
                f"{council.name} was created{when}, replacing {listed(named)}. {whose} "
                f"inspections are {own}, not {council.name}'s:"
            )
            pairs = [(name, council.name) for name in named]
            other = named[0] + "'s" if one else "a predecessor's"
            compared = f"{other} last inspection with {council.name}'s"
        lines += [f"  {command}" for code in codes if (command := _history_of(data, code))]
        comparisons = [
            f"  {data.command('compare', *pair)}"
            for code, pair in zip(codes, pairs, strict=True)
            if code in data.histories
        ]
        if comparisons:
            lines += [f"To compare {compared}:", *comparisons]
    return lines


def succession_json(data: Data, council: Council) -> dict[str, Any]:
    """``created``, ``abolished``, ``predecessors`` and ``successors`` (each a list of
    ``{"name", "la_code"}``)."""

    def named(codes: Sequence[str]) -> list[dict[str, Any]]:
        return [
            {"name": None if (c := data.council(code)) is None else c.name, "la_code": code}
            for code in codes
        ]

    return {
        "created": None if council.created is None else council.created.isoformat(),
        "abolished": None if council.abolished is None else council.abolished.isoformat(),
        "predecessors": named(council.predecessors),
        "successors": named(council.successors),
    }


def across(
    data: Data, comparison: Comparison, before: _dt.date | None, after: _dt.date | None
) -> str:
    """Says plainly that a comparison across a succession is of two councils."""
    former, later = comparison.before.council, comparison.after.council
    named = names(data, former.successors)
    others = [n for c, n in zip(former.successors, named, strict=True) if c != later.la_code]
    also = f" (with {listed(others)})" if others else ""
    when = "" if former.abolished is None else f" on {format_date(former.abolished)}"
    first = (
        "its last graded inspection"
        if before is None
        else f"its inspection in force on {format_date(before)}"
    )
    second = (
        "its latest graded inspection"
        if after is None
        else f"its inspection in force on {format_date(after)}"
    )
    return (
        f"{former.name} and {later.name} are different councils: {later.name} replaced "
        f"{former.name}{when}{also}. The first grades are {former.name}'s, from {first} "
        f"(published {format_date(comparison.before.published)}), not {later.name}'s; the "
        f"second are {later.name}'s, from {second} (published "
        f"{format_date(comparison.after.published)})."
    )


def outside(data: Data, council: Council, day: _dt.date) -> str | None:
    """Why ``council`` had nothing in force on ``day`` because it did not exist then, with
    the command that compares across its succession; ``None`` when it existed."""
    if council.abolished is not None and day >= council.abolished and council.successors:
        named = names(data, council.successors)
        held = [
            (data.histories[code], name)
            for code, name in zip(council.successors, named, strict=True)
            if code in data.histories
        ]
        graded = [name for history, name in held if history.as_at(day) is not None]
        if graded:
            then = data.command("compare", council.name, graded[0], "--to", day.isoformat())
            instead = f"; to compare its last inspection with a successor's: {then}"
        elif held:
            latest = data.command("compare", council.name, held[0][1])
            instead = (
                f"; no successor had a graded inspection by then. To compare its last "
                f"inspection with a successor's latest: {latest}"
            )
        else:
            instead = ""
        return (
            f"{council.name} was abolished on {format_date(council.abolished)} "
            f"({listed(named)} replaced it), so none of its inspections was in force on "
            f"{format_date(day)}{instead}"
        )
    if council.created is not None and day < council.created and council.predecessors:
        named = names(data, council.predecessors)
        held_names = [
            name
            for code, name in zip(council.predecessors, named, strict=True)
            if code in data.histories
        ]
        instead = (
            ""
            if not held_names
            else "; to compare its predecessor's last inspection with its own: "
            + data.command("compare", held_names[0], council.name)
        )
        return (
            f"{council.name} was created on {format_date(council.created)}, replacing "
            f"{listed(named)}, so none of its inspections was in force on {format_date(day)}"
            + instead
        )
    return None

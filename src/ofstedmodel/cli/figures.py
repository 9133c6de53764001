"""The population's figures: ``ofstedmodel`` (the national picture), ``ofstedmodel summary``
and ``ofstedmodel peers COUNCIL``."""

from __future__ import annotations

import argparse
from collections.abc import Hashable, Mapping

from ..councils import Council
from ..digests import summary_wire
from ..narrative import describe, format_date
from ..populations import Peers, Summary, summarise
from ..populations import peers as peers_of
from .data import Data
from .program import Answer
from .succession import succession_text
from .tables import LEFT_OUT, grade_text, summary_table
from .wire import council_json

__all__ = ["national", "peers", "summary"]


def summary(args: argparse.Namespace, data: Data) -> Answer:
    """The table of grades in force as at a date, for England and each group asked for."""
    as_at = args.as_at or data.as_of
    histories = data.histories
    cut_off = args.published_by
    total = summarise(histories, as_at, args.category, published_by=cut_off)
    groups: Mapping[Hashable, Summary] = (
        summarise(histories, as_at, args.category, by=args.by, published_by=cut_off)
        if args.by
        else {}
    )
    if args.json:
        return "", {
            "england": summary_wire(total),
            "groups": [summary_wire(s) for s in groups.values()],
        }
    counted = (
        "latest graded inspection published by then"
        if total.published_by == total.as_at
        else "latest graded inspection begun by then and published by "
        + format_date(total.published_by)
    )
    title = (
        f"{total.category.value.capitalize()} as at {format_date(total.as_at)}: each council's "
        f"{counted} (counts, share of councils graded; unknown: a grade in force the data does "
        "not know)"
    )
    text = "\n".join([title, "", summary_table(list(groups.values()), total), ""])
    return text + "\n" + describe(groups if groups else total), None


def peers(args: argparse.Namespace, data: Data) -> Answer:
    """A council's grade beside its statistical neighbours', most similar first."""
    history = data.history(args.council)
    as_at = args.as_at or data.as_of
    result: Peers = peers_of(history, data.histories, as_at, args.category)
    if args.json:
        return "", {
            **result.to_json(),
            "council": council_json(history.council),
            "description": describe(result),
        }

    def why(council: Council) -> str:
        reason = result.left_out.get(council)
        return "-" if reason is None else LEFT_OUT[reason]

    lines = [
        f"{history.council.name}: {result.category.value} as at {format_date(result.as_at)}",
        f"  {'(this council)':<34} {grade_text(result.grade, why(history.council))}",
        "",
        "  statistical neighbours, most similar first:",
    ]
    for council, grade in result.neighbours.items():
        lines.append(f"  {council.name:<34} {grade_text(grade, why(council))}")
    lines += ["", describe(result)]
    if not history.council.existed_on(result.as_at):
        lines += ["", *succession_text(data, history.council)]
    return "\n".join(lines), None


def national(args: argparse.Namespace, data: Data) -> Answer:
    """With no command: the national picture by region, and what to try next."""
    histories = data.histories
    total = summarise(histories, data.as_of)
    regions = summarise(histories, data.as_of, by="region")
    if args.json:
        return "", {
            "as_of": data.as_of.isoformat(),
            "england": summary_wire(total),
            "groups": [summary_wire(s) for s in regions.values()],
        }
    if data.file is None:
        source = f"Bundled data to {format_date(data.as_of)}"
        example = "Rotherham"
        dates = ["--from", "2017-12-31", "--to", "2018-12-31"]
    else:
        source = f"{data.file} ({data.format}): reports published to {format_date(data.as_of)}"
        example = "Rotherham" if "372" in histories else next(iter(histories.values())).council.name
        dates = []
    lines = [
        "ofstedmodel: Ofsted judgements of English councils' children's services",
        f"{source}; {len(histories)} councils.",
        "",
        summary_table(list(regions.values()), total),
        "",
        describe(regions),
        "",
        "Try:",
        f"  {data.command('history', example)}",
        f"  {data.command('compare', example, *dates)}",
        f"  {data.command('summary', '--as-at', '2024-03-31', '--by', 'region')}",
        f"  {data.command('peers', example)}",
        f"  {data.command('standings', '--grade', 'inadequate')}",
        "Add --json to any command for machine-readable output, --data FILE to read your own file.",
    ]
    return "\n".join(lines), None

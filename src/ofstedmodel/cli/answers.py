"""The answers people come for, one command each: ``ofstedmodel standings`` (who has held
which grade, since when), ``ofstedmodel turnarounds`` (who went from a grade to at least
another, fastest first) and ``ofstedmodel digest`` (what changed in a window). Each is the
library's own ``command`` function (:func:`ofstedmodel.standing.command`,
:func:`ofstedmodel.turnaround.command`, :func:`ofstedmodel.digests.command`) given the parsed
arguments."""

from __future__ import annotations

import argparse

from .data import Data
from .program import Answer

__all__ = ["digest", "standings", "turnarounds"]


def _answer(args: argparse.Namespace, text: str, fields: dict[str, object]) -> Answer:
    return ("", fields) if args.json else (text, None)


def standings(args: argparse.Namespace, data: Data) -> Answer:
    """``--grade inadequate`` answers "inadequate since March 2019, three inspections in a
    row" for every council so judged, longest held first."""
    from ..standing import command

    text, fields = command(
        data.histories,
        as_at=args.as_at,
        grade=args.grade,
        by=args.by,
        category=args.category,
        published_by=args.published_by,
    )
    return _answer(args, text, fields)


def turnarounds(args: argparse.Namespace, data: Data) -> Answer:
    """``--council Rotherham`` answers "from inadequate to good in three years, two months
    and ten days, the 13th fastest of 55"."""
    from ..turnaround import command

    council = None if args.council is None else data.find(args.council)
    text, fields = command(
        data.histories,
        from_grade=args.from_grade,
        to_at_least=args.to_at_least,
        category=args.category,
        council=council,
        region=args.region,
    )
    return _answer(args, text, fields)


def digest(args: argparse.Namespace, data: Data) -> Answer:
    """Every report published from ``--since`` to ``--until`` (the data's last date by
    default), what each changed, and the figures before and after."""
    from ..digests import command

    text, fields = command(
        data.histories, since=args.since, until=args.until, category=args.category, by=args.by
    )
    return _answer(args, text, fields)

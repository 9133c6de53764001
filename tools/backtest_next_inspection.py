"""Backtest ``ofstedmodel.due.next_inspection`` on the bundled data, and recount issue 13's
numbers.

    .venv/bin/python tools/backtest_next_inspection.py

Prints: the pairs of consecutive ILACS inspections (in the bundled data and in the D2I scrape
alone) and how many second inspections started within six months of the first's third
anniversary; then, for several coverages, how often the rule's and the precedent's windows,
given the day after the first inspection's publication from the data published by then,
contained the second inspection's fieldwork start, overall, by grade and by the pool the
precedent came from.
"""

from __future__ import annotations

import itertools
import statistics
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from dateutil.relativedelta import relativedelta

import ofstedmodel as om
from ofstedmodel.due import Backtest, backtest

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
GRADES = (om.Grade.OUTSTANDING, om.Grade.GOOD, om.Grade.REQUIRES_IMPROVEMENT, om.Grade.INADEQUATE)


def _pairs(histories: Iterable[om.History]) -> list[tuple[om.Inspection, om.Inspection]]:
    found = []
    for history in histories:
        graded = history.graded
        for first, second in itertools.pairwise(graded):
            if first.framework is om.Framework.ILACS and second.framework is om.Framework.ILACS:
                found.append((first, second))
    return found


def _issue_numbers(name: str, histories: Iterable[om.History]) -> None:
    pairs = _pairs(histories)
    dated = [(a, b) for a, b in pairs if a.start is not None and b.start is not None]
    near = 0
    years = []
    for a, b in dated:
        assert a.start is not None
        assert b.start is not None
        anniversary = a.start + relativedelta(years=3)
        six = relativedelta(months=6)
        near += anniversary - six <= b.start <= anniversary + six
        years.append((b.start - a.start).days / 365.25)
    print(
        f"{name}: {len(pairs)} pairs, {len(dated)} with both fieldwork starts, {near} "
        f"({near / len(dated):.1%}) started within six months of the third anniversary; gaps "
        f"{min(years):.2f} to {max(years):.2f} years, median {statistics.median(years):.2f}"
    )
    for grade in GRADES:
        gaps = [
            (b.start - a.start).days / 365.25  # type: ignore[operator]
            for a, b in dated
            if a.overall is grade
        ]
        print(
            f"    after {grade.value:<21} {len(gaps):>3} pairs, gaps {min(gaps):.2f} to "
            f"{max(gaps):.2f} years, median {statistics.median(gaps):.2f}"
        )


def _row(label: str, score: om.due.Score) -> str:
    share = "-" if score.share is None else f"{score.share:.0%}"
    return (
        f"    {label:<26} {score.hits:>3}/{score.windows:<3} {share:>4}   early {score.early:>3}, "
        f"late {score.late:>3}, no window {score.pairs - score.windows:>3}"
    )


def _report(result: Backtest) -> None:
    print(f"coverage {result.coverage:.0%}, {len(result.trials)} pairs")
    for side in ("rule", "precedent"):
        score = getattr(result, side)
        print(_row(side, score()))
        for grade in GRADES:
            print(_row(f"  {grade.value}", score(grade)))
    pools = Counter((t.outlook.precedent.matched, t.precedent_hit) for t in result.trials)
    for matched in sorted({m for m, _ in pools}, key=len, reverse=True):
        hits, misses = pools[matched, True], pools[matched, False]
        print(f"    precedent pool {matched or 'none'}: {hits} hits, {misses} misses")


def main() -> int:
    _issue_numbers("bundled data", om.datasets.histories().values())
    d2i = om.io.read_d2i_history(RAW / "d2i-ilacs-history.csv", errors="collect")
    _issue_numbers("D2I scrape alone", d2i.histories.values())
    print()
    for coverage in (0.5, 0.8, 0.9):
        _report(backtest(coverage=coverage))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Text tables: columns as wide as their widest cell, and the national picture's table."""

from __future__ import annotations

from collections.abc import Sequence

from ..frameworks import CURRENT_SCALE
from ..grades import Grade
from ..populations import Summary, group_name
from ..standing_text import LEFT_OUT

__all__ = ["LEFT_OUT", "grade_text", "layout", "summary_table"]


def grade_text(grade: Grade | None, missing: str = "-") -> str:
    """A grade as the tables show it, or ``missing`` in its place."""
    return missing if grade is None else grade.label


def layout(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table: the first column left-aligned, the others right-aligned, each as wide as its
    widest cell (its header included) and two spaces from the next, so that no header runs
    into its neighbour and every cell ends where its header ends.

    >>> print(layout(["", "Good", "Requires improvement"], [["England", "70", "50"]]))
             Good  Requires improvement
    England    70                    50
    """
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        rest = "".join(
            f"  {cell:>{width}}" for cell, width in zip(cells[1:], widths[1:], strict=True)
        )
        return f"{cells[0]:<{widths[0]}}{rest}"

    return "\n".join(line(cells) for cells in (header, *rows))


def summary_table(summaries: Sequence[Summary], total: Summary) -> str:
    """One row per group's summary, then England's: each grade's count and share of the
    councils graded, good or better, and the councils graded, not graded and unknown."""
    grades = list(CURRENT_SCALE) + ([Grade.ADEQUATE] if total.counts.get(Grade.ADEQUATE) else [])
    everyone = (*summaries, total)
    digits = len(str(max(s.existing for s in everyone)))

    def counted(n: int, share: float, of: int) -> str:
        # No council graded: no share (0 of 0 is not 0%).
        return f"{n:>{digits}} ({'-' if of == 0 else format(share, '.1%'):>6})"

    header = [
        "",
        *(g.value.capitalize() for g in grades),
        "Good or better",
        "Graded",
        "Not graded",
        "Unknown",
    ]
    rows = [
        [
            "England" if summary is total else group_name(summary.group),
            *(counted(summary.counts.get(g, 0), summary.share(g), summary.total) for g in grades),
            counted(summary.good_or_better, summary.share_good_or_better, summary.total),
            str(summary.total),
            str(summary.not_graded),
            str(summary.unknown),
        ]
        for summary in everyone
    ]
    return layout(header, rows)

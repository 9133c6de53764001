"""Rich display in notebooks: the HTML that Jupyter shows for the library's objects.

Each object people look at has a ``_repr_html_`` that calls :func:`to_html`: a heading, the
sentence :func:`~ofstedmodel.describe` gives, and a table with each grade on its colour from
:mod:`ofstedmodel.palette`. The HTML is self-contained (inline styles only: no scripts, no
style sheets, no external resources) and every value in it is escaped.

    >>> import ofstedmodel as om
    >>> page = to_html(om.datasets.history("Rotherham"))
    >>> page.startswith('<div class="ofstedmodel"'), "<script" in page
    (True, False)
"""

from __future__ import annotations

import datetime as _dt
import functools
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .changes import Change, Comparison
from .digests import Digest
from .due import NextInspection
from .errors import OfstedModelError
from .frameworks import Category
from .grades import Grade
from .history import History
from .inspections import Inspection
from .palette import GRADE_COLOURS, TEXT_ON, UNKNOWN_COLOUR
from .populations import GroupedSummary, LeftOut, Peers, Summary, group_name
from .standing import Standings
from .trajectories import Trajectory
from .turnaround import Turnarounds

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

    from .io.problems import LoadResult

__all__ = ["to_html"]

#: The most rows a table shows before saying how many more there are.
MAX_ROWS = 60

_FRAME = "font-family:sans-serif;font-size:13px;line-height:1.4;max-width:60em"
_CELL = (
    "padding:2px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #ddd;"
    "white-space:nowrap"
)
_CHIP = "display:inline-block;padding:0 6px;border-radius:3px;white-space:nowrap"


def text(value: object) -> str:
    """``value`` as escaped HTML text (dates in ISO form)."""
    if isinstance(value, _dt.date):
        value = value.isoformat()
    return html.escape(str(value), quote=True)


def chip(grade: Grade | None, *, unknown: bool = False) -> str:
    """A grade on its colour; a grade the data does not know in grey, saying so; no grade as
    a dash."""
    if unknown:
        return f'<span style="{_CHIP};background:{UNKNOWN_COLOUR}">unknown</span>'
    if grade is None:
        return "&#8212;"
    style = f"{_CHIP};background:{GRADE_COLOURS[grade]};color:{TEXT_ON[grade]}"
    if grade is Grade.ADEQUATE:  # the pre-2013 scale: marked apart, as the charts mark it
        style += ";outline:1px dashed #555"
    return f'<span style="{style}">{text(grade.label)}</span>'


def judged(inspection: Inspection, category: Category) -> str:
    """The cell for what ``inspection`` said about ``category``: its grade, unknown where it
    judged it and the data does not know the grade, or a dash where it did not judge it."""
    grade = inspection.get(category)
    if grade is not None:
        return chip(grade)
    made = category in inspection.era.labels and inspection.covers(category)
    return chip(None, unknown=made and not inspection.knows(category))


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, cells_are_html: bool) -> str:
    """An HTML table. ``headers`` are plain text; the cells are HTML already escaped when
    ``cells_are_html``, else plain text. Past :data:`MAX_ROWS` rows, a last row says how many
    more there are."""
    head = "".join(
        f'<th style="{_CELL};vertical-align:bottom;white-space:normal;min-width:7em">{text(h)}</th>'
        for h in headers
    )
    body = []
    rows = list(rows)
    for row in rows[:MAX_ROWS]:
        cells = row if cells_are_html else [text(c) for c in row]
        body.append("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in cells) + "</tr>")
    if len(rows) > MAX_ROWS:
        more = len(rows) - MAX_ROWS
        body.append(
            f'<tr><td style="{_CELL}" colspan="{len(headers)}">and {more} more '
            f"{'row' if more == 1 else 'rows'}</td></tr>"
        )
    return (
        '<table style="border-collapse:collapse;margin:4px 0">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def frame(title: str, sentence: str, *parts: str) -> str:
    """The whole display: a title, a sentence (both plain text) and HTML parts below."""
    return (
        f'<div class="ofstedmodel" style="{_FRAME}">'
        f'<div style="font-weight:bold;margin-bottom:2px">{text(title)}</div>'
        f'<p style="margin:2px 0 6px 0">{text(sentence)}</p>{"".join(parts)}</div>'
    )


@functools.singledispatch
def to_html(x: object) -> str:
    """The notebook display of ``x``: what its ``_repr_html_`` returns."""
    raise OfstedModelError(
        f"to_html: {type(x).__name__} has no notebook display; it displays "
        + ", ".join(sorted(t.__name__ for t in to_html.registry if t is not object)),
        field="x",
        rule="not a type to_html knows",
        brief=f"{type(x).__name__} has no notebook display",
    )


# -- the views, one per type ------------------------------------------------------------------


def _columns(inspections: Sequence[Inspection]) -> list[Category]:
    """The categories any of ``inspections`` judged, in the order of the enum."""
    seen = {c for i in inspections for c in (*i.categories, *i.unknown)}
    seen |= {c for i in inspections if not i.grades_known for c in i.era.labels if i.covers(c)}
    return [c for c in Category if c in seen]


def _fieldwork(inspection: Inspection) -> str:
    if inspection.start is None:
        return "unknown"
    if inspection.end is None:
        return f"from {_day(inspection.start)} {inspection.start.year}"
    return f"{_day(inspection.start)} to {_day(inspection.end)} {inspection.end.year}"


def _day(day: _dt.date) -> str:
    return f"{day.day} {day:%b}"


def inspections_table(inspections: Sequence[Inspection]) -> str:
    """One row per inspection: publication, kind, fieldwork and a cell per category."""
    columns = _columns(inspections)
    rows = [
        [
            text(i.published),
            text(i.kind.value),
            text(_fieldwork(i)),
            *(judged(i, c) for c in columns),
        ]
        for i in inspections
    ]
    headers = ["published", "kind", "fieldwork", *(c.value for c in columns)]
    return table(headers, rows, cells_are_html=True)


def _describe(x: object) -> str:
    from .narrative import describe

    return describe(x)


@to_html.register
def _(x: Inspection) -> str:
    title = f"{x.council.name} ({x.council.la_code}): {x.kind.value}, published {x.published}"
    return frame(title, _describe(x), inspections_table([x]))


@to_html.register
def _(x: History) -> str:
    council = x.council
    title = f"{council.name} ({council.la_code})"
    return frame(title, _describe(x), inspections_table(list(x)))


@to_html.register
def _(x: Trajectory) -> str:
    rows = [
        [text(p.published), chip(p.grade, unknown=p.grade is None), text(p.inspection.kind.value)]
        for p in x.points
    ]
    council = x.points[0].inspection.council.name + ": " if x.points else ""
    title = f"{council}{x.category.value}"
    return frame(
        title, _describe(x), table(["published", "grade", "kind"], rows, cells_are_html=True)
    )


@to_html.register
def _(x: Comparison) -> str:
    rows = [
        [
            text(c.category.value),
            judged(x.before, c.category),
            judged(x.after, c.category),
            text(_change(x, c)),
        ]
        for c in x.changes.values()
    ]
    headers = ["judgement", str(x.before.published), str(x.after.published), "change"]
    title = f"{x.after.council.name}: {x.before.published} to {x.after.published}"
    return frame(title, _describe(x), table(headers, rows, cells_are_html=True))


def _change(comparison: Comparison, change: Change) -> str:
    """A change's direction; where one side did not judge the category (rather than judged
    it with a grade the data does not know), that it cannot be compared."""
    sides = (comparison.before, comparison.after)
    if any(i.get(change.category) is None and i.knows(change.category) for i in sides):
        return "not compared: not judged on both sides"
    return change.direction.value


def _summary_rows(summary: Summary) -> list[list[str]]:
    total = summary.total
    rows = [
        [chip(grade), text(n), text(f"{n / total:.0%}" if total else "-")]
        for grade, n in summary.counts.items()
    ]
    for reason, n in Counter(summary.left_out.values()).items():
        rows.append([text(f"left out: {reason.value}"), text(n), ""])
    return rows


@to_html.register
def _(x: Summary) -> str:
    title = f"{x.category.value} as at {x.as_at}"
    rows = _summary_rows(x)
    return frame(
        title, _describe(x), table(["grade", "councils", "share"], rows, cells_are_html=True)
    )


@to_html.register
def _(x: GroupedSummary) -> str:
    grades = list(x.combined.counts)
    rows = []
    for group, summary in [*x.groups.items(), (None, x.combined)]:
        name = "England" if group is None else group_name(group)
        counts = [text(summary.counts.get(g, 0)) for g in grades]
        share = f"{summary.share_good_or_better:.0%}" if summary.total else "-"
        rows.append([text(name), *counts, text(share), text(len(summary.left_out))])
    headers = ["group", *(g.label for g in grades), "good or better", "left out"]
    title = f"{x.category.value} as at {x.as_at}"
    return frame(title, _describe(x), table(headers, rows, cells_are_html=True))


@to_html.register
def _(x: Peers) -> str:
    rows = [[text(c.name), chip(g)] for c, g in x.neighbours.items()]
    title = f"{x.council.name} and its statistical neighbours, {x.category.value}, {x.as_at}"
    return frame(title, _describe(x), table(["neighbour", "grade"], rows, cells_are_html=True))


def load_result(x: LoadResult) -> str:
    """The display of a :class:`~ofstedmodel.io.LoadResult`: its counts, then its problems
    and notes as a table (called by its ``_repr_html_``, so that this module need not import
    the readers)."""
    rows = [
        [
            p.file,
            "" if p.line is None else str(p.line),
            p.column or "",
            p.value or "",
            p.reason,
            kind,
        ]
        for kind, found in (("problem", x.problems), ("note", x.notes))
        for p in found
    ]
    sentence = (
        f"{x.rows} {'row' if x.rows == 1 else 'rows'} read: {x.kept} kept, "
        f"{x.reported} reported; {len(x.histories)} "
        f"{'history' if len(x.histories) == 1 else 'histories'}, {len(x.notes)} "
        f"{'note' if len(x.notes) == 1 else 'notes'}."
    )
    headers = ["file", "line", "column", "value", "reason", "kind"]
    return frame("Loaded", sentence, table(headers, rows, cells_are_html=False))


def _duration(delta: relativedelta | None) -> str:
    from .narrative import format_duration

    return "unknown" if delta is None else format_duration(delta)


@to_html.register
def _(x: Standings) -> str:
    rows = [
        [
            text(s.council.name),
            chip(s.grade, unknown=s.reason is LeftOut.UNKNOWN),
            text("" if s.since is None else s.since),
            text(s.in_a_row or ""),
            text("" if s.held is None else _duration(s.held)),
            text("" if s.reason is None else s.reason.value),
        ]
        for s in x
    ]
    headers = ["council", "grade", "since", "in a row", "held", "no grade because"]
    if all(s.reason is None for s in x):  # no council without a grade: no column for why
        headers, rows = headers[:-1], [row[:-1] for row in rows]
    title = f"Standings: {x.category.value}"
    return frame(title, _describe(x), table(headers, rows, cells_are_html=True))


@to_html.register
def _(x: Turnarounds) -> str:
    rows = [
        [
            text("" if t.rank is None else f"{t.rank}{'=' if t.joint else ''}"),
            text(t.council.name),
            chip(t.from_grade),
            chip(t.to_grade),
            text(t.before.published),
            text(t.after.published),
            text(_duration(t.elapsed)),
        ]
        for t in (*x, *x.untimed)
    ]
    headers = ["rank", "council", "from", "to", "published", "then", "time taken"]
    title = (
        f"Turnarounds: {x.category.value}, {x.from_grade.label} to {x.to_at_least.label} or better"
    )
    return frame(title, _describe(x), table(headers, rows, cells_are_html=True))


@to_html.register
def _(x: Digest) -> str:
    rows = []
    for report in x.reports:
        movement = report.get(x.category)
        rows.append(
            [
                text(report.published),
                text(report.council.name),
                text(report.inspection.kind.value),
                chip(None) if movement is None else chip(movement.before),
                chip(None) if movement is None else chip(movement.after),
                text("" if movement is None else movement.move.value),
            ]
        )
    headers = ["published", "council", "kind", "before", "after", "change"]
    title = f"What changed: {x.category.value}"
    return frame(title, _describe(x), table(headers, rows, cells_are_html=True))


@to_html.register
def _(x: NextInspection) -> str:
    def window(side: object) -> str:
        found = getattr(side, "window", None)
        if found is None:
            reason = getattr(side, "no_window", None)
            return "no window" + ("" if reason is None else f": {reason.value}")
        return f"{found.earliest.isoformat()} to {found.latest.isoformat()}"

    kind = "unknown" if x.kind is None else x.kind.value
    rows = [
        ["kind", text(kind)],
        ["window by Ofsted's rule", text(window(x.rule))],
        ["window by precedent", text(window(x.precedent))],
    ]
    title = f"{x.council.name}: the next inspection, as at {x.as_at.isoformat()}"
    return frame(title, _describe(x), table(["", ""], rows, cells_are_html=True))

"""Charts of grades over time (needs the ``plot`` extra: ``pip install 'ofstedmodel[plot]'``).

matplotlib is imported when a chart is drawn, never at ``import ofstedmodel``. Charts are
built on :class:`matplotlib.figure.Figure` directly, without pyplot's global state, and
returned for the caller to show or save::

    from ofstedmodel import datasets, plot
    figure = plot.trajectory(datasets.history("Rotherham"))
    figure.savefig("rotherham.png")

Colours are the Okabe-Ito palette, safe for colour-blind readers, and never carry meaning
alone: each judgement also has its own marker and line style, and grades are labelled.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from ._coerce import shown, to_date
from .errors import OfstedModelError
from .frameworks import CURRENT_SCALE, ERAS, Category
from .grades import Grade
from .history import History
from .populations import Histories, Summary, group_name, series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["GRADE_COLOURS", "national", "trajectory"]

# Okabe-Ito: distinguishable with the common forms of colour blindness.
_OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
#: Grade -> colour, from dark blue (outstanding) to vermilion (inadequate).
GRADE_COLOURS = {
    Grade.OUTSTANDING: "#0072B2",
    Grade.GOOD: "#56B4E9",
    Grade.REQUIRES_IMPROVEMENT: "#E69F00",
    Grade.ADEQUATE: "#F0E442",
    Grade.INADEQUATE: "#D55E00",
}
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h")
_STYLES = ("-", "--", "-.", ":")
_ERA_SHADES = ("#f2f2f2", "#e0e0e0")
# The y position of a grade: inadequate at the bottom. Unknown grades sit below the scale.
_UNKNOWN_Y = 0.4
_Y_LABELS = {1: "Inadequate", 2: "Requires improvement", 3: "Good", 4: "Outstanding"}


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise OfstedModelError(
            "ofstedmodel.plot needs matplotlib: pip install 'ofstedmodel[plot]'"
        ) from None
    return matplotlib


def _x(day: _dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _position(grade: Grade) -> int:
    return 5 - grade.code


def _new_figure(size: tuple[float, float], figure: Figure | None = None) -> Figure:
    _matplotlib()
    from matplotlib.figure import Figure

    if figure is None:
        return Figure(figsize=size, layout="constrained")
    if not isinstance(figure, Figure):
        raise OfstedModelError(f"figure: {shown(figure)} is not a matplotlib Figure")
    figure.set_size_inches(*size)
    figure.set_layout_engine("constrained")
    return figure


def _steps(history: History, category: Category, last: _dt.date) -> tuple[list[float], list[float]]:
    """x and y for a post-step line: each grade from its publication to the council's next
    graded inspection that settles the category (a targeted inspection that did not judge it
    leaves it in force), and no further than the council's abolition. A later inspection that
    did not grade the category, or whose grade is not known, ends the step (NaN), as
    :meth:`History.grade_as_at` would."""
    xs: list[float] = []
    ys: list[float] = []
    started = False
    abolished = history.council.abolished
    if abolished is not None and abolished < last:
        last = abolished
    for inspection in history.graded:
        if not inspection.covers(category) or inspection.published >= last:
            continue
        grade = inspection.get(category)
        if grade is None and not started:
            continue
        started = True
        xs.append(_x(inspection.published))
        ys.append(float("nan") if grade is None else _position(grade))
    if xs:
        xs.append(_x(last))
        ys.append(ys[-1])
    return xs, ys


def _shade_eras(ax: Axes, first: _dt.date, last: _dt.date) -> None:
    shown = [e for e in ERAS if e.main and e.start < last and (e.until is None or e.until > first)]
    for index, era in enumerate(shown):
        left = _x(max(era.start, first))
        right = _x(min(era.until or last, last))
        ax.axvspan(left, right, color=_ERA_SHADES[index % 2], zorder=0, linewidth=0)
        ax.text(
            (left + right) / 2,
            1.0,
            era.name,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=8,
            color="#444444",
            clip_on=False,
        )


def trajectory(
    history: History,
    categories: Iterable[object] | None = None,
    *,
    until: object = None,
    title: str | None = None,
    figure: Figure | None = None,
) -> Figure:
    """A step chart of a council's grades over time: one line per judgement, each grade in
    force from publication to the next; framework eras shaded and labelled; ungraded visits
    as markers along the bottom; unknown grades drawn as hollow markers below the scale.

    ``categories`` defaults to every judgement the history has a known grade for; ``until``
    (default: today) is where the last grade's step ends. ``figure`` draws into a Figure of
    yours (``matplotlib.pyplot.figure()`` in a notebook); by default a new one is made.
    Returns the Figure.
    """
    if not isinstance(history, History):
        raise OfstedModelError(f"plot.trajectory: {shown(history)} is not a History")
    if title is not None and not isinstance(title, str):
        raise OfstedModelError(f"title: {shown(title)} is not text")
    end = to_date(until, "until") if until is not None else _dt.date.today()
    if isinstance(categories, (str, Category)):
        categories = [categories]
    if categories is not None and not isinstance(categories, Iterable):
        raise OfstedModelError(
            f"categories: {shown(categories)} is not a judgement or a sequence of them"
        )
    wanted = (
        [Category.parse(c) for c in categories]
        if categories is not None
        else [c for c in Category if any(p.grade for p in history.trajectory(c).points)]
    )
    figure = _new_figure((10, 4.8), figure)
    ax = figure.add_subplot()
    dates = [i.published for i in history.inspections]
    first = (min(dates) if dates else end) - _dt.timedelta(days=180)
    last = max([end, *dates])
    _shade_eras(ax, first, last)
    any_adequate = False
    for index, category in enumerate(wanted):
        points = history.trajectory(category).points
        if not points:
            continue
        colour = _OKABE_ITO[index % len(_OKABE_ITO)]
        marker = _MARKERS[index % len(_MARKERS)]
        style = _STYLES[index % len(_STYLES)]
        xs, ys = _steps(history, category, last)
        # A small offset per line keeps equal grades of different judgements visible.
        offset = (index - (len(wanted) - 1) / 2) * 0.04
        ax.step(
            xs,
            [y + offset for y in ys],
            where="post",
            color=colour,
            linestyle=style,
            linewidth=2,
            label=category.value,
        )
        known = [
            (_x(p.published), _position(p.grade) + offset)
            for p in points
            if p.grade and p.grade is not Grade.ADEQUATE
        ]
        if known:
            ax.plot(*zip(*known, strict=True), linestyle="none", marker=marker, color=colour)
        # Adequate sits level with requires improvement but is not it: a half-filled marker of
        # its own (hollow ones are unknown grades).
        adequate = [
            (_x(p.published), _position(p.grade) + offset)
            for p in points
            if p.grade is Grade.ADEQUATE
        ]
        if adequate:
            ax.plot(
                *zip(*adequate, strict=True),
                linestyle="none",
                marker="D",
                fillstyle="left",
                color=colour,
            )
            any_adequate = True
        unknown = [_x(p.published) for p in points if p.grade is None]
        if unknown:
            ax.plot(
                unknown,
                [_UNKNOWN_Y] * len(unknown),
                linestyle="none",
                marker=marker,
                markerfacecolor="white",
                color=colour,
            )
    if any_adequate:
        ax.plot(
            [],
            [],
            linestyle="none",
            marker="D",
            fillstyle="left",
            color="#333333",
            label="adequate (the grade before November 2013,\nlevel with requires improvement)",
        )
    visits = [_x(i.published) for i in history.inspections if not i.is_graded]
    if visits:
        ax.plot(
            visits,
            [0.1] * len(visits),
            linestyle="none",
            marker="|",
            markersize=12,
            color="#333333",
            label="ungraded visit",
        )
    ax.set_ylim(0, 4.6)
    ax.set_yticks([_UNKNOWN_Y, *_Y_LABELS], ["not known", *_Y_LABELS.values()])
    ax.set_xlim(_x(first), _x(last))
    ax.xaxis_date()
    ax.grid(axis="y", color="#cccccc", linewidth=0.5)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title(title or f"{history.council.name}: grades over time", loc="left", pad=18)
    return figure


def _dates(start: _dt.date, end: _dt.date, freq: str) -> list[_dt.date]:
    steps = {"month": 1, "quarter": 3, "year": 12}
    if not isinstance(freq, str) or freq not in steps:
        raise OfstedModelError(f"freq: {shown(freq)} is not one of 'month', 'quarter', 'year'")
    step = steps[freq]
    # Period ends: the last day of each month, quarter (Mar/Jun/Sep/Dec) or year (Mar 31).
    month = start.month
    if freq == "quarter":
        month = ((start.month - 1) // 3) * 3 + 3
    elif freq == "year":
        month = 3
    anchor = _dt.date(start.year, month, 1) + relativedelta(months=1, days=-1)
    if anchor < start:
        anchor = _dt.date(start.year, month, 1) + relativedelta(months=step + 1, days=-1)
    out = []
    current = anchor
    while current <= end:
        out.append(current)
        nxt = _dt.date(current.year, current.month, 1) + relativedelta(months=step + 1, days=-1)
        current = nxt
    return out


def _stack(ax: Axes, summaries: Sequence[Summary], dates: Sequence[_dt.date]) -> None:
    bottoms = [0.0] * len(dates)
    for grade in reversed(CURRENT_SCALE):
        shares = [s.share(grade) for s in summaries]
        tops = [b + v for b, v in zip(bottoms, shares, strict=True)]
        ax.fill_between(
            [_x(d) for d in dates],
            bottoms,
            tops,
            step="post",
            color=GRADE_COLOURS[grade],
            label=grade.label,
            linewidth=0,
        )
        bottoms = tops
    ax.set_ylim(0, 1)
    ax.xaxis_date()
    ax.yaxis.set_major_formatter(_percent_formatter())
    # How many councils the shares rest on: early on, many grades are not known.
    counts = ax.twinx()
    counts.step(
        [_x(d) for d in dates],
        [s.total for s in summaries],
        where="post",
        color="black",
        linestyle="--",
        linewidth=1,
        label="councils with a known grade (right axis)",
    )
    counts.set_ylim(0, max([s.total + s.not_graded + s.unknown for s in summaries] + [1]) * 1.05)
    counts.tick_params(labelsize=7)


def _percent_formatter() -> Any:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(1.0, decimals=0)


def national(
    histories: Histories,
    start: object = _dt.date(2018, 3, 31),
    end: object = None,
    freq: str = "quarter",
    *,
    category: object = Category.OVERALL_EFFECTIVENESS,
    by: str | None = None,
    figure: Figure | None = None,
) -> Figure:
    """Shares of councils at each grade over time, as at each period end from ``start`` to
    ``end`` (default: today), stacked. With ``by="region"`` one small chart per region.
    ``freq`` is ``"month"``, ``"quarter"`` (default) or ``"year"`` (31 March). Councils with no
    grade in force are left out of the shares, as in Ofsted's official statistics. ``figure``
    as for :func:`trajectory`."""
    first = to_date(start, "start")
    last = to_date(end, "end") if end is not None else _dt.date.today()
    try:
        dates = _dates(first, last, freq)
    except OfstedModelError:
        raise
    except (OverflowError, ValueError):  # period ends past the year 9999
        raise OfstedModelError(
            f"start {first.isoformat()} and end {last.isoformat()}: the period ends between "
            "them run past the last date Python can hold (9999-12-31)"
        ) from None
    if not dates:
        raise OfstedModelError(f"no {freq} end falls between {first} and {last}")
    name = Category.parse(category).value
    if by is None:
        national = series(histories, dates, category)
        figure = _new_figure((9, 4.2), figure)
        ax = figure.add_subplot()
        _stack(ax, [national[d] for d in dates], dates)
        handles, labels = ax.get_legend_handles_labels()
        extra, extra_labels = figure.axes[-1].get_legend_handles_labels()
        ax.legend(
            handles + extra,
            labels + extra_labels,
            loc="upper left",
            bbox_to_anchor=(1.08, 1),
            fontsize=8,
            frameon=False,
        )
        ax.set_title(f"Councils by {name} grade in force, England", loc="left")
        return figure
    result = series(histories, dates, category, by)
    groups: list[Hashable] = []
    for day in dates:
        groups.extend(g for g in result[day] if g not in groups)
    columns = 3
    rows = -(-len(groups) // columns)
    figure = _new_figure((11, 2.6 * rows), figure)
    axes = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    for index, group in enumerate(groups):
        ax = axes[index // columns][index % columns]
        summaries = [
            result[day].get(group) or Summary(day, Category.parse(category), {}, ())
            for day in dates
        ]
        _stack(ax, summaries, dates)
        ax.set_title(group_name(group), fontsize=9, loc="left")
    for index in range(len(groups), rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    handles, labels = axes[0][0].get_legend_handles_labels()
    extra, extra_labels = figure.axes[-1].get_legend_handles_labels()
    figure.legend(
        handles + extra,
        labels + extra_labels,
        loc="outside lower center",
        ncols=4,
        fontsize=8,
        frameon=False,
    )
    figure.suptitle(f"Councils by {name} grade in force, by region", x=0.01, ha="left")
    return figure

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
import itertools
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from ._coerce import shown, to_date
from ._extras import require
from .errors import DateError, OfstedModelError
from .frameworks import ERAS, Category
from .grades import Grade
from .history import Histories, History, snapshot_date
from .palette import GRADE_COLOURS
from .populations import Grouping, Summary, group_name, series

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["GRADE_COLOURS", "national", "trajectory"]

# Okabe-Ito: distinguishable with the common forms of colour blindness.
_OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h")
_STYLES = ("-", "--", "-.", ":")
_ERA_SHADES = ("#f2f2f2", "#e0e0e0")
# The y position of a grade: inadequate at the bottom. Unknown grades sit below the scale.
_UNKNOWN_Y = 0.4
_Y_LABELS = {1: "Inadequate", 2: "Requires improvement", 3: "Good", 4: "Outstanding"}
# The national chart's bands, bottom first. Adequate, the pre-2013 grade, sits next to requires
# improvement, level with it but a grade of its own (and hatched, not told apart by colour alone).
_BANDS = (
    Grade.INADEQUATE,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.ADEQUATE,
    Grade.GOOD,
    Grade.OUTSTANDING,
)
_BAND_LABELS = {Grade.ADEQUATE: "Adequate (the grade before November 2013)"}
# The count axis: how many councils the shares rest on, and those left out and why.
_COUNTS: tuple[tuple[str, str, Callable[[Summary], int]], ...] = (
    ("councils with a known grade (right axis)", "--", lambda s: s.total),
    ("councils whose grade is not known (right axis)", ":", lambda s: s.unknown),
    ("councils with no grade in force (right axis)", "-.", lambda s: s.not_graded),
)


def _matplotlib() -> Any:
    return require("matplotlib", "plot", "ofstedmodel.plot")


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


def _long(day: _dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def trajectory(
    history: History,
    categories: Category | str | Iterable[Category | str] | None = None,
    *,
    until: _dt.date | str | None = None,
    title: str | None = None,
    figure: Figure | None = None,
) -> Figure:
    """A step chart of a council's grades over time: one line per judgement, each grade in
    force from publication to the next; framework eras shaded and labelled; ungraded visits
    as markers along the bottom; unknown grades drawn as hollow markers below the scale.

    ``categories`` defaults to every judgement the history has a known grade for; ``until``
    (default: today) is where the last grade's step ends: a history does not know how far its
    data goes, so give the data's date (``until=om.datasets.as_of`` for the bundled data); the
    x-axis label says the date drawn to. ``figure`` draws into a Figure of yours
    (``matplotlib.pyplot.figure()`` in a notebook); by default a new one is made. Returns the
    Figure.
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
    today = " (today)" if until is None else ""
    ax.set_xlabel(f"report published; grades drawn to {_long(last)}{today}", fontsize=8)
    ax.grid(axis="y", color="#cccccc", linewidth=0.5)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title(title or f"{history.council.name}: grades over time", loc="left", pad=18)
    return figure


def _dates(start: _dt.date, end: _dt.date, freq: str) -> list[_dt.date]:
    """``start``, each period end after it and before ``end``, and ``end``: the chart runs
    from the date asked for to the data's end, not from the first period end after one to
    the last period end before the other."""
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
    return [start, *(day for day in out if start < day < end), end]


def _post_steps(values: Sequence[float]) -> list[float]:
    """Each value held from its date to the next (and the last one at the end): vertices for
    a step drawn by hand, so that a gap (NaN, no council graded) removes only its own period.
    """
    out = [v for v in values[:-1] for _ in (0, 1)]
    return [*out, values[-1]]


def _bands(summaries: Iterable[Summary]) -> tuple[Grade, ...]:
    """The grades to draw: adequate only where some council's grade in force is adequate."""
    adequate = any(s.counts.get(Grade.ADEQUATE) for s in summaries)
    return tuple(g for g in _BANDS if adequate or g is not Grade.ADEQUATE)


def _stack(
    ax: Axes, summaries: Sequence[Summary], dates: Sequence[_dt.date], bands: Sequence[Grade]
) -> None:
    """Stacked shares of the councils graded at each date, which add up to 1 wherever any
    council is graded (a gap where none is); on a second axis, how many councils were graded,
    how many had a grade the data does not know and how many had none in force."""
    xs = [_x(d) for d in dates]
    stepped = [x for pair in itertools.pairwise(xs) for x in pair] + [xs[-1]]
    bottoms = [0.0 if s.total else float("nan") for s in summaries]
    for grade in bands:
        tops = [b + s.share(grade) for b, s in zip(bottoms, summaries, strict=True)]
        ax.fill_between(
            stepped,
            _post_steps(bottoms),
            _post_steps(tops),
            facecolor=GRADE_COLOURS[grade],
            hatch="//" if grade is Grade.ADEQUATE else None,
            edgecolor="#777777" if grade is Grade.ADEQUATE else GRADE_COLOURS[grade],
            label=_BAND_LABELS.get(grade, grade.label),
            linewidth=0,
        )
        bottoms = tops
    ax.set_ylim(0, 1)
    ax.set_xlim(xs[0], xs[-1])
    ax.xaxis_date()
    ax.yaxis.set_major_formatter(_percent_formatter())
    # How many councils the shares rest on, and how many are left out of them and why: early
    # on, many grades are not known.
    from matplotlib.ticker import MaxNLocator

    counts = ax.twinx()
    for label, style, count in _COUNTS:
        counts.step(
            xs,
            [count(s) for s in summaries],
            where="post",
            color="black" if style == "--" else "#666666",
            linestyle=style,
            linewidth=1,
            label=label,
        )
    counts.set_ylim(0, max([s.existing for s in summaries] + [1]) * 1.05)
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    counts.tick_params(labelsize=7)


def _percent_formatter() -> Any:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(1.0, decimals=0)


def national(
    histories: Histories,
    start: _dt.date | str = _dt.date(2018, 3, 31),
    end: _dt.date | str | None = None,
    freq: str = "quarter",
    *,
    category: Category | str = Category.OVERALL_EFFECTIVENESS,
    by: Grouping | None = None,
    figure: Figure | None = None,
) -> Figure:
    """Shares of councils at each grade over time, stacked: as at ``start``, each period end
    after it, and ``end``, which defaults to the date the data runs to
    (:func:`~ofstedmodel.snapshot_date`: the bundled data's snapshot date, or the latest
    publication in histories of your own). ``freq`` is ``"month"``, ``"quarter"`` (default) or
    ``"year"`` (31 March). With ``by="region"`` (or any grouping :func:`~ofstedmodel.summarise`
    takes) one small chart per group.

    Each share is of the councils with a known grade in force, as in Ofsted's official
    statistics, so the bands add up to 100% wherever any council is graded. Adequate, the
    grade before November 2013, is a band of its own next to requires improvement. The right
    axis counts the councils the shares rest on and those left out: grade in force not known
    in the data, or no grade in force. ``figure`` as for :func:`trajectory`."""
    first = to_date(start, "start")
    last = to_date(end, "end") if end is not None else snapshot_date(histories)
    if first >= last:
        raise DateError(
            f"start {first.isoformat()} is not before end {last.isoformat()}; give an earlier "
            "start or a later end",
            field="start",
            rule="dates in the wrong order",
        )
    try:
        dates = _dates(first, last, freq)
    except OfstedModelError:
        raise
    except (OverflowError, ValueError):  # period ends past the year 9999
        raise OfstedModelError(
            f"start {first.isoformat()} and end {last.isoformat()}: the period ends between "
            "them run past the last date Python can hold (9999-12-31)"
        ) from None
    name = Category.parse(category).value
    span = f"{_long(dates[0])} to {_long(dates[-1])}"
    if by is None:
        national = series(histories, dates, category)
        summaries = [national[d] for d in dates]
        figure = _new_figure((9, 4.2), figure)
        ax = figure.add_subplot()
        _stack(ax, summaries, dates, _bands(summaries))
        handles, labels = ax.get_legend_handles_labels()
        extra, extra_labels = figure.axes[-1].get_legend_handles_labels()
        ax.legend(
            handles[::-1] + extra,
            labels[::-1] + extra_labels,
            loc="upper left",
            bbox_to_anchor=(1.08, 1),
            fontsize=8,
            frameon=False,
        )
        ax.set_title(f"Councils by {name} grade in force, England, {span}", loc="left")
        return figure
    result = series(histories, dates, category, by)
    groups: list[Hashable] = []
    for day in dates:
        groups.extend(g for g in result[day] if g not in groups)
    bands = _bands(s for day in dates for s in result[day].values())
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
        _stack(ax, summaries, dates, bands)
        ax.set_title(group_name(group), fontsize=9, loc="left")
    for index in range(len(groups), rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    handles, labels = axes[0][0].get_legend_handles_labels()
    extra, extra_labels = figure.axes[-1].get_legend_handles_labels()
    figure.legend(
        handles[::-1] + extra,
        labels[::-1] + extra_labels,
        loc="outside lower center",
        ncols=4,
        fontsize=8,
        frameon=False,
    )
    grouping = by.replace("_", " ") if isinstance(by, str) else "group"
    figure.suptitle(f"Councils by {name} grade in force, by {grouping}, {span}", x=0.01, ha="left")
    return figure

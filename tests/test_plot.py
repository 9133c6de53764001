"""ofstedmodel.plot: the charts carry the data they claim to (needs the plot extra)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from typing import Any

import pytest

pytest.importorskip("matplotlib")

from matplotlib.axes import Axes
from matplotlib.dates import date2num, num2date
from matplotlib.figure import Figure

import ofstedmodel as om
from ofstedmodel import plot
from test_history import HISTORY
from test_populations import HISTORIES

G = om.Grade


def _lines(figure: Figure) -> dict[str, Any]:
    ax = figure.axes[0]
    return {
        line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")
    }


def _day(x: float) -> dt.date:
    return num2date(x).date()  # type: ignore[no-any-return]


def _span(band: Any, x: float) -> tuple[float, float] | None:
    """The bottom and top of a filled band where it crosses the vertical line at ``x`` (read
    from the polygon's edges, not from how matplotlib orders them), or None where it is not
    drawn."""
    ys = []
    for path in band.get_paths():
        for (x0, y0), (x1, y1) in itertools.pairwise(path.vertices):
            if min(x0, x1) < x < max(x0, x1):
                ys.append(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    return (min(ys), max(ys)) if ys else None


def _bands(ax: Axes) -> dict[str, Any]:
    return {band.get_label(): band for band in ax.collections}


def _period_shares(ax: Axes, dates: Sequence[dt.date]) -> list[dict[str, float]]:
    """For each period between consecutive dates, each band's height halfway through it."""
    shares = []
    for a, b in itertools.pairwise(dates):
        middle = (date2num(a) + date2num(b)) / 2
        spans = {label: _span(band, middle) for label, band in _bands(ax).items()}
        shares.append({label: s[1] - s[0] for label, s in spans.items() if s is not None})
    return shares


def _counts(figure: Figure, index: int = 1) -> dict[str, Any]:
    """The lines of a chart's count axis (the right one), by label."""
    return {line.get_label(): line for line in figure.axes[index].get_lines()}


def test_trajectory_has_one_line_per_known_judgement() -> None:
    figure = plot.trajectory(HISTORY, until="2026-08-22")
    assert isinstance(figure, Figure)
    adequate = "adequate (the grade before November 2013,\nlevel with requires improvement)"
    labels = set(_lines(figure))
    assert adequate in labels  # the 2012 child protection inspection gave adequate
    assert labels - {adequate} == {
        "overall effectiveness",
        "leadership",
        "help and protection",
        "children in care",
        "adoption",
        "care leavers",
    }
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert ticks[0] == "not known"
    # Issue 12: adequate is not requires improvement; it has a marker of its own instead.
    assert ticks[1:] == ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    texts = {t.get_text() for t in figure.axes[0].texts}
    assert {"SIF", "ILACS 2018", "ILACS 2023"} <= texts


def test_trajectory_steps_end_where_no_grade_is_in_force() -> None:
    figure = plot.trajectory(HISTORY, ["care leavers"], until="2026-08-22")
    line = _lines(figure)["care leavers"]
    xs = [num2date(x).date().isoformat() for x in line.get_xdata()]
    ys = list(line.get_ydata())
    # Inadequate 2014, outstanding 2018, nothing in force after the 2022 inspection (care
    # leavers were graded with children in care), good from December 2025.
    assert xs[:4] == ["2014-11-19", "2018-01-29", "2022-08-12", "2025-12-16"]
    assert round(ys[0]) == 1
    assert round(ys[1]) == 4
    assert math.isnan(ys[2])
    assert round(ys[3]) == 3


def test_adequate_has_its_own_marker_and_a_targeted_inspection_ends_no_step() -> None:
    rotherham = om.datasets.history("Rotherham")
    figure = plot.trajectory(rotherham, ["children in care"], until="2026-08-22")
    assert any("adequate" in label for label in _lines(figure))
    # The adequate points, and only they, have the half-filled marker; requires improvement
    # (2018) has the line's full one, at the same height.
    points = rotherham.trajectory("children in care").points
    adequate = [p.published for p in points if p.grade is G.ADEQUATE]
    markers = [line for line in figure.axes[0].get_lines() if line.get_linestyle() == "None"]
    half = [line for line in markers if line.get_fillstyle() == "left" and len(line.get_xdata())]
    assert [[_day(x) for x in line.get_xdata()] for line in half] == [adequate]
    full = [_day(x) for line in markers if line not in half for x in line.get_xdata()]
    assert not set(adequate) & set(full)
    assert dt.date(2018, 1, 29) in full
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert ticks == ["not known", "Inadequate", "Requires improvement", "Good", "Outstanding"]
    line = _lines(figure)["children in care"]
    xs = [num2date(x).date().isoformat() for x in line.get_xdata()]
    # SLAC 2010 adequate stays in force through the 2012 child protection inspection, which
    # did not judge services for children in care.
    assert xs[:2] == ["2010-08-27", "2014-11-19"]


def test_a_former_councils_steps_end_at_its_abolition() -> None:
    cumbria = om.datasets.history("Cumbria")
    figure = plot.trajectory(cumbria, ["overall effectiveness"], until="2026-08-22")
    line = _lines(figure)["overall effectiveness"]
    assert num2date(line.get_xdata()[-1]).date().isoformat() == "2023-04-01"


def test_trajectory_marks_ungraded_visits_and_unknown_grades() -> None:
    la = HISTORY.council
    history = HISTORY.add(
        om.Inspection(la, "ILACS", "2020-02-01", kind="focused visit"),
        om.Inspection(la, "SIF", "2016-03-01", grades_known=False),
    )
    figure = plot.trajectory(history, ["overall"], until="2026-08-22")
    lines = figure.axes[0].get_lines()
    assert "ungraded visit" in {line.get_label() for line in lines}
    hollow = [line for line in lines if line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1
    assert [num2date(x).date().isoformat() for x in hollow[0].get_xdata()] == ["2016-03-01"]


def test_national_stacks_shares_to_one() -> None:
    figure = plot.national(HISTORIES, start="2019-03-31", end="2023-03-31", freq="year")
    ax = figure.axes[0]
    assert len(ax.collections) == 4  # one band per grade
    top = ax.collections[-1].get_paths()[0].vertices[:, 1]
    assert max(top) == pytest.approx(1.0)
    # The number of councils the shares rest on is drawn too, on a second axis.
    coverage = figure.axes[1].get_lines()[0]
    assert coverage.get_label() == "councils with a known grade (right axis)"
    summaries = [om.summarise(HISTORIES, as_at=f"{year}-03-31") for year in range(2019, 2024)]
    assert list(coverage.get_ydata()) == [s.total for s in summaries]


def test_national_by_region_draws_a_chart_per_region() -> None:
    figure = plot.national(HISTORIES, start="2019-03-31", end="2023-03-31", by="region")
    titles = [ax.get_title(loc="left") for ax in figure.axes if ax.get_title(loc="left")]
    assert titles == ["Yorkshire and the Humber", "London", "South West"]


def test_bad_arguments_raise_library_errors() -> None:
    with pytest.raises(om.OfstedModelError):
        plot.trajectory("Rotherham")  # type: ignore[arg-type]
    with pytest.raises(om.OfstedModelError):
        plot.national(HISTORIES, freq="fortnight")
    with pytest.raises(om.OfstedModelError):
        plot.national(HISTORIES, start="2024-01-01", end="2023-01-01")


def test_draws_into_a_figure_of_the_callers() -> None:
    mine = Figure()
    assert plot.trajectory(HISTORY, until="2026-08-22", figure=mine) is mine
    assert plot.national(HISTORIES, start="2019-03-31", end="2020-03-31", figure=Figure())
    with pytest.raises(om.OfstedModelError, match="not a matplotlib Figure"):
        plot.trajectory(HISTORY, figure="canvas")  # type: ignore[arg-type]


# -- issue 12: the national chart -----------------------------------------------------------


def test_national_runs_to_the_end_not_the_last_quarter_end_before_it() -> None:
    figure = plot.national(HISTORIES, start="2019-03-31", end="2023-05-15")
    coverage = _counts(figure)["councils with a known grade (right axis)"]
    days = [_day(x) for x in coverage.get_xdata()]
    assert days[-3:] == [dt.date(2022, 12, 31), dt.date(2023, 3, 31), dt.date(2023, 5, 15)]
    assert coverage.get_ydata()[-1] == om.summarise(HISTORIES, "2023-05-15").total
    # The bands are drawn over the last stretch too, up to the end.
    last_stretch = _period_shares(figure.axes[0], days[-2:])[0]
    assert sum(last_stretch.values()) == pytest.approx(1.0)
    assert _day(figure.axes[0].get_xlim()[1]) == dt.date(2023, 5, 15)
    # It starts where asked too, and a span within one quarter is a chart of its two ends.
    for start, end, expected in (
        ("2019-02-14", "2019-08-01", ["2019-02-14", "2019-03-31", "2019-06-30", "2019-08-01"]),
        ("2019-04-01", "2019-05-01", ["2019-04-01", "2019-05-01"]),
    ):
        figure = plot.national(HISTORIES, start=start, end=end)
        coverage = _counts(figure)["councils with a known grade (right axis)"]
        assert [_day(x).isoformat() for x in coverage.get_xdata()] == expected


def test_national_runs_by_default_to_the_latest_publication_in_histories_of_ones_own() -> None:
    latest = max(i.published for h in HISTORIES.values() for i in h)
    figure = plot.national(HISTORIES, start="2019-03-31")
    coverage = _counts(figure)["councils with a known grade (right axis)"]
    assert _day(coverage.get_xdata()[-1]) == latest
    assert latest.strftime("%B %Y") in figure.axes[0].get_title(loc="left")


def test_national_runs_by_default_to_the_bundled_datas_snapshot() -> None:
    figure = plot.national(om.datasets.histories(), start="2026-03-31")
    coverage = _counts(figure)["councils with a known grade (right axis)"]
    days = [_day(x) for x in coverage.get_xdata()]
    assert days == [dt.date(2026, 3, 31), dt.date(2026, 6, 30), om.datasets.as_of]


def test_count_axes_have_whole_numbers_of_councils() -> None:
    # Few councils: a free tick locator would put ticks at 0.5, 1.5 ...
    for figure in (
        plot.national(HISTORIES, start="2019-03-31", end="2023-03-31", freq="year"),
        plot.national(HISTORIES, start="2019-03-31", end="2023-03-31", by="region"),
    ):
        counting = [ax for ax in figure.axes if ax.get_lines()]
        assert counting
        for ax in counting:
            low, high = ax.get_ylim()
            ticks = [t for t in ax.get_yticks() if low <= t <= high]
            assert len(ticks) >= 2
            assert all(float(t).is_integer() for t in ticks), ticks


def test_national_before_2013_keeps_adequate_apart_and_stacks_to_100_percent() -> None:
    histories = om.datasets.histories()
    dates = [dt.date(year, 3, 31) for year in range(2010, 2016)]
    figure = plot.national(histories, start=dates[0], end=dates[-1], freq="year")
    ax = figure.axes[0]
    labels = {g: g.label for g in G} | {G.ADEQUATE: "Adequate (the grade before November 2013)"}
    assert set(_bands(ax)) == set(labels.values())
    assert G.ADEQUATE.label not in _bands(ax)  # not merged into requires improvement's label
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert labels[G.ADEQUATE] in legend
    summaries = [om.summarise(histories, day) for day in dates]
    assert any(s.counts.get(G.ADEQUATE) for s in summaries)  # the years the test is about
    for summary, drawn in zip(summaries, _period_shares(ax, dates), strict=False):
        if not summary.total:
            assert drawn == {}
            continue
        assert sum(drawn.values()) == pytest.approx(1.0)
        for grade, label in labels.items():
            assert drawn[label] == pytest.approx(summary.share(grade)), (summary.as_at, grade)
    # Councils left out of the shares are counted on the right axis, never dropped silently.
    counts = _counts(figure)
    for label, of in (
        ("councils with a known grade (right axis)", lambda s: s.total),
        ("councils whose grade is not known (right axis)", lambda s: s.unknown),
        ("councils with no grade in force (right axis)", lambda s: s.not_graded),
    ):
        assert list(counts[label].get_ydata()) == [of(s) for s in summaries], label
        assert label in legend


def test_a_period_with_no_council_graded_is_a_gap_not_zero() -> None:
    # Adoption was graded by SIF alone: once every council had had an ILACS inspection, no
    # adoption grade was in force anywhere, and the chart draws nothing rather than 0%.
    histories = om.datasets.histories()
    dates = [dt.date(year, 3, 31) for year in range(2016, 2026)]
    figure = plot.national(histories, dates[0], dates[-1], "year", category="adoption")
    summaries = [om.summarise(histories, day, "adoption") for day in dates]
    assert summaries[0].total
    assert not summaries[-2].total
    for summary, drawn in zip(summaries, _period_shares(figure.axes[0], dates), strict=False):
        assert (drawn == {}) == (summary.total == 0)
        if summary.total:
            assert sum(drawn.values()) == pytest.approx(1.0)


def test_national_refuses_a_start_on_or_after_its_end() -> None:
    with pytest.raises(om.DateError) as caught:
        plot.national(HISTORIES, start="2023-03-31", end="2023-03-31")
    assert caught.value.field == "start"


# -- issue 12: the trajectory chart draws a grade only while it is in force ----------------


def test_every_step_of_every_real_trajectory_is_the_grade_in_force() -> None:
    """Over the whole bundled dataset: each line's level between two of its vertices is the
    grade :meth:`History.grade_as_at` gives on the first and last day of that stretch (none:
    no line), and before its first vertex no grade is in force. Adoption (graded by SIF
    alone) and care leavers (graded with children in care by ILACS 2018) stop where a later
    inspection did not grade them; a former council's lines stop at its abolition."""
    until = om.datasets.as_of
    checked = 0
    for history in om.datasets.histories().values():
        figure = plot.trajectory(history, until=until)
        for category in om.Category:
            line = _lines(figure).get(category.value)
            if line is None:
                continue
            days = [_day(x) for x in line.get_xdata()]
            levels = list(line.get_ydata())
            assert history.grade_as_at(days[0] - dt.timedelta(days=1), category) is None
            for (a, b), level in zip(itertools.pairwise(days), levels, strict=False):
                for day in {a, b - dt.timedelta(days=1)}:
                    grade = history.grade_as_at(day, category)
                    where = (history.council.name, category.value, day)
                    if grade is None:
                        assert math.isnan(level), where
                    else:
                        assert round(level) == 5 - grade.code, where
                    checked += 1
            # Nothing is drawn after the council's abolition or the chart's end.
            assert days[-1] == min(until, history.council.abolished or until)
    assert checked > 2000


def test_adoption_stops_at_the_first_inspection_that_did_not_grade_it() -> None:
    rotherham = om.datasets.history("Rotherham")
    line = _lines(plot.trajectory(rotherham, ["adoption"], until="2026-08-22"))["adoption"]
    days = [_day(x).isoformat() for x in line.get_xdata()]
    levels = list(line.get_ydata())
    # Requires improvement 2014, good 2018 (SIF); the 2022 ILACS inspection gave no adoption
    # grade, and nothing is drawn from it on.
    points = rotherham.trajectory("adoption").points
    assert [p.grade for p in points] == [G.REQUIRES_IMPROVEMENT, G.GOOD]
    assert days[:3] == ["2014-11-19", "2018-01-29", "2022-08-12"]
    assert days[-1] == "2026-08-22"
    assert [round(y) for y in levels[:2]] == [2, 3]
    assert all(math.isnan(y) for y in levels[2:])


def test_the_trajectory_says_the_date_its_lines_are_drawn_to() -> None:
    given = plot.trajectory(HISTORY, until="2026-08-22").axes[0].get_xlabel()
    assert given == "report published; grades drawn to 22 August 2026"
    today = dt.date.today()
    label = plot.trajectory(HISTORY).axes[0].get_xlabel()
    assert label.endswith(f"{today.day} {today:%B %Y} (today)") or dt.date.today() != today

"""ofstedmodel.plot: the charts carry the data they claim to (needs the plot extra)."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("matplotlib")

from matplotlib.dates import num2date
from matplotlib.figure import Figure

import ofstedmodel as om
from ofstedmodel import plot
from test_history import HISTORY
from test_populations import HISTORIES


def _lines(figure: Figure) -> dict[str, object]:
    ax = figure.axes[0]
    return {
        line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")
    }


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

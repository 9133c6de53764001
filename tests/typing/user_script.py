"""A user's script calling the documented API, type-checked with ``mypy --strict`` in CI
(``.ci/run``): it must pass with no casts, no ``isinstance`` and no ``type: ignore``."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

import ofstedmodel as om
from ofstedmodel import plot


def main() -> None:
    histories = om.datasets.histories()
    england: om.Summary = om.summarise(histories, as_at=dt.date(2024, 3, 31))
    print(england.share_good_or_better, england.unknown, england.not_graded)
    by_region: om.GroupedSummary = om.summarise(histories, "2024-03-31", by="region")
    for region, summary in by_region.items():
        print(region, summary.share_good_or_better)
    print(by_region.combined.total)
    by_kind = om.summarise(histories, "2024-03-31", om.Category.CHILDREN_IN_CARE, "kind")
    print(len(by_kind))
    release = om.summarise(histories, "2025-03-31", published_by="2025-06-30")
    print(release.total)
    over_time = om.series(histories, ["2022-03-31", "2024-03-31"])
    print([s.share_good_or_better for s in over_time.values()])
    regional = om.series(histories, ["2024-03-31"], by="ofsted_region")
    print([len(groups) for groups in regional.values()])
    rotherham = om.datasets.history("Rotherham")
    latest: om.Inspection | None = rotherham.as_at("2025-03-31", published_by="2025-06-30")
    print(latest, rotherham.grade_as_at("2018-01-29"))
    print(om.describe(england), om.describe(by_region))
    moves = om.transitions(histories, as_at="2025-03-31", published_by="2025-06-30")
    print(len(moves.improved))
    # Dates as dates or ISO text, categories and grades as members or their names.
    cared_for: om.Inspection | None = rotherham.as_at(dt.date(2024, 3, 31), om.Category.ADOPTION)
    leavers: om.Grade | None = rotherham.grade_as_at("2024-03-31", "care leavers")
    print(cared_for, leavers)
    lagged = om.series(
        histories,
        [dt.date(2024, 3, 31), "2025-03-31"],
        "help and protection",
        published_by=relativedelta(months=3),
    )
    print([s.total for s in lagged.values()])
    grouping: str | None = "region"
    either = om.summarise(histories, "2024-03-31", by=grouping)  # Summary | GroupedSummary
    print(om.describe(either))
    print(england.share("requires improvement"), england.share(om.Grade.GOOD))
    # Without a date: as at the date the data runs to, as the command line counts.
    now: om.Summary = om.summarise(histories)
    now_by_region: om.GroupedSummary = om.summarise(histories, by="region")
    print(now.as_at, len(now_by_region), len(om.transitions(histories).declined))
    neighbours: om.Peers = om.peers(rotherham, histories)
    print(neighbours.grade, neighbours.neighbours_good_or_better)
    # Comparisons and trajectories.
    comparison: om.Comparison = rotherham.compare("2014-12-01", "2018-02-01")
    print(om.describe(comparison), comparison.elapsed)
    change: om.Change | None = om.compare(rotherham.graded[2], rotherham.graded[3]).overall
    if change is not None:
        print(om.describe(change), change.steps)
    care_leavers: om.Trajectory = rotherham.trajectory("care leavers")
    point: om.Point | None = care_leavers.first(om.Grade.GOOD, after="2014-11-19")
    print(point, care_leavers.first("outstanding", before=dt.date(2026, 1, 1)))
    print(care_leavers.last(2), [streak.length for streak in care_leavers.streaks()])
    print(om.describe(care_leavers), om.describe(rotherham), care_leavers.direction)
    print(rotherham.between("2018-01-01", dt.date(2023, 1, 1)))
    # A user's own histories.
    la = om.Council("Camden", "202", region="London")
    own = om.History(la, [om.Inspection(la, "ILACS", "2019-06-10", {"overall": "good"})])
    print(om.summarise([own]).as_at, om.summarise({"202": own}, dt.date(2020, 1, 1)).total)
    # Charts.
    chart = plot.national(histories, start="2025-03-31")
    steps = plot.trajectory(rotherham, ["overall", om.Category.ADOPTION], until=om.datasets.as_of)
    print(len(chart.axes), len(steps.axes))


if __name__ == "__main__":
    main()

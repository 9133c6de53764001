"""A user's script calling the documented API, type-checked with ``mypy --strict`` in CI
(``.ci/run``): it must pass with no casts, no ``isinstance`` and no ``type: ignore``."""

from __future__ import annotations

import datetime as dt

import ofstedmodel as om


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


if __name__ == "__main__":
    main()

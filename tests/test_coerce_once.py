"""Each argument is coerced once, where the caller's call enters the library (issue 11).

The public functions take dates as text and categories, grades and frameworks by name; the
code below them passes the checked values down. These tests count the converters' calls
(every module's ``to_date``, and ``parse`` of ``Category``, ``Grade`` and ``Framework``)
while a public function runs: one per argument given, however many councils are counted.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter
from collections.abc import Callable

import pytest
from dateutil.relativedelta import relativedelta

import ofstedmodel as om
from ofstedmodel import _coerce

# Every module below the readers that converts a caller's values (imported here: the package
# imports some of them only when first asked for one of their names).
MODULES = [
    importlib.import_module(f"ofstedmodel.{name}")
    for name in (
        "_coerce",
        "changes",
        "councils",
        "frameworks",
        "history",
        "inspections",
        "narrative",
        "populations",
        "trajectories",
    )
]
HISTORIES = om.datasets.histories()
LEEDS = HISTORIES["383"]


def _synthetic(count: int) -> list[om.History]:
    """``count`` councils, each with an ILACS grade known for every judgement in force."""
    out = []
    for index in range(count):
        council = om.Council(f"Council {index}", f"{100 + index:03d}", region="London")
        inspection = om.Inspection(
            council, "ILACS", dt.date(2019, 1, 10) + dt.timedelta(days=index), {"overall": "good"}
        )
        out.append(om.History(council, [inspection]))
    return out


SYNTHETIC = _synthetic(50)


class Calls:
    """What the converters were asked: ``dates`` (calls of ``to_date``), and for each
    vocabulary enum ``parsed[name]`` (every call) and ``read[name]`` (calls given something
    other than a member: text or a code)."""

    def __init__(self) -> None:
        self.dates = 0
        self.parsed: Counter[str] = Counter()
        self.read: Counter[str] = Counter()

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    seen = Calls()
    real_to_date = _coerce.to_date

    def to_date(value: object, *args: object, **kwargs: object) -> dt.date:
        seen.dates += 1
        return real_to_date(value, *args, **kwargs)  # type: ignore[arg-type]

    # Every module that imported the converter by name, and _coerce itself (which
    # to_optional_date calls through).
    for module in MODULES:
        if getattr(module, "to_date", None) is real_to_date:
            monkeypatch.setattr(module, "to_date", to_date)

    for enum in (om.Category, om.Grade, om.Framework):
        real_parse = enum.parse

        def parse(
            cls: type[om.Category], value: object, real: Callable[[object], object] = real_parse
        ) -> object:
            seen.parsed[cls.__name__] += 1
            if not isinstance(value, cls):
                seen.read[cls.__name__] += 1
            return real(value)

        monkeypatch.setattr(enum, "parse", classmethod(parse))
    return seen


def test_the_counter_counts(calls: Calls) -> None:
    poole = om.Council("Poole", "836", abolished="2019-04-01")
    calls.reset()
    poole.existed_on("2019-03-31")
    om.Category.parse("overall")
    assert calls.dates == 1
    assert calls.parsed["Category"] == calls.read["Category"] == 1


def test_summarise_converts_the_date_and_category_once(calls: Calls) -> None:
    result = om.summarise(HISTORIES, "2024-03-31", "overall effectiveness", by="region")
    assert result.combined.existing > 100  # every council was looked at, in two tallies
    assert calls.dates == 1
    assert calls.read["Category"] == 1


def test_summarise_parses_nothing_per_council(calls: Calls) -> None:
    # Every council graded and known: no look-up of a member either, at any population size.
    result = om.summarise(SYNTHETIC, "2024-03-31", "overall", by="region")
    assert result.combined.total == len(SYNTHETIC)
    assert calls.dates == 1
    assert calls.parsed["Category"] == 1


def test_summarise_with_a_cut_off_converts_each_date_once(calls: Calls) -> None:
    om.summarise(HISTORIES, "2024-03-31", "overall", published_by="2024-06-30")
    assert calls.dates == 2
    assert calls.read["Category"] == 1


@pytest.mark.parametrize("by", [None, "region"])
def test_series_converts_each_date_once(calls: Calls, by: str | None) -> None:
    dates = ["2019-03-31", "2020-03-31", "2021-03-31", "2022-03-31"]
    result = om.series(HISTORIES, dates, "overall", by)
    assert len(result) == len(dates)
    assert calls.dates == len(dates)
    assert calls.read["Category"] == 1
    calls.reset()
    om.series(HISTORIES, dates, "overall", by, published_by="2022-06-30")
    assert calls.dates == len(dates) + 1
    calls.reset()
    om.series(HISTORIES, dates, "overall", by, published_by=relativedelta(months=3))
    assert calls.dates == len(dates)


def test_series_parses_nothing_per_council(calls: Calls) -> None:
    om.series(SYNTHETIC, ["2020-03-31", "2021-03-31"], "overall", "region")
    assert calls.parsed["Category"] == 1


def test_series_of_no_dates_still_checks_them() -> None:
    assert om.series(HISTORIES, []) == {}
    with pytest.raises(om.DateError, match="dates"):
        om.series(HISTORIES, ["2020-03-31", "not a date"])


def test_peers_converts_once(calls: Calls) -> None:
    result = om.peers(LEEDS, HISTORIES, "2024-03-31", "overall")
    assert result.neighbours
    assert calls.dates == 1
    assert calls.read["Category"] == 1


def test_transitions_converts_once(calls: Calls) -> None:
    result = om.transitions(HISTORIES, "2024-03-31", "ILACS", "overall", published_by="2024-06-30")
    assert result.changes
    assert calls.dates == 2  # as_at and published_by, once each
    assert calls.read["Category"] == 1
    assert calls.read["Framework"] == 1
    # Per inspection, no parse of a member either: only the unknown grades are asked about.
    assert calls.parsed["Category"] < 1 + sum(
        1 for h in HISTORIES.values() for i in h.graded if not i.grades_known or i.unknown
    )


def test_history_methods_convert_once(calls: Calls) -> None:
    assert LEEDS.grade_as_at("2024-03-31", "overall", published_by="2024-06-30") is not None
    assert calls.dates == 2
    assert calls.parsed["Category"] == calls.read["Category"] == 1
    calls.reset()
    LEEDS.as_at("2024-03-31", "overall")
    assert calls.dates == 1
    assert calls.parsed["Category"] == 1
    calls.reset()
    LEEDS.trajectory("overall")
    assert calls.parsed["Category"] == 1


def test_trajectory_methods_convert_once(calls: Calls) -> None:
    trajectory = HISTORIES["372"].trajectory()
    calls.reset()
    good = "good"  # text, as callers give it (the method parses it)
    assert trajectory.first(good, "2014-01-01", before="2030-01-01") is not None  # type: ignore[arg-type]
    assert calls.dates == 2
    assert calls.parsed["Grade"] == 1
    calls.reset()
    assert trajectory.last(good, before="2030-01-01") is not None  # type: ignore[arg-type]
    assert calls.dates == 1
    assert calls.parsed["Grade"] == 1


def test_describe_converts_nothing(calls: Calls) -> None:
    # Its values are the library's own, already checked.
    summary = om.summarise(SYNTHETIC, dt.date(2024, 3, 31))
    comparison = HISTORIES["372"].compare()
    calls.reset()
    om.describe(HISTORIES["372"])
    om.describe(comparison)
    om.describe(summary)
    assert calls.dates == 0
    assert calls.read["Grade"] == calls.read["Category"] == 0
    assert calls.parsed["Grade"] == 0

"""Tidy DataFrames: one row per judgement, nothing lost, reversed exactly."""

from __future__ import annotations

import pytest

pd = pytest.importorskip("pandas")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import ofstedmodel as om  # noqa: E402
from ofstedmodel import datasets, io  # noqa: E402
from ofstedmodel import strategies as oms  # noqa: E402


def _sources(histories: dict[str, om.History]) -> list[str | None]:
    return [i.source for h in histories.values() for i in h.inspections]


def test_whole_dataset_round_trips_exactly() -> None:
    histories = dict(datasets.histories())
    frame = io.to_dataframe(histories)
    assert list(frame.columns) == list(io.dataframe.COLUMNS)
    back = io.from_dataframe(frame)
    assert back == histories
    assert _sources(back) == _sources(histories)


def test_tidy_rows_per_judgement_and_empty_rows_for_unknowns() -> None:
    rotherham = datasets.history("Rotherham")
    frame = io.to_dataframe(rotherham)
    assert len(frame) == sum(
        max(1, len(i.judgements) + len(i.unknown)) for i in rotherham.inspections
    )
    first = frame.iloc[0]
    assert first["category"] == "OVERALL_EFFECTIVENESS"
    assert first["label"] == "Overall effectiveness of safeguarding services"
    assert first["grade"] == "ADEQUATE"
    assert first["code"] == 3
    assert str(frame["published"].dtype).startswith("datetime64")
    # A report whose grades are unknown is one row with no grade; a judgement made whose
    # grade is unknown (SLAC's capacity to improve) is a row with its category and no grade.
    la = rotherham.council
    unknown = om.History(la, [om.Inspection(la, "SIF", "2015-01-01", grades_known=False)])
    rows = io.to_dataframe(unknown)
    assert len(rows) == 1
    assert rows["grade"].isna().all()
    assert io.from_dataframe(rows)["372"] == unknown
    slac = frame[frame["framework"] == "SLAC"]
    assert list(slac["category"]) == [
        "OVERALL_EFFECTIVENESS",
        "CHILDREN_IN_CARE",
        "CAPACITY_TO_IMPROVE_SAFEGUARDING",
        "CAPACITY_TO_IMPROVE_CHILDREN_IN_CARE",
    ]
    assert list(slac["grade"].isna()) == [False, False, True, True]


def test_a_council_with_no_inspections_survives() -> None:
    council = om.Council("Nowhere", "999", region="London")
    frame = io.to_dataframe([om.History(council, [])])
    assert len(frame) == 1
    assert io.from_dataframe(frame) == {"999": om.History(council, [])}


@settings(max_examples=40)
@given(st.lists(oms.histories(max_size=5), max_size=4, unique_by=lambda h: h.council.la_code))
def test_generated_histories_round_trip(histories: list[om.History]) -> None:
    expected = {h.council.la_code: h for h in histories}
    back = io.from_dataframe(io.to_dataframe(histories))
    assert back == expected
    assert _sources(back) == _sources(expected)


def test_bad_frames_raise_load_errors() -> None:
    frame = io.to_dataframe(datasets.history("Rotherham"))
    with pytest.raises(om.LoadError, match="missing column"):
        io.from_dataframe(frame.drop(columns=["grade"]))
    broken = frame.copy()
    broken.loc[1, "grade"] = "excellent"
    with pytest.raises(om.LoadError, match="row 1"):
        io.from_dataframe(broken)
    with pytest.raises(om.OfstedModelError):
        io.from_dataframe("a frame")
    with pytest.raises(om.OfstedModelError):
        io.to_dataframe(42)

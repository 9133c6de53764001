"""Fuzzing every other entry point: values of every wrong type into every argument of every
public constructor and function, a data frame's cells and the plot functions. Only the
library's own errors may come out, and they render."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import RAW
from ofstedmodel import datasets
from ofstedmodel.io import (
    from_dataframe,
    from_json,
    read_csv,
    read_d2i_history,
    read_d2i_lookup,
    read_ofsted_outcomes,
    to_dataframe,
    to_json,
    write_csv,
)

from .values import (
    AS_AT,
    COUNCIL,
    D2I_LINES,
    HISTORIES,
    HOSTILE,
    INSPECTION,
    POPULATION,
    ROTHERHAM,
    SUMMARY,
    TRAJECTORY,
    capped,
    own_csv_text,
)

# The arguments the fuzz replaces one at a time; valid together (checked below).
COUNCIL_ARGS: dict[str, object] = {"name": "Rotherham", "la_code": "372"}
INSPECTION_ARGS: dict[str, object] = {
    "council": COUNCIL,
    "framework": "SIF",
    "published": dt.date(2014, 11, 19),
    "judgements": {"overall": "inadequate"},
    "kind": "SIF inspection",
    "start": dt.date(2014, 9, 16),
    "end": dt.date(2014, 10, 8),
    "grades_known": True,
    "unknown": (),
    "source": "https://example.invalid",
}


def is_path_text(value: object) -> bool:
    """Whether ``value`` names a file: the fuzz does not write to, or read from, names it made
    up (a missing file is tested in test_io_d2i)."""
    return isinstance(value, (str, bytes, os.PathLike))


def is_hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def is_iterable(value: object) -> bool:
    try:
        iter(value)  # type: ignore[call-overload]
    except TypeError:
        return False
    return True


def in_year_9999(value: object) -> bool:
    """Whether ``value`` is a date in the year 9999, or ISO text of one."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return False
    return isinstance(value, dt.date) and value.year == 9999


def small_indent(value: object) -> bool:
    """An indent json.dumps can use without a huge allocation: None, text or a small int."""
    return value is None or isinstance(value, str) or (isinstance(value, int) and abs(value) <= 100)


def entry_points(workdir: Path) -> list[tuple[str, Callable[[Any], object]]]:
    """Every argument of every public constructor and function, as a call of one value.

    A call returns ``None`` without calling the library for a value that triggers a bug
    recorded in test_regressions (the name of its test is given), so that this fuzz stays green
    while still covering every other value.
    """
    out = workdir / "out.csv"
    small_d2i = workdir / "small-d2i.csv"
    small_d2i.write_text("\n".join(D2I_LINES[:6]) + "\n", encoding="utf-8")
    small_own = workdir / "small-own.csv"
    small_own.write_text(own_csv_text(ROTHERHAM), encoding="utf-8")
    small_outcomes = workdir / "small-outcomes.csv"
    outcome_lines = (
        (RAW / "ofsted" / "la-outcomes-as-at-2025-03-31.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()
    )
    small_outcomes.write_text("\n".join(outcome_lines[:4]) + "\n", encoding="utf-8")
    calls: list[tuple[str, Callable[[Any], object]]] = []
    for field in ("name", "la_code"):
        calls.append(
            (f"Council({field}=v)", lambda v, f=field: om.Council(**{**COUNCIL_ARGS, f: v}))
        )
    for field in [f.name for f in attrs.fields(om.Council)][2:]:
        calls.append(
            (f"Council({field}=v)", lambda v, f=field: om.Council("Rotherham", "372", **{f: v}))
        )
    calls += [
        ("Judgement(category=v)", lambda v: om.Judgement(v, "good")),
        ("Judgement(grade=v)", lambda v: om.Judgement("adoption", v)),
    ]
    for field in INSPECTION_ARGS:
        calls.append(
            (
                f"Inspection({field}=v)",
                lambda v, f=field: om.Inspection(**{**INSPECTION_ARGS, f: v}),
            )
        )
    calls += [
        ("History(council=v)", lambda v: om.History(v, [])),
        ("History(inspections=v)", lambda v: om.History(COUNCIL, v)),
        ("History(inspections=[v])", lambda v: om.History(COUNCIL, [v])),
        ("History(inspections=[i, v])", lambda v: om.History(COUNCIL, [INSPECTION, v])),
        ("History.as_at(v)", lambda v: ROTHERHAM.as_at(v)),
        ("History.grade_as_at(v)", lambda v: ROTHERHAM.grade_as_at(v)),
        ("History.grade_as_at(d, v)", lambda v: ROTHERHAM.grade_as_at(AS_AT, v)),
        ("History.trajectory(v)", lambda v: ROTHERHAM.trajectory(v)),
        ("History.compare(v)", lambda v: ROTHERHAM.compare(v)),
        ("History.compare(after=v)", lambda v: ROTHERHAM.compare(after=v)),
        ("History.compare(v, v)", lambda v: ROTHERHAM.compare(v, v)),
        ("History.between(v)", lambda v: ROTHERHAM.between(v)),
        ("History.between(end=v)", lambda v: ROTHERHAM.between(end=v)),
        ("History.add(v)", lambda v: ROTHERHAM.add(v)),
        ("Trajectory.first(v)", lambda v: TRAJECTORY.first(v)),
        ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
        ("Trajectory.first(before=v)", lambda v: TRAJECTORY.first(before=v)),
        ("Trajectory.last(v)", lambda v: TRAJECTORY.last(v)),
        ("Trajectory.last(before=v)", lambda v: TRAJECTORY.last(before=v)),
        ("Summary.share(v)", lambda v: SUMMARY.share(v)),
        ("compare(v, i)", lambda v: om.compare(v, INSPECTION)),
        ("compare(i, v)", lambda v: om.compare(INSPECTION, v)),
        ("describe(v)", lambda v: om.describe(v)),
        ("summarise(v, d)", lambda v: om.summarise(v, AS_AT)),
        ("summarise(hs, v)", lambda v: om.summarise(POPULATION, v)),
        ("summarise(hs, d, v)", lambda v: om.summarise(POPULATION, AS_AT, v)),
        # A function given as ``by`` is the caller's code: its own errors are its own.
        (
            "summarise(by=v)",
            lambda v: None if callable(v) else om.summarise(POPULATION, AS_AT, by=v),
        ),
        # test_a_group_key_that_cannot_be_hashed_is_refused_with_a_library_error
        (
            "summarise(by=lambda h: v)",
            lambda v: om.summarise(POPULATION, AS_AT, by=lambda h: v) if is_hashable(v) else None,
        ),
        ("series(v, [d])", lambda v: om.series(v, [AS_AT])),
        ("series(hs, v)", lambda v: om.series(POPULATION, v)),
        ("series(hs, [v])", lambda v: om.series(POPULATION, [v])),
        ("series(hs, [d], v)", lambda v: om.series(POPULATION, [AS_AT], v)),
        ("series(by=v)", lambda v: None if callable(v) else om.series(POPULATION, [AS_AT], by=v)),
        ("transitions(v, d)", lambda v: om.transitions(v, AS_AT)),
        ("transitions(hs, v)", lambda v: om.transitions(POPULATION, v)),
        ("transitions(hs, d, v)", lambda v: om.transitions(POPULATION, AS_AT, v)),
        ("transitions(category=v)", lambda v: om.transitions(POPULATION, AS_AT, category=v)),
        ("peers(v, hs, d)", lambda v: om.peers(v, POPULATION, AS_AT)),
        ("peers(h, v, d)", lambda v: om.peers(ROTHERHAM, v, AS_AT)),
        ("peers(h, hs, v)", lambda v: om.peers(ROTHERHAM, POPULATION, v)),
        ("peers(h, hs, d, v)", lambda v: om.peers(ROTHERHAM, POPULATION, AS_AT, v)),
        ("Grade.parse(v)", lambda v: om.Grade.parse(v)),
        ("Category.parse(v)", lambda v: om.Category.parse(v)),
        ("Framework.parse(v)", lambda v: om.Framework.parse(v)),
        ("Framework.for_date(v)", lambda v: om.Framework.for_date(v)),
        ("Framework.label(v)", lambda v: om.Framework.ILACS.label(v)),
        (
            "Framework.label(c, on=v)",
            lambda v: om.Framework.ILACS.label(om.Category.ADOPTION, on=v),
        ),
        ("Framework.categories_on(v)", lambda v: om.Framework.ILACS.categories_on(v)),
        ("Region.parse(v)", lambda v: om.Region.parse(v)),
        ("InspectionKind.parse(v)", lambda v: om.InspectionKind.parse(v)),
        ("CouncilKind.parse(v)", lambda v: om.CouncilKind.parse(v)),
        ("datasets.council(v)", lambda v: datasets.council(v)),
        ("datasets.history(v)", lambda v: datasets.history(v)),
        ("io.to_json(v)", lambda v: to_json(v)),
        # test_to_json_refuses_an_indent_that_is_not_a_whole_number_with_a_library_error
        ("io.to_json(indent=v)", lambda v: to_json(COUNCIL, indent=v) if small_indent(v) else None),
        ("io.from_json(v)", lambda v: from_json(v)),
        ("io.write_csv(v, path)", lambda v: write_csv(v, out)),
        ("io.write_csv(h, v)", lambda v: None if is_path_text(v) else write_csv(ROTHERHAM, v)),
        ("io.read_csv(v)", lambda v: None if is_path_text(v) else read_csv(v)),
        ("io.read_csv(errors=v)", lambda v: read_csv(small_own, errors=v)),
        ("io.read_d2i_history(v)", lambda v: None if is_path_text(v) else read_d2i_history(v)),
        (
            "io.read_d2i_history(lookup=v)",
            lambda v: read_d2i_history(small_d2i, v, errors="collect"),
        ),
        ("io.read_d2i_history(errors=v)", lambda v: read_d2i_history(small_d2i, errors=v)),
        ("io.read_d2i_lookup(v)", lambda v: None if is_path_text(v) else read_d2i_lookup(v)),
        (
            "io.read_ofsted_outcomes(v)",
            lambda v: None if is_path_text(v) else read_ofsted_outcomes(v),
        ),
        (
            "io.read_ofsted_outcomes(lookup=v)",
            lambda v: read_ofsted_outcomes(small_outcomes, v, errors="collect"),
        ),
        (
            "io.read_ofsted_outcomes(errors=v)",
            lambda v: read_ofsted_outcomes(small_outcomes, errors=v),
        ),
        (
            "io.read_ofsted_outcomes(sheet=v)",
            lambda v: read_ofsted_outcomes(small_outcomes, sheet=v),
        ),
        ("io.to_dataframe(v)", lambda v: to_dataframe(v)),
        ("io.from_dataframe(v)", lambda v: from_dataframe(v)),
    ]
    return calls


DESCRIBABLE = (
    om.Change,
    om.Comparison,
    om.Trajectory,
    om.History,
    om.Summary,
    om.Transitions,
    om.Peers,
)


def safe_repr(value: object) -> str:
    try:
        return repr(value)[:200]
    except Exception:  # a value too big to show is still named
        return f"<{type(value).__name__}>"


def call_expecting_library_errors(
    name: str, call: Callable[[Any], object], value: object
) -> object:
    """Call; let only :class:`~ofstedmodel.OfstedModelError` out, and check that it renders.
    Whatever is returned that describe() takes, describe() must take."""
    try:
        result = call(value)
    except om.OfstedModelError as error:
        message = str(error)
    except Exception as error:
        raise AssertionError(
            f"{name} with {safe_repr(value)} let {type(error).__name__} escape: {error}"
        ) from error
    else:
        message = None
    if message is not None:
        assert message, f"{name}: an error with no message for {safe_repr(value)}"
        return None
    if isinstance(result, (DESCRIBABLE, om.GroupedSummary)):
        assert isinstance(om.describe(result), str)
    return result


@pytest.fixture(scope="module")
def entries(workdir: Path) -> list[tuple[str, Callable[[Any], object]]]:
    return entry_points(workdir)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE)
def test_every_argument_of_every_entry_point_takes_hostile_values(
    entries: list[tuple[str, Callable[[Any], object]]], value: object
) -> None:
    for name, call in entries:
        call_expecting_library_errors(name, call, value)


def test_the_entry_points_cover_the_public_api(
    entries: list[tuple[str, Callable[[Any], object]]],
) -> None:
    # The arguments not replaced are valid, so each call fails, if it does, for the value.
    assert om.Council(**COUNCIL_ARGS).la_code == "372"
    assert om.Inspection(**INSPECTION_ARGS).overall is om.Grade.INADEQUATE
    names = {name.split("(")[0] for name, _ in entries}
    for function in ("compare", "describe", "summarise", "series", "transitions", "peers"):
        assert function in names
    for constructor in ("Council", "Judgement", "Inspection", "History"):
        assert constructor in names
    for io_function in om.io.__all__:
        if io_function not in ("LoadResult", "Problem"):
            assert f"io.{io_function}" in names
    # Every keyword of each constructor is fuzzed.
    fuzzed = {name for name, _ in entries}
    for cls in (om.Council, om.Inspection):
        for field in attrs.fields(cls):
            if field.init:
                assert f"{cls.__name__}({field.name}=v)" in fuzzed


@settings(max_examples=capped(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE, data=st.data())
def test_a_data_frame_with_a_hostile_cell_loads_soundly_or_raises_a_library_error(
    value: object, data: st.DataObject
) -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe([ROTHERHAM, HISTORIES["836"]]).astype(object)
    column = data.draw(st.sampled_from(list(frame.columns)))
    row = data.draw(st.integers(0, len(frame) - 1))
    frame.iat[row, frame.columns.get_loc(column)] = value
    try:
        back = from_dataframe(frame)
    except om.OfstedModelError as error:
        message = str(error)
    else:
        assert all(isinstance(h, om.History) for h in back.values())
        assert from_dataframe(to_dataframe(back)) == back  # whatever loads is sound
        return
    assert message


@pytest.mark.filterwarnings("ignore:No artists with labels:UserWarning")
@settings(max_examples=capped(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE)
def test_the_plot_functions_take_hostile_values(value: object) -> None:
    plot = pytest.importorskip("ofstedmodel.plot")
    pytest.importorskip("matplotlib")
    population = [ROTHERHAM, HISTORIES["370"]]
    calls: list[tuple[str, Callable[[Any], object]]] = [
        ("plot.trajectory(v)", lambda v: plot.trajectory(v)),
        ("plot.trajectory(h, categories=v)", lambda v: plot.trajectory(ROTHERHAM, v)),
        ("plot.trajectory(h, until=v)", lambda v: plot.trajectory(ROTHERHAM, until=v)),
        ("plot.trajectory(h, title=v)", lambda v: plot.trajectory(ROTHERHAM, title=v)),
        ("plot.trajectory(h, figure=v)", lambda v: plot.trajectory(ROTHERHAM, figure=v)),
        ("plot.national(v)", lambda v: plot.national(v, "2023-01-01", "2024-12-31")),
        ("plot.national(start=v)", lambda v: plot.national(population, v, freq="year")),
        (
            "plot.national(end=v)",
            lambda v: plot.national(population, "2018-03-31", v, freq="year"),
        ),
        (
            "plot.national(freq=v)",
            lambda v: plot.national(population, "2023-01-01", "2024-12-31", v),
        ),
        (
            "plot.national(category=v)",
            lambda v: plot.national(population, "2023-01-01", "2024-12-31", category=v),
        ),
        (
            "plot.national(by=v)",
            lambda v: (
                None if callable(v) else plot.national(population, "2023-01-01", "2024-12-31", by=v)
            ),
        ),
        (
            "plot.national(figure=v)",
            lambda v: plot.national(population, "2023-01-01", "2024-12-31", figure=v),
        ),
    ]
    for name, call in calls:
        call_expecting_library_errors(name, call, value)

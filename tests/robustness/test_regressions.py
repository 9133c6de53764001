"""Bugs the robustness suite found, now fixed.

Each test below failed when this suite was written, because of the library bug its docstring
describes ("Was:"); it now holds the fix in place (each was a strict ``xfail`` until fixed).
The fuzz of ``test_entry_points`` also takes these values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import io
import math
from collections.abc import Callable
from typing import Any

import pytest

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel.io import (
    from_dataframe,
    from_json,
    read_csv,
    read_d2i_history,
    to_dataframe,
    to_json,
    write_csv,
)

from .helpers import LinesOnly, assert_refused, read_d2i
from .values import (
    AS_AT,
    COUNCIL,
    D2I_LINES,
    D2I_RAW_ROWS,
    ENUMS,
    HUGE_INT,
    INSPECTION,
    OWN_HEADER,
    OWN_RAW_ROWS,
    POPULATION,
    ROTHERHAM,
    TRAJECTORY,
)

_TOO_LONG_TO_PRINT = [
    ("Grade.parse", lambda v: om.Grade.parse(v)),
    ("Category.parse", lambda v: om.Category.parse(v)),
    ("Framework.parse", lambda v: om.Framework.parse(v)),
    ("Framework.for_date", lambda v: om.Framework.for_date(v)),
    ("Framework.label", lambda v: om.Framework.ILACS.label(v)),
    ("Region.parse", lambda v: om.Region.parse(v)),
    ("Council(la_code=v)", lambda v: om.Council("Rotherham", v)),
    ("Council(name=v)", lambda v: om.Council(v, "372")),
    ("Judgement(grade=v)", lambda v: om.Judgement("adoption", v)),
    ("Inspection(published=v)", lambda v: om.Inspection(COUNCIL, "SIF", v)),
    ("History(council=v)", lambda v: om.History(v)),
    ("History.as_at", lambda v: ROTHERHAM.as_at(v)),
    ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
    ("compare", lambda v: om.compare(INSPECTION, v)),
    ("describe", lambda v: om.describe(v)),
    ("summarise(as_at=v)", lambda v: om.summarise(POPULATION, v)),
    ("summarise(by=v)", lambda v: om.summarise(POPULATION, AS_AT, by=v)),
    ("peers(as_at=v)", lambda v: om.peers(ROTHERHAM, POPULATION, v)),
    ("datasets.council", lambda v: datasets.council(v)),
    ("io.to_json", lambda v: to_json(v)),
    ("io.read_csv", lambda v: read_csv(v)),
    ("io.read_d2i_history", lambda v: read_d2i_history(v)),
    ("io.to_dataframe", lambda v: to_dataframe(v)),
    # Found when the suite was split: these three put repr() of their argument in the message.
    ("plot.trajectory", lambda v: _plot().trajectory(v)),
    ("plot.trajectory(figure=v)", lambda v: _plot().trajectory(ROTHERHAM, figure=v)),
    ("plot.national(freq=v)", lambda v: _plot().national(POPULATION, freq=v)),
]


def _plot() -> Any:
    return pytest.importorskip("ofstedmodel.plot")


@pytest.mark.parametrize(
    ("name", "call"), _TOO_LONG_TO_PRINT, ids=[n for n, _ in _TOO_LONG_TO_PRINT]
)
def test_an_int_too_long_to_print_is_refused_with_a_library_error(
    name: str, call: Callable[[Any], object]
) -> None:
    """Was: the library's error messages show the bad value with ``{value!r}`` (and
    councils.py ``_la_code`` and register.py ``CouncilRegister.get`` turn an int into text
    with ``str()``); for an int of more than 4,300 digits that raises a bare ValueError
    ("Exceeds the limit (4300 digits) for integer string conversion"), so the library's own
    error, which would have been raised, never is. Every entry point listed fails this way."""
    with contextlib.suppress(om.OfstedModelError):
        call(HUGE_INT)


def test_an_int_too_long_to_print_is_refused_by_from_json() -> None:
    # The one entry point that never shows the value: its check of the type comes first.
    with pytest.raises(om.LoadError, match="expected JSON text"):
        from_json(HUGE_INT)


_ELEMENTWISE = [
    ("Council(gss_code=v)", lambda v: om.Council("Rotherham", "372", gss_code=v)),
    ("Council(urn=v)", lambda v: om.Council("Rotherham", "372", urn=v)),
    ("Council(region=v)", lambda v: om.Council("Rotherham", "372", region=v)),
    ("Council(kind=v)", lambda v: om.Council("Rotherham", "372", kind=v)),
    ("Council(created=v)", lambda v: om.Council("Rotherham", "372", created=v)),
    ("Council(population_0_25=v)", lambda v: om.Council("Rotherham", "372", population_0_25=v)),
    ("Inspection(start=v)", lambda v: om.Inspection(COUNCIL, "SIF", "2015-01-01", start=v)),
    ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
    ("summarise(by=v)", lambda v: om.summarise(POPULATION, AS_AT, by=v)),
]


def _array_like(kind: str) -> object:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    return {"numpy array": np.array([1, 2]), "pandas Series": pd.Series(["a"]), "pandas NA": pd.NA}[
        kind
    ]


@pytest.mark.parametrize("kind", ["numpy array", "pandas Series", "pandas NA"])
@pytest.mark.parametrize(("name", "call"), _ELEMENTWISE, ids=[n for n, _ in _ELEMENTWISE])
def test_an_array_like_is_refused_with_a_library_error(
    kind: str, name: str, call: Callable[[Any], object]
) -> None:
    """Was: optional arguments are tested with ``value is None or value == ""`` (councils.py
    ``_gss_code``, ``_urn``, ``_optional_region``, ``_optional_kind``, ``_population``;
    _coerce.py ``to_optional_date``, behind ``created``, ``abolished``, ``start``, ``end``,
    ``after`` and ``before``) or ``by == "region"`` (populations.py ``_grouper``). For a numpy
    array or a pandas Series the comparison is elementwise and its truth value raises a bare
    ValueError ("The truth value of an array ... is ambiguous"); for pandas.NA a bare
    TypeError ("boolean value of NA is ambiguous")."""
    with contextlib.suppress(om.OfstedModelError):
        call(_array_like(kind))


_NOT_A_TIME = [
    ("Inspection(published=v)", lambda v: om.Inspection(COUNCIL, "SIF", v, grades_known=False)),
    ("Inspection(start=v)", lambda v: om.Inspection(COUNCIL, "SIF", "2015-01-01", start=v)),
    ("History.as_at", lambda v: ROTHERHAM.as_at(v)),
    ("Trajectory.first(after=v)", lambda v: TRAJECTORY.first(after=v)),
    ("Framework.for_date", lambda v: om.Framework.for_date(v)),
    ("summarise(as_at=v)", lambda v: om.summarise(POPULATION, v)),
]


@pytest.mark.parametrize(("name", "call"), _NOT_A_TIME, ids=[n for n, _ in _NOT_A_TIME])
def test_pandas_nat_is_refused_with_a_library_error(
    name: str, call: Callable[[Any], object]
) -> None:
    """Was: _coerce.py ``to_date`` accepts pandas.NaT, a ``datetime`` subclass, and gives back
    ``NaT.date()``, which is NaT again; the first comparison with a date then raises a bare
    TypeError ("Cannot compare NaT with datetime.date object"). NaT is what a missing date
    is in a DataFrame."""
    pd = pytest.importorskip("pandas")
    with contextlib.suppress(om.OfstedModelError):
        call(pd.NaT)


@pytest.mark.parametrize("indent", [[], 1.5, math.nan, 2**64], ids=repr)
def test_to_json_refuses_an_indent_that_is_not_a_whole_number_with_a_library_error(
    indent: object,
) -> None:
    """Was: io/json.py ``to_json`` passes ``indent`` to :func:`json.dumps` unchecked: a list,
    a float or NaN raises a bare TypeError ("can't multiply sequence by non-int"), 2**64 a
    bare OverflowError. (A large int that fits, such as 10**9, makes json.dumps build a
    gigabyte of spaces per level: the fuzz sends only ints up to 100.)"""
    with contextlib.suppress(om.OfstedModelError):
        to_json(COUNCIL, indent=indent)  # type: ignore[arg-type]


@pytest.mark.parametrize("function", ["summarise", "series"])
def test_a_group_key_that_cannot_be_hashed_is_refused_with_a_library_error(function: str) -> None:
    """Was: populations.py ``summarise`` (and ``series``, through it) groups councils in a dict
    keyed by what the ``by`` function returns, unchecked: a list raises a bare TypeError
    ("unhashable type: 'list'")."""

    def by(history: om.History) -> object:
        return [history.council.region]

    with contextlib.suppress(om.OfstedModelError):
        if function == "summarise":
            om.summarise(POPULATION, AS_AT, by=by)
        else:
            om.series(POPULATION, [AS_AT], by=by)


@pytest.mark.parametrize("categories", [3, om.Grade.GOOD, dt.date(2020, 1, 1)], ids=repr)
def test_plot_trajectory_refuses_categories_that_are_not_a_sequence_with_a_library_error(
    categories: object,
) -> None:
    """Was: plot.py ``trajectory`` iterates ``categories`` unchecked: an int, a Grade or a
    date raises a bare TypeError ("... object is not iterable")."""
    plot = pytest.importorskip("ofstedmodel.plot")
    with contextlib.suppress(om.OfstedModelError):
        plot.trajectory(ROTHERHAM, categories)


@pytest.mark.parametrize("freq", [["quarter"], {}], ids=repr)
def test_plot_national_refuses_a_frequency_that_cannot_be_hashed_with_a_library_error(
    freq: object,
) -> None:
    """Was: plot.py ``_dates`` (behind ``national``) tests ``freq not in steps``, a dict: a list
    or a dict raises a bare TypeError ("unhashable type") where any other bad frequency gets
    the OfstedModelError that lists the good ones."""
    plot = pytest.importorskip("ofstedmodel.plot")
    with contextlib.suppress(om.OfstedModelError):
        plot.national(POPULATION, "2023-01-01", "2024-12-31", freq)


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(9999, 12, 1), None), ("2018-03-31", dt.date.max), (dt.date(9999, 6, 1), dt.date.max)],
    ids=["start", "end", "both"],
)
def test_plot_national_refuses_dates_in_the_year_9999_with_a_library_error(
    start: object, end: object
) -> None:
    """Was: plot.py ``_dates`` (behind ``national``) steps from period end to period end by
    adding ``relativedelta(months=...)``; from a date in the year 9999 that raises a bare
    ValueError ("year 10000 is out of range")."""
    plot = pytest.importorskip("ofstedmodel.plot")
    with contextlib.suppress(om.OfstedModelError):
        plot.national([ROTHERHAM], start, end, "year")


@pytest.mark.parametrize("cls", ENUMS, ids=lambda cls: cls.__name__)
def test_enum_members_refuse_new_attributes(cls: type[enum.Enum]) -> None:
    """Was: the members of every enum (Grade, Category, Framework, InspectionKind, Region,
    Direction, CouncilKind) have a ``__dict__`` and take new attributes: ``Grade.GOOD.note =
    1`` succeeds, and so does shadowing a method (``Framework.SIF.for_date = None``) or
    rebinding ``_value_``. Only ``name``, ``value`` and the properties refuse (checked by
    test_immutability.py test_enum_members_refuse_changes_to_what_they_hold)."""
    member = next(iter(cls))
    try:
        assert_refused(f"{member!r}.robustness_probe = 1", setattr, member, "robustness_probe", 1)
    finally:
        vars(member).pop("robustness_probe", None)  # leave the shared member as it was


@pytest.mark.parametrize("column", ["start", "end", "source"])
def test_from_dataframe_reports_rows_of_one_inspection_that_disagree_with_a_load_error(
    column: str,
) -> None:
    """Was: io/dataframe.py ``from_dataframe`` groups the rows of a frame into inspections by
    (framework, kind, published, start, end, grades_known, source). Rows of one inspection
    that disagree on ``start``, ``end`` or ``source`` become two reports of the same date and
    kind, and the HistoryError of ``History`` escapes as it is, naming no row, where the
    docstring promises "a LoadError whose problem names the row"."""
    pytest.importorskip("pandas")
    frame = to_dataframe(ROTHERHAM).astype(object)
    # Rotherham's SIF inspection of 2014 is several rows, one per judgement; change one row.
    rows = frame.index[frame["published"] == dt.datetime(2014, 11, 19)]
    assert len(rows) > 1
    frame.at[rows[1], column] = {"start": None, "end": None, "source": "elsewhere"}[column]
    with pytest.raises(om.LoadError) as info:
        from_dataframe(frame)
    assert info.value.problem.column == f"row {rows[1]}"


@pytest.mark.parametrize("which", ["d2i", "own"])
@pytest.mark.parametrize("line", [b"not text", 5], ids=["bytes", "int"])
def test_a_line_that_is_not_text_loses_no_row_after_it(which: str, line: object) -> None:
    """Was: io/_common.py ``Rows.__iter__`` takes a csv.Error after which the reader's line
    count has not moved as the reader being stuck, and stops reading. The csv module raises
    one such error, without counting the line, for an item of the file that is not text
    ("iterator should return strings, not bytes"); so in ``errors="collect"`` mode every row
    after it is silently lost: neither counted, kept nor reported. (Only an open file whose
    lines are not all text does this: a file opened in binary mode fails at its header.)"""
    header, raw = (
        (D2I_LINES[0], D2I_RAW_ROWS) if which == "d2i" else (",".join(OWN_HEADER), OWN_RAW_ROWS)
    )
    stream = LinesOnly([header + "\n", raw[0] + "\n", line, raw[1] + "\n", raw[2] + "\n"])
    try:
        result = read_d2i(stream) if which == "d2i" else read_csv(stream, errors="collect")
    except om.LoadError:
        return  # refusing the whole file would be sound
    assert stream.served == 5
    assert result.rows == 4, result  # the two rows after the bad line are counted


def _closed_file() -> io.StringIO:
    stream = io.StringIO("la_code\n")
    stream.close()
    return stream


@pytest.mark.parametrize(
    ("function", "make"),
    [
        ("write_csv", lambda: io.BytesIO()),
        ("write_csv", _closed_file),
        ("read_csv", _closed_file),
        ("read_d2i_history", _closed_file),
    ],
    ids=["write_csv-binary", "write_csv-closed", "read_csv-closed", "read_d2i_history-closed"],
)
def test_a_binary_or_closed_file_is_refused_with_a_library_error(
    function: str, make: Callable[[], io.IOBase]
) -> None:
    """Was: io/csv.py ``write_csv`` writes to anything with a ``write`` attribute: a file
    opened in binary mode (io.BytesIO, ``open(path, "wb")``) raises a bare TypeError ("a
    bytes-like object is required, not 'str'"), where the readers refuse a binary file with
    a LoadError. A closed file raises a bare ValueError ("I/O operation on closed file") from
    ``write_csv``, ``read_csv`` and ``read_d2i_history`` alike (io/_common.py ``open_text``
    and ``Rows`` iterate it unchecked)."""
    target = make()
    with contextlib.suppress(om.OfstedModelError):
        if function == "write_csv":
            write_csv(ROTHERHAM, target)
        elif function == "read_csv":
            read_csv(target, errors="collect")
        else:
            read_d2i(target)

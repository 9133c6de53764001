"""What the robustness suite's modules share: the data they start from, and the hostile values
and the strategies that make them.

The data: the lines and rows of the real D2I file (``data/raw/``), the bundled histories and
objects of every kind built from them, and the library's own CSV of every bundled history.
The hostile values: the cells a fuzzed file is made of (read by the readers, in
``test_hostile_files``) and the values of every type sent to every entry point (in
``test_entry_points``).
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import enum
import fractions
import io
import math

from hypothesis import settings
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import D2I_HISTORY
from ofstedmodel import datasets
from ofstedmodel.io import write_csv

# Every line of the real D2I file is one record: test_hostile_files.py
# test_the_sample_rows_are_whole_records.
D2I_LINES = D2I_HISTORY.read_text(encoding="utf-8").splitlines()
D2I_HEADER = next(csv.reader([D2I_LINES[0]]))
D2I_RAW_ROWS = D2I_LINES[1:]
D2I_ROWS = [next(csv.reader([line])) for line in D2I_RAW_ROWS]

REGISTER = datasets.register()
HISTORIES = datasets.histories()
ROTHERHAM = HISTORIES["372"]
AS_AT = dt.date(2024, 3, 31)
# Rotherham and its statistical neighbours: enough for peers(), small enough to be quick.
POPULATION = {
    code: HISTORIES[code]
    for code in (ROTHERHAM.council.la_code, *ROTHERHAM.council.statistical_neighbours)
}

FIELD_LIMIT = csv.field_size_limit()
HUGE_INT = 10**4300  # 4,301 digits: past Python's limit on converting an int to text


def serialise(cells: list[str]) -> str:
    """One CSV record without its line end, quoted as :mod:`csv` quotes. (With "\\r\\n" as
    the writer's terminator, so that a lone "\\r" in a cell is quoted too: the writer quotes
    the characters of its own line terminator only.)"""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()[:-2]


def own_csv_text(histories: object) -> str:
    out = io.StringIO()
    write_csv(histories, out)
    return out.getvalue()


# The library's own CSV of every bundled history: its header and records.
_OWN_RECORDS = list(csv.reader(io.StringIO(own_csv_text(HISTORIES), newline="")))
OWN_HEADER = _OWN_RECORDS[0]
OWN_ROWS = _OWN_RECORDS[1:]
OWN_RAW_ROWS = [serialise(row) for row in OWN_ROWS]


def capped(examples: int) -> int:
    """At most ``examples``, and no more than the profile's (``dev`` 60, ``ci`` 400)."""
    return min(settings.default.max_examples, examples)


# Objects of every kind, from the bundled data.
COUNCIL = ROTHERHAM.council
INSPECTION = ROTHERHAM.inspections[1]
TRAJECTORY = ROTHERHAM.trajectory()
SUMMARY = om.summarise(POPULATION, AS_AT)

# == Hostile cells, for the readers ================================================================

BAD_DATES = [
    "31/02/2021",
    "29/02/2023",
    "01/01/1900",
    "31/12/2101",
    "00/00/00",
    "32/01/21",
    "1/13/2021",
    "2021-02-31",
    "31 February 2021",
    "February 2021",
    "12/08",
    "99/99/9999",
    "0001-01-01",
    "9999-12-31",
]
ODD_CELLS = [
    "",
    " ",
    "\ufeff",
    "\x00",
    "a\x00b",
    '"',
    '""',
    "'",
    "=1+1",
    "-1",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "good",
    "goood",
    "GOOD",
    "Requires Improvement",
    "RI",
    "5",
    "0",
    "data_unreadable",
    "inspection_pre_dates_judgement",
    "not_reported_post_reform",
    "standard",
    "short",
    "standard short",
    "focused visit",
    "999999999",  # a URN no council has
    "80543",  # Rotherham's URN, in whatever column
    "rotherham",
    "nowhere at all",
    "E08000018",
    "372",
    "ILACS",
    "SIF",
    "true",
    "maybe",
    "\u2028",
    "\x85",
    "\x0b\x0c\x1c",
    "NaN",
    "1e308",
    "9" * 400,
]
NOT_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3", b"\xc3(", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"]


def from_bytes(data: bytes) -> str:
    """Bytes as the readers see them: UTF-8, any other byte kept as a surrogate."""
    return data.decode("utf-8", "surrogateescape")


_text_cells = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
HOSTILE_CELLS = st.one_of(
    _text_cells,
    st.sampled_from(BAD_DATES + ODD_CELLS),
    st.binary(min_size=1, max_size=8).map(from_bytes),
    st.tuples(_text_cells, st.sampled_from(NOT_UTF8).map(from_bytes), _text_cells).map("".join),
)
# Long (read as a date or a grade, slowly) and huge (past the csv module's field limit, the
# largest 1 MB). At most one to a file: they are slow to make.
BIG_CELLS = st.sampled_from([20_000, FIELD_LIMIT + 1, 1_000_000]).map(lambda n: "x" * n)

# == Hostile values of every type, for every entry point ===========================================

SPECIAL_VALUES: list[object] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    3,
    2**31,
    2**63,
    -(2**63),
    2**64,
    10**4299,  # 4,300 digits: the longest int Python will still turn into text
    HUGE_INT,  # one digit more: its repr raises, so messages must not rely on it
    math.nan,
    math.inf,
    -math.inf,
    -0.0,
    2.5,
    1e308,
    5e-324,
    decimal.Decimal("NaN"),
    decimal.Decimal("3"),
    fractions.Fraction(7, 2),
    complex(1, 1),
    "",
    " ",
    "\x00",
    "\ufeff",
    "\ud800",
    "x" * 10_000,
    "372",
    " 372 ",
    "E08000018",
    "80543",
    "Rotherham",
    "good",
    "RI",
    "adequate",
    "overall",
    "care leavers",
    "SIF",
    "ILACS",
    "region",
    "kind",
    "quarter",
    "collect",
    "2018-01-29",
    "2018-01-29T10:00",
    "31/02/2021",
    "01/01/1900",
    "2021-02-31",
    "0001-01-01",
    "9999-12-31",
    b"",
    b"372",
    b"\xff",
    bytearray(b"good"),
    (),
    ("372",),
    frozenset({"a"}),
    object(),
    object,
    len,
    range(3),
    dt.date.min,
    dt.date(1900, 1, 1),
    dt.date(2018, 1, 29),
    dt.date.max,
    dt.datetime(2018, 1, 29, 10, 30),
    dt.time(10),
    dt.timedelta(days=1),
    *(next(iter(kind)) for kind in (om.Grade, om.Category, om.Framework, om.InspectionKind)),
    om.Region.LONDON,
    om.Direction.MIXED,
    om.CouncilKind.COUNTY,
    COUNCIL,
    INSPECTION,
    ROTHERHAM,
    INSPECTION.judgements[0],
    TRAJECTORY,
    SUMMARY,
    om.compare(ROTHERHAM.inspections[1], ROTHERHAM.inspections[-1]),
]
_SCALARS = st.one_of(
    st.sampled_from(SPECIAL_VALUES),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.binary(max_size=10),
    st.dates(),
    st.datetimes(),
)
HOSTILE = st.one_of(
    _SCALARS,
    st.lists(_SCALARS, max_size=3),
    st.tuples(_SCALARS, _SCALARS),
    st.dictionaries(st.text(max_size=5) | st.integers(), _SCALARS, max_size=3),
    st.sets(st.integers() | st.text(max_size=5), max_size=3),
)


ENUMS: tuple[type[enum.Enum], ...] = (
    om.Grade,
    om.Category,
    om.Framework,
    om.InspectionKind,
    om.Region,
    om.Direction,
    om.CouncilKind,
)

"""The library's CSV is safe in a spreadsheet and exact: no written cell starts a formula, and
every text reads back as it was."""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import strategies as oms
from ofstedmodel.io import read_csv, write_csv

from .values import OWN_HEADER

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_DANGEROUS = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "\n", "'", "''", " ", '"', ""])
_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
HOSTILE_NAMES = st.tuples(_DANGEROUS, _ANY_TEXT).map("".join).filter(str.strip)
HOSTILE_SOURCES = st.none() | st.tuples(_DANGEROUS, _ANY_TEXT).map("".join)


@st.composite
def hostile_histories(draw: st.DrawFn) -> om.History:
    """A generated history whose council's name and inspections' sources are hostile text."""
    history = draw(oms.histories(max_size=4))
    council = attrs.evolve(history.council, name=draw(HOSTILE_NAMES))
    inspections = [
        attrs.evolve(inspection, council=council, source=draw(HOSTILE_SOURCES))
        for inspection in history.inspections
    ]
    return om.History(council, inspections)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(
        hostile_histories(), min_size=1, max_size=3, unique_by=lambda h: h.council.la_code
    )
)
def test_no_written_cell_starts_a_formula_and_every_text_reads_back_exact(
    workdir: Path, items: list[om.History]
) -> None:
    # test_io_csv checks the name and source of one inspection of a fixed council; this checks
    # every cell of whole generated histories, through a file.
    path = workdir / "formula.csv"
    write_csv(items, path)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == OWN_HEADER
    assert len(rows) == 1 + sum(max(len(h), 1) for h in items)
    for row in rows:
        assert len(row) == len(OWN_HEADER)
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (cell, row)
    result = read_csv(path)  # raise mode: no problem at all
    expected = {h.council.la_code: h for h in items}
    assert dict(result.histories) == expected
    for code, history in expected.items():
        back = result.histories[code]
        assert back.council.name == history.council.name
        assert [i.source for i in back] == [i.source for i in history]  # not part of ==

"""Public signatures: the typed user script of ``tests/typing`` runs (``.ci/run`` type-checks it
with mypy --strict), and the as-at date defaults to the date the data runs to."""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest
from hypothesis import given, settings

import ofstedmodel as om
from ofstedmodel.history import Snapshot, snapshot_date
from test_populations import HISTORIES, populations

SCRIPT = Path(__file__).parent / "typing" / "user_script.py"


def test_the_typed_user_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(SCRIPT), run_name="__main__")
    assert "As at 31 March 2024" in capsys.readouterr().out


# -- as at, by default: the data's date, never today's ---------------------------------------


def test_as_at_defaults_to_the_bundled_snapshot_as_on_the_command_line() -> None:
    histories = om.datasets.histories()
    rotherham = om.datasets.history("Rotherham")
    assert snapshot_date(histories) == om.datasets.as_of
    summary = om.summarise(histories)
    assert summary == om.summarise(histories, om.datasets.as_of)
    assert summary.as_at == om.datasets.as_of != dt.date.today()
    by_region = om.summarise(histories, by="region")
    assert by_region == om.summarise(histories, om.datasets.as_of, by="region")
    assert om.transitions(histories) == om.transitions(histories, om.datasets.as_of)
    assert om.peers(rotherham, histories) == om.peers(rotherham, histories, om.datasets.as_of)


def test_as_at_defaults_to_the_latest_publication_in_ones_own_histories() -> None:
    latest = max(i.published for h in HISTORIES.values() for i in h)
    assert snapshot_date(HISTORIES) == latest
    assert om.summarise(HISTORIES) == om.summarise(HISTORIES, latest)
    assert om.summarise(list(HISTORIES.values())).as_at == latest
    camden = HISTORIES["202"]
    assert om.peers(camden, HISTORIES).as_at == latest
    assert om.transitions(HISTORIES).as_at == latest


# At most 100 examples, not the ci profile's 400: what varies here is only which date the
# default picks (the latest publication, a visit's too, or an error when there is none), which
# 100 populations reach many times over; drawing a population is nearly all of the cost, and
# the summaries themselves are checked against plain recounts on the same populations with
# the full count in test_populations.
@settings(max_examples=min(settings().max_examples, 100))
@given(populations())
def test_the_default_as_at_is_the_latest_publication_of_any_inspection_or_visit(
    histories: list[om.History],
) -> None:
    published = [i.published for h in histories for i in h.inspections]
    if not published:
        with pytest.raises(om.HistoryError) as caught:
            om.summarise(histories)
        assert caught.value.field == "as_at"
        return
    assert snapshot_date(histories) == max(published)
    assert om.summarise(histories) == om.summarise(histories, max(published))
    assert om.summarise(histories, by="kind") == om.summarise(histories, max(published), by="kind")


def test_a_snapshot_carries_its_own_date() -> None:
    snapshot = Snapshot(HISTORIES.values(), as_of="2026-01-31")
    assert snapshot == HISTORIES  # a read-only mapping of the same histories
    assert list(snapshot) == list(HISTORIES)
    assert snapshot.as_of == snapshot_date(snapshot) == dt.date(2026, 1, 31)
    assert om.summarise(snapshot).as_at == dt.date(2026, 1, 31)
    assert om.summarise(snapshot, "2024-01-31").as_at == dt.date(2024, 1, 31)
    with pytest.raises(om.HistoryError):
        Snapshot([HISTORIES["202"], HISTORIES["202"]], as_of="2026-01-31")
    with pytest.raises(om.DateError) as caught:
        Snapshot(HISTORIES, as_of="31/01/2026")
    assert caught.value.field == "as_of"


def test_histories_with_nothing_in_them_have_no_default_date() -> None:
    empty = [om.History(om.Council("Camden", "202"))]
    with pytest.raises(om.HistoryError) as caught:
        om.summarise(empty)
    assert caught.value.field == "as_at"
    assert caught.value.rule == "no date to default to"
    assert om.summarise(empty, "2024-03-31").not_graded == 1

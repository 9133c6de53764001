"""Reading streams: the readers need nothing but line iteration, and their memory does not grow
with the text they read."""

from __future__ import annotations

import datetime as dt
import gc
import io
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import ofstedmodel as om
from conftest import D2I_HISTORY
from ofstedmodel import datasets
from ofstedmodel.io import LoadResult, read_csv, read_d2i_history

from .helpers import LinesOnly, read_d2i
from .values import REGISTER, own_csv_text

D2I_HEADER_LINE = (
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,"
    "inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,"
    "impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,"
    "parser_version"
)
GRADE_WORDS = ("outstanding", "good", "requires improvement", "inadequate")
CURRENT = [c for c in datasets.councils() if c.is_current and c.urn]


def valid_d2i_lines(rows: int, pad: int = 1) -> Iterator[str]:
    """A D2I file of ``rows`` distinct ILACS 2018 reports over the current councils, made one
    line at a time (after benchmarks/run.py ``d2i_file``, with no duplicate report: each
    council's n-th report has its own dates). ``pad`` repeats the text of the two columns the
    reader ignores, to make the file wider without changing what is read."""
    rnd = random.Random(2026)
    yield D2I_HEADER_LINE + "\r\n"
    for index in range(rows):
        council = CURRENT[index % len(CURRENT)]
        nth = index // len(CURRENT)
        start = dt.date(2018, 1, 1) + dt.timedelta(days=nth)
        end = start + dt.timedelta(days=11)
        published = end + dt.timedelta(days=40)
        kind = "short" if nth % 2 else "standard"
        grades = ",".join(rnd.choice(GRADE_WORDS) for _ in range(4))
        yield (
            f'{council.urn},"{council.name.lower()}",https://example.invalid/{index},'
            f'"{f"report {index}.pdf " * pad}",{published:%d/%m/%y},{kind},'
            f'"{"An Inspector " * pad}",{start:%d/%m/%Y},{end:%d/%m/%Y},{grades},'
            "inspection_pre_dates_judgement,1\r\n"
        )


STREAM_ROWS = 20_000


def test_the_d2i_reader_streams_lines() -> None:
    stream = LinesOnly(valid_d2i_lines(STREAM_ROWS))  # made as read: the text never exists whole
    result = read_d2i_history(stream, REGISTER)  # raise mode: no problem at all
    assert stream.served == STREAM_ROWS + 1
    assert (result.rows, result.kept, result.problems) == (STREAM_ROWS, STREAM_ROWS, ())
    assert sum(len(h) for h in result.histories.values()) == STREAM_ROWS
    assert len(result.histories) == len(CURRENT)
    first = result.histories[CURRENT[0].la_code].inspections[0]
    assert (first.published, first.kind, first.source) == (
        dt.date(2018, 2, 21),
        om.InspectionKind.ILACS_STANDARD,
        "https://example.invalid/0",
    )


def generated_histories(rows: int) -> dict[str, om.History]:
    """``rows`` distinct ILACS 2018 inspections over the current councils."""
    rnd = random.Random(2026)
    inspections: dict[str, list[om.Inspection]] = {c.la_code: [] for c in CURRENT}
    for index in range(rows):
        council = CURRENT[index % len(CURRENT)]
        nth = index // len(CURRENT)
        start = dt.date(2018, 1, 1) + dt.timedelta(days=nth)
        inspections[council.la_code].append(
            om.Inspection(
                council,
                "ILACS",
                start + dt.timedelta(days=51),
                {
                    c: rnd.choice(GRADE_WORDS)
                    for c in ("overall", "leadership", "help and protection", "in care")
                },
                kind="short" if nth % 2 else "standard",
                start=start,
                end=start + dt.timedelta(days=11),
                source=f"=https://example.invalid/{index}",
            )
        )
    return {c.la_code: om.History(c, inspections[c.la_code]) for c in CURRENT}


def test_the_own_csv_reader_streams_lines() -> None:
    histories = generated_histories(STREAM_ROWS)
    stream = LinesOnly(io.StringIO(own_csv_text(histories), newline=""))
    result = read_csv(stream)
    assert stream.served == STREAM_ROWS + 1
    assert dict(result.histories) == histories
    for code, history in histories.items():  # sources are not part of ==
        assert [i.source for i in result.histories[code]] == [i.source for i in history]


MEMORY_ROWS = 20_000
WIDE = 15  # the ignored cells repeated: a 12.5 MB file where the narrow one is 4.1 MB


def traced_read(path: Path) -> tuple[int, int, LoadResult]:
    """Read ``path``; the memory the result keeps and the peak, both above where it started."""
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        result = read_d2i(path)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return current - start, peak - start, result


def test_reading_memory_does_not_grow_with_the_text(workdir: Path) -> None:
    narrow, wide = workdir / "narrow.csv", workdir / "wide.csv"
    for path, pad in ((narrow, 1), (wide, WIDE)):
        with path.open("w", encoding="utf-8", newline="") as out:
            out.writelines(valid_d2i_lines(MEMORY_ROWS, pad))
    read_d2i(D2I_HISTORY)  # imports and caches of first use, outside the measure
    kept_narrow, peak_narrow, _ = traced_read(narrow)
    kept_wide, peak_wide, result = traced_read(wide)
    size_narrow, size_wide = narrow.stat().st_size, wide.stat().st_size
    assert result.kept == MEMORY_ROWS
    # Measured (Python 3.11, 20,000 rows): files of 4.1 and 12.4 MB; each read keeps 4.85 MB
    # of objects and peaks 3.64 MB above that (the reader's caches and its duplicate check,
    # which grow with rows, not text), the two peaks within 1 KB of each other.
    # 1. The rows read are the same, so what is kept is the same (measured within 0.15%): the
    #    wide file's extra 8.2 MB, in cells the reader ignores, is not kept.
    assert abs(kept_wide - kept_narrow) < 0.01 * kept_narrow, (kept_narrow, kept_wide)
    # 2. The peak is what is kept plus less than half the file (measured: 0.29 of it): holding
    #    the raw text once, let alone twice, would exceed it.
    assert peak_wide < kept_wide + 0.5 * size_wide, (peak_wide, kept_wide, size_wide)
    # 3. The working memory does not grow with the text: 8.2 MB more text may cost at most 5%
    #    of that at the peak (measured: nothing). A reader holding the text, or a list of its
    #    lines, would need all 8.2 MB more; one line at a time needs under 2 KB more.
    growth = (peak_wide - kept_wide) - (peak_narrow - kept_narrow)
    assert growth < 0.05 * (size_wide - size_narrow), (growth, size_wide - size_narrow)

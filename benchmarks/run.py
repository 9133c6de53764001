"""Ratio benchmarks: the library against the plain way of doing the same job, in one run.

Run with ``python benchmarks/run.py`` (add ``--quick`` for fewer repeats). Machines are noisy,
so each line reports the ratio of two ways of doing one job measured side by side, with the
minimum and median of repeated runs and the size of the input. Results are recorded, with the
machine and date, in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel import io as omio

HEADER = (
    "urn,local_authority,inspection_link,pdf_filename,publication_date,inspection_framework,"
    "inspector_name,inspection_start_date,inspection_end_date,overall_effectiveness_grade,"
    "impact_of_leaders_grade,help_and_protection_grade,in_care_grade,care_leavers_grade,"
    "parser_version"
)
GRADES = ("outstanding", "good", "requires improvement", "inadequate")


def timed(job: Callable[[], object], repeats: int) -> list[float]:
    """Seconds per run of ``job``, ``repeats`` times, with garbage collection between runs."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, size: str, ours: list[float], theirs: list[float], target: str) -> str:
    ratio_min = min(ours) / min(theirs)
    ratio_median = statistics.median(ours) / statistics.median(theirs)
    line = (
        f"| {name} | {size} | {min(ours) * 1000:.2f} / {statistics.median(ours) * 1000:.2f} | "
        f"{min(theirs) * 1000:.2f} / {statistics.median(theirs) * 1000:.2f} | "
        f"{ratio_min:.2f} / {ratio_median:.2f} | {target} |"
    )
    print(line, flush=True)
    return line


def d2i_file(path: Path, rows: int) -> None:
    """A D2I-format file of ``rows`` distinct ILACS 2018-era reports over the real councils."""
    councils = [c for c in datasets.councils() if c.is_current and c.urn]
    rnd = random.Random(2026)
    per_council = -(-rows // len(councils))
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        written = 0
        for council in councils:
            for index in range(per_council):
                if written == rows:
                    return
                start = dt.date(2018, 1, 1) + dt.timedelta(days=index * 5)
                if start >= dt.date(2022, 12, 1):
                    start = dt.date(2018, 1, 1) + dt.timedelta(days=index % 1700)
                end = start + dt.timedelta(days=11)
                published = end + dt.timedelta(days=40 + index % 7)
                kind = "short" if index % 2 else "standard"
                grades = [rnd.choice(GRADES) for _ in range(4)]
                out.write(
                    f'{council.urn},"{council.name.lower()}",https://example.invalid/{written},'
                    f"report {written}.pdf,{published:%d/%m/%y},{kind},An Inspector,"
                    f"{start:%d/%m/%Y},{end:%d/%m/%Y},{','.join(grades)},"
                    "inspection_pre_dates_judgement,1\n"
                )
                written += 1


def bench_read(repeats: int, rows: int) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d2i.csv"
        d2i_file(path, rows)
        register = datasets.register()

        def ours() -> object:
            return omio.read_d2i_history(path, register, errors="collect")

        def theirs() -> object:
            with path.open(encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))

        result = omio.read_d2i_history(path, register, errors="collect")
        assert result.rows == rows, (result.rows, rows)
        assert not result.problems, result.problems[:3]
        line = report(
            "read a D2I file into histories vs `csv.DictReader` into dicts",
            f"{rows:,} rows",
            timed(ours, repeats),
            timed(theirs, repeats),
            "<= 2.0",
        )
        tracemalloc.start()
        omio.read_d2i_history(path, register, errors="collect")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = path.stat().st_size
        memory = (
            f"peak memory reading {rows:,} rows ({size / 1e6:.1f} MB file): {peak / 1e6:.1f} MB"
        )
        print(memory, flush=True)
        return line, memory


def bytes_per_inspection() -> str:
    histories = datasets.histories()
    inspections = [i for h in histories.values() for i in h.inspections]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    copies = [
        om.Inspection(
            i.council,
            i.framework,
            i.published,
            i.judgements,
            kind=i.kind,
            start=i.start,
            end=i.end,
            grades_known=i.grades_known,
            source=i.source,
        )
        for i in inspections
    ]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    text = (
        f"bytes per Inspection (its own object and judgements tuple; council, grades and "
        f"dates shared): {(after - before) / len(copies):.0f}"
    )
    print(text, flush=True)
    return text


def bench_import(repeats: int) -> str:
    def run(code: str) -> list[float]:
        out = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            out.append(time.perf_counter() - start)
        return out

    bare = run("pass")
    ours = run("import ofstedmodel")
    theirs = run("import attrs, cattrs, dateutil.relativedelta")
    base = min(bare)
    base_median = statistics.median(bare)
    ours_net = [t - base for t in ours]
    theirs_net = [t - base for t in theirs]
    ratio_min = min(ours_net) / min(theirs_net)
    ratio_median = (statistics.median(ours) - base_median) / (
        statistics.median(theirs) - base_median
    )
    line = (
        f"| `import ofstedmodel` vs `import attrs, cattrs, dateutil.relativedelta` (minus bare "
        f"start-up, {base * 1000:.1f} ms) | fresh interpreter | "
        f"{min(ours_net) * 1000:.1f} / {statistics.median(ours_net) * 1000:.1f} | "
        f"{min(theirs_net) * 1000:.1f} / {statistics.median(theirs_net) * 1000:.1f} | "
        f"{ratio_min:.2f} / {ratio_median:.2f} | <= 1.2 |"
    )
    print(line, flush=True)
    return line


def synthetic_history(council: om.Council, size: int, start: dt.date) -> om.History:
    rnd = random.Random(size)
    inspections = []
    day = start
    for _ in range(size):
        day += dt.timedelta(days=1 + rnd.randrange(3))
        inspections.append(
            om.Inspection(
                council,
                om.Framework.ILACS,
                day,
                {
                    om.Category.LEADERSHIP: rnd.choice(GRADES),
                    om.Category.HELP_AND_PROTECTION: rnd.choice(GRADES),
                },
            )
        )
    return om.History(council, inspections)


def bench_as_at(repeats: int) -> str:
    council = om.Council("Benchmark", "999")
    large = synthetic_history(council, 10_000, dt.date(2018, 1, 1))
    small = synthetic_history(council, 10, dt.date(2018, 1, 1))
    rnd = random.Random(1)
    span = (large.inspections[-1].published - dt.date(2018, 1, 1)).days
    days = [dt.date(2018, 1, 1) + dt.timedelta(days=rnd.randrange(span)) for _ in range(20_000)]

    def query(history: om.History) -> Callable[[], object]:
        as_at = history.as_at
        return lambda: [as_at(d) for d in days]

    return report(
        "`History.as_at` on a 10,000-inspection history vs a 10-inspection one",
        "20,000 queries",
        timed(query(large), repeats),
        timed(query(small), repeats),
        "<= 3 (logarithmic)",
    )


def population(councils: int, per_council: int) -> list[om.History]:
    out = []
    for index in range(councils):
        council = om.Council(f"Council {index}", f"{100 + index:03d}" if index < 900 else "999")
        out.append(synthetic_history(council, per_council, dt.date(2018, 1, 1)))
    return out


def plain_latest(
    histories: Sequence[om.History], day: dt.date, category: om.Category
) -> dict[om.Grade | None, int]:
    """The plain loop: for each history, scan its inspections for the latest graded one."""
    counts: dict[om.Grade | None, int] = {}
    for history in histories:
        latest = None
        for inspection in history.inspections:
            if inspection.published <= day and inspection.kind.is_graded:
                latest = inspection
        grade = None if latest is None else latest.get(category)
        counts[grade] = counts.get(grade, 0) + 1
    return counts


def bench_summarise(repeats: int) -> tuple[str, str]:
    histories = population(900, 100)
    day = dt.date(2018, 6, 1)
    category = om.Category.LEADERSHIP
    first = report(
        "`summarise` vs a plain loop taking each history's latest inspection",
        "900 councils x 100 inspections",
        timed(lambda: om.summarise(histories, day, category), repeats),
        timed(lambda: plain_latest(histories, day, category), repeats),
        "<= 1.5",
    )
    quarter_ends = [dt.date(2018, 3, 31) + dt.timedelta(days=91 * q) for q in range(40)]

    def many_plain() -> object:
        return [plain_latest(histories, d, category) for d in quarter_ends]

    second = report(
        "`series` over 40 quarter ends vs 40 calls of the plain loop",
        "900 councils x 100 inspections",
        timed(lambda: om.series(histories, quarter_ends, category), max(1, repeats // 2)),
        timed(many_plain, max(1, repeats // 2)),
        "well under 1",
    )
    return first, second


def bench_pandas(repeats: int) -> str:
    try:
        import pandas as pd
    except ImportError:
        line = (
            "| pandas `read_csv` + groupby vs ofstedmodel | pandas not installed | | | | report |"
        )
        print(line)
        return line
    histories = datasets.histories()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "own.csv"
        omio.write_csv(histories, path)
        day = dt.date(2024, 3, 31)

        def ours() -> object:
            loaded = omio.read_csv(path).histories
            return om.summarise(loaded, day, by="region")

        def theirs() -> object:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            frame = frame[(frame["kind"] != "") & (frame["published"] <= day.isoformat())]
            graded = frame[~frame["kind"].isin(["FOCUSED_VISIT", "MONITORING_VISIT", "JTAI"])]
            latest = graded.sort_values("published").groupby("la_code").tail(1)
            return latest.groupby(["region", "overall_effectiveness"]).size()

        return report(
            "the regional summary: ofstedmodel from its own CSV vs pandas `read_csv` + groupby",
            f"{sum(len(h) for h in histories.values())} inspections",
            timed(ours, repeats),
            timed(theirs, repeats),
            "report the ratio",
        )


def bench_json(repeats: int) -> str:
    histories = datasets.histories()
    document = json.loads(omio.to_json(histories))

    def ours() -> object:
        return omio.from_json(omio.to_json(histories))

    def theirs() -> object:
        return json.loads(json.dumps(document))

    assert omio.from_json(omio.to_json(histories)) == histories
    return report(
        "JSON round trip of the bundled dataset vs `json.dumps`/`loads` of the same dicts",
        f"{len(histories)} histories",
        timed(ours, repeats),
        timed(theirs, repeats),
        "<= 3",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and rows")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    rows = 10_000 if args.quick else 50_000
    print(
        f"ofstedmodel {om.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, {dt.date.today()}"
    )
    print()
    print(
        "| job | input | ofstedmodel ms (min / median) | baseline ms (min / median) "
        "| ratio (min / median) | target |"
    )
    print("|---|---|---|---|---|---|")
    bench_read(repeats, rows)
    bench_import(max(10, repeats * 3))
    bench_as_at(repeats)
    bench_summarise(repeats)
    bench_pandas(repeats)
    bench_json(repeats)
    print()
    bytes_per_inspection()


if __name__ == "__main__":
    main()

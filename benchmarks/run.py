"""Ratio benchmarks: the library against the plain way of doing the same job, in one run.

Run with ``python benchmarks/run.py`` (about six minutes on two cores; ``--quick`` for a
rough pass in a minute or two; ``--json FILE`` to keep the raw numbers). Each job is done two
ways, round by round with the order alternating (see ``harness.py``), and reported as the
median and range of the per-round ratio (ofstedmodel / baseline) beside the absolute medians
and the target. The baselines are in ``baselines.py``, each saying what it does and does not
do; the D2I input is a sample of the real file's rows (``d2i_mix.py``). Then come the memory
figures and the scale curve of the D2I read. ``profiles.py`` shows what the library spends its
time on. Results are recorded, with the machine and date, in ``RESULTS.md``.

The run measures a copy of the package (code and bundled data) and of the real D2I file taken
when it starts, so that commits landing during a run do not change what is measured halfway;
``--no-snapshot`` measures the tree in place.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import baselines
import d2i_mix
from harness import (
    TABLE_HEADER,
    Result,
    child_env,
    clock,
    interleave,
    reported,
    whole_process,
)

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel import io as omio

HERE = Path(__file__).resolve().parent
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
SCALE_SIZES = (10**3, 10**4, 10**5, 10**6)


@dataclass(frozen=True)
class Settings:
    """How much to repeat: ``--quick`` trades precision for time."""

    quick: bool
    rounds: int  # in-process jobs
    process_rounds: int  # jobs that start a Python process each time
    scale_rounds: int
    rows: int = 10**5

    @classmethod
    def of(cls, quick: bool) -> Settings:
        if quick:
            return cls(quick=True, rounds=3, process_rounds=7, scale_rounds=1)
        return cls(quick=False, rounds=9, process_rounds=21, scale_rounds=3)


@dataclass(frozen=True)
class Files:
    """The inputs, made once per run in a temporary directory."""

    tmp: Path
    env: dict[str, str]  # for child processes: their own bytecode cache
    d2i: Path  # the real-row mix, ``Settings.rows`` rows
    own: Path  # the library's own CSV, ``Settings.rows`` rows
    bundled_own: Path  # the bundled dataset written with write_csv
    bundled_csv: Path  # the package's data file itself


def show(line: str = "") -> None:
    print(line, flush=True)


def count(number: int) -> str:
    return f"{number:,}"


def bundled_csv_path() -> Path:
    """The package's data file, found through importlib.resources."""
    return Path(str(resources.files("ofstedmodel.datasets") / "ofsted.csv"))


def dataset_size() -> str:
    histories = datasets.histories()
    inspections = sum(len(h) for h in histories.values())
    return f"{len(histories)} councils, {count(inspections)} inspections"


# -- inputs -------------------------------------------------------------------------------------


def own_file(path: Path, rows: int) -> None:
    """The library's own CSV of exactly ``rows`` inspections: the first ``rows`` kept from a
    real-row D2I mix a little longer than that, written with ``write_csv``."""
    source = path.with_suffix(".d2i.csv")
    d2i_mix.write_mix(source, rows + rows // 20 + 50, seed=2027)
    read = omio.read_d2i_history(source, d2i_mix.lookup(rows), errors="collect")
    source.unlink()
    left = rows
    histories = []
    for history in read.histories.values():
        if left == 0:
            break
        taken = history.inspections[:left]
        left -= len(taken)
        histories.append(om.History(history.council, taken))
    assert left == 0, left
    omio.write_csv(histories, path)


def make_files(tmp: Path, settings: Settings) -> Files:
    files = Files(
        tmp=tmp,
        env=child_env(str(tmp / "pycache")),
        d2i=tmp / f"d2i-{settings.rows}.csv",
        own=tmp / f"own-{settings.rows}.csv",
        bundled_own=tmp / "bundled-own.csv",
        bundled_csv=bundled_csv_path(),
    )
    d2i_mix.write_mix(files.d2i, settings.rows)
    own_file(files.own, settings.rows)
    omio.write_csv(datasets.histories(), files.bundled_own)
    return files


# -- whole processes ----------------------------------------------------------------------------

TIME_IMPORT = "import time\nt = time.perf_counter()\nimport {0}\nprint(time.perf_counter() - t)"
FIRST_HISTORIES = (
    "import time\nimport ofstedmodel as om\nt = time.perf_counter()\n"
    "om.datasets.histories()\nprint(time.perf_counter() - t)"
)
CSV_TUPLES = (
    "import sys, time\nt = time.perf_counter()\nimport csv\n"
    "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
    "    rows = [tuple(r) for r in csv.reader(f)]\n"
    "print(time.perf_counter() - t)"
)


def bench_cli(settings: Settings, files: Files) -> Result:
    """The installed ``ofstedmodel history Rotherham`` (start Python, import the library and
    its CLI, load the bundled dataset, print Rotherham's history and its description), run as
    the console script pip wrote beside this Python (``python -m ofstedmodel`` where there is
    none), against ``python -c "import attrs"`` (start Python, import attrs). Wall time of
    each process, output discarded; bytecode cached on both sides after one warm-up run."""
    script = Path(sys.executable).with_name("ofstedmodel")
    command = [str(script)] if script.is_file() else ["-m", "ofstedmodel"]
    ours, theirs = interleave(
        whole_process([*command, "history", "Rotherham"], files.env),
        whole_process(["-c", "import attrs"], files.env),
        settings.process_rounds,
    )
    return Result(
        "`ofstedmodel history Rotherham`, whole process",
        'vs `python -c "import attrs"`',
        ours,
        theirs,
        2.0,
    )


def bench_import(settings: Settings, files: Files) -> Result:
    """``import ofstedmodel`` against ``import attrs``, each timed inside a fresh process
    (interpreter start-up excluded) with bytecode and the file cache warm."""
    ours, theirs = interleave(
        reported(["-c", TIME_IMPORT.format("ofstedmodel")], files.env),
        reported(["-c", TIME_IMPORT.format("attrs")], files.env),
        settings.process_rounds,
    )
    return Result("`import ofstedmodel`, warm", "vs `import attrs`", ours, theirs)


def bench_first_histories(settings: Settings, files: Files) -> list[Result]:
    """The first ``om.datasets.histories()`` in a fresh process, after ``import
    ofstedmodel``, as a user's second and later processes meet it: the lazy imports of
    ``datasets`` and ``io``, the cache key checked against the package's data files and code,
    and the built objects unpickled from the cache (written by the warm-up run; no rule is
    checked again). A second line, for the record, times the first process after an install
    or an upgrade: the cache off, the bundled CSV read with every rule. Against, in a fresh
    process, ``import csv`` and reading the same file with ``csv.reader`` into tuples of
    strings. Only the call is timed on each side."""
    baseline = reported(["-c", CSV_TUPLES, str(files.bundled_csv)], files.env)
    warm = interleave(
        reported(["-c", FIRST_HISTORIES], files.env), baseline, settings.process_rounds
    )
    uncached = {**files.env, "OFSTEDMODEL_CACHE_DIR": "off"}
    cold = interleave(
        reported(["-c", FIRST_HISTORIES], uncached), baseline, settings.process_rounds
    )
    size = f"bundled data: {dataset_size()}; vs csv.reader into tuples"
    return [
        Result("first `om.datasets.histories()` in a fresh process", size, *warm, 3.0),
        Result("the same, cache off (first run after an install)", size, *cold),
    ]


# -- reading files ------------------------------------------------------------------------------


def bench_d2i(settings: Settings, files: Files) -> Result:
    """``read_d2i_history`` on the real-row mix, collecting problems, against
    ``baselines.read_d2i_plain`` (csv.reader, the same parsing, caches and checks, one tuple
    per row; see its docstring for what it leaves out). Same register on both sides."""
    register = d2i_mix.lookup(settings.rows)
    result = omio.read_d2i_history(files.d2i, register, errors="collect")
    plain = baselines.read_d2i_plain(files.d2i, register)
    ours, theirs = interleave(
        clock(lambda: omio.read_d2i_history(files.d2i, register, errors="collect")),
        clock(lambda: baselines.read_d2i_plain(files.d2i, register)),
        settings.rounds,
        warmup=0,  # both sides ran just above
    )
    note = (
        f"D2I mix of {count(result.rows)} rows: the library kept {count(result.kept)}, refused "
        f"{count(result.reported)} and noted {count(len(result.notes))}; the plain reader kept "
        f"{count(plain.kept)} and refused {count(plain.bad)} (it does not apply the era rules)"
    )
    return Result(
        "D2I read, real-row mix",
        f"{count(settings.rows)} rows; vs plain reader",
        ours,
        theirs,
        1.5,
        note,
        {
            "kept": result.kept,
            "refused": result.reported,
            "notes": len(result.notes),
            "plain_kept": plain.kept,
            "plain_refused": plain.bad,
        },
    )


def bench_own(settings: Settings, files: Files) -> Result:
    """``read_csv`` on a file ``write_csv`` wrote (councils and inspections from the D2I mix)
    against ``baselines.read_own_plain`` (csv.reader, the same checks, one tuple per row)."""
    result = omio.read_csv(files.own)
    plain = baselines.read_own_plain(files.own)
    assert plain.kept == result.kept, (plain.kept, result.kept)
    ours, theirs = interleave(
        clock(lambda: omio.read_csv(files.own)),
        clock(lambda: baselines.read_own_plain(files.own)),
        settings.rounds,
        warmup=0,  # both sides ran just above
    )
    return Result("own CSV read", f"{count(result.rows)} rows; vs plain reader", ours, theirs, 1.5)


def bench_json(settings: Settings) -> Result:
    """``from_json(to_json(histories))`` of the bundled dataset against
    ``json.loads(json.dumps(document, check_circular=False))`` of the plain dicts ``to_json``
    writes for it (both sides skip the cycle check)."""
    histories = datasets.histories()
    document = json.loads(omio.to_json(histories))
    assert omio.from_json(omio.to_json(histories)) == histories
    ours, theirs = interleave(
        clock(lambda: omio.from_json(omio.to_json(histories)), number=3),
        # Without the cycle check, as to_json writes the dicts it builds itself.
        clock(lambda: json.loads(json.dumps(document, check_circular=False)), number=3),
        settings.rounds * 3,
    )
    return Result(
        "JSON round trip of the bundled data",
        f"{dataset_size()}; vs json.dumps/loads of the same dicts",
        ours,
        theirs,
        2.5,
    )


# -- as at, summarise, series -------------------------------------------------------------------


def synthetic_inspections(council: om.Council, size: int, start: dt.date) -> list[om.Inspection]:
    """``size`` ILACS inspections of ``council`` from ``start``, a few days apart, with two
    random grades each; newest first, as the D2I file lists them."""
    rnd = random.Random(size * 1000 + int(council.la_code))
    inspections = []
    day = start
    for _ in range(size):
        day += dt.timedelta(days=1 + rnd.randrange(3))
        judgements = {
            om.Category.LEADERSHIP: rnd.choice(GRADES),
            om.Category.HELP_AND_PROTECTION: rnd.choice(GRADES),
        }
        inspections.append(om.Inspection(council, om.Framework.ILACS, day, judgements))
    inspections.reverse()
    return inspections


Population = list[tuple[om.Council, list[om.Inspection]]]


def population(councils: int, per_council: int) -> Population:
    out = []
    for index in range(councils):
        council = om.Council(f"Council {index}", f"{100 + index:03d}")
        out.append((council, synthetic_inspections(council, per_council, dt.date(2018, 1, 1))))
    return out


def summary_counts(summary: Any) -> dict[Any, int]:
    counts = {grade: len(councils) for grade, councils in summary.members.items() if councils}
    if summary.not_graded_councils:
        counts[None] = len(summary.not_graded_councils)
    return counts


def bench_summarise(settings: Settings) -> list[Result]:
    """``summarise`` over 900 councils of 100 inspections each, building the histories
    included: ``History`` for each council's inspections, then ``summarise``. Against
    ``baselines.build_arrays`` (the same checks, graded inspections sorted, dates in a list)
    then ``baselines.bisect_summary``. The inspections exist before the timing on both
    sides. A second line times the queries alone, on histories and arrays built beforehand,
    and a third ``series`` over 40 quarter ends against 40 bisect summaries."""
    people = population(900, 100)
    day = dt.date(2018, 6, 1)
    category = om.Category.LEADERSHIP

    def ours() -> object:
        return om.summarise([om.History(c, i) for c, i in people], day, category)

    def theirs() -> object:
        return baselines.bisect_summary(baselines.build_arrays(people), day, category)

    histories = [om.History(c, i) for c, i in people]
    arrays = baselines.build_arrays(people)
    plain = {g: len(cs) for g, cs in baselines.bisect_summary(arrays, day, category).items()}
    assert summary_counts(om.summarise(histories, day, category)) == plain
    size = "900 councils x 100 inspections"
    built = interleave(clock(ours), clock(theirs), settings.rounds * 3)
    query = interleave(
        clock(lambda: om.summarise(histories, day, category), number=10),
        clock(lambda: baselines.bisect_summary(arrays, day, category), number=10),
        settings.rounds * 3,
    )
    quarter_ends = [dt.date(2018, 3, 31) + dt.timedelta(days=91 * q) for q in range(40)]
    series = interleave(
        clock(lambda: om.series(histories, quarter_ends, category)),
        clock(lambda: [baselines.bisect_summary(arrays, d, category) for d in quarter_ends]),
        settings.rounds,
    )
    return [
        Result("summarise, build included", f"{size}; vs bisect loop", *built, 1.3),
        Result("summarise, query only", f"{size}; vs bisect loop", *query),
        Result("series, 40 quarter ends, query only", f"{size}; vs 40 bisect loops", *series),
    ]


def bench_as_at(settings: Settings) -> Result:
    """``History.as_at`` on a 10,000-inspection history against the same on a 10-inspection
    one: the ratio stays small if look-ups are logarithmic."""
    council = om.Council("Benchmark", "999")
    large = om.History(council, synthetic_inspections(council, 10_000, dt.date(2018, 1, 1)))
    small = om.History(council, synthetic_inspections(council, 10, dt.date(2018, 1, 1)))
    rnd = random.Random(1)
    span = (large.inspections[-1].published - dt.date(2018, 1, 1)).days
    days = [dt.date(2018, 1, 1) + dt.timedelta(days=rnd.randrange(span)) for _ in range(20_000)]

    def query(history: om.History) -> Callable[[], object]:
        as_at = history.as_at
        return lambda: [as_at(d) for d in days]

    ours, theirs = interleave(
        clock(query(large), number=2), clock(query(small), number=2), settings.rounds * 3
    )
    return Result(
        "`History.as_at`, 10,000-inspection history",
        "20,000 queries; vs a 10-inspection history",
        ours,
        theirs,
        3.0,
    )


# -- pandas -------------------------------------------------------------------------------------

OURS_SUMMARY = (
    "import sys, datetime\nimport ofstedmodel as om\nfrom ofstedmodel import io\n"
    "loaded = io.read_csv(sys.argv[1]).histories\n"
    "om.summarise(loaded, datetime.date(2024, 3, 31), by='region')"
)
PANDAS_SUMMARY = (
    "import sys\nimport pandas as pd\n"
    "frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)\n"
    "frame = frame[(frame['kind'] != '') & (frame['published'] <= '2024-03-31')]\n"
    "graded = frame[~frame['kind'].isin(['FOCUSED_VISIT', 'MONITORING_VISIT', 'JTAI'])]\n"
    "latest = graded.sort_values('published').groupby('la_code').tail(1)\n"
    "latest.groupby(['region', 'overall_effectiveness']).size()"
)


def bench_pandas(settings: Settings, files: Files) -> list[Result]:
    """The regional summary of the bundled data as at 2024-03-31, from the library's own
    CSV: ``read_csv`` then ``summarise(by="region")`` (reading validates every council and
    inspection), against pandas ``read_csv`` and a groupby of each council's latest graded
    row (no validation). Warm: in this process, pandas already imported. Whole process:
    ``python -c`` of each, imports included."""
    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError:
        show("pandas is not installed: the pandas lines are skipped")
        return []
    path = files.bundled_own
    day = dt.date(2024, 3, 31)

    def ours() -> object:
        return om.summarise(omio.read_csv(path).histories, day, by="region")

    def theirs() -> object:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame = frame[(frame["kind"] != "") & (frame["published"] <= day.isoformat())]
        graded = frame[~frame["kind"].isin(["FOCUSED_VISIT", "MONITORING_VISIT", "JTAI"])]
        latest = graded.sort_values("published").groupby("la_code").tail(1)
        return latest.groupby(["region", "overall_effectiveness"]).size()

    warm = interleave(clock(ours, number=3), clock(theirs, number=3), settings.rounds * 3)
    cold = interleave(
        whole_process(["-c", OURS_SUMMARY, str(path)], files.env),
        whole_process(["-c", PANDAS_SUMMARY, str(path)], files.env),
        max(3, settings.process_rounds // 2),
    )
    size = f"{dataset_size()}; vs pandas {pd.__version__}"
    return [
        Result("regional summary from own CSV, warm", size, *warm),
        Result("regional summary from own CSV, whole process", size, *cold),
    ]


# -- memory -------------------------------------------------------------------------------------


def retained(read: Callable[[], omio.LoadResult]) -> dict[str, Any]:
    """What a read keeps and peaks at, by tracemalloc: bytes per inspection kept (the
    histories alone kept, the LoadResult and its notes dropped) and the peak above the
    start, with how many judgements tuples and dates are distinct objects."""
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    result = read()
    peak = tracemalloc.get_traced_memory()[1] - start
    histories = dict(result.histories)
    del result
    kept = tracemalloc.get_traced_memory()[0] - start
    tracemalloc.stop()
    inspections = [i for h in histories.values() for i in h.inspections]
    return {
        "inspections": len(inspections),
        "bytes_per_inspection": kept / len(inspections),
        "peak_mb": peak / 1e6,
        "distinct_judgement_tuples": len({id(i.judgements) for i in inspections}),
        "distinct_judgements": len({id(j) for i in inspections for j in i.judgements}),
        "distinct_dates": len({id(i.published) for i in inspections}),
    }


def memory(settings: Settings, files: Files) -> dict[str, Any]:
    """Bytes per Inspection as each reader builds them from realistic rows, and the object's
    own size."""
    show()
    show("## Memory")
    show()
    register = d2i_mix.lookup(settings.rows)
    d2i = retained(lambda: omio.read_d2i_history(files.d2i, register, errors="collect"))
    own = retained(lambda: omio.read_csv(files.own))
    sample = next(i for h in datasets.histories().values() for i in h.inspections if i.judgements)
    sizes = {
        "inspection_object": sys.getsizeof(sample),
        "judgements_tuple_of_4": sys.getsizeof(tuple(range(4))),
        "judgement_object": sys.getsizeof(sample.judgements[0]),
        "date_object": sys.getsizeof(sample.published),
    }
    for reader, found, source in (
        ("D2I reader", d2i, "from the real-row mix"),
        ("own-CSV reader", own, "written by write_csv"),
    ):
        show(
            f"- Bytes per Inspection kept, {reader}, {count(found['inspections'])} inspections "
            f"{source}: {found['bytes_per_inspection']:.0f} (its object, source text, slot in "
            f"its history; shared: {count(found['distinct_judgement_tuples'])} distinct "
            f"judgements tuples, {count(found['distinct_judgements'])} distinct Judgement "
            f"objects, {count(found['distinct_dates'])} distinct publication dates, councils)"
        )
    show(
        f"- Sizes (sys.getsizeof): Inspection {sizes['inspection_object']} bytes, a tuple of "
        f"four judgements {sizes['judgements_tuple_of_4']}, a Judgement "
        f"{sizes['judgement_object']}, a date {sizes['date_object']}"
    )
    show(
        f"- Peak traced memory while reading, above the start: D2I {count(settings.rows)} rows "
        f"({files.d2i.stat().st_size / 1e6:.1f} MB file) {d2i['peak_mb']:.1f} MB; own CSV "
        f"({files.own.stat().st_size / 1e6:.1f} MB file) {own['peak_mb']:.1f} MB"
    )
    return {"d2i": d2i, "own_csv": own, "sizes": sizes}


# -- the scale curve ----------------------------------------------------------------------------


def scale_point(
    settings: Settings, files: Files, rows: int, path: Path, warm: Path
) -> dict[str, Any]:
    """One size: the library's and the plain reader's D2I read, each in its own process per
    round (alternating which goes first), timing ``repeats`` reads after a warm-up read of
    ``warm`` and reporting the process's peak resident memory."""
    repeats = max(1, min(20, 30_000 // rows))
    rounds = settings.scale_rounds
    runs: dict[str, list[dict[str, Any]]] = {"ours": [], "plain": []}
    for index in range(rounds):
        order = ("ours", "plain") if index % 2 == 0 else ("plain", "ours")
        for side in order:
            argv = [str(HERE / "scale_worker.py"), side, str(path), str(rows), str(repeats)]
            out = subprocess.run(
                [sys.executable, *argv, str(warm)],
                check=True,
                env=files.env,
                capture_output=True,
                text=True,
            ).stdout
            runs[side].append(json.loads(out))
    ratios = [
        statistics.median(mine["times"]) / statistics.median(other["times"])
        for mine, other in zip(runs["ours"], runs["plain"], strict=True)
    ]
    point: dict[str, Any] = {
        "rows": rows,
        "file_mb": path.stat().st_size / 1e6,
        "ratios": ratios,
        "ratio_median": statistics.median(ratios),
    }
    for side, found in runs.items():
        times = [t for run in found for t in run["times"]]
        point[side] = {
            "us_per_row": statistics.median(times) / rows * 1e6,
            "times": times,
            "kept": found[0]["kept"],
            "peak_mb": max(run["peak_mb"] for run in found),
            "peak_before_mb": max(run["peak_before_mb"] for run in found),
        }
    return point


def scale_curve(settings: Settings, files: Files) -> list[dict[str, Any]]:
    sizes = [s for s in SCALE_SIZES if not (settings.quick and s > 10**5)]
    show()
    show("## Scale curve: D2I read of the real-row mix")
    show()
    show(
        "| rows | file MB | ours µs/row | plain µs/row | ratio median (range) "
        "| ours peak RSS MB (before reading) | plain peak RSS MB (before reading) |"
    )
    show("|---|---|---|---|---|---|---|")
    warm = files.tmp / "warm.csv"
    d2i_mix.write_mix(warm, 10**3, seed=7)
    points = []
    for rows in sizes:
        path = files.d2i if rows == settings.rows else files.tmp / f"scale-{rows}.csv"
        if rows != settings.rows:
            d2i_mix.write_mix(path, rows)
        point = scale_point(settings, files, rows, path, warm)
        if path != files.d2i:
            path.unlink()
        ours, plain = point["ours"], point["plain"]
        show(
            f"| {count(rows)} | {point['file_mb']:.1f} | {ours['us_per_row']:.2f} | "
            f"{plain['us_per_row']:.2f} | {point['ratio_median']:.2f} "
            f"({min(point['ratios']):.2f}..{max(point['ratios']):.2f}) | "
            f"{ours['peak_mb']:.0f} ({ours['peak_before_mb']:.0f}) | "
            f"{plain['peak_mb']:.0f} ({plain['peak_before_mb']:.0f}) |"
        )
        points.append(point)
    show()
    for side, name in (("ours", "the library"), ("plain", "the plain reader")):
        per_row = [p[side]["us_per_row"] for p in points]
        show(
            f"- Per-row time of {name}, smallest size to largest: "
            + ", ".join(f"{t:.1f}" for t in per_row)
            + f" µs (largest / smallest: {per_row[-1] / per_row[0]:.2f})"
        )
    biggest = points[-1]
    if biggest["rows"] == 10**6:
        peak = biggest["ours"]["peak_mb"]
        show(
            f"- Peak resident memory reading 10^6 D2I rows: {peak:.1f} MB "
            f"({peak * 1e6 / 2**20:.1f} MiB) for the whole process "
            f"(target < 450 MB: {'met' if peak < 450 else 'missed'})"
        )
    return points


# -- main ---------------------------------------------------------------------------------------


LIVE_PACKAGE = HERE.parent / "src" / "ofstedmodel"


def git_state() -> str:
    """The commit checked out and how many files of ``src/`` differ from it (read-only git)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(HERE), "status", "--porcelain", "--", "../src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return head + (f" with {len(changed)} files of src/ changed" if changed else "")


def package_digest(package: Path) -> str:
    """A digest of the package's files, code and data: equal digests, same code measured."""
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def source_state(package: Path = LIVE_PACKAGE) -> str:
    return f"{git_state()}; package contents {package_digest(package)}"


MEASURED_PACKAGE = Path(om.__file__).parent


def machine() -> dict[str, Any]:
    snapshot = os.environ.get(SNAPSHOT_ENV)
    return {
        "date": dt.date.today().isoformat(),
        "source": source_state(MEASURED_PACKAGE) if snapshot is None else f"snapshot of {snapshot}",
        "ofstedmodel": om.__version__,
        "package_path": str(MEASURED_PACKAGE),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "nproc": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def run(settings: Settings, files: Files) -> list[Result]:
    show(TABLE_HEADER)
    results: list[Result] = []
    jobs: Sequence[Callable[[], Result | list[Result]]] = (
        lambda: bench_cli(settings, files),
        lambda: bench_first_histories(settings, files),
        lambda: bench_d2i(settings, files),
        lambda: bench_own(settings, files),
        lambda: bench_json(settings),
        lambda: bench_summarise(settings),
        lambda: bench_import(settings, files),
        lambda: bench_as_at(settings),
        lambda: bench_pandas(settings, files),
    )
    for job in jobs:
        done = job()
        for result in done if isinstance(done, list) else [done]:
            show(result.row())
            results.append(result)
    show()
    for result in results:
        if result.note:
            show(f"- {result.note}")
    return results


SNAPSHOT_ENV = "OFSTEDMODEL_BENCH_SNAPSHOT"


def run_on_snapshot(argv: Sequence[str]) -> int:
    """Run this script again on a copy of the package (code and bundled data) and of the
    real D2I file, taken now: others may commit while a run of several minutes goes on, and
    every job, in this process or a fresh one, should measure the same code and data."""
    with tempfile.TemporaryDirectory(prefix="ofstedmodel-snapshot-") as tmp:
        copy = Path(tmp) / "ofstedmodel"
        shutil.copytree(
            Path(om.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
        )
        state = source_state(copy)
        shutil.copy2(d2i_mix.REAL_FILE, Path(tmp) / "d2i-ilacs-history.csv")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (tmp, env.get("PYTHONPATH")) if p)
        env["OFSTEDMODEL_BENCH_D2I"] = str(Path(tmp) / "d2i-ilacs-history.csv")
        env[SNAPSHOT_ENV] = state
        return subprocess.run([sys.executable, __file__, *argv], env=env, check=False).returncode


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds; no 10^6-row point")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the raw numbers here")
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="measure the source tree as it is while the run goes on, not a copy taken first",
    )
    args = parser.parse_args(argv)
    if not args.no_snapshot and SNAPSHOT_ENV not in os.environ:
        sys.exit(run_on_snapshot(sys.argv[1:] if argv is None else list(argv)))
    settings = Settings.of(args.quick)
    about = machine()
    show(
        f"ofstedmodel {about['ofstedmodel']} ({about['source']}), Python {about['python']}, "
        f"{about['machine']}, "
        f"nproc {about['nproc']}, {about['date']}, load average {about['load_average']}"
        + (" (quick)" if settings.quick else "")
    )
    if settings.quick:
        show()
        show(
            "QUICK RUN: 3 rounds a job and no 10^6-row point (so no memory verdict): the ratios "
            "are rough and a met/missed near its target can flip; run without --quick to judge."
        )
    show()
    with tempfile.TemporaryDirectory(prefix="ofstedmodel-bench-") as tmp:
        # The bundled data's cache, here and in every child process: inside the run's
        # directory, not the user's.
        os.environ["OFSTEDMODEL_CACHE_DIR"] = str(Path(tmp) / "cache")
        files = make_files(Path(tmp), settings)
        results = run(settings, files)
        memory_figures = memory(settings, files)
        points = scale_curve(settings, files)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    show(f"- Load average at the end of the run: {load}")
    source_at_end = source_state()
    if SNAPSHOT_ENV in os.environ:
        if source_at_end != os.environ[SNAPSHOT_ENV]:
            show(
                f"- The working tree moved on during the run (now {source_at_end}); the run "
                "measured the snapshot taken at its start throughout"
            )
    elif source_state(MEASURED_PACKAGE) != about["source"]:
        show(
            f"- WARNING: the code measured changed during the run ({about['source']} at the "
            f"start, {source_state(MEASURED_PACKAGE)} at the end): jobs run in fresh processes "
            "saw the later code"
        )
    if args.json:
        raw = {
            "machine": about,
            "quick": settings.quick,
            "results": [r.as_json() for r in results],
            "memory": memory_figures,
            "scale": points,
            "load_average_at_end": load,
            "source_at_end": source_at_end,
        }
        args.json.write_text(json.dumps(raw, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

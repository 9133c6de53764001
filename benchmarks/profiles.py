"""Profiles of the library's side of the benchmarks, to see what stands in the way of a target.

    python benchmarks/profiles.py [JOB ...]

JOB is one of ``cli``, ``first-histories``, ``d2i``, ``own-csv``, ``json``, ``summarise``
(default: all). Each prints cProfile's top entries by own time (``tottime``); the two
whole-process jobs run in a fresh process and also print the slowest imports by
``-X importtime`` (self time), since imports are most of what they do.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import io
import pstats
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import baselines
import d2i_mix
import run
from harness import child_env

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel import io as omio

TOP = 12


def show_profile(job: Callable[[], object], title: str, warm: bool = True) -> None:
    """Run ``job`` once untimed (unless ``warm`` is false), then once under cProfile."""
    if warm:
        job()
    profile = cProfile.Profile()
    profile.enable()
    job()
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(TOP)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    print(f"### {title}\n")
    print("```")
    for line in lines:
        if "function calls" in line or line.lstrip().startswith(("ncalls", *"0123456789")):
            print(line.replace(str(Path(om.__file__).parent.parent) + "/", ""))
    print("```\n", flush=True)


def import_times(argv: list[str], env: dict[str, str]) -> None:
    """The slowest imports of ``python -X importtime argv`` by self time."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    rows = []
    for line in err.splitlines()[1:]:
        own_text, total_text, name = line.split(":", 1)[1].split("|")
        rows.append((int(own_text), int(total_text), name.strip()))
    print("Slowest imports by self time (µs; cumulative in brackets):\n")
    print("```")
    for own, total, name in sorted(rows, reverse=True)[:TOP]:
        print(f"{own:>8} ({total:>8})  {name}")
    print(f"{sum(r[0] for r in rows):>8}  total of all imports")
    print("```\n", flush=True)


def child(job: str) -> None:
    """A whole-process job, profiled cold in this (fresh) process."""
    if job == "cli":
        from ofstedmodel.cli import main

        def history() -> object:
            out = sys.stdout
            sys.stdout = io.StringIO()
            try:
                return main(["history", "Rotherham"])
            finally:
                sys.stdout = out

        show_profile(history, "`ofstedmodel history Rotherham`, after `import ofstedmodel`", False)
    else:
        show_profile(datasets.histories, "first `om.datasets.histories()`", warm=False)


def in_fresh_process(job: str, env: dict[str, str]) -> None:
    argv = ["-m", "ofstedmodel", "history", "Rotherham"] if job == "cli" else FIRST
    subprocess.run([sys.executable, *argv], env=env, check=True, capture_output=True)  # bytecode
    import_times(argv, env)
    out = subprocess.run(
        [sys.executable, __file__, "--child", job], env=env, check=True, capture_output=True
    )
    print(out.stdout.decode(), flush=True)


FIRST = ["-c", "import ofstedmodel as om\nom.datasets.histories()"]


def profile_d2i(tmp: Path) -> None:
    path, register = tmp / "d2i.csv", d2i_mix.lookup(10**5)
    d2i_mix.write_mix(path, 10**5)
    show_profile(
        lambda: omio.read_d2i_history(path, register, errors="collect"),
        "read_d2i_history, 10^5 rows of the real-row mix",
    )


def profile_own(tmp: Path) -> None:
    path = tmp / "own.csv"
    run.own_file(path, 10**5)
    show_profile(lambda: omio.read_csv(path), "read_csv, 10^5 rows")


def profile_json(tmp: Path) -> None:
    histories = datasets.histories()
    show_profile(
        lambda: [omio.from_json(omio.to_json(histories)) for _ in range(10)],
        "10 JSON round trips of the bundled data",
    )


def profile_summarise(tmp: Path) -> None:
    people = run.population(900, 100)
    category, day = om.Category.LEADERSHIP, dt.date(2018, 6, 1)

    def ours() -> object:
        return om.summarise([om.History(c, i) for c, i in people], day, category)

    def theirs() -> object:
        return baselines.bisect_summary(baselines.build_arrays(people), day, category)

    show_profile(
        lambda: [ours() for _ in range(5)],
        "5 x (900 Histories of 100 inspections built, then summarise)",
    )
    show_profile(
        lambda: [theirs() for _ in range(5)],
        "the baseline, for comparison: 5 x (build_arrays, then bisect_summary)",
    )


IN_PROCESS: dict[str, Callable[[Path], None]] = {
    "d2i": profile_d2i,
    "own-csv": profile_own,
    "json": profile_json,
    "summarise": profile_summarise,
}


def main(jobs: list[str]) -> None:
    jobs = jobs or ["cli", "first-histories", *IN_PROCESS]
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = child_env(str(tmp / "pycache"))
        for job in jobs:
            print(f"## {job}\n", flush=True)
            if job in ("cli", "first-histories"):
                in_fresh_process(job, env)
            elif job in IN_PROCESS:
                IN_PROCESS[job](tmp)
            else:
                raise SystemExit(f"unknown job {job!r}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main(sys.argv[1:])

"""Timing two ways of doing one job, interleaved, and reporting their ratio honestly.

A shared machine drifts: another process starts, the CPU clock changes, caches fill. Running
every repeat of one side before every repeat of the other lets that drift move the ratio.
:func:`interleave` runs the two sides round by round, alternating which goes first (AB, BA,
AB, ...), so both see the same machine; each round gives one ratio, and a :class:`Result`
reports the median and range of those per-round ratios with the absolute medians.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: A side of a comparison: runs the job once and gives the seconds it took.
Side = Callable[[], float]


@dataclass
class Result:
    """One line of the table: a job done two ways, timed round by round."""

    job: str
    input: str
    ours: list[float]
    theirs: list[float]
    target: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratios(self) -> list[float]:
        return [o / t for o, t in zip(self.ours, self.theirs, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "report"
        return "met" if self.ratio <= self.target else "missed"

    def row(self) -> str:
        """The line of the markdown table."""
        target = "report" if self.target is None else f"<= {self.target:g}"
        return (
            f"| {self.job} | {self.input} | {_ms(statistics.median(self.ours))} | "
            f"{_ms(statistics.median(self.theirs))} | {self.ratio:.2f} | "
            f"{min(self.ratios):.2f}..{max(self.ratios):.2f} | {target} | {self.verdict} |"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "job": self.job,
            "input": self.input,
            "ours_s": self.ours,
            "baseline_s": self.theirs,
            "ratios": self.ratios,
            "ratio_median": self.ratio,
            "target": self.target,
            "verdict": self.verdict,
            "note": self.note,
            **self.extra,
        }


TABLE_HEADER = (
    "| job | input | ours median ms | baseline median ms | ratio median | ratio range "
    "| target | met/missed |\n|---|---|---|---|---|---|---|---|"
)


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 10 else f"{ms:.2f}"


def interleave(
    ours: Side, theirs: Side, rounds: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """``rounds`` timings of each side, alternating which side goes first each round, after
    ``warmup`` untimed runs of each (imports, caches, bytecode)."""
    for _ in range(warmup):
        ours()
        theirs()
    mine: list[float] = []
    other: list[float] = []
    for index in range(rounds):
        if index % 2:
            other.append(theirs())
            mine.append(ours())
        else:
            mine.append(ours())
            other.append(theirs())
    return mine, other


def clock(job: Callable[[], object], number: int = 1) -> Side:
    """A side that runs ``job`` ``number`` times in this process, after a garbage collection,
    and gives the mean seconds per run (``number`` > 1 steadies jobs of a few milliseconds)."""

    def side() -> float:
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            job()
        return (time.perf_counter() - start) / number

    return side


def child_env(pycache: str) -> dict[str, str]:
    """The environment of a child process: bytecode cached under ``pycache`` (written on the
    warm-up run, read afterwards) whatever ``PYTHONDONTWRITEBYTECODE`` says here, so neither
    side recompiles its modules on every start, and nothing is written into the source tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def whole_process(argv: Sequence[str], env: dict[str, str]) -> Side:
    """A side that runs ``python argv...`` and gives its whole wall time, start-up included."""

    def side() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, *argv], check=True, env=env, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start

    return side


def reported(argv: Sequence[str], env: dict[str, str]) -> Side:
    """A side that runs ``python argv...`` in a fresh process and gives the seconds the child
    printed on its last line (it times only the part that matters)."""

    def side() -> float:
        out = subprocess.run(
            [sys.executable, *argv], check=True, env=env, capture_output=True, text=True
        ).stdout
        return float(out.split()[-1])

    return side

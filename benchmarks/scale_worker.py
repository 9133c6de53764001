"""One side of one point of the scale curve, in a fresh process (run by ``run.py``).

    python benchmarks/scale_worker.py ours|plain FILE ROWS REPEATS WARM_FILE

Reads ``WARM_FILE`` once (so the library's process-wide caches are as warm as in a long
session), then reads ``FILE`` (a D2I file of ``ROWS`` rows) ``REPEATS`` times, dropping each
result before the next read, and prints one JSON object: the seconds of each read, the rows
kept, and the process's peak resident memory (``VmHWM``, or ``ru_maxrss``) before and after
the timed reads.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import baselines
import d2i_mix

from ofstedmodel import io as omio


def _reader(side: str, rows: int) -> Callable[[Path], int]:
    register = d2i_mix.lookup(rows)
    if side == "ours":
        return lambda path: omio.read_d2i_history(path, register, errors="collect").kept
    if side == "plain":
        return lambda path: baselines.read_d2i_plain(path, register).kept
    raise SystemExit(f"unknown side {side!r}")


def _peak_mb() -> float:
    """The process's peak resident memory: ``VmHWM`` where Linux gives it (Linux carries
    ``ru_maxrss`` over ``exec`` from the parent, so a child of a large parent would report
    the parent's peak), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # kilobytes on Linux, bytes on macOS
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def main(argv: list[str]) -> None:
    side, file, rows, repeats, warm = argv
    read = _reader(side, int(rows))
    read(Path(warm))
    gc.collect()
    before = _peak_mb()
    times = []
    kept = 0
    for _ in range(int(repeats)):
        gc.collect()
        start = time.perf_counter()
        kept = read(Path(file))
        times.append(time.perf_counter() - start)
    print(
        json.dumps({"times": times, "kept": kept, "peak_before_mb": before, "peak_mb": _peak_mb()})
    )


if __name__ == "__main__":
    main(sys.argv[1:])

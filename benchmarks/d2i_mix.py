"""A D2I ILACS history file of any length, made of rows shaped like the real file's.

The real file, ``data/raw/d2i-ilacs-history.csv``, has a few hundred rows: one per published
report, with empty frameworks (older reports), ``data_unreadable`` grade cells (reports the
scraper cannot read), ``inspection_pre_dates_judgement`` and ``not_reported_post_reform``
markers, empty fieldwork dates, free-text frameworks, and a handful of rows a stricter reader
would reject, which the library now keeps with a note (the scraper's "to requires
improvement", a care leavers grade no era gives, fieldwork before ILACS began): of the real
file's rows it keeps all. It has no focused or monitoring visits: the D2I scraper lists
inspection reports only.

:func:`write_mix` samples those rows at random (so the mix of kinds, markers, notes and
problems is the real file's), gives each sampled row a council of the lookup and a fresh
link, and shifts all its dates by one random number of days. The shift never moves a date
across a date where the rules change (the start or end of any framework era, a year after a
framework's last era, the snapshot date), so a shifted row is kept, noted or refused exactly
as its original is; and no council gets two reports published on one day, so the file has no
duplicates the real one lacks.

Past about 700 rows per real council (10^5 rows and above), a real-sized register cannot hold
that many distinct reports, so :func:`lookup` adds synthetic councils (unused DfE codes,
URNs from 9,000,000) until it can.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel.register import CouncilRegister

ROOT = Path(__file__).resolve().parent.parent
#: The real file; ``run.py`` points this at its snapshot of the file through the environment.
REAL_FILE = Path(
    os.environ.get("OFSTEDMODEL_BENCH_D2I", ROOT / "data" / "raw" / "d2i-ilacs-history.csv")
)

ROWS_PER_COUNCIL = 700
MAX_SHIFT = 3 * 365
REPORT_LAG = dt.timedelta(days=366)
LINK_COLUMN = "inspection_link"
URN_COLUMN = "urn"
NAME_COLUMN = "local_authority"
PUBLISHED_COLUMN = "publication_date"
START_COLUMN = "inspection_start_date"
END_COLUMN = "inspection_end_date"


@dataclass(frozen=True)
class Template:
    """One real row: its cells, its dates, and the shifts (in days) that keep its meaning."""

    cells: tuple[str, ...]
    published: dt.date
    start: dt.date | None
    end: dt.date | None
    lowest: int
    highest: int


@dataclass(frozen=True)
class MixInfo:
    """What :func:`write_mix` wrote."""

    rows: int
    councils: int
    bytes: int
    forced_duplicates: int


def _parse(text: str) -> dt.date | None:
    if not text:
        return None
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year + 2000 if year < 100 else year, month, day)


def rule_boundaries() -> list[dt.date]:
    """Every date on either side of which the library may read a row differently."""
    days = {datasets.as_of}
    for framework in om.Framework:
        for era in framework.eras:
            days.add(era.start)
            if era.until is not None:
                days.update((era.until, era.until + REPORT_LAG, era.until + REPORT_LAG * 2))
    return sorted(days)


def _shift_range(dates: Sequence[dt.date], boundaries: Sequence[dt.date]) -> tuple[int, int]:
    """The shifts ``d`` that keep every date on its side of every boundary (``x >= b`` iff
    ``x + d >= b``), within ``MAX_SHIFT``."""
    lowest, highest = -MAX_SHIFT, MAX_SHIFT
    for day in dates:
        at = bisect.bisect_right(boundaries, day)
        if at:
            lowest = max(lowest, (boundaries[at - 1] - day).days)
        if at < len(boundaries):
            highest = min(highest, (boundaries[at] - day).days - 1)
    return lowest, highest


def templates(path: Path = REAL_FILE) -> tuple[list[str], list[Template]]:
    """The header and the rows of the real file, as templates."""
    boundaries = rule_boundaries()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        at = {name: i for i, name in enumerate(header)}
        found = []
        for row in reader:
            if not row:
                continue
            published = _parse(row[at[PUBLISHED_COLUMN]])
            assert published is not None, row
            start, end = _parse(row[at[START_COLUMN]]), _parse(row[at[END_COLUMN]])
            dates = [d for d in (published, start, end) if d is not None]
            lowest, highest = _shift_range(dates, boundaries)
            found.append(Template(tuple(row), published, start, end, lowest, highest))
    return header, found


def lookup(rows: int) -> CouncilRegister:
    """The register a file of ``rows`` rows is read with: the bundled one, plus synthetic
    councils when the real ones would need more than ``ROWS_PER_COUNCIL`` rows each."""
    real = datasets.register()
    current = [c for c in real if c.is_current and c.urn]
    wanted = -(-rows // ROWS_PER_COUNCIL)
    if wanted <= len(current):
        return real
    used = {c.la_code for c in real}
    free = [f"{code:03d}" for code in range(1000) if f"{code:03d}" not in used]
    extra = [
        om.Council(f"Synthetic Council {i}", code, urn=str(9_000_000 + i))
        for i, code in enumerate(free[: wanted - len(current)])
    ]
    return CouncilRegister([*real, *extra])


def write_mix(path: Path, rows: int, seed: int = 2026) -> MixInfo:
    """Write a D2I file of ``rows`` rows sampled from the real file (see the module's text)."""
    header, found = templates()
    at = {name: i for i, name in enumerate(header)}
    register = lookup(rows)
    councils = [c for c in register if c.is_current and c.urn]
    rnd = random.Random(seed)
    used: set[tuple[str, dt.date]] = set()
    short: dict[dt.date, str] = {}
    long: dict[dt.date, str] = {}
    forced = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for index in range(rows):
            template = rnd.choice(found)
            council = rnd.choice(councils)
            urn = council.urn or ""
            for _ in range(25):
                shift = rnd.randint(template.lowest, template.highest)
                published = template.published + dt.timedelta(days=shift)
                if (urn, published) not in used:
                    break
            else:
                forced += 1
            used.add((urn, published))
            cells = list(template.cells)
            cells[at[URN_COLUMN]] = urn
            cells[at[NAME_COLUMN]] = council.name.lower()
            cells[at[LINK_COLUMN]] = f"https://files.ofsted.gov.uk/v1/file/{60_000_000 + index}"
            cells[at[PUBLISHED_COLUMN]] = _text(published, short, "%d/%m/%y")
            for column, day in ((START_COLUMN, template.start), (END_COLUMN, template.end)):
                if day is not None:
                    cells[at[column]] = _text(day + dt.timedelta(days=shift), long, "%d/%m/%Y")
            writer.writerow(cells)
    return MixInfo(rows, len(councils), path.stat().st_size, forced)


def _text(day: dt.date, cache: dict[dt.date, str], form: str) -> str:
    text = cache.get(day)
    if text is None:
        text = cache[day] = day.strftime(form)
    return text

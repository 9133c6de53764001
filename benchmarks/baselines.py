"""The plain-Python way of doing each job the benchmarks time, written as carefully as a
competent user would write it: the baselines the library is measured against.

Each baseline does the same work as the library's call where the work is the same (the same
parsing, the same cached look-ups, the same checks named in its docstring) and says what it
leaves out. Like the library's readers, the readers here pause the cyclic garbage collector
while they build objects, so that a ratio measures the work and not the collector's policy.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple

import ofstedmodel as om

#: A row the plain readers keep: DfE code, framework, kind, published, start, end,
#: judgements ((category, grade) pairs), grades known, source.
Row = tuple[
    str,
    str,
    str,
    dt.date,
    "dt.date | None",
    "dt.date | None",
    tuple[tuple[str, str], ...],
    bool,
    "str | None",
]


class PlainRead(NamedTuple):
    """What a plain reader read: rows (tuples) by DfE code, and counts."""

    histories: dict[str, list[Row]]
    rows: int
    kept: int
    bad: int


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector, as the library's readers do."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- the D2I file -------------------------------------------------------------------------------

D2I_GRADE_COLUMNS = (
    "overall_effectiveness_grade",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
)
D2I_CATEGORIES = (
    "overall_effectiveness",
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
)
D2I_REQUIRED = (
    "urn",
    "local_authority",
    "publication_date",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    *D2I_GRADE_COLUMNS,
)
GRADE_WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires improvement",
    "requires improvement to be good": "requires improvement",
    "adequate": "adequate",
    "inadequate": "inadequate",
}
UNREADABLE = frozenset({"", "data_unreadable"})
MARKERS = UNREADABLE | {"inspection_pre_dates_judgement", "not_reported_post_reform"}
SIF_START = om.Framework.SIF.start
CP2012_START = om.Framework.CP2012.start
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2100, 12, 31)

_BAD: object = object()  # a cell that is not a date, cached as such
_MISSING: object = object()

Graded = tuple[tuple[tuple[str, str], ...], bool, bool]  # judgements, all unreadable, sound


def d2i_date(text: str) -> object:
    """A D2I date cell: ``dd/mm/yy`` (20yy) or ``dd/mm/yyyy``, else ISO; ``None`` when
    empty, ``_BAD`` when not a date from 2000 to 2100."""
    if not text.strip():
        return None
    parts = text.split("/")
    try:
        if len(parts) == 3 and all(p.isdigit() and p.isascii() for p in parts):
            day, month, year = parts
            if len(day) > 2 or len(month) > 2 or len(year) not in (2, 4):
                return _BAD
            value = dt.date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
        else:
            value = dt.date.fromisoformat(text.strip())
    except ValueError:
        return _BAD
    return value if FIRST_DAY <= value <= LAST_DAY else _BAD


def d2i_grades(cells: tuple[str, ...]) -> Graded:
    """The (category, grade) pairs in a row's grade cells, whether every cell is unreadable
    or empty, and whether every cell is a grade word or a marker."""
    judgements = []
    unreadable = True
    sound = True
    for category, cell in zip(D2I_CATEGORIES, cells, strict=True):
        text = cell.strip()
        if text in MARKERS:
            unreadable = unreadable and text in UNREADABLE
            continue
        unreadable = False
        grade = GRADE_WORDS.get(text.lower())
        if grade is None:
            sound = False
        else:
            judgements.append((category, grade))
    return tuple(judgements), unreadable, sound


def d2i_kind(text: str, unreadable: bool, published: dt.date) -> tuple[str, str]:
    """The framework and kind of a row, inferred as the library documents it."""
    words = text.strip().lower().replace("-", " ").split()
    standard, short = "standard" in words, "short" in words
    if standard != short:
        return "ILACS", "ILACS_STANDARD" if standard else "ILACS_SHORT"
    if not unreadable:
        return "ILACS", "ILACS_INSPECTION"
    if published >= SIF_START:
        return "SIF", "SIF_INSPECTION"
    if published >= CP2012_START:
        return "CP2012", "CP_INSPECTION"
    return "SLAC", "SLAC_INSPECTION"


def read_d2i_plain(path: Path, councils: Iterable[om.Council]) -> PlainRead:
    """The D2I file read with :func:`csv.reader` into one tuple per row, grouped by council.

    Does what the library's reader does to every row: columns found by name; rows of the
    wrong width refused; the council looked up by URN, then by name; ``publication_date``,
    ``inspection_start_date`` and ``inspection_end_date`` parsed (``dd/mm/yy``,
    ``dd/mm/yyyy``, else ISO; 2000 to 2100) and the publication date required; each grade
    cell read as a grade word or one of the four markers; the framework and kind inferred
    from ``inspection_framework``, the markers and the publication date as the library
    does; dates checked in order (start <= end <= published); a second report of one council,
    kind and day refused. Dates, grade cells, councils and framework inferences are cached
    per distinct text, as the library caches them.

    Does not: check that the framework was in force on the fieldwork date or that it graded
    each category on its scale (the library's era rules), build Inspection, Judgement or
    History objects (nor sort them), say why a row is refused (it counts refused rows; the
    library builds a Problem with line, column and reason, and a note for each inferred
    framework), read dates in other spellings (the library falls back to dateutil), keep a
    row whose grade cell is the scraper's artefact ``to requires improvement`` (it refuses
    the row; the library keeps it with that grade unknown and a note: 409 rows in 10^5), or
    survive bytes that are not UTF-8 (it would raise; the library reports the row).
    """
    by_urn = {c.urn: c.la_code for c in councils if c.urn}
    by_name = {c.name.lower(): c.la_code for c in councils}
    with path.open(encoding="utf-8-sig", newline="") as handle, paused_gc():
        reader = csv.reader(handle)
        header = [cell.strip() for cell in next(reader)]
        at = {name: i for i, name in reversed(list(enumerate(header)))}
        missing = [c for c in D2I_REQUIRED if c not in at]
        if missing:
            raise ValueError(f"{path}: the header lacks {missing}")
        return _d2i_rows(reader, at, len(header), by_urn, by_name)


def _d2i_rows(
    reader: Iterator[list[str]],
    at: dict[str, int],
    width: int,
    by_urn: dict[str, str],
    by_name: dict[str, str],
) -> PlainRead:
    urn_at, name_at, link_at = at["urn"], at["local_authority"], at.get("inspection_link")
    published_at, framework_at = at["publication_date"], at["inspection_framework"]
    start_at, end_at = at["inspection_start_date"], at["inspection_end_date"]
    grade_cells = itemgetter(*(at[c] for c in D2I_GRADE_COLUMNS))
    dates: dict[str, object] = {}
    grade_cache: dict[tuple[str, ...], Graded] = {}
    kinds: dict[tuple[str, bool, bool, bool], tuple[str, str]] = {}
    council_cache: dict[tuple[str, str], str | None] = {}
    seen: set[tuple[str, str, dt.date]] = set()
    histories: dict[str, list[Row]] = {}
    rows = bad = 0
    missing, broken = _MISSING, _BAD
    for row in reader:
        if not row:
            continue
        rows += 1
        if len(row) != width:
            bad += 1
            continue
        key = (row[urn_at], row[name_at])
        code = council_cache.get(key, missing)
        if code is missing:
            code = council_cache[key] = by_urn.get(key[0].strip()) or by_name.get(
                key[1].strip().lower()
            )
        published = dates.get(row[published_at], missing)
        if published is missing:
            published = dates[row[published_at]] = d2i_date(row[published_at])
        start = dates.get(row[start_at], missing)
        if start is missing:
            start = dates[row[start_at]] = d2i_date(row[start_at])
        end = dates.get(row[end_at], missing)
        if end is missing:
            end = dates[row[end_at]] = d2i_date(row[end_at])
        cells = grade_cells(row)
        graded = grade_cache.get(cells)
        if graded is None:
            graded = grade_cache[cells] = d2i_grades(cells)
        if (
            code is None
            or not isinstance(published, dt.date)
            or start is broken
            or end is broken
            or not graded[2]
        ):
            bad += 1
            continue
        if start is not None and end is not None and start > end:
            bad += 1
            continue
        last = end or start
        if last is not None and last > published:
            bad += 1
            continue
        judgements, unreadable = graded[0], graded[1]
        text = row[framework_at]
        kind_key = (text, unreadable, published >= SIF_START, published >= CP2012_START)
        inferred = kinds.get(kind_key)
        if inferred is None:
            inferred = kinds[kind_key] = d2i_kind(text, unreadable, published)
        framework, kind = inferred
        size = len(seen)
        seen.add((code, kind, published))
        if len(seen) == size:
            bad += 1
            continue
        link = row[link_at].strip() if link_at is not None else ""
        found = histories.get(code)
        if found is None:
            found = histories[code] = []
        found.append(
            (
                code,
                framework,
                kind,
                published,
                start,
                end,
                judgements,
                bool(judgements),
                link or None,
            )
        )
    return PlainRead(histories, rows, rows - bad, bad)


# -- the library's own CSV format ---------------------------------------------------------------

OWN_COUNCIL_COLUMNS = (
    "la_code",
    "council",
    "gss_code",
    "urn",
    "region",
    "council_kind",
    "statistical_neighbours",
    "predecessors",
    "successors",
    "created",
    "abolished",
    "population_0_25",
)
OWN_CATEGORIES = tuple(c.name.lower() for c in om.Category)
FRAMEWORK_NAMES = frozenset(f.value for f in om.Framework)
KIND_NAMES = frozenset(k.name for k in om.InspectionKind)
# Format 2 writes members' names; format 1 wrote labels and values: both are read.
REGION_LABELS = frozenset(r.label for r in om.Region) | frozenset(r.name for r in om.Region)
COUNCIL_KINDS = frozenset(k.value for k in om.CouncilKind) | frozenset(
    k.name for k in om.CouncilKind
)
OWN_GRADES = {g.value: g.value for g in om.Grade} | {g.name: g.value for g in om.Grade}
#: A grade cell of a judgement made whose grade is not known.
OWN_UNKNOWN = frozenset({"UNKNOWN", "unknown"})
BOOLEANS = {"true": True, "false": False, "": True}

#: A council as the plain own-format reader keeps it.
PlainCouncil = tuple[str, str, "str | None", "str | None", str, str, tuple[str, ...], "int | None"]


def _unescape(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" else cell


def _iso(text: str, cache: dict[str, dt.date]) -> dt.date:
    value = cache.get(text)
    if value is None:
        value = cache[text] = dt.date.fromisoformat(text)
    return value


def own_council(cells: tuple[str, ...], cache: dict[str, dt.date]) -> PlainCouncil:
    """A council's cells, checked: a three-digit code, a name, a known region and kind,
    ISO dates, a whole-number population. Raises ``ValueError`` otherwise."""
    code, name, gss, urn, region, kind, neighbours = cells[:7]
    created, abolished, population = cells[9:]
    if not (len(code) == 3 and code.isdigit() and name.strip()):
        raise ValueError(code)
    if (region and region not in REGION_LABELS) or (kind and kind not in COUNCIL_KINDS):
        raise ValueError(region)
    for day in (created, abolished):
        if day:
            _iso(day, cache)
    return (
        code,
        name,
        gss or None,
        urn or None,
        region,
        kind,
        tuple(neighbours.split()),
        int(population) if population else None,
    )


def read_own_plain(path: Path) -> PlainRead:
    """The library's own CSV format read with :func:`csv.reader` into one tuple per row,
    grouped by council.

    Does what the library's reader does to every row: columns found by name; rows of the
    wrong width refused; one leading ``'`` removed from every cell (in a row that has a
    ``'``, as the library looks); each council's columns checked once (see
    :func:`own_council`) and required to agree on every later row;
    ``framework``, ``kind`` and each grade checked against the library's names; ``published``
    required and the three dates parsed as ISO; ``grades_known`` read as true or false; dates
    checked in order; a second report of one council, kind and day refused. ISO dates are
    cached per distinct text, and grade cells per distinct set of them, as the library caches
    them.

    Does not: apply the era rules, build Council, Inspection, Judgement or History objects,
    check a council's codes against their patterns beyond the DfE code, or say why a row is
    refused (it counts refused rows).
    """
    with path.open(encoding="utf-8-sig", newline="") as handle, paused_gc():
        reader = csv.reader(handle)
        header = [cell.strip() for cell in next(reader)]
        at = {name: i for i, name in reversed(list(enumerate(header)))}
        return _own_rows(reader, at, len(header))


def _own_rows(reader: Iterator[list[str]], at: dict[str, int], width: int) -> PlainRead:
    council_cells = itemgetter(*(at[c] for c in OWN_COUNCIL_COLUMNS))
    framework_at, kind_at, known_at = at["framework"], at["kind"], at["grades_known"]
    published_at, start_at, end_at = at["published"], at["start"], at["end"]
    source_at = at.get("source")
    version_at = at.get("format_version")
    categories = [(c, at[c]) for c in OWN_CATEGORIES if c in at]
    category_names = [c for c, _ in categories]
    grade_cells = itemgetter(*(i for _, i in categories))
    graded: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
    first: dict[str, tuple[tuple[str, ...], PlainCouncil]] = {}
    dates: dict[str, dt.date] = {}
    seen: set[tuple[str, str, dt.date]] = set()
    histories: dict[str, list[Row]] = {}
    rows = bad = 0
    for raw in reader:
        if not raw:
            continue
        rows += 1
        if len(raw) != width:
            bad += 1
            continue
        row = [_unescape(cell) for cell in raw] if "'" in "".join(raw) else raw
        cells = council_cells(row)
        code = cells[0]
        try:
            known = first.get(code)
            if known is None:
                first[code] = (cells, own_council(cells, dates))
                histories[code] = []
            elif known[0] != cells:
                raise ValueError(code)
            if not raw[framework_at] and not raw[published_at]:
                continue  # a council with no inspections
            framework, kind = row[framework_at], row[kind_at]
            if framework not in FRAMEWORK_NAMES or (kind and kind not in KIND_NAMES):
                raise ValueError(framework)
            published = _iso(row[published_at], dates)
            start = _iso(row[start_at], dates) if row[start_at] else None
            end = _iso(row[end_at], dates) if row[end_at] else None
            grades_known = BOOLEANS[row[known_at].strip().lower()]
            if version_at is not None and row[version_at] != "2":
                raise ValueError(row[version_at])
            # Read once per distinct set of grade cells, as the library reads them.
            cells_of_grades = grade_cells(row)
            judgements = graded.get(cells_of_grades)
            if judgements is None:
                judgements = graded[cells_of_grades] = tuple(
                    (c, OWN_GRADES[text])
                    for c, text in zip(category_names, cells_of_grades, strict=True)
                    if text and text not in OWN_UNKNOWN
                )
        except (ValueError, KeyError):
            bad += 1
            continue
        last = end or start
        if (start is not None and end is not None and start > end) or (
            last is not None and last > published
        ):
            bad += 1
            continue
        size = len(seen)
        seen.add((code, kind, published))
        if len(seen) == size:
            bad += 1
            continue
        source = row[source_at] if source_at is not None and raw[source_at] else None
        histories[code].append(
            (code, framework, kind, published, start, end, judgements, grades_known, source)
        )
    return PlainRead(histories, rows, rows - bad, bad)


# -- as at: sorted arrays and bisect ------------------------------------------------------------

GRADED_KINDS = frozenset(k for k in om.InspectionKind if k.is_graded)
_PUBLISHED = attrgetter("published")

Arrays = tuple[om.Council, list[dt.date], list[om.Inspection]]


def build_arrays(population: Sequence[tuple[om.Council, Sequence[om.Inspection]]]) -> list[Arrays]:
    """Per council, its graded inspections sorted by publication date and the dates alone.

    Checks what :class:`~ofstedmodel.History` checks: every inspection is of the council, and
    no two share a publication date and kind. Sorts by publication date only (History also
    breaks ties by fieldwork end and kind).
    """
    out = []
    for council, inspections in population:
        code = council.la_code
        seen: set[tuple[dt.date, om.InspectionKind]] = set()
        for inspection in inspections:
            if inspection.council.la_code != code:
                raise ValueError(f"{inspection} is not of {council}")
            key = (inspection.published, inspection.kind)
            if key in seen:
                raise ValueError(f"{inspection} twice")
            seen.add(key)
        graded = sorted((i for i in inspections if i.kind in GRADED_KINDS), key=_PUBLISHED)
        out.append((council, [i.published for i in graded], graded))
    return out


def bisect_summary(
    arrays: Sequence[Arrays], day: dt.date, category: om.Category
) -> dict[om.Grade | None, list[om.Council]]:
    """Each existing council's grade for ``category`` as at ``day``: the latest graded
    inspection published on or before it, found by bisection; councils by grade (``None``
    for not graded), as :func:`ofstedmodel.summarise` groups them."""
    members: dict[om.Grade | None, list[om.Council]] = {}
    for council, dates, graded in arrays:
        created, abolished = council.created, council.abolished
        if (created is not None and day < created) or (abolished is not None and day >= abolished):
            continue
        at = bisect.bisect_right(dates, day)
        grade = None
        if at:
            for judgement in graded[at - 1].judgements:
                if judgement.category is category:
                    grade = judgement.grade
                    break
        found = members.get(grade)
        if found is None:
            found = members[grade] = []
        found.append(council)
    return members


# -- the bundled data as plain tuples -----------------------------------------------------------


def csv_tuples(path: Path) -> list[tuple[str, ...]]:
    """Every row of a CSV file as a tuple of strings: no parsing, no checks."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle)]

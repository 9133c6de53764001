"""Reading the Data to Insight (D2I) ILACS history CSV: :func:`read_d2i_history`.

The file (``ofsted_csc_ilacs_history.csv`` from the ``data-to-insight/ofsted-ilacs-scrape-tool``
repository) has one row per published children's services inspection report, with grades a
scraper read from the report PDFs. Each row that can be read becomes an
:class:`~ofstedmodel.Inspection` of the council it names; each that cannot is reported as a
:class:`~ofstedmodel.io.Problem` with its line number.

How a row is read
-----------------

Columns are found by name (extra columns are ignored); a missing required column is fatal.
Blank lines are skipped and not counted; a UTF-8 byte-order mark, quoted commas and ``\\r\\n``
line ends are handled; bytes that are not UTF-8 make their row a problem.

Council
    ``urn`` is looked up first, then the ``local_authority`` name in any usual spelling (a
    note says when the URN was unknown but the name matched). No match is a problem.

Dates
    ``publication_date`` is ``dd/mm/yy`` (read as 20yy) or ``dd/mm/yyyy``; the fieldwork dates
    ``inspection_start_date`` and ``inspection_end_date`` are ``dd/mm/yyyy`` and may be empty.
    Other spellings (``2019-07-15``, ``15 July 2019``) are read day first. An impossible date
    (``31/02/2021``), an incomplete one, or one before 2000 or after 2100 is a problem.

Grades
    ``overall_effectiveness_grade``, ``impact_of_leaders_grade``,
    ``help_and_protection_grade``, ``in_care_grade`` and ``care_leavers_grade`` are the
    categories overall effectiveness, leadership, help and protection, children in care and
    care leavers. (Before 2023 ``in_care_grade`` is the combined "children in care and care
    leavers" judgement, which the model's ILACS 2018 era labels as such.) A grade word is read
    by :meth:`~ofstedmodel.Grade.parse`. The markers mean no judgement: ``data_unreadable`` or
    an empty cell, the grade is not known; ``inspection_pre_dates_judgement``, the framework did
    not yet grade it; ``not_reported_post_reform``, overall effectiveness is no longer given.
    Any other text is a problem. A graded inspection with no grade known is recorded with
    ``grades_known=False``.

Framework and kind
    ``inspection_framework`` ``standard`` or ``short`` is an ILACS standard or short
    inspection. Anything else is inferred, and a note says how:

    - free text naming exactly one of "standard" and "short" (such as "inspection duration
      longer than standard framework") is that kind of ILACS inspection;
    - otherwise, when every grade cell is ``data_unreadable`` or empty (the scraper cannot read
      SIF and older reports), the inspection is graded with unknown grades under SIF if
      published on or after SIF began (1 November 2013), else CP2012 (it may have been SLAC;
      CP2012 is assumed), or SLAC if published before CP2012 began;
    - otherwise it is an ILACS inspection whose kind (standard or short) is not recorded.

The rest
    :class:`~ofstedmodel.Inspection` enforces the domain's rules (dates in order, each grade
    a judgement the framework gave on the fieldwork start date, and so on); a broken rule is a
    problem for the row, blaming the most relevant column. A second report of the same council,
    kind and publication date is a problem. ``inspection_link`` is the inspection's ``source``.

>>> import io
>>> from ofstedmodel import Council
>>> from ofstedmodel.io import read_d2i_history
>>> text = '''urn,local_authority,inspection_link,publication_date,inspection_framework,\\
... inspection_start_date,inspection_end_date,overall_effectiveness_grade,impact_of_leaders_grade,\\
... help_and_protection_grade,in_care_grade,care_leavers_grade
... 80543,rotherham,,12/08/22,short,27/06/2022,01/07/2022,good,good,good,good,\\
... inspection_pre_dates_judgement
... 80543,rotherham,,19/11/14,,,,,data_unreadable,data_unreadable,data_unreadable,data_unreadable
... '''
>>> result = read_d2i_history(io.StringIO(text), [Council("Rotherham", "372", urn="80543")])
>>> [(i.kind.name, str(i.published), i.grades_known) for i in result.histories["372"]]
[('SIF_INSPECTION', '2014-11-19', False), ('ILACS_SHORT', '2022-08-12', True)]
>>> print(result.notes[0])
<stream>:3: column 'inspection_framework': framework not recorded and every grade unreadable: \
published on or after 2013-11-01, so SIF assumed
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from operator import itemgetter

from .._coerce import normalise_text, shown
from ..councils import Council
from ..errors import GradeError, OfstedModelError
from ..frameworks import Category, Framework, InspectionKind
from ..grades import Grade
from ..inspections import Inspection, Judgement
from ..register import CouncilRegister, bundled
from ._common import (
    Cached,
    Collector,
    Fault,
    Rows,
    blamed,
    checked_date,
    in_range_or_fault,
    no_cyclic_gc,
    open_text,
)
from .problems import (
    END,
    FRAMEWORK,
    KIND,
    PUBLISHED,
    LoadResult,
    Sink,
    check_errors,
)

__all__ = ["read_d2i_history"]

URN = "urn"
NAME = "local_authority"
LINK = "inspection_link"
PUBLISHED_COLUMN = "publication_date"
FRAMEWORK_COLUMN = "inspection_framework"
START_COLUMN = "inspection_start_date"
END_COLUMN = "inspection_end_date"
#: The grade columns and the categories they hold.
GRADE_COLUMNS: Mapping[str, Category] = {
    "overall_effectiveness_grade": Category.OVERALL_EFFECTIVENESS,
    "impact_of_leaders_grade": Category.LEADERSHIP,
    "help_and_protection_grade": Category.HELP_AND_PROTECTION,
    "in_care_grade": Category.CHILDREN_IN_CARE,
    "care_leavers_grade": Category.CARE_LEAVERS,
}
REQUIRED = (
    URN,
    NAME,
    PUBLISHED_COLUMN,
    FRAMEWORK_COLUMN,
    START_COLUMN,
    END_COLUMN,
    *GRADE_COLUMNS,
)

#: Grade cells that are not grades: no judgement, for the reason each names.
UNREADABLE = frozenset({"", "data_unreadable"})
MARKERS = UNREADABLE | {"inspection_pre_dates_judgement", "not_reported_post_reform"}

_RECORDED_KINDS = {"standard": InspectionKind.ILACS_STANDARD, "short": InspectionKind.ILACS_SHORT}
_BLAMED_COLUMN: dict[str | Category, str] = {
    PUBLISHED: PUBLISHED_COLUMN,
    END: END_COLUMN,
    FRAMEWORK: FRAMEWORK_COLUMN,
    KIND: FRAMEWORK_COLUMN,
}
_BLAMED_COLUMN.update((category, column) for column, category in GRADE_COLUMNS.items())
_JUDGEMENTS = {(c, g): Judgement(c, g) for c in GRADE_COLUMNS.values() for g in Grade}


def read_d2i_history(path: object, lookup: object = None, *, errors: str = "raise") -> LoadResult:
    """Read the D2I ILACS history CSV at ``path`` (a path or an open text file).

    ``lookup`` is a :class:`~ofstedmodel.register.CouncilRegister` or an iterable of
    :class:`~ofstedmodel.Council`; by default the bundled register. With ``errors="raise"``
    the first problem raises :class:`~ofstedmodel.LoadError` carrying it as ``.problem``; with
    ``errors="collect"`` every good row is kept and every bad one reported in the result's
    ``problems``. A fault no row can be read past (a missing column, a file that cannot be
    opened) raises :class:`~ofstedmodel.LoadError` either way. See the module's documentation
    for how each row is read.
    """
    check_errors(errors)
    register = _register(lookup)
    with open_text(path) as (lines, name), no_cyclic_gc():
        sink = Sink(name, errors)
        rows = Rows(lines, sink)
        column = rows.index(REQUIRED, (LINK,))
        reader = _RowReader(register, column, sink)
        reader.read(rows)
        return reader.result(rows.count)


def _register(lookup: object) -> CouncilRegister:
    if lookup is None:
        try:
            return bundled()
        except OSError as error:
            raise OfstedModelError(
                f"lookup: the bundled register of councils is not available ({error}); "
                "pass lookup= a CouncilRegister or an iterable of Council"
            ) from None
    if isinstance(lookup, CouncilRegister):
        return lookup
    if isinstance(lookup, Mapping):
        lookup = lookup.values()
    if isinstance(lookup, (str, bytes)) or not isinstance(lookup, Iterable):
        raise OfstedModelError(
            f"lookup: {shown(lookup)} is not a CouncilRegister or an iterable of Council"
        )
    return CouncilRegister(lookup)


def _grade_problem(error: GradeError) -> str:
    """GradeError's message without its long list of accepted labels."""
    short = error.brief or str(error)
    if error.suggestion is not None:
        return short
    return (
        short
        + "; expected a grade word such as 'good', or a marker: "
        + ", ".join(sorted(m for m in MARKERS if m))
    )


_Graded = tuple[tuple[Judgement, ...], bool, tuple[Fault, ...]]


def _grades(cells: tuple[str, ...], columns: tuple[str, ...]) -> _Graded:
    """The judgements in a row's grade cells, whether every cell is unreadable or empty, and
    the faults found (internal; cached by the reader per distinct tuple of cells)."""
    judgements = []
    faults = []
    unreadable = True
    for column, cell in zip(columns, cells, strict=True):
        text = cell.strip()
        if text in MARKERS:
            if text not in UNREADABLE:
                unreadable = False
            continue
        unreadable = False
        try:
            grade = Grade.parse(text)
        except GradeError as error:
            faults.append(Fault(column, cell, _grade_problem(error)))
            continue
        judgements.append(_JUDGEMENTS[GRADE_COLUMNS[column], grade])
    return tuple(judgements), unreadable, tuple(faults)


def _date(text: str, column: str) -> _dt.date | None:
    """A D2I date: ``dd/mm/yy`` or ``dd/mm/yyyy``, or another spelling read day first; an
    empty cell is no date."""
    if not text.strip():
        return None
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() and p.isascii() for p in parts):
        day, month, year = parts
        if len(day) <= 2 and len(month) <= 2 and len(year) in (2, 4):
            return checked_date("20" + year if len(year) == 2 else year, month, day, text, column)
    return in_range_or_fault(_odd_date(text, column), text, column)


def _odd_date(text: str, column: str) -> _dt.date:
    stripped = text.strip()
    try:
        # Before dateutil, whose dayfirst would read 2019-07-05 as 7 May.
        return _dt.date.fromisoformat(stripped)
    except ValueError:
        pass
    from dateutil import parser

    try:
        # Parsed against two different defaults: a part missing from the text shows up as a
        # difference, since dateutil fills it in from the default.
        first = parser.parse(stripped, dayfirst=True, default=_dt.datetime(2000, 1, 1))
        second = parser.parse(stripped, dayfirst=True, default=_dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError) as error:
        raise Fault(column, text, f"{shown(text)} is not a date (dd/mm/yyyy): {error}") from None
    if first.date() != second.date():
        raise Fault(column, text, f"{shown(text)} is not a whole date (dd/mm/yyyy)")
    return first.date()


_SIF_START = Framework.SIF.start
_CP2012_START = Framework.CP2012.start


def _framework(
    text: str, unreadable: bool, published: _dt.date
) -> tuple[Framework, InspectionKind, str | None]:
    """The framework and kind of a row from its ``inspection_framework`` text, whether its
    grades are all unreadable and its publication date; and a note saying how they were
    inferred, unless the text said ``standard`` or ``short``."""
    recorded = _RECORDED_KINDS.get(text.strip().lower())
    if recorded is not None:
        return Framework.ILACS, recorded, None
    if text.strip():
        words = normalise_text(text).split()
        standard, short = "standard" in words, "short" in words
        if standard != short:
            kind = InspectionKind.ILACS_STANDARD if standard else InspectionKind.ILACS_SHORT
            return (
                Framework.ILACS,
                kind,
                f"framework recorded as {shown(text)}: read as {kind.value}",
            )
        head = f"framework recorded as {shown(text)}, neither standard nor short"
    else:
        head = "framework not recorded"
    if not unreadable:
        kind = InspectionKind.ILACS_INSPECTION
        return Framework.ILACS, kind, f"{head}; grades given, so {kind.value} assumed"
    head += " and every grade unreadable"
    sif, cp2012 = _SIF_START.isoformat(), _CP2012_START.isoformat()
    if published >= _SIF_START:
        framework, why = Framework.SIF, f"published on or after {sif}, so SIF assumed"
    elif published >= _CP2012_START:
        framework, why = Framework.CP2012, f"published before {sif}: SLAC or CP2012; CP2012 assumed"
    else:
        framework, why = Framework.SLAC, f"published before {cp2012}, so SLAC assumed"
    return framework, framework.default_kind, f"{head}: {why}"


_MISSING: object = object()


class _RowReader(Collector):
    """Turns rows into inspections (internal).

    Councils, dates, grade cells and framework inferences repeat from row to row, so each
    distinct cell value is read once and cached; a row whose every value is already cached
    and sound takes the fast path in :meth:`read`, any other the careful one in
    :meth:`_cells`, which also fills the caches.
    """

    def __init__(self, register: CouncilRegister, column: Mapping[str, int], sink: Sink) -> None:
        super().__init__(sink)
        self.register = register
        self.by_urn = {council.urn: council for council in register if council.urn}
        self.position = column
        self.urn = column[URN]
        self.name = column[NAME]
        self.link = column.get(LINK)
        self.published = column[PUBLISHED_COLUMN]
        self.framework = column[FRAMEWORK_COLUMN]
        self.start = column[START_COLUMN]
        self.end = column[END_COLUMN]
        self.grade_columns = tuple(GRADE_COLUMNS)
        self.grade_cells = itemgetter(*(column[c] for c in GRADE_COLUMNS))
        # An empty cell is no date: sound for fieldwork, a fault for publication.
        self.dates = Cached(_date, {"": None})
        self.grade_cache: dict[tuple[str, ...], _Graded] = {}
        self.council_cache: dict[tuple[str, str], tuple[Council, str | None]] = {}
        self.frameworks: dict[
            tuple[str, bool, bool, bool], tuple[Framework, InspectionKind, str | None]
        ] = {}

    def read(self, rows: Iterable[tuple[int, list[str]]]) -> None:
        """Read every row: keep its inspection, or report why not.

        One loop over local names: this is the per-row cost a reader pays over
        :class:`csv.reader`, so it is kept lean.
        """
        date, council_cache, grade_cache = self.dates.get, self.council_cache, self.grade_cache
        frameworks, keep = self.frameworks, self.keep
        grade_cells, note, cells_of = self.grade_cells, self.sink.note, self._cells
        urn_at, name_at, link_at = self.urn, self.name, self.link
        published_at, start_at, end_at = self.published, self.start, self.end
        framework_at = self.framework
        missing, sif_start, cp2012_start = _MISSING, _SIF_START, _CP2012_START
        for line, row in rows:
            found = council_cache.get((row[urn_at], row[name_at]))
            published = date(row[published_at])
            start = date(row[start_at], missing)
            end = date(row[end_at], missing)
            graded = grade_cache.get(grade_cells(row))
            if (
                found is None
                or published is None
                or start is missing
                or end is missing
                or graded is None
                or graded[2]
            ):
                cells = cells_of(line, row)
                if cells is None:
                    continue
                found, published, start, end, graded = cells
            council, council_note = found
            judgements, unreadable = graded[0], graded[1]
            framework_text = row[framework_at]
            key = (framework_text, unreadable, published >= sif_start, published >= cp2012_start)
            inferred = frameworks.get(key)
            if inferred is None:
                made = _framework(framework_text, unreadable, published)
                inferred = frameworks[key] = made
            framework, kind, framework_note = inferred
            link = row[link_at].strip() if link_at is not None else ""
            try:
                inspection = Inspection(
                    council,
                    framework,
                    published,
                    judgements,
                    kind=kind,
                    start=start,
                    end=end,
                    grades_known=bool(judgements),
                    source=link or None,
                )
            except OfstedModelError as error:
                self.sink.problem(
                    line, *blamed(error, _BLAMED_COLUMN, self.position, row), str(error)
                )
                continue
            if not keep(line, inspection, PUBLISHED_COLUMN, row[published_at]):
                continue
            if framework_note is not None:
                note(line, FRAMEWORK_COLUMN, framework_text, framework_note)
            if council_note is not None:
                note(line, URN, row[urn_at], council_note)

    def _cells(
        self, line: int, row: list[str]
    ) -> (
        tuple[
            tuple[Council, str | None],
            _dt.date,
            _dt.date | None,
            _dt.date | None,
            _Graded,
        ]
        | None
    ):
        """Read a row's council, dates and grades, caching each value read; report the row
        and give ``None`` when any is at fault."""
        faults: list[Fault] = []
        urn, name = row[self.urn], row[self.name]
        found = self.council_cache.get((urn, name))
        if found is None:
            council = self.by_urn.get(urn.strip())
            council_note = None
            if council is None and name.strip():
                council = self.register.get(name)
                if council is not None and urn.strip():
                    council_note = (
                        f"URN {shown(urn)} is not in the lookup; matched by name {shown(name)}"
                    )
            if council is None:
                faults.append(
                    Fault(
                        URN if urn.strip() else NAME,
                        urn if urn.strip() else name,
                        f"no council in the lookup has URN {shown(urn)} or is named {shown(name)}",
                    )
                )
            else:
                found = self.council_cache[urn, name] = (council, council_note)
        text = row[self.published]
        published = self.dates.collect(text, PUBLISHED_COLUMN, faults)
        if published is None and not text.strip():
            faults.append(Fault(PUBLISHED_COLUMN, text, "no publication date: it is always known"))
        start = self.dates.collect(row[self.start], START_COLUMN, faults)
        end = self.dates.collect(row[self.end], END_COLUMN, faults)
        cells = self.grade_cells(row)
        graded = self.grade_cache.get(cells)
        if graded is None:
            graded = self.grade_cache[cells] = _grades(cells, self.grade_columns)
        faults.extend(graded[2])
        if faults or found is None or published is None:
            self.faults(line, faults)
            return None
        return found, published, start, end, graded

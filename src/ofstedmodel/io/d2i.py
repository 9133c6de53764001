"""Reading the Data to Insight (D2I) ILACS history CSV, :func:`read_d2i_history`, and the D2I
lookup of councils, :func:`read_d2i_lookup`.

The history (``ofsted_csc_ilacs_history.csv`` of ``data-to-insight/ofsted-ilacs-scrape-tool``)
has one row per published inspection report, with grades a scraper read from the PDFs. Each
row becomes an :class:`~ofstedmodel.Inspection` of the council its ``urn`` (else its
``local_authority``) names, or a :class:`~ofstedmodel.io.Problem`. A fault of the scrape a
rule resolves (a framework left out or contradicted by the fieldwork dates, the scraper's ``to
requires improvement``, a grade no era the report could be of gives) is a note on a row kept:
the how-to "Load your own file" gives the rules, column by column.

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
import os
from collections.abc import Iterable, Mapping
from operator import itemgetter

from .._coerce import normalise_text, shown
from ..councils import Council, Region
from ..errors import CategoryError, CouncilError, GradeError, OfstedModelError
from ..frameworks import CURRENT_SCALE, Category, Framework, InspectionKind
from ..grades import Grade
from ..inspections import Inspection, Judgement, interned
from ..register import CouncilRegister, bundled, name_key
from ._common import (
    UNREAD,
    Cached,
    Collector,
    Fault,
    Rows,
    blamed,
    day_first,
    no_cyclic_gc,
    open_text,
)
from .problems import END, FRAMEWORK, KIND, PUBLISHED, LoadResult, Sink, check_errors, fatal

__all__ = ["read_d2i_history", "read_d2i_lookup"]

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
_CELLS = (URN, NAME, PUBLISHED_COLUMN, FRAMEWORK_COLUMN, START_COLUMN, END_COLUMN)
REQUIRED = (*_CELLS, *GRADE_COLUMNS)

#: Grade cells that are not grades: no judgement, for the reason each names.
UNREADABLE = frozenset({"", "data_unreadable"})
MARKERS = UNREADABLE | {"inspection_pre_dates_judgement", "not_reported_post_reform"}
# "to requires improvement": the scraper's artefact of a grade word.
_ARTEFACTS = frozenset(f"to {grade.value}" for grade in CURRENT_SCALE)

_RECORDED_KINDS = {"standard": InspectionKind.ILACS_STANDARD, "short": InspectionKind.ILACS_SHORT}
_COLUMN_OF = {category: column for column, category in GRADE_COLUMNS.items()}
_BLAMED_COLUMN: dict[str | Category, str] = dict.fromkeys((FRAMEWORK, KIND), FRAMEWORK_COLUMN)
_BLAMED_COLUMN.update([(PUBLISHED, PUBLISHED_COLUMN), (END, END_COLUMN), *_COLUMN_OF.items()])
_NOT_GRADED = "category not graded by the framework"  # the InspectionError's rule


def read_d2i_history(path: object, lookup: object = None, *, errors: str = "raise") -> LoadResult:
    """Read the D2I ILACS history CSV at ``path`` (a path or an open text file).

    ``lookup`` is a :class:`~ofstedmodel.register.CouncilRegister`, an iterable of
    :class:`~ofstedmodel.Council`, or the D2I lookup file (a path or an open text file, read
    by :func:`read_d2i_lookup`); by default the bundled register. With ``errors="raise"``
    the first problem raises :class:`~ofstedmodel.LoadError` carrying it as ``.problem``; with
    ``errors="collect"`` every good row is kept and every bad one reported in the result's
    ``problems``. A fault no row can be read past (a missing column, a file that cannot be
    opened) raises :class:`~ofstedmodel.LoadError` either way.
    """
    check_errors(errors)
    register = _register(lookup)
    with open_text(path) as (lines, name), no_cyclic_gc():
        sink = Sink(name, errors)
        rows = Rows(lines, sink)
        reader = _RowReader(register, rows.index(REQUIRED, (LINK,)), sink)
        reader.read(rows)
        return reader.result(rows.count)


def _register(lookup: object) -> CouncilRegister:
    if lookup is None:
        try:
            return bundled()
        except OSError as error:
            raise OfstedModelError(
                f"lookup: the bundled register of councils is not available ({error}); "
                "pass lookup= a CouncilRegister, an iterable of Council or the D2I lookup file"
            ) from None
    if isinstance(lookup, CouncilRegister):
        return lookup
    if isinstance(lookup, (str, os.PathLike)) or hasattr(lookup, "read"):
        return read_d2i_lookup(lookup)
    if isinstance(lookup, Mapping):
        lookup = lookup.values()
    if isinstance(lookup, bytes) or not isinstance(lookup, Iterable):
        raise OfstedModelError(
            f"lookup: {shown(lookup)} is not a CouncilRegister, an iterable of Council or a path"
        )
    return CouncilRegister(lookup)


# -- the lookup ---------------------------------------------------------------------------------

# The lookup's columns by the Council field each gives (the kind only without a GSS code, whose
# first three characters say it: E06, a unitary authority); the first of _REGIONS to name one.
_LOOKUP = {
    "name": "local_authority_ons_name",
    "la_code": "la_code",
    "gss_code": "la_code_new",
    "urn": "urn",
    "kind": "ons_la_type",
    "statistical_neighbours": "stat_neighbours",
    "population_0_25": "ons_population_0-25",
}
_REGIONS = ("region_name", "rgn22nm", "region_code", "rgn22cd")
_NAMES = ("also_known_as", "ltla23nm", "utla23nm")


def read_d2i_lookup(path: object) -> CouncilRegister:
    """The register of the councils in the D2I lookup file at ``path`` (a path or an open
    text file; ``Provider_data_lookup.csv`` in the scrape tool's repository).

    Each row is a :class:`~ofstedmodel.Council`: ``local_authority_ons_name``, ``la_code``,
    ``la_code_new`` (GSS), ``urn``, ``stat_neighbours``, ``ons_population_0-25``; the region
    ``region_name`` names (else ``rgn22nm``, ``region_code``, ``rgn22cd``); the kind its GSS
    code says (``E06``: unitary authority), else ``ons_la_type``. The names in
    ``also_known_as``, ``ltla23nm`` and ``utla23nm`` find it too. Which councils were abolished
    or replaced, the file does not say (the bundled register does). A row that cannot be read
    raises :class:`~ofstedmodel.LoadError` naming its line, column and value.

    >>> import io
    >>> register = read_d2i_lookup(io.StringIO(
    ...     "urn,la_code,la_code_new,local_authority_ons_name,region_code,also_known_as\\n"
    ...     "80445,810,E06000010,Kingston upon Hull,YH,\\"[Kingston Upon Hull, Hull]\\"\\n"))
    >>> council = register.find("Hull")
    >>> council.la_code, council.region.name, council.kind.name
    ('810', 'YORKSHIRE_AND_THE_HUMBER', 'UNITARY_AUTHORITY')
    """
    with open_text(path) as (lines, name):
        sink = Sink(name, "raise")
        rows = Rows(lines, sink)
        at = rows.index(list(_LOOKUP.values())[:4], (*_LOOKUP.values(), *_REGIONS, *_NAMES))
        councils: list[Council] = []
        aliases: dict[str, str] = {}
        for line, row in rows:
            cell = {column: row[i].strip() for column, i in at.items()}
            given = {field: cell.get(column, "") for field, column in _LOOKUP.items()}
            neighbours = [c.strip() for c in given.pop("statistical_neighbours").split(",")]
            population, stated = given.pop("population_0_25"), given.pop("kind")
            try:
                councils.append(
                    Council(
                        **{field: text or None for field, text in given.items()},
                        region=next(filter(None, map(_region, map(cell.get, _REGIONS))), None),
                        kind=given["gss_code"][:3] or stated or None,
                        statistical_neighbours=[code for code in neighbours if code],
                        population_0_25=int(population) if population.isdecimal() else population,
                    )
                )
            except CouncilError as error:
                column = _LOOKUP.get(error.field or "")
                sink.problem(line, column, cell.get(column or ""), str(error))
                continue
            for alias in _other_names(cell, councils[-1].name):
                aliases.setdefault(alias, councils[-1].la_code)
        try:
            return CouncilRegister(councils, aliases)
        except CouncilError as error:
            raise fatal(name, str(error)) from None


def _region(text: str | None) -> Region | None:
    try:
        return Region.parse(text) if text else None
    except CouncilError:
        return None


def _other_names(cell: Mapping[str, str], name: str) -> list[str]:
    """The other names of a lookup row. In ``also_known_as`` (``[BCP, Bournemouth, Christchurch
    & Poole]``) commas also fall inside names: pieces that make one of the council's are one."""
    names = [cell.get(column, "") for column in _NAMES[1:]]
    own = {name_key(n) for n in (name, *names) if n}
    pieces = [p.strip() for p in cell.get("also_known_as", "").strip("[] ").split(",")]
    while pieces:
        stop = len(pieces)
        while stop > 1 and name_key(", ".join(pieces[:stop])) not in own:
            stop -= 1
        names.append(", ".join(pieces[:stop]))
        del pieces[:stop]
    return [n for n in names if n and name_key(n) != name_key(name)]


# -- the history --------------------------------------------------------------------------------


def _grade_problem(error: GradeError) -> str:
    """GradeError's message without its long list of accepted labels."""
    short, markers = error.brief or str(error), ", ".join(sorted(m for m in MARKERS if m))
    if error.suggestion is not None:
        return short
    return f"{short}; expected a grade word such as 'good', or a marker: {markers}"


# A row's judgements, whether its grades are all unreadable, its faults and its artefacts.
_Graded = tuple[tuple[Judgement, ...], bool, tuple[Fault, ...], tuple[Fault, ...]]


def _grades(cells: tuple[str, ...]) -> _Graded:
    """A row's grade cells read (internal; cached by the reader per distinct tuple of cells)."""
    judgements, faults, artefacts, unreadable = [], [], [], True
    for (column, category), cell in zip(GRADE_COLUMNS.items(), cells, strict=True):
        text = cell.strip()
        if text in MARKERS:
            unreadable = unreadable and text in UNREADABLE
            continue
        unreadable = False
        if text in _ARTEFACTS:
            reason = f"{shown(cell)} is the scraper's artefact, not a grade: the grade is unknown"
            artefacts.append(Fault(column, cell, reason))
            continue
        try:
            grade = Grade.parse(text)
        except GradeError as error:
            faults.append(Fault(column, cell, _grade_problem(error)))
            continue
        judgements.append(interned(category, grade))
    return tuple(judgements), unreadable, tuple(faults), tuple(artefacts)


_SIF_START = Framework.SIF.start
_CP2012_START = Framework.CP2012.start
_ILACS, _ILACS_START = Framework.ILACS, Framework.ILACS.start


# A framework, a kind and a note saying how they were inferred, if they were.
_Inferred = tuple[Framework, InspectionKind, str | None]


def _framework(text: str, unreadable: bool, published: _dt.date) -> _Inferred:
    """The framework and kind of a row from its ``inspection_framework`` text, whether its
    grades are all unreadable and its publication date; and a note saying how they were
    inferred, unless the text said ``standard`` or ``short``."""
    recorded = _RECORDED_KINDS.get(text.strip().lower())
    if recorded is not None:
        return Framework.ILACS, recorded, None
    words = normalise_text(text).split()
    named = [kind for word, kind in _RECORDED_KINDS.items() if word in words]
    if len(named) == 1:
        return (
            Framework.ILACS,
            named[0],
            f"framework recorded as {shown(text)}: read as {named[0].value}",
        )
    head = "framework not recorded"
    if text.strip():
        head = f"framework recorded as {shown(text)}, neither standard nor short"
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


def _before_ilacs(text: str, start: _dt.date) -> _Inferred | None:
    """For a row with no grade given taken to be ILACS but whose fieldwork began before ILACS
    did: the framework then in force, and a note (``None`` when none was)."""
    try:
        framework = Framework.for_date(start)
    except CategoryError:
        return None
    said = f"framework recorded as {shown(text)}" if text.strip() else "framework not recorded"
    said += f", but the fieldwork began {start.isoformat()}, before ILACS did "
    said += f"({_ILACS_START.isoformat()}), and no grade is given: {framework.value}, then in "
    return framework, framework.default_kind, said + "force, assumed"


class _RowReader(Collector):
    """Turns rows into inspections (internal). Councils, dates, grade cells and framework
    inferences repeat from row to row, so each distinct value is read once and cached."""

    def __init__(self, register: CouncilRegister, column: Mapping[str, int], sink: Sink) -> None:
        super().__init__(sink)
        self.register = register
        self.by_urn = {council.urn: council for council in register if council.urn}
        self.position = column
        self.link = column.get(LINK)
        self.cells = itemgetter(*(column[c] for c in _CELLS))
        self.grade_cells = itemgetter(*(column[c] for c in GRADE_COLUMNS))
        # An empty cell is no date: sound for fieldwork, a fault for publication.
        self.dates = Cached(day_first, {"": None})
        self.grade_cache: dict[tuple[str, ...], _Graded] = {}
        self.council_cache: dict[tuple[str, str], tuple[Council, str | None]] = {}
        self.frameworks: dict[tuple[str, bool, bool, bool], _Inferred] = {}

    def read(self, rows: Iterable[tuple[int, list[str]]]) -> None:
        """Read every row: keep its inspection, or report why not."""
        dates, councils, grades = self.dates, self.council_cache, self.grade_cache
        frameworks, note, cells_of, link_at = self.frameworks, self.sink.note, self.cells, self.link
        typed = Inspection._typed  # the cells read into the model's types: judgements in order
        for line, row in rows:
            urn, name, published_text, framework_text, start_text, end_text = cells_of(row)
            faults: list[Fault] = []
            found = councils.get((urn, name)) or self._council(urn, name, faults)
            # Each distinct date text is read once: looked up here, read by collect().
            published = dates.get(published_text, UNREAD)
            if published is UNREAD:
                published = dates.collect(published_text, PUBLISHED_COLUMN, faults)
            if published is None and not published_text.strip():
                reason = "no publication date: it is always known"
                faults.append(Fault(PUBLISHED_COLUMN, published_text, reason))
            start = dates.get(start_text, UNREAD)
            if start is UNREAD:
                start = dates.collect(start_text, START_COLUMN, faults)
            end = dates.get(end_text, UNREAD)
            if end is UNREAD:
                end = dates.collect(end_text, END_COLUMN, faults)
            cells = self.grade_cells(row)
            graded = grades.get(cells) or grades.setdefault(cells, _grades(cells))
            judgements, unreadable, grade_faults, artefacts = graded
            if found is None or published is None or faults or grade_faults:
                self.faults(line, [*faults, *grade_faults])
                continue
            key = (framework_text, unreadable, published >= _SIF_START, published >= _CP2012_START)
            inferred = frameworks.get(key)
            if inferred is None:
                inferred = frameworks[key] = _framework(framework_text, unreadable, published)
            if inferred[0] is _ILACS and not judgements and start and start < _ILACS_START:
                inferred = _before_ilacs(framework_text, start) or inferred
            link = row[link_at].strip() if link_at is not None else ""
            inspection, dropped = None, []
            while inspection is None:
                try:
                    inspection = typed(
                        found[0],
                        inferred[0],
                        published,
                        judgements,
                        inferred[1],
                        start,
                        end,
                        bool(judgements),
                        (),
                        link or None,
                    )
                except OfstedModelError as error:
                    # With no fieldwork dates, a grade no era the report could be of gives.
                    if start is end is None and error.rule == _NOT_GRADED:
                        dropped.append(_COLUMN_OF[error.category])  # type: ignore[index]
                        judgements = tuple(
                            j for j in judgements if j.category is not error.category
                        )
                        continue
                    self.sink.problem(
                        line, *blamed(error, _BLAMED_COLUMN, self.position, row), str(error)
                    )
                    break
            if inspection is None or not self.keep(
                line, inspection, PUBLISHED_COLUMN, published_text
            ):
                continue
            if inferred[2] is not None:
                note(line, FRAMEWORK_COLUMN, framework_text, inferred[2])
            if start is None and end is None and (judgements or dropped):
                self._undated(line, row, inspection, dropped)
            for fault in artefacts:
                note(line, fault.column, fault.value, fault.reason)
            if found[1] is not None:
                note(line, URN, urn, found[1])

    def _council(
        self, urn: str, name: str, faults: list[Fault]
    ) -> tuple[Council, str | None] | None:
        """The council of a row's URN and name, and a note when they do not simply agree;
        ``None`` with a fault when neither names a council."""
        by_urn = self.by_urn.get(urn.strip())
        by_name = self.register.get(name) if name.strip() else None
        council = by_urn or by_name
        if council is None:
            at, value = (URN, urn) if urn.strip() else (NAME, name)
            reason = f"no council in the lookup has URN {shown(urn)} or is named {shown(name)}"
            faults.append(Fault(at, value, reason))
            return None
        said = None
        if by_urn is None and urn.strip():
            said = f"URN {shown(urn)} is not in the lookup; matched by name {shown(name)}"
        elif by_urn is not None and by_name is not None and by_name.la_code != by_urn.la_code:
            said = f"URN {shown(urn)} is {by_urn.name}'s, but the name {shown(name)} is "
            said += f"{by_name.name}'s: read as {by_urn.name}'s, by the URN"
        found = self.council_cache[urn, name] = (council, said)
        return found

    def _undated(self, line: int, row: list[str], made: Inspection, dropped: list[str]) -> None:
        """Note, of an inspection with no fieldwork dates, grades left out and the era taken."""
        era, published = made.era, made.published
        for column in dropped:
            reason = f"no fieldwork dates, and a report published {published.isoformat()} is of "
            reason += f"{era.name}, which does not grade {GRADE_COLUMNS[column].value}: the "
            self.sink.note(line, column, row[self.position[column]], reason + "grade is left out")
        later = [e for e in made.framework.eras if era.start < e.start <= published]
        if later and later[-1].admits(made.kind):
            given = ", ".join(j.category.value for j in made if j.category not in later[-1].labels)
            reason = f"no fieldwork dates: published under {later[-1].name}, which does not grade "
            reason += f"{given}; {era.name}, whose grades these are, assumed"
            self.sink.note(line, PUBLISHED_COLUMN, row[self.position[PUBLISHED_COLUMN]], reason)

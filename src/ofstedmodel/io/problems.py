"""What reading a file found: :class:`Problem` and :class:`LoadResult`.

A reader reports each row it cannot keep as one or more :class:`Problem` values saying where
(file, line, column), what (the value) and why (the reason), and returns a :class:`LoadResult`
with the histories it could build::

    >>> from ofstedmodel.io import Problem
    >>> problem = Problem("d2i.csv", 17, "overall_effectiveness_grade", "goood",
    ...                   "'goood' is not a grade (did you mean 'good'?)")
    >>> print(problem)
    d2i.csv:17: column 'overall_effectiveness_grade': 'goood' is not a grade (did you mean 'good'?)

``errors="raise"`` (the default of every reader) raises :class:`~ofstedmodel.LoadError` at the
first problem, carrying it as ``.problem``; ``errors="collect"`` keeps every good row and
reports every bad one, so that ``rows == kept + reported``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from .._coerce import counted, shown
from ..errors import LoadError, OfstedModelError
from ..frameworks import Category
from ..history import History

__all__ = ["ERRORS", "LoadResult", "Problem"]

#: The accepted values of a reader's ``errors`` argument.
ERRORS = ("raise", "collect")


@attrs.frozen
class Problem:
    """Something wrong with one row (or, for non-line formats, one value) of a file.

    ``line`` is 1-based with the header as line 1, and is the line a row starts on; it is
    ``None`` for formats without lines (JSON). ``column`` names the column (or, for JSON, the
    path to the value) when one is to blame; ``value`` is the offending text as read.
    ``sheet`` names the sheet of a workbook (``line`` is then the row number the spreadsheet
    shows), and is ``None`` for other files.
    Readers also use this class for *notes*: rows kept with an interpretation worth knowing.

    >>> print(Problem("history.json", None, "data.published", "2018-13-01",
    ...               "'2018-13-01' is not an ISO date"))
    history.json: column 'data.published': '2018-13-01' is not an ISO date
    >>> print(Problem("outcomes.ods", 7, "Publication date", "", "no publication date",
    ...               sheet="Inspections_as_at_31_March"))
    outcomes.ods[Inspections_as_at_31_March]:7: column 'Publication date': no publication date
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    reason: str
    sheet: str | None = None

    def __str__(self) -> str:
        file = self.file if self.sheet is None else f"{self.file}[{self.sheet}]"
        where = file if self.line is None else f"{file}:{self.line}"
        column = "" if self.column is None else f" column {shown(self.column)}:"
        return f"{where}:{column} {self.reason}"


def _histories(value: Mapping[str, History]) -> Mapping[str, History]:
    return MappingProxyType(dict(sorted(value.items())))


def _problems(value: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(value)


@attrs.frozen(hash=False)
class LoadResult:
    """What a reader read: the histories it built and the problems it found.

    ``histories`` is a read-only mapping from DfE code to :class:`~ofstedmodel.History`, in
    code order. ``rows`` counts the rows read (not the header, not blank lines), ``kept`` those
    that became part of a history; every other row is reported in ``problems`` (a row may carry
    more than one problem), so ``rows == kept + reported``. ``notes`` are for rows kept with an
    interpretation worth knowing, such as a framework inferred from the dates.

    >>> result = LoadResult({}, (), rows=0, kept=0)
    >>> result.reported, len(result.histories)
    (0, 0)
    """

    histories: Mapping[str, History] = attrs.field(converter=_histories)
    problems: tuple[Problem, ...] = attrs.field(converter=_problems)
    rows: int
    kept: int
    notes: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)

    def __attrs_post_init__(self) -> None:
        if self.rows != self.kept + self.reported:
            raise OfstedModelError(
                f"LoadResult: {self.rows} rows read but {self.kept} kept and "
                f"{self.reported} reported"
            )

    @property
    def reported(self) -> int:
        """The number of rows reported: the distinct lines the problems are on."""
        return len({problem.line for problem in self.problems})

    def __repr__(self) -> str:
        """The counts, each noun agreeing with its number.

        >>> LoadResult({}, (), rows=1, kept=1)
        <LoadResult: 0 histories from 1 row, 1 kept, 0 reported, 0 notes>
        """
        histories = _counted(len(self.histories), "history", "histories")
        rows, notes = _counted(self.rows, "row"), _counted(len(self.notes), "note")
        counts = f"{rows}, {self.kept} kept, {self.reported} reported, {notes}"
        return f"<LoadResult: {histories} from {counts}>"

    def _repr_html_(self) -> str:
        """The notebook display: the counts, then the problems and notes as a table."""
        from ..display import load_result

        return load_result(self)


_counted = counted


def check_errors(errors: object) -> bool:
    """Whether ``errors`` asks to collect problems; refuses anything but :data:`ERRORS`."""
    if errors == "collect":
        return True
    if errors == "raise":
        return False
    raise OfstedModelError(
        f"errors: {shown(errors)} is not one of " + ", ".join(repr(e) for e in ERRORS)
    )


class Sink:
    """Where a reader sends problems and notes (internal): raises at the first problem, or
    collects them, as ``errors`` asked. Its problems name :attr:`sheet`, the workbook's sheet
    being read, if any."""

    __slots__ = ("collect", "file", "notes", "problems", "sheet")

    def __init__(self, file: str, errors: object) -> None:
        self.collect = check_errors(errors)
        self.file = file
        self.sheet: str | None = None
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def make(self, line: int | None, column: str | None, value: str | None, reason: str) -> Problem:
        """A problem in the file (and sheet) read."""
        return Problem(self.file, line, column, value, reason, self.sheet)

    def report(self, problems: list[Problem]) -> None:
        """Report one row's problems: raise the first, or keep them all."""
        if not self.collect:
            raise load_error(problems[0])
        self.problems.extend(problems)

    def problem(self, line: int | None, column: str | None, value: str | None, reason: str) -> None:
        """Report a row with a single problem."""
        self.report([self.make(line, column, value, reason)])

    def note(self, line: int | None, column: str | None, value: str | None, reason: str) -> None:
        """Record an interpretation of a row that was kept."""
        self.notes.append(self.make(line, column, value, reason))

    def fatal(self, reason: str, line: int | None = None, column: str | None = None) -> LoadError:
        """A fault no row can be read past (see :func:`fatal`)."""
        return load_error(self.make(line, column, None, reason))


def load_error(problem: Problem) -> LoadError:
    """The :class:`~ofstedmodel.LoadError` for ``problem``."""
    return LoadError(str(problem), problem)


def fatal(file: str, reason: str, line: int | None = None, column: str | None = None) -> LoadError:
    """A :class:`~ofstedmodel.LoadError` for a fault no row can be read past, such as a missing
    column; raised whatever ``errors`` says."""
    return load_error(Problem(file, line, column, None, reason))


# -- which column an InspectionError blames -----------------------------------------------------

#: Targets :func:`blame` names besides a :class:`~ofstedmodel.Category`.
PUBLISHED, END, FRAMEWORK, KIND, GRADES = "published", "end", "framework", "kind", "grades"


def blame(error: OfstedModelError) -> str | Category | None:
    """The field an :class:`~ofstedmodel.InspectionError` is about, from the data it carries
    (never its message): a date, the framework, the kind, a category or the grades as a whole.

    >>> import ofstedmodel as om
    >>> try:
    ...     om.Inspection(om.Council("X", "999"), "ILACS", "2022-09-05", {"care leavers": "good"})
    ... except om.InspectionError as error:
    ...     blame(error)
    <Category.CARE_LEAVERS>
    """
    if isinstance(error.category, Category):
        return error.category
    return _FIELDS.get(error.field or "")


_FIELDS = {
    "end": END,
    "published": PUBLISHED,
    "framework": FRAMEWORK,
    "kind": KIND,
    "grades_known": GRADES,
    "unknown": GRADES,
}


_EPOCH = _dt.date(2000, 1, 1)
_END_OF_CENTURY = _dt.date(2100, 12, 31)


def in_range(day: _dt.date) -> bool:
    """Whether ``day`` is a plausible date for an inspection record (2000 to 2100)."""
    return _EPOCH <= day <= _END_OF_CENTURY

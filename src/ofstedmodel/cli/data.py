"""What the commands run on: the bundled data, or the histories of a user's ``--data`` file,
read in the format ``--format`` names or the one its content shows.

The readers (:mod:`ofstedmodel.io`) are imported only when a file is given.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from .._coerce import a, counted
from ..errors import CouncilError, LoadError
from ..history import History, Snapshot
from ..register import CouncilRegister, bundled, register_of

if TYPE_CHECKING:
    from ..councils import Council
    from ..io.problems import LoadResult

__all__ = ["FORMATS", "SHOWN", "Data", "read", "report"]

#: The formats ``--data`` reads: the name ``--format`` takes, and what it is.
FORMATS: Mapping[str, str] = {
    "d2i": "the Data to Insight ILACS history CSV",
    "csv": "the library's own CSV (ofstedmodel.io.write_csv)",
    "json": "the library's own JSON (ofstedmodel.io.to_json), a history or histories",
    "ofsted": "Ofsted's per-council outcome table, the .ods workbook or its sheet as CSV",
}
#: How many of a file's problems (and notes) standard error shows.
SHOWN = 3

#: Columns whose presence in a header row shows a CSV file's format.
# Enough of each format's header to tell it (fewer than the reader needs, so that a file
# lacking a column it needs is told by the reader, naming the column).
_HEADERS: Mapping[str, frozenset[str]] = {
    "d2i": frozenset({"local_authority", "inspection_framework", "publication_date"}),
    "csv": frozenset({"la_code", "council"}),
    "ofsted": frozenset({"local authority name", "inspection date"}),
}


class Data(NamedTuple):
    """What the commands run on: the bundled data, or the histories of a user's file (a
    record made once per run: a tuple, which costs less to declare than an attrs class)."""

    #: The histories, with the date they run to (the bundled data's, or a file's latest
    #: publication): the default as-at date of every function given them.
    histories: Mapping[str, History]
    register: CouncilRegister
    #: The last day the data knows: the bundled snapshot, or a file's latest publication.
    as_of: _dt.date
    file: str | None = None
    format: str | None = None
    result: LoadResult | None = None
    #: Whether the user named the format (suggested commands then name it too).
    format_given: bool = False

    @property
    def options(self) -> str:
        """The options that run a suggested command on the same data (empty when bundled)."""
        if self.file is None:
            return ""
        import shlex

        named = f" --format {self.format}" if self.format_given else ""
        return f" --data {shlex.quote(self.file)}{named}"

    def history(self, key: str) -> History:
        """The history of the council ``key`` names; a council the file lacks is named."""
        return self.histories[self.find(key).la_code]

    def find(self, key: str) -> Council:
        """The council ``key`` names, among those the data holds; a council the file lacks is
        named, with the bundled data offered."""
        council = self.register.get(key)
        if council is None and self.file is not None:
            known = bundled().get(key)
            if known is not None:
                raise CouncilError(
                    f"{self.file} holds no inspections of {known.name} ({known.la_code}), only "
                    f"those of {len(self.histories)} other councils; run without --data to use "
                    "the bundled data",
                    field="council",
                )
        return self.register.find(key)

    def council(self, code: str) -> Council | None:
        """The council with DfE code ``code``, from the data or else the bundled register."""
        return self.register.get(code) or bundled().get(code)

    def command(self, *words: str) -> str:
        """The command line that runs ``words`` on this data, for a user to copy."""
        import shlex

        return f"ofstedmodel{self.options} " + " ".join(shlex.quote(word) for word in words)

    def json(self) -> dict[str, Any]:
        """What the command ran on, for the ``data`` key of the ``--json`` output."""
        result = self.result
        return {
            "file": self.file,
            "format": self.format or "bundled",
            "as_of": self.as_of.isoformat(),
            "rows": None if result is None else result.rows,
            "kept": None if result is None else result.kept,
            "reported": None if result is None else result.reported,
            "notes": None if result is None else len(result.notes),
        }


def read(file: str | None, named: str | None) -> Data:
    """The bundled data (``file`` ``None``), or the histories of the user's ``file`` in the
    format ``named`` or the one it shows."""
    if file is None:
        from .. import datasets

        return Data(datasets.histories(), datasets.register(), datasets.as_of)
    from .. import io

    format = named or _format_of(file)
    if named:
        _content(file, 0)  # a file that cannot be opened is refused alike in every format
    result: LoadResult | None = None
    if format == "json":
        histories = _read_json(file)
    else:
        reader = {
            "d2i": io.read_d2i_history,
            "csv": io.read_csv,
            "ofsted": io.read_ofsted_outcomes,
        }[format]
        result = reader(file, errors="collect")
        histories = dict(result.histories)
    published = [i.published for h in histories.values() for i in h.inspections]
    if not published:
        first = (
            "" if result is None or not result.problems else f"; the first: {result.problems[0]}"
        )
        rows = "" if result is None else f" ({result.rows} rows, {result.reported} not read)"
        raise _file_error(
            file, f"no inspection could be read from it as {FORMATS[format]}{rows}{first}"
        )
    as_of = max(published)
    register = register_of(h.council for h in histories.values())
    snapshot = Snapshot(histories.values(), as_of=as_of)
    return Data(snapshot, register, as_of, file, format, result, named is not None)


def report(data: Data, *, strict: bool = False) -> None:
    """Say on standard error what reading the user's file left out or interpreted: counts, and
    the first few of each, so that nothing is lost without a word. Rows not read are a
    warning (the answers leave them out), or with ``strict`` an error."""
    result = data.result
    if result is None:
        return
    lines = []
    if result.problems:
        not_read = counted(result.reported, "row")
        shown = min(SHOWN, len(result.problems))
        if strict:
            first = result.problems[0]
            raise _file_error(
                str(data.file), f"{not_read} cannot be read (--strict); the first: {first}"
            )
        lines.append(
            f"ofstedmodel: warning: {data.file}: {not_read} of {result.rows} cannot be read, "
            f"so the answers below leave {'it' if result.reported == 1 else 'them'} out "
            "(--strict refuses the file instead); "
            + (
                "the problem:"
                if len(result.problems) == 1
                else f"the first {shown} problems of {len(result.problems)}:"
            )
        )
        lines += [f"  {problem}" for problem in result.problems[:SHOWN]]
    if result.notes:
        shown = min(SHOWN, len(result.notes))
        lines.append(
            f"ofstedmodel: note: {data.file}: {counted(len(result.notes), 'note')} on how "
            f"rows were read; {'the note' if shown == 1 else f'the first {shown}'}:"
        )
        lines += [f"  {note}" for note in result.notes[:SHOWN]]
    if lines:
        print("\n".join(lines), file=sys.stderr)


def _file_error(file: str, reason: str) -> LoadError:
    from ..io import Problem

    problem = Problem(file, None, None, None, reason)
    return LoadError(str(problem), problem)


def _read_json(file: str) -> dict[str, History]:
    from ..io import Problem, from_json

    try:
        found = from_json(_content(file))
    except LoadError as error:
        if not isinstance(error.problem, Problem):
            raise
        problem = attrs.evolve(error.problem, file=file)  # from_json names no file
        raise LoadError(str(problem), problem) from None
    if isinstance(found, History):
        return {found.council.la_code: found}
    if isinstance(found, dict) and all(isinstance(h, History) for h in found.values()):
        return dict(found)
    what = "a list of councils" if isinstance(found, list) else a(type(found).__name__)
    raise _file_error(
        file,
        f"it holds {what}, not inspections; expected a history or histories written by "
        "ofstedmodel.io.to_json",
    )


def _content(file: str, size: int = -1) -> bytes:
    """The first ``size`` bytes of ``file`` (all by default); a clean error if it cannot be
    read (a missing file, a directory, a path Python refuses, such as one with a NUL)."""
    try:
        with open(file, "rb") as stream:
            return stream.read(size)
    except (OSError, ValueError) as error:
        why = getattr(error, "strerror", None) or error
        raise _file_error(file, f"cannot open the file: {why}") from None


def _format_of(file: str) -> str:
    """The format of ``file``, from its first bytes, its name and its header row."""
    import re

    head = _content(file, 1 << 16)
    extension = os.path.splitext(file)[1].lower()
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or extension in (".ods", ".xlsx", ".xls"):
        return "ofsted"
    if not head.strip():
        raise _file_error(file, "the file is empty (or holds only blank lines)")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if extension == ".json" or text.lstrip().startswith(("{", "[")):
        return "json"
    for line in text.splitlines()[:20]:  # Ofsted's sheets may start with a title and notes
        cells = {cell.strip().strip('"').lower() for cell in re.split(r"[,;\t]", line)}
        for format, columns in _HEADERS.items():
            if columns <= cells:
                return format
    raise _file_error(
        file,
        "cannot tell its format: its first lines are not the header of any format read ("
        + "; ".join(f"{name}: {what}" for name, what in FORMATS.items())
        + "); name the format with --format",
    )

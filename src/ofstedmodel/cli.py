"""The command line: ``python -m ofstedmodel`` or ``ofstedmodel``.

Commands work on the bundled data (:mod:`ofstedmodel.datasets`), or on a user's file with
``--data FILE``::

    ofstedmodel                       # the national picture and what to try next
    ofstedmodel history Rotherham     # every inspection, every grade, and a summary
    ofstedmodel compare Rotherham --from 2017-12-31 --to 2018-12-31
    ofstedmodel compare Northamptonshire "West Northamptonshire"   # across a reorganisation
    ofstedmodel summary --as-at 2024-03-31 --by region
    ofstedmodel summary --as-at 2025-03-31 --published-by 2025-06-30 --by ofsted_region
    ofstedmodel peers Rotherham
    ofstedmodel --data d2i-ilacs-history.csv summary

Every command takes ``--json``, ``--data FILE`` and ``--format FORMAT`` (``d2i``, ``csv``,
``json`` or ``ofsted``; by default the file's content shows it). A file's rows that could not
be read, and those kept with an interpretation, are counted on standard error with the first
few. Bad input prints one line to stderr and exits with status 2.

The JSON output (schema ``ofstedmodel-cli``, version 1) is one object whose first keys say
what it is, followed by the command's fields::

    {"schema": "ofstedmodel-cli", "version": 1, "command": "history", ...}

``command`` is ``history``, ``compare``, ``summary``, ``peers`` or ``national`` (no command).
The same thing has the same key and shape in every command, in the vocabulary of the library's
own formats (:mod:`ofstedmodel.io.records`): enum members by name (``"GOOD"``,
``"OVERALL_EFFECTIVENESS"``, ``"ILACS_SHORT"``), dates in ISO form, ``null`` for none.

- ``council``: ``{"name", "la_code"}`` (``history``, ``compare``, ``peers``);
- an inspection (``history``'s ``inspections``, ``compare``'s ``before`` and ``after``):
  ``published``, ``start``, ``end``, ``framework``, ``era``, ``kind``, ``graded``,
  ``grades_known``, ``unknown`` (categories), ``judgements`` (category -> ``{"grade",
  "label"}``, the label being the framework's wording), ``source``;
- a summary (``england``; ``groups``; ``peers``' ``region``): ``group`` (the group's name,
  ``null`` for England; a region by name), ``group_label`` (as the tables show it),
  ``as_at``, ``published_by``, ``category``, ``counts`` (grade -> councils), ``total``,
  ``good_or_better``, ``share_good_or_better``, ``not_graded``, ``unknown``, ``existing``,
  ``left_out`` (reason -> councils), ``pre_2013``;
- ``groups``: the list of summaries by group (``summary --by``, and the national picture's
  regions), empty when not grouped;
- ``description``: the plain-English account ``describe`` gives (``history``, ``compare``,
  ``peers``);
- ``data`` (every command): what the command ran on: ``file`` (``null`` for the bundled
  data), ``format`` (``"bundled"``, or the file's format), ``as_of`` (the bundled snapshot, or
  the file's latest publication date: the default ``--as-at``), and ``rows``, ``kept``,
  ``reported`` and ``notes``, the counts of reading the file (``null`` for the bundled data
  and for JSON, which has no rows);
- ``succession`` (``history``): ``created``, ``abolished``, ``predecessors`` and
  ``successors`` (each a list of ``{"name", "la_code"}``);
- ``successor``, ``same_council`` and ``note`` (``compare``): the council that replaced
  ``council`` when a former council is compared with it (else ``null``), whether both sides
  are one council, and the sentence saying whose grades are whose (else ``null``).

A change that renames or removes a key raises ``version``; new keys may appear without one.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import enum
import json
import os
import re
import shlex
import sys
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from ._coerce import a, to_date
from ._version import __version__
from .changes import Change, Comparison, compare_succession
from .councils import Council
from .errors import CouncilError, LoadError, OfstedModelError
from .frameworks import CURRENT_SCALE, Category
from .grades import Grade
from .history import History
from .inspections import Inspection
from .narrative import describe, fieldwork, format_date
from .populations import LeftOut, Peers, Summary, group_name, peers, summarise
from .register import CouncilRegister, bundled, register_of

if TYPE_CHECKING:  # the readers are imported only when --data asks for one
    from .io.problems import LoadResult

__all__ = ["JSON_SCHEMA", "JSON_VERSION", "main"]

#: The schema and version of the ``--json`` output (see above).
JSON_SCHEMA, JSON_VERSION = "ofstedmodel-cli", 1


class _Usage(Exception):
    """A command-line mistake: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Usage(f"{message} (see 'ofstedmodel --help')")


def _grade(grade: Grade | None, missing: str = "-") -> str:
    return missing if grade is None else grade.label


#: How the tables show a council with no grade counted, by why (unknown never reads as none).
_LEFT_OUT_TEXT = {
    LeftOut.NOT_EXISTING: "did not exist then",
    LeftOut.NOT_INSPECTED: "not inspected by then",
    LeftOut.NOT_GIVEN: "not given by the framework",
    LeftOut.NOT_JUDGED: "not judged",
    LeftOut.UNKNOWN: "not known in the data",
}


def _why(result: Peers, council: Council) -> str:
    reason = result.left_out.get(council)
    return "-" if reason is None else _LEFT_OUT_TEXT[reason]


def _side(inspection: Inspection, category: Category, grade: Grade | None) -> str:
    """One side of a comparison: the grade, or why there is none."""
    if grade is not None:
        return grade.label
    if category not in inspection.era.labels:
        return "not graded separately"
    return "not judged" if inspection.knows(category) else "not known in the data"


def _date_text(day: _dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _inspection_json(inspection: Inspection) -> dict[str, Any]:
    return {
        "published": inspection.published.isoformat(),
        "start": _date_text(inspection.start) or None,
        "end": _date_text(inspection.end) or None,
        "framework": inspection.framework.name,
        "era": inspection.era.name,
        "kind": inspection.kind.name,
        "graded": inspection.is_graded,
        "grades_known": inspection.grades_known,
        "unknown": [c.name for c in inspection.unknown],
        "judgements": {
            j.category.name: {"grade": j.grade.name, "label": inspection.label(j.category)}
            for j in inspection.judgements
        },
        "source": inspection.source,
    }


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "category": change.category.name,
        "before": None if change.before is None else change.before.name,
        "after": None if change.after is None else change.after.name,
        "steps": change.steps,
        "direction": change.direction.name,
        "definition_changed": change.definition_changed,
    }


def _group(group: Hashable) -> str | None:
    """A group on the wire: an enum member (a region) by name, anything else as text."""
    if group is None:
        return None
    return group.name if isinstance(group, enum.Enum) else group_name(group)


def _council_json(council: Council) -> dict[str, Any]:
    return {"name": council.name, "la_code": council.la_code}


def _summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "group": _group(summary.group),
        "group_label": None if summary.group is None else group_name(summary.group),
        "as_at": summary.as_at.isoformat(),
        "category": summary.category.name,
        "counts": {g.name: n for g, n in summary.counts.items()},
        "total": summary.total,
        "good_or_better": summary.good_or_better,
        "share_good_or_better": summary.share_good_or_better,
        "not_graded": summary.not_graded,
        "unknown": summary.unknown,
        "existing": summary.existing,
        "published_by": summary.published_by.isoformat(),
        "left_out": {
            reason.name: sum(1 for r in summary.left_out.values() if r is reason)
            for reason in LeftOut
        },
        "pre_2013": len(summary.pre_2013_councils),
    }


# -- the data the commands run on ----------------------------------------------------------------

#: The formats ``--data`` reads: the name ``--format`` takes, and what it is.
FORMATS: Mapping[str, str] = {
    "d2i": "the Data to Insight ILACS history CSV",
    "csv": "the library's own CSV (ofstedmodel.io.write_csv)",
    "json": "the library's own JSON (ofstedmodel.io.to_json), a history or histories",
    "ofsted": "Ofsted's per-council outcome table, the .ods workbook or its sheet as CSV",
}
#: How many of a file's problems (and notes) standard error shows.
SHOWN = 3


@attrs.frozen
class _Data:
    """What the commands run on: the bundled data, or the histories of a user's file."""

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
        named = f" --format {self.format}" if self.format_given else ""
        return f" --data {shlex.quote(self.file)}{named}"

    def history(self, key: str) -> History:
        """The history of the council ``key`` names; a council the file lacks is named."""
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
        return self.histories[self.register.find(key).la_code]

    def council(self, code: str) -> Council | None:
        """The council with DfE code ``code``, from the data or else the bundled register."""
        return self.register.get(code) or bundled().get(code)

    def command(self, *words: str) -> str:
        """The command line that runs ``words`` on this data, for a user to copy."""
        return f"ofstedmodel{self.options} " + " ".join(shlex.quote(word) for word in words)

    def json(self) -> dict[str, Any]:
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


def _bundled() -> _Data:
    from . import datasets

    return _Data(datasets.histories(), datasets.register(), datasets.as_of)


def _file_error(file: str, reason: str) -> LoadError:
    from .io import Problem

    problem = Problem(file, None, None, None, reason)
    return LoadError(str(problem), problem)


def _read_file(file: str, named: str | None) -> _Data:
    """The histories of the user's ``file``, in the format ``named`` or the one it shows."""
    from . import io

    format = named or _format_of(file)
    if named:
        _content(file, 0)  # a file that cannot be opened is refused alike in every format
    result: LoadResult | None = None
    if format == "json":
        histories = _read_json(file)
    else:
        read = {
            "d2i": io.read_d2i_history,
            "csv": io.read_csv,
            "ofsted": io.read_ofsted_outcomes,
        }[format]
        result = read(file, errors="collect")
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
    councils = [h.council for h in histories.values()]
    register = register_of(councils)
    return _Data(histories, register, max(published), file, format, result, named is not None)


def _read_json(file: str) -> dict[str, History]:
    from .io import Problem, from_json

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
    head = _content(file, 1 << 16)
    extension = os.path.splitext(file)[1].lower()
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or extension in (".ods", ".xlsx", ".xls"):
        return "ofsted"
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


#: Columns whose presence in a header row shows a CSV file's format.
_HEADERS: Mapping[str, frozenset[str]] = {
    "d2i": frozenset({"local_authority", "inspection_framework", "publication_date"}),
    "csv": frozenset({"la_code", "council", "framework", "kind", "published"}),
    "ofsted": frozenset({"local authority name", "inspection date"}),
}


def _report_load(data: _Data) -> None:
    """Say on standard error what reading the user's file left out or interpreted: counts, and
    the first few of each, so that nothing is lost without a word."""
    result = data.result
    if result is None:
        return
    lines = []
    if result.problems:
        lines.append(
            f"ofstedmodel: note: {data.file}: {result.rows} rows read, {result.kept} kept, "
            f"{result.reported} not read; the first {min(SHOWN, len(result.problems))} "
            f"of {len(result.problems)} problems:"
        )
        lines += [f"  {problem}" for problem in result.problems[:SHOWN]]
    if result.notes:
        lines.append(
            f"ofstedmodel: note: {data.file}: {len(result.notes)} rows kept with an "
            f"interpretation worth knowing; the first {min(SHOWN, len(result.notes))}:"
        )
        lines += [f"  {note}" for note in result.notes[:SHOWN]]
    if lines:
        print("\n".join(lines), file=sys.stderr)


# -- former councils ------------------------------------------------------------------------------


def _names(data: _Data, codes: Sequence[str]) -> list[str]:
    return [
        council.name if (council := data.council(code)) else f"the council with DfE code {code}"
        for code in codes
    ]


def _listed(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with semicolons when a name has a comma of its own."""
    if len(names) < 2:
        return "".join(names)
    joiner = "; " if any("," in name for name in names) else ", "
    return joiner.join(names[:-1]) + " and " + names[-1]


def _history_of(data: _Data, code: str) -> str | None:
    """The command that shows council ``code``'s history: on the same data if it holds the
    council, else on the bundled data; ``None`` when neither does."""
    council = data.council(code)
    if council is None:
        return None
    if code in data.histories:
        return data.command("history", council.name)
    if code in bundled():
        return f"ofstedmodel history {shlex.quote(council.name)}  (the bundled data)"
    return None


def _succession_text(data: _Data, council: Council) -> list[str]:
    """Where a former council's successors, or a successor's predecessors, are: different
    councils, each with its own history, a command away."""
    lines: list[str] = []
    for codes, former in ((council.successors, True), (council.predecessors, False)):
        if not codes:
            continue
        names = _names(data, codes)
        one = len(names) == 1
        whose = f"{names[0]}'s" if one else "Their"
        own = "its own history" if one else "their own histories"
        if former:
            when = "" if council.abolished is None else f" on {format_date(council.abolished)}"
            lines.append(
                f"{council.name} was abolished{when}; {_listed(names)} replaced it. {whose} "
                f"inspections are {own}, not {council.name}'s:"
            )
            pairs = [(council.name, name) for name in names]
            other = names[0] + "'s" if one else "a successor's"
            compared = f"{council.name}'s last inspection with {other}"
        else:
            when = "" if council.created is None else f" on {format_date(council.created)}"
            lines.append(
                f"{council.name} was created{when}, replacing {_listed(names)}. {whose} "
                f"inspections are {own}, not {council.name}'s:"
            )
            pairs = [(name, council.name) for name in names]
            other = names[0] + "'s" if one else "a predecessor's"
            compared = f"{other} last inspection with {council.name}'s"
        lines += [f"  {command}" for code in codes if (command := _history_of(data, code))]
        comparisons = [
            f"  {data.command('compare', *pair)}"
            for code, pair in zip(codes, pairs, strict=True)
            if code in data.histories
        ]
        if comparisons:
            lines += [f"To compare {compared}:", *comparisons]
    return lines


def _succession_json(data: _Data, council: Council) -> dict[str, Any]:
    def named(codes: Sequence[str]) -> list[dict[str, Any]]:
        return [
            {"name": None if (c := data.council(code)) is None else c.name, "la_code": code}
            for code in codes
        ]

    return {
        "created": None if council.created is None else council.created.isoformat(),
        "abolished": None if council.abolished is None else council.abolished.isoformat(),
        "predecessors": named(council.predecessors),
        "successors": named(council.successors),
    }


def _across_text(
    data: _Data, comparison: Comparison, before: _dt.date | None, after: _dt.date | None
) -> str:
    """Says plainly that a comparison across a succession is of two councils."""
    former, later = comparison.before.council, comparison.after.council
    names = _names(data, former.successors)
    others = [n for c, n in zip(former.successors, names, strict=True) if c != later.la_code]
    also = f" (with {_listed(others)})" if others else ""
    when = "" if former.abolished is None else f" on {format_date(former.abolished)}"
    first = (
        "its last graded inspection"
        if before is None
        else f"its inspection in force on {format_date(before)}"
    )
    second = (
        "its latest graded inspection"
        if after is None
        else f"its inspection in force on {format_date(after)}"
    )
    return (
        f"{former.name} and {later.name} are different councils: {later.name} replaced "
        f"{former.name}{when}{also}. The first grades are {former.name}'s, from {first} "
        f"(published {format_date(comparison.before.published)}), not {later.name}'s; the "
        f"second are {later.name}'s, from {second} (published "
        f"{format_date(comparison.after.published)})."
    )


def _outside(data: _Data, council: Council, day: _dt.date) -> str | None:
    """Why ``council`` had nothing in force on ``day`` because it did not exist then, with
    the command that compares across its succession; ``None`` when it existed."""
    if council.abolished is not None and day >= council.abolished and council.successors:
        names = _names(data, council.successors)
        held = [
            (data.histories[code], name)
            for code, name in zip(council.successors, names, strict=True)
            if code in data.histories
        ]
        graded = [name for history, name in held if history.as_at(day) is not None]
        if graded:
            then = data.command("compare", council.name, graded[0], "--to", day.isoformat())
            instead = f"; to compare its last inspection with a successor's: {then}"
        elif held:
            latest = data.command("compare", council.name, held[0][1])
            instead = (
                f"; no successor had a graded inspection by then. To compare its last "
                f"inspection with a successor's latest: {latest}"
            )
        else:
            instead = ""
        return (
            f"{council.name} was abolished on {format_date(council.abolished)} "
            f"({_listed(names)} replaced it), so none of its inspections was in force on "
            f"{format_date(day)}{instead}"
        )
    if council.created is not None and day < council.created and council.predecessors:
        names = _names(data, council.predecessors)
        held_names = [
            name
            for code, name in zip(council.predecessors, names, strict=True)
            if code in data.histories
        ]
        instead = (
            ""
            if not held_names
            else "; to compare its predecessor's last inspection with its own: "
            + data.command("compare", held_names[0], council.name)
        )
        return (
            f"{council.name} was created on {format_date(council.created)}, replacing "
            f"{_listed(names)}, so none of its inspections was in force on {format_date(day)}"
            + instead
        )
    return None


# -- the commands ---------------------------------------------------------------------------------


def _cmd_history(args: argparse.Namespace, data: _Data) -> tuple[str, Any]:
    history = data.history(args.council)
    council = history.council
    if args.json:
        return "", {
            "council": _council_json(council),
            "succession": _succession_json(data, council),
            "inspections": [_inspection_json(i) for i in history.inspections],
            "description": describe(history),
        }
    lines = [f"{council.name} ({council.la_code})", ""]
    for inspection in history.inspections:
        lines.append(
            f"{inspection.published.isoformat()}  {inspection.era.name}, {inspection.kind.value} "
            f"({fieldwork(inspection, _dt.date.isoformat) or 'fieldwork dates not known'})"
        )
        if not inspection.is_graded:
            lines.append("    no grades (ungraded visit)")
        elif not inspection.grades_known:
            lines.append("    grades not known in the data")
        for judgement in inspection.judgements:
            lines.append(f"    {judgement.grade.label:<32} {inspection.label(judgement.category)}")
        for category in inspection.unknown:
            lines.append(f"    {'(not known in the data)':<32} {inspection.label(category)}")
    lines += ["", describe(history)]
    succession = _succession_text(data, council)
    if succession:
        lines += ["", *succession]
    return "\n".join(lines), None


def _cmd_compare(args: argparse.Namespace, data: _Data) -> tuple[str, Any]:
    history = data.history(args.council)
    council = history.council
    successor = None if args.successor is None else data.history(args.successor)
    note = None
    if successor is None or successor.council == council:
        for day in (args.from_date, args.to_date):
            why = None if day is None else _outside(data, council, day)
            if why is not None:
                raise _Usage(why)
        first_of_successor = council.predecessors and len(history.graded) < 2
        if first_of_successor and (args.from_date, args.to_date) == (None, None):
            name = _names(data, council.predecessors)[0]
            has = "one graded inspection" if history.graded else "no graded inspection"
            raise _Usage(
                f"{council.name} has {has}, and a comparison needs two. To compare its "
                "predecessor's last inspection with its own: "
                f"{data.command('compare', name, council.name)}"
            )
        comparison: Comparison = history.compare(args.from_date, args.to_date)
    else:
        _check_succession(data, council, successor.council)
        comparison = compare_succession(history, successor, args.from_date, args.to_date)
        note = _across_text(data, comparison, args.from_date, args.to_date)
    if args.json:
        return "", {
            "council": _council_json(council),
            "successor": None if note is None else _council_json(comparison.after.council),
            "same_council": comparison.same_council,
            "before": _inspection_json(comparison.before),
            "after": _inspection_json(comparison.after),
            "elapsed": {
                "years": comparison.elapsed.years,
                "months": comparison.elapsed.months,
                "days": comparison.elapsed.days,
            },
            "direction": comparison.direction.name,
            "changes": [_change_json(c) for c in comparison.changes.values()],
            "description": describe(comparison),
            "note": note,
        }

    def heading(inspection: Inspection) -> str:
        published = format_date(inspection.published)
        return published if note is None else f"{inspection.council.name}, {published}"

    rows = []
    for change in comparison.changes.values():
        steps = "?" if change.steps is None else f"{change.steps:+d}"
        mark = " *" if change.definition_changed else ""
        before = _side(change.before_inspection, change.category, change.before)
        after = _side(change.after_inspection, change.category, change.after)
        rows.append([change.category.value, before, after, steps + mark])
    header = ["judgement", heading(comparison.before), heading(comparison.after), "steps"]
    lines = ([note, ""] if note else []) + [_layout(header, rows)]
    if any(c.definition_changed for c in comparison.changes.values()):
        lines.append("* the judgement's definition changed between frameworks")
    return "\n".join([*lines, "", describe(comparison)]), None


def _check_succession(data: _Data, former: Council, later: Council) -> None:
    """Refuse, with the command to run instead, two councils not given as a former council and
    one that replaced it."""
    if later.is_predecessor_of(former):
        raise _Usage(
            f"{later.name} came before {former.name}: {former.name} replaced it. Give the former "
            f"council first: {data.command('compare', later.name, former.name)}"
        )
    if not former.is_predecessor_of(later):
        raise _Usage(
            f"{former.name} and {later.name} are different councils and neither replaced the "
            "other, so their inspections are not one line of succession; to see a council "
            f"beside its statistical neighbours: {data.command('peers', former.name)}"
        )


def _layout(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table: the first column left-aligned, the others right-aligned, each as wide as its
    widest cell (its header included) and two spaces from the next, so that no header runs
    into its neighbour and every cell ends where its header ends."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        rest = "".join(
            f"  {cell:>{width}}" for cell, width in zip(cells[1:], widths[1:], strict=True)
        )
        return f"{cells[0]:<{widths[0]}}{rest}"

    return "\n".join(line(cells) for cells in (header, *rows))


def _table(summaries: Sequence[Summary], total: Summary) -> str:
    grades = list(CURRENT_SCALE) + ([Grade.ADEQUATE] if total.counts.get(Grade.ADEQUATE) else [])
    everyone = (*summaries, total)
    digits = len(str(max(s.existing for s in everyone)))

    def counted(n: int, share: float) -> str:
        return f"{n:>{digits}} ({share:>6.1%})"

    header = [
        "",
        *(g.value.capitalize() for g in grades),
        "Good or better",
        "Graded",
        "Not graded",
        "Unknown",
    ]
    rows = [
        [
            "England" if summary is total else group_name(summary.group),
            *(counted(summary.counts.get(g, 0), summary.share(g)) for g in grades),
            counted(summary.good_or_better, summary.share_good_or_better),
            str(summary.total),
            str(summary.not_graded),
            str(summary.unknown),
        ]
        for summary in everyone
    ]
    return _layout(header, rows)


def _cmd_summary(args: argparse.Namespace, data: _Data) -> tuple[str, Any]:
    as_at = args.as_at or data.as_of
    histories = data.histories
    cut_off = args.published_by
    total = summarise(histories, as_at, args.category, published_by=cut_off)
    groups: Mapping[Hashable, Summary] = (
        summarise(histories, as_at, args.category, by=args.by, published_by=cut_off)
        if args.by
        else {}
    )
    if args.json:
        return "", {
            "england": _summary_json(total),
            "groups": [_summary_json(s) for s in groups.values()],
        }
    counted = (
        "latest graded inspection published by then"
        if total.published_by == total.as_at
        else "latest graded inspection begun by then and published by "
        + format_date(total.published_by)
    )
    title = (
        f"{total.category.value.capitalize()} as at {format_date(total.as_at)}: each council's "
        f"{counted} (counts, share of councils graded; unknown: a grade in force the data does "
        "not know)"
    )
    text = "\n".join([title, "", _table(list(groups.values()), total), ""])
    return text + "\n" + describe(groups if groups else total), None


def _cmd_peers(args: argparse.Namespace, data: _Data) -> tuple[str, Any]:
    history = data.history(args.council)
    as_at = args.as_at or data.as_of
    result: Peers = peers(history, data.histories, as_at, args.category)
    if args.json:
        return "", {
            "council": _council_json(history.council),
            "as_at": result.as_at.isoformat(),
            "category": result.category.name,
            "grade": None if result.grade is None else result.grade.name,
            "neighbours": [
                {"name": c.name, "la_code": c.la_code, "grade": None if g is None else g.name}
                for c, g in result.neighbours.items()
            ],
            "region": None if result.region is None else _summary_json(result.region),
            "england": _summary_json(result.england),
            "description": describe(result),
        }
    lines = [
        f"{history.council.name}: {result.category.value} as at {format_date(result.as_at)}",
        f"  {'(this council)':<34} {_grade(result.grade, _why(result, history.council))}",
        "",
        "  statistical neighbours, most similar first:",
    ]
    for council, grade in result.neighbours.items():
        lines.append(f"  {council.name:<34} {_grade(grade, _why(result, council))}")
    lines += ["", describe(result)]
    if not history.council.existed_on(result.as_at):
        lines += ["", *_succession_text(data, history.council)]
    return "\n".join(lines), None


def _cmd_national(args: argparse.Namespace, data: _Data) -> tuple[str, Any]:
    histories = data.histories
    total = summarise(histories, data.as_of)
    regions = summarise(histories, data.as_of, by="region")
    if args.json:
        return "", {
            "as_of": data.as_of.isoformat(),
            "england": _summary_json(total),
            "groups": [_summary_json(s) for s in regions.values()],
        }
    if data.file is None:
        source = f"Bundled data to {format_date(data.as_of)}"
        example = "Rotherham"
        dates = ["--from", "2017-12-31", "--to", "2018-12-31"]
    else:
        source = f"{data.file} ({data.format}): reports published to {format_date(data.as_of)}"
        example = "Rotherham" if "372" in histories else next(iter(histories.values())).council.name
        dates = []
    lines = [
        "ofstedmodel: Ofsted judgements of English councils' children's services",
        f"{source}; {len(histories)} councils.",
        "",
        _table(list(regions.values()), total),
        "",
        describe(regions),
        "",
        "Try:",
        f"  {data.command('history', example)}",
        f"  {data.command('compare', example, *dates)}",
        f"  {data.command('summary', '--as-at', '2024-03-31', '--by', 'region')}",
        f"  {data.command('peers', example)}",
        "Add --json to any command for machine-readable output, --data FILE to read your own file.",
    ]
    return "\n".join(lines), None


def _date_arg(text: str) -> _dt.date:
    try:
        return to_date(text, "date")
    except OfstedModelError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; give one as YYYY-MM-DD, such as 2024-03-31"
        ) from None


def _category_arg(text: str) -> Category:
    try:
        return Category.parse(text)
    except OfstedModelError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


_EXAMPLES = """\
examples:
  ofstedmodel history Rotherham
  ofstedmodel compare Rotherham --from 2017-12-31 --to 2018-12-31
  ofstedmodel compare Northamptonshire "West Northamptonshire"
  ofstedmodel summary --as-at 2024-03-31 --by region
  ofstedmodel peers Rotherham --category "help and protection"
  ofstedmodel --data d2i-ilacs-history.csv summary --by ofsted_region

Dates are written YYYY-MM-DD. A council is named by its name in any usual spelling, its DfE
code (372), its GSS code (E08000018) or its Ofsted URN (80543). Bad input prints one line on
standard error and exits with status 2.
"""

_COUNCIL_HELP = "a council: a name, DfE code, GSS code or Ofsted URN"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ofstedmodel",
        description="Ofsted judgements of English councils' children's services, from the "
        "bundled data\nor from your own file (--data FILE). With no command: the national "
        "picture.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ofstedmodel {__version__}",
        help="show the version and exit",
    )

    def options(on: argparse.ArgumentParser, default: Any) -> None:
        # A command's own copies default to SUPPRESS, so that an option given before the
        # command is not reset by the command's parser.
        on.add_argument(
            "--json",
            action="store_true",
            default=default or False,
            help="machine-readable output (schema ofstedmodel-cli, version 1)",
        )
        on.add_argument(
            "--data",
            metavar="FILE",
            default=default,
            help="read the inspections from FILE instead of the bundled data: the D2I ILACS "
            "history CSV, the library's own CSV or JSON, or Ofsted's outcome table (.ods or "
            "CSV)",
        )
        on.add_argument(
            "--format",
            choices=tuple(FORMATS),
            default=default,
            metavar="FORMAT",
            help="the format of FILE, when its content does not show it: d2i, csv, json or ofsted",
        )

    options(parser, None)
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        title="commands",
        help="one of these (each has its own --help):",
    )

    def command(
        name: str, run: Callable[[argparse.Namespace, _Data], tuple[str, Any]], help: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        options(sub, argparse.SUPPRESS)
        sub.set_defaults(run=run)
        return sub

    def date(on: argparse.ArgumentParser, flag: str, dest: str, help: str) -> None:
        on.add_argument(flag, dest=dest, type=_date_arg, metavar="DATE", help=help)

    def category(on: argparse.ArgumentParser) -> None:
        on.add_argument(
            "--category",
            type=_category_arg,
            default=Category.OVERALL_EFFECTIVENESS,
            metavar="JUDGEMENT",
            help="a judgement, such as 'help and protection' or 'care leavers' (default: "
            "overall effectiveness)",
        )

    history = command("history", _cmd_history, "every inspection of a council, with its grades")
    history.add_argument("council", metavar="COUNCIL", help=_COUNCIL_HELP)
    compare = command(
        "compare",
        _cmd_compare,
        "compare the inspections of a council in force on two dates (without dates, its last "
        "two graded inspections; with one, from its first or to its latest), or a former "
        "council's last inspection with that of a council that replaced it",
    )
    compare.add_argument("council", metavar="COUNCIL", help=_COUNCIL_HELP)
    compare.add_argument(
        "successor",
        metavar="SUCCESSOR",
        nargs="?",
        help="a council that replaced COUNCIL, such as West Northamptonshire for "
        "Northamptonshire: compares COUNCIL's last graded inspection (or the one in force on "
        "--from) with SUCCESSOR's latest (or the one in force on --to); they are different "
        "councils",
    )
    date(compare, "--from", "from_date", "compare from the inspection in force on DATE")
    date(compare, "--to", "to_date", "compare to the inspection in force on DATE")
    summary = command("summary", _cmd_summary, "the national picture as at a date")
    date(summary, "--as-at", "as_at", "the date (default: the data's last date)")
    category(summary)
    date(
        summary,
        "--published-by",
        "published_by",
        "count inspections begun by the as-at date and published by this one, as Ofsted's "
        "releases since 2024 do (default: the as-at date)",
    )
    summary.add_argument(
        "--by",
        choices=("region", "ofsted_region", "kind"),
        metavar="GROUP",
        help="one row per group: region (the nine English regions), ofsted_region (Ofsted's "
        "eight) or kind (of council)",
    )
    peer = command("peers", _cmd_peers, "a council beside its statistical neighbours")
    peer.add_argument("council", metavar="COUNCIL", help=_COUNCIL_HELP)
    date(peer, "--as-at", "as_at", "the date (default: the data's last date)")
    category(peer)
    parser.set_defaults(run=_cmd_national)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
        if args.format is not None and args.data is None:
            raise _Usage("--format names the format of a --data FILE; give --data FILE too")
        data = _bundled() if args.data is None else _read_file(args.data, args.format)
        _report_load(data)
        _note_dates_past_the_data(args, data)
        text, document = args.run(args, data)
    except (_Usage, OfstedModelError) as error:
        message = " ".join(str(error).split())
        print(f"ofstedmodel: error: {message}", file=sys.stderr)
        return 2
    if document is not None:
        command = args.command or "national"
        document = {
            "schema": JSON_SCHEMA,
            "version": JSON_VERSION,
            "command": command,
            **document,
            "data": data.json(),
        }
        text = json.dumps(document, indent=2, ensure_ascii=False)
        fallback = json.dumps(document, indent=2)  # ASCII escapes: still the same JSON
    else:
        fallback = text
    return _print(text, fallback)


def _note_dates_past_the_data(args: argparse.Namespace, data: _Data) -> None:
    """Say so on standard error when a date asked about is past the data's last date: the
    answer is then what the data knows, not what was in force (issue 12)."""
    for name in ("as_at", "published_by", "to_date", "from_date"):
        day = getattr(args, name, None)
        if isinstance(day, _dt.date) and day > data.as_of:
            what = (
                "the bundled data goes to"
                if data.file is None
                else f"the latest report in {data.file} was published on"
            )
            print(
                f"ofstedmodel: note: {what} {format_date(data.as_of)}; reports published "
                f"after it are not in it, so {format_date(day)} is answered with what the data "
                "knows",
                file=sys.stderr,
            )
            return


def _print(text: str, fallback: str) -> int:
    """Print ``text``; where the terminal's encoding cannot show it, ``fallback`` with what it
    cannot show replaced; and end quietly when the reader stops reading (``| head``)."""
    try:
        try:
            print(text)
        except UnicodeEncodeError:
            encoding = sys.stdout.encoding or "ascii"
            print(fallback.encode(encoding, "replace").decode(encoding))
        sys.stdout.flush()
    except BrokenPipeError:
        # Python's advice: point stdout at devnull so the interpreter's own flush at exit
        # does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0

"""The command line: ``python -m ofstedmodel`` or ``ofstedmodel``.

Commands work on the bundled data (:mod:`ofstedmodel.datasets`)::

    ofstedmodel                       # the national picture and what to try next
    ofstedmodel history Rotherham     # every inspection, every grade, and a summary
    ofstedmodel compare Rotherham --from 2017-12-31 --to 2018-12-31
    ofstedmodel summary --as-at 2024-03-31 --by region
    ofstedmodel summary --as-at 2025-03-31 --published-by 2025-06-30 --by ofsted_region
    ofstedmodel peers Rotherham

Every command takes ``--json``. Bad input prints one line to stderr and exits with status 2.

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
  ``peers``).

A change that renames or removes a key raises ``version``; new keys may appear without one.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import enum
import json
import os
import sys
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, NoReturn

from ._coerce import to_date
from ._version import __version__
from .changes import Change, Comparison
from .councils import Council
from .errors import OfstedModelError
from .frameworks import CURRENT_SCALE, Category
from .grades import Grade
from .history import History
from .inspections import Inspection
from .narrative import describe, fieldwork, format_date
from .populations import LeftOut, Peers, Summary, group_name, peers, summarise

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


def _load_history(key: str) -> History:
    from . import datasets

    council = datasets.council(key)
    return datasets.histories()[council.la_code]


def _cmd_history(args: argparse.Namespace) -> tuple[str, Any]:
    history = _load_history(args.council)
    council = history.council
    if args.json:
        return "", {
            "council": _council_json(council),
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
    return "\n".join(lines), None


def _cmd_compare(args: argparse.Namespace) -> tuple[str, Any]:
    history = _load_history(args.council)
    comparison: Comparison = history.compare(args.from_date, args.to_date)
    if args.json:
        return "", {
            "council": _council_json(history.council),
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
        }
    rows = [
        f"{'judgement':<26} {format_date(comparison.before.published):>32}  "
        f"{format_date(comparison.after.published):>32}  steps"
    ]
    for change in comparison.changes.values():
        steps = "?" if change.steps is None else f"{change.steps:+d}"
        mark = " *" if change.definition_changed else ""
        before = _side(change.before_inspection, change.category, change.before)
        after = _side(change.after_inspection, change.category, change.after)
        rows.append(f"{change.category.value:<26} {before:>32}  {after:>32}  {steps}{mark}")
    if any(c.definition_changed for c in comparison.changes.values()):
        rows.append("* the judgement's definition changed between frameworks")
    return "\n".join([*rows, "", describe(comparison)]), None


def _table(summaries: Sequence[Summary], total: Summary) -> str:
    grades = list(CURRENT_SCALE) + ([Grade.ADEQUATE] if total.counts.get(Grade.ADEQUATE) else [])
    names = ["England", *(group_name(s.group) for s in summaries)]
    width = max(26, *(len(name) + 2 for name in names))
    head = f"{'':<{width}}" + "".join(f"{g.value.capitalize():>18}  " for g in grades)
    head += f"{'Good or better':>16}{'Graded':>10}{'Not graded':>12}{'Unknown':>9}"
    lines = [head]
    for summary in (*summaries, total):
        name = "England" if summary is total else group_name(summary.group)
        cells = "".join(
            f"{summary.counts.get(g, 0):>9} ({summary.share(g):>6.1%})  " for g in grades
        )
        lines.append(
            f"{name:<{width}}{cells}"
            f"{summary.good_or_better:>7} ({summary.share_good_or_better:>6.1%})"
            f"{summary.total:>10}{summary.not_graded:>12}{summary.unknown:>9}"
        )
    return "\n".join(lines)


def _cmd_summary(args: argparse.Namespace) -> tuple[str, Any]:
    from . import datasets

    as_at = args.as_at or datasets.as_of
    histories = datasets.histories()
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


def _cmd_peers(args: argparse.Namespace) -> tuple[str, Any]:
    from . import datasets

    history = _load_history(args.council)
    as_at = args.as_at or datasets.as_of
    result: Peers = peers(history, datasets.histories(), as_at, args.category)
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
    return "\n".join(lines), None


def _cmd_national(args: argparse.Namespace) -> tuple[str, Any]:
    from . import datasets

    histories = datasets.histories()
    total = summarise(histories, datasets.as_of)
    regions = summarise(histories, datasets.as_of, by="region")
    if args.json:
        return "", {
            "as_of": datasets.as_of.isoformat(),
            "england": _summary_json(total),
            "groups": [_summary_json(s) for s in regions.values()],
        }
    lines = [
        "ofstedmodel: Ofsted judgements of English councils' children's services",
        f"Bundled data to {format_date(datasets.as_of)}; {len(histories)} councils.",
        "",
        _table(list(regions.values()), total),
        "",
        describe(regions),
        "",
        "Try:",
        "  ofstedmodel history Rotherham",
        "  ofstedmodel compare Rotherham --from 2017-12-31 --to 2018-12-31",
        "  ofstedmodel summary --as-at 2024-03-31 --by region",
        "  ofstedmodel peers Rotherham",
        "Add --json to any command for machine-readable output.",
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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ofstedmodel",
        description="Ofsted judgements of English councils' children's services, from the "
        "bundled data.",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--version", action="version", version=f"ofstedmodel {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(
        name: str, run: Callable[[argparse.Namespace], tuple[str, Any]], help: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        # SUPPRESS keeps a --json given before the command from being reset here.
        sub.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
        )
        sub.set_defaults(run=run)
        return sub

    history = command("history", _cmd_history, "every inspection of a council, with its grades")
    history.add_argument("council", help="a name, DfE code, GSS code or URN")
    compare = command(
        "compare",
        _cmd_compare,
        "compare the inspections in force on two dates (default: the last two graded)",
    )
    compare.add_argument("council", help="a name, DfE code, GSS code or URN")
    compare.add_argument("--from", dest="from_date", type=_date_arg, help="YYYY-MM-DD")
    compare.add_argument("--to", dest="to_date", type=_date_arg, help="YYYY-MM-DD")
    summary = command("summary", _cmd_summary, "the national picture as at a date")
    summary.add_argument("--as-at", type=_date_arg, help="YYYY-MM-DD (default: the data's date)")
    summary.add_argument(
        "--category",
        type=_category_arg,
        default=Category.OVERALL_EFFECTIVENESS,
        help="a judgement, e.g. 'help and protection' (default: overall effectiveness)",
    )
    summary.add_argument(
        "--published-by",
        type=_date_arg,
        help="YYYY-MM-DD: count inspections begun by the as-at date and published by this one, "
        "as Ofsted's releases since 2024 do (default: the as-at date)",
    )
    summary.add_argument(
        "--by",
        choices=("region", "ofsted_region", "kind"),
        help="one row per group ('ofsted_region': Ofsted's eight regions)",
    )
    peer = command("peers", _cmd_peers, "a council beside its statistical neighbours")
    peer.add_argument("council", help="a name, DfE code, GSS code or URN")
    peer.add_argument("--as-at", type=_date_arg, help="YYYY-MM-DD (default: the data's date)")
    peer.add_argument(
        "--category",
        type=_category_arg,
        default=Category.OVERALL_EFFECTIVENESS,
        help="a judgement (default: overall effectiveness)",
    )
    parser.set_defaults(run=_cmd_national)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
        _note_dates_past_the_data(args)
        text, data = args.run(args)
    except (_Usage, OfstedModelError) as error:
        message = " ".join(str(error).split())
        print(f"ofstedmodel: error: {message}", file=sys.stderr)
        return 2
    if data is not None:
        command = args.command or "national"
        document = {"schema": JSON_SCHEMA, "version": JSON_VERSION, "command": command, **data}
        text = json.dumps(document, indent=2, ensure_ascii=False)
        fallback = json.dumps(document, indent=2)  # ASCII escapes: still the same JSON
    else:
        fallback = text
    return _print(text, fallback)


def _note_dates_past_the_data(args: argparse.Namespace) -> None:
    """Say so on standard error when a date asked about is past the bundled data's snapshot:
    the answer is then what the data knows, not what was in force (issue 12)."""
    from . import datasets

    for name in ("as_at", "published_by", "to_date", "from_date"):
        day = getattr(args, name, None)
        if isinstance(day, _dt.date) and day > datasets.as_of:
            print(
                f"ofstedmodel: note: the bundled data goes to {format_date(datasets.as_of)}; "
                f"reports published after it are not in it, so {format_date(day)} is answered "
                "with what the data knows",
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

"""The program: its parser, one entry per command, and :func:`main`.

A command's own module is imported only when the command runs, and only its own options are
declared, so that the first answer costs what that command needs (issue 14).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, NoReturn

from .._coerce import to_date
from .._version import __version__
from ..councils import Region
from ..errors import OfstedModelError
from ..frameworks import Category
from ..grades import Grade

__all__ = ["COMMANDS", "Answer", "Usage", "main", "parser"]

#: What a command gives: its text, or (for ``--json``) its fields of the JSON document.
Answer = tuple[str, "dict[str, Any] | None"]


class Usage(Exception):
    """A command-line mistake: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise Usage(f"{message} (see 'ofstedmodel --help')")


# -- reading the words of the command line ------------------------------------------------------


def _date(text: str) -> _dt.date:
    try:
        return to_date(text, "date")
    except OfstedModelError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; give one as YYYY-MM-DD, such as 2024-03-31"
        ) from None


def _word(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A word of the library's vocabulary (a judgement, a grade, a region), read by
    ``parse``; the library's own message when it is none."""

    def read(text: str) -> Any:
        try:
            return parse(text)
        except OfstedModelError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return read


_category, _grade, _region = _word(Category.parse), _word(Grade.parse), _word(Region.parse)

_COUNCIL_HELP = "a council: a name, DfE code, GSS code or Ofsted URN"


def _council(on: argparse.ArgumentParser) -> None:
    on.add_argument("council", metavar="COUNCIL", help=_COUNCIL_HELP)


def _at(on: argparse.ArgumentParser, flag: str, dest: str, help: str) -> None:
    on.add_argument(flag, dest=dest, type=_date, metavar="DATE", help=help)


def _as_at(on: argparse.ArgumentParser) -> None:
    _at(on, "--as-at", "as_at", "the date (default: the data's last date)")


def _published_by(on: argparse.ArgumentParser) -> None:
    _at(
        on,
        "--published-by",
        "published_by",
        "count inspections begun by the as-at date and published by this one, as Ofsted's "
        "releases since 2024 do (default: the as-at date)",
    )


def _judgement(on: argparse.ArgumentParser) -> None:
    on.add_argument(
        "--category",
        type=_category,
        default=Category.OVERALL_EFFECTIVENESS,
        metavar="JUDGEMENT",
        help="a judgement, such as 'help and protection' or 'care leavers' (default: "
        "overall effectiveness)",
    )


def _by(on: argparse.ArgumentParser, groups: Sequence[str], default: str | None = None) -> None:
    words = {
        "region": "region (the nine English regions)",
        "ofsted_region": "ofsted_region (Ofsted's eight)",
        "kind": "kind (of council)",
    }
    shown = [words[group] for group in groups]
    listed = ", ".join(shown[:-1]) + " or " + shown[-1]
    on.add_argument(
        "--by",
        choices=tuple(groups),
        default=default,
        metavar="GROUP",
        help=f"one row per group: {listed}" + ("" if default is None else f" (default: {default})"),
    )


# -- the commands --------------------------------------------------------------------------------


def _history(on: argparse.ArgumentParser) -> None:
    _council(on)


def _compare(on: argparse.ArgumentParser) -> None:
    _council(on)
    on.add_argument(
        "successor",
        metavar="SUCCESSOR",
        nargs="?",
        help="a council that replaced COUNCIL, such as West Northamptonshire for "
        "Northamptonshire: compares COUNCIL's last graded inspection (or the one in force on "
        "--from) with SUCCESSOR's latest (or the one in force on --to); they are different "
        "councils",
    )
    _at(on, "--from", "from_date", "compare from the inspection in force on DATE")
    _at(on, "--to", "to_date", "compare to the inspection in force on DATE")


def _summary(on: argparse.ArgumentParser) -> None:
    _as_at(on)
    _judgement(on)
    _published_by(on)
    _by(on, ("region", "ofsted_region", "kind"))


def _peers(on: argparse.ArgumentParser) -> None:
    _council(on)
    _as_at(on)
    _judgement(on)


def _standings(on: argparse.ArgumentParser) -> None:
    _as_at(on)
    on.add_argument(
        "--grade",
        type=_grade,
        action="append",
        metavar="GRADE",
        help="only councils with this grade in force, such as inadequate (give it again for "
        "more than one)",
    )
    _by(on, ("region", "ofsted_region", "kind"))
    _judgement(on)
    _published_by(on)


def _turnarounds(on: argparse.ArgumentParser) -> None:
    on.add_argument(
        "--from",
        dest="from_grade",
        type=_grade,
        default=Grade.INADEQUATE,
        metavar="GRADE",
        help="the grade a move starts from (default: inadequate)",
    )
    on.add_argument(
        "--to-at-least",
        dest="to_at_least",
        type=_grade,
        default=Grade.GOOD,
        metavar="GRADE",
        help="the grade a move reaches, or better (default: good)",
    )
    _judgement(on)
    on.add_argument("--council", metavar="COUNCIL", help=f"only the moves of {_COUNCIL_HELP}")
    on.add_argument(
        "--region",
        type=_region,
        metavar="REGION",
        help="only the moves of councils in a region, such as 'North West' (each keeps its "
        "rank among all the moves)",
    )


def _digest(on: argparse.ArgumentParser) -> None:
    on.add_argument(
        "--since",
        dest="since",
        type=_date,
        required=True,
        metavar="DATE",
        help="the first day of publication counted",
    )
    _at(
        on,
        "--until",
        "until",
        "the last day of publication counted (default: the data's last date)",
    )
    _judgement(on)
    _by(on, ("region", "ofsted_region"), default="region")


class Command(NamedTuple):
    """A command: its name, the module of :mod:`ofstedmodel.cli` that runs it (a function of
    the command's name), what it does, and its own arguments."""

    name: str
    module: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]


COMMANDS: tuple[Command, ...] = (
    Command(
        "history",
        "history",
        "every inspection of a council, with its grades, and what is due next",
        _history,
    ),
    Command(
        "compare",
        "compare",
        "compare the inspections of a council in force on two dates (without dates, its last "
        "two graded inspections; with one, from its first or to its latest), or a former "
        "council's last inspection with that of a council that replaced it",
        _compare,
    ),
    Command("summary", "figures", "the national picture as at a date", _summary),
    Command("peers", "figures", "a council beside its statistical neighbours", _peers),
    Command(
        "standings",
        "answers",
        "every council's grade in force, since when, how many inspections in a row gave it "
        "and how long it has held",
        _standings,
    ),
    Command(
        "turnarounds",
        "answers",
        "every move of a council from a grade to at least another, fastest first",
        _turnarounds,
    ),
    Command(
        "digest",
        "answers",
        "every report published in a window, what each changed, and the figures before and after",
        _digest,
    ),
)
#: With no command: the national picture, run by this module's function of this name.
_NATIONAL = Command("national", "figures", "the national picture", lambda on: None)

_EXAMPLES = """\
examples:
  ofstedmodel history Rotherham
  ofstedmodel compare Rotherham --from 2017-12-31 --to 2018-12-31
  ofstedmodel compare Northamptonshire "West Northamptonshire"
  ofstedmodel summary --as-at 2024-03-31 --by region
  ofstedmodel peers Rotherham --category "help and protection"
  ofstedmodel standings --grade inadequate
  ofstedmodel turnarounds --council Rotherham
  ofstedmodel digest --since 2025-04-01 --until 2025-09-30
  ofstedmodel --data d2i-ilacs-history.csv summary --by ofsted_region

Dates are written YYYY-MM-DD. A council is named by its name in any usual spelling, its DfE
code (372), its GSS code (E08000018) or its Ofsted URN (80543). Bad input prints one line on
standard error and exits with status 2.
"""


def _options(on: argparse.ArgumentParser, default: Any) -> None:
    """The options every command takes. A command's own copies default to SUPPRESS, so that
    an option given before the command is not reset by the command's parser."""
    from .data import FORMATS

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
        "history CSV, the library's own CSV or JSON, or Ofsted's outcome table (.ods or CSV)",
    )
    on.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default=default,
        metavar="FORMAT",
        help="the format of FILE, when its content does not show it: d2i, csv, json or ofsted",
    )
    on.add_argument(
        "--strict",
        action="store_true",
        default=default or False,
        help="refuse a --data FILE with any row that cannot be read (exit status 2), rather "
        "than answer without it and warn",
    )


def parser(words: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the command line. Given the ``words`` to parse, it declares only the
    commands named among them, with their arguments (every command when none is named, or
    when help is asked for before one: the list of commands is then shown); without, every
    command."""
    named = None if words is None else set(words)
    if named is not None and (
        not named.intersection(c.name for c in COMMANDS)
        or any(word.startswith(("-h", "--h")) for word in named)
    ):
        named = None
    top = _Parser(
        prog="ofstedmodel",
        description="Ofsted judgements of English councils' children's services, from the "
        "bundled data\nor from your own file (--data FILE). With no command: the national "
        "picture.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument(
        "--version",
        action="version",
        version=f"ofstedmodel {__version__}",
        help="show the version and exit",
    )
    _options(top, None)
    commands = top.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        title="commands",
        help="one of these (each has its own --help):",
    )
    for command in COMMANDS:
        if named is None or command.name in named:
            sub = commands.add_parser(
                command.name,
                help=command.help,
                description=command.help[0].upper() + command.help[1:] + ".",
            )
            _options(sub, argparse.SUPPRESS)
            command.arguments(sub)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from .data import read, report
    from .wire import document

    words = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parser(words).parse_args(words)
        if args.format is not None and args.data is None:
            raise Usage("--format names the format of a --data FILE; give --data FILE too")
        data = read(args.data, args.format)
        report(data, strict=args.strict)
        command = next((c for c in COMMANDS if c.name == args.command), _NATIONAL)
        run = getattr(importlib.import_module(f".{command.module}", __package__), command.name)
        text, fields = run(args, data)
    except (Usage, OfstedModelError) as error:
        message = " ".join(str(error).split())
        if isinstance(error, OfstedModelError) and error.field in _OPTIONS:
            message = _PARAMETER.sub(lambda m: _OPTIONS[m.group(0)], message)
        print(f"ofstedmodel: error: {message}", file=sys.stderr)
        return 2
    _note_dates_past_the_data(args, data.as_of, data.file)
    if fields is not None:
        text, fallback = document(command.name, fields, data.json())
    else:
        fallback = text
    return _print(text, fallback)


#: The options of the library's parameters: an error about one of them (by its ``field``)
#: names the options the user typed, not the Python parameters.
_OPTIONS = {
    "since": "--since",
    "until": "--until",
    "as_at": "--as-at",
    "published_by": "--published-by",
    "from_grade": "--from",
    "to_at_least": "--to-at-least",
}
_PARAMETER = re.compile(r"(?<![\w-])(" + "|".join(_OPTIONS) + r")(?![\w-])")

#: The dates a command may be asked about, by their names in the parsed arguments.
_DATES = ("as_at", "published_by", "from_date", "to_date", "since", "until")


def _note_dates_past_the_data(args: argparse.Namespace, as_of: _dt.date, file: str | None) -> None:
    """Say so on standard error when a date asked about is past the data's last date: the
    answer is then what the data knows, not what was in force (issue 12). Said once the
    answer is ready, so that a mistake is still one line."""
    for name in _DATES:
        day = getattr(args, name, None)
        if isinstance(day, _dt.date) and day > as_of:
            from ..narrative import format_date

            what = (
                "the bundled data goes to"
                if file is None
                else f"the latest report in {file} was published on"
            )
            print(
                f"ofstedmodel: note: {what} {format_date(as_of)}; reports published "
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

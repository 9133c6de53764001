"""Issue 11: which JSON codec. Measures the JSON round trip of the bundled data,
``from_json(to_json(datasets.histories()))``, against ``json.loads(json.dumps(...))`` of the
plain dicts ``to_json`` writes for it, done three ways:

- ``before``: ``io/json.py`` as it was at ``BEFORE`` (a strict hand-written fast reader, a
  cattrs converter when that fails, a hand-written writer), read from git;
- ``cattrs``: one cattrs converter done properly, defined below: ``make_dict_structure_fn``
  with ``_cattrs_forbid_extra_keys`` and ``detailed_validation`` off on the hot path, strict
  hooks for strings, numbers, booleans, enums (by name) and dates, the interned judgements,
  generated unstructure functions; a refused document is structured again by the same
  converter with detailed validation on, to find the path to the fault;
- ``records``: ``io/json.py`` as it is now, one hand-written codec.

Every round runs the plain baseline and the three codecs, in an order that rotates from round
to round, after a garbage collection; each round gives each codec one ratio to the baseline of
the same round. Reported: the median and range of those ratios, and the median times.

    .venv/bin/python benchmarks/json_codec.py [--rounds 41] [--number 3] [--check]

``--check`` runs ``tests/test_io_json.py`` with the cattrs codec inside ``to_json`` and
``from_json`` instead, to show that it keeps every check and every error the tests hold.
cattrs is not a dependency of ofstedmodel: without it installed, the cattrs codec is left out.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import gc
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel.io import json as records

ROOT = Path(__file__).resolve().parent.parent
#: The commit whose io/json.py is "before": the last one with three codecs.
BEFORE = "1d2eebd"


def before() -> tuple[Callable[[Any], str], Callable[[str], Any]]:
    """``to_json`` and ``from_json`` of io/json.py at ``BEFORE``, loaded from git as a module
    of the installed package (its relative imports need one)."""
    source = subprocess.run(
        ["git", "show", f"{BEFORE}:src/ofstedmodel/io/json.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    name = "ofstedmodel.io._json_before"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "ofstedmodel.io"
    sys.modules[name] = module
    exec(compile(source, f"{BEFORE}:io/json.py", "exec"), module.__dict__)
    return module.to_json, module.from_json


class Codec(NamedTuple):
    """What differs between codecs: the readers of ``data`` by type, and the writers; the
    envelope around them is io/json.py's, the same for every codec."""

    readers: dict[str, Callable[[object], Any]]
    council: Callable[[Any], Any]
    inspection: Callable[[Any], Any]
    history: Callable[[Any], Any]


# -- the cattrs codec -------------------------------------------------------------------------
#
# Reuses from io/json.py only what any codec would share: the envelope's checks and the
# error it raises, the messages' wording, and the one function that maps a model error to the
# field it is about.


def cattrs_codec() -> Codec:
    import cattrs
    from cattrs.cols import homogenous_tuple_structure_factory
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    from ofstedmodel.councils import Council, CouncilKind, Region
    from ofstedmodel.errors import CouncilError, HistoryError, InspectionError
    from ofstedmodel.frameworks import Category, Framework, InspectionKind
    from ofstedmodel.grades import Grade
    from ofstedmodel.history import History
    from ofstedmodel.inspections import _INTERNED, Inspection, Judgement

    refused = records._Refused
    json_type = records._json_type
    shown = records.shown

    def make(detailed: bool) -> Any:
        converter = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=True)

        def strict(kind: type, what: str) -> Callable[[object, object], object]:
            def structure(value: object, _: object) -> object:
                if type(value) is not kind:
                    raise refused(f"expected {what}, got {json_type(value)}", value)
                return value

            return structure

        converter.register_structure_hook(str, strict(str, "a string"))
        converter.register_structure_hook(int, strict(int, "a whole number"))
        converter.register_structure_hook(bool, strict(bool, "true or false"))
        for cls in (Grade, Category, Framework, InspectionKind, Region, CouncilKind):
            read = records._named(cls)
            converter.register_structure_hook(cls, lambda value, _, read=read: read(value))
            converter.register_unstructure_hook(cls, lambda member: member.name)
        converter.register_structure_hook(_dt.date, lambda value, _: records._day(value))
        converter.register_unstructure_hook(_dt.date, _dt.date.isoformat)

        def is_tuple(kind: object) -> bool:
            return getattr(kind, "__origin__", None) is tuple

        def tuple_factory(kind: Any, conv: Any) -> Callable[[object, object], object]:
            inner = homogenous_tuple_structure_factory(kind, conv)

            def structure(value: object, cl: object) -> object:
                if value.__class__ is not list:
                    raise refused(f"expected a list, got {json_type(value)}", value)
                return inner(value, cl)

            return structure

        converter.register_structure_hook_factory(is_tuple, tuple_factory)

        def as_object(cls: type) -> None:
            generated = make_dict_structure_fn(
                cls,
                converter,
                _cattrs_forbid_extra_keys=True,
                _cattrs_detailed_validation=detailed,
            )

            def structure(value: object, _: object) -> object:
                if value.__class__ is cls:  # a history's council, already built
                    return value
                if value.__class__ is not dict:
                    kind = json_type(value)
                    raise refused(f"expected an object for a {cls.__name__}, got {kind}", value)
                return generated(value, cls)

            converter.register_structure_hook(cls, structure)

        for cls in (Council, Judgement, Inspection, History):
            as_object(cls)

        judgement = converter.get_structure_hook(Judgement)
        by_names = {(c.name, g.name): j for (c, g), j in _INTERNED.items()}

        def structure_judgement(value: object, cl: object) -> object:
            if value.__class__ is dict and len(value) == 2:
                category, grade = value.get("category"), value.get("grade")
                if category.__class__ is str and grade.__class__ is str:
                    found = by_names.get((category, grade))
                    if found is not None:
                        return found
            return judgement(value, cl)

        converter.register_structure_hook(Judgement, structure_judgement)

        # A history's inspections take its council where they leave theirs out: given to
        # each, once built, so that the generated hooks see an ordinary field.
        history = converter.get_structure_hook(History)

        def structure_history(value: object, cl: object) -> object:
            if value.__class__ is dict and "council" in value:
                inspections = value.get("inspections")
                if inspections.__class__ is list:
                    try:
                        council = converter.structure(value["council"], Council)
                    except Exception:  # any error: reported by the history's own hook
                        return history(value, cl)
                    given = [
                        {"council": council, **item}
                        if item.__class__ is dict and "council" not in item
                        else item
                        for item in inspections
                    ]
                    value = {**value, "council": council, "inspections": given}
            return history(value, cl)

        converter.register_structure_hook(History, structure_history)

        without_council = make_dict_unstructure_fn(
            Inspection, converter, council=override(omit=True)
        )
        unstructure_council = make_dict_unstructure_fn(Council, converter)
        unstructure_inspection = make_dict_unstructure_fn(Inspection, converter)
        converter.register_unstructure_hook(Council, unstructure_council)
        converter.register_unstructure_hook(Inspection, unstructure_inspection)

        def unstructure_history(value: History) -> dict[str, Any]:
            council = value.council
            return {
                "council": unstructure_council(council),
                "inspections": [
                    without_council(i)
                    if i.council is council or i.council == council
                    else unstructure_inspection(i)
                    for i in value.inspections
                ],
            }

        converter.register_unstructure_hook(History, unstructure_history)
        return converter

    fast, detailed = make(False), make(True)

    def leaf(error: BaseException, path: tuple[object, ...]) -> Any:
        """The first error at the bottom of a cattrs error group, and the path to it."""
        if isinstance(error, (ClassValidationError, IterableValidationError)):
            inside, without = error.group_exceptions()
            if inside:
                sub, note = inside[0]
                step = note.name if isinstance(error, ClassValidationError) else note.index
                return leaf(sub, (*path, step))
            return leaf(without[0], path)
        return error, path

    def locate(value: object, cls: type) -> Any:
        """Structure ``value`` again with detailed validation, and say what it finds."""
        try:
            detailed.structure(value, cls)
        except Exception as error:
            error, path = leaf(error, ())
            found = None
            if isinstance(error, KeyError):
                reason = "missing: this field is required"
            elif isinstance(error, ForbiddenExtraKeysError):
                reason = "unexpected field(s): " + ", ".join(sorted(error.extra_fields))
            elif isinstance(error, refused):
                reason, found = error.reason, error.value
            elif isinstance(error, HistoryError):
                reason, path = str(error), (*path, "inspections")
            elif isinstance(error, (CouncilError, InspectionError)):
                blamed = records._blamed(error, records._value_at(value, path))
                reason, path = str(error), (*path, *blamed)
                found = records._value_at(value, path)
            else:
                raise
            return refused(reason, found).at(*path)
        raise AssertionError("the detailed converter accepted what the fast one refused")

    caught = (refused, KeyError, ForbiddenExtraKeysError, om.OfstedModelError)

    def reader(cls: type) -> Callable[[object], Any]:
        def read(value: object) -> Any:
            try:
                return fast.structure(value, cls)
            except caught:
                raise locate(value, cls) from None

        return read

    read_history, read_council = reader(History), reader(Council)

    def read_histories(value: object) -> dict[str, Any]:
        if value.__class__ is not dict:
            raise refused(f"expected an object, got {json_type(value)}", value)
        histories = {}
        for key, item in value.items():
            try:
                history = read_history(item)
            except refused as error:
                raise error.at((key,)) from None
            code = history.council.la_code
            if code != key:
                reason = f"key {shown(key)} holds the history of DfE code {code}"
                raise refused(reason, key).at((key,))
            histories[key] = history
        return histories

    def read_councils(value: object) -> list[Any]:
        if value.__class__ is not list:
            raise refused(f"expected a list, got {json_type(value)}", value)
        councils = []
        for index, item in enumerate(value):
            try:
                councils.append(read_council(item))
            except refused as error:
                raise error.at(index) from None
        return councils

    readers = {
        "council": read_council,
        "inspection": reader(Inspection),
        "history": read_history,
        "histories": read_histories,
        "councils": read_councils,
    }
    return Codec(readers, fast.unstructure, fast.unstructure, fast.unstructure)


@contextlib.contextmanager
def installed(codec: Codec) -> Iterator[None]:
    """io/json.py's to_json and from_json with ``codec`` inside them."""
    names = ("_write_council", "_write_inspection", "_write_history")
    saved = dict(records._READERS), [getattr(records, name) for name in names]
    records._READERS.update(codec.readers)
    for name, write in zip(names, codec[1:], strict=True):
        setattr(records, name, write)
    try:
        yield
    finally:
        records._READERS.update(saved[0])
        for name, write in zip(names, saved[1], strict=True):
            setattr(records, name, write)


# -- timing -----------------------------------------------------------------------------------


def clock(job: Callable[[], object], number: int) -> Callable[[], float]:
    def side() -> float:
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            job()
        return (time.perf_counter() - start) / number

    return side


def measure(rounds: int, number: int) -> None:
    histories = datasets.histories()
    text = records.to_json(histories)
    document = json.loads(text)
    old_write, old_read = before()
    assert old_write(histories) == text
    assert old_read(text) == histories
    jobs: dict[str, Callable[[], object]] = {
        "plain": lambda: json.loads(json.dumps(document)),
        "before": lambda: old_read(old_write(histories)),
    }
    try:
        codec = cattrs_codec()
    except ImportError:
        print("cattrs is not installed: its codec is left out")
    else:
        with installed(codec):
            assert records.to_json(histories) == text
            assert records.from_json(text) == histories

        def with_cattrs() -> object:
            with installed(codec):
                return records.from_json(records.to_json(histories))

        jobs["cattrs"] = with_cattrs
    jobs["records"] = lambda: records.from_json(records.to_json(histories))
    sides = {name: clock(job, number) for name, job in jobs.items()}
    for side in sides.values():  # warm up: imports, caches, bytecode
        side()
    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(sides[name]())
    count = sum(len(h.inspections) for h in histories.values())
    print(
        f"{len(histories)} histories, {count} inspections, {len(text):,} bytes of JSON; "
        f"{rounds} rounds of {number} round trips each; Python {sys.version.split()[0]}\n"
    )
    print("| codec | median ms | ratio to plain dicts, median | range |")
    print("|---|---|---|---|")
    for name in names:
        ratios = [ours / plain for ours, plain in zip(times[name], times["plain"], strict=True)]
        print(
            f"| {name} | {statistics.median(times[name]) * 1000:.2f} | "
            f"{statistics.median(ratios):.2f} | {min(ratios):.2f}..{max(ratios):.2f} |"
        )


def check() -> int:
    """Run tests/test_io_json.py with the cattrs codec installed."""
    import pytest

    with installed(cattrs_codec()):
        return pytest.main(["-q", "-p", "no:cacheprovider", str(ROOT / "tests/test_io_json.py")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=41)
    parser.add_argument("--number", type=int, default=3, help="round trips per timing")
    parser.add_argument("--check", action="store_true", help="run the JSON tests on cattrs")
    args = parser.parse_args()
    if args.check:
        sys.exit(check())
    measure(args.rounds, args.number)


if __name__ == "__main__":
    main()

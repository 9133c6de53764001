"""The library's own JSON format: :func:`to_json` and :func:`from_json`.

Every document is versioned::

    {"schema": "ofstedmodel", "version": 1, "type": "history", "data": {...}}

``type`` is ``council``, ``inspection``, ``history``, ``histories`` (an object from DfE code
to history) or ``councils`` (a list). Inside ``data`` every field of the model is written
under its own name, as :mod:`ofstedmodel.io.records` describes it: enum members by name
(``"REQUIRES_IMPROVEMENT"``), dates in ISO form, codes and judgements as lists, absent
values as ``null``. A history writes its council once; an inspection in it carries its own
``council`` only when that differs from the history's. A field with a default may be left
out (documents written before ``unknown`` existed have none); any other field missing, or one
the model does not have, is refused.

:func:`from_json` gives back an equal object (sources included) or raises
:class:`~ofstedmodel.LoadError` whose ``.problem`` has the path to the value at fault as its
``column`` (``data.inspections[3].published``) and ``file`` ``"<json>"``.

>>> from datetime import date
>>> import ofstedmodel as om
>>> from ofstedmodel.io import from_json, to_json
>>> la = om.Council("Rotherham", "372", region="Yorkshire and the Humber")
>>> text = to_json(la)
>>> text
'{"schema": "ofstedmodel", "version": 1, "type": "council", "data": {"name": "Rotherham", \
"la_code": "372", "gss_code": null, "urn": null, "region": "YORKSHIRE_AND_THE_HUMBER", \
"kind": null, "statistical_neighbours": [], "predecessors": [], "successors": [], \
"created": null, "abolished": null, "population_0_25": null}}'
>>> from_json(text) == la
True
>>> from_json(text.replace('"372"', '"37"'))
Traceback (most recent call last):
...
ofstedmodel.errors.LoadError: <json>: column 'data.la_code': la_code: '37' is not a DfE ...
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from .._coerce import shown
from ..councils import Council
from ..errors import CouncilError, HistoryError, InspectionError, LoadError, OfstedModelError
from ..frameworks import Category
from ..grades import Grade
from ..history import History
from ..inspections import _INTERNED, WRONG_SCALE, Inspection, Judgement
from . import records
from .problems import Problem

__all__ = ["SCHEMA", "TYPES", "VERSION", "from_json", "to_json"]

SCHEMA = "ofstedmodel"
VERSION = 1
#: The values of ``type``, each with the Python type it stands for.
TYPES = ("council", "inspection", "history", "histories", "councils")
FILE = "<json>"

_ENVELOPE = ("schema", "version", "type", "data")
_E = TypeVar("_E", bound=enum.Enum)


# -- writing ------------------------------------------------------------------------------------


def to_json(obj: object, *, indent: int | None = None) -> str:
    """``obj`` as a versioned JSON document: a :class:`~ofstedmodel.Council`, an
    :class:`~ofstedmodel.Inspection`, a :class:`~ofstedmodel.History`, a mapping from DfE code
    to history, or an iterable of councils.

    Anything else raises :class:`~ofstedmodel.OfstedModelError`, as does a mapping key that is
    not its history's DfE code. ``indent`` is ``None`` (compact) or a number of spaces from 0
    to 16.
    """
    if indent is not None and (
        not isinstance(indent, int) or isinstance(indent, bool) or not 0 <= indent <= 16
    ):
        raise OfstedModelError(
            f"to_json: indent {shown(indent)} is not None or a whole number of spaces, 0 to 16"
        )
    kind, data = _dump(obj)
    document = {"schema": SCHEMA, "version": VERSION, "type": kind, "data": data}
    # Made here from the model's values: no cycle to look for.
    return json.dumps(document, indent=indent, check_circular=False)


def _dump(obj: object) -> tuple[str, object]:
    """The type of document ``obj`` is written as, and its data."""
    if isinstance(obj, Council):
        return "council", records.dump_council(obj)
    if isinstance(obj, Inspection):
        return "inspection", records.dump_inspection(obj)
    if isinstance(obj, History):
        return "history", _dump_history(obj)
    if type(obj).__module__.startswith("ofstedmodel.") and callable(getattr(obj, "to_json", None)):
        # An answer (standings, a summary, a digest): plain data of its own, not a document
        # this module reads back.
        kind = type(obj).__name__
        raise OfstedModelError(
            f"to_json: {shown(obj)} is a {kind}, an answer rather than data this module "
            f"writes and reads back; its plain data is {kind}.to_json() (json.dumps writes it)",
            field="obj",
            rule="an answer, not data",
            brief=f"{kind} has its own to_json()",
        )
    if isinstance(obj, Mapping):
        return "histories", {key: _dump_history(_keyed(key, h)) for key, h in obj.items()}
    if isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)):
        return "councils", [records.dump_council(_council(council)) for council in obj]
    raise OfstedModelError(
        f"to_json: {shown(obj)} is not a Council, an Inspection, a History, a mapping of "
        "histories or an iterable of councils"
    )


def _keyed(key: object, history: object) -> History:
    """``history``, refused unless a History of the council whose DfE code is ``key``."""
    if not isinstance(history, History):
        raise OfstedModelError(f"to_json: {shown(history)} (at {shown(key)}) is not a History")
    if key != history.council.la_code:
        raise OfstedModelError(
            f"to_json: key {shown(key)} holds the history of {shown(history.council)}; "
            "key a mapping of histories by DfE code"
        )
    return history


def _council(council: object) -> Council:
    if not isinstance(council, Council):
        raise OfstedModelError(f"to_json: {shown(council)} is not a Council")
    return council


def _dump_history(history: History) -> dict[str, Any]:
    council = history.council
    return {
        "council": records.dump_council(council),
        "inspections": [records.dump_inspection(i, council) for i in history.inspections],
    }


# -- reading ------------------------------------------------------------------------------------


def from_json(text: str | bytes) -> Any:
    """The object a :func:`to_json` document holds: a :class:`~ofstedmodel.Council`, an
    :class:`~ofstedmodel.Inspection`, a :class:`~ofstedmodel.History`, a ``dict`` from DfE code
    to history, or a ``list`` of councils.

    Anything wrong (text that is not JSON, another schema or version, an unknown type, a value
    of the wrong shape, one the model refuses) raises :class:`~ofstedmodel.LoadError` with a
    :class:`~ofstedmodel.io.Problem` whose ``column`` is the path to the value at fault.
    """
    try:
        return _read_document(text)
    except _Refused as refused:
        value = refused.value
        if value is not None and type(value) is not str:
            value = None if isinstance(value, (dict, list)) else json.dumps(value)
        problem = Problem(FILE, None, _path_text(refused.path), value, refused.reason)
        raise LoadError(str(problem), problem) from None


class _Refused(Exception):
    """A value :func:`from_json` refuses (internal): why, the value, and the path to it, which
    each object and list it is in adds to as the error passes out through them."""

    def __init__(self, reason: str, value: object = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value
        self.path: tuple[object, ...] = ()  # keys, indices, and (key,) for a history's code

    def at(self, *steps: object) -> _Refused:
        self.path = (*steps, *self.path)
        return self


def _read_document(text: object) -> Any:
    if not isinstance(text, (str, bytes, bytearray)):
        raise _Refused(f"expected JSON text (str or bytes), got {type(text).__name__}")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise _Refused(f"not JSON: {error}") from None
    if type(document) is not dict:
        raise _Refused(f"expected an object, got {_json_type(document)}", document)
    unknown = sorted(document.keys() - set(_ENVELOPE))
    if unknown:
        raise _Refused("not a key of the document", document[unknown[0]]).at(unknown[0])
    for key in _ENVELOPE:
        if key not in document:
            raise _Refused(f"missing: a document has {', '.join(_ENVELOPE)}").at(key)
    if document["schema"] != SCHEMA:
        raise _Refused(f"not an {SCHEMA} document", document["schema"]).at("schema")
    version = document["version"]
    if type(version) is not int or version != VERSION:
        newer = type(version) is int and version > VERSION
        raise _Refused(
            f"version {VERSION} is the only one this ofstedmodel reads"
            + ("; the document comes from a newer ofstedmodel" if newer else ""),
            version,
        ).at("version")
    kind = document["type"]
    if kind not in TYPES:
        raise _Refused("not a type of document: " + ", ".join(TYPES), kind).at("type")
    try:
        return _READERS[kind](document["data"])
    except _Refused as refused:
        raise refused.at("data") from None


def _path_text(path: tuple[object, ...]) -> str | None:
    text = ""
    for step in path:
        if isinstance(step, tuple):
            text += f"[{shown(step[0])}]"
        elif isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text or None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


# -- reading: values ----------------------------------------------------------------------------
#
# Each reader takes a value as json.loads gives it and returns it as the model takes it, or
# raises _Refused saying what it expected. Types are checked with `type(value) is ...`: exact
# (JSON has no subclasses, and a boolean is not a number here) and the cheapest check there is.


def _exactly(kind: type, expected: str) -> Callable[[object], Any]:
    """The reader of a value of exactly the JSON type ``kind``, said as ``expected``."""

    def read(value: object) -> Any:
        if type(value) is kind:
            return value
        raise _Refused(f"expected {expected}, got {_json_type(value)}", value)

    return read


_text = _exactly(str, "a string")
_whole = _exactly(int, "a whole number")
_true_or_false = _exactly(bool, "true or false")
_list = _exactly(list, "a list")


def _named(cls: type[_E]) -> Callable[[object], _E]:
    """The reader of ``cls``'s members by name."""
    members = dict(cls.__members__)
    names = ", ".join(members)

    def read(value: object) -> _E:
        if type(value) is str:
            member = members.get(value)
            if member is not None:
                return member
        raise _Refused(f"expected a {cls.__name__} name ({names}), got {shown(value)}", value)

    return read


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DAYS: dict[str, _dt.date] = {}  # ISO text -> date: dates repeat, within and across documents


def _day(value: object) -> _dt.date:
    if type(value) is str:
        day = _DAYS.get(value)
        if day is not None:
            return day
        if _ISO_DATE.fullmatch(value):
            try:
                day = _dt.date.fromisoformat(value)
            except ValueError as error:
                raise _Refused(f"{shown(value)} is not a date: {error}", value) from None
            if len(_DAYS) < 10_000:
                _DAYS[value] = day
            return day
    raise _Refused(f"expected an ISO date such as '2018-01-29', got {shown(value)}", value)


def _list_of(read: Callable[[object], Any]) -> Callable[[object], tuple[Any, ...]]:
    def read_list(value: object) -> tuple[Any, ...]:
        items = []
        for index, item in enumerate(_list(value)):
            try:
                items.append(read(item))
            except _Refused as refused:
                raise refused.at(index) from None
        return tuple(items)

    return read_list


# -- reading: the fast path ---------------------------------------------------------------------
#
# Most documents are well formed: every field present, of its exact type, the judgements in
# their canonical order. Such an object is read by a function made once from its record's
# description, as attrs makes its methods, with each field's check written inline. At the
# first thing it does not expect it gives _NOT, and the object is read field by field, which
# says what is wrong: the fast path decides nothing the field-by-field read would not.

_NOT: Any = object()  # what the fast path gives for a value it leaves to the full read
_NOTHING_GIVEN: dict[str, Any] = {}
_CATEGORIES = {category.name: (category, at) for at, category in enumerate(Category)}
# By a category's name, by a grade's name: the judgement, and its category's place in order.
_JUDGEMENTS_BY_NAMES = {
    category.name: {grade.name: (_INTERNED[category, grade], at) for grade in Grade}
    for at, category in enumerate(Category)
}


def _fast_day(value: object) -> Any:
    """The date an ISO text names, or :data:`_NOT`."""
    day = _DAYS.get(value) if value.__class__ is str else None
    if day is not None:
        return day
    try:
        return _day(value)
    except _Refused:
        return _NOT


def _fast_judgements(value: object) -> Any:
    """The judgements of a list of well-formed ones in the canonical order, or :data:`_NOT`."""
    if value.__class__ is not list:
        return _NOT
    made, last = [], -1
    try:
        for item in value:
            # Two keys, both found by their names, and both names known: nothing else.
            if len(item) != 2:
                return _NOT
            judgement, at = _JUDGEMENTS_BY_NAMES[item["category"]][item["grade"]]
            if at <= last:
                return _NOT
            made.append(judgement)
            last = at
    except (KeyError, TypeError):  # not an object, a key missing, a name unknown or not text
        return _NOT
    return tuple(made)


def _fast_categories(value: object) -> Any:
    """The categories of a list of their names in the canonical order, or :data:`_NOT`."""
    if value.__class__ is not list:
        return _NOT
    made, last = [], -1
    for name in value:
        found = _CATEGORIES.get(name) if name.__class__ is str else None
        if found is None or found[1] <= last:
            return _NOT
        made.append(found[0])
        last = found[1]
    return tuple(made)


# How the fast path reads a value ``v`` of each shape: an expression that is the value read,
# or _NOT, or raises KeyError or TypeError (a member's name unknown, or a list given).
_FAST_SHAPES = {
    "text": "v if v.__class__ is str else _NOT",
    "whole": "v if v.__class__ is int else _NOT",
    "boolean": "v if v.__class__ is bool else _NOT",
    "date": "days.get(v) or day(v)",
    "codes": "tuple(v) if v.__class__ is list and all(x.__class__ is str for x in v) else _NOT",
}
_FAST_SPECIAL = {"judgements": _fast_judgements, "unknown": _fast_categories}


def _fast_reader(
    fields: tuple[records.Field, ...],
    special: Mapping[str, Callable[[Any], Any]],
    make: Callable[..., Any],
) -> Callable[[object, dict[str, Any]], Any]:
    """The fast path of a record of ``fields``: ``make`` called with each field read from a
    well-formed object, or a field ``given`` where the object leaves it out and the full read
    would take it from there; :data:`_NOT` for anything else."""
    names: dict[str, Any] = {"_NOT": _NOT, "make": make, "day": _fast_day, "days": _DAYS}
    lines = ["    if value.__class__ is not dict:", "        return _NOT", "    try:"]
    present = 0
    for at, field in enumerate(fields):
        wire = field.wire
        if field.shape == "records" and wire not in _FAST_SPECIAL:
            # Taken from ``given`` only: a record of its own is left to the full read.
            lines += [
                f"        if {wire!r} in value:",
                "            return _NOT",
                f"        a{at} = given[{wire!r}]",
            ]
            continue
        present += 1
        if field.enum is not None:
            names[f"members{at}"] = dict(field.enum.__members__)
            read = f"members{at}[v]"
        elif wire in _FAST_SPECIAL:
            names[f"special{at}"] = _FAST_SPECIAL[wire]
            read = f"special{at}(v)"
        else:
            read = _FAST_SHAPES[field.shape]
        if field.optional:
            read = f"None if v is None else {read}"
        lines += [f"        v = value[{wire!r}]", f"        a{at} = {read}"]
        if not read.startswith(f"members{at}"):  # a member is found, or raises
            lines += [f"        if a{at} is _NOT:", "            return _NOT"]
    lines += [
        "    except (KeyError, TypeError):  # a field missing, or a value of another type",
        "        return _NOT",
        f"    if len(value) != {present}:",
        "        return _NOT",
    ]
    call = ", ".join(f"{field.attr}=a{at}" for at, field in enumerate(fields))
    lines.append(f"    return make({call})")
    source = "def fast(value, given):\n" + "\n".join(lines) + "\n"
    exec(compile(source, f"<ofstedmodel fast read of {fields[0].attr}...>", "exec"), names)
    fast: Callable[[object, dict[str, Any]], Any] = names["fast"]
    return fast


# -- reading: records ---------------------------------------------------------------------------


_SHAPES: dict[str, Callable[[Any], Any]] = {
    "text": _text,
    "date": _day,
    "codes": _list_of(_text),
    "whole": _whole,
    "boolean": _true_or_false,
}


class _Record:
    """How an attrs class is read from a JSON object: each field of its
    :mod:`~ofstedmodel.io.records` description under its wire name, read strictly by its
    shape (or by the reader ``special`` gives it by name); ``null`` only where the field is
    optional. A field with a default may be left out; no other key is allowed.

    A well-formed object is read first by :attr:`fast`, made from the description, and given
    to ``make`` (by default the class); anything else is read field by field, which says
    what is wrong with it.
    """

    def __init__(
        self,
        cls: type,
        fields: tuple[records.Field, ...],
        make: Callable[..., Any] | None = None,
        **special: Callable[[Any], Any],
    ) -> None:
        arguments = [field for field in attrs.fields(cls) if field.init]
        if [field.wire for field in fields] != [field.alias for field in arguments]:
            raise TypeError(f"the fields of {cls.__name__} are not those of its record")
        self.cls = cls
        self.fields = tuple(
            (field.wire, _reader(field, special), field.optional, argument.default is attrs.NOTHING)
            for field, argument in zip(fields, arguments, strict=True)
        )
        self.names = frozenset(field.wire for field in fields)
        self.fast = _fast_reader(fields, special, make or cls)

    def read(self, value: object, given: dict[str, Any] | None = None) -> Any:
        """The object ``value`` describes, taking from ``given`` the fields it leaves out."""
        try:
            made = self.fast(value, _NOTHING_GIVEN if given is None else given)
            if made is _NOT:
                made = self.cls(**self.arguments(value, {} if given is None else dict(given)))
            return made
        except (CouncilError, InspectionError) as error:
            assert type(value) is dict  # as arguments() made sure
            path = _blamed(error, value)
            raise _Refused(str(error), _value_at(value, path)).at(*path) from None

    def arguments(self, value: object, given: dict[str, Any]) -> dict[str, Any]:
        """``given``, with the fields of ``value`` read into it."""
        if type(value) is not dict:
            kind = _json_type(value)
            raise _Refused(f"expected an object for a {self.cls.__name__}, got {kind}", value)
        found = 0
        for name, read, nullable, required in self.fields:
            if name in value:
                found += 1
                raw = value[name]
                if raw is None and nullable:
                    given[name] = None
                    continue
                try:
                    given[name] = read(raw)
                except _Refused as refused:
                    raise refused.at(name) from None
            elif required and name not in given:
                raise _Refused("missing: this field is required").at(name)
        if found != len(value):
            extra = ", ".join(sorted(value.keys() - self.names))
            raise _Refused(f"unexpected field(s): {extra}")
        return given


def _reader(field: records.Field, special: Mapping[str, Callable[[Any], Any]]) -> Any:
    if field.wire in special:
        return special[field.wire]
    return _named(field.enum) if field.enum is not None else _SHAPES[field.shape]


_JUDGEMENT = _Record(Judgement, records.JUDGEMENT)
_JUDGEMENT_BY_NAMES = {(c.name, g.name): judgement for (c, g), judgement in _INTERNED.items()}


def _judgement(value: object) -> Judgement:
    # The most numerous objects, each one of 45: looked up; anything else is read field by
    # field, which says what is wrong with it.
    if type(value) is dict and len(value) == 2:
        category, grade = value.get("category"), value.get("grade")
        if type(category) is str and type(grade) is str:
            judgement = _JUDGEMENT_BY_NAMES.get((category, grade))
            if judgement is not None:
                return judgement
    return _JUDGEMENT.read(value)  # type: ignore[no-any-return]


_COUNCIL = _Record(Council, records.COUNCIL)
_INSPECTION = _Record(
    Inspection,
    records.INSPECTION,
    Inspection._typed,  # what the fast path reads is as the constructor would keep it
    council=_COUNCIL.read,  # given by its history when left out
    judgements=_list_of(_judgement),
    unknown=_list_of(_named(Category)),
)
_HISTORY = _Record(
    History,
    (records.Field("council", "records"), records.Field("inspections", "records")),
    council=_COUNCIL.read,
    inspections=_list,
)


def _read_history(value: object) -> History:
    arguments = _HISTORY.arguments(value, {})
    council = arguments["council"]
    inspections, given = [], {"council": council}
    for index, item in enumerate(arguments.get("inspections", ())):
        try:
            inspections.append(_INSPECTION.read(item, given))
        except _Refused as refused:
            raise refused.at("inspections", index) from None
    try:
        return History(council, inspections)
    except HistoryError as error:
        raise _Refused(str(error)).at("inspections") from None


def _read_histories(value: object) -> dict[str, History]:
    if type(value) is not dict:
        raise _Refused(f"expected an object, got {_json_type(value)}", value)
    histories = {}
    for key, item in value.items():
        try:
            history = _read_history(item)
        except _Refused as refused:
            raise refused.at((key,)) from None
        code = history.council.la_code
        if code != key:
            raise _Refused(f"key {shown(key)} holds the history of DfE code {code}", key).at((key,))
        histories[key] = history
    return histories


_COUNCILS = _list_of(_COUNCIL.read)


def _read_councils(value: object) -> list[Council]:
    return list(_COUNCILS(value))


_READERS: dict[str, Callable[[object], Any]] = {
    "council": _COUNCIL.read,
    "inspection": _INSPECTION.read,
    "history": _read_history,
    "histories": _read_histories,
    "councils": _read_councils,
}


# -- which value a model error is about --------------------------------------------------------


def _blamed(error: CouncilError | InspectionError, data: dict[str, Any]) -> tuple[object, ...]:
    """The path, within the object ``data`` the model refused, of the value ``error`` is about
    (from the data it carries): a field, a judgement's category or grade (when the grade is on
    the wrong scale), or ``()`` for the object as a whole."""
    field, category = error.field, error.category
    if field == "judgements" and isinstance(category, Category):
        items = data.get("judgements")
        for index, item in enumerate(items if type(items) is list else ()):
            if type(item) is dict and item.get("category") == category.name:
                return ("judgements", index, "grade" if error.rule == WRONG_SCALE else "category")
    return (field,) if field in data else ()


def _value_at(data: object, path: tuple[object, ...]) -> object:
    for step in path:
        data = data[step]  # type: ignore[index]  # the path was found in data
    return data

"""The library's own JSON format: :func:`to_json` and :func:`from_json`.

Every document is versioned::

    {"schema": "ofstedmodel", "version": 1, "type": "history", "data": {...}}

``type`` is ``council``, ``inspection``, ``history``, ``histories`` (an object from DfE code
to history) or ``councils`` (a list). Inside ``data`` every field of the model is written
under its own name: enum members by name (``"REQUIRES_IMPROVEMENT"``), dates in ISO form,
codes and judgements as lists, absent values as ``null``. A history writes its council once;
an inspection in it carries its own ``council`` only when that differs from the history's.

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
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, get_args, get_origin

import attrs

from .._coerce import shown
from ..councils import Council, CouncilKind, Region
from ..errors import CouncilError, HistoryError, InspectionError, LoadError, OfstedModelError
from ..frameworks import Category, Framework, InspectionKind
from ..grades import Grade
from ..history import History
from ..inspections import _INTERNED, Inspection, Judgement
from .problems import END, FRAMEWORK, GRADES, KIND, PUBLISHED, Problem, blame

__all__ = ["SCHEMA", "TYPES", "VERSION", "from_json", "to_json"]

SCHEMA = "ofstedmodel"
VERSION = 1
#: The values of ``type``, each with the Python type it stands for.
TYPES = ("council", "inspection", "history", "histories", "councils")
FILE = "<json>"

_ENVELOPE = ("schema", "version", "type", "data")
_ENUMS: tuple[type[enum.Enum], ...] = (
    Grade,
    Category,
    Framework,
    InspectionKind,
    Region,
    CouncilKind,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_BLAMED_FIELD: dict[str | Category, str] = {
    PUBLISHED: "published",
    END: "end",
    FRAMEWORK: "framework",
    KIND: "kind",
    GRADES: "grades_known",
    **dict.fromkeys(Category, "judgements"),
}


class _Invalid(ValueError):
    """A JSON value of the wrong shape or type (internal); the message says what was wanted."""


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


# -- the converter ------------------------------------------------------------------------------


@functools.cache
def _converter() -> Any:
    """The cattrs converter, built on first use so importing the module stays cheap."""
    import cattrs
    from cattrs.cols import homogenous_tuple_structure_factory
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    converter = cattrs.Converter(forbid_extra_keys=True)

    def strict(kind: type, what: str) -> Callable[[object, object], object]:
        def structure(value: object, _: object) -> object:
            if type(value) is not kind:
                raise _Invalid(f"expected {what}, got {_json_type(value)}")
            return value

        return structure

    converter.register_structure_hook(str, strict(str, "a string"))
    converter.register_structure_hook(int, strict(int, "a whole number"))
    converter.register_structure_hook(bool, strict(bool, "true or false"))

    def by_name(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
        names = ", ".join(member.name for member in cls)

        def structure(value: object, _: object) -> enum.Enum:
            if isinstance(value, str) and value in cls.__members__:
                return cls[value]
            raise _Invalid(f"expected a {cls.__name__} name ({names}), got {shown(value)}")

        return structure

    for cls in _ENUMS:
        converter.register_unstructure_hook(cls, lambda member: member.name)
        converter.register_structure_hook(cls, by_name(cls))

    def structure_date(value: object, _: object) -> _dt.date:
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return _dt.date.fromisoformat(value)
            except ValueError as error:
                raise _Invalid(f"{shown(value)} is not a date: {error}") from None
        raise _Invalid(f"expected an ISO date such as '2018-01-29', got {shown(value)}")

    converter.register_unstructure_hook(_dt.date, lambda day: day.isoformat())
    converter.register_structure_hook(_dt.date, structure_date)

    def is_tuple(kind: object) -> bool:
        args = get_args(kind)
        return get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis

    def tuple_factory(kind: Any, conv: Any) -> Callable[[object, object], object]:
        inner = homogenous_tuple_structure_factory(kind, conv)

        def structure(value: object, cl: object) -> object:
            if not isinstance(value, list):
                raise _Invalid(f"expected a list, got {_json_type(value)}")
            return inner(value, cl)

        return structure

    converter.register_structure_hook_factory(is_tuple, tuple_factory)

    def as_object(
        cls: type, extra: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    ) -> None:
        generated: Callable[[Any, type], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True
        )

        def structure(value: object, _: object) -> object:
            if isinstance(value, cls):  # already built: a history's council, shared
                return value
            if not isinstance(value, dict):
                raise _Invalid(f"expected an object for a {cls.__name__}, got {_json_type(value)}")
            return generated(extra(value) if extra else value, cls)

        converter.register_structure_hook(cls, structure)

    as_object(Council)
    as_object(Judgement)
    as_object(Inspection)

    # Judgements are the most numerous objects and take one of 45 values: a well-formed one
    # is looked up, anything else goes through the generated hook and its error reporting.
    judgement_hook = converter.get_structure_hook(Judgement)
    categories, grades = Category.__members__, Grade.__members__

    def structure_judgement(value: object, cl: object) -> object:
        if isinstance(value, dict) and len(value) == 2:
            category, grade = value.get("category"), value.get("grade")
            if isinstance(category, str) and isinstance(grade, str):
                member, level = categories.get(category), grades.get(grade)
                if member is not None and level is not None:
                    return _INTERNED[member, level]
        return judgement_hook(value, cl)

    converter.register_structure_hook(Judgement, structure_judgement)

    def with_council(value: dict[str, Any]) -> dict[str, Any]:
        """A history's inspections given its council where they leave it out."""
        inspections = value.get("inspections")
        if not isinstance(inspections, list) or "council" not in value:
            return value
        try:
            council = converter.structure(value["council"], Council)
        except Exception:  # reported when the history itself is structured
            return value
        return {
            **value,
            "council": council,  # structured once: the history's own hook takes it as it is
            "inspections": [
                {"council": council, **item}
                if isinstance(item, dict) and "council" not in item
                else item
                for item in inspections
            ],
        }

    as_object(History, with_council)

    without_council = make_dict_unstructure_fn(Inspection, converter, council=override(omit=True))

    def unstructure_history(history: History) -> dict[str, Any]:
        inspections = []
        council = history.council
        for inspection in history.inspections:
            if inspection.council is council or inspection.council == council:
                inspections.append(without_council(inspection))
            else:
                inspections.append(converter.unstructure(inspection))
        return {"council": converter.unstructure(history.council), "inspections": inspections}

    converter.register_unstructure_hook(History, unstructure_history)
    return converter


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
    kind: str
    data: object
    if isinstance(obj, Council):
        kind, data = "council", _plain_council(obj)
    elif isinstance(obj, Inspection):
        kind, data = "inspection", _plain_inspection(obj, None)
    elif isinstance(obj, History):
        kind, data = "history", _plain_history(obj)
    elif isinstance(obj, Mapping):
        histories: dict[str, Any] = {}
        kind, data = "histories", histories
        for key, history in obj.items():
            if not isinstance(history, History):
                raise OfstedModelError(
                    f"to_json: {shown(history)} (at {shown(key)}) is not a History"
                )
            if key != history.council.la_code:
                raise OfstedModelError(
                    f"to_json: key {shown(key)} holds the history of {shown(history.council)}; "
                    "key a mapping of histories by DfE code"
                )
            histories[key] = _plain_history(history)
    elif isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)):
        councils: list[Any] = []
        kind, data = "councils", councils
        for council in obj:
            if not isinstance(council, Council):
                raise OfstedModelError(f"to_json: {shown(council)} is not a Council")
            councils.append(_plain_council(council))
    else:
        raise OfstedModelError(
            f"to_json: {shown(obj)} is not a Council, an Inspection, a History, a mapping of "
            "histories or an iterable of councils"
        )
    document = {"schema": SCHEMA, "version": VERSION, "type": kind, "data": data}
    return json.dumps(document, indent=indent)


# Plain dicts, written directly: the same shape the cattrs converter gives (a test holds them
# together), without its machinery on the way out.


def _iso(day: _dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _plain_council(council: Council) -> dict[str, Any]:
    return {
        "name": council.name,
        "la_code": council.la_code,
        "gss_code": council.gss_code,
        "urn": council.urn,
        "region": None if council.region is None else council.region.name,
        "kind": None if council.kind is None else council.kind.name,
        "statistical_neighbours": list(council.statistical_neighbours),
        "predecessors": list(council.predecessors),
        "successors": list(council.successors),
        "created": _iso(council.created),
        "abolished": _iso(council.abolished),
        "population_0_25": council.population_0_25,
    }


def _plain_inspection(inspection: Inspection, council: Council | None) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if council is None or not (inspection.council is council or inspection.council == council):
        data["council"] = _plain_council(inspection.council)
    data.update(
        framework=inspection.framework.name,
        published=inspection.published.isoformat(),
        judgements=[
            {"category": j.category.name, "grade": j.grade.name} for j in inspection.judgements
        ],
        kind=inspection.kind.name,
        start=_iso(inspection.start),
        end=_iso(inspection.end),
        grades_known=inspection.grades_known,
        unknown=[c.name for c in inspection.unknown],
        source=inspection.source,
    )
    return data


def _plain_history(history: History) -> dict[str, Any]:
    council = history.council
    return {
        "council": _plain_council(council),
        "inspections": [_plain_inspection(i, council) for i in history.inspections],
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
    if not isinstance(text, (str, bytes, bytearray)):
        raise _error((), None, f"expected JSON text (str or bytes), got {type(text).__name__}")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise _error((), None, f"not JSON: {error}") from None
    if not isinstance(document, dict):
        raise _error((), document, f"expected an object, got {_json_type(document)}")
    unknown = sorted(set(document) - set(_ENVELOPE))
    if unknown:
        raise _error((unknown[0],), document[unknown[0]], "not a key of the document")
    for key in _ENVELOPE:
        if key not in document:
            raise _error((key,), None, f"missing: a document has {', '.join(_ENVELOPE)}")
    if document["schema"] != SCHEMA:
        raise _error(("schema",), document["schema"], f"not an {SCHEMA} document")
    version = document["version"]
    if type(version) is not int or version != VERSION:
        newer = type(version) is int and version > VERSION
        raise _error(
            ("version",),
            version,
            f"version {VERSION} is the only one this ofstedmodel reads"
            + ("; the document comes from a newer ofstedmodel" if newer else ""),
        )
    kind = document["type"]
    if kind not in TYPES:
        raise _error(("type",), kind, "not a type of document: " + ", ".join(TYPES))
    data = document["data"]
    try:
        return _fast(kind, data)
    except Exception:  # anything unexpected: the careful path decides and reports
        pass
    converter = _converter()
    if kind == "histories":
        if not isinstance(data, dict):
            raise _error(("data",), data, f"expected an object, got {_json_type(data)}")
        histories = {}
        for key, value in data.items():
            history = _structure(converter, document, ("data", ("key", key)), value, History)
            if history.council.la_code != key:
                raise _error(
                    ("data", ("key", key)),
                    key,
                    f"key {shown(key)} holds the history of DfE code {history.council.la_code}",
                )
            histories[key] = history
        return histories
    if kind == "councils":
        if not isinstance(data, list):
            raise _error(("data",), data, f"expected a list, got {_json_type(data)}")
        return [
            _structure(converter, document, ("data", index), value, Council)
            for index, value in enumerate(data)
        ]
    cls = {"council": Council, "inspection": Inspection, "history": History}[kind]
    return _structure(converter, document, ("data",), data, cls)


_Path = tuple[object, ...]


# -- the fast path ------------------------------------------------------------------------------
#
# A document written by to_json is read without cattrs: every key set and JSON type is checked
# exactly and the model's constructors check the values. At the first thing that is not exactly
# as to_json writes it, _Unexpected (or the model's own error) sends from_json down the careful
# cattrs path above, which accepts or reports precisely. So the fast path never accepts what
# the careful one would refuse; it only skips the machinery for documents that are fine.


class _Unexpected(Exception):
    """Not exactly as to_json writes it (internal)."""


def _keys(cls: type) -> frozenset[str]:
    """The keys the converter writes for an attrs class: its fields that ``__init__`` takes."""
    return frozenset(field.alias for field in attrs.fields(cls) if field.init)


_COUNCIL_KEYS = _keys(Council)
_WITH_COUNCIL = _keys(Inspection)
_INSPECTION_KEYS = _WITH_COUNCIL - {"council"}
_HISTORY_KEYS = frozenset(("council", "inspections"))


def _object(value: object, keys: frozenset[str]) -> dict[str, Any]:
    if value.__class__ is not dict or value.keys() != keys:
        raise _Unexpected
    return value


def _str(value: object) -> str:
    if value.__class__ is not str:
        raise _Unexpected
    return value


def _optional_str(value: object) -> str | None:
    return None if value is None else _str(value)


def _member(cls: type[enum.Enum], value: object) -> Any:
    member = _NAMES[cls].get(_str(value))
    if member is None:
        raise _Unexpected
    return member


def _optional_member(cls: type[enum.Enum], value: object) -> Any:
    return None if value is None else _member(cls, value)


def _day(value: object) -> _dt.date | None:
    if value is None:
        return None
    text = _str(value)
    day = _DAYS.get(text)
    if day is not None:
        return day
    if not _ISO_DATE.fullmatch(text):
        raise _Unexpected
    day = _dt.date.fromisoformat(text)
    if len(_DAYS) < 50_000:
        _DAYS[text] = day
    return day


# ISO text -> date, as the fast path meets them (bounded: dates repeat across documents).
_DAYS: dict[str, _dt.date] = {}


def _codes(value: object) -> list[str]:
    if value.__class__ is not list:
        raise _Unexpected
    return [_str(item) for item in value]


def _fast_council(value: object) -> Council:
    data = _object(value, _COUNCIL_KEYS)
    population = data["population_0_25"]
    if population is not None and population.__class__ is not int:
        raise _Unexpected
    return Council(
        _str(data["name"]),
        _str(data["la_code"]),
        gss_code=_optional_str(data["gss_code"]),
        urn=_optional_str(data["urn"]),
        region=_optional_member(Region, data["region"]),
        kind=_optional_member(CouncilKind, data["kind"]),
        statistical_neighbours=_codes(data["statistical_neighbours"]),
        predecessors=_codes(data["predecessors"]),
        successors=_codes(data["successors"]),
        created=_day(data["created"]),
        abolished=_day(data["abolished"]),
        population_0_25=population,
    )


def _fast_judgements(value: object) -> tuple[Judgement, ...]:
    if value.__class__ is not list:
        raise _Unexpected
    categories, grades = _NAMES[Category], _NAMES[Grade]
    out = []
    for item in value:
        # Two keys, both present: exactly {"category", "grade"}.
        if item.__class__ is not dict or len(item) != 2:
            raise _Unexpected
        category, grade = item.get("category"), item.get("grade")
        if category.__class__ is not str or grade.__class__ is not str:
            raise _Unexpected
        member, level = categories.get(category), grades.get(grade)
        if member is None or level is None:
            raise _Unexpected
        out.append(_INTERNED[member, level])  # type: ignore[index]
    return tuple(out)


_JUDGEMENT_KEYS = frozenset(("category", "grade"))
# name -> member for each vocabulary enum (Enum.__members__ builds a new proxy per call).
_NAMES: dict[type[enum.Enum], dict[str, enum.Enum]] = {cls: dict(cls.__members__) for cls in _ENUMS}


def _fast_categories(value: object) -> tuple[Category, ...]:
    if value.__class__ is not list:
        raise _Unexpected
    return tuple(_member(Category, name) for name in value)


def _fast_inspection(value: object, council: Council | None) -> Inspection:
    if council is not None and value.__class__ is dict and "council" not in value:
        data = _object(value, _INSPECTION_KEYS)
    else:
        data = _object(value, _WITH_COUNCIL)
        council = _fast_council(data["council"])
    grades_known = data["grades_known"]
    if grades_known is not True and grades_known is not False:
        raise _Unexpected
    published = _day(data["published"])
    if published is None:
        raise _Unexpected
    return Inspection(
        council,
        _member(Framework, data["framework"]),
        published,
        _fast_judgements(data["judgements"]),
        kind=_member(InspectionKind, data["kind"]),
        start=_day(data["start"]),
        end=_day(data["end"]),
        grades_known=grades_known,
        unknown=_fast_categories(data["unknown"]),
        source=_optional_str(data["source"]),
    )


def _fast_history(value: object) -> History:
    data = _object(value, _HISTORY_KEYS)
    council = _fast_council(data["council"])
    inspections = data["inspections"]
    if inspections.__class__ is not list:
        raise _Unexpected
    return History(council, [_fast_inspection(item, council) for item in inspections])


def _fast(kind: str, data: object) -> Any:
    """The object of a document exactly as to_json writes it, or an exception (internal)."""
    if kind == "histories":
        if data.__class__ is not dict:
            raise _Unexpected
        histories = {}
        for key, value in data.items():
            history = _fast_history(value)
            if history.council.la_code != key:
                raise _Unexpected
            histories[key] = history
        return histories
    if kind == "history":
        return _fast_history(data)
    if kind == "councils":
        if data.__class__ is not list:
            raise _Unexpected
        return [_fast_council(item) for item in data]
    if kind == "council":
        return _fast_council(data)
    if kind == "inspection":
        return _fast_inspection(data, None)
    raise _Unexpected


def _structure(converter: Any, document: object, path: _Path, value: object, cls: type) -> Any:
    try:
        return converter.structure(value, cls)
    except Exception as error:  # translated: nothing else may leave from_json
        leaf, where = _leaf(error, path)
        where = _refine(leaf, where, document)
        found = _find(document, where)
        raise _error(where, found, _reason(leaf)) from None


def _leaf(error: BaseException, path: _Path) -> tuple[BaseException, _Path]:
    """The first error at the bottom of a cattrs error group, and the path to it."""
    from cattrs.errors import ClassValidationError, IterableValidationError

    if isinstance(error, ClassValidationError):
        by_attribute, without = error.group_exceptions()
        if by_attribute:
            sub, attribute = by_attribute[0]
            return _leaf(sub, (*path, attribute.name))
        if without:
            return _leaf(without[0], path)
    if isinstance(error, IterableValidationError):
        by_index, without = error.group_exceptions()
        if by_index:
            sub, item = by_index[0]
            return _leaf(sub, (*path, item.index))
        if without:
            return _leaf(without[0], path)
    return error, path


def _refine(error: BaseException, path: _Path, document: object) -> _Path:
    """The field a model error raised by a constructor names, appended to ``path`` when the
    object there has it."""
    target = _find(document, path, raw=True)
    if not isinstance(target, dict):
        return path
    field: str | None = None
    if isinstance(error, CouncilError):
        field = str(error).split(":", 1)[0]
        if field not in target and "abolished" in str(error):
            field = "abolished"  # "<name>: abolished ... is not after created ..."
    elif isinstance(error, InspectionError):
        blamed = blame(str(error))
        field = None if blamed is None else _BLAMED_FIELD.get(blamed)
        judgements = target.get("judgements")
        if isinstance(blamed, Category) and isinstance(judgements, list):
            for index, item in enumerate(judgements):
                if isinstance(item, dict) and item.get("category") == blamed.name:
                    step = "grade" if "wrong scale" in str(error) else "category"
                    return (*path, "judgements", index, step)
    elif isinstance(error, HistoryError):
        field = "inspections"
    return (*path, field) if field in target else path


_MISSING = object()


def _find(document: object, path: _Path, raw: bool = False) -> Any:
    """The value at ``path`` in ``document``: as text for a problem's ``value`` (``None``
    for an object, a list or a path that leads nowhere), or as it is with ``raw``."""
    value: Any = document
    for step in path:
        key = step[1] if isinstance(step, tuple) else step
        found_in_object = isinstance(value, dict) and isinstance(key, str) and key in value
        found_in_list = isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value)
        if not (found_in_object or found_in_list):
            return None
        value = value[key]
    if raw:
        return value
    if isinstance(value, (dict, list)):
        return None
    return value if isinstance(value, str) else json.dumps(value)


def _reason(error: BaseException) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(error, ForbiddenExtraKeysError):
        return "unexpected field(s): " + ", ".join(sorted(error.extra_fields))
    if isinstance(error, KeyError):
        return "missing: this field is required"
    if isinstance(error, (OfstedModelError, _Invalid)):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _path_text(path: _Path) -> str | None:
    text = ""
    for step in path:
        if isinstance(step, tuple):
            text += f"[{shown(step[1])}]"
        elif isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text or None


def _error(path: _Path, value: object, reason: str) -> LoadError:
    shown = None if value is None or isinstance(value, (dict, list)) else value
    if shown is not None and not isinstance(shown, str):
        shown = json.dumps(shown)
    problem = Problem(FILE, None, _path_text(path), shown, reason)
    return LoadError(str(problem), problem)

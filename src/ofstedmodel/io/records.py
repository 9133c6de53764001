"""The one description of each record every format reads and writes (internal).

A :class:`Field` says, once, how a value of the model goes on the wire and comes back: its
name in a nested format (JSON's key), its name in a flat one (the CSV and DataFrame column:
a council's ``name`` and ``kind`` become ``council`` and ``council_kind`` beside the
inspection's own), its *shape*, and one conversion each way. The formats are thin layers over
:data:`COUNCIL`, :data:`INSPECTION` and :data:`JUDGEMENT`: JSON writes the wire values as
they are, the CSV writes them as text, the DataFrame as cells.

One vocabulary on the wire, whatever the format: every enum member by its **name**
(``GOOD``, ``REQUIRES_IMPROVEMENT``, ``ILACS_SHORT``, ``YORKSHIRE_AND_THE_HUMBER``,
``METROPOLITAN_DISTRICT``, ``OVERALL_EFFECTIVENESS``), dates in ISO form. Names are what
JSON documents have always carried, they are stable identifiers (a label's wording may
change, a name does not), and they are the same in every enum. Reading also takes the
spellings older files carry (values, labels, any spelling :meth:`parse` accepts).

>>> import ofstedmodel as om
>>> la = om.Council("Rotherham", "372", region="Yorkshire and the Humber")
>>> dump(COUNCIL, la)["region"]
'YORKSHIRE_AND_THE_HUMBER'
>>> [member(om.Grade)(text).name for text in ("GOOD", "requires improvement", "RI")]
['GOOD', 'REQUIRES_IMPROVEMENT', 'REQUIRES_IMPROVEMENT']
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from .._coerce import shown
from ..councils import Council, CouncilKind, Region
from ..errors import OfstedModelError
from ..frameworks import Category, Framework, InspectionKind
from ..grades import Grade
from ..inspections import Inspection, Judgement

__all__ = ["COUNCIL", "INSPECTION", "JUDGEMENT", "Field", "Unreadable", "dump", "member"]

_E = TypeVar("_E", bound=enum.Enum)


class Unreadable(OfstedModelError):
    """A wire value that is not of its field's shape (internal); ``brief`` says why."""


def _same(value: Any) -> Any:
    return value


def iso(day: _dt.date | None) -> str | None:
    """``day`` in ISO form, or ``None``."""
    return None if day is None else day.isoformat()


def day(text: str) -> _dt.date:
    """The date an ISO text names."""
    try:
        return _dt.date.fromisoformat(text)
    except (ValueError, TypeError):
        reason = f"{shown(text)} is not an ISO date such as '2018-01-29'"
        raise Unreadable(reason, brief=reason, value=text) from None


def name(member: enum.Enum | None) -> str | None:
    """``member``'s name, the wire vocabulary, or ``None``."""
    return None if member is None else member.name


def member(cls: type[_E]) -> Callable[[str], _E]:
    """The reader of ``cls``'s members from the wire: by name, or any older spelling (the
    value, the label, anything ``cls.parse`` accepts); an unknown text raises the enum's
    own error."""
    table: dict[str, _E] = {}
    for item in cls:
        table.setdefault(str(item.value), item)
        table.setdefault(str(item), item)
        label = getattr(item, "label", None)
        if isinstance(label, str):
            table.setdefault(label, item)
    table.update(cls.__members__)
    parse = cls.parse  # type: ignore[attr-defined]

    def read(text: str) -> _E:
        found = table.get(text)
        return found if found is not None else parse(text)

    return read


@attrs.frozen
class Field:
    """One field of a record: the model's attribute, its wire name (and flat column), its
    shape (``text``, ``member``, ``date``, ``codes``, ``whole``, ``boolean``, ``records``),
    whether it may be ``None``, the conversion to and from the wire, and for a ``member`` its
    enum."""

    attr: str
    shape: str
    to_wire: Callable[[Any], Any] = _same
    from_wire: Callable[[Any], Any] = _same
    optional: bool = False
    wire: str = ""
    column: str = ""
    enum: type[enum.Enum] | None = None

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "wire", self.wire or self.attr)
        object.__setattr__(self, "column", self.column or self.wire)


def _enum(attr: str, cls: type[enum.Enum], optional: bool = False, column: str = "") -> Field:
    return Field(attr, "member", name, member(cls), optional, column=column, enum=cls)


def _date(attr: str, optional: bool = True) -> Field:
    return Field(attr, "date", iso, day, optional)


def _codes(attr: str) -> Field:
    return Field(attr, "codes", list, tuple)


#: A council, in the model's order.
COUNCIL = (
    Field("name", "text", column="council"),
    Field("la_code", "text"),
    Field("gss_code", "text", optional=True),
    Field("urn", "text", optional=True),
    _enum("region", Region, optional=True),
    _enum("kind", CouncilKind, optional=True, column="council_kind"),
    _codes("statistical_neighbours"),
    _codes("predecessors"),
    _codes("successors"),
    _date("created"),
    _date("abolished"),
    Field("population_0_25", "whole", optional=True),
)

#: A judgement: a category and its grade.
JUDGEMENT = (_enum("category", Category), _enum("grade", Grade))


# ``_name_`` is the member's name, read without the descriptor ``.name`` goes through.
def _judgements(judgements: tuple[Judgement, ...]) -> list[dict[str, str]]:
    return [{"category": j.category._name_, "grade": j.grade._name_} for j in judgements]


def _categories(categories: tuple[Category, ...]) -> list[str]:
    return [category._name_ for category in categories]


#: An inspection, in the model's order; its ``council`` is a :data:`COUNCIL` record.
INSPECTION = (
    Field("council", "records"),
    _enum("framework", Framework),
    _date("published", optional=False),
    Field("judgements", "records", _judgements),
    _enum("kind", InspectionKind),
    _date("start"),
    _date("end"),
    Field("grades_known", "boolean"),
    Field("unknown", "codes", _categories, lambda names: tuple(map(member(Category), names))),
    Field("source", "text", optional=True),
)


def dump(fields: tuple[Field, ...], obj: object, *, skip: str = "") -> dict[str, Any]:
    """``obj`` as a wire record: each field (but ``skip``) under its wire name."""
    return dumper(fields, skip)(obj)


_DUMPERS: dict[tuple[int, str], Callable[[Any], dict[str, Any]]] = {}


def dumper(fields: tuple[Field, ...], skip: str = "") -> Callable[[Any], dict[str, Any]]:
    """The function that writes records of ``fields`` (but ``skip``), made once from the
    description as one dict display, as attrs makes its methods: each field's conversion
    written inline where it is a known one (the same value, an enum's name, an ISO date),
    else called."""
    key = (id(fields), skip)
    found = _DUMPERS.get(key)
    if found is not None:
        return found
    names: dict[str, Any] = {}
    items = []
    for index, field in enumerate(fields):
        if field.attr == skip:
            continue
        value = f"obj.{field.attr}"
        if field.to_wire is _same:
            wire = value
        elif field.to_wire is name:
            wire = f"(None if (v := {value}) is None else v._name_)"
        elif field.to_wire is iso:
            wire = f"(None if (v := {value}) is None else v.isoformat())"
        else:
            names[f"to_wire_{index}"] = field.to_wire
            wire = f"to_wire_{index}({value})"
        items.append(f"{field.wire!r}: {wire}")
    source = "def dump(obj):\n    return {" + ", ".join(items) + "}\n"
    exec(compile(source, f"<ofstedmodel dump of {fields[0].attr}...>", "exec"), names)
    made: Callable[[Any], dict[str, Any]] = names["dump"]
    _DUMPERS[key] = made
    return made


dump_council = dumper(COUNCIL)
"""A council's wire record."""
_dump_inspection_alone = dumper(INSPECTION, skip="council")


def dump_inspection(inspection: Inspection, council: Council | None = None) -> dict[str, Any]:
    """An inspection's wire record, with its council unless that is ``council``."""
    data = _dump_inspection_alone(inspection)
    if council is None or not (inspection.council is council or inspection.council == council):
        return {"council": dump_council(inspection.council), **data}
    return data

"""Council filters: choosing, sorting and grouping a table's councils by region, Ofsted region
and kind, with each filter's value checked once, at the edge (shared by
:class:`~ofstedmodel.standing.Standings` and :class:`~ofstedmodel.turnaround.Turnarounds`).

    >>> import ofstedmodel as om
    >>> in_london = council_filter("London", None, None)
    >>> in_london(om.datasets.council("Camden")), in_london(om.datasets.council("Leeds"))
    (True, False)
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from ._coerce import shown
from .councils import Council, CouncilKind, OfstedRegion, Region
from .errors import OfstedModelError, about_field
from .populations import group_name

__all__: list[str] = []


def parsed(cls: type[enum.Enum], value: object, field: str) -> Any:
    """``cls.parse(value)``, its refusal naming ``field`` and keeping the error's data
    (internal)."""
    try:
        return cls.parse(value)  # type: ignore[attr-defined]
    except OfstedModelError as error:
        raise about_field(error, field) from None


def members(cls: type[enum.Enum], value: object, field: str) -> frozenset[Any] | None:
    """A filter's value: one member or several (any spelling ``parse`` reads), or ``None``
    for no filter (internal)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes, int, enum.Enum)) or not isinstance(value, Iterable):
        return frozenset({parsed(cls, value, field)})
    return frozenset(parsed(cls, item, field) for item in value)


#: The council's attributes a table is filtered, sorted and grouped by.
COUNCIL_KEYS: Mapping[str, tuple[type[enum.Enum], Callable[[Council], Any]]] = {
    "region": (Region, lambda c: c.region),
    "ofsted_region": (OfstedRegion, lambda c: c.ofsted_region),
    "kind": (CouncilKind, lambda c: c.kind),
}


def grouping(by: object) -> Callable[[Council], Hashable]:
    """The council attribute ``by`` names (internal)."""
    if isinstance(by, str) and by in COUNCIL_KEYS:
        return COUNCIL_KEYS[by][1]
    raise OfstedModelError(
        f"by: {shown(by)} is not a grouping; give 'region', 'ofsted_region' or 'kind'",
        field="by",
        rule="not a grouping",
    )


def group_order(key: Hashable) -> tuple[int, int, str]:
    """Groups in their enum's order, ``None`` (not recorded) last (internal)."""
    if key is None:
        return (2, 0, "")
    if isinstance(key, enum.Enum):
        return (0, list(type(key)).index(key), "")
    return (1, 0, group_name(key))


def council_filter(
    region: object, ofsted_region: object, kind: object
) -> Callable[[Council], bool]:
    """A test of a council's region, Ofsted region and kind (internal)."""
    wanted = [
        (COUNCIL_KEYS[name][1], members(COUNCIL_KEYS[name][0], value, name))
        for name, value in (("region", region), ("ofsted_region", ofsted_region), ("kind", kind))
    ]
    tests = [(get, allowed) for get, allowed in wanted if allowed is not None]
    return lambda council: all(get(council) in allowed for get, allowed in tests)

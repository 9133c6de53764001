"""Immutability: every public object refuses every way of changing it, and so does every
container it exposes and every enum member."""

from __future__ import annotations

import copy
import datetime as dt
import enum
import io
import operator
from collections.abc import Iterable, Mapping

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from conftest import D2I_HISTORY
from ofstedmodel import strategies as oms
from ofstedmodel.io import LoadResult, read_csv

from .helpers import assert_refused, read_d2i
from .values import AS_AT, ENUMS, POPULATION, ROTHERHAM, capped, own_csv_text

MUTATORS = (
    "append",
    "extend",
    "insert",
    "remove",
    "clear",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "add",
    "discard",
    "sort",
    "reverse",
)


def fingerprint(value: object) -> object:
    """Everything ``value`` holds, as nested tuples: two values with the same fingerprint
    hold the same data, fields left out of ``==`` (such as sources) included."""
    if isinstance(value, enum.Enum):
        return (type(value).__name__, value.name)
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            tuple((f.name, fingerprint(getattr(value, f.name))) for f in attrs.fields(type(value))),
        )
    if isinstance(value, Mapping):
        return ("mapping", tuple((fingerprint(k), fingerprint(v)) for k, v in value.items()))
    if isinstance(value, (tuple, list)):
        return ("sequence", tuple(fingerprint(v) for v in value))
    return value


def assert_frozen_container(value: object, where: str) -> None:
    """A container a public object exposes refuses item assignment and deletion and has no
    method that changes it; so do the containers inside it."""
    assert not isinstance(value, (list, dict, set, bytearray)), f"{where} is a {type(value)}"
    if isinstance(value, Mapping):
        key = next(iter(value), "robustness-probe")
        assert_refused(f"{where}[{key!r}] = ...", operator.setitem, value, key, None)
        assert_refused(f"del {where}[{key!r}]", operator.delitem, value, key)
        inner: Iterable[object] = value.values()
    elif isinstance(value, tuple):
        assert_refused(f"{where}[0] = ...", operator.setitem, value, 0, None)
        assert_refused(f"del {where}[0]", operator.delitem, value, 0)
        inner = value
    else:
        return
    for method in MUTATORS:
        assert not hasattr(value, method), f"{where} has {method}()"
    for item in inner:
        assert_frozen_container(item, f"{where} item")


def hash_of(value: object) -> int | None:
    try:
        return hash(value)
    except TypeError:  # LoadResult is not hashable
        return None


def assert_immutable(obj: object) -> None:
    """Every attribute of ``obj`` refuses to be set (to anything, even its own value) or
    deleted, no attribute can be added, every container it exposes refuses changes, and after
    all the attempts it is equal to a copy taken before and holds the same data."""
    what = type(obj).__name__
    before, held, hashed = copy.copy(obj), fingerprint(obj), hash_of(obj)
    names = {f.name for f in attrs.fields(type(obj))}
    names |= {name for name in dir(obj) if not name.startswith("_")}
    for name in sorted(names):
        value = getattr(obj, name)
        assert_refused(f"{what}.{name} = None", setattr, obj, name, None)
        assert_refused(f"{what}.{name} = (its own value)", setattr, obj, name, value)
        assert_refused(f"del {what}.{name}", delattr, obj, name)
        if not callable(value):
            assert_frozen_container(value, f"{what}.{name}")
    assert_refused(f"{what}.robustness_probe = 1", setattr, obj, "robustness_probe", 1)
    assert obj == before
    assert fingerprint(obj) == held
    assert hash_of(obj) == hashed


def public_objects(
    history: om.History, population: list[om.History], as_at: dt.date
) -> list[object]:
    """An object of every public type built from ``history`` (one of ``population``)."""
    objects: list[object] = [history, history.council]
    for inspection in history.inspections:
        objects += [inspection, inspection.era, *inspection.judgements]
    for category in om.Category:
        trajectory = history.trajectory(category)
        objects += [trajectory, *trajectory.points, *trajectory.streaks(), *trajectory.changes]
    if len(history.graded) >= 2:
        comparison = om.compare(history.graded[0], history.graded[-1])
        objects += [comparison, *comparison.changes.values()]
    summaries = om.summarise(population, as_at, by="region")
    assert isinstance(summaries, om.GroupedSummary)
    objects += [om.summarise(population, as_at), summaries, *summaries.values()]
    objects.append(om.transitions(population, as_at))
    objects.append(om.peers(history, population, as_at))
    text = own_csv_text(population) + "not,a,row\r\n"
    result = read_csv(io.StringIO(text, newline=""), errors="collect")
    objects += [result, *result.problems, *result.notes]
    return objects


def types_of(objects: Iterable[object]) -> set[str]:
    return {type(o).__name__ for o in objects}


EVERY_TYPE = {
    "Council",
    "Judgement",
    "Inspection",
    "History",
    "Trajectory",
    "Point",
    "Streak",
    "Change",
    "Comparison",
    "Summary",
    "GroupedSummary",
    "Transitions",
    "Peers",
    "Era",
    "LoadResult",
    "Problem",
}


def test_every_public_object_of_the_bundled_data_is_immutable() -> None:
    objects = public_objects(ROTHERHAM, list(POPULATION.values()), AS_AT)
    d2i = read_d2i(io.StringIO(D2I_HISTORY.read_text(encoding="utf-8") + "1,2\n"))
    objects += [d2i, d2i.problems[0], d2i.notes[0]]
    objects += [era for framework in om.Framework for era in framework.eras]
    assert types_of(objects) == EVERY_TYPE
    # The containers are not empty, so that refusing item assignment means something.
    for obj in objects:
        if isinstance(obj, (om.Comparison, om.Transitions)):
            assert obj.changes
        elif isinstance(obj, om.Summary):
            assert obj.counts
            assert obj.members
        elif isinstance(obj, om.GroupedSummary):
            assert obj.groups
        elif isinstance(obj, om.Peers):
            assert len(obj.neighbours) == 10
        elif isinstance(obj, LoadResult):
            assert obj.histories
            assert obj.problems
        elif isinstance(obj, om.Era):
            assert obj.labels
    for obj in objects:
        assert_immutable(obj)


def neighbours_of(council: om.Council) -> list[om.History]:
    """Empty histories of a council's statistical neighbours, so that peers() has them."""
    return [
        om.History(om.Council(f"Neighbour {code}", code)) for code in council.statistical_neighbours
    ]


@settings(max_examples=capped(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=oms.histories(max_size=6), as_at=st.dates(dt.date(2009, 1, 1), dt.date(2031, 1, 1)))
def test_every_public_object_of_generated_histories_is_immutable(
    history: om.History, as_at: dt.date
) -> None:
    population = [history, *neighbours_of(history.council)]
    for obj in public_objects(history, population, as_at):
        assert_immutable(obj)


@pytest.mark.parametrize("member", [m for cls in ENUMS for m in cls], ids=repr)
def test_enum_members_refuse_changes_to_what_they_hold(member: enum.Enum) -> None:
    cls = type(member)
    before = dict(vars(member))
    data = [n for n in dir(member) if not n.startswith("_") and not callable(getattr(member, n))]
    assert {"name", "value"} <= set(data)
    for name in data:
        value = getattr(member, name)
        assert_refused(f"{member!r}.{name} = None", setattr, member, name, None)
        assert_refused(f"del {member!r}.{name}", delattr, member, name)
        assert_frozen_container(value, f"{member!r}.{name}")
    assert_refused(f"{cls.__name__}.{member.name} = None", setattr, cls, member.name, None)
    assert_refused(f"del {cls.__name__}.{member.name}", delattr, cls, member.name)
    assert cls[member.name] is member
    assert dict(vars(member)) == before

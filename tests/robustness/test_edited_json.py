"""Fuzzing :func:`~ofstedmodel.io.from_json`: real documents with random edits, and JSON past
the limits (nesting, long numbers, numbers that are not finite). Whatever loads is sound; the
rest raises a LoadError."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import datasets
from ofstedmodel.io import Problem, from_json, to_json

from .values import HISTORIES, ROTHERHAM

JSON_DOCUMENTS = [
    to_json({code: HISTORIES[code] for code in ("372", "836", "839", "909", "926")}),
    to_json(list(datasets.councils())[:40]),
    to_json(ROTHERHAM),
    to_json(ROTHERHAM.inspections[1]),
    to_json(ROTHERHAM.council),
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        ["SIF", "ILACS_SHORT", "GOOD", "ADEQUATE", "2018-01-29", "2018-02-30", "372"]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELD_NAMES = ["council", "name", "la_code", "judgements", "grade", "category", "published", "kind"]


def json_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every node below the root of a JSON value."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += json_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += json_paths(item, (*path, index))
    return found


def json_node(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


def edit_json(document: Any, data: st.DataObject) -> None:
    """One random edit of ``document``: a key deleted or renamed, a value replaced by one of
    any type, or two values swapped."""
    paths = json_paths(document)
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    parent, key = json_node(document, path[:-1]), path[-1]
    edit = data.draw(st.sampled_from(["delete", "rename", "replace", "swap"]))
    if edit == "delete":
        del parent[key]
    elif edit == "rename" and isinstance(parent, dict):
        new = data.draw(st.sampled_from(FIELD_NAMES) | st.text(max_size=8))
        parent[new] = parent.pop(key)
    elif edit == "swap":
        others = [p for p in paths if p[: len(path)] != path and path[: len(p)] != p]
        if others:
            other = data.draw(st.sampled_from(others))
            other_parent = json_node(document, other[:-1])
            parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
    else:
        parent[key] = data.draw(JSON_VALUES)


@settings(deadline=None)
@given(text=st.sampled_from(JSON_DOCUMENTS), data=st.data())
def test_edited_real_json_loads_soundly_or_raises_load_error(
    text: str, data: st.DataObject
) -> None:
    document = json.loads(text)
    for _ in range(data.draw(st.integers(1, 4))):
        edit_json(document, data)
    mangled = json.dumps(document)
    ending = data.draw(st.sampled_from(["whole", "truncated", "spliced"]))
    at = data.draw(st.integers(0, len(mangled)))
    if ending == "truncated":
        mangled = mangled[:at]
    elif ending == "spliced":
        mangled = mangled[:at] + data.draw(st.text(max_size=10)) + mangled[at:]
    source: str | bytes = mangled
    if data.draw(st.booleans()):
        source = mangled.encode("utf-8") + data.draw(st.sampled_from([b"", b"\xff", b"\x00"]))
    try:
        value = from_json(source)
    except om.LoadError as error:
        problem, message = error.problem, str(error)
    else:
        assert from_json(to_json(value)) == value  # whatever loads is a sound object
        return
    assert isinstance(problem, Problem)
    assert problem.line is None
    assert message == str(problem)


def _with_council_name(raw: str) -> str:
    """Rotherham's history as a JSON document whose council name is ``raw`` JSON text."""
    document = json.loads(to_json(ROTHERHAM))
    document["data"]["council"]["name"] = "PLACEHOLDER"
    return json.dumps(document).replace('"PLACEHOLDER"', raw)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        "9" * 5_000,
        _with_council_name("[" * 900 + "]" * 900),
        _with_council_name('{"":' * 900 + "1" + "}" * 900),
        _with_council_name("9" * 5_000),
        _with_council_name("NaN"),
        _with_council_name("-Infinity"),
        _with_council_name("1e999"),
    ],
    ids=[
        "deep-list",
        "deep-object",
        "long-number",
        "deep-list-as-name",
        "deep-object-as-name",
        "long-number-as-name",
        "nan-as-name",
        "infinity-as-name",
        "overflow-as-name",
    ],
)
def test_extreme_json_raises_load_error(text: str) -> None:
    # Values the fuzz above does not make: nesting past the recursion limit, a number past
    # the int-to-text limit, numbers that are not finite.
    with pytest.raises(om.LoadError) as info:
        from_json(text)
    assert isinstance(info.value.problem, Problem)
    assert info.value.problem.line is None


def test_a_megabyte_name_in_json_loads_exactly() -> None:
    history = from_json(_with_council_name('"' + "x" * 1_000_000 + '"'))
    assert history.council.name == "x" * 1_000_000
    assert [i.published for i in history] == [i.published for i in ROTHERHAM]
    assert from_json(to_json(history)) == history

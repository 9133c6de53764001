"""The library's own JSON format: exact round trips, and only LoadError for bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ofstedmodel as om
from ofstedmodel import strategies
from ofstedmodel.io import from_json, to_json
from ofstedmodel.io import json as json_codec

ROTHERHAM = om.Council(
    "Rotherham",
    "372",
    gss_code="E08000018",
    urn="80543",
    region=om.Region.YORKSHIRE_AND_THE_HUMBER,
    kind=om.CouncilKind.METROPOLITAN_DISTRICT,
    statistical_neighbours=("370", "357"),
    predecessors=("999",),
    successors=("998",),
    created=dt.date(1974, 4, 1),
    abolished=dt.date(2040, 4, 1),
    population_0_25=78881,
)
SIF_2014 = om.Inspection(
    ROTHERHAM,
    "SIF",
    dt.date(2014, 11, 19),
    {"overall": "inadequate", "adoption": "requires improvement", "lscb": "inadequate"},
    start=dt.date(2014, 9, 16),
    end=dt.date(2014, 10, 8),
    source="https://reports.ofsted.gov.uk/rotherham-2014",
)
SHORT_2022 = om.Inspection(
    ROTHERHAM,
    "ILACS",
    dt.date(2022, 8, 12),
    {"overall": "good", "leadership": "good"},
    kind="short",
    source="",
)
UNKNOWN_2012 = om.Inspection(ROTHERHAM, "CP2012", dt.date(2012, 8, 10), grades_known=False)
VISIT = om.Inspection(ROTHERHAM, "ILACS", dt.date(2019, 6, 3), kind="focused visit")
HISTORY = om.History(ROTHERHAM, [SIF_2014, SHORT_2022, UNKNOWN_2012, VISIT])
POOLE = om.Council("Poole", "836", abolished=dt.date(2019, 4, 1))


def sources(value: object) -> list[str | None]:
    """Every inspection source inside ``value``, in order (equality leaves them out)."""
    if isinstance(value, om.Inspection):
        return [value.source]
    if isinstance(value, om.History):
        return [i.source for i in value]
    if isinstance(value, dict):
        return [s for history in value.values() for s in sources(history)]
    return []


def assert_round_trip(value: object) -> str:
    text = to_json(value)
    back = from_json(text)
    assert back == value
    assert type(back) is type(value)
    assert sources(back) == sources(value)
    assert from_json(text.encode("utf-8")) == value
    assert to_json(back) == text
    return text


@pytest.mark.parametrize(
    "value",
    [
        ROTHERHAM,
        om.Council("Bristol, City of", "801"),
        SIF_2014,
        SHORT_2022,
        UNKNOWN_2012,
        VISIT,
        HISTORY,
        om.History(POOLE, []),
        {"372": HISTORY, "836": om.History(POOLE, [])},
        {},
        [ROTHERHAM, POOLE],
        [],
    ],
    ids=lambda v: type(v).__name__,
)
def test_round_trip(value: object) -> None:
    assert_round_trip(value)


def test_document_shape() -> None:
    document = json.loads(to_json(HISTORY, indent=2))
    assert list(document) == ["schema", "version", "type", "data"]
    assert (document["schema"], document["version"], document["type"]) == (
        "ofstedmodel",
        1,
        "history",
    )
    council = document["data"]["council"]
    assert council["region"] == "YORKSHIRE_AND_THE_HUMBER"
    assert council["kind"] == "METROPOLITAN_DISTRICT"
    assert council["created"] == "1974-04-01"
    sif = document["data"]["inspections"][1]
    assert "council" not in sif  # written once, in the history
    assert not {"_era", "era"} & set(sif)
    assert sif["framework"] == "SIF"
    assert sif["kind"] == "SIF_INSPECTION"
    assert sif["published"] == "2014-11-19"
    assert sif["judgements"][0] == {"category": "OVERALL_EFFECTIVENESS", "grade": "INADEQUATE"}
    assert [d["type"] for d in map(json.loads, map(to_json, (SIF_2014, [], {})))] == [
        "inspection",
        "councils",
        "histories",
    ]
    assert "\n  " in to_json(HISTORY, indent=2)


def test_inspection_of_a_differently_recorded_council_keeps_its_own() -> None:
    renamed = om.Council("Rotherham MBC", "372")
    history = HISTORY.add(om.Inspection(renamed, "ILACS", dt.date(2026, 8, 1), grades_known=False))
    data = json.loads(assert_round_trip(history))["data"]
    assert [("council" in i) for i in data["inspections"]] == [False] * 4 + [True]
    assert from_json(to_json(history)).inspections[-1].council.name == "Rotherham MBC"


@pytest.mark.parametrize(
    "value",
    [object(), "372", 3, None, [ROTHERHAM, "x"], {"372": ROTHERHAM}, {"999": HISTORY}],
)
def test_to_json_refuses(value: object) -> None:
    with pytest.raises(om.OfstedModelError):
        to_json(value)


# -- what from_json refuses, and where it says the fault is -------------------------------------


def document(value: object = HISTORY) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(to_json(value))
    return result


def refused(doc: object) -> om.io.Problem:
    with pytest.raises(om.LoadError) as info:
        from_json(json.dumps(doc) if not isinstance(doc, (str, bytes)) else doc)
    problem = info.value.problem
    assert isinstance(problem, om.io.Problem)
    assert (problem.file, problem.line) == ("<json>", None)
    assert str(info.value) == str(problem)
    return problem


def at(doc: dict[str, Any], path: str) -> tuple[Any, str]:
    """The container and key of a dotted path such as ``data.inspections.1.published``."""
    *steps, last = path.split(".")
    node: Any = doc
    for step in steps:
        node = node[int(step)] if isinstance(node, list) else node[step]
    return node, last


@pytest.mark.parametrize(
    ("path", "value", "column", "reason"),
    [
        ("data.inspections.1.published", "2014-13-19", "data.inspections[1].published", "month"),
        ("data.inspections.1.published", "19/11/2014", "data.inspections[1].published", "ISO"),
        ("data.inspections.1.published", 20141119, "data.inspections[1].published", "ISO"),
        ("data.inspections.1.start", "2014-12-01", "data.inspections[1].end", "out of order"),
        ("data.inspections.1.kind", "SHORT", "data.inspections[1].kind", "InspectionKind"),
        ("data.inspections.1.kind", "ILACS_SHORT", "data.inspections[1].kind", "kind not of"),
        ("data.inspections.1.grades_known", "true", "data.inspections[1].grades_known", "true"),
        ("data.inspections.1.grades_known", False, "data.inspections[1].grades_known", "both"),
        ("data.inspections.1.source", 5, "data.inspections[1].source", "expected a string"),
        (
            "data.inspections.1.judgements.0.grade",
            "ADEQUATE",
            "data.inspections[1].judgements[0].grade",
            "wrong scale",
        ),
        (
            "data.inspections.1.judgements.0.grade",
            "GOOOD",
            "data.inspections[1].judgements[0].grade",
            "expected a Grade name",
        ),
        (
            "data.inspections.3.judgements.1.category",
            "ADOPTION",
            "data.inspections[3].judgements[1].category",
            "does not grade 'adoption'",
        ),
        ("data.inspections.1.judgements", {}, "data.inspections[1].judgements", "a list"),
        ("data.inspections", "none", "data.inspections", "expected a list"),
        ("data.council.la_code", "37", "data.council.la_code", "DfE"),
        ("data.council.la_code", 372, "data.council.la_code", "expected a string"),
        ("data.council.gss_code", "W1", "data.council.gss_code", "GSS"),
        ("data.council.region", "London", "data.council.region", "Region name"),
        ("data.council.population_0_25", 1.5, "data.council.population_0_25", "whole number"),
        ("data.council.population_0_25", True, "data.council.population_0_25", "whole number"),
        (
            "data.council.statistical_neighbours",
            "370",
            "data.council.statistical_neighbours",
            "list",
        ),
        (
            "data.council.statistical_neighbours",
            ["372"],
            "data.council.statistical_neighbours",
            "own",
        ),
        ("data.council.created", "2041-01-01", "data.council.abolished", "not after created"),
        ("data.council", [], "data.council", "expected an object"),
        ("data", None, "data", "expected an object"),
        ("version", 2, "version", "newer"),
        ("version", True, "version", "only one"),
        ("version", "1", "version", "only one"),
        ("schema", "other", "schema", "not an ofstedmodel document"),
        ("type", "histories2", "type", "not a type"),
    ],
)
def test_refused_with_a_path(path: str, value: object, column: str, reason: str) -> None:
    doc = document()
    node, key = at(doc, path)
    node[int(key) if isinstance(node, list) else key] = value
    problem = refused(doc)
    assert problem.column == column
    assert reason in problem.reason


def test_missing_and_extra_fields() -> None:
    doc = document()
    del doc["data"]["inspections"][0]["framework"]
    problem = refused(doc)
    assert (problem.column, problem.reason) == (
        "data.inspections[0].framework",
        "missing: this field is required",
    )
    doc = document()
    doc["data"]["inspections"][0]["colour"] = "red"
    assert (refused(doc).column, refused(doc).reason) == (
        "data.inspections[0]",
        "unexpected field(s): colour",
    )
    doc = document()
    doc["comment"] = "x"
    assert refused(doc).column == "comment"
    doc = document()
    del doc["type"]
    assert refused(doc).column == "type"


def test_a_duplicate_report_is_refused() -> None:
    doc = document()
    doc["data"]["inspections"].append(doc["data"]["inspections"][0])
    problem = refused(doc)
    assert problem.column == "data.inspections"
    assert "a report is listed once" in problem.reason


def test_histories_and_councils_paths() -> None:
    doc = document({"372": HISTORY})
    doc["data"]["372"]["inspections"][0]["published"] = "x"
    assert refused(doc).column == "data['372'].inspections[0].published"
    doc = document({"372": HISTORY})
    doc["data"]["836"] = doc["data"].pop("372")
    problem = refused(doc)
    assert (problem.column, problem.value) == ("data['836']", "836")
    assert "holds the history of DfE code 372" in problem.reason
    doc = document([ROTHERHAM, POOLE])
    doc["data"][1]["urn"] = "U1"
    assert (refused(doc).column, refused(doc).value) == ("data[1].urn", "U1")
    assert refused({**document([]), "data": {}}).column == "data"
    assert refused({**document({}), "data": []}).column == "data"


@pytest.mark.parametrize(
    "text",
    ["", "{", "[]", "null", '"x"', b"\xff\xfe\x00", "[" * 100_000, '{"schema": 1}', "NaN"],
)
def test_not_a_document(text: str | bytes) -> None:
    problem = refused(text)
    assert problem.column in {None, "version"}


@pytest.mark.parametrize("text", [None, 42, ["{}"]])
def test_not_text(text: object) -> None:
    with pytest.raises(om.LoadError, match="expected JSON text"):
        from_json(text)  # type: ignore[arg-type]


# -- properties ---------------------------------------------------------------------------------


names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=15).filter(str.strip)
# Records with every council field filled in somewhere, given any name. (Whole councils drawn
# from ofstedmodel.strategies cost far more than the round trip; test_io_csv round-trips
# those through both formats.)
BASES = (ROTHERHAM, POOLE, om.Council("x", "201", gss_code="E09000001", urn="80450"))


@st.composite
def histories(draw: st.DrawFn) -> om.History:
    """A history of a council: its inspections, no two the same report."""
    council = attrs.evolve(draw(st.sampled_from(BASES)), name=draw(names))
    inspections = draw(
        st.lists(
            strategies.inspections(council=council),
            max_size=3,
            unique_by=lambda i: (i.published, i.kind),
        )
    )
    return om.History(council, inspections)


@given(st.lists(histories(), max_size=2, unique_by=lambda h: h.council.la_code))
def test_round_trip_generated(items: list[om.History]) -> None:
    histories = {h.council.la_code: h for h in items}
    back = from_json(to_json(histories))
    assert back == histories
    assert sources(back) == sources(histories)
    councils = [h.council for h in items]
    assert from_json(to_json(councils)) == councils
    for history in items[:1]:
        for inspection in history.inspections[:1]:  # alone, with its council written in
            back = from_json(to_json(inspection))
            assert (back, back.source) == (inspection, inspection.source)


@given(st.text())
def test_any_text_is_refused_with_load_error(text: str) -> None:
    with pytest.raises(om.LoadError):
        from_json(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every node in a JSON value."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += nodes(item, (*path, index))
    return found


# A document of each type, to mutate.
EVERY_TYPE = (ROTHERHAM, SIF_2014, HISTORY, {"372": HISTORY, "836": om.History(POOLE)}, [POOLE])


@given(st.sampled_from(EVERY_TYPE), st.data())
def test_mutated_documents_load_or_raise_load_error(value: object, data: st.DataObject) -> None:
    doc = document(value)
    path = data.draw(st.sampled_from(nodes(doc)[1:]))
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    node = doc
    for step in path[:-1]:
        node = node[step]
    key = path[-1]
    if action == "delete":
        del node[key]
    elif action == "add" and isinstance(node[key], dict):
        node[key][data.draw(st.text(max_size=8))] = data.draw(json_values)
    elif action == "add" and isinstance(node[key], list):
        node[key].append(data.draw(json_values))
    else:
        node[key] = data.draw(json_values)
    try:
        value = from_json(json.dumps(doc))
    except om.LoadError as error:
        problem = error.problem
    else:
        assert from_json(to_json(value)) == value  # whatever loads is a sound object
        return
    assert isinstance(problem, om.io.Problem)


@given(st.sampled_from(EVERY_TYPE), st.binary(min_size=1, max_size=8), st.data())
def test_corrupted_bytes_load_or_raise_load_error(
    value: object, junk: bytes, data: st.DataObject
) -> None:
    text = to_json(value).encode("utf-8")
    where = data.draw(st.integers(0, len(text)))
    cut = data.draw(st.integers(0, 8))
    with contextlib.suppress(om.LoadError):
        from_json(text[:where] + junk + text[where + cut :])


# -- older documents, and where a refusal points ------------------------------------------------

# Rotherham's history as every ofstedmodel before Inspection.unknown wrote it (version 1, no
# "unknown" key), kept verbatim: documents already written must keep reading.
BEFORE_UNKNOWN = (
    '{"schema": "ofstedmodel", "version": 1, "type": "history", "data": {"council": {"name": '
    '"Rotherham", "la_code": "372", "gss_code": "E08000018", "urn": null, "region": '
    '"YORKSHIRE_AND_THE_HUMBER", "kind": null, "statistical_neighbours": ["370", "357"], '
    '"predecessors": [], "successors": [], "created": null, "abolished": null, '
    '"population_0_25": null}, "inspections": [{"framework": "SIF", "published": "2014-11-19", '
    '"judgements": [{"category": "OVERALL_EFFECTIVENESS", "grade": "INADEQUATE"}, {"category": '
    '"ADOPTION", "grade": "REQUIRES_IMPROVEMENT"}], "kind": "SIF_INSPECTION", "start": '
    '"2014-09-16", "end": "2014-10-08", "grades_known": true, "source": '
    '"https://reports.ofsted.gov.uk/"}, {"framework": "ILACS", "published": "2019-06-03", '
    '"judgements": [], "kind": "FOCUSED_VISIT", "start": null, "end": null, "grades_known": '
    'true, "source": null}]}}'
)


def test_a_document_written_before_unknown_existed_reads() -> None:
    history = from_json(BEFORE_UNKNOWN)
    council = om.Council(
        "Rotherham",
        "372",
        gss_code="E08000018",
        region=om.Region.YORKSHIRE_AND_THE_HUMBER,
        statistical_neighbours=("370", "357"),
    )
    sif = om.Inspection(
        council,
        "SIF",
        dt.date(2014, 11, 19),
        {"overall": "inadequate", "adoption": "requires improvement"},
        start=dt.date(2014, 9, 16),
        end=dt.date(2014, 10, 8),
    )
    visit = om.Inspection(council, "ILACS", dt.date(2019, 6, 3), kind="focused visit")
    assert history == om.History(council, [sif, visit])
    assert [i.unknown for i in history] == [(), ()]
    assert [i.source for i in history] == ["https://reports.ofsted.gov.uk/", None]


def test_fields_with_a_default_may_be_left_out() -> None:
    doc = document()
    for inspection in doc["data"]["inspections"]:
        for key in ("unknown", "source", "start", "end"):
            inspection.pop(key)
    inspection = doc["data"]["inspections"][1]  # SIF_2014, its kind and grades_known too
    del inspection["kind"], inspection["grades_known"]
    council = doc["data"]["council"]
    for key in ("gss_code", "urn", "region", "kind", "created", "population_0_25"):
        council.pop(key)
    back = from_json(json.dumps(doc))
    assert back.inspections[1] == attrs.evolve(SIF_2014, start=None, end=None, council=back.council)
    assert back.council == om.Council(
        "Rotherham",
        "372",
        statistical_neighbours=("370", "357"),
        predecessors=("999",),
        successors=("998",),
        abolished=dt.date(2040, 4, 1),
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("data.council.name", "expected a string, got null"),
        ("data.inspections[1].kind", "expected a InspectionKind name"),
        ("data.inspections[1].published", "expected an ISO date"),
        ("data.inspections[1].grades_known", "expected true or false, got null"),
        ("data.council.statistical_neighbours", "expected a list, got null"),
    ],
)
def test_null_only_where_the_model_has_none(path: str, reason: str) -> None:
    doc = document()
    node, key = at(doc, path.replace("[", ".").replace("]", ""))
    node[int(key) if isinstance(node, list) else key] = None
    problem = refused(doc)
    assert (problem.column, problem.value) == (path, None)
    assert reason in problem.reason


def column_of(path: tuple[Any, ...], histories: bool) -> str:
    """A path in a document as a problem's column names it: ``data['372'].inspections[1]``."""
    text = ""
    for depth, step in enumerate(path):
        if isinstance(step, int):
            text += f"[{step}]"
        elif histories and depth == 1:  # a DfE code, the key of a history
            text += f"[{step!r}]"
        else:
            text += f".{step}" if text else step
    return text


def value_at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@settings(max_examples=150)
@given(st.sampled_from(EVERY_TYPE), st.data())
def test_a_refusal_names_a_value_in_the_document(value: object, data: st.DataObject) -> None:
    doc = document(value)
    path = data.draw(st.sampled_from(nodes(doc["data"], ("data",))[1:]))
    parent = value_at(doc, path[:-1])
    if isinstance(parent, dict) and data.draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(json_values)
    try:
        from_json(json.dumps(doc))
    except om.LoadError as error:
        problem = error.problem
    else:
        return
    columns = {column_of(p, doc["type"] == "histories"): p for p in nodes(doc)}
    if problem.reason == "missing: this field is required":  # a key its object lacks
        where, _, key = problem.column.rpartition(".")
        assert key not in value_at(doc, columns[where])
        return
    found = value_at(doc, columns[problem.column])
    if found is not None and not isinstance(found, (dict, list)):
        assert problem.value == (found if isinstance(found, str) else json.dumps(found))


def test_an_answer_is_pointed_to_its_own_plain_data() -> None:
    # Found by a new user: to_json(standings) said "<Standing ...> is not a Council".
    histories = om.datasets.histories()
    for answer in (
        om.standings(histories),
        om.summarise(histories, by="region"),
        om.digest(histories, since="2025-04-01"),
    ):
        with pytest.raises(om.OfstedModelError) as caught:
            om.io.to_json(answer)
        assert caught.value.rule == "an answer, not data"
        assert f"{type(answer).__name__}.to_json()" in str(caught.value)


# -- the fast path: what it reads, it reads as the full read does; the rest it leaves ----------


def _full(record: Any, value: Any, context: dict[str, Any]) -> Any:
    return record.cls(**record.arguments(value, dict(context)))


def _bundled_records() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    document = json.loads(to_json(om.datasets.histories()))
    pairs = []
    for history in document["data"].values():
        council = json_codec._COUNCIL.read(history["council"])
        pairs += [(item, {"council": council}) for item in history["inspections"]]
    return pairs


def test_the_fast_path_reads_every_bundled_inspection_as_the_full_read() -> None:
    pairs = _bundled_records()
    assert len(pairs) > 700
    for item, context in pairs:
        fast = json_codec._INSPECTION.fast(item, context)
        assert fast is not json_codec._NOT
        full = _full(json_codec._INSPECTION, item, context)
        assert fast == full
        assert fast.era is full.era
        assert fast.source == full.source


def test_the_fast_path_reads_every_bundled_council_as_the_full_read() -> None:
    document = json.loads(to_json(om.datasets.histories()))
    for history in document["data"].values():
        fast = json_codec._COUNCIL.fast(history["council"], {})
        assert fast is not json_codec._NOT
        assert fast == _full(json_codec._COUNCIL, history["council"], {})


def _edits(item: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Ways to make a well-formed inspection record one the fast path must leave."""
    edits = []
    for key in item:
        edits.append((f"no {key}", {k: v for k, v in item.items() if k != key}))
        for wrong in (None, 1, True, "x", [], {}):
            if item[key] is None and wrong is None:
                continue
            edits.append((f"{key}={wrong!r}", {**item, key: wrong}))
    edits.append(("an extra key", {**item, "extra": 1}))
    if len(item["judgements"]) > 1:
        turned = list(reversed(item["judgements"]))
        edits.append(("judgements out of order", {**item, "judgements": turned}))
        twice = [item["judgements"][0], *item["judgements"]]
        edits.append(("a judgement twice", {**item, "judgements": twice}))
    edits.append(
        ("unknown out of order", {**item, "unknown": ["CARE_LEAVERS", "OVERALL_EFFECTIVENESS"]})
    )
    edits.append(("a council of its own", {**item, "council": {}}))
    return edits


def _outcome(read: Any) -> tuple[str, Any]:
    try:
        return "made", read()
    except json_codec._Refused as refused:
        return "refused", (refused.reason, refused.path, refused.value)
    except om.OfstedModelError as error:
        return "refused by the model", (str(error), error.rule, error.field)


def test_an_edited_record_is_read_as_the_full_read_reads_it() -> None:
    """Whatever the edit, reading gives what the field-by-field read gives: the same object,
    or the same refusal (reason, path and value); an edit of the shape is never taken by the
    fast path."""
    item, context = next(p for p in _bundled_records() if len(p[0]["judgements"]) > 2)
    seen = set()
    for what, edited in _edits(item):
        full = _outcome(lambda edited=edited: _full(json_codec._INSPECTION, edited, context))
        read = _outcome(lambda edited=edited: json_codec._INSPECTION.read(edited, dict(context)))
        if full[0] == "refused by the model":  # read() gives it as a refusal with its path
            assert read[0] == "refused", what
            assert read[1][0] == full[1][0], what
        else:
            assert read == full, what
        if full[0] == "refused":
            assert json_codec._INSPECTION.fast(edited, context) is json_codec._NOT, what
        seen.add(full[0])
    assert seen == {"made", "refused", "refused by the model"}

"""Council, Region and CouncilKind: validated identifiers, lineage and existence."""

from __future__ import annotations

import re
from datetime import date, datetime

import attrs
import pytest
from hypothesis import given

from ofstedmodel import Council, CouncilError, CouncilKind, OfstedModelError, Region
from ofstedmodel.strategies import councils

# Rotherham's identifiers and DfE statistical neighbours, from the Data to Insight LA lookup
# (snapshot of 2026-08-22).
ROTHERHAM_NEIGHBOURS = ("370", "357", "371", "384", "894", "332", "807", "394", "390", "840")


def rotherham(**changes: object) -> Council:
    fields: dict[str, object] = {
        "name": "Rotherham",
        "la_code": "372",
        "gss_code": "E08000018",
        "urn": "80543",
        "region": Region.YORKSHIRE_AND_THE_HUMBER,
        "kind": CouncilKind.METROPOLITAN_DISTRICT,
        "statistical_neighbours": ROTHERHAM_NEIGHBOURS,
    }
    fields.update(changes)
    return Council(**fields)  # type: ignore[arg-type]


def test_a_council_keeps_its_identifiers() -> None:
    council = rotherham()
    assert council.name == "Rotherham"
    assert council.la_code == "372"
    assert council.gss_code == "E08000018"
    assert council.urn == "80543"
    assert council.region is Region.YORKSHIRE_AND_THE_HUMBER
    assert council.kind is CouncilKind.METROPOLITAN_DISTRICT
    assert council.statistical_neighbours == ROTHERHAM_NEIGHBOURS
    assert council.predecessors == ()
    assert council.successors == ()
    assert (council.created, council.abolished, council.population_0_25) == (None, None, None)
    assert repr(council) == "<Council Rotherham (372)>"


def test_only_name_and_la_code_are_required() -> None:
    council = Council("Rotherham", "372")
    assert (council.gss_code, council.urn, council.region, council.kind) == (None,) * 4


# -- DfE codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [("372", "372"), (372, "372"), (" 372 ", "372"), ("201", "201"), (938, "938"), ("000", "000")],
)
def test_good_la_codes(value: object, code: str) -> None:
    assert Council("X", value).la_code == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    ["12", "0372", "37a", "", "3 72", 12, 3720, -372, True, None, 3.72, 372.0, b"372", "٣٧٢"],
)
def test_bad_la_codes_are_refused_naming_the_value(value: object) -> None:
    with pytest.raises(CouncilError) as caught:
        Council("X", value)  # type: ignore[arg-type]
    assert f"la_code: {value!r} is not a DfE local authority code" in str(caught.value)


# -- GSS codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("E08000018", "E08000018"),
        ("e06000023", "E06000023"),
        (" E09000001 ", "E09000001"),
        ("E10000002", "E10000002"),
        (None, None),
        ("", None),
    ],
)
def test_good_gss_codes(value: object, code: str | None) -> None:
    assert Council("X", "372", gss_code=value).gss_code == code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        "E07000001",  # a district: no children's services
        "E12000003",  # a region
        "W06000001",  # Wales
        "E0800001",
        "E080000180",
        "E08000018X",
        "E08 000018",
        "E08٠٠٠٠١٨",
        8000018,
        b"E08000018",
    ],
)
def test_bad_gss_codes_are_refused_naming_the_value(value: object) -> None:
    with pytest.raises(CouncilError) as caught:
        Council("X", "372", gss_code=value)  # type: ignore[arg-type]
    assert f"gss_code: {value!r} is not an ONS GSS code" in str(caught.value)


# -- URNs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "urn"),
    [("80543", "80543"), (80543, "80543"), (" 80543 ", "80543"), ("1", "1"), (None, None)],
)
def test_good_urns(value: object, urn: str | None) -> None:
    assert Council("X", "372", urn=value).urn == urn  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["80543a", "1234567890", "-1", -1, 805.43, True, b"80543", "٨٠٥٤٣", "8 0543"]
)
def test_bad_urns_are_refused_naming_the_value(value: object) -> None:
    with pytest.raises(CouncilError) as caught:
        Council("X", "372", urn=value)  # type: ignore[arg-type]
    assert f"urn: {value!r} is not an Ofsted provider URN" in str(caught.value)


# -- names ------------------------------------------------------------------------------------


def test_names_have_their_spacing_normalised() -> None:
    assert Council("  Bristol,   City of ", "801").name == "Bristol, City of"


@pytest.mark.parametrize("value", ["", "   ", None, 372, b"Rotherham"])
def test_bad_names_are_refused_naming_the_value(value: object) -> None:
    with pytest.raises(CouncilError, match=f"name: {value!r} is not a council name"):
        Council(value, "372")  # type: ignore[arg-type]


# -- regions and kinds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (Region.LONDON, Region.LONDON),
        ("london", Region.LONDON),
        ("Greater London", Region.LONDON),
        ("YH", Region.YORKSHIRE_AND_THE_HUMBER),
        ("Yorkshire and The Humber", Region.YORKSHIRE_AND_THE_HUMBER),
        ("Yorkshire & the Humber", Region.YORKSHIRE_AND_THE_HUMBER),
        ("YORKSHIRE_AND_THE_HUMBER", Region.YORKSHIRE_AND_THE_HUMBER),
        ("E12000002", Region.NORTH_WEST),
        ("e12000002", Region.NORTH_WEST),
        ("North-East", Region.NORTH_EAST),
        ("East of England", Region.EAST_OF_ENGLAND),
        ("Eastern", Region.EAST_OF_ENGLAND),
        ("SW", Region.SOUTH_WEST),
        ("South East", Region.SOUTH_EAST),
        ("East Midlands", Region.EAST_MIDLANDS),
        ("WM", Region.WEST_MIDLANDS),
    ],
)
def test_region_parse(text: str | Region, region: Region) -> None:
    assert Region.parse(text) is region


_TYPE_AND_HINT = r"( \(\w+\))? is not {}( \(did you mean '[^']+'\?\))?; (give .*; )?accepted: '"


@pytest.mark.parametrize("value", ["Wales", "E12000010", "Midlands", 7, None])
def test_region_parse_refuses_what_is_not_a_region(value: object) -> None:
    # Like every vocabulary, regions now suggest the nearest name and show a non-text's type.
    pattern = "^" + re.escape(repr(value)) + _TYPE_AND_HINT.format("an English region") + "North"
    with pytest.raises(CouncilError, match=pattern) as caught:
        Region.parse(value)
    assert (caught.value.value, caught.value.vocabulary) == (value, "Region")
    assert caught.value.accepted[0] == "North East"


def test_regions_are_the_nine_english_regions() -> None:
    assert [region.label for region in Region] == [
        "North East",
        "North West",
        "Yorkshire and the Humber",
        "East Midlands",
        "West Midlands",
        "East of England",
        "London",
        "South East",
        "South West",
    ]
    assert [region.value for region in Region] == [f"E1200000{n}" for n in range(1, 10)]
    assert str(Region.LONDON) == "London"
    assert repr(Region.LONDON) == "<Region.LONDON>"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("unitary authority", CouncilKind.UNITARY_AUTHORITY),
        ("Unitary", CouncilKind.UNITARY_AUTHORITY),
        ("E06", CouncilKind.UNITARY_AUTHORITY),
        ("Metropolitan District", CouncilKind.METROPOLITAN_DISTRICT),
        ("e08", CouncilKind.METROPOLITAN_DISTRICT),
        ("LONDON_BOROUGH", CouncilKind.LONDON_BOROUGH),
        ("E09", CouncilKind.LONDON_BOROUGH),
        ("County", CouncilKind.COUNTY),
        ("E10", CouncilKind.COUNTY),
        (CouncilKind.COUNTY, CouncilKind.COUNTY),
    ],
)
def test_council_kind_parse(text: str | CouncilKind, kind: CouncilKind) -> None:
    assert CouncilKind.parse(text) is kind


@pytest.mark.parametrize("value", ["district", "E07", 6, None])
def test_council_kind_parse_refuses_what_is_not_a_kind(value: object) -> None:
    pattern = "^" + re.escape(repr(value)) + _TYPE_AND_HINT.format("a kind of council") + "County"
    with pytest.raises(CouncilError, match=pattern) as caught:
        CouncilKind.parse(value)
    assert (caught.value.value, caught.value.vocabulary) == (value, "CouncilKind")


def test_region_and_kind_are_parsed_at_construction() -> None:
    council = Council("Rotherham", "372", region="YH", kind="metropolitan district")
    assert council.region is Region.YORKSHIRE_AND_THE_HUMBER
    assert council.kind is CouncilKind.METROPOLITAN_DISTRICT
    assert Council("X", "372", region="", kind="").region is None
    with pytest.raises(CouncilError, match="'Wales' is not an English region"):
        Council("X", "372", region="Wales")
    with pytest.raises(CouncilError, match="'parish' is not a kind of council"):
        Council("X", "372", kind="parish")


# -- neighbours, predecessors, successors -------------------------------------------------------


def test_statistical_neighbours_keep_the_dfe_order() -> None:
    assert rotherham().statistical_neighbours[:3] == ("370", "357", "371")
    assert Council("X", "372", statistical_neighbours=[370, "357"]).statistical_neighbours == (
        "370",
        "357",
    )


def test_neighbours_predecessors_and_successors_accept_council_values() -> None:
    barnsley, doncaster = Council("Barnsley", "370"), Council("Doncaster", "371")
    council = Council(
        "X",
        "372",
        statistical_neighbours=[barnsley, "357", doncaster],
        predecessors=(barnsley,),
        successors=[doncaster, "384"],
    )
    assert council.statistical_neighbours == ("370", "357", "371")
    assert council.predecessors == ("370",)
    assert council.successors == ("371", "384")


def test_cumbria_and_its_successors() -> None:
    cumberland = Council("Cumberland", "942", created=date(2023, 4, 1), predecessors=["909"])
    westmorland = Council(
        "Westmorland and Furness", "943", created=date(2023, 4, 1), predecessors=["909"]
    )
    cumbria = Council(
        "Cumbria", "909", abolished=date(2023, 4, 1), successors=[cumberland, westmorland]
    )
    assert cumbria.successors == ("942", "943")
    assert not cumbria.is_current
    assert cumberland.is_current


def test_a_council_is_not_its_own_neighbour() -> None:
    with pytest.raises(CouncilError, match=r"Rotherham \(372\) cannot be its own statistical"):
        rotherham(statistical_neighbours=("370", "372"))


@pytest.mark.parametrize("field", ["statistical_neighbours", "predecessors", "successors"])
def test_lineage_codes_are_checked(field: str) -> None:
    with pytest.raises(CouncilError, match=rf"{field}: \('370', '370'\) names a council more"):
        Council("X", "372", **{field: ["370", "370"]})  # type: ignore[arg-type]
    with pytest.raises(CouncilError, match=f"{field}: '37' is not a DfE local authority code"):
        Council("X", "372", **{field: ["370", "37"]})  # type: ignore[arg-type]
    with pytest.raises(CouncilError, match=f"{field}: '370' is not a sequence of DfE codes"):
        Council("X", "372", **{field: "370"})  # type: ignore[arg-type]
    with pytest.raises(CouncilError, match=f"{field}: 370 is not a sequence of DfE codes"):
        Council("X", "372", **{field: 370})  # type: ignore[arg-type]


# -- existence --------------------------------------------------------------------------------


def test_existed_on() -> None:
    poole = Council("Poole", "836", abolished=date(2019, 4, 1))
    bcp = Council("Bournemouth, Christchurch and Poole", "839", created="2019-04-01")
    assert bcp.created == date(2019, 4, 1)
    assert poole.existed_on(date(2019, 3, 31))
    assert not poole.existed_on(date(2019, 4, 1))
    assert not bcp.existed_on(date(2019, 3, 31))
    assert bcp.existed_on(date(2019, 4, 1))
    assert rotherham().existed_on(date(1974, 4, 1))
    assert poole.is_current is False
    assert bcp.is_current is True


def test_existed_on_reads_iso_text_and_datetimes() -> None:
    poole = Council("Poole", "836", abolished=date(2019, 4, 1))
    assert poole.existed_on("2019-03-31")
    assert not poole.existed_on(datetime(2019, 4, 1, 9, 30))


def test_existed_on_refuses_what_is_not_a_date() -> None:
    poole = Council("Poole", "836", abolished=date(2019, 4, 1))
    with pytest.raises(CouncilError, match="existed_on: 'spring' is not a date"):
        poole.existed_on("spring")


def test_abolished_must_come_after_created() -> None:
    with pytest.raises(CouncilError, match="abolished 2019-04-01 is not after created 2019-04-01"):
        Council("X", "372", created=date(2019, 4, 1), abolished=date(2019, 4, 1))
    with pytest.raises(CouncilError, match="created: 'April' is not a date"):
        Council("X", "372", created="April")


@pytest.mark.parametrize(("value", "count"), [(78881, 78881), (0, 0), (None, None), ("", None)])
def test_population(value: object, count: int | None) -> None:
    assert Council("X", "372", population_0_25=value).population_0_25 == count  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [-1, "78881", 7.5, True])
def test_bad_population_is_refused(value: object) -> None:
    with pytest.raises(CouncilError, match=f"population_0_25: {value!r} is not a count"):
        Council("X", "372", population_0_25=value)  # type: ignore[arg-type]


# -- value semantics --------------------------------------------------------------------------


def test_equal_and_hashed_by_value() -> None:
    assert rotherham() == rotherham(la_code=372, gss_code="e08000018", region="YH")
    assert hash(rotherham()) == hash(rotherham(la_code=372))
    assert len({rotherham(), rotherham(urn=80543)}) == 1
    assert rotherham() != rotherham(urn="80544")


def test_frozen() -> None:
    council = rotherham()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        council.name = "Sheffield"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        council.la_code = "373"  # type: ignore[misc]


def test_evolve_validates_the_change() -> None:
    council = attrs.evolve(rotherham(), urn=80544)
    assert council.urn == "80544"
    with pytest.raises(CouncilError, match="la_code: '3721'"):
        attrs.evolve(council, la_code="3721")


def test_council_error_is_a_library_error() -> None:
    assert issubclass(CouncilError, OfstedModelError)


@given(councils())
def test_generated_councils_are_well_formed_and_rebuilt_equal(council: Council) -> None:
    again = Council(
        council.name,
        council.la_code,
        gss_code=council.gss_code,
        urn=council.urn,
        region=council.region,
        kind=council.kind,
        statistical_neighbours=council.statistical_neighbours,
        predecessors=council.predecessors,
        successors=council.successors,
        created=council.created,
        abolished=council.abolished,
        population_0_25=council.population_0_25,
    )
    assert again == council
    assert hash(again) == hash(council)
    assert attrs.evolve(council) == council
    assert attrs.evolve(council, name=council.name) == council
    # Identifiers as the strategy promises them.
    assert len(council.la_code) == 3
    assert council.la_code.isascii()
    assert council.la_code.isdigit()
    if council.gss_code is not None:
        assert council.gss_code[:3] in {"E06", "E08", "E09", "E10"}
        assert len(council.gss_code) == 9
        assert council.gss_code[3:].isdigit()
    if council.urn is not None:
        assert council.urn.isascii()
        assert council.urn.isdigit()
    assert council.la_code not in council.statistical_neighbours
    assert len(council.statistical_neighbours) <= 10
    assert len(set(council.statistical_neighbours)) == len(council.statistical_neighbours)
    if council.created and council.abolished:
        assert council.created < council.abolished
        assert council.existed_on(council.created)
        assert not council.existed_on(council.abolished)

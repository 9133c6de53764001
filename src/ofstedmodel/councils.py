"""Councils: the local authorities whose children's services Ofsted inspects.

>>> from ofstedmodel import Council, Region
>>> rotherham = Council("Rotherham", "372", gss_code="E08000018", urn="80543",
...                     region=Region.YORKSHIRE_AND_THE_HUMBER)
>>> rotherham
<Council Rotherham (372)>
>>> rotherham.region.label
'Yorkshire and the Humber'
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

import attrs

from ._coerce import shown, to_date, to_optional_date
from ._enums import VocabularyEnum, declare, locked
from .errors import CouncilError

__all__ = ["Council", "CouncilKind", "OfstedRegion", "Region"]


@locked
class Region(VocabularyEnum):
    """The nine English regions. ``value`` is the ONS region code.

    :meth:`parse` reads a region's name, its ONS code or a usual abbreviation:

    >>> Region.parse("london"), Region.parse("YH"), Region.parse("E12000002")
    (<Region.LONDON>, <Region.YORKSHIRE_AND_THE_HUMBER>, <Region.NORTH_WEST>)
    """

    NORTH_EAST = "E12000001"
    NORTH_WEST = "E12000002"
    YORKSHIRE_AND_THE_HUMBER = "E12000003"
    EAST_MIDLANDS = "E12000004"
    WEST_MIDLANDS = "E12000005"
    EAST_OF_ENGLAND = "E12000006"
    LONDON = "E12000007"
    SOUTH_EAST = "E12000008"
    SOUTH_WEST = "E12000009"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The region's name as the ONS writes it.

        >>> Region.EAST_OF_ENGLAND.label
        'East of England'
        """
        return _REGION_LABELS[self]

    @property
    def ofsted_region(self) -> OfstedRegion:
        """The Ofsted region the region lies in: Ofsted joins the North East with Yorkshire
        and the Humber and keeps the other seven.

        >>> Region.NORTH_EAST.ofsted_region
        <OfstedRegion.NORTH_EAST_YORKSHIRE_AND_THE_HUMBER>
        """
        return _OFSTED_REGION_OF[self]


@locked
class OfstedRegion(VocabularyEnum):
    """Ofsted's eight regions, by which its official statistics report. ``value`` is the
    name as Ofsted writes it.

    >>> [r.value for r in OfstedRegion][:2]
    ['North East, Yorkshire and the Humber', 'North West']
    >>> OfstedRegion.parse("North East, Yorkshire and The Humber")
    <OfstedRegion.NORTH_EAST_YORKSHIRE_AND_THE_HUMBER>
    """

    NORTH_EAST_YORKSHIRE_AND_THE_HUMBER = "North East, Yorkshire and the Humber"
    NORTH_WEST = "North West"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST_OF_ENGLAND = "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"

    @property
    def label(self) -> str:
        """The region's name as Ofsted writes it."""
        return self.value

    @property
    def regions(self) -> tuple[Region, ...]:
        """The English regions it is made of.

        >>> [r.label for r in OfstedRegion.NORTH_EAST_YORKSHIRE_AND_THE_HUMBER.regions]
        ['North East', 'Yorkshire and the Humber']
        """
        return tuple(r for r in Region if _OFSTED_REGION_OF[r] is self)


@locked
class CouncilKind(VocabularyEnum):
    """The ONS type of a council. ``value`` is the ONS wording.

    >>> CouncilKind.LONDON_BOROUGH.value
    'London Borough'
    >>> CouncilKind.parse("unitary authority"), CouncilKind.parse("E09")
    (<CouncilKind.UNITARY_AUTHORITY>, <CouncilKind.LONDON_BOROUGH>)
    """

    COUNTY = "County"
    METROPOLITAN_DISTRICT = "Metropolitan District"
    LONDON_BOROUGH = "London Borough"
    UNITARY_AUTHORITY = "Unitary Authority"


_REGION_LABELS = {
    Region.NORTH_EAST: "North East",
    Region.NORTH_WEST: "North West",
    Region.YORKSHIRE_AND_THE_HUMBER: "Yorkshire and the Humber",
    Region.EAST_MIDLANDS: "East Midlands",
    Region.WEST_MIDLANDS: "West Midlands",
    Region.EAST_OF_ENGLAND: "East of England",
    Region.LONDON: "London",
    Region.SOUTH_EAST: "South East",
    Region.SOUTH_WEST: "South West",
}
_REGION_SHORT = {
    Region.NORTH_EAST: ("NE",),
    Region.NORTH_WEST: ("NW",),
    Region.YORKSHIRE_AND_THE_HUMBER: ("YH", "Yorkshire", "Yorkshire and Humber"),
    Region.EAST_MIDLANDS: ("EM",),
    Region.WEST_MIDLANDS: ("WM",),
    Region.EAST_OF_ENGLAND: ("E", "EE", "EoE", "East", "Eastern"),
    Region.LONDON: ("GL", "Greater London", "L"),
    Region.SOUTH_EAST: ("SE",),
    Region.SOUTH_WEST: ("SW",),
}
declare(
    Region,
    CouncilError,
    "an English region",
    [(text, r) for r in Region for text in (_REGION_LABELS[r], *_REGION_SHORT[r])],
    accepted=_REGION_LABELS.values(),
    note=" (or their ONS codes E12000001-E12000009)",
)
_OFSTED_REGION_OF = {
    region: OfstedRegion.NORTH_EAST_YORKSHIRE_AND_THE_HUMBER
    if region in (Region.NORTH_EAST, Region.YORKSHIRE_AND_THE_HUMBER)
    else OfstedRegion[region.name]
    for region in Region
}
declare(
    OfstedRegion,
    CouncilError,
    "an Ofsted region",
    [("North East, Yorkshire and Humber", OfstedRegion.NORTH_EAST_YORKSHIRE_AND_THE_HUMBER)],
    accepted=[r.value for r in OfstedRegion],
)
_GSS_PREFIX_KIND = {
    "E06": CouncilKind.UNITARY_AUTHORITY,
    "E08": CouncilKind.METROPOLITAN_DISTRICT,
    "E09": CouncilKind.LONDON_BOROUGH,
    "E10": CouncilKind.COUNTY,
}
declare(
    CouncilKind,
    CouncilError,
    "a kind of council",
    [
        *_GSS_PREFIX_KIND.items(),
        ("unitary", CouncilKind.UNITARY_AUTHORITY),
        ("metropolitan", CouncilKind.METROPOLITAN_DISTRICT),
        ("london", CouncilKind.LONDON_BOROUGH),
    ],
    accepted=[k.value for k in CouncilKind],
)

# ASCII only: without it \d also matches other scripts' digits, such as '٣٧٢'.
_LA_CODE = re.compile(r"\d{3}", re.ASCII)
_GSS_CODE = re.compile(r"E(06|08|09|10)\d{6}", re.ASCII)
_URN = re.compile(r"\d{1,9}", re.ASCII)


def _blank(value: object) -> bool:
    """``None`` or the empty string (compared only as text: an array's ``==`` is no answer)."""
    return value is None or (isinstance(value, str) and value == "")


def _code_text(value: object) -> str | None:
    """A code given as text or as a (reasonably sized) int, as text; else ``None``."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        return str(value)
    return None


#: DfE codes already checked, as given (exact text): a set look-up the next time they come.
#: Every council names about ten others, so a dataset checks the same few hundred codes over
#: and over. Bounded, so that a stream of distinct codes cannot grow it without end.
_CHECKED_CODES: set[str] = set()
_TEXT = frozenset({str})


def _la_code(value: object, what: str = "la_code") -> str:
    if type(value) is str and value in _CHECKED_CODES:
        return value
    text = _code_text(value)
    if text is None or not _LA_CODE.fullmatch(text):
        raise CouncilError(
            f"{what}: {shown(value)} is not a DfE local authority code; expected three digits, "
            "such as '372' for Rotherham",
            field=what,
        )
    if text == value and len(_CHECKED_CODES) < 10_000:
        _CHECKED_CODES.add(text)
    return text


def _gss_code(value: object) -> str | None:
    if _blank(value):
        return None
    text = value.strip().upper() if isinstance(value, str) else None
    if text is None or not _GSS_CODE.fullmatch(text):
        raise CouncilError(
            f"gss_code: {shown(value)} is not an ONS GSS code for a council with children's "
            "services; expected E06, E08, E09 or E10 and six digits, such as 'E08000018'",
            field="gss_code",
        )
    return text


def _urn(value: object) -> str | None:
    if _blank(value):
        return None
    text = _code_text(value)
    if text is None or not _URN.fullmatch(text):
        raise CouncilError(
            f"urn: {shown(value)} is not an Ofsted provider URN; expected digits, such as '80543'",
            field="urn",
        )
    return text


def _name(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CouncilError(
            f"name: {shown(value)} is not a council name; expected non-empty text", field="name"
        )
    return " ".join(value.split())


def _codes(value: object, what: str) -> tuple[str, ...]:
    if (
        type(value) is tuple
        and set(map(type, value)) <= _TEXT  # then hashable: the next test cannot raise
        and _CHECKED_CODES.issuperset(value)
    ):
        codes = value  # every item a code already checked: the usual case, at C speed
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise CouncilError(
            f"{what}: {shown(value)} is not a sequence of DfE codes; give a tuple such as "
            f"('370', '384')",
            field=what,
        )
    else:
        codes = tuple(
            _la_code(item.la_code if isinstance(item, Council) else item, what) for item in value
        )
    if len(set(codes)) != len(codes):
        raise CouncilError(f"{what}: {shown(codes)} names a council more than once", field=what)
    return codes


def _neighbours(value: object) -> tuple[str, ...]:
    return _codes(value, "statistical_neighbours")


def _predecessors(value: object) -> tuple[str, ...]:
    return _codes(value, "predecessors")


def _successors(value: object) -> tuple[str, ...]:
    return _codes(value, "successors")


def _optional_region(value: object) -> Region | None:
    if _blank(value):
        return None
    try:
        return Region.parse(value)
    except CouncilError as error:
        error.field = "region"
        raise


def _optional_kind(value: object) -> CouncilKind | None:
    if _blank(value):
        return None
    try:
        return CouncilKind.parse(value)
    except CouncilError as error:
        error.field = "kind"
        raise


def _population(value: object) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise CouncilError(
        f"population_0_25: {shown(value)} is not a count; expected a whole number >= 0",
        field="population_0_25",
    )


def _created(value: object) -> _dt.date | None:
    return to_optional_date(value, "created", CouncilError)


def _abolished(value: object) -> _dt.date | None:
    return to_optional_date(value, "abolished", CouncilError)


@attrs.frozen(repr=False, cache_hash=True)
class Council:
    """A council with children's services. ``la_code``, the DfE code, identifies it.

    Codes are checked and normalised at construction; a bad one raises
    :class:`~ofstedmodel.CouncilError`. ``statistical_neighbours``, ``predecessors`` and
    ``successors`` hold DfE codes (``Council`` values are accepted and reduced to their code),
    statistical neighbours in the DfE's order, most similar first. ``created`` and ``abolished``
    bound the council's existence when it did not always exist (``abolished`` is its first day
    gone).

    >>> Council("Bristol, City of", 801, gss_code="e06000023").gss_code
    'E06000023'
    >>> Council("Nowhere", "12")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.CouncilError: la_code: '12' is not a DfE local authority code; ...
    """

    name: str = attrs.field(converter=_name)
    la_code: str = attrs.field(converter=_la_code)
    gss_code: str | None = attrs.field(default=None, converter=_gss_code)
    urn: str | None = attrs.field(default=None, converter=_urn)
    region: Region | None = attrs.field(default=None, converter=_optional_region)
    kind: CouncilKind | None = attrs.field(default=None, converter=_optional_kind)
    statistical_neighbours: tuple[str, ...] = attrs.field(default=(), converter=_neighbours)
    predecessors: tuple[str, ...] = attrs.field(default=(), converter=_predecessors)
    successors: tuple[str, ...] = attrs.field(default=(), converter=_successors)
    created: _dt.date | None = attrs.field(default=None, kw_only=True, converter=_created)
    abolished: _dt.date | None = attrs.field(default=None, kw_only=True, converter=_abolished)
    population_0_25: int | None = attrs.field(default=None, kw_only=True, converter=_population)

    def __attrs_post_init__(self) -> None:
        if self.la_code in self.statistical_neighbours:
            raise CouncilError(
                f"statistical_neighbours: {self.name} ({self.la_code}) cannot be its own "
                "statistical neighbour",
                field="statistical_neighbours",
            )
        if self.created and self.abolished and self.abolished <= self.created:
            raise CouncilError(
                f"{self.name}: abolished {self.abolished.isoformat()} is not after created "
                f"{self.created.isoformat()}",
                field="abolished",
                rule="abolished before created",
            )

    def __repr__(self) -> str:
        return f"<Council {self.name} ({self.la_code})>"

    @property
    def ofsted_region(self) -> OfstedRegion | None:
        """The Ofsted region the council lies in (``None`` when its region is not recorded).

        >>> Council("Rotherham", "372", region="Yorkshire and the Humber").ofsted_region.value
        'North East, Yorkshire and the Humber'
        """
        return None if self.region is None else _OFSTED_REGION_OF[self.region]

    @property
    def is_current(self) -> bool:
        """Whether the council still exists (it has not been abolished)."""
        return self.abolished is None

    def existed_on(self, day: object) -> bool:
        """Whether the council existed on ``day``.

        >>> from datetime import date
        >>> poole = Council("Poole", "836", abolished=date(2019, 4, 1))
        >>> poole.existed_on(date(2019, 3, 31)), poole.existed_on(date(2019, 4, 1))
        (True, False)
        """
        return self._existed_on(to_date(day, "existed_on", CouncilError))

    def is_predecessor_of(self, other: Council) -> bool:
        """Whether ``other`` replaced this council: this council's record names ``other``
        among its successors, or ``other``'s names this one among its predecessors.

        A successor is a different council, with its own history: Cumberland's starts on
        1 April 2023, and Cumbria's inspections stay Cumbria's.

        >>> cumbria = Council("Cumbria", "909", successors=("942", "943"), abolished="2023-04-01")
        >>> cumberland = Council("Cumberland", "942", predecessors=("909",), created="2023-04-01")
        >>> cumbria.is_predecessor_of(cumberland), cumberland.is_predecessor_of(cumbria)
        (True, False)
        """
        if not isinstance(other, Council):
            raise CouncilError(f"is_predecessor_of: {shown(other)} is not a Council", field="other")
        return other.la_code in self.successors or self.la_code in other.predecessors

    def _existed_on(self, day: _dt.date) -> bool:
        """:meth:`existed_on` for a checked date (internal: populations call it in a loop)."""
        return (self.created is None or self.created <= day) and (
            self.abolished is None or day < self.abolished
        )

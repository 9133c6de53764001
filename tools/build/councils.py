"""Every council, current and former: the D2I lookup's 156 and the two former councils it
lacks (Bournemouth, Dorset County Council), with the declared decisions about them."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ofstedmodel import Council, CouncilKind, OfstedRegion, Region
from ofstedmodel.register import name_key

from .common import BuildError, Notes, and_, split_codes


@dataclass(frozen=True)
class RegionDecision:
    """The region of a council whose lookup row does not agree with itself."""

    region: Region
    reason: str


#: Rows whose region_code, region_name, rgn22cd and rgn22nm do not all name the same region.
#: The build fails if a row disagrees that is not listed here, or one listed here agrees.
REGION_DECISIONS: Mapping[str, RegionDecision] = {
    "909": RegionDecision(
        Region.NORTH_WEST,
        "region_code is 'NotKnown'; region_name, rgn22cd (E12000002) and rgn22nm all say North "
        "West, where Cumbria lay",
    ),
    "887": RegionDecision(
        Region.SOUTH_EAST,
        "region_code is empty; region_name, rgn22cd (E12000008) and rgn22nm all say South East, "
        "where Medway lies",
    ),
    "825": RegionDecision(
        Region.SOUTH_EAST,
        "rgn22cd is E12000004 (East Midlands) but region_code SE, region_name and rgn22nm say "
        "South East, where Buckinghamshire lies: the rgn22cd cell is wrong",
    ),
    "916": RegionDecision(
        Region.SOUTH_WEST,
        "rgn22cd is E12000003 (Yorkshire and the Humber) but region_code SW, region_name and "
        "rgn22nm say South West, where Gloucestershire lies: the rgn22cd cell is wrong",
    ),
}


@dataclass(frozen=True)
class Reorganisation:
    """Councils replaced by others on one day (the domain reference, "Councils change")."""

    day: dt.date
    abolished: tuple[str, ...]
    created: tuple[str, ...]
    remark: str = ""


REORGANISATIONS: tuple[Reorganisation, ...] = (
    Reorganisation(dt.date(2019, 4, 1), abolished=("836", "837"), created=("839",)),
    Reorganisation(
        dt.date(2019, 4, 1),
        abolished=("835",),
        created=("838",),
        remark="as the domain reference links them (Christchurch, in Dorset County Council's "
        "area, went to Bournemouth, Christchurch and Poole, which is not linked to it here)",
    ),
    Reorganisation(dt.date(2021, 4, 1), abolished=("928",), created=("940", "941")),
    Reorganisation(dt.date(2023, 4, 1), abolished=("909",), created=("942", "943")),
)


@dataclass(frozen=True)
class FormerCouncil:
    """A former council the D2I lookup lacks. Its codes come from ``old-la-codes.csv`` (the
    row named ``codes_name``), its URN from the link of its row in Ofsted's table (the row
    named ``ofsted_name`` in Table 11), its region from that row's Ofsted region."""

    name: str
    la_code: str
    codes_name: str
    ofsted_name: str


FORMER_COUNCILS: tuple[FormerCouncil, ...] = (
    FormerCouncil("Bournemouth", "837", "Bournemouth", "Bournemouth"),
    FormerCouncil("Dorset County Council", "835", "Dorset", "Dorset"),
)


@dataclass(frozen=True)
class UrnCorrection:
    """A URN of the D2I lookup that Ofsted's own link for the council contradicts."""

    wrong: str
    right: str | None
    reason: str


URN_CORRECTIONS: Mapping[str, UrnCorrection] = {
    "909": UrnCorrection(
        "135513", "80457", "Ofsted's table links Cumbria to its provider page 80457"
    ),
    "836": UrnCorrection(
        "137316", "80433", "Ofsted's table links Poole to its provider page 80433"
    ),
    "928": UrnCorrection(
        "121939",
        None,
        "the shared data's provenance lists it among the D2I lookup's wrong URNs, and Ofsted's "
        "table gives Northamptonshire no link, so its URN is left unknown",
    ),
}

#: Populations the lookup's own figures contradict, with the figure doubted: left unknown
#: rather than kept. The build fails if the lookup no longer gives that figure.
POPULATION_WITHHELD: Mapping[str, tuple[int, str]] = {
    "942": (
        128_211,
        "the lookup gives Cumberland 128,211, the same figure as Cumbria and as "
        "Westmorland and Furness, the two parts of the Cumbria it replaced: it cannot be right "
        "for both parts",
    ),
    "943": (
        128_211,
        "the lookup gives Westmorland and Furness 128,211, the same figure as Cumbria and as "
        "Cumberland, the two parts of the Cumbria it replaced: it cannot be right for both parts",
    ),
}

#: Usual short names, each naming one council unambiguously (ambiguous ones such as
#: "Newcastle", "Richmond" and "Kingston" are left out on purpose).
USUAL_VARIANTS: Mapping[str, str] = {
    "Hull": "810",
    "Southend": "882",
    "Stoke": "861",
    "Brighton": "846",
    "Stockton": "808",
    "Redcar": "807",
    "Blackburn": "889",
    "BANES": "800",
    "B&NES": "800",
    "Corporation of London": "201",
}


def decide_region(row: dict[str, str], notes: Notes) -> Region:
    code, name = row["la_code"], row["local_authority_ons_name"]
    evidence: dict[str, Region | None] = {}
    for column in ("region_code", "region_name", "rgn22cd", "rgn22nm"):
        try:
            evidence[column] = Region.parse(row[column])
        except ValueError:
            evidence[column] = None
    agreed = len(set(evidence.values())) == 1 and None not in evidence.values()
    decision = REGION_DECISIONS.get(code)
    if agreed:
        if decision is not None:
            raise BuildError(f"{name} ({code}): REGION_DECISIONS lists a row that agrees")
        region = evidence["region_code"]
        assert region is not None
        return region
    if decision is None:
        raise BuildError(f"{name} ({code}): region evidence disagrees: {evidence}; decide it")
    votes = Counter(r for r in evidence.values() if r is not None)
    if votes.most_common(1)[0][0] is not decision.region:
        raise BuildError(f"{name} ({code}): the decision goes against the evidence {evidence}")
    notes.add("Region", f"{name} ({code}): {decision.region.label}; {decision.reason}.")
    return decision.region


def decide_kind(row: dict[str, str], notes: Notes) -> CouncilKind:
    code, name, gss = row["la_code"], row["local_authority_ons_name"], row["la_code_new"]
    kind = CouncilKind.parse(gss[:3])
    stated = row["ons_la_type"].strip()
    if not stated:
        notes.add(
            "Kind",
            f"{name} ({code}): ons_la_type is empty; {kind.value}, from its GSS code {gss}.",
        )
    elif CouncilKind.parse(stated) is not kind:
        notes.add(
            "Kind",
            f"{name} ({code}): ons_la_type says {stated}, but its GSS code {gss} is an "
            f"{gss[:3]} code, a {kind.value.lower()}; {kind.value}, from the GSS code.",
        )
    return kind


def lineage() -> dict[str, dict[str, object]]:
    """Each reorganised council's created/abolished/predecessors/successors fields."""
    fields: dict[str, dict[str, object]] = defaultdict(dict)
    for change in REORGANISATIONS:
        for code in change.abolished:
            fields[code]["abolished"] = change.day
            fields[code]["successors"] = change.created
        for code in change.created:
            fields[code]["created"] = change.day
            fields[code]["predecessors"] = change.abolished
    return fields


def parse_also_known_as(text: str, names: Iterable[str]) -> list[str]:
    """The names in a cell like ``[BCP, Bournemouth, Christchurch & Poole]``.

    Commas both separate the names and occur inside them; pieces are joined back together
    where the joined text is one of ``names`` (the council's own names) in any spelling.
    """
    text = text.strip()
    if not text:
        return []
    if not (text.startswith("[") and text.endswith("]")):
        raise BuildError(f"also_known_as {text!r} is not a bracketed list")
    pieces = [p.strip() for p in text[1:-1].split(",") if p.strip()]
    keys = {name_key(n) for n in names}
    found: list[str] = []
    start = 0
    while start < len(pieces):
        for stop in range(len(pieces), start, -1):
            joined = ", ".join(pieces[start:stop])
            if stop - start == 1 or name_key(joined) in keys:
                found.append(joined)
                start = stop
                break
    return found


def ofsted_urn(link: str) -> str | None:
    """The URN a link of Ofsted's table ends in (``.../provider/44/80457``), if any."""
    tail = link.rstrip("/").rsplit("/", 1)[-1]
    return tail if "/provider/" in link and tail.isdigit() else None


def former_councils(
    old_codes: list[dict[str, str]], ofsted_table: list[dict[str, str]], notes: Notes
) -> list[Council]:
    """The former councils the lookup lacks, from the codes file and Ofsted's table."""
    changes = lineage()
    councils = []
    for former in FORMER_COUNCILS:
        (codes,) = [r for r in old_codes if r["old_la_code"] == former.la_code]
        if codes["la_name"] != former.codes_name:
            raise BuildError(f"old-la-codes.csv names {former.la_code} {codes['la_name']!r}")
        (row,) = [
            r
            for r in ofsted_table
            if r["table"].startswith("Table 11") and r["Local authority name"] == former.ofsted_name
        ]
        urn = ofsted_urn(row["Web link"])
        (region,) = OfstedRegion.parse(row["LA region"]).regions
        gss = codes["new_la_code"]
        council = Council(
            former.name,
            former.la_code,
            gss_code=gss,
            urn=urn,
            region=region,
            kind=CouncilKind.parse(gss[:3]),
            **changes[former.la_code],
        )
        councils.append(council)
        notes.add(
            "Councils",
            f"{former.name} ({former.la_code}) is not in the lookup: its DfE and GSS codes "
            f"({gss}) are from old-la-codes.csv, its URN ({urn}) from the link of its row in "
            f"Table 11 of Ofsted's table ('{former.ofsted_name}'), its region from that row's "
            f"Ofsted region ({row['LA region']}), its kind from its GSS code.",
        )
    return councils


def build_councils(
    lookup: list[dict[str, str]],
    history: list[dict[str, str]],
    old_codes: list[dict[str, str]],
    ofsted_table: list[dict[str, str]],
    notes: Notes,
) -> tuple[list[Council], dict[str, str]]:
    """Every council of the lookup and the former ones it lacks, and the aliases (name -> DfE
    code) to find them by."""
    history_names: dict[str, set[str]] = defaultdict(set)
    for row in history:
        history_names[row["urn"]].add(row["local_authority"])
    changes = lineage()
    known_codes = {row["la_code"] for row in lookup} | {f.la_code for f in FORMER_COUNCILS}
    for code in (c for change in REORGANISATIONS for c in change.abolished + change.created):
        if code not in known_codes:
            raise BuildError(f"REORGANISATIONS names {code}, which is not a council here")

    councils: list[Council] = []
    aliases: dict[str, str] = {}
    for row in lookup:
        code, name = row["la_code"], row["local_authority_ons_name"]
        given = row["ons_population_0-25"].strip()
        population = int(given) if given else None
        if population is None:
            notes.add("Population", f"{name} ({code}): not given in the lookup; unknown.")
        elif code in POPULATION_WITHHELD:
            doubted, reason = POPULATION_WITHHELD[code]
            if population != doubted:
                raise BuildError(f"{name} ({code}): population {population}, not {doubted}")
            notes.add("Population", f"{name} ({code}): left unknown; {reason}.")
            population = None
        history_fields = changes.get(code, {})
        neighbours = split_codes(row["stat_neighbours"])
        if "abolished" in history_fields and neighbours:
            raise BuildError(f"{name} ({code}) is former but has statistical neighbours")
        urn: str | None = row["urn"]
        if code in URN_CORRECTIONS:
            correction = URN_CORRECTIONS[code]
            if urn != correction.wrong:
                raise BuildError(f"{name} ({code}): URN {urn}, not {correction.wrong}")
            urn = correction.right
            notes.add(
                "Councils",
                f"{name} ({code}): the lookup's URN {correction.wrong} is wrong; "
                + (f"{urn}, since " if urn else "")
                + f"{correction.reason}.",
            )
        council = Council(
            name,
            code,
            gss_code=row["la_code_new"],
            urn=urn,
            region=decide_region(row, notes),
            kind=decide_kind(row, notes),
            statistical_neighbours=neighbours,
            population_0_25=population,
            **history_fields,
        )
        councils.append(council)

        own_names = {name} | history_names[row["urn"]]
        also_known_as = parse_also_known_as(row["also_known_as"], own_names)
        if any("," in alias for alias in also_known_as):
            notes.add(
                "Aliases",
                f"{name} ({code}): also_known_as {row['also_known_as']!r} read as "
                f"{and_([repr(a) for a in also_known_as])}: its commas both separate the names "
                "and fall inside one, which is the council's own name in another spelling.",
            )
        candidates = [
            *also_known_as,
            row["ltla23nm"],
            row["utla23nm"],
            *sorted(history_names[row["urn"]]),
        ]
        seen = {name_key(name)}
        for alias in candidates:
            if alias and name_key(alias) not in seen:
                seen.add(name_key(alias))
                aliases.setdefault(alias, code)
    for alias, code in USUAL_VARIANTS.items():
        aliases.setdefault(alias, code)
    councils += former_councils(old_codes, ofsted_table, notes)

    by_code = {c.la_code: c for c in councils}
    superseded = []
    for row in old_codes:
        council = by_code.get(row["old_la_code"])
        gss = row["new_la_code"]
        if council is not None and gss != council.gss_code and gss not in aliases:
            aliases[gss] = council.la_code
            superseded.append(f"{council.name} {gss} (now {council.gss_code})")
    notes.add(
        "Councils",
        "GSS codes a council had before a boundary change, from old-la-codes.csv, also find it "
        "(Ofsted's ILACS history uses some): " + and_(superseded) + ".",
    )
    for council in councils:
        for neighbour in council.statistical_neighbours:
            if neighbour not in by_code:
                raise BuildError(f"{council!r}: statistical neighbour {neighbour} is unknown")
            if not by_code[neighbour].is_current:
                raise BuildError(f"{council!r}: statistical neighbour {neighbour} is former")
    aliases = check_aliases(councils, aliases)
    notes.add(
        "Aliases",
        f"{len(aliases)} other names also find a council (besides its name in any usual "
        "spelling, its DfE code, GSS code and URN): the lookup's also_known_as, ltla23nm and "
        "utla23nm names and the history file's local_authority names where they differ from "
        "the council's name, and the usual short forms "
        + and_([f"{alias!r}" for alias in USUAL_VARIANTS])
        + ". Short forms naming more than one place (Newcastle, Richmond, Kingston) are left "
        "out. The aliases are listed in meta.json.",
    )

    for reorganisation in REORGANISATIONS:
        gone = and_([f"{by_code[c].name} ({c})" for c in reorganisation.abolished])
        made = and_([f"{by_code[c].name} ({c})" for c in reorganisation.created])
        text = f"On {reorganisation.day.isoformat()}, " + (
            f"{gone} abolished and replaced by {made}" if gone else f"{made} created"
        )
        remark = reorganisation.remark
        notes.add(
            "Councils",
            text + (f"; {remark}." if remark else ".") + " Predecessors and "
            "successors are linked both ways; created and abolished set.",
        )
    former = [c for c in councils if not c.is_current]
    notes.add(
        "Councils",
        f"{len(councils)} councils: {len(councils) - len(former)} current and {len(former)} "
        "former (" + ", ".join(c.name for c in former) + "); former councils have no "
        "statistical neighbours (the lookup's stat_neighbours is empty for the three it has; it "
        "holds a stat_neighbours_previous list for Cumbria, not used).",
    )
    notes.add(
        "Councils",
        "stat_neighbours_la_code, the GSS form of the neighbours, gives Barnsley and Sheffield "
        "their codes before 2022 (E08000016, E08000019; now E08000038, E08000039); the DfE "
        "codes in stat_neighbours are used, and every one names a current council.",
    )
    notes.add(
        "Councils",
        "The lookup's ofsted_ilacs_scrape_la_name column, described as the history file's name "
        "for the council, holds the DfE code or nothing; history rows are matched to councils "
        "by their URN.",
    )
    return councils, aliases


def check_aliases(councils: list[Council], aliases: dict[str, str]) -> dict[str, str]:
    """The aliases, one spelling per name key (the first given), sorted by code and name;
    fails if a spelling would name two councils."""
    owner: dict[str, str] = {name_key(c.name): c.la_code for c in councils}
    kept: dict[str, str] = {}
    for alias, code in aliases.items():
        key = name_key(alias)
        if key in owner:
            if owner[key] != code:
                raise BuildError(f"alias {alias!r} ({code}) would also name {owner[key]}")
            continue
        owner[key] = code
        kept[alias] = code
    return dict(sorted(kept.items(), key=lambda item: (item[1], item[0])))

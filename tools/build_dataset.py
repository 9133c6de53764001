"""Build the bundled national dataset, ``ofstedmodel.datasets``, from ``data/raw``.

    .venv/bin/python tools/build_dataset.py [OUTPUT_DIR]

Reads the three raw files (see ``data/raw/PROVENANCE.md``), builds every council of the
lookup, applies the declared corrections below to the history file, reads it with
``ofstedmodel.io.read_d2i_history``, completes it with ``known-judgements.csv`` and writes,
into OUTPUT_DIR (by default ``src/ofstedmodel/datasets``):

- ``ofsted.csv``: every council and inspection, in the library's own CSV format;
- ``meta.json``: snapshot date, source commit, counts, aliases and the build notes;
- ``DATA-NOTES.md``: the same notes for people, with the attribution.

The output depends on nothing but the raw files, so a re-run gives byte-identical files: the
tests check that the bundled files are up to date that way. Every interpretation and
correction is declared in the tables below and written to the notes; the build stops with an
error rather than drop, guess or silently fix anything else.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ofstedmodel import (
    Category,
    Council,
    CouncilKind,
    Framework,
    History,
    Inspection,
    Region,
)
from ofstedmodel.io import Problem, read_d2i_history, write_csv
from ofstedmodel.register import CouncilRegister, name_key

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "data" / "raw"
DEFAULT_OUTPUT = REPO / "src" / "ofstedmodel" / "datasets"
HISTORY_FILE = "d2i-ilacs-history.csv"
LOOKUP_FILE = "d2i-la-lookup.csv"
KNOWN_FILE = "known-judgements.csv"
DATA_FILE = "ofsted.csv"
META_FILE = "meta.json"
NOTES_FILE = "DATA-NOTES.md"

AS_OF = dt.date(2026, 8, 22)
SOURCE_REPOSITORY = "data-to-insight/ofsted-ilacs-scrape-tool"
SOURCE_COMMIT = "54af59bf7856a26530b1eeb45c1c1c146f34cb8a"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: Ofsted inspection reports of local authority children's services (Crown "
    "copyright), compiled by the data-to-insight/ofsted-ilacs-scrape-tool repository (MIT "
    f"licence), snapshot of {AS_OF.isoformat()}, commit {SOURCE_COMMIT}."
)

# -- councils: the declared decisions -------------------------------------------------------


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
    Reorganisation(
        dt.date(2019, 4, 1),
        abolished=("836",),
        created=("839",),
        remark="Bournemouth Borough Council, also replaced by Bournemouth, Christchurch and "
        "Poole, is not in the lookup, so it is not a council here",
    ),
    Reorganisation(
        dt.date(2019, 4, 1),
        abolished=(),
        created=("838",),
        remark="its predecessor Dorset County Council is not in the lookup, so Dorset has no "
        "predecessor here",
    ),
    Reorganisation(dt.date(2021, 4, 1), abolished=("928",), created=("940", "941")),
    Reorganisation(dt.date(2023, 4, 1), abolished=("909",), created=("942", "943")),
)

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

# -- histories: the declared corrections ----------------------------------------------------

GRADE_COLUMNS = (
    "overall_effectiveness_grade",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
)
GRADE_WORDS = frozenset({"outstanding", "good", "requires improvement", "inadequate"})
MARKERS = frozenset(
    {"data_unreadable", "inspection_pre_dates_judgement", "not_reported_post_reform"}
)


@dataclass(frozen=True)
class Correction:
    """Blank the named cells of one council's rows. A blanked grade is unknown; a blanked
    framework or date is left for the reader to infer.

    Without ``published`` it covers every row of the council and changes only cells holding
    a value: a marker such as ``data_unreadable`` says nothing the correction doubts, so it
    stays. With ``published`` (as the file writes it, dd/mm/yy) it covers that one report and
    every named cell, marker or not, must hold something to blank.
    """

    council: str
    columns: tuple[str, ...]
    reason: str
    published: str | None = None


_README = "the source's README lists it as a known extraction fault"
_NO_CARE_LEAVERS = (
    "published in 2022, so its fieldwork was before January 2023, when ILACS did not yet grade "
    "care leavers apart from children in care: the cell cannot hold a judgement of this report "
    "(the reader reported it); left unknown"
)
CORRECTIONS: tuple[Correction, ...] = (
    Correction(
        "southend-on-sea",
        ("overall_effectiveness_grade", "help_and_protection_grade", "care_leavers_grade"),
        f"grades unreliable: {_README}; left unknown",
    ),
    Correction(
        "nottingham",
        ("inspection_framework", "inspection_start_date", "inspection_end_date"),
        f"framework and dates unreliable: {_README}; left for the reader to infer",
    ),
    Correction(
        "redcar and cleveland",
        ("inspection_framework", "inspection_start_date", "inspection_end_date"),
        f"framework and dates unreliable: {_README}; left for the reader to infer",
    ),
    # knowsley and stoke-on-trent: the inspector name is unreliable; the library does not
    # use it, so there is nothing to correct.
    Correction("nottingham", ("care_leavers_grade",), _NO_CARE_LEAVERS, published="05/09/22"),
    Correction(
        "redcar and cleveland", ("care_leavers_grade",), _NO_CARE_LEAVERS, published="22/09/22"
    ),
    Correction(
        "doncaster",
        ("inspection_framework", "care_leavers_grade"),
        "fieldwork 9 to 24 November 2017 was before ILACS began (fieldwork from 1 January "
        "2018), so the report is a SIF one, not an ILACS 'standard' inspection, and the "
        "'inspection_pre_dates_judgement' marker (SIF did grade care leavers) comes from the "
        "same misreading (the reader reported the row); both blanked, so the reader infers SIF "
        "from the dates, with the grades unknown as the rest of the row says",
        published="19/01/18",
    ),
)

#: A grade cell such as 'to requires improvement': an extraction artefact, left unknown.
ARTEFACT = re.compile(r"to (outstanding|good|requires improvement|inadequate)")

KNOWN_CATEGORIES: Mapping[str, Category] = {
    "overall": Category.OVERALL_EFFECTIVENESS,
    "help_and_protection": Category.HELP_AND_PROTECTION,
    "children_in_care": Category.CHILDREN_IN_CARE,
    "adoption": Category.ADOPTION,
    "care_leavers": Category.CARE_LEAVERS,
    "leadership": Category.LEADERSHIP,
}


class BuildError(Exception):
    """The raw data holds something the declared tables do not account for."""


#: The topics of the notes, in the order they are listed.
TOPICS = (
    "Councils",
    "Region",
    "Kind",
    "Population",
    "Aliases",
    "History",
    "Reader",
    "Known judgements",
    "Kept as given",
)


@dataclass
class Notes:
    """The build's notes, each under one of :data:`TOPICS`."""

    items: list[tuple[str, str]]

    def add(self, topic: str, text: str) -> None:
        if topic not in TOPICS:
            raise BuildError(f"note topic {topic!r} is not one of {TOPICS}")
        self.items.append((topic, text))

    def by_topic(self) -> list[tuple[str, list[str]]]:
        """The notes grouped by topic, topics in :data:`TOPICS` order, notes in order made."""
        return [
            (topic, texts)
            for topic in TOPICS
            if (texts := [text for t, text in self.items if t == topic])
        ]

    def lines(self) -> list[str]:
        return [f"{topic}: {text}" for topic, texts in self.by_topic() for text in texts]


# -- reading ----------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV file (a leading byte-order mark is dropped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def split_codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


# -- councils ---------------------------------------------------------------------------------


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


def build_councils(
    lookup: list[dict[str, str]], history: list[dict[str, str]], notes: Notes
) -> tuple[list[Council], dict[str, str]]:
    """Every council of the lookup, and the aliases (name -> DfE code) to find them by."""
    history_names: dict[str, set[str]] = defaultdict(set)
    for row in history:
        history_names[row["urn"]].add(row["local_authority"])
    changes = lineage()
    known_codes = {row["la_code"] for row in lookup}
    for code in (c for change in REORGANISATIONS for c in change.abolished + change.created):
        if code not in known_codes:
            raise BuildError(f"REORGANISATIONS names {code}, which is not in the lookup")

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
        council = Council(
            name,
            code,
            gss_code=row["la_code_new"],
            urn=row["urn"],
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
                f"{_and([repr(a) for a in also_known_as])}: its commas both separate the names "
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

    by_code = {c.la_code: c for c in councils}
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
        + _and([f"{alias!r}" for alias in USUAL_VARIANTS])
        + ". Short forms naming more than one place (Newcastle, Richmond, Kingston) are left "
        "out. The aliases are listed in meta.json.",
    )

    for reorganisation in REORGANISATIONS:
        gone = _and([f"{by_code[c].name} ({c})" for c in reorganisation.abolished])
        made = _and([f"{by_code[c].name} ({c})" for c in reorganisation.created])
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
        "statistical neighbours (the lookup's stat_neighbours is empty for them; it holds a "
        "stat_neighbours_previous list for Cumbria, not used).",
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


# -- histories --------------------------------------------------------------------------------


def correct_history(
    rows: list[dict[str, str]], by_urn: Mapping[str, Council], notes: Notes
) -> list[dict[str, str]]:
    """The history rows with the declared corrections applied (each one noted)."""
    corrected = [dict(row) for row in rows]
    used: set[Correction] = set()
    for line, row in enumerate(corrected, start=2):
        council = by_urn[row["urn"]]
        published = dt.datetime.strptime(row["publication_date"], "%d/%m/%y").date()
        where = f"{council.name} ({council.la_code}), published {published} (line {line})"
        for correction in CORRECTIONS:
            if correction.council != row["local_authority"] or correction.published not in (
                None,
                row["publication_date"],
            ):
                continue
            used.add(correction)
            blanked = []
            for column in correction.columns:
                value = row[column]
                if correction.published and not value:
                    raise BuildError(f"{where}: {column} is already empty: {correction}")
                if value and (correction.published or value not in MARKERS):
                    row[column] = ""
                    blanked.append(f"{column} {value!r}")
            if blanked:
                notes.add("History", f"{where}: blanked {_and(blanked)}; {correction.reason}.")
        artefacts = []
        for column in GRADE_COLUMNS:
            if ARTEFACT.fullmatch(row[column]):
                artefacts.append(f"{column} {row[column]!r}")
                row[column] = ""
        if artefacts:
            notes.add(
                "History",
                f"{where}: blanked {_and(artefacts)}; an extraction artefact, not a grade, so "
                "the grade is left unknown rather than guessed.",
            )
    unused = [c for c in CORRECTIONS if c not in used]
    if unused:
        raise BuildError(f"corrections that match no row: {unused}")
    notes.add(
        "History",
        "knowsley and stoke-on-trent: the source's README lists their inspector names as "
        "unreliable; the library does not read inspector names, so nothing was changed.",
    )
    return corrected


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_histories(
    header: list[str],
    rows: list[dict[str, str]],
    councils: list[Council],
    aliases: Mapping[str, str],
    notes: Notes,
) -> dict[str, History]:
    """The corrected history file read by ``read_d2i_history``; fails on any problem."""
    register = CouncilRegister(councils, aliases)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / HISTORY_FILE
        write_rows(path, header, rows)
        result = read_d2i_history(path, register, errors="collect")
        add_reader_notes(result.notes, rows, register, notes)
        problems = [f"line {p.line}, {p.column}: {p.value!r}: {p.reason}" for p in result.problems]
    if problems:
        raise BuildError(
            f"{len(problems)} history rows reported; add a documented correction for each:\n"
            + "\n".join(problems)
        )
    histories = dict(result.histories)
    count = sum(len(h) for h in histories.values())
    if count != len(rows):
        raise BuildError(f"{len(rows)} history rows in, {count} inspections out")
    return histories


def add_reader_notes(
    reader_notes: Iterable[Problem],
    rows: list[dict[str, str]],
    register: CouncilRegister,
    notes: Notes,
) -> None:
    """The reader's interpretations, one note per kind of interpretation listing the reports
    it was made for (the reader writes one per row)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for note in reader_notes:
        assert note.line is not None
        row = rows[note.line - 2]
        published = dt.datetime.strptime(row["publication_date"], "%d/%m/%y").date()
        reason = _PUBLISHED_ON.sub("published ", note.reason)
        grouped[f"{note.column}: {reason}"].append(
            f"{register.find(row['urn']).name} {published} (line {note.line})"
        )
    for reason, reports in grouped.items():
        count = f"{len(reports)} report" + ("s" if len(reports) > 1 else "")
        notes.add("Reader", f"{reason}: {count}: {', '.join(reports)}.")


_PUBLISHED_ON = re.compile(r"published \d{4}-\d{2}-\d{2}, ")


def merge_known(
    histories: dict[str, History],
    by_code: Mapping[str, Council],
    known: list[dict[str, str]],
    notes: Notes,
) -> None:
    """Replace each history inspection that ``known-judgements.csv`` describes with one
    carrying its framework, dates and grades (and the history row's source link)."""
    for row in known:
        code, published = row["la_code"], dt.date.fromisoformat(row["published"])
        council = by_code[code]
        history = histories.get(code, History(council))
        matches = [i for i in history if i.published == published]
        if len(matches) != 1:
            raise BuildError(
                f"known judgement {council.name} published {published}: {len(matches)} "
                "history inspections match, not one"
            )
        (old,) = matches
        if not old.is_graded or old.grades_known:
            raise BuildError(
                f"known judgement {council.name} {published}: {old!r} is not a "
                "graded report with grades unknown"
            )
        framework = Framework.parse(row["framework"])
        grades = {
            category: row[column] for column, category in KNOWN_CATEGORIES.items() if row[column]
        }
        new = Inspection(
            council,
            framework,
            published,
            grades,
            kind=framework.default_kind,
            start=row["start"] or None,
            end=row["end"] or None,
            source=old.source,
        )
        histories[code] = History(council, [i for i in history if i is not old] + [new])
        inferred = "" if old.framework is framework else f" (the reader had {old.framework})"
        notes.add(
            "Known judgements",
            f"{council.name} ({code}), published {published.isoformat()}: {framework.value}"
            f"{inferred}; grades "
            + ", ".join(f"{c.value} {g}" for c, g in grades.items())
            + f"; from known-judgements.csv (source: {row['source']}), replacing the history "
            "file's report with grades unknown and keeping its report link as the source.",
        )


@dataclass(frozen=True)
class Observation:
    """Something doubtful noticed in the data and kept as given, with the reports it is about
    (DfE code and ISO publication date; the build fails if one is not in the data)."""

    reports: tuple[tuple[str, str], ...]
    text: str


KEPT_AS_GIVEN: tuple[Observation, ...] = (
    Observation(
        (("878", "2025-05-13"),),
        "Devon's report published 2025-05-13 gives fieldwork ending 2024-10-11, seven months "
        "earlier (reports usually follow within weeks), and no inspector name; nothing else in "
        "the data contradicts it, so its dates are kept.",
    ),
    Observation(
        (("936", "2015-06-03"), ("936", "2015-08-03")),
        "Surrey has two reports two months apart, published 2015-06-03 and 2015-08-03, both "
        "with grades unreadable and no framework or dates; each has its own report link, so "
        "both are kept as separate SIF inspections with unknown grades.",
    ),
    Observation(
        (
            ("208", "2018-05-09"),
            ("841", "2018-05-21"),
            ("936", "2018-05-16"),
            ("212", "2018-07-20"),
            ("394", "2018-07-25"),
            ("888", "2018-08-17"),
            ("880", "2018-08-24"),
        ),
        "The reader assumed SIF for reports published from May to August 2018 without "
        "framework or dates (Lambeth, Darlington, Surrey, Wandsworth, Sunderland, Lancashire, "
        "Torbay), though the domain reference has the last SIF reports published early in "
        "2018: their grades are unreadable, as for every SIF report and for no ILACS one, so "
        "SIF is kept.",
    ),
)


def check_observations(histories: Mapping[str, History], notes: Notes) -> None:
    for observation in KEPT_AS_GIVEN:
        for code, day in observation.reports:
            if not any(i.published.isoformat() == day for i in histories.get(code, ())):
                raise BuildError(f"KEPT_AS_GIVEN: no report of {code} published {day}")
        notes.add("Kept as given", observation.text)


# -- writing ----------------------------------------------------------------------------------


def notes_markdown(meta: Mapping[str, object], notes: Notes) -> str:
    """``DATA-NOTES.md``: the notes by topic, under the snapshot, counts and attribution."""
    lines = [
        "# Data notes: the bundled dataset",
        "",
        "Written by `tools/build_dataset.py`; do not edit by hand. The same notes are in",
        "`meta.json` and `ofstedmodel.datasets.notes()`.",
        "",
        f"- Snapshot: {meta['as_of']}, `{SOURCE_REPOSITORY}` commit `{SOURCE_COMMIT}`.",
        f"- {meta['councils']} councils ({meta['current_councils']} current), "
        f"{meta['inspections']} inspections.",
        f"- Attribution: {ATTRIBUTION}",
    ]
    for topic, texts in notes.by_topic():
        lines += ["", f"## {topic}", "", *(f"- {text}" for text in texts)]
    return "\n".join(lines) + "\n"


def build(output: Path) -> dict[str, object]:
    """Build the dataset into ``output``; returns the metadata written."""
    notes = Notes([])
    _, lookup = read_rows(RAW / LOOKUP_FILE)
    header, history_rows = read_rows(RAW / HISTORY_FILE)
    _, known = read_rows(RAW / KNOWN_FILE)

    councils, aliases = build_councils(lookup, history_rows, notes)
    by_code = {c.la_code: c for c in councils}
    corrected = correct_history(history_rows, {c.urn: c for c in councils if c.urn}, notes)
    histories = read_histories(header, corrected, councils, aliases, notes)
    merge_known(histories, by_code, known, notes)
    check_observations(histories, notes)
    # Every council, with or without inspections, in the lookup's order.
    complete = {c.la_code: histories.get(c.la_code, History(c)) for c in councils}
    for code, history in complete.items():
        if history.council != by_code[code]:
            raise BuildError(f"{code}: the reader's council {history.council!r} differs")
    inspections = sum(len(h) for h in complete.values())
    if inspections != len(history_rows):
        raise BuildError(f"{len(history_rows)} reports in the history file, {inspections} kept")

    output.mkdir(parents=True, exist_ok=True)
    write_csv(complete, output / DATA_FILE)
    meta: dict[str, object] = {
        "as_of": AS_OF.isoformat(),
        "source": SOURCE_REPOSITORY,
        "source_commit": SOURCE_COMMIT,
        "attribution": ATTRIBUTION,
        "councils": len(councils),
        "current_councils": sum(c.is_current for c in councils),
        "inspections": inspections,
        "aliases": aliases,
        "notes": notes.lines(),
    }
    (output / META_FILE).write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (output / NOTES_FILE).write_text(notes_markdown(meta, notes), encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "output",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"where to write the files (default: {DEFAULT_OUTPUT.relative_to(REPO)})",
    )
    args = parser.parse_args(argv)
    try:
        meta = build(args.output)
    except BuildError as error:
        print(f"build_dataset: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {args.output}: {meta['councils']} councils, {meta['inspections']} inspections, "
        f"{len(meta['notes'])} notes"  # type: ignore[arg-type]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

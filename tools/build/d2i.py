"""The D2I history scrape: its declared corrections, then the library's own reader."""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ofstedmodel import Council, History, InspectionKind
from ofstedmodel.io import Problem, read_d2i_history
from ofstedmodel.register import CouncilRegister

from .common import BuildError, Notes, and_
from .records import Report

HISTORY_FILE = "d2i-ilacs-history.csv"
SOURCE = "d2i"


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
                notes.add("History", f"{where}: blanked {and_(blanked)}; {correction.reason}.")
        artefacts = []
        for column in GRADE_COLUMNS:
            if ARTEFACT.fullmatch(row[column]):
                artefacts.append(f"{column} {row[column]!r}")
                row[column] = ""
        if artefacts:
            notes.add(
                "History",
                f"{where}: blanked {and_(artefacts)}; an extraction artefact, not a grade, so "
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


#: Reports whose D2I link is not the report: kept as events, their links not used.
_ERROR_PAGE = (
    "D2I's file for it is an HTML error page, not the report (the shared data's provenance)"
)
NOT_REPORT_LINKS: Mapping[tuple[str, str], str] = {
    ("330", "2012-10-19"): _ERROR_PAGE,  # Birmingham
    ("890", "2012-07-13"): _ERROR_PAGE,  # Blackpool
    ("305", "2012-08-17"): _ERROR_PAGE,  # Bromley
    ("372", "2012-08-10"): _ERROR_PAGE,  # Rotherham
}

_STATED = {"standard": InspectionKind.ILACS_STANDARD, "short": InspectionKind.ILACS_SHORT}


def reports(
    header: list[str],
    rows: list[dict[str, str]],
    councils: list[Council],
    aliases: Mapping[str, str],
    notes: Notes,
) -> list[Report]:
    """Every row of the (corrected) D2I file as a :class:`Report`: the library's reader
    parses it; a kind counts as stated only where the file's framework cell said standard or
    short (everything else the reader inferred)."""
    histories = read_histories(header, rows, councils, aliases, notes)
    lines = {
        (row["urn"], dt.datetime.strptime(row["publication_date"], "%d/%m/%y").date()): (line, row)
        for line, row in enumerate(rows, start=2)
    }
    found = []
    unused = set(NOT_REPORT_LINKS)
    for history in histories.values():
        council = history.council
        for inspection in history:
            line, row = lines[council.urn or "", inspection.published]
            key = (council.la_code, inspection.published.isoformat())
            link = inspection.source
            if key in NOT_REPORT_LINKS:
                unused.discard(key)
                notes.add(
                    "Reader",
                    f"{council.name} ({council.la_code}), published {key[1]} (line {line}): "
                    f"link {link} not kept: {NOT_REPORT_LINKS[key]}.",
                )
                link = None
            found.append(
                Report(
                    SOURCE,
                    f"{HISTORY_FILE} line {line}",
                    council.la_code,
                    inspection.framework,
                    inspection.kind,
                    inspection.published,
                    inspection.start,
                    inspection.end,
                    {j.category: j.grade for j in inspection} if inspection.grades_known else None,
                    link=link,
                    stated=row["inspection_framework"] in _STATED,
                )
            )
    if unused:
        raise BuildError(f"NOT_REPORT_LINKS that match no report: {sorted(unused)}")
    return found

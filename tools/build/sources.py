"""One small reader per source besides D2I: each gives :class:`~.records.Report` values.

Ofsted's tables write the grade before November 2013 "Requires improvement to be good" where
the reports say adequate: :func:`ofsted_grade` reads it as adequate for reports published
before then (the shared data's provenance and the domain reference).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ofstedmodel import Category, Framework, Grade, InspectionKind
from ofstedmodel.register import CouncilRegister

from .common import BuildError, Notes, plural
from .records import Report

C = Category
K = InspectionKind
F = Framework

#: The first day of the four-point scale with "requires improvement to be good".
NEW_SCALE = dt.date(2013, 11, 1)
NOT_JUDGED = "-"


def ofsted_grade(text: str, published: dt.date, converted: Counter[str]) -> Grade:
    grade = Grade.parse(text)
    if grade is Grade.REQUIRES_IMPROVEMENT and published < NEW_SCALE:
        converted[text] += 1
        return Grade.ADEQUATE
    return grade


# -- Ofsted's table of every council's inspections 2009-2023 ---------------------------------

TABLE_FILE = "ofsted/la-inspections-2009-2023.csv"
TABLE = "ofsted-2009-2023"


@dataclass(frozen=True)
class Group:
    """The columns of one inspection in a row of Ofsted's table."""

    name: str
    published: str
    framework: Framework
    kind: InspectionKind | str  # a kind, or the column that names it
    grades: Mapping[str, Category]


_SIF = "Single Inspection of LA Children's Services (SIF)"
GROUPS: tuple[Group, ...] = (
    Group(
        "SLAC",
        "Safeguarding & Looked After Children (SLAC) Inspection publication date",
        F.SLAC,
        K.SLAC_INSPECTION,
        {
            "SLAC Safeguarding Overall effectiveness (OE)": C.OVERALL_EFFECTIVENESS,
            "SLAC Looked After Children Overall Effectiveness (OE)": C.CHILDREN_IN_CARE,
        },
    ),
    Group(
        "SLAC re-inspection of safeguarding",
        "SLAC re-inspection of Safeguarding publication date",
        F.SLAC,
        K.SLAC_SAFEGUARDING_REINSPECTION,
        {"SLAC re-inspection Safeguarding OE": C.OVERALL_EFFECTIVENESS},
    ),
    Group(
        "SLAC re-inspection of services for children looked after",
        "SLAC re-inspection of services for Children Looked After publication date",
        F.SLAC,
        K.SLAC_CHILDREN_IN_CARE_REINSPECTION,
        {"SLAC re-inspection of services Children Looked After OE": C.CHILDREN_IN_CARE},
    ),
    Group(
        "CPI",
        "Child Protection Inspections (CPI) publication date",
        F.CP2012,
        K.CP_INSPECTION,
        {"CPI Overall Effectiveness (OE)": C.OVERALL_EFFECTIVENESS},
    ),
    Group(
        "CPRI",
        "Child Protection Re-Inspection (CPRI) publication date",
        F.CP2012,
        K.CP_REINSPECTION,
        {"CPRI Overall Effectiveness (OE)": C.OVERALL_EFFECTIVENESS},
    ),
    Group(
        "TLAC",
        "Targeted Looked After Children (TLAC) inspection publication date",
        F.TLAC,
        K.TLAC_INSPECTION,
        {"TLAC Overall Effectiveness (OE)": C.CHILDREN_IN_CARE},
    ),
    Group(
        "first SIF",
        f"{_SIF} First SIF publication date",
        F.SIF,
        K.SIF_INSPECTION,
        {
            "First SIF Overall Judgement (OE)": C.OVERALL_EFFECTIVENESS,
            "First SIF children who need help and protection": C.HELP_AND_PROTECTION,
            "First SIF children looked after and achieving permanence": C.CHILDREN_IN_CARE,
            "First SIF CLA Sub: Adoption Performance": C.ADOPTION,
            "First SIF CLA Sub: Experiences and progress of care leavers": C.CARE_LEAVERS,
            "First SIF leadership, management and governance": C.LEADERSHIP,
            "LSCB Overall Effectiveness": C.LSCB_REVIEW,
        },
    ),
    Group(
        "SIF re-inspection",
        f"{_SIF} SIF Re-inspection publication date",
        F.SIF,
        K.SIF_REINSPECTION,
        {
            "SIF Re-inspection Overall Judgement (OE)": C.OVERALL_EFFECTIVENESS,
            "SIF Re-inspection children who need help and protection": C.HELP_AND_PROTECTION,
            "SIF Re-inspection children looked after and achieving permanence": (
                C.CHILDREN_IN_CARE
            ),
            "SIF Re-inspection CLA Sub: Adoption Performance": C.ADOPTION,
            "SIF Re-inspection CLA Sub: Experiences and progress of care leavers": (C.CARE_LEAVERS),
            "SIF Re-inspection leadership, management and governance": C.LEADERSHIP,
        },
    ),
    Group(
        "first ILACS",
        "First ILACS framework publication date",
        F.ILACS,
        "First ILACS framework inspection type",
        {
            "First ILACS framework overall effectiveness": C.OVERALL_EFFECTIVENESS,
            "First ILACS framework impact of leaders": C.LEADERSHIP,
            "First ILACS framework experiences and progress of children who need help and "
            "protection": C.HELP_AND_PROTECTION,
            "First ILACS framework experiences and progress of children in care and care "
            "leavers": C.CHILDREN_IN_CARE,
        },
    ),
    Group(
        "second ILACS",
        "Second ILACS framework publication date",
        F.ILACS,
        "Second ILACS framework inspection type",
        {
            "Second ILACS framework overall effectiveness": C.OVERALL_EFFECTIVENESS,
            "Second ILACS framework impact of leaders": C.LEADERSHIP,
            "Second ILACS framework experiences and progress of children who need help and "
            "protection": C.HELP_AND_PROTECTION,
            "Second ILACS framework experiences and progress of children in care": (
                C.CHILDREN_IN_CARE
            ),
            "Second ILACS framework experiences and progress of care leavers": C.CARE_LEAVERS,
        },
    ),
)

#: Table 11 holds the councils that existed before the restructuring; its names are found
#: here, not by the register (its "Dorset" is Dorset County Council, not today's Dorset).
TABLE_11_CODES: Mapping[str, str] = {
    "Bournemouth": "837",
    "Dorset": "835",
    "Poole": "836",
    "Northamptonshire": "928",
}


def _council(row: dict[str, str], register: CouncilRegister) -> str:
    name = row["Local authority name"]
    if row["table"].startswith("Table 11"):
        return TABLE_11_CODES[name]
    return register.find(name).la_code


def _grades(
    row: dict[str, str],
    columns: Mapping[str, Category],
    published: dt.date,
    converted: Counter[str],
) -> tuple[dict[Category, Grade] | None, frozenset[Category]]:
    grades: dict[Category, Grade] = {}
    not_judged: set[Category] = set()
    for column, category in columns.items():
        text = row[column].strip()
        if text == NOT_JUDGED:
            not_judged.add(category)
        elif text:
            grades[category] = ofsted_grade(text, published, converted)
    return (grades or None), frozenset(not_judged)


def ofsted_table(
    rows: list[dict[str, str]], register: CouncilRegister, notes: Notes
) -> list[Report]:
    """Every inspection of Ofsted's table: one row per council, one group of columns per
    inspection (see :data:`GROUPS`). The table gives publication dates only."""
    found: list[Report] = []
    converted: Counter[str] = Counter()
    for line, row in enumerate(rows, start=2):
        code = _council(row, register)
        for group in GROUPS:
            published_text = row[group.published].strip()
            graded = {c: row[c].strip() for c in group.grades if row[c].strip()}
            if not published_text:
                if graded:
                    raise BuildError(f"{TABLE_FILE} line {line}: {group.name} grades, no date")
                continue
            published = dt.date.fromisoformat(published_text)
            kind = (
                group.kind
                if isinstance(group.kind, InspectionKind)
                else InspectionKind.parse(row[group.kind].removesuffix(" Inspection"))
            )
            grades, not_judged = _grades(row, group.grades, published, converted)
            found.append(
                Report(
                    TABLE,
                    f"{TABLE_FILE} line {line}, {group.name}",
                    code,
                    group.framework,
                    kind,
                    published,
                    grades=grades,
                    not_judged=not_judged,
                )
            )
    notes.add(
        "Reading Ofsted's tables",
        f"{TABLE_FILE}: {plural(sum(converted.values()), 'grade')} written 'Requires "
        "improvement to be good' on reports published before 1 November 2013 (SLAC, child "
        "protection and TLAC inspections) read as adequate, the grade those reports gave "
        "(Ofsted's table writes the old grade in the new scale's words).",
    )
    notes.add(
        "Reading Ofsted's tables",
        f"{TABLE_FILE}: Table 11's rows are the councils before the restructuring: "
        + ", ".join(f"'{name}' is {code}" for name, code in TABLE_11_CODES.items())
        + "; a '-' cell is a judgement not made (not a grade unknown).",
    )
    return found


# -- Ofsted's ILACS inspection history 2018-2025 ----------------------------------------------

ILACS_FILE = "ofsted/ilacs-history-2018-2025.csv"
ILACS = "ofsted-ilacs"
ILACS_COLUMNS: Mapping[str, Category] = {
    "Overall effectiveness": C.OVERALL_EFFECTIVENESS,
    "The impact of leaders on social work practice with children and families": C.LEADERSHIP,
    "The experiences and progress of children who need help and protection": (
        C.HELP_AND_PROTECTION
    ),
    # Before 2023 this column holds the combined judgement of children in care and care leavers.
    "The experiences and progress of children in care": C.CHILDREN_IN_CARE,
    "The experiences and progress of care leavers": C.CARE_LEAVERS,
}


def ofsted_ilacs(
    rows: list[dict[str, str]], register: CouncilRegister, notes: Notes
) -> list[Report]:
    """Every ILACS standard and short inspection to March 2025, with its fieldwork start."""
    found = []
    unused: Counter[str] = Counter()
    for line, row in enumerate(rows, start=2):
        council = register.find(row["Local authority area code"])
        published = dt.date.fromisoformat(row["Publication date"])
        grades, not_judged = _grades(row, ILACS_COLUMNS, published, unused)
        found.append(
            Report(
                ILACS,
                f"{ILACS_FILE} line {line}",
                council.la_code,
                F.ILACS,
                InspectionKind.parse(row["Inspection type"].removesuffix(" Inspection")),
                published,
                start=dt.date.fromisoformat(row["Inspection date"]),
                grades=grades,
                not_judged=not_judged,
            )
        )
    if unused:
        raise BuildError(f"{ILACS_FILE}: an ILACS report published before November 2013")
    notes.add(
        "Reading Ofsted's tables",
        f"{ILACS_FILE}: councils found by GSS code; 'Inspection date' is the first day of "
        "fieldwork; the children in care column holds, for fieldwork before 2023, ILACS "
        "2018's combined judgement of children in care and care leavers.",
    )
    return found


# -- the grades and dates printed on SIF reports ----------------------------------------------

SIF_FILE = "sif-report-grades.csv"
SIF = "sif-reports"
SIF_COLUMNS: Mapping[str, Category] = {
    "overall": C.OVERALL_EFFECTIVENESS,
    "help_and_protection": C.HELP_AND_PROTECTION,
    "children_in_care": C.CHILDREN_IN_CARE,
    "adoption": C.ADOPTION,
    "care_leavers": C.CARE_LEAVERS,
    "leadership": C.LEADERSHIP,
}


def sif_reports(rows: list[dict[str, str]], notes: Notes) -> list[Report]:
    """Every SIF report read from its first page. A report titled as a re-inspection is one;
    one titled otherwise may still be (Ofsted's table tells), so its kind is not stated."""
    found = []
    undated = []
    for line, row in enumerate(rows, start=2):
        published_text = row["report_published"] or row["d2i_publication_date"]
        if not row["report_published"]:
            undated.append(f"{row['la_name']} (line {line})")
        grades: dict[Category, Grade] = {}
        not_judged = set()
        for column, category in SIF_COLUMNS.items():
            text = row[column].strip()
            if text == "not judged":
                not_judged.add(category)
            elif text:
                grades[category] = Grade.parse(text)
        if row["lscb_review_included"] == "no":
            not_judged.add(C.LSCB_REVIEW)
        reinspection = row["report_type"] == "Re-inspection"
        found.append(
            Report(
                SIF,
                f"{SIF_FILE} line {line}",
                row["la_code"],
                F.SIF,
                K.SIF_REINSPECTION if reinspection else K.SIF_INSPECTION,
                dt.date.fromisoformat(published_text),
                start=dt.date.fromisoformat(row["start"]) if row["start"] else None,
                end=dt.date.fromisoformat(row["end"]) if row["end"] else None,
                grades=grades or None,
                not_judged=frozenset(not_judged),
                link=row["inspection_link"] or None,
                stated=reinspection,
                dated=bool(row["report_published"]),
            )
        )
    notes.add(
        "Reading Ofsted's tables",
        f"{SIF_FILE}: {plural(len(undated), 'report')} print no publication date; the file "
        "gives D2I's date for it, used to match the report, never as a date of its own ("
        + ", ".join(undated)
        + "); 'not judged' cells, and the LSCB review where lscb_review_included says no, "
        "are judgements not made; reports not titled as re-inspections are matched to "
        "Ofsted's table, which tells a first inspection from a re-inspection.",
    )
    return found


# -- judgements written down by hand ----------------------------------------------------------

KNOWN_FILE = "known-judgements.csv"
KNOWN = "known"


def known(rows: list[dict[str, str]]) -> list[Report]:
    """The hand-written judgements; the framework is stated, the kind is not (the file does
    not tell a SIF re-inspection from a first one)."""
    found = []
    for line, row in enumerate(rows, start=2):
        framework = Framework.parse(row["framework"])
        found.append(
            Report(
                KNOWN,
                f"{KNOWN_FILE} line {line} ({row['source']})",
                row["la_code"],
                framework,
                framework.default_kind,
                dt.date.fromisoformat(row["published"]),
                start=dt.date.fromisoformat(row["start"]) if row["start"] else None,
                end=dt.date.fromisoformat(row["end"]) if row["end"] else None,
                grades={
                    category: Grade.parse(row[column])
                    for column, category in SIF_COLUMNS.items()
                    if row[column]
                },
                stated=False,
            )
        )
    return found

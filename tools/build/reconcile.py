"""One reconciliation step: match the sources' reports of each council, then settle every
field of each inspection by the precedence rules of :data:`PRECEDENCE`, listing every
disagreement between sources and every grade no source knows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import attrs

from ofstedmodel import Category, Council, Grade, History, Inspection, InspectionError

from .common import BuildError, Notes, and_, plural
from .records import Report

#: Every source, by the key its reader gives its reports.
SOURCES: Mapping[str, str] = {
    "ofsted-2009-2023": "Ofsted's table of every council's inspections 2009-2023",
    "ofsted-ilacs": "Ofsted's ILACS inspection history 2018-2025",
    "sif-reports": "the SIF report file (grades and dates printed on the reports)",
    "d2i": "the D2I scrape of the reports",
    "known": "known-judgements.csv",
}

#: Which source wins for what: for each field, the sources in order, first wins. A kind or
#: framework only a reader inferred never wins over one a source states.
PRECEDENCE: Mapping[str, tuple[str, ...]] = {
    "kind": ("ofsted-ilacs", "ofsted-2009-2023", "sif-reports", "d2i", "known"),
    "published": ("ofsted-2009-2023", "ofsted-ilacs", "d2i", "sif-reports", "known"),
    "start": ("ofsted-ilacs", "sif-reports", "d2i", "known"),
    # The end comes from the first of these whose start is the start settled on.
    "end": ("sif-reports", "d2i", "known"),
    "grades": ("ofsted-2009-2023", "ofsted-ilacs", "sif-reports", "known", "d2i"),
    "link": ("d2i", "sif-reports"),
}
WHY: Mapping[str, str] = {
    "kind": "Ofsted's own tables say what kind of inspection each was, its ILACS history "
    "(an inspection a row, with its fieldwork start) before the 2009-2023 table",
    "published": "Ofsted's tables first, then the reports as scraped",
    "start": "Ofsted's ILACS history gives the fieldwork start of ILACS inspections, the SIF "
    "report file that of SIF inspections",
    "end": "the end of fieldwork printed on the report, from a source agreeing on its start",
    "grades": "Ofsted's tables first for every grade they hold, then the grades printed on "
    "the SIF reports, then the hand-written ones, then the D2I scrape",
    "link": "the report's own file",
}
#: Reports of two sources are the same report when of the same council, published at most
#: this many days apart (Ofsted's table and D2I give Slough's 2014 report 3 days apart).
MATCH_DAYS = 7
#: Where Ofsted's tables are complete: every graded inspection to May 2023 (the 2009-2023
#: table) and every ILACS inspection with fieldwork to March 2025 (the ILACS history). A
#: report another source has inside that span and Ofsted's tables lack is listed.
OFSTED_COMPLETE_UNTIL = dt.date(2025, 3, 31)
OFSTED = ("ofsted-2009-2023", "ofsted-ilacs")
#: Reports one source lists that the others show are not inspections of their own: left out,
#: each listed under Disagreements. The build fails if one matches no report, or a report
#: Ofsted's tables hold.
NOT_INSPECTIONS: Mapping[tuple[str, str], str] = {
    ("936", "2015-08-03"): "Surrey's first SIF report was published on 3 June 2015 (Ofsted's "
    "table, the SIF report file and D2I agree); D2I also lists a file published 3 August 2015, "
    "which Ofsted's table, complete for SIF inspections, does not hold and which the SIF "
    "report file, which read every SIF-era report D2I keeps, did not find to be a SIF report",
}


#: Dates a source gives that the other sources and the report itself show to be a slip:
#: (source, DfE code, date as given) -> (the date, why). Applied before matching, each listed
#: under Disagreements; the build fails if one matches no report.
SLIPS: Mapping[tuple[str, str, str], tuple[dt.date, str]] = {
    ("ofsted-2009-2023", "892", "2022-11-05"): (
        dt.date(2022, 9, 5),
        "Nottingham's second ILACS inspection: Ofsted's ILACS history and D2I both give 5 "
        "September 2022, and D2I's report file is named '05 september 2022'; the 2009-2023 "
        "table's 2022-11-05 swaps day and month",
    ),
}


def mend(reports: Iterable[Report], notes: Notes) -> list[Report]:
    """The reports with the declared :data:`SLIPS` mended (each one noted)."""
    mended = []
    unused = set(SLIPS)
    for report in reports:
        key = (report.source, report.council, report.published.isoformat())
        if key in SLIPS:
            unused.discard(key)
            day, why = SLIPS[key]
            notes.add(
                "Disagreements",
                f"{_describe(report)} gives {key[2]}, read as {day.isoformat()}: {why}.",
            )
            report = dataclasses.replace(report, published=day)
        mended.append(report)
    if unused:
        raise BuildError(f"SLIPS that match no report: {sorted(unused)}")
    return mended


def _rank(field: str, report: Report) -> int:
    return PRECEDENCE[field].index(report.source)


@dataclass
class Event:
    """The reports of one inspection, one per source at most."""

    reports: list[Report]

    def by(self, field: str) -> list[Report]:
        """The reports that have a say in ``field``, winner first."""
        order = PRECEDENCE[field]
        return sorted((r for r in self.reports if r.source in order), key=lambda r: _rank(field, r))

    @property
    def published(self) -> dt.date:
        return self.by("published")[0].published

    def __str__(self) -> str:
        first = self.by("published")[0]
        return f"{first.kind.value} published {first.published.isoformat()}"


def match(reports: Iterable[Report]) -> dict[str, list[Event]]:
    """Each council's reports grouped into events: sources taken in the order of the
    publication-date precedence, each report joining the nearest event within
    :data:`MATCH_DAYS` that has no report of its source yet and whose framework agrees (or
    whose kind, or the report's, was only inferred), else starting an event of its own."""
    by_council: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_council[report.council].append(report)
    events: dict[str, list[Event]] = {}
    for code, own in sorted(by_council.items()):
        found: list[Event] = []
        for report in sorted(own, key=lambda r: (_rank("published", r), r.published)):
            candidates = [
                (abs((event.published - report.published).days), index)
                for index, event in enumerate(found)
                if report.source not in {r.source for r in event.reports}
                and _compatible(event, report)
                and abs((event.published - report.published).days) <= MATCH_DAYS
            ]
            candidates.sort()
            if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
                raise BuildError(f"{report.where}: two reports {candidates[0][0]} days away")
            if candidates:
                found[candidates[0][1]].reports.append(report)
            else:
                found.append(Event([report]))
        events[code] = sorted(found, key=lambda e: e.published)
    return events


def _compatible(event: Event, report: Report) -> bool:
    first = event.reports[0]
    return first.framework is report.framework or not (first.stated and report.stated)


@dataclass(frozen=True)
class Settled:
    """An inspection as the sources settle it, with what they disagreed on."""

    inspection: Inspection
    disagreements: tuple[str, ...]
    unknown: tuple[Category, ...]


def _describe(report: Report) -> str:
    return f"{SOURCES[report.source]} ({report.where})"


def _disagreement(field: str, values: list[tuple[Report, object]]) -> str | None:
    """A sentence when the sources give ``field`` different values (the winner first)."""
    if len({value for _, value in values}) < 2:
        return None
    given = "; ".join(f"{_show(value)} in {_describe(report)}" for report, value in values)
    return f"{field}: {given}; the first is kept ({WHY[field.split(' ')[0]]})"


def _show(value: object) -> str:
    if isinstance(value, Grade):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "not judged"
    return str(getattr(value, "value", value))


def settle(council: Council, event: Event) -> Settled:
    """The inspection the event's reports describe, each field from the first source in
    :data:`PRECEDENCE` that gives it."""
    notes: list[str] = []

    def note(field: str, values: list[tuple[Report, object]]) -> None:
        text = _disagreement(field, values)
        if text:
            notes.append(text)

    stated = [r for r in event.by("kind") if r.stated]
    kind_from = stated[0] if stated else event.by("kind")[0]
    note("kind", [(r, r.kind) for r in stated])
    # A source's date counts only where it gave one (the SIF report file borrows D2I's date
    # for reports that print none).
    published_by = [r for r in event.by("published") if r.dated] or event.by("published")
    note("published", [(r, r.published) for r in published_by])

    with_start = [r for r in event.by("start") if r.start is not None]
    start = with_start[0].start if with_start else None
    note("start of fieldwork", [(r, r.start) for r in with_start])
    with_end = [r for r in event.by("end") if r.end is not None and r.start in (start, None)]
    end = with_end[0].end if with_end else None
    if start is None and with_end:
        start = None  # an end alone is kept only with the start it came with
        end = None

    graders = [r for r in event.by("grades") if r.grades is not None or r.not_judged]
    grades: dict[Category, Grade] = {}
    settled: set[Category] = set()
    for category in Category:
        values: list[tuple[Report, object]] = []
        for report in graders:
            if report.grades is not None and category in report.grades:
                values.append((report, report.grades[category]))
            elif category in report.not_judged:
                values.append((report, None))
        if values:
            settled.add(category)
            winner = values[0][1]
            if isinstance(winner, Grade):
                grades[category] = winner
            note(f"grades {category.value}", values)
    grades_known = any(r.grades is not None for r in graders)
    links = [r.link for r in event.by("link") if r.link]
    source = links[0] if links else SOURCES[published_by[0].source]
    try:
        inspection = Inspection(
            council,
            kind_from.framework,
            published_by[0].published,
            grades if grades_known else {},
            kind=kind_from.kind,
            start=start,
            end=end,
            grades_known=grades_known,
            source=source,
        )
    except InspectionError as error:
        raise BuildError(
            f"{council.name}: the sources' {event} cannot be an inspection: {error}; reports: "
            + "; ".join(r.where for r in event.reports)
        ) from None
    unknown = (
        tuple(c for c in inspection.era.labels if inspection.kind.covers(c) and c not in settled)
        if grades_known
        else ()
    )
    if unknown:
        inspection = attrs.evolve(inspection, unknown=unknown)
    return Settled(inspection, tuple(notes), unknown)


def reconcile(
    reports: Iterable[Report], councils: Mapping[str, Council], notes: Notes
) -> dict[str, History]:
    """Every council's history from all the sources' reports, with the notes."""
    histories: dict[str, History] = {}
    lonely: list[str] = []
    unknown_all: list[str] = []
    unknown_some: list[str] = []
    disagreements = 0
    excluded = set(NOT_INSPECTIONS)
    for code, events in match(mend(reports, notes)).items():
        council = councils[code]
        inspections = []
        for event in events:
            key = (code, event.published.isoformat())
            if key in NOT_INSPECTIONS:
                if {r.source for r in event.reports} & set(OFSTED):
                    raise BuildError(f"NOT_INSPECTIONS {key}: Ofsted's tables hold it")
                excluded.discard(key)
                notes.add(
                    "Disagreements",
                    f"{council.name} ({code}), report published {key[1]} only in "
                    + and_([_describe(r) for r in event.reports])
                    + f": left out, not an inspection of its own: {NOT_INSPECTIONS[key]}.",
                )
                continue
            settled = settle(council, event)
            inspection = settled.inspection
            where = (
                f"{council.name} ({code}), {inspection.kind.value} published "
                f"{inspection.published.isoformat()}"
            )
            for text in settled.disagreements:
                disagreements += 1
                notes.add("Disagreements", f"{where}: {text}.")
            for report in event.reports:
                if report.source == "known":
                    notes.add("Known judgements", f"{where}: {_known_note(report, event)}.")
            sources = {r.source for r in event.reports}
            if not sources & set(OFSTED) and inspection.published <= OFSTED_COMPLETE_UNTIL:
                lonely.append(f"{where}: only in " + and_([_describe(r) for r in event.reports]))
            if not inspection.grades_known:
                unknown_all.append(f"{where} ({'; '.join(r.where for r in event.reports)})")
            elif settled.unknown:
                unknown_some.append(f"{where}: " + and_([c.value for c in settled.unknown]))
            inspections.append(inspection)
        histories[code] = History(council, inspections)
    if excluded:
        raise BuildError(f"NOT_INSPECTIONS that match no report: {sorted(excluded)}")
    for text in lonely:
        notes.add(
            "Disagreements",
            f"{text}; not in Ofsted's tables, which should hold it: kept as the other "
            "source has it.",
        )
    notes.add(
        "Unknown grades",
        f"{plural(len(unknown_all), 'graded inspection')} whose grades no source knows (kept, "
        "with grades unknown: the inspection happened and was graded)"
        + (": " + "; ".join(unknown_all) if unknown_all else "")
        + ".",
    )
    notes.add(
        "Unknown grades",
        f"{plural(len(unknown_some), 'inspection')} with grades known but some judgement no "
        "source gives, kept as a judgement made whose grade is unknown (Inspection.unknown)"
        + (": " + "; ".join(unknown_some) if unknown_some else "")
        + ".",
    )
    notes.add(
        "Sources",
        f"{plural(disagreements, 'disagreement')} between sources on a kind, date or grade, "
        "each listed under Disagreements with the value kept.",
    )
    return histories


def _known_note(known: Report, event: Event) -> str:
    """What a hand-written judgement added to the other sources' report, or that it agrees."""
    others = [r for r in event.reports if r is not known]
    added = []
    if known.start and not any(r.start for r in others):
        added.append(f"fieldwork {known.start.isoformat()} to {_show(known.end)}")
    for category, grade in (known.grades or {}).items():
        if not any(r.grades and category in r.grades for r in others):
            added.append(f"{category.value} {grade.value}")
    told = and_([SOURCES[r.source] for r in others]) or "no other source"
    return f"{_describe(known)}: " + (
        f"adds {and_(added)} to {told}" if added else f"agrees with {told}, adding nothing"
    )


def precedence_notes(notes: Notes) -> None:
    """The rules, written into the notes."""
    for key, description in SOURCES.items():
        notes.add("Sources", f"{key}: {description}.")
    for field, order in PRECEDENCE.items():
        notes.add("Sources", f"{field}: {' > '.join(order)} ({WHY[field]}).")
    notes.add(
        "Sources",
        f"Reports of two sources are one report when of the same council and published at "
        f"most {MATCH_DAYS} days apart, their frameworks agreeing (or one only inferred). "
        "Ofsted's tables hold every graded inspection to 2023 and every ILACS inspection "
        f"with fieldwork to {OFSTED_COMPLETE_UNTIL.isoformat()}; a report only another "
        "source has in that span is listed under Disagreements and kept.",
    )

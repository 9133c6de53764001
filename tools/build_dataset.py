"""Build the bundled national dataset, ``ofstedmodel.datasets``, from ``data/raw``.

    .venv/bin/python tools/build_dataset.py [OUTPUT_DIR]

Reads every source (see ``data/raw/PROVENANCE.md``): Ofsted's own tables of every council's
inspections 2009-2023 and of ILACS inspections 2018-2025, the grades and dates printed on the
SIF reports, the D2I scrape of the reports (with its declared corrections, read by
``ofstedmodel.io.read_d2i_history``) and the hand-written known judgements; builds every
council, current and former; matches the sources' reports and settles each field by the
precedence rules of ``tools/build/reconcile.py``; and writes, into OUTPUT_DIR (by default
``src/ofstedmodel/datasets``):

- ``ofsted.csv``: every council and inspection, in the library's own CSV format;
- ``councils.json``: every council and the other names that find it, for the register
  (``ofstedmodel.register.bundled``), which the readers use without reading the inspections;
- ``meta.json``: snapshot date, sources, counts and the build notes;
- ``DATA-NOTES.md``: the same notes for people, with the attribution.

The output depends on nothing but the raw files, so a re-run gives byte-identical files: the
tests check that the bundled files are up to date that way. Every interpretation, correction
and disagreement is written to the notes; the build stops with an error rather than drop,
guess or silently fix anything else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Mapping
from pathlib import Path

from build.common import RAW, REPO, BuildError, Notes, read_rows
from build.councils import build_councils
from build.d2i import HISTORY_FILE, correct_history
from build.d2i import reports as d2i_reports
from build.reconcile import precedence_notes, reconcile
from build.sources import (
    ILACS_FILE,
    KNOWN_FILE,
    SIF_FILE,
    TABLE_FILE,
    known,
    ofsted_ilacs,
    ofsted_table,
    sif_reports,
)

from ofstedmodel import Council, History
from ofstedmodel.io import write_csv
from ofstedmodel.register import CouncilRegister

DEFAULT_OUTPUT = REPO / "src" / "ofstedmodel" / "datasets"
LOOKUP_FILE = "d2i-la-lookup.csv"
OLD_CODES_FILE = "old-la-codes.csv"
DATA_FILE = "ofsted.csv"
COUNCILS_FILE = "councils.json"
META_FILE = "meta.json"
NOTES_FILE = "DATA-NOTES.md"

AS_OF = dt.date(2026, 8, 22)
SOURCE_REPOSITORY = "data-to-insight/ofsted-ilacs-scrape-tool"
SOURCE_COMMIT = "54af59bf7856a26530b1eeb45c1c1c146f34cb8a"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Sources: Ofsted's official statistics (Children's social care data in England 2023; "
    "Local authority inspection outcomes as at 31 March 2025) and Ofsted inspection reports "
    "of local authority children's services (Crown copyright), the reports as compiled by "
    "the data-to-insight/ofsted-ilacs-scrape-tool repository (MIT licence), snapshot of "
    f"{AS_OF.isoformat()}, commit {SOURCE_COMMIT}."
)


def council_record(council: Council) -> dict[str, object]:
    """A council as ``councils.json`` holds it: the keyword arguments of ``Council``."""
    return {
        "name": council.name,
        "la_code": council.la_code,
        "gss_code": council.gss_code,
        "urn": council.urn,
        "region": None if council.region is None else council.region.label,
        "kind": None if council.kind is None else council.kind.value,
        "statistical_neighbours": list(council.statistical_neighbours),
        "predecessors": list(council.predecessors),
        "successors": list(council.successors),
        "created": None if council.created is None else council.created.isoformat(),
        "abolished": None if council.abolished is None else council.abolished.isoformat(),
        "population_0_25": council.population_0_25,
    }


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
    notes = Notes()
    precedence_notes(notes)
    _, lookup = read_rows(RAW / LOOKUP_FILE)
    _, old_codes = read_rows(RAW / OLD_CODES_FILE)
    header, history_rows = read_rows(RAW / HISTORY_FILE)
    _, table_rows = read_rows(RAW / TABLE_FILE)

    councils, aliases = build_councils(lookup, history_rows, old_codes, table_rows, notes)
    by_code = {c.la_code: c for c in councils}
    register = CouncilRegister(councils, aliases)
    corrected = correct_history(history_rows, {c.urn: c for c in councils if c.urn}, notes)
    reports = [
        *ofsted_table(table_rows, register, notes),
        *ofsted_ilacs(read_rows(RAW / ILACS_FILE)[1], register, notes),
        *sif_reports(read_rows(RAW / SIF_FILE)[1], notes),
        *d2i_reports(header, corrected, councils, aliases, notes),
        *known(read_rows(RAW / KNOWN_FILE)[1]),
    ]
    histories = reconcile(reports, by_code, notes)
    # Every council, with or without inspections, in the order built.
    complete = {c.la_code: histories.get(c.la_code, History(c)) for c in councils}
    inspections = sum(len(h) for h in complete.values())

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
        "notes": notes.lines(),
    }
    register = {
        "councils": [council_record(c) for c in councils],
        "aliases": aliases,
    }
    (output / COUNCILS_FILE).write_text(
        json.dumps(register, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
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

"""Paths, the build's error and its notes."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
RAW = REPO / "data" / "raw"


class BuildError(Exception):
    """The raw data holds something the declared tables do not account for."""


#: The topics of the notes, in the order they are listed.
TOPICS = (
    "Sources",
    "Councils",
    "Region",
    "Kind",
    "Population",
    "Aliases",
    "History",
    "Reader",
    "Reading Ofsted's tables",
    "Disagreements",
    "Known judgements",
    "Unknown grades",
    "Kept as given",
)


@dataclass
class Notes:
    """The build's notes, each under one of :data:`TOPICS`."""

    items: list[tuple[str, str]] = field(default_factory=list)

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


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV file (a leading byte-order mark is dropped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or ()), list(reader)


def split_codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def and_(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 report``, ``2 reports``."""
    return f"{count} {word if count == 1 else (words or word + 's')}"

"""What every source says about one report, in one shape: :class:`Report`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ofstedmodel import Category, Framework, Grade, InspectionKind


@dataclass(frozen=True)
class Report:
    """One source's record of one published report.

    ``framework`` and ``kind`` are what the source says, or what its reader inferred when
    ``stated`` is false (an inferred kind never wins over a stated one, and never counts as a
    disagreement); likewise a publication date it borrowed from another source, when ``dated``
    is false. ``grades`` is ``None`` when the source does not know the grades;
    ``not_judged`` lists categories the source says were not judged.
    """

    source: str
    where: str
    council: str
    framework: Framework
    kind: InspectionKind
    published: dt.date
    start: dt.date | None = None
    end: dt.date | None = None
    grades: Mapping[Category, Grade] | None = None
    not_judged: frozenset[Category] = field(default_factory=frozenset)
    link: str | None = None
    stated: bool = True
    #: Whether the source gives the publication date itself (not borrowed from another).
    dated: bool = True

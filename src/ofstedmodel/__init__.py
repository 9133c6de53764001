"""ofstedmodel: Ofsted's judgements of English councils' children's services, as typed data.

    >>> import ofstedmodel as om
    >>> om.Grade.parse("RI") < om.Grade.GOOD
    True

Nothing is loaded at import: the bundled data is read on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .councils import Council, CouncilKind, OfstedRegion, Region
from .direction import Direction
from .errors import (
    CategoryError,
    CouncilError,
    DateError,
    GradeError,
    HistoryError,
    InspectionError,
    LoadError,
    NotGradedError,
    OfstedModelError,
)
from .frameworks import Category, Era, Framework, InspectionKind
from .grades import Grade
from .inspections import Inspection, Judgement

__all__ = [
    "Category",
    "CategoryError",
    "Change",
    "Comparison",
    "Council",
    "CouncilError",
    "CouncilKind",
    "DateError",
    "Digest",
    "Direction",
    "Era",
    "Framework",
    "Grade",
    "GradeError",
    "GroupedSummary",
    "History",
    "HistoryError",
    "Inspection",
    "InspectionError",
    "InspectionKind",
    "Judgement",
    "LeftOut",
    "LoadError",
    "Move",
    "Movement",
    "NextInspection",
    "NotGradedError",
    "OfstedModelError",
    "OfstedRegion",
    "Peers",
    "Point",
    "Region",
    "Snapshot",
    "Standing",
    "Standings",
    "Streak",
    "Summary",
    "Trajectory",
    "Transitions",
    "Turnaround",
    "Turnarounds",
    "__version__",
    "compare",
    "compare_succession",
    "describe",
    "digest",
    "next_inspection",
    "peers",
    "series",
    "snapshot_date",
    "standings",
    "summarise",
    "transitions",
    "turnarounds",
]

# Submodules with data or optional dependencies, and the layers above the things of the
# domain, load on first use so that `import ofstedmodel` stays fast: `om.datasets`, `om.io`,
# `om.plot` (needs matplotlib), `om.strategies` (needs hypothesis), and the names below.
_LAZY = ("datasets", "io", "plot", "strategies")
_LAZY_NAMES = {
    "Change": "changes",
    "Comparison": "changes",
    "compare": "changes",
    "compare_succession": "changes",
    "NextInspection": "due",
    "Digest": "digests",
    "Move": "digests",
    "Movement": "digests",
    "digest": "digests",
    "Standing": "standing",
    "Standings": "standing",
    "standings": "standing",
    "Turnaround": "turnaround",
    "Turnarounds": "turnaround",
    "turnarounds": "turnaround",
    "next_inspection": "due",
    "Snapshot": "history",
    "snapshot_date": "history",
    "History": "history",
    "Point": "trajectories",
    "Streak": "trajectories",
    "Trajectory": "trajectories",
    "LeftOut": "populations",
    "GroupedSummary": "populations",
    "Peers": "populations",
    "Summary": "populations",
    "Transitions": "populations",
    "peers": "populations",
    "series": "populations",
    "summarise": "populations",
    "transitions": "populations",
    "describe": "narrative",
}

if TYPE_CHECKING:
    from . import datasets, io, plot, strategies  # noqa: F401
    from .changes import Change, Comparison, compare, compare_succession
    from .digests import Digest, Move, Movement, digest
    from .due import NextInspection, next_inspection
    from .history import History, Snapshot, snapshot_date
    from .narrative import describe
    from .populations import (
        GroupedSummary,
        LeftOut,
        Peers,
        Summary,
        Transitions,
        peers,
        series,
        summarise,
        transitions,
    )
    from .standing import Standing, Standings, standings
    from .trajectories import Point, Streak, Trajectory
    from .turnaround import Turnaround, Turnarounds, turnarounds


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(f".{_LAZY_NAMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ofstedmodel' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, *_LAZY])

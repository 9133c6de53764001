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
from .changes import Change, Comparison, compare
from .councils import Council, CouncilKind, Region
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
from .history import History
from .inspections import Inspection, Judgement
from .narrative import describe
from .populations import Peers, Summary, Transitions, peers, series, summarise, transitions
from .trajectories import Point, Streak, Trajectory

__all__ = [
    "Category",
    "CategoryError",
    "Change",
    "Comparison",
    "Council",
    "CouncilError",
    "CouncilKind",
    "DateError",
    "Direction",
    "Era",
    "Framework",
    "Grade",
    "GradeError",
    "History",
    "HistoryError",
    "Inspection",
    "InspectionError",
    "InspectionKind",
    "Judgement",
    "LoadError",
    "NotGradedError",
    "OfstedModelError",
    "Peers",
    "Point",
    "Region",
    "Streak",
    "Summary",
    "Trajectory",
    "Transitions",
    "__version__",
    "compare",
    "describe",
    "peers",
    "series",
    "summarise",
    "transitions",
]

# Submodules with data or optional dependencies load on first use, so `import ofstedmodel`
# stays fast: `om.datasets`, `om.io`, `om.strategies` (needs hypothesis).
_LAZY = ("datasets", "io", "strategies")

if TYPE_CHECKING:
    from . import datasets, io, strategies  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'ofstedmodel' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, *_LAZY])

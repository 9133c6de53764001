"""ofstedmodel: Ofsted's judgements of English councils' children's services, as typed data.

    >>> import ofstedmodel as om
    >>> om.Grade.parse("RI") < om.Grade.GOOD
    True

Nothing is loaded at import: the bundled data is read on first use.
"""

from __future__ import annotations

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
    "Point",
    "Region",
    "Streak",
    "Trajectory",
    "__version__",
    "compare",
    "describe",
]

"""ofstedmodel: Ofsted's judgements of English councils' children's services, as typed data.

    >>> import ofstedmodel as om
    >>> om.Grade.parse("RI") < om.Grade.GOOD
    True

Nothing is loaded at import: the bundled data is read on first use.
"""

from __future__ import annotations

from ._version import __version__
from .councils import Council, CouncilKind, Region
from .direction import Direction
from .errors import (
    CategoryError,
    CouncilError,
    DateError,
    GradeError,
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
    "Council",
    "CouncilError",
    "CouncilKind",
    "DateError",
    "Direction",
    "Era",
    "Framework",
    "Grade",
    "GradeError",
    "Inspection",
    "InspectionError",
    "InspectionKind",
    "Judgement",
    "LoadError",
    "NotGradedError",
    "OfstedModelError",
    "Region",
    "__version__",
]

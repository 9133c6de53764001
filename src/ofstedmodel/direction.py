"""Direction: which way a council's grades moved."""

from __future__ import annotations

import enum

__all__ = ["Direction"]


class Direction(enum.Enum):
    """The direction of a change or a trajectory.

    ``MIXED`` is for comparisons where some judgements rose and others fell; ``UNKNOWN`` where
    a grade on either side is not known.
    """

    # Members are singletons compared by identity: hash them by identity too, in C, instead
    # of Enum's Python-level hash of the name (a hot path when building inspections).
    __hash__ = object.__hash__

    IMPROVING = "improving"
    DECLINING = "declining"
    STABLE = "stable"
    MIXED = "mixed"
    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return f"<Direction.{self.name}>"

    def __str__(self) -> str:
        return self.value

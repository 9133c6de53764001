"""Direction: which way a council's grades moved."""

from __future__ import annotations

from ._enums import VocabularyEnum, locked

__all__ = ["Direction"]


@locked
class Direction(VocabularyEnum):
    """The direction of a change or a trajectory.

    ``MIXED`` is for comparisons where some judgements rose and others fell; ``UNKNOWN`` where
    a grade on either side is not known.

    >>> import ofstedmodel as om
    >>> om.datasets.history("Rotherham").trajectory().direction
    <Direction.IMPROVING>
    """

    IMPROVING = "improving"
    DECLINING = "declining"
    STABLE = "stable"
    MIXED = "mixed"
    UNKNOWN = "unknown"

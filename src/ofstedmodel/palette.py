"""The colours of the grades, shared by the charts and the notebook display.

Okabe and Ito's colour-blind-safe palette: the blues for the better grades, orange and
vermilion for the worse, yellow for the pre-2013 *adequate* (a grade of its own, never merged
with *requires improvement*). Each colour comes with the text colour readable on it.

    >>> from ofstedmodel import Grade
    >>> GRADE_COLOURS[Grade.INADEQUATE], TEXT_ON[Grade.INADEQUATE]
    ('#D55E00', '#000000')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .grades import Grade

__all__ = ["GRADE_COLOURS", "TEXT_ON", "UNKNOWN_COLOUR"]

#: Each grade's colour, from Okabe and Ito's palette.
GRADE_COLOURS: Mapping[Grade, str] = MappingProxyType(
    {
        Grade.OUTSTANDING: "#0072B2",
        Grade.GOOD: "#56B4E9",
        Grade.REQUIRES_IMPROVEMENT: "#E69F00",
        Grade.ADEQUATE: "#F0E442",
        Grade.INADEQUATE: "#D55E00",
    }
)

#: The text colour with the higher contrast on each grade's colour (WCAG relative luminance).
TEXT_ON: Mapping[Grade, str] = MappingProxyType(
    {grade: "#FFFFFF" if grade is Grade.OUTSTANDING else "#000000" for grade in GRADE_COLOURS}
)

#: The colour of a grade the data does not know (never the colour of a grade).
UNKNOWN_COLOUR = "#BBBBBB"

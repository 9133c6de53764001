"""Grades: Ofsted's four-point scale and the pre-2013 ``Adequate``.

Better is greater, so sorting puts the worst first::

    >>> from ofstedmodel import Grade
    >>> sorted([Grade.GOOD, Grade.INADEQUATE, Grade.OUTSTANDING])
    [<Grade.INADEQUATE: 4>, <Grade.GOOD: 2>, <Grade.OUTSTANDING: 1>]
    >>> Grade.GOOD > Grade.REQUIRES_IMPROVEMENT
    True

``ADEQUATE`` stands level with ``REQUIRES_IMPROVEMENT`` (neither is greater) but is a
different grade: Ofsted replaced it in November 2013 because adequate was not good enough::

    >>> Grade.ADEQUATE < Grade.REQUIRES_IMPROVEMENT, Grade.ADEQUATE > Grade.REQUIRES_IMPROVEMENT
    (False, False)
    >>> Grade.ADEQUATE == Grade.REQUIRES_IMPROVEMENT
    False
"""

from __future__ import annotations

from ._enums import VocabularyEnum, declare, locked
from .errors import GradeError

__all__ = ["Grade"]


@locked
class Grade(VocabularyEnum):
    """One of Ofsted's grades. The value is the grade's plain name.

    :meth:`parse` reads any label Ofsted or users write, in any case, spacing and punctuation,
    the usual abbreviations, and Ofsted's code 1-4 as an int or a string (code 3 is requires
    improvement: adequate is never inferred from a number):

    >>> [Grade.parse(t).name for t in ("Requires Improvement", "R.I.", "Req. improvement")]
    ['REQUIRES_IMPROVEMENT', 'REQUIRES_IMPROVEMENT', 'REQUIRES_IMPROVEMENT']
    >>> Grade.parse(2), Grade.parse(" 4 "), Grade.parse("adequate")
    (<Grade.GOOD: 2>, <Grade.INADEQUATE: 4>, <Grade.ADEQUATE: 3>)
    >>> Grade.parse("goood")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.GradeError: 'goood' is not a grade (did you mean 'good'?); accepted: ...
    """

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires improvement"
    INADEQUATE = "inadequate"
    ADEQUATE = "adequate"

    def __repr__(self) -> str:
        return f"<Grade.{self.name}: {self.code}>"

    def __str__(self) -> str:
        return self.value

    @property
    def code(self) -> int:
        """Ofsted's number for the grade, 1 best.

        >>> Grade.OUTSTANDING.code, Grade.REQUIRES_IMPROVEMENT.code, Grade.ADEQUATE.code
        (1, 3, 3)
        """
        return _CODES[self]

    @property
    def label(self) -> str:
        """The official wording.

        >>> Grade.REQUIRES_IMPROVEMENT.label
        'Requires improvement to be good'
        """
        return _LABELS[self]

    @property
    def is_good_or_better(self) -> bool:
        """Whether the grade counts towards Ofsted's headline "good or outstanding".

        >>> Grade.GOOD.is_good_or_better, Grade.ADEQUATE.is_good_or_better
        (True, False)
        """
        return _CODES[self] <= 2

    # Ordering is defined once, through the code: better (a lower code) is greater.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return _CODES[self] > _CODES[other]

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return _CODES[self] >= _CODES[other]

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return _CODES[self] < _CODES[other]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Grade):
            return NotImplemented
        return _CODES[self] <= _CODES[other]


_CODES = {
    Grade.OUTSTANDING: 1,
    Grade.GOOD: 2,
    Grade.REQUIRES_IMPROVEMENT: 3,
    Grade.ADEQUATE: 3,
    Grade.INADEQUATE: 4,
}
_LABELS = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement to be good",
    Grade.ADEQUATE: "Adequate",
    Grade.INADEQUATE: "Inadequate",
}
# Code 3 is requires improvement: adequate is never inferred from a number.
_BY_CODE = {1: Grade.OUTSTANDING, 2: Grade.GOOD, 3: Grade.REQUIRES_IMPROVEMENT, 4: Grade.INADEQUATE}
#: Every spelling of a grade besides its name: Ofsted's wording, the usual abbreviations and
#: the codes. Compared without case, spaces or punctuation, so "R.I." is "ri".
_ALIASES: dict[str, Grade] = {
    "outstanding": Grade.OUTSTANDING,
    "good": Grade.GOOD,
    "requires improvement to be good": Grade.REQUIRES_IMPROVEMENT,
    "requires improvement": Grade.REQUIRES_IMPROVEMENT,
    "require improvement": Grade.REQUIRES_IMPROVEMENT,
    "requiring improvement": Grade.REQUIRES_IMPROVEMENT,
    "req improvement": Grade.REQUIRES_IMPROVEMENT,
    "req imp": Grade.REQUIRES_IMPROVEMENT,
    "ri": Grade.REQUIRES_IMPROVEMENT,
    "inadequate": Grade.INADEQUATE,
    "adequate": Grade.ADEQUATE,
    **{str(code): grade for code, grade in _BY_CODE.items()},
    **{f"grade {code}": grade for code, grade in _BY_CODE.items()},
}
declare(
    Grade,
    GradeError,
    "a grade",
    [*_ALIASES.items(), *((label, grade) for grade, label in _LABELS.items())],
    accepted=_ALIASES,  # every spelling: the list is short and each one reads
    codes=_BY_CODE,
)

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

from ._coerce import normalise_text, shown
from ._enums import VocabularyEnum, locked
from .errors import GradeError

__all__ = ["Grade"]


@locked
class Grade(VocabularyEnum):
    """One of Ofsted's grades. The value is the grade's plain name."""

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

    @classmethod
    def parse(cls, value: object) -> Grade:
        """The grade that ``value`` names: a label in any case and punctuation, a usual
        abbreviation, or Ofsted's code 1-4 as an int or a string.

        >>> [Grade.parse(t).name for t in ("Requires Improvement", "R.I.", "Req. improvement")]
        ['REQUIRES_IMPROVEMENT', 'REQUIRES_IMPROVEMENT', 'REQUIRES_IMPROVEMENT']
        >>> Grade.parse(2), Grade.parse(" 4 "), Grade.parse("adequate")
        (<Grade.GOOD: 2>, <Grade.INADEQUATE: 4>, <Grade.ADEQUATE: 3>)
        >>> Grade.parse("goood")
        Traceback (most recent call last):
        ...
        ofstedmodel.errors.GradeError: 'goood' is not a grade (did you mean 'good'?); accepted: ...
        """
        if isinstance(value, Grade):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            grade = _BY_CODE.get(value)
            if grade is not None:
                return grade
            raise GradeError(
                f"{shown(value)} is not a grade code; Ofsted's codes are 1 (outstanding), "
                "2 (good), 3 (requires improvement) and 4 (inadequate)"
            )
        if isinstance(value, str):
            key = normalise_text(value)
            # Compared without spaces, so punctuation inside a word ("R.I.") still reads.
            grade = _COMPACT_ALIASES.get(key.replace(" ", ""))
            if grade is not None:
                return grade
            import difflib  # only on the error path: keeps import fast

            nearest = difflib.get_close_matches(key, _ALIASES, n=1, cutoff=0.6)
            hint = f" (did you mean {shown(nearest[0])}?)" if nearest else ""
            raise GradeError(f"{shown(value)} is not a grade{hint}; accepted: {_ACCEPTED}")
        raise GradeError(
            f"{shown(value)} ({type(value).__name__}) is not a grade; give a Grade, a label "
            f"such as "
            f"'good' or a code 1-4; accepted labels: {_ACCEPTED}"
        )


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
_COMPACT_ALIASES = {key.replace(" ", ""): grade for key, grade in _ALIASES.items()}
_ACCEPTED = ", ".join(repr(label) for label in _ALIASES)

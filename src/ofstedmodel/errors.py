"""The errors the library raises on bad input.

Every one subclasses :class:`OfstedModelError`, itself a :class:`ValueError`, so a caller can
catch the library's complaints about its input in one place::

    >>> import ofstedmodel as om
    >>> try:
    ...     om.Grade.parse("excellent")
    ... except om.OfstedModelError as error:
    ...     print(type(error).__name__)
    GradeError
"""

from __future__ import annotations

__all__ = [
    "CategoryError",
    "CouncilError",
    "DateError",
    "GradeError",
    "HistoryError",
    "InspectionError",
    "LoadError",
    "NotGradedError",
    "OfstedModelError",
]


class OfstedModelError(ValueError):
    """Base of every error the library raises because of bad input."""


class GradeError(OfstedModelError):
    """A value that is not a grade, or a grade from the wrong scale."""


class CategoryError(OfstedModelError):
    """A value that is not a judgement category, framework or kind of inspection."""


class DateError(OfstedModelError):
    """A value that is not a date the library can read."""


class CouncilError(OfstedModelError):
    """A bad council: a malformed code, an unknown name, or inconsistent identifiers."""


class InspectionError(OfstedModelError):
    """An inspection that breaks a rule of the domain; the message names the rule."""


class NotGradedError(InspectionError, KeyError):
    """``inspection[category]`` for a category the inspection did not grade.

    It is also a :class:`KeyError`, so mapping-style code that expects one keeps working.
    """

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable.
        return str(self.args[0]) if self.args else ""


class LoadError(OfstedModelError):
    """A problem found while reading a file; ``.problem`` says where and what."""

    def __init__(self, message: str, problem: object = None) -> None:
        super().__init__(message)
        self.problem = problem


class HistoryError(OfstedModelError):
    """A history that cannot be: another council's inspection, or the same report twice."""

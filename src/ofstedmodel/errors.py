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
    """A value that is not a grade, or a grade from the wrong scale.

    >>> import ofstedmodel as om
    >>> om.Grade.parse(5)
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.GradeError: 5 is not a grade code; Ofsted's codes are 1 (outstanding), ...
    """


class CategoryError(OfstedModelError):
    """A value that is not a judgement category, framework or kind of inspection.

    >>> import ofstedmodel as om
    >>> om.Category.parse("finance")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.CategoryError: 'finance' is not a Category; accepted: ...
    """


class DateError(OfstedModelError):
    """A value that is not a date the library can read.

    >>> import ofstedmodel as om
    >>> om.History(om.Council("Rotherham", "372")).as_at("31/02/2020")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.DateError: as_at: '31/02/2020' is not a date; give a datetime.date, ...
    """


class CouncilError(OfstedModelError):
    """A bad council: a malformed code, an unknown name, or inconsistent identifiers.

    >>> import ofstedmodel as om
    >>> om.Council("Rotherham", "372", gss_code="E12000003")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.CouncilError: gss_code: 'E12000003' is not an ONS GSS code for a ...
    """


class InspectionError(OfstedModelError):
    """An inspection that breaks a rule of the domain; the message names the rule.

    >>> import ofstedmodel as om
    >>> om.Inspection(om.Council("Rotherham", "372"), "ILACS", "2020-01-01",
    ...               {"care leavers": "good"})
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.InspectionError: Rotherham ILACS published 2020-01-01: category not ...
    """


class NotGradedError(InspectionError, KeyError):
    """``inspection[category]`` for a category the inspection did not grade.

    It is also a :class:`KeyError`, so mapping-style code that expects one keeps working.

    >>> import ofstedmodel as om
    >>> visit = om.Inspection(om.Council("Rotherham", "372"), "ILACS", "2020-01-01",
    ...                       {"overall": "good"})
    >>> try:
    ...     visit["care leavers"]
    ... except KeyError as error:
    ...     print(type(error).__name__, isinstance(error, om.OfstedModelError))
    NotGradedError True
    """

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable.
        return str(self.args[0]) if self.args else ""


class LoadError(OfstedModelError):
    """A problem found while reading a file; ``.problem`` says where and what.

    >>> import ofstedmodel as om
    >>> try:
    ...     om.io.from_json("{}")
    ... except om.LoadError as error:
    ...     print(error.problem.column, "-", error.problem.reason)
    schema - missing: a document has schema, version, type, data
    """

    def __init__(self, message: str, problem: object = None) -> None:
        super().__init__(message)
        self.problem = problem


class HistoryError(OfstedModelError):
    """A history that cannot be: another council's inspection, or the same report twice.

    >>> import ofstedmodel as om
    >>> la = om.Council("Rotherham", "372")
    >>> report = om.Inspection(la, "SIF", "2014-11-19", {"overall": "inadequate"})
    >>> om.History(la, [report, report])
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.HistoryError: history of Rotherham (372): two SIF inspections published ...
    """

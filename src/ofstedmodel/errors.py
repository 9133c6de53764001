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

from typing import TypeVar, overload

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
    """Base of every error the library raises because of bad input.

    An error about a value outside one of the library's vocabularies (a grade, a category, a
    framework, a kind of inspection, a region, a kind of council) also carries what it found
    as data, so that a caller decides on data, never on message text: ``value`` (what was
    given), ``vocabulary`` (the enum's name, such as ``'Grade'``), ``accepted`` (the names it
    accepts, as a tuple) and ``suggestion`` (the accepted name nearest to ``value``, or
    ``None``). Other errors leave ``vocabulary`` ``None``::

        >>> import ofstedmodel as om
        >>> try:
        ...     om.Category.parse("adoptoin")
        ... except om.CategoryError as error:
        ...     print(error.vocabulary, repr(error.value), repr(error.suggestion))
        ...     print(error.accepted[:3])
        Category 'adoptoin' 'adoption'
        ('adoption', 'capacity to improve children in care', 'capacity to improve safeguarding')
    """

    #: The value refused, for an error about a vocabulary (``None`` otherwise).
    value: object = None
    #: The name of the vocabulary (the enum) the value is not in, or ``None``.
    vocabulary: str | None = None
    #: The names the vocabulary accepts (empty for other errors).
    accepted: tuple[str, ...] = ()
    #: The accepted name nearest to the value, when one is close; else ``None``.
    suggestion: str | None = None
    #: The field (constructor argument or attribute) the error is about, such as
    #: ``'published'``, ``'judgements'`` or ``'gss_code'``; ``None`` when it is about no one
    #: field.
    field: str | None = None
    #: The rule of the domain broken, in a few words (``'dates out of order'``), or ``None``.
    rule: str | None = None
    #: The :class:`~ofstedmodel.Category` of the judgement at fault, where one is.
    category: object = None
    #: The message in one clause, without the list of accepted names (for a report line).
    brief: str | None = None

    def __init__(
        self,
        *args: object,
        value: object = None,
        vocabulary: str | None = None,
        accepted: tuple[str, ...] = (),
        suggestion: str | None = None,
        field: str | None = None,
        rule: str | None = None,
        category: object = None,
        brief: str | None = None,
    ) -> None:
        super().__init__(*args)
        # Like the vocabulary's, each is set only when given.
        if field is not None:
            self.field = field
        if rule is not None:
            self.rule = rule
        if category is not None:
            self.category = category
        if brief is not None:
            self.brief = brief
        # Set only when given: the class attributes stand for "not about a vocabulary", and
        # an error's __dict__ (which pickling carries) holds only what was said.
        if value is not None or vocabulary is not None:
            self.value = value
        if vocabulary is not None:
            self.vocabulary = vocabulary
            self.accepted = tuple(accepted)
            self.suggestion = suggestion


E = TypeVar("E", bound="OfstedModelError")


@overload
def about_field(error: E, field: str) -> E: ...
@overload
def about_field(error: OfstedModelError, field: str, cls: type[E]) -> E: ...
def about_field(
    error: OfstedModelError, field: str, cls: type[OfstedModelError] | None = None
) -> OfstedModelError:
    """``error`` as an error about the argument ``field``: its message prefixed with the
    field, its data kept, of class ``cls`` (by default its own)."""
    return (cls or type(error))(
        f"{field}: {error}",
        value=error.value,
        vocabulary=error.vocabulary,
        accepted=error.accepted,
        suggestion=error.suggestion,
        field=field,
        brief=error.brief,
    )


class GradeError(OfstedModelError):
    """A value that is not a grade, or a grade from the wrong scale.

    >>> import ofstedmodel as om
    >>> om.Grade.parse(5)
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.GradeError: 5 is not a grade code; Ofsted's codes are 1 (outstanding), ...
    >>> try:
    ...     om.Grade.parse("Goood")
    ... except om.GradeError as error:
    ...     print(error.value, error.suggestion, error.accepted[:4])
    Goood good ('outstanding', 'good', 'requires improvement to be good', 'requires improvement')
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
    """A bad council: a malformed code, an unknown name, or inconsistent identifiers; also a
    value that is not a region, an Ofsted region or a kind of council.

    >>> import ofstedmodel as om
    >>> om.Council("Rotherham", "372", gss_code="E12000003")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.CouncilError: gss_code: 'E12000003' is not an ONS GSS code for a ...
    """


class InspectionError(OfstedModelError):
    """An inspection that breaks a rule of the domain; the message names the rule, and the
    error carries it as data: ``rule``, ``field`` (the argument at fault: ``'end'``,
    ``'published'``, ``'framework'``, ``'kind'``, ``'judgements'``, ``'unknown'`` or
    ``'grades_known'``) and, for a judgement, ``category``.

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

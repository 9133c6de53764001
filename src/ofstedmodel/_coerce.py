"""Normalising input at the edge: dates and free text (internal)."""

from __future__ import annotations

import datetime as _dt
import re

from .errors import DateError, OfstedModelError

__all__ = ["a", "normalise_text", "shown", "to_date", "to_optional_date"]

_PUNCTUATION = re.compile(r"[^a-z0-9]+")


def normalise_text(text: str) -> str:
    """Lower-case, ``&`` as ``and``, punctuation and runs of spaces as one space."""
    return _PUNCTUATION.sub(" ", text.lower().replace("&", " and ")).strip()


def shown(value: object, limit: int = 120) -> str:
    """``repr(value)`` for an error message: cut short when long, and never failing (the repr
    of an int of more than 4,300 digits raises, as may a caller's own ``__repr__``).

    >>> shown("good"), shown("x" * 300)[-5:], shown(10**5000)
    ("'good'", 'xx...', '<int too long to show>')
    """
    try:
        text = repr(value)
    except Exception:
        if isinstance(value, int):
            return "<int too long to show>"
        return f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the noun agreeing with it, in digits: "1 council", "2 councils",
    "3 histories" (given the plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def a(noun: str) -> str:
    """``noun`` with its indefinite article: "a focused visit", "an ILACS short inspection"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def to_date(
    value: object, what: str = "date", error: type[OfstedModelError] = DateError
) -> _dt.date:
    """A :class:`datetime.date` from a date, a datetime (its date part) or an ISO string."""
    if value.__class__ is _dt.date:  # the common case, first
        return value
    if isinstance(value, _dt.date):
        # A datetime gives its date; any other subclass (pandas.Timestamp, or pandas.NaT,
        # which claims to be a datetime but has no date) is rebuilt as a plain date or refused.
        try:
            return _dt.date(value.year, value.month, value.day)
        except (TypeError, ValueError, AttributeError):
            pass
    if isinstance(value, str):
        text = value.strip()
        try:
            return _dt.date.fromisoformat(
                text[:10] if len(text) > 10 and text[10] in "T " else text
            )
        except ValueError:
            pass
    raise error(
        f"{what}: {shown(value)} is not a date; give a datetime.date, a datetime or an ISO "
        "string such as '2018-01-29'",
        value=value,
        field=what,
        rule="not a date",
        brief=f"{shown(value)} is not a date",
    )


def to_optional_date(
    value: object, what: str = "date", error: type[OfstedModelError] = DateError
) -> _dt.date | None:
    """Like :func:`to_date`, but ``None`` (and an empty string) stay ``None``."""
    if value is None:
        return None
    if value.__class__ is _dt.date:
        return value
    if isinstance(value, str) and value == "":
        return None
    return to_date(value, what, error)

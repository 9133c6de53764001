"""Normalising input at the edge: dates and free text (internal)."""

from __future__ import annotations

import datetime as _dt
import re

from .errors import DateError, OfstedModelError

__all__ = ["a", "normalise_text", "to_date", "to_optional_date"]

_PUNCTUATION = re.compile(r"[^a-z0-9]+")


def normalise_text(text: str) -> str:
    """Lower-case, ``&`` as ``and``, punctuation and runs of spaces as one space."""
    return _PUNCTUATION.sub(" ", text.lower().replace("&", " and ")).strip()


def a(noun: str) -> str:
    """``noun`` with its indefinite article: "a focused visit", "an ILACS short inspection"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def to_date(
    value: object, what: str = "date", error: type[OfstedModelError] = DateError
) -> _dt.date:
    """A :class:`datetime.date` from a date, a datetime (its date part) or an ISO string."""
    if value.__class__ is _dt.date:  # the common case, first
        return value
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return _dt.date.fromisoformat(
                text[:10] if len(text) > 10 and text[10] in "T " else text
            )
        except ValueError:
            pass
    raise error(
        f"{what}: {value!r} is not a date; give a datetime.date, a datetime or an ISO "
        "string such as '2018-01-29'"
    )


def to_optional_date(
    value: object, what: str = "date", error: type[OfstedModelError] = DateError
) -> _dt.date | None:
    """Like :func:`to_date`, but ``None`` (and an empty string) stay ``None``."""
    if value is None:
        return None
    if value.__class__ is _dt.date:
        return value
    if value == "":
        return None
    return to_date(value, what, error)

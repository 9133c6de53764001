"""The base of the vocabulary enums (internal): members hashed by identity, closed to change.

>>> import ofstedmodel as om
>>> om.Grade.GOOD.note = "mine"
Traceback (most recent call last):
...
AttributeError: Grade.GOOD is immutable: cannot set 'note'
"""

from __future__ import annotations

import enum
from typing import TypeVar

__all__ = ["VocabularyEnum", "locked"]

_LOCKED: set[type] = set()
E = TypeVar("E", bound=type)


class VocabularyEnum(enum.Enum):
    """Members are singletons compared by identity: hash them by identity too, in C, instead
    of Enum's Python-level hash of the name (a hot path when building inspections). Once its
    class is :func:`locked`, a member takes no new attribute and loses none."""

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}>"

    def __str__(self) -> str:
        return str(self.value)

    def __setattr__(self, name: str, value: object) -> None:
        if type(self) in _LOCKED:
            raise AttributeError(
                f"{type(self).__name__}.{self.name} is immutable: cannot set {name!r}"
            )
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        if type(self) in _LOCKED:
            raise AttributeError(
                f"{type(self).__name__}.{self.name} is immutable: cannot delete {name!r}"
            )
        super().__delattr__(name)


def locked(cls: E) -> E:
    """Close the members of ``cls`` to change (a class decorator, applied after the members
    exist: the enum machinery sets their attributes while it builds them)."""
    _LOCKED.add(cls)
    return cls

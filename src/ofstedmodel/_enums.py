"""The base of the vocabulary enums (internal): members hashed by identity, closed to change,
and read from text by one :meth:`VocabularyEnum.parse`.

>>> import ofstedmodel as om
>>> om.Grade.GOOD.note = "mine"
Traceback (most recent call last):
...
AttributeError: Grade.GOOD is immutable: cannot set 'note'

Every vocabulary enum reads text the same way, and refuses what it cannot read the same way:
the error names the value, suggests the nearest accepted name when one is close, lists what is
accepted, and carries all of that as data (see :class:`~ofstedmodel.OfstedModelError`)::

>>> om.Region.parse("Londn")
Traceback (most recent call last):
...
ofstedmodel.errors.CouncilError: 'Londn' is not an English region (did you mean 'london'?); ...
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import ClassVar, Concatenate, ParamSpec, TypeVar

from ._coerce import a, normalise_text, shown
from .errors import OfstedModelError

__all__ = ["Vocabulary", "VocabularyEnum", "declare", "locked"]

_LOCKED: set[type] = set()
E = TypeVar("E", bound=type)
V = TypeVar("V", bound="VocabularyEnum")

# What is left of text once case, punctuation and spaces are set aside: the key of every
# alias table. "R.I.", "ri" and "R I" are one key; "&" reads as "and".
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    """``text`` as an alias key: :func:`normalise_text` without its spaces."""
    return _NOT_ALPHANUMERIC.sub("", text.lower().replace("&", "and"))


class Vocabulary:
    """How a vocabulary enum reads text and refuses what is not in it: class-level data, the
    same shape for every enum, declared with :func:`declare`.

    - ``enum_cls``: the enum (each member is read by its name and its value);
    - ``error``: the :class:`~ofstedmodel.OfstedModelError` subclass raised;
    - ``noun``: what the message calls a member (``"a grade"``, ``"an English region"``);
    - ``aliases``: every other spelling, as (text, member) pairs;
    - ``accepted``: the names an error lists (by default each member's name, normalised);
    - ``note``: said after that list (such as the codes a region also goes by);
    - ``codes``: the whole numbers read as members (Ofsted's grade codes), if any.

    A plain slotted class rather than an attrs one: building attrs classes costs import time.
    """

    __slots__ = (
        "_spellings",
        "_texts",
        "accepted",
        "codes",
        "error",
        "lookup",
        "name",
        "note",
        "noun",
    )

    def __init__(
        self,
        enum_cls: type[VocabularyEnum],
        error: type[OfstedModelError],
        noun: str,
        aliases: Iterable[tuple[str, VocabularyEnum]] = (),
        *,
        accepted: Iterable[str] = (),
        note: str = "",
        codes: Mapping[int, VocabularyEnum] | None = None,
    ) -> None:
        self.name = enum_cls.__name__
        self.error = error
        self.noun = noun
        self.note = note
        self.codes: Mapping[int, VocabularyEnum] = dict(codes or {})
        keys: dict[str, VocabularyEnum] = {}
        exact: dict[str, VocabularyEnum] = {}
        named = [(text, m) for m in enum_cls for text in (m.name, str(m.value))]
        for text, member in (*named, *aliases):
            key = _key(text)
            if not key:
                raise error(f"{noun}: the alias {text!r} is empty once normalised")
            if keys.setdefault(key, member) is not member:
                raise error(f"{noun}: the alias {text!r} names both {keys[key]!r} and {member!r}")
            exact[text] = member
        #: Alias key, spelling as declared, or code -> member: the look-up of
        #: :meth:`VocabularyEnum.parse`. Text written as declared needs no normalising; a
        #: spelling in key form names what its key names (keys do not collide), and no text
        #: equals a code.
        lookup: dict[object, VocabularyEnum] = dict(keys.items())
        lookup.update(exact.items())
        lookup.update(self.codes.items())
        self.lookup: Mapping[object, VocabularyEnum] = lookup
        self._texts = tuple(exact)
        self._spellings: tuple[str, ...] | None = None
        self.accepted = tuple(accepted) or tuple(sorted({normalise_text(m.name) for m in enum_cls}))

    def __repr__(self) -> str:
        return f"<Vocabulary of {self.name}: {len(self.lookup)} spellings>"

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every spelling, normalised (with its spaces): the candidates for a suggestion.
        Worked out at the first refusal, not at import."""
        if self._spellings is None:
            self._spellings = tuple(dict.fromkeys(normalise_text(t) for t in self._texts))
        return self._spellings

    def refusal(self, value: object) -> OfstedModelError:
        """The error for ``value``, which names no member: what it is, what is accepted, and
        the nearest accepted spelling when one is close."""
        listing = ", ".join(repr(name) for name in self.accepted) + self.note
        vocabulary = self.name
        suggestion = None
        brief: str | None = None
        if isinstance(value, str):
            import difflib  # only on the error path: keeps `import ofstedmodel` fast

            nearest = difflib.get_close_matches(normalise_text(value), self.spellings, 1, 0.6)
            suggestion = nearest[0] if nearest else None
            hint = f" (did you mean {shown(suggestion)}?)" if suggestion else ""
            brief = f"{shown(value)} is not {self.noun}{hint}"
            message = f"{brief}; accepted: {listing}"
        elif self.codes and isinstance(value, int) and not isinstance(value, bool):
            each = [f"{code} ({member.value})" for code, member in self.codes.items()]
            message = (
                f"{shown(value)} is not {self.noun} code; Ofsted's codes are "
                + ", ".join(each[:-1])
                + f" and {each[-1]}"
            )
        else:
            brief = f"{shown(value)} ({type(value).__name__}) is not {self.noun}"
            codes = f", a code {min(self.codes)}-{max(self.codes)}" if self.codes else ""
            example = f" or text such as {shown(self.accepted[0])}" if self.accepted else ""
            message = (
                f"{shown(value)} ({type(value).__name__}) is not {self.noun}; give "
                f"{a(vocabulary)}{codes}{example}; accepted: {listing}"
            )
        return self.error(
            message,
            value=value,
            vocabulary=vocabulary,
            accepted=self.accepted,
            suggestion=suggestion,
            brief=brief,
        )


class _Undeclared:
    """The vocabulary of an enum that declares none (read by its members' names and values,
    refused with a plain :class:`~ofstedmodel.OfstedModelError`): built at its first use, then
    kept on the enum, so no enum pays for it at import."""

    def __get__(self, instance: object, owner: type[VocabularyEnum]) -> Vocabulary:
        vocabulary = Vocabulary(owner, OfstedModelError, a(owner.__name__))
        if owner.__members__:  # never kept on the base itself, which every enum shares
            owner._vocabulary = vocabulary
        return vocabulary


class VocabularyEnum(enum.Enum):
    """Members are singletons compared by identity: hash them by identity too, in C, instead
    of Enum's Python-level hash of the name (a hot path when building inspections). Once its
    class is :func:`locked`, a member takes no new attribute and loses none. Every subclass
    reads text with the one :meth:`parse`, by the :class:`Vocabulary` it declares."""

    __hash__ = object.__hash__

    #: Set by :func:`declare`; an enum that declares none reads its members' names and values.
    _vocabulary: ClassVar[Vocabulary]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}>"

    @classmethod
    def _missing_(cls, value: object) -> VocabularyEnum:
        # The constructor reads what parse reads (Grade("RI"), Grade(2)) and refuses with the
        # enum's own error, carrying its data, rather than Enum's bare ValueError.
        return cls.parse(value)

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

    @classmethod
    def parse(cls: type[V], value: object) -> V:
        """The member that ``value`` names: a member itself, or text in any case, spacing
        and punctuation that is one of the member's names (its name, its value, or an alias
        the enum declares); for :class:`~ofstedmodel.Grade`, also Ofsted's code 1-4.

        Anything else raises the enum's own :class:`~ofstedmodel.OfstedModelError` subclass,
        naming the value, the nearest accepted name when one is close, and what is accepted;
        the error carries them as ``value``, ``suggestion``, ``accepted`` and ``vocabulary``.

        >>> import ofstedmodel as om
        >>> om.Grade.parse("R.I."), om.Category.parse("Help & protection")
        (<Grade.REQUIRES_IMPROVEMENT: 3>, <Category.HELP_AND_PROTECTION>)
        """
        if isinstance(value, cls):  # a member: the hot path, first
            return value
        vocabulary = cls._vocabulary
        exactly = value.__class__
        if exactly is str or exactly is int:  # as written: "good", "ILACS", 2
            found = vocabulary.lookup.get(value)
            if found is not None:
                return found  # type: ignore[return-value]
        if isinstance(value, str):
            found = vocabulary.lookup.get(_key(value))
            if found is not None:
                return found  # type: ignore[return-value]
        elif vocabulary.codes and isinstance(value, int) and not isinstance(value, bool):
            found = vocabulary.codes.get(value)
            if found is not None:
                return found  # type: ignore[return-value]
        raise vocabulary.refusal(value)


# Set after the class: in its body, mypy would take it for a member.
VocabularyEnum._vocabulary = _Undeclared()  # type: ignore[assignment]


_P = ParamSpec("_P")


def _declarer(
    make: Callable[Concatenate[type[VocabularyEnum], _P], Vocabulary],
) -> Callable[Concatenate[type[VocabularyEnum], _P], None]:
    def declare(cls: type[VocabularyEnum], /, *args: _P.args, **kwargs: _P.kwargs) -> None:
        """Declare how ``cls`` reads text, with the arguments of :class:`Vocabulary`: the one
        place an enum says which error it raises and which spellings it reads besides its
        members' names and values. Declared again (as the framework tables are when tried
        out), the new declaration wins."""
        cls._vocabulary = make(cls, *args, **kwargs)

    return declare


declare = _declarer(Vocabulary)


def locked(cls: E) -> E:
    """Close the members of ``cls`` to change (a class decorator, applied after the members
    exist: the enum machinery sets their attributes while it builds them)."""
    _LOCKED.add(cls)
    return cls

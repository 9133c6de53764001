"""A table of answer rows as a read-only sequence (internal): what standings and turnarounds
share, so that each declares only its name for messages and its rows.

    >>> import ofstedmodel as om
    >>> table = om.standings(om.datasets.histories())
    >>> len(table[:3]), type(table[:3]).__name__, table[0].council.name
    (3, 'Standings', 'Barking and Dagenham')
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, TypeVar, overload

import attrs

from ._coerce import shown
from .errors import OfstedModelError

T = TypeVar("T")
R = TypeVar("R", bound="Rows")  # type: ignore[type-arg]


class Rows(Sequence[T]):
    """A frozen attrs class's ``rows`` as its sequence: indexing, slicing (a table of the same
    kind), length and iteration, with an :class:`~ofstedmodel.OfstedModelError` naming the
    table for an index that is not a position or is out of range."""

    __slots__ = ()

    #: How messages name the table and its rows, and where to look up a council.
    _name: ClassVar[str]
    _noun: ClassVar[str]
    _lookup: ClassVar[str]

    if TYPE_CHECKING:
        rows: tuple[T, ...]

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self: R, index: slice) -> R: ...

    def __getitem__(self: R, index: int | slice) -> T | R:
        if isinstance(index, slice):
            return attrs.evolve(self, rows=self.rows[index])  # type: ignore[misc]
        if not isinstance(index, int) or isinstance(index, bool):
            raise OfstedModelError(
                f"{self._name}[{shown(index)}]: give a position or a slice; {self._lookup}",
                field="index",
            )
        try:
            return self.rows[index]  # type: ignore[no-any-return]
        except IndexError:
            raise OfstedModelError(
                f"{self._name}[{shown(index)}]: there are {len(self.rows)} {self._noun}",
                field="index",
            ) from None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows)

"""Helpers the robustness suite's modules share: reading a D2I file with the bundled register,
a file that gives only its lines, and checking that a change is refused."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

import attrs

from ofstedmodel.io import LoadResult, read_d2i_history

from .values import REGISTER

REFUSED = (attrs.exceptions.FrozenInstanceError, AttributeError, TypeError)


def read_d2i(path: object, errors: str = "collect") -> LoadResult:
    return read_d2i_history(path, REGISTER, errors=errors)


class LinesOnly(io.TextIOBase):
    """An open text file that gives its lines one at a time and nothing else: ``read()`` and
    ``readlines()`` fail the test, so a reader that takes in the whole file cannot pass."""

    def __init__(self, lines: Iterable[str]) -> None:
        super().__init__()
        self._lines = iter(lines)
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        raise AssertionError("read() called: the reader takes in the whole file")

    def readlines(self, hint: int = -1) -> list[str]:  # type: ignore[override]
        raise AssertionError("readlines() called: the reader takes in the whole file")

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.served += 1
        return line

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return next(self, "")


def assert_refused(what: str, action: Callable[..., object], *args: object) -> None:
    try:
        action(*args)
    except REFUSED:
        return
    raise AssertionError(f"{what} was allowed")

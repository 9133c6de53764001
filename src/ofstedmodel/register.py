"""A register of councils, found by any key a user may hold.

>>> from ofstedmodel import Council
>>> from ofstedmodel.register import CouncilRegister
>>> register = CouncilRegister([
...     Council("Bristol, City of", "801", gss_code="E06000023", urn="80441"),
...     Council("Telford and Wrekin", "894"),
... ])
>>> [register.find(key).la_code for key in ("Bristol", "bristol city council", 80441)]
['801', '801', '801']
>>> register.find("Telford & Wrekin").la_code
'894'
>>> register.find("Bristle")
Traceback (most recent call last):
...
ofstedmodel.errors.CouncilError: no council matches 'Bristle'; closest: Bristol, City of; ...
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping

from ._coerce import normalise_text, shown
from .councils import Council
from .errors import CouncilError

__all__ = ["CouncilRegister", "bundled", "name_key", "register_of"]

_PREFIXES = ("london borough of ", "royal borough of ", "borough of ", "city of ", "county of ")
_SUFFIXES = (
    " metropolitan borough council",
    " metropolitan district council",
    " borough council",
    " county council",
    " city council",
    " district council",
    " council",
    " city of",
    " county of",
)
_GSS = re.compile(r"E\d{8}", re.IGNORECASE)


def name_key(name: str) -> str:
    """The normal form of a council's name used for matching: lower case, ``&`` as ``and``,
    no punctuation, without "City of", "Borough of", "Council" and the like.

    >>> name_key("Bristol, City of"), name_key("Telford & Wrekin Council"), name_key("St. Helens")
    ('bristol', 'telford and wrekin', 'st helens')
    >>> name_key("City of London")  # kept whole: "london" alone would be the region
    'city of london'
    """
    key = normalise_text(name)
    if key.startswith("the "):
        key = key[4:]
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if key.startswith(prefix) and key[len(prefix) :] not in ("", "london"):
                key, changed = key[len(prefix) :], True
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and key[: -len(suffix)]:
                key, changed = key[: -len(suffix)], True
    return key


class CouncilRegister:
    """Councils indexed by DfE code, GSS code, URN and name (in any usual spelling).

    ``aliases`` adds other names, or other GSS codes (a council's code before a boundary
    change, such as Barnsley's E08000016): a mapping from the name or code to a DfE code.
    A council's name written in full finds it before any other council whose name is the same
    once "Council", "County Council" and the like are dropped: "Dorset County Council" finds
    the former county council, "Dorset" today's Dorset.

    >>> register = CouncilRegister(
    ...     [Council("Dorset County Council", "835", abolished="2019-04-01"),
    ...      Council("Dorset", "838", created="2019-04-01"),
    ...      Council("Barnsley", "370", gss_code="E08000038")],
    ...     aliases={"E08000016": "370"})
    >>> [register.find(k).la_code for k in ("Dorset County Council", "Dorset", "E08000016")]
    ['835', '838', '370']
    """

    __slots__ = ("_aliases", "_by_code", "_by_full", "_by_gss", "_by_name", "_by_urn", "_councils")

    def __init__(
        self, councils: Iterable[Council], aliases: Mapping[str, str] | None = None
    ) -> None:
        self._councils: tuple[Council, ...] = tuple(councils)
        self._by_code: dict[str, Council] = {}
        self._by_gss: dict[str, Council] = {}
        self._by_urn: dict[str, Council] = {}
        self._by_name: dict[str, Council] = {}
        self._by_full: dict[str, Council] = {}
        for council in self._councils:
            if not isinstance(council, Council):
                raise CouncilError(f"register: {shown(council)} is not a Council")
            if council.la_code in self._by_code:
                raise CouncilError(f"register: DfE code {council.la_code} appears twice")
            self._by_code[council.la_code] = council
            if council.gss_code:
                self._by_gss[council.gss_code] = council
            if council.urn:
                self._by_urn[council.urn] = council
        # Current councils win a name over former ones.
        for council in sorted(self._councils, key=lambda c: c.is_current):
            self._by_name[name_key(council.name)] = council
            self._by_full[normalise_text(council.name)] = council
        self._aliases: dict[str, str] = dict(aliases or {})
        for alias, code in self._aliases.items():
            if code not in self._by_code:
                raise CouncilError(
                    f"register: alias {shown(alias)} names unknown DfE code {shown(code)}"
                )
            if _GSS.fullmatch(alias):
                self._by_gss.setdefault(alias.upper(), self._by_code[code])
            else:
                self._by_name.setdefault(name_key(alias), self._by_code[code])

    def get(self, key: object) -> Council | None:
        """The council ``key`` names, or ``None``: a DfE code, GSS code, URN or name."""
        if isinstance(key, Council):
            return self._by_code.get(key.la_code)
        if isinstance(key, int) and not isinstance(key, bool):
            if not 0 <= key < 10**12:
                return None
            key = str(key)
        if not isinstance(key, str):
            return None
        text = key.strip()
        if text.isdigit():
            return self._by_code.get(text) if len(text) == 3 else self._by_urn.get(text)
        if _GSS.fullmatch(text):
            return self._by_gss.get(text.upper())
        return self._by_full.get(normalise_text(text)) or self._by_name.get(name_key(text))

    def find(self, key: object) -> Council:
        """The council ``key`` names; :class:`~ofstedmodel.CouncilError` listing the closest
        names when none does."""
        council = self.get(key)
        if council is not None:
            return council
        closest = self.closest(key)
        names = "; ".join(c.name for c in closest) or "none close"
        raise CouncilError(
            f"no council matches {shown(key)}; closest: {names}; give a name, a DfE code such as "
            "'372', a GSS code such as 'E08000018' or an Ofsted URN",
            value=key,
            vocabulary="Council",
            accepted=tuple(c.name for c in self._councils),
            suggestion=closest[0].name if closest else None,
            field="council",
            rule="no council matches",
            brief=f"no council matches {shown(key)}",
        )

    def closest(self, key: object, n: int = 3) -> list[Council]:
        """Up to ``n`` different councils whose names are nearest ``key``: names that start
        with it first, then the closest spellings.

        >>> register = CouncilRegister([Council("Kingston upon Thames", "314"),
        ...                             Council("Kingston upon Hull, City of", "810")])
        >>> [c.name for c in register.closest("Kingston")]
        ['Kingston upon Hull, City of', 'Kingston upon Thames']
        """
        text = name_key(key) if isinstance(key, str) else shown(key)
        starts = sorted(name for name in self._by_name if text and name.startswith(text))
        import difflib  # only for a key that matches no council

        near = difflib.get_close_matches(text, self._by_name, n=n * 3, cutoff=0.5)
        found: list[Council] = []
        for name in [*starts, *near]:
            council = self._by_name[name]
            if council not in found:
                found.append(council)
        return found[:n]

    def __getitem__(self, key: object) -> Council:
        return self.find(key)

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[Council]:
        return iter(self._councils)

    def __len__(self) -> int:
        return len(self._councils)

    def __repr__(self) -> str:
        return f"<CouncilRegister of {len(self._councils)} councils>"


@functools.cache
def bundled() -> CouncilRegister:
    """The register of every council of the bundled dataset, current and former, with the
    other names that find each: what readers use when not given a ``lookup``. Read once, on
    first use, from the package's ``datasets/councils.json`` (not the inspections).

    >>> bundled().find("Dorset County Council").la_code
    '835'
    """
    import json
    import os

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "datasets", "councils.json")
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    return CouncilRegister((Council(**record) for record in data["councils"]), data["aliases"])


def register_of(councils: Iterable[Council]) -> CouncilRegister:
    """A register of ``councils`` (those of a file read, say) that also finds each by the
    other names and codes the bundled register knows for its DfE code, such as "Hull" and
    "BCP". Councils the bundled register does not know are found by their own names and codes.

    >>> from ofstedmodel import Council
    >>> register = register_of([Council("Kingston upon Hull, City of", "810")])
    >>> register.find("Hull").la_code, len(register)
    ('810', 1)
    >>> "Rotherham" in register
    False
    """
    chosen = tuple(councils)
    codes = {council.la_code for council in chosen if isinstance(council, Council)}
    known = bundled()._aliases
    return CouncilRegister(chosen, {alias: code for alias, code in known.items() if code in codes})

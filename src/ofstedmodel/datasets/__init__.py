"""The bundled national dataset: every English council's inspections, no network needed.

158 councils: the 153 with children's services today and five former ones (Bournemouth,
Poole, Dorset County Council, Northamptonshire and Cumbria), with every graded inspection since
2009 from Ofsted's own official-statistics tables, and every inspection report to the snapshot
date from the Data to Insight scrape of the reports, their fieldwork dates from Ofsted's ILACS
history and the SIF reports themselves. Built from ``data/raw`` by ``tools/build_dataset.py``;
:func:`notes` lists every source, precedence rule, correction, disagreement between sources and
grade no source knows.

Contains public sector information licensed under the Open Government Licence v3.0: Ofsted's
official statistics and inspection reports (Crown copyright), the reports as compiled by the
``data-to-insight/ofsted-ilacs-scrape-tool`` repository (MIT licence).

Nothing is read until first use; then everything is read once and kept. The objects built are
also kept in a cache in the user's cache directory (``~/.cache/ofstedmodel``, or
``$OFSTEDMODEL_CACHE_DIR``; ``off`` turns it off), used by later processes only while it
matches the package's data and code exactly: see :mod:`ofstedmodel.datasets._cache`.

    >>> from ofstedmodel import datasets
    >>> datasets.as_of
    datetime.date(2026, 8, 22)
    >>> rotherham = datasets.history("Rotherham")
    >>> [(i.published.isoformat(), str(i.overall)) for i in rotherham.graded]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2010-08-27', 'adequate'), ('2012-08-10', 'adequate'), ('2014-11-19', 'inadequate'),
     ('2018-01-29', 'good'), ('2022-08-12', 'good'), ('2025-12-16', 'outstanding')]
    >>> datasets.council("Hull") == datasets.council("E06000010") == datasets.council(810)
    True
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping
from typing import NamedTuple

from ..councils import Council
from ..errors import OfstedModelError
from ..history import History, Snapshot
from ..register import CouncilRegister, bundled, name_key
from . import _cache

__all__ = ["as_of", "council", "councils", "histories", "history", "notes", "register"]

#: The snapshot date of the data: reports published up to this day are in it.
as_of: _dt.date = _dt.date(2026, 8, 22)

_DATA_FILE = "ofsted.csv"
_COUNCILS_FILE = "councils.json"  # read by ofstedmodel.register.bundled
_META_FILE = "meta.json"


class _Dataset(NamedTuple):
    councils: tuple[Council, ...]
    histories: Mapping[str, History]
    register: CouncilRegister
    notes: tuple[str, ...]


@functools.cache
def _load() -> _Dataset:
    """The bundled dataset, read once per process: from the cache of built objects when it
    matches the package's data files and code (see :mod:`ofstedmodel.datasets._cache`), else
    from the CSV with every rule of the model (internal)."""
    data = _cache.cached((_DATA_FILE, _COUNCILS_FILE, _META_FILE), _read)
    return data._replace(histories=Snapshot(data.histories.values(), as_of))


def _read() -> _Dataset:
    """Read the package's data files, checking every rule (internal)."""
    import json
    import os

    from ..io import read_csv  # here, not at the top: importing this module reads nothing

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, _META_FILE), encoding="utf-8") as file:
        meta = json.load(file)
    result = read_csv(os.path.join(here, _DATA_FILE), errors="raise")
    ordered = sorted(result.histories.values(), key=lambda h: name_key(h.council.name))
    councils = tuple(h.council for h in ordered)
    register = bundled()
    if sorted(councils, key=lambda c: c.la_code) != sorted(register, key=lambda c: c.la_code):
        raise OfstedModelError(
            "the package's councils.json and ofsted.csv disagree on the councils; rebuild the "
            "data with tools/build_dataset.py"
        )
    return _Dataset(
        councils=councils,
        histories={h.council.la_code: h for h in ordered},
        register=register,
        notes=tuple(meta["notes"]),
    )


def councils() -> tuple[Council, ...]:
    """Every council, current and former, in order of name.

    >>> all_councils = councils()
    >>> len(all_councils), sum(c.is_current for c in all_councils)
    (158, 153)
    >>> [c.name for c in all_councils if not c.is_current]
    ['Bournemouth', 'Cumbria', 'Dorset County Council', 'Northamptonshire', 'Poole']
    """
    return _load().councils


def register() -> CouncilRegister:
    """The councils as a :class:`~ofstedmodel.register.CouncilRegister`, with the usual
    other names of each (such as "Hull" and "BCP") as aliases.

    >>> register().find("BCP").name
    'Bournemouth, Christchurch and Poole'
    """
    return _load().register


def histories() -> Mapping[str, History]:
    """Every council's history, a read-only mapping from DfE code, in order of name: a
    :class:`~ofstedmodel.history.Snapshot`, whose ``as_of`` is :data:`as_of`.

    A former council's history is its own, ending before its abolition.

    >>> everything = histories()
    >>> len(everything), sum(len(h) for h in everything.values())
    (158, 716)
    >>> everything["372"]
    <History Rotherham (372): 6 inspections, latest 2025-12-16>
    """
    return _load().histories


def council(key: object) -> Council:
    """The council ``key`` names: a name in any usual spelling, a DfE code (text or int), a
    GSS code or an Ofsted URN. An unknown key raises :class:`~ofstedmodel.CouncilError`
    naming the closest councils.

    >>> council("bristol").name, council("Telford & Wrekin").la_code, council("80543").name
    ('Bristol, City of', '894', 'Rotherham')
    >>> council("Rotheram")
    Traceback (most recent call last):
    ...
    ofstedmodel.errors.CouncilError: no council matches 'Rotheram'; closest: Rotherham; ...
    """
    return _load().register.find(key)


def history(key: object) -> History:
    """The history of the council ``key`` names (any key :func:`council` takes).

    >>> history("Norfolk").as_at("2016-01-01")
    <Inspection Norfolk SIF published 2015-10-19: overall inadequate>
    >>> history("Dorset County Council").council.successors
    ('838',)
    """
    return _load().histories[council(key).la_code]


def notes() -> tuple[str, ...]:
    """The build's notes: every interpretation and correction made to the source data,
    each prefixed with its topic.

    >>> [n for n in notes() if n.startswith("Region: Cumbria")]  # doctest: +ELLIPSIS
    ["Region: Cumbria (909): North West; region_code is 'NotKnown'; ..."]
    """
    return _load().notes

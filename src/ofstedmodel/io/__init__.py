"""Reading and writing histories: the D2I ILACS history CSV, Ofsted's outcome tables, and the
library's own CSV and JSON.

Not imported by ``import ofstedmodel``; import it as ``import ofstedmodel.io`` or
``from ofstedmodel import io``. Each format's module loads when one of its names is first used.

- :func:`read_d2i_history` reads the Data to Insight ILACS history CSV, and
  :func:`read_d2i_lookup` its lookup of councils;
- :func:`read_ofsted_outcomes` reads Ofsted's per-council outcome table (workbook or CSV);
- :func:`write_csv` and :func:`read_csv` write and read one row per inspection;
- :func:`to_json` and :func:`from_json` write and read any council, inspection, history,
  mapping of histories or list of councils, versioned;
- :func:`to_dataframe` and :func:`from_dataframe` give and take a tidy pandas DataFrame
  (needs the ``pandas`` extra; pandas is imported only when they are called).

Readers return a :class:`LoadResult`; each row they cannot keep is a :class:`Problem`.

>>> import ofstedmodel as om
>>> from ofstedmodel import io
>>> la = om.Council("Rotherham", "372")
>>> io.from_json(io.to_json(la)) == la
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "LoadResult",
    "Problem",
    "from_dataframe",
    "from_json",
    "read_csv",
    "read_d2i_history",
    "read_d2i_lookup",
    "read_ofsted_outcomes",
    "to_dataframe",
    "to_json",
    "write_csv",
]

#: The module of each name.
_MODULES = {
    "LoadResult": "problems",
    "Problem": "problems",
    "from_dataframe": "dataframe",
    "to_dataframe": "dataframe",
    "from_json": "json",
    "to_json": "json",
    "read_csv": "csv",
    "write_csv": "csv",
    "read_d2i_history": "d2i",
    "read_d2i_lookup": "d2i",
    "read_ofsted_outcomes": "ofsted",
}

if TYPE_CHECKING:
    from .csv import read_csv, write_csv
    from .d2i import read_d2i_history, read_d2i_lookup
    from .dataframe import from_dataframe, to_dataframe
    from .json import from_json, to_json
    from .ofsted import read_ofsted_outcomes
    from .problems import LoadResult, Problem


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = getattr(importlib.import_module(f".{_MODULES[name]}", __name__), name)
    elif name in {*_MODULES.values(), "records"}:  # a module not yet imported: io.dataframe
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

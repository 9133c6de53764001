"""Reading and writing histories: the D2I ILACS history CSV, Ofsted's outcome tables, and the
library's own CSV and JSON.

Not imported by ``import ofstedmodel``; import it as ``import ofstedmodel.io`` or
``from ofstedmodel import io``.

- :func:`read_d2i_history` reads the Data to Insight ILACS history CSV;
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

from .csv import read_csv, write_csv
from .d2i import read_d2i_history
from .dataframe import from_dataframe, to_dataframe
from .json import from_json, to_json
from .ofsted import read_ofsted_outcomes
from .problems import LoadResult, Problem

__all__ = [
    "LoadResult",
    "Problem",
    "from_dataframe",
    "from_json",
    "read_csv",
    "read_d2i_history",
    "read_ofsted_outcomes",
    "to_dataframe",
    "to_json",
    "write_csv",
]

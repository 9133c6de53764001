"""The command line: ``python -m ofstedmodel`` or ``ofstedmodel``.

Commands work on the bundled data (:mod:`ofstedmodel.datasets`), or on a user's file with
``--data FILE``::

    ofstedmodel                       # the national picture and what to try next
    ofstedmodel history Rotherham     # every inspection, every grade, what is due next
    ofstedmodel compare Rotherham --from 2017-12-31 --to 2018-12-31
    ofstedmodel compare Northamptonshire "West Northamptonshire"   # across a reorganisation
    ofstedmodel summary --as-at 2024-03-31 --by region
    ofstedmodel summary --as-at 2025-03-31 --published-by 2025-06-30 --by ofsted_region
    ofstedmodel peers Rotherham
    ofstedmodel standings --grade inadequate --by region   # each grade in force, since when
    ofstedmodel turnarounds --council Rotherham            # from inadequate to good, ranked
    ofstedmodel digest --since 2025-04-01 --until 2025-09-30   # what changed in a window
    ofstedmodel --data d2i-ilacs-history.csv summary

Every command takes ``--json``, ``--data FILE`` and ``--format FORMAT`` (``d2i``, ``csv``,
``json`` or ``ofsted``; by default the file's content shows it). A file's rows that could not
be read, and those kept with an interpretation, are counted on standard error with the first
few. A date past the data's last date is answered with what the data knows, and a note on
standard error says how far the data goes. Bad input prints one line to stderr and exits with
status 2.

The JSON output (schema ``ofstedmodel-cli``, version 1) is one object whose first keys say
what it is, followed by the command's fields::

    {"schema": "ofstedmodel-cli", "version": 1, "command": "history", ...}

``command`` is ``history``, ``compare``, ``summary``, ``peers``, ``standings``,
``turnarounds``, ``digest`` or ``national`` (no command). The same thing has the same key and
shape in every command, in the vocabulary of the library's own formats
(:mod:`ofstedmodel.io.records`): enum members by name (``"GOOD"``, ``"OVERALL_EFFECTIVENESS"``,
``"ILACS_SHORT"``), dates in ISO form, ``null`` for none.

- ``council``: ``{"name", "la_code"}`` (``history``, ``compare``, ``peers``; in the rows of
  ``standings`` and ``turnarounds`` also ``region``, ``ofsted_region`` and ``kind``);
- an inspection (``history``'s ``inspections``, ``compare``'s ``before`` and ``after``):
  ``published``, ``start``, ``end``, ``framework``, ``era``, ``kind``, ``graded``,
  ``grades_known``, ``unknown`` (categories), ``judgements`` (category -> ``{"grade",
  "label"}``, the label being the framework's wording), ``source``; the rows of
  ``standings`` and ``turnarounds`` give the first six of these; ``digest``'s reports give
  each inspection as the library's own JSON writes it (:func:`ofstedmodel.io.to_json`);
- a duration (``compare``'s ``elapsed``, ``standings``' ``held``, ``turnarounds``'
  ``elapsed``): ``{"years", "months", "days"}``;
- a summary (``england``; ``groups``; ``peers``' ``region``; ``digest``'s ``before`` and
  ``after``): ``group`` (the group's name, ``null`` for England; a region by name),
  ``group_label`` (as the tables show it), ``as_at``, ``published_by``, ``category``,
  ``counts`` (grade -> councils), ``total``, ``good_or_better``, ``share_good_or_better``,
  ``not_graded``, ``unknown``, ``existing``, ``left_out`` (reason -> councils), ``pre_2013``;
- ``groups``: the list of summaries by group (``summary --by``, and the national picture's
  regions), empty when not grouped; in ``standings``, each group's ``group``,
  ``group_label``, ``counts`` and ``councils`` (DfE codes);
- ``description``: the plain-English account ``describe`` gives (``history``, ``compare``,
  ``peers``, ``standings``, ``turnarounds``, ``digest``);
- ``data`` (every command): what the command ran on: ``file`` (``null`` for the bundled
  data), ``format`` (``"bundled"``, or the file's format), ``as_of`` (the bundled snapshot, or
  the file's latest publication date: the default ``--as-at``), and ``rows``, ``kept``,
  ``reported`` and ``notes``, the counts of reading the file (``null`` for the bundled data
  and for JSON, which has no rows);
- ``succession`` (``history``): ``created``, ``abolished``, ``predecessors`` and
  ``successors`` (each a list of ``{"name", "la_code"}``);
- ``next_inspection`` (``history``): what is due next as at ``data.as_of``
  (:meth:`NextInspection.to_json <ofstedmodel.NextInspection.to_json>`): ``last``,
  ``position``, ``rule`` and ``precedent`` (each with its ``window`` or its ``no_window``
  reason; ``ABOLISHED`` for a former council), ``overdue``, ``description``;
- ``successor``, ``same_council`` and ``note`` (``compare``): the council that replaced
  ``council`` when a former council is compared with it (else ``null``), whether both sides
  are one council, and the sentence saying whose grades are whose (else ``null``);
- ``standings``: ``as_at``, ``published_by``, ``category``, ``counts`` and ``standings``, one
  row per council (:meth:`Standing.to_json <ofstedmodel.Standing.to_json>`: ``grade`` or the
  ``reason`` there is none, ``since``, ``in_a_row``, ``held``, ``in_force``, ``run``,
  ``definition_changes``), worst grade first, longest held first;
- ``turnarounds``: ``category``, ``from_grade``, ``to_at_least``, ``turnarounds`` (fastest
  first, each with ``rank`` and ``out_of``) and ``untimed``
  (:meth:`Turnaround.to_json <ofstedmodel.Turnaround.to_json>`);
- ``digest``: ``since``, ``until``, ``category``, ``by``, ``reports`` (each report's
  ``council``, ``inspection`` and ``movements``), ``changes`` (each council's net move) and the
  figures ``before`` and ``after`` (``as_at``, ``england``, ``regions``, ``ofsted_regions``).

A change that renames or removes a key raises ``version``; new keys may appear without one.
"""

from __future__ import annotations

import gc

from .program import main
from .wire import JSON_SCHEMA, JSON_VERSION

__all__ = ["JSON_SCHEMA", "JSON_VERSION", "main", "run"]


def run() -> int:
    """The process of the ``ofstedmodel`` command and of ``python -m ofstedmodel``:
    :func:`main` on the command line's arguments, its exit status returned.

    The process answers one command and ends. The cyclic garbage collector's passes over the
    data the command loads, and its last pass over every object as the interpreter exits, are
    work whose result nobody sees (the readers turn it off while reading for the same
    reason): it is off for the run, and what the run made is freed by the exit alone.
    """
    gc.disable()
    status = main()
    gc.freeze()
    return status

"""Robustness: hostile input, nothing lost, reading that streams, objects that cannot change.

The suite of the issue "Measured speed and hostile input", one module per part:

1. Fuzzing. Real and mutated rows (garbage cells, bytes that are not UTF-8, NUL, huge cells,
   wrong widths, impossible dates, unknown URNs, byte-order marks, CRLF and lone CR, blank
   lines, an unbalanced quote) go into :func:`~ofstedmodel.io.read_d2i_history` and
   :func:`~ofstedmodel.io.read_csv` through real files (``test_hostile_files``); real
   documents with random edits go into :func:`~ofstedmodel.io.from_json`
   (``test_edited_json``); values of every wrong type go into every constructor and every
   public function (``test_entry_points``). Only the library's own errors may come out, a
   reader in ``errors="collect"`` mode loses no row, and every problem points at a row of
   the file.
2. The CSV the library writes never starts a cell with a formula character, and reads back
   to the same text (``test_written_csv``).
3. Reading streams: the readers need nothing but line iteration, and their memory does not
   grow with the text they read (``test_streaming``).
4. Every public object refuses every way of changing it (``test_immutability``).
5. Regression tests for the bugs this suite found (each was a strict ``xfail`` until fixed)
   (``test_regressions``).

What the parts share: the data, the hostile values and the strategies that make them are in
``values``; the helpers that read and check in ``helpers``; the directory the tests write
their files to is the ``workdir`` fixture of ``conftest``.

``test_bad_input.py`` already sends arbitrary values to the constructors and parsers, and the
``test_io_*`` files fuzz one cell or a few bytes of one file at a time; this suite adds what
they do not: whole files of mixed hostile rows whose number of rows is known independently,
the functions above the things of the domain, the readers' and writers' other arguments, the
plot functions, and values those files never generate (library objects in the wrong place,
10,000-character text, NaN, ints of thousands of digits, numpy and pandas values).
"""

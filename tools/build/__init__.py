"""The build of the bundled dataset (``tools/build_dataset.py``), one module per step.

- :mod:`.common`: paths, notes and the build's error;
- :mod:`.councils`: every council, current and former, from the D2I lookup and the declared
  decisions;
- :mod:`.sources`: one small reader per source, each giving :class:`.records.Report` values;
- :mod:`.d2i`: the D2I history scrape, with its declared corrections, read by the library's
  own reader;
- :mod:`.reconcile`: one step that matches the reports of the sources and settles every field
  by the precedence rules written as data in :data:`.reconcile.PRECEDENCE`.
"""

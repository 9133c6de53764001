"""The ``ofstedmodel`` command and ``python -m ofstedmodel`` run the same process function,
which answers with the cyclic garbage collector off (issue 14: the installed command was
measured without it while ``-m`` had it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_command_is_the_process_function() -> None:
    # Read as text: tomllib is Python 3.11's, and the project runs on 3.10.
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    scripts = project.split("[project.scripts]\n", 1)[1].split("\n\n", 1)[0]
    assert scripts.strip() == 'ofstedmodel = "ofstedmodel.cli:run"'
    main = (ROOT / "src" / "ofstedmodel" / "__main__.py").read_text(encoding="utf-8")
    assert "sys.exit(run())" in main


def test_run_answers_with_the_collector_off() -> None:
    script = (
        "import gc, sys\n"
        "sys.argv = ['ofstedmodel', 'history', 'Rotherham']\n"
        "from ofstedmodel.cli import run\n"
        "status = run()\n"
        "print('collector', gc.isenabled(), 'status', status, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Rotherham (372)")
    assert out.stderr.strip().endswith("collector False status 0")

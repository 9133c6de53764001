"""The user's script of ``tests/typing`` runs (``.ci/run`` type-checks it with mypy --strict)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "typing" / "user_script.py"


def test_the_typed_user_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(SCRIPT), run_name="__main__")
    assert "As at 31 March 2024" in capsys.readouterr().out

"""Set-up shared by the robustness suite's modules."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests write their files (module-scoped, which hypothesis allows)."""
    return tmp_path_factory.mktemp("robustness")

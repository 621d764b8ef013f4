"""Session-wide test settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_user_regions(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Tests never see the regions of the user who runs them (an empty folder instead)."""
    empty = tmp_path_factory.mktemp("no-regions")
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(empty))
    yield empty

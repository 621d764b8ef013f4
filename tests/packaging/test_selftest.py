"""`territory-planner gui --self-test` from source: the same check the frozen bundle runs.

The frozen bundle itself is checked by `make package-test` (a PyInstaller build takes
minutes, too slow for every test run). From source the self-test takes ~10 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.io.geocoding.gazetteer import default_gazetteer_path

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),  # the map page goes here
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        # Share the gazetteer other tests built rather than building one per test.
        "TERRITORY_PLANNER_GAZETTEER": str(default_gazetteer_path()),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "planner", "gui", "--self-test"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


@pytest.mark.ui
def test_self_test_passes_from_source(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for label in ("map assets", "resources", "workspace", "geocoding", "map", "plan", "routes"):
        assert any(line.startswith(f"ok    {label} ") for line in lines), (label, result.stdout)
    assert "(source)" in result.stdout
    assert "2 days" in result.stdout
    assert lines[-1].startswith("self-test passed")
    assert not list((tmp_path / "config").rglob("*.conf")), "user settings were touched"


def test_self_test_fails_clearly_when_map_assets_are_missing(tmp_path: Path) -> None:
    empty = tmp_path / "no-maps"
    empty.mkdir()
    result = _run(tmp_path, TERRITORY_PLANNER_MAPS=str(empty))
    assert result.returncode == 1
    assert "FAIL  map assets missing" in result.stderr
    assert "self-test FAILED" in result.stdout

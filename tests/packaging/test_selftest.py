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


def _run(tmp_path: Path, script: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """`territory-planner gui --self-test`, or `script` run by the same Python."""
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
        [sys.executable, "-c", script]
        if script
        else [sys.executable, "-m", "planner", "gui", "--self-test"],
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
    for label in ("map assets", "resources", "demo", "workspace", "map", "plan", "routes"):
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


# Failure drills: run_self_test() in its own process (as in real use) with one thing broken.
BROKEN_PLAN = """
import sys
import planner.services.plan_week as service
import planner.ui.workflows as workflows

def broken(*args, **kwargs):
    raise RuntimeError("solver exploded")

service.plan_in_workspace = broken
if hasattr(workflows, "plan_in_workspace"):  # imported at module or at call level
    workflows.plan_in_workspace = broken
from planner.ui.selftest import run_self_test
sys.exit(run_self_test())
"""

HOMELESS_REP = """
import sys
from planner.domain import Rep
from planner.io.workspace import Workspace
from planner.ui import selftest

demo = selftest.prepare_demo

def homeless(folder):
    with Workspace.open(demo(folder)) as workspace:
        accounts = workspace.accounts()
    path = folder / "homeless.tpw"
    with Workspace.open(path) as workspace:
        workspace.save_accounts(accounts)
        workspace.save_reps([Rep("Nobody")])  # one rep: no territory split to measure
    return path

selftest.prepare_demo = homeless
sys.exit(selftest.run_self_test())
"""


@pytest.mark.ui
def test_self_test_reports_a_failed_plan_and_does_not_hang(tmp_path: Path) -> None:
    """The app shows a modal warning when planning fails; the self-test must still exit."""
    result = _run(tmp_path, script=BROKEN_PLAN)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ok    map " in result.stdout
    # Through the task's signal or through the warning box the app shows, whichever comes
    # first (the broken service fails before the self-test can connect to the task).
    assert "RuntimeError: solver exploded" in result.stderr
    assert result.stderr.count("FAIL  ") == 1
    assert "self-test FAILED" in result.stdout


@pytest.mark.ui
def test_self_test_fails_when_the_rep_has_no_home_instead_of_waiting_on_dialogs(
    tmp_path: Path,
) -> None:
    """Planning then shows a message box and opens the rep editor: both modal."""
    result = _run(tmp_path, script=HOMELESS_REP)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL  a 2-day plan: the app said: Set the rep's home location first." in (result.stderr)

"""`plan --check-roads`: a stored plan re-timed on a region's roads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.io.regions import RegionStore
from planner.io.workspace import Workspace
from tests.regions.helpers import accounts_at, rep_at

WEEK = ["--week", "2026-12-07"]
PLAN = ["plan", *WEEK, "--days", "2", "--time-limit", "2", "--iterations", "300", "--json"]


@pytest.fixture
def workspace(built_store: RegionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(built_store.root))
    accounts = accounts_at(built_store, 14, every=29)
    path = tmp_path / "w.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(accounts)
        ws.save_reps([rep_at(accounts[0].location, "Europe/Helsinki")])
    return path


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["plan", *WEEK, "--check-roads", "--json", "-w", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_optimistic_plan_is_late_on_roads_and_a_roads_plan_is_not(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a geodesic model that believes in 150 km/h in town
    fast = ["travel", "use", "geodesic", "--no-roads", "--speed-short-kmh", "150",
            "--speed-long-kmh", "150", "--circuity-short", "1", "-w", str(workspace)]  # fmt: skip
    assert main(fast) == 0
    assert main([*PLAN, "-w", str(workspace)]) == 0
    capsys.readouterr()
    optimistic = _check(workspace, capsys)
    late = [i for i in optimistic["issues"] if i["kind"] == "late"]
    assert late and all(i["minutes"] >= 1 for i in late)
    assert optimistic["road_driving_s"] > optimistic["planned_driving_s"]
    assert main(["travel", "use", "geodesic", "--roads", "-w", str(workspace)]) == 0
    assert main([*PLAN, "--reshuffle", "-w", str(workspace)]) == 0
    capsys.readouterr()
    on_roads = _check(workspace, capsys)
    assert on_roads["issues"] == []
    assert on_roads["road_driving_s"] == on_roads["planned_driving_s"]
    assert main(["plan", *WEEK, "--check-roads", "-w", str(workspace)]) == 0
    assert "0 late arrivals, 0 missed windows" in capsys.readouterr().out


def test_clear_errors_without_plan_or_covering_region(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    assert main(["plan", *WEEK, "--check-roads", "-w", str(workspace)]) == 1
    assert "no plan stored" in capsys.readouterr().err
    assert main([*PLAN, "-w", str(workspace)]) == 0
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(tmp_path / "none"))
    assert main(["plan", *WEEK, "--check-roads", "-w", str(workspace)]) == 1
    assert "no region to time the plan on" in capsys.readouterr().err

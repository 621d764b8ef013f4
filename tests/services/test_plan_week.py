"""plan_week in the workspace and through the CLI: stored, re-planned around locks, JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Account, DomainError, Lock, Rep
from planner.io.workspace import Workspace
from planner.optimise.week.check import check_plan
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_in_workspace, plan_json
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY, account

FAST = WeekParams(time_limit_s=0.3, overnight=False)


@pytest.fixture
def accounts() -> list[Account]:
    spots = [
        ("Imola Tech", 44.353, 11.714),
        ("Modena Parts", 44.647, 10.925),
        ("Cento Metal", 44.727, 11.289),
        ("Budrio Agri", 44.537, 11.534),
        ("San Lazzaro Lab", 44.471, 11.409),
    ]
    return [account(n, la, lo) for n, la, lo in spots]


@pytest.fixture
def workspace(tmp_path: Path, accounts: list[Account]) -> Path:
    path = tmp_path / "ws.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(accounts)
        ws.save_reps([Rep(name="Giulia", home=HOME, home_address="Bologna")])
    return path


def test_plan_is_stored_and_replanned_around_its_locks(
    workspace: Path, accounts: list[Account]
) -> None:
    with Workspace.open(workspace) as ws:
        first = plan_in_workspace(ws, None, MONDAY, 2, GeodesicModel(), params=FAST).plan
        assert ws.load_plan("Giulia", MONDAY) == first
        # The user pins one visit at its time and keeps another one in the plan.
        visit, kept = first.visits()[0], first.visits()[-1]
        locked = {visit.account_key: Lock.TIME, kept.account_key: Lock.IN_PLAN}
        days = tuple(
            replace(
                d,
                visits=tuple(replace(v, lock=locked.get(v.account_key, v.lock)) for v in d.visits),
            )
            for d in first.days
        )
        ws.save_plan(replace(first, days=days))
        second = plan_in_workspace(ws, "Giulia", MONDAY, 2, GeodesicModel(), params=FAST).plan
    moved = next(v for v in second.visits() if v.account_key == visit.account_key)
    assert moved.arrival == visit.arrival and moved.lock is Lock.TIME
    assert any(v.account_key == kept.account_key for v in second.visits())
    rep = Rep(name="Giulia", home=HOME, home_address="Bologna")
    assert check_plan(second, accounts, rep, GeodesicModel()) == []


def test_unknown_rep_is_a_clear_error(workspace: Path) -> None:
    with Workspace.open(workspace) as ws, pytest.raises(DomainError, match="no rep named 'Bob'"):
        plan_in_workspace(ws, "Bob", MONDAY, 2, GeodesicModel(), params=FAST)


def test_json_carries_the_documented_fields(workspace: Path) -> None:
    with Workspace.open(workspace) as ws:
        data = plan_json(plan_in_workspace(ws, None, MONDAY, 2, GeodesicModel(), params=FAST))
    day = next(d for d in data["days"] if d["visits"])
    visit, leg = day["visits"][0], day["legs"][0]
    assert {"account_id", "name", "arrival", "departure", "value"} <= visit.keys()
    assert datetime.fromisoformat(visit["arrival"]).utcoffset() is not None
    assert {"from", "to", "distance_m", "duration_s", "cost"} <= leg.keys()
    assert {"value", "distance_m", "driving_s", "cost"} <= day["totals"].keys()
    assert {"value", "distance_m", "driving_s", "cost"} <= data["totals"].keys()
    assert sum(d["totals"]["distance_m"] for d in data["days"]) == data["totals"]["distance_m"]
    assert isinstance(data["remote"], list) and isinstance(data["excluded"], list)


def test_cli_prints_plan_and_json(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["plan", "--week", "2026-03-02", "--days", "2", "--time-limit", "0.3", "-w"]
    assert main([*args, str(workspace), "--no-overnight"]) == 0
    text = capsys.readouterr().out
    assert "Week of 2 March 2026 for Giulia" in text and "Why in the plan:" in text
    assert "\xa0km, " in text and " h driving" in text and "€" in text
    assert main([*args, str(workspace), "--json", "--rep", "Giulia"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rep_name"] == "Giulia" and len(data["days"]) == 2
    for day in (d for d in data["days"] if d["visits"]):
        lunch = day["lunch"]
        assert lunch["start"] < lunch["end"] and lunch["start"].startswith(day["date"])
    assert "lunch break" in text  # printed where it falls in the day
    assert main([*args, str(workspace), "--rep", "Nobody"]) == 1
    assert "no rep named" in capsys.readouterr().err


def test_cli_iterations_make_runs_reproducible(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["plan", "--week", "2026-03-02", "--days", "2", "--time-limit", "30"]
    args += ["--iterations", "200", "--seed", "3", "--json", "-w", str(workspace)]
    outputs = []
    for _ in range(2):
        assert main(args) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0]["days"] == outputs[1]["days"]
    assert outputs[0]["totals"] == outputs[1]["totals"]

"""Multi-week planning: cadences met across weeks, earlier weeks kept, the CLI contract."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Account, Rep
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.plan_week import plan_in_workspace
from planner.services.plan_weeks import plan_weeks_in_workspace
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY, account

FAST = WeekParams(time_limit_s=0.5, max_iterations=100, overnight=False)
REP = Rep(name="Giulia", home=HOME, work_days=(0,))  # one working day a week
NO_DEAL = {"amount": None, "probability": None, "stage": "", "opening_hours": None}


def accounts() -> list[Account]:
    """Room for one 4.5-hour meeting a week: an A-customer due every 14 days (€800 when
    due, €200 half-way) against B prospects never visited (€300 each)."""
    long = {"meeting_minutes": 270}
    a_customer = replace(
        account("A customer", 44.52, 11.36, tags=("Customer", "Tier A"), **long),  # type: ignore[arg-type]
        last_visit=MONDAY - timedelta(days=14),
        **NO_DEAL,
    )
    prospects = [
        replace(
            account(f"B prospect {i}", 44.47 + 0.01 * i, 11.32, tags=("B",), **long),  # type: ignore[arg-type]
            **NO_DEAL,
        )
        for i in range(3)
    ]
    return [a_customer, *prospects]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "ws.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(accounts())
        ws.save_reps([REP])
    return path


def visited(plan_names: list[list[str]], name: str) -> list[int]:
    return [k + 1 for k, names in enumerate(plan_names) if name in names]


def test_an_a_customer_every_two_weeks_appears_in_weeks_1_and_3(workspace: Path) -> None:
    with Workspace.open(workspace) as ws:
        outcomes = plan_weeks_in_workspace(ws, None, MONDAY, GeodesicModel(), weeks=4, params=FAST)
    names = [[v.name for v in o.plan.visits()] for o in outcomes]
    assert [o.plan.week_start for o in outcomes] == [MONDAY + timedelta(weeks=k) for k in range(4)]
    assert visited(names, "A customer") == [1, 3]
    assert all(len(week) == 1 for week in names)  # a B prospect in weeks 2 and 4


def test_re_planning_a_later_week_keeps_the_earlier_ones(workspace: Path) -> None:
    with Workspace.open(workspace) as ws:
        plan_weeks_in_workspace(ws, None, MONDAY, GeodesicModel(), weeks=3, params=FAST)
        before = [ws.load_plan("Giulia", MONDAY + timedelta(weeks=k)) for k in range(2)]
        week3 = plan_in_workspace(ws, None, MONDAY + timedelta(weeks=2), None, GeodesicModel(),
                                  params=FAST).plan  # fmt: skip
        after = [ws.load_plan("Giulia", MONDAY + timedelta(weeks=k)) for k in range(2)]
    assert before == after
    assert [v.name for v in week3.visits()] == ["A customer"]  # due again after week 1


def test_cli_weeks_json_is_a_list_of_single_week_plans(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["plan", "--workspace", str(workspace), "--week", MONDAY.isoformat(),
            "--time-limit", "0.5", "--iterations", "100", "--no-overnight", "--json"]  # fmt: skip
    assert main([*args, "--weeks", "2"]) == 0
    weeks = json.loads(capsys.readouterr().out)["weeks"]
    assert len(weeks) == 2
    assert main(args) == 0  # N = 1: today's single-week shape, unchanged
    single = json.loads(capsys.readouterr().out)
    assert set(weeks[0]) == set(single)
    assert weeks[1]["week_start"] == (MONDAY + timedelta(weeks=1)).isoformat()
    assert main([*args, "--weeks", "5"]) == 2
    assert "--weeks must be 1–4" in capsys.readouterr().err

"""plan --team: one Dask task per rep on a LocalCluster; the same plans as one process."""

from __future__ import annotations

import json
import socket
import threading
from datetime import date
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Rep
from planner.domain.progress import CancelFlag, Cancelled
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.plan_team import TeamJob, TeamPlanError, plan_team, team_reps
from tests.services.team_fixtures import fill_team

WEEK = "2026-03-02"
MONDAY = date(2026, 3, 2)
SAME = ["--week", WEEK, "--days", "3", "--seed", "3", "--iterations", "150",
        "--time-limit", "60", "--no-overnight"]  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "team.tpw")
    return str(request.getfixturevalue("pg_url"))


def test_team_plans_equal_single_process_plans(target: str, tmp_path: Path, capsys) -> None:
    names = fill_team(target)
    alone = tmp_path / "alone.tpw"
    fill_team(alone)
    assert main(["plan", "--team", "--workers", "2", "--json", *SAME, "-w", target]) == 0
    captured = capsys.readouterr()
    team = json.loads(captured.out)
    assert [p["rep_name"] for p in team] == names
    assert all(f"{n}: planned" in captured.err for n in names)
    for name, plan in zip(names, team, strict=True):
        assert main(["plan", "--rep", name, "--json", *SAME, "-w", str(alone)]) == 0
        single = json.loads(capsys.readouterr().out)
        assert plan == single, name
        assert plan["totals"]["visits"] > 0
    with Workspace.open(target) as ws:
        assert sorted(r for r, _ in ws.plans()) == names  # stored, one row per rep


def test_reps_subset_and_table_output(tmp_path: Path, capsys) -> None:
    target = tmp_path / "t.tpw"
    fill_team(target)
    assert main(["plan", "--team", "--reps", "Bruno", *SAME, "-w", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Bruno" in out and "Anna" not in out and "visits" in out.splitlines()[0]


def test_bad_input_gets_one_message_and_plans_nothing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "t.tpw"
    fill_team(target)
    with Workspace.open(target) as ws:
        ws.save_reps([Rep("Zeno")])  # no home
    assert main(["plan", "--team", *SAME, "-w", str(target)]) == 1
    assert "Zeno has no home location" in capsys.readouterr().err
    assert main(["plan", "--team", "--reps", "Anna,Nobody", *SAME, "-w", str(target)]) == 1
    assert "no rep named 'Nobody'" in capsys.readouterr().err
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = ["plan", "--team", "--reps", "Anna", "--scheduler", f"tcp://127.0.0.1:{port}"]
    assert main([*args, *SAME, "-w", str(target)]) == 1
    assert f"no Dask scheduler answers at tcp://127.0.0.1:{port}" in capsys.readouterr().err
    with Workspace.open(target) as ws:
        assert ws.plans() == []


def test_cancel_stops_every_task_and_stores_nothing(tmp_path: Path) -> None:
    target = tmp_path / "t.tpw"
    names = fill_team(target, per_rep=30)
    with Workspace.open(target) as ws:
        reps = team_reps(ws, None)
    job = TeamJob(str(target), MONDAY, None, WeekParams(time_limit_s=60, overnight=False))
    flag = CancelFlag()

    class Progress:
        def report(self, fraction: float, message: str = "") -> None:
            if "%" in message:  # a task is running: cancel everything
                flag.cancel()

    timer = threading.Timer(30, flag.cancel)  # a safety net if no progress shows
    timer.start()
    try:
        with pytest.raises(Cancelled):
            plan_team(job, reps, workers=2, progress=Progress(), cancel=flag)
    finally:
        timer.cancel()
    with Workspace.open(target) as ws:
        assert ws.plans() == [] and len(names) == 3


def test_a_failing_task_names_the_rep_and_the_saved_plans(tmp_path: Path) -> None:
    target = tmp_path / "t.tpw"
    fill_team(target, reps=2)
    job = TeamJob(str(tmp_path / "gone.tpw.d" / "x"), MONDAY)
    (tmp_path / "gone.tpw.d").mkdir()
    (tmp_path / "gone.tpw.d" / "x").write_bytes(b"not a workspace" * 100)
    with pytest.raises(TeamPlanError, match=r"planning Anna failed: .*not a workspace file"):
        plan_team(job, ["Anna"], workers=1)

"""plan --team on a separately started `dask scheduler` with two `dask worker` processes on
127.0.0.1: one worker is killed mid-task; Dask runs its task again, every plan is stored
exactly once and nothing half-written is left."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.plan_team import TeamJob, plan_team
from tests.services.team_fixtures import fill_team

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _dask(*args: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen([sys.executable, "-m", "dask", *args], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


@pytest.fixture
def cluster() -> Any:
    """A scheduler and two single-threaded workers without nannies (a kill is a loss)."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = {"scheduler": _dask("scheduler", "--host", "127.0.0.1", "--port", str(port),
                                "--dashboard-address", ":0")}  # fmt: skip
    for name in ("w1", "w2"):
        procs[name] = _dask("worker", address, "--nthreads", "1", "--no-nanny", "--name", name,
                            "--no-dashboard", "--host", "127.0.0.1")  # fmt: skip
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            yield address, procs, client
    finally:
        for proc in procs.values():
            proc.kill()
            proc.wait(30)


def _kill_busy_worker(client: Any, procs: dict[str, subprocess.Popen[bytes]]) -> str:
    """Wait until a worker runs a task, then SIGKILL it; its name."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        info = client.scheduler_info()["workers"]
        for address, keys in client.processing().items():
            if keys and address in info:
                name = info[address]["name"]
                time.sleep(1.0)  # well inside the task's solve
                procs[name].send_signal(signal.SIGKILL)
                return str(name)
        time.sleep(0.1)
    raise AssertionError("no worker ever ran a task")


def test_a_killed_worker_is_replaced_and_nothing_half_written(cluster: Any, tmp_path: Path) -> None:
    address, procs, client = cluster
    target = tmp_path / "team.tpw"
    names = fill_team(target, per_rep=12, reps=4)
    job = TeamJob(str(target), date(2026, 3, 2), 3, WeekParams(time_limit_s=4, seed=0,
                                                                overnight=False))  # fmt: skip
    results: list[Any] = []
    thread = threading.Thread(
        target=lambda: results.append(plan_team(job, names, scheduler=address))
    )
    thread.start()
    killed = _kill_busy_worker(client, procs)
    thread.join(300)
    assert not thread.is_alive()
    (plans,) = results
    assert [p["rep_name"] for p in plans] == names and killed in ("w1", "w2")
    with Workspace.open(target) as ws:
        rows = ws.database.query("SELECT rep_name, version FROM plans ORDER BY rep_name")
        assert rows == [(n, 1) for n in sorted(names)]  # each stored once, by one attempt
        for plan in plans:
            stored = ws.load_plan(plan["rep_name"], date(2026, 3, 2))
            assert stored is not None and len(stored.visits()) == plan["totals"]["visits"]

"""The headless demo runs the real importer on the demo territory; its data is reproducible."""

from __future__ import annotations

import importlib.util
import random
from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain import Precision, Territory
from planner.domain.progress import CancelFlag, Cancelled
from planner.io.workspace import Workspace
from planner.services.demo import STEPS, demo_data_dir, ensure_demo_workspace, run_demo

# Emilia-Romagna's bounding box, generously rounded.
LAT, LON = (43.7, 45.2), (9.1, 12.9)


class Recorder:
    def __init__(self) -> None:
        self.fractions: list[float] = []

    def report(self, fraction: float, message: str = "") -> None:
        self.fractions.append(fraction)


def test_demo_imports_the_territory_and_writes_a_summary(tmp_path: Path) -> None:
    progress = Recorder()
    run = run_demo(tmp_path / "out", progress=progress, plan_seconds=2)
    report = run.data["import_report"]
    assert (report.accepted, len(report.rejected), report.skipped) == (401, 1, 5)
    assert len(report.warnings) == 1  # 31/02/2027 as a close date: dropped, account kept
    assert run.data["rep"].name == "Giulia Bianchi"
    assert progress.fractions == sorted(progress.fractions) and progress.fractions[-1] == 1.0
    assert {p.name for p in run.outputs} >= {"import-report.txt", "summary.txt"}
    summary = (tmp_path / "out" / "summary.txt").read_text(encoding="utf-8")
    assert (
        "accounts_salesforce_report.csv: 407 rows: 401 new, 0 updated, 0 merged, 1 rejected, "
        "5 skipped, 1 warning" in summary
    )
    with Workspace.open(tmp_path / "out" / "demo.tpw") as ws:
        accounts = ws.accounts()
        assert len(ws.reps()) == 3
    located = [a for a in accounts if a.precision is Precision.SOURCE]
    assert 0.5 < len(located) / len(accounts) < 0.7  # the export leaves work for the geocoder
    for a in located:
        assert a.location is not None
        assert LAT[0] < a.location.lat < LAT[1] and LON[0] < a.location.lon < LON[1]
    assert all(a.opening_hours and a.cadence_days and a.amount for a in accounts)
    assert len({a.address.city for a in accounts}) > 50
    # the rest of the pipeline: territories, the first rep's week, every export, the map
    plan = run.data["plan"]
    assert plan.rep_name == "Giulia Bianchi" and len(plan.visits()) >= 10
    territory = next(t for t in ws_territories(tmp_path) if t.rep_name == plan.rep_name)
    assert {v.account_key for v in plan.visits()} <= territory.account_keys
    written = {p.suffix for p in run.outputs}
    assert {".ics", ".gpx", ".csv", ".pdf", ".html"} <= written
    assert "plan for Giulia Bianchi" in summary


def ws_territories(folder: Path) -> list[Territory]:
    with Workspace.open(folder / "out" / "demo.tpw") as ws:
        return ws.territories()


def test_demo_runs_again_from_scratch(tmp_path: Path) -> None:
    imports = [s for s in STEPS if s.name.startswith("import")]
    run_demo(tmp_path, steps=imports)
    again = run_demo(tmp_path, steps=imports)
    assert again.data["import_report"].accepted == 401  # a fresh workspace, not an update


def test_demo_honours_cancel(tmp_path: Path) -> None:
    flag = CancelFlag()
    flag.cancel()
    with pytest.raises(Cancelled):
        run_demo(tmp_path, cancel=flag)


def test_steps_are_named_and_summary_comes_last() -> None:
    names = [s.name for s in STEPS]
    assert names[0] == "import accounts" and names[-1] == "summary"
    assert len(set(names)) == len(names)


def test_ensure_demo_workspace_builds_once(tmp_path: Path) -> None:
    path = ensure_demo_workspace(tmp_path / "demo.tpw", plan_seconds=1)
    with Workspace.open(path) as ws:
        assert ws.plans() and len(ws.territories()) == 3  # planned and split, ready to show
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.tpw"]  # no scratch left
    with Workspace.open(path) as ws:
        ws.save_accounts([replace(ws.accounts()[0], name="Changed locally")])
    ensure_demo_workspace(path)  # has accounts: left alone
    with Workspace.open(path) as ws:
        assert len(ws.accounts()) == 401
        assert ws.accounts()[0].name == "Changed locally"
        assert len(ws.imports()) == 1


def test_demo_data_is_what_the_generator_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_demo", demo_data_dir() / "make_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_accounts(tmp_path / "a.csv", random.Random(module.SEED))
    module.write_reps(tmp_path / "r.csv")
    committed = demo_data_dir()
    assert (tmp_path / "a.csv").read_bytes() == (
        committed / "accounts_salesforce_report.csv"
    ).read_bytes()
    assert (tmp_path / "r.csv").read_bytes() == (committed / "reps.csv").read_bytes()

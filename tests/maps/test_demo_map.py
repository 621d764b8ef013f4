"""The demo's map step writes a standalone page from the workspace."""

from __future__ import annotations

from pathlib import Path

from planner.domain import Account, Territory, WeekPlan
from planner.domain.progress import NeverCancel, NullProgress
from planner.io.workspace import Workspace
from planner.services.demo import STEPS, DemoRun


def test_demo_map_step_writes_a_self_contained_page(
    tmp_path: Path, accounts: list[Account], plan: WeekPlan, territories: list[Territory]
) -> None:
    step = next(s for s in STEPS if s.name == "map")
    with Workspace.open(tmp_path / "demo.tpw") as ws:
        ws.save_accounts(accounts)
        ws.replace_territories(territories)
        run = DemoRun(tmp_path, ws, tmp_path, data={"plan": plan})
        step.run(run, NullProgress(), NeverCancel())
    page = tmp_path / "map.html"
    assert run.outputs == [page]
    html = page.read_text(encoding="utf-8")
    assert "planner.init(" in html and '"PointTable"' in html and "Mon 30 Nov" in html
    assert "West" in html  # the workspace's territories are drawn

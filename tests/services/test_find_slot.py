"""Find a slot: ranked by what it pushes out, then by added travel; never on a closed day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import DomainError
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.find_slot import find_slots
from planner.services.plan_week import plan_in_workspace
from planner.travel.geodesic import GeodesicModel
from tests.services.test_calendar_sources import workspace

__all__ = ["workspace"]  # fixture
WEEK = date(2026, 12, 7)  # Tuesday 8 is a public holiday in Italy


def test_slots_this_week_or_next_ranked_and_never_on_the_holiday(workspace: Path) -> None:
    with Workspace.open(workspace) as ws:
        params = WeekParams(time_limit_s=1.0, overnight=False)
        plan = plan_in_workspace(ws, "Giulia", WEEK, None, GeodesicModel(), params=params).plan
        planned = plan.visits()[0]
        slots = find_slots(ws, "Giulia", planned.account_id, WEEK, count=20)
    assert slots and all(s.day != date(2026, 12, 8) for s in slots)
    assert all(WEEK <= s.day < date(2026, 12, 19) for s in slots)
    order = [((s.pushed_value.cents if s.pushed_value else 0), s.added_cost.cents) for s in slots]
    assert order == sorted(order)
    assert all(s.pushed_value is None for s in slots if not s.pushes_out)


def test_plan_slots_command(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w = ("-w", str(workspace))
    code = main(["plan", "slots", "--rep", "Giulia", "--account", "cento-metal", "--week",
                 "2026-12-07", "--count", "3", "--json", *w])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    slots = json.loads(out)
    assert len(slots) == 3 and all(s["start"] >= "2026-12-07" for s in slots)
    assert main(["plan", "slots", "--rep", "Giulia", *w]) == 2
    with Workspace.open(workspace) as ws, pytest.raises(DomainError, match="no account"):
        find_slots(ws, "Giulia", "nope", WEEK)

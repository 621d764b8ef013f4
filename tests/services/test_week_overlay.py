"""What the day columns show beside a stored plan: days the rep's calendar closes now."""

from __future__ import annotations

from pathlib import Path

from planner.domain.calendar import HalfDay, TimeOff
from planner.io.calendars.store import save_time_off
from planner.io.workspace import Workspace
from planner.services.week_overlay import week_overlay
from tests.io.exporters.plan_fixture import make_plan, make_rep


def test_a_day_off_booked_after_planning_is_flagged_on_its_visits(tmp_path: Path) -> None:
    """A plan made before the day was known to be off (or with an older version that did
    not know the public holidays) says so on that day, not silently."""
    plan, rep = make_plan(), make_rep()
    first, second, third = (day.day for day in plan.days[:3])
    workspace = Workspace.open(tmp_path / "w.tpw")
    save_time_off(
        workspace,
        rep.name,
        [
            TimeOff(rep.name, first, None, "dentist"),  # the whole day: flagged
            TimeOff(rep.name, second, HalfDay.MORNING, "school run"),  # half: a busy line
        ],
    )
    overlay = week_overlay(workspace, rep, plan)
    assert overlay.closed == {first: "dentist"}
    assert overlay.blocks[second] == ["school run (morning)"]
    assert third not in overlay.closed

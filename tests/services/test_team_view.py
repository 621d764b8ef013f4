"""The team view's numbers: each rep's stored week, utilisation of their working time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.domain import DayPlan, GeoPoint, Leg, Money, Rep, Stop, Visit, WeekPlan
from planner.io.workspace import Workspace
from planner.services.team_view import rep_week, team_week, working_minutes

MONDAY = date(2026, 11, 30)


def _plan(rep: str) -> WeekPlan:
    home = Stop("Home", GeoPoint(44.49, 11.34))
    start = datetime(2026, 11, 30, 9, tzinfo=ZoneInfo("Europe/Rome"))
    visit = Visit("id:1", "1", "Acme", start, start + timedelta(minutes=60), Money(50000))
    legs = (Leg("home", "id:1", 30000, 1800, Money(1500)), Leg("id:1", "home", 30000, 1800,
                                                               Money(1500)))  # fmt: skip
    day = DayPlan(MONDAY, home, home, (visit,), legs, Money(3000))
    return WeekPlan(rep, MONDAY, "EUR", (day, DayPlan(MONDAY + timedelta(1), home, home)))


def test_utilisation_is_meetings_and_driving_over_working_time(tmp_path) -> None:
    rep = Rep("Anna", work_start=time(8, 30), work_end=time(18), lunch_minutes=30)
    assert working_minutes(rep, 2) == 2 * (9.5 * 60 - 30)
    week = rep_week(rep, _plan("Anna"))
    assert (week.visits, week.distance_m, week.driving_s) == (1, 60000, 3600)
    assert week.utilisation == (60 + 60) / (2 * 540)
    assert week.value == Money(50000) and week.net == Money(50000) - week.cost


def test_team_week_lists_every_rep_with_or_without_a_plan(tmp_path) -> None:
    with Workspace.open(tmp_path / "t.tpw") as ws:
        ws.save_reps([Rep("Anna"), Rep("Bruno")])
        ws.save_plan(_plan("Bruno"))
        weeks = team_week(ws, MONDAY)
    assert [(w.rep, w.planned) for w in weeks] == [("Anna", False), ("Bruno", True)]
    assert weeks[0].net is None and weeks[1].visits == 1

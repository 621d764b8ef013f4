"""Editing a plan by hand: moves re-time the week, broken edits are refused, locks stick."""

# ruff: noqa: F811 - the week fixtures are imported, then requested by name

from __future__ import annotations

from datetime import time

import pytest

from planner.domain import Account, Interval, Lock, OpeningHours, Rep
from planner.optimise.priorities import USER_EXCLUDED
from planner.optimise.week.check import check_plan
from planner.optimise.week.planner import WeekParams
from planner.services.edit_plan import (
    PlanContext,
    PlanEditError,
    move_visit,
    remove_visit,
    toggle_lock,
)
from planner.services.plan_week import locks_from_plan, plan_week
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import MONDAY, account, near_accounts, rep, travel  # noqa: F401 (fixtures)

PARAMS = WeekParams(time_limit_s=0.5, seed=1, overnight=False)


@pytest.fixture
def week(rep: Rep, travel: GeodesicModel, near_accounts: list[Account]):  # type: ignore[no-untyped-def]
    plan = plan_week(near_accounts, rep, MONDAY, 3, travel, params=PARAMS)
    assert len(plan.visits()) >= 4
    return PlanContext(near_accounts, rep, travel), plan


def _day_of(plan, key):  # type: ignore[no-untyped-def]
    return next(i for i, d in enumerate(plan.days) if key in {v.account_key for v in d.visits})


def _first_fitting_move(ctx, plan):  # type: ignore[no-untyped-def]
    """A visit and another day it fits on (a full day refuses moves, with the reason)."""
    for source, day in enumerate(plan.days):
        for visit in day.visits:
            for target in range(len(plan.days)):
                if target == source:
                    continue
                try:
                    return (
                        visit,
                        source,
                        target,
                        move_visit(ctx, plan, visit.account_key, target, 0),
                    )
                except PlanEditError as refused:
                    assert "does not fit on" in str(refused)
    raise AssertionError("no visit fits on another day")


def test_move_visit_to_another_day_retimes_and_locks(week) -> None:  # type: ignore[no-untyped-def]
    ctx, plan = week
    visit, _source, target, moved = _first_fitting_move(ctx, plan)
    day = moved.days[target]
    assert day.visits[0].account_key == visit.account_key
    assert day.visits[0].lock is Lock.DAY
    assert day.visits[0].arrival.date() == day.day
    assert moved.distance_m != plan.distance_m
    assert check_plan(moved, ctx.accounts, ctx.rep, ctx.travel_model, locks_from_plan(moved)) == []
    # the other visits keep their days and order
    for d, old in enumerate(plan.days):
        kept = [v.account_key for v in old.visits if v.account_key != visit.account_key]
        now = [v.account_key for v in moved.days[d].visits if v.account_key != visit.account_key]
        assert now == kept


def test_move_to_a_closed_day_is_refused(rep: Rep, travel: GeodesicModel, near_accounts) -> None:  # type: ignore[no-untyped-def]
    monday_only = OpeningHours(((Interval(time(9), time(18)),),) + ((),) * 6)
    picky = account("Monday Only", 44.50, 11.35, amount=90_000, opening_hours=monday_only)
    accounts = [*near_accounts, picky]
    plan = plan_week(accounts, rep, MONDAY, 3, travel, params=PARAMS)
    assert _day_of(plan, picky.key) == 0
    with pytest.raises(PlanEditError, match="Monday Only does not fit on Tue 3 Mar"):
        move_visit(PlanContext(accounts, rep, travel), plan, picky.key, 1, 0)


def test_lock_toggle_and_remove(week) -> None:  # type: ignore[no-untyped-def]
    ctx, plan = week
    key = plan.visits()[-1].account_key
    locked = toggle_lock(ctx, plan, key)
    assert next(v for v in locked.visits() if v.account_key == key).lock is Lock.DAY
    unlocked = toggle_lock(ctx, locked, key)
    assert next(v for v in unlocked.visits() if v.account_key == key).lock is Lock.NONE
    removed = remove_visit(ctx, plan, key)
    assert key not in {v.account_key for v in removed.visits()}
    assert any(d.account_key == key and d.reason == USER_EXCLUDED for d in removed.excluded)
    assert removed.value.cents < plan.value.cents

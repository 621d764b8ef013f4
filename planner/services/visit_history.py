"""Visits already planned count as visits: cadences across a rep's stored weeks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from planner.domain.account import Account
from planner.domain.plan import WeekPlan
from planner.io.workspace import Workspace

LOOKBACK_WEEKS = 13  # the longest default cadence (90 days) and a little more


def with_planned_visits(accounts: Sequence[Account], plans: Iterable[WeekPlan]) -> list[Account]:
    """The accounts with `last_visit` moved to their latest visit in `plans`."""
    latest: dict[str, date] = {}
    for plan in plans:
        for day in plan.days:
            for visit in day.visits:
                if day.day > latest.get(visit.account_key, date.min):
                    latest[visit.account_key] = day.day
    out = []
    for account in accounts:
        seen = latest.get(account.key)
        if seen is not None and (account.last_visit is None or seen > account.last_visit):
            account = replace(account, last_visit=seen)
        out.append(account)
    return out


def earlier_plans(workspace: Workspace, rep_name: str, week_start: date) -> list[WeekPlan]:
    """The rep's stored plans of the weeks before `week_start` (within the look-back)."""
    since = week_start - timedelta(weeks=LOOKBACK_WEEKS)
    weeks = [w for r, w in workspace.plans() if r == rep_name and since <= w < week_start]
    return [p for w in weeks if (p := workspace.load_plan(rep_name, w)) is not None]

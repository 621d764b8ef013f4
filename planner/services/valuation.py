"""Use case: what each account is worth this week — the one valuation every view shows.

The app (table, map, inspector), the exported map page, the CSV exports and the command
line take values and priority bands from `week_valuation`, never from a formula of
their own; the planner's prizes come from the same formula
(`planner.optimise.priorities`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from planner.domain.account import Account
from planner.domain.plan import WeekPlan
from planner.optimise.channel import PHONE, VIDEO
from planner.optimise.priorities import (
    USER_EXCLUDED,
    ValueBreakdown,
    ValueMemo,
    ValueParams,
    Valuer,
    value_accounts,
)
from planner.optimise.valuation import Valuation, value_week

__all__ = [
    "PHONE",
    "VIDEO",
    "Valuation",
    "ValueBreakdown",
    "ValueMemo",
    "ValueParams",
    "values_for_replan",
    "week_valuation",
]


def week_valuation(
    accounts: Iterable[Account],
    week_start: date,
    plan: WeekPlan | None = None,
    params: ValueParams | None = None,
    valuer: Valuer = value_accounts,
) -> Valuation:
    """Values and bands for the week; accounts the user took out of `plan` stay out.
    `valuer`: a `ValueMemo` keeps the breakdowns of unchanged accounts between calls."""
    return value_week(accounts, week_start, values_for_replan(plan, params), valuer)


def values_for_replan(previous: WeekPlan | None, base: ValueParams | None = None) -> ValueParams:
    """Value parameters that keep out of a re-plan the accounts the user took out."""
    base = base or ValueParams()
    if previous is None:
        return base
    removed = {d.account_key for d in previous.excluded if d.reason == USER_EXCLUDED}
    return replace(base, excluded=base.excluded | removed)

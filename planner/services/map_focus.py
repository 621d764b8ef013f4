"""Use case: what the app's map opens on, and re-frames to when the rep or week changes.

The rep's planned week (stops, home), else the rep's own accounts (`rep_scope`) and home,
else every account (`planner.maps.focus`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planner.domain import Account, Rep, WeekPlan
from planner.maps.focus import Focus, all_focus, rep_focus, week_focus
from planner.services.rep_scope import RepScope


def session_focus(
    accounts: Sequence[Account],
    rep: Rep | None,
    plan: WeekPlan | None,
    scope: Callable[[], RepScope | None],
) -> Focus | None:
    """The focus for `rep` working on `plan`; `scope` gives the rep's own accounts (asked
    only when the week has no plan)."""
    if rep is None:
        return all_focus(accounts)
    focus = week_focus(plan, accounts)
    if focus is None:
        own = scope()
        focus = rep_focus(rep, own.accounts, own.everyone) if own is not None else None
    return focus or all_focus(accounts)

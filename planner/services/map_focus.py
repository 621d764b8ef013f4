"""Use case: what the app's map opens on, and re-frames to when the rep or week changes.

The rep's planned week (stops, home), else the rep's own accounts (`rep_scope`) and home,
else every account (`planner.maps.focus`). Only the focus's key is worked out here; its
box (a scan of the accounts, the rep's scope) when the page needs it.
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
    all_accounts: bool = False,
) -> Focus:
    """The focus for `rep` working on `plan`; `scope` gives the rep's own accounts."""
    if rep is None:
        return all_focus(accounts)

    def own() -> Sequence[Account]:
        found = scope()
        return found.accounts if found is not None else accounts

    return week_focus(plan, accounts) or rep_focus(rep, own, accounts, all_accounts)

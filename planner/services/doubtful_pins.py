"""Flag doubtful pins after geocoding (planner.domain.outliers explains the test): each
account is judged within its territory, else with the accounts of its CRM owner, else
with all accounts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from planner.domain import Account, Territory
from planner.domain.outliers import doubtful_reasons


def flag_doubtful(
    accounts: Sequence[Account], territories: Iterable[Territory] = ()
) -> dict[int, Account]:
    """Index → account whose flag changed (set, cleared or reworded)."""
    territory_of = {key: t.name for t in territories for key in t.account_keys}

    def group(account: Account) -> str:
        if account.key in territory_of:
            return f"territory {territory_of[account.key]}"
        return f"{account.owner}'s accounts" if account.owner else ""

    reasons = doubtful_reasons(accounts, group)
    return {
        i: replace(a, doubtful=reasons.get(a.key, ""))
        for i, a in enumerate(accounts)
        if a.doubtful != reasons.get(a.key, "")
    }

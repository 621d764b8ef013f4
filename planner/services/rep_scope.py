"""The selected rep's own accounts: what planning, the table and the map cover by default.

An account belongs to the rep its saved territory assigns it to, else to the rep its CRM
owner names (`current_split`, which territory balancing starts from too). When no account is
assigned to any rep of the workspace (a plain list, a single rep), every account is the
rep's. "All accounts" is a switch: then nothing is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from planner.domain.account import Account
from planner.domain.i18n import N_
from planner.domain.rep import Rep
from planner.domain.territory import Territory

UNASSIGNED = ""


def current_split(
    accounts: Sequence[Account], reps: Sequence[Rep], territories: Iterable[Territory]
) -> tuple[dict[str, str], dict[str, str]]:
    """(current account → rep, locked account → rep) from saved territories or CRM owners."""
    names = {r.name for r in reps}
    current: dict[str, str] = {}
    locked: dict[str, str] = {}
    for territory in territories:
        if territory.rep_name not in names:
            continue
        current.update(dict.fromkeys(territory.account_keys, territory.rep_name))
        locked.update(dict.fromkeys(territory.locked_keys, territory.rep_name))
    if not current:
        current = {a.key: a.owner for a in accounts if a.owner in names}
    return current, locked


@dataclass(frozen=True)
class RepScope:
    """The accounts in scope for one rep, and who the others belong to."""

    rep_name: str
    accounts: tuple[Account, ...]
    owner_of: dict[str, str]  # account key → rep, for accounts assigned to a rep
    everyone: bool  # the "all accounts" switch, or nothing assigned to anyone

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(a.key for a in self.accounts)

    def reason_out(self, account: Account) -> str:
        """Why an account is outside this rep's scope ("" when it is inside)."""
        if self.everyone or account.key in self.keys:
            return ""
        owner = self.owner_of.get(account.key, UNASSIGNED)
        if owner == UNASSIGNED:
            return N_("assigned to no rep (switch to all accounts to include it)")
        return N_("{rep}'s account (switch to all accounts to include it)").format(rep=owner)

    def left_out_note(self, total: int) -> str:
        """One line for the plan's notes: how many accounts of others were not considered."""
        others = total - len(self.accounts)
        if others <= 0:
            return ""
        reps = len({r for r in self.owner_of.values() if r != self.rep_name})
        return N_(
            "{count} accounts of {reps} other rep(s) or of no rep were left out: {rep}'s own "
            "territory is planned (plan all accounts to include them)"
        ).format(count=f"{others:,}", reps=reps, rep=self.rep_name)


def rep_scope(
    accounts: Sequence[Account],
    rep: Rep,
    reps: Sequence[Rep],
    territories: Iterable[Territory] = (),
    *,
    everyone: bool = False,
) -> RepScope:
    """The rep's own accounts (territory, else CRM owner), or all of them."""
    owner_of, _ = current_split(accounts, reps, territories)
    if everyone or not owner_of:
        return RepScope(rep.name, tuple(accounts), owner_of, everyone=True)
    own = tuple(a for a in accounts if owner_of.get(a.key) == rep.name)
    return RepScope(rep.name, own, owner_of, everyone=False)

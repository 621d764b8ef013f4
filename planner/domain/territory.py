"""A territory: the accounts one rep is responsible for."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.errors import DomainError


@dataclass(frozen=True)
class Territory:
    name: str
    rep_name: str
    account_keys: frozenset[str] = frozenset()
    locked_keys: frozenset[str] = frozenset()  # accounts this rep keeps whatever the balancing says

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DomainError("territory name is required")
        if not self.locked_keys <= self.account_keys:
            raise DomainError("locked accounts must belong to the territory")

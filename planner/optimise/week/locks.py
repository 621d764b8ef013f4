"""What the user pinned in a plan: a visit kept in the week, on a day, or at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.domain.errors import DomainError
from planner.domain.plan import Lock


@dataclass(frozen=True)
class LockSpec:
    """A lock on one account.

    `IN_PLAN` keeps the account in the week (any day), `DAY` on `day`, `TIME` on the day
    of `arrival` starting at `arrival` (even outside opening hours: the user agreed it).
    """

    account_key: str
    kind: Lock
    day: date | None = None
    arrival: datetime | None = None

    def __post_init__(self) -> None:
        if self.kind is Lock.NONE:
            raise DomainError("a lock needs a kind other than 'none'")
        if self.kind is Lock.DAY and self.day is None:
            raise DomainError(f"day lock on {self.account_key} needs a day")
        if self.kind is Lock.TIME:
            if self.arrival is None or self.arrival.tzinfo is None:
                raise DomainError(f"time lock on {self.account_key} needs an aware arrival")
            object.__setattr__(self, "day", self.arrival.date())

    @classmethod
    def keep(cls, account_key: str) -> LockSpec:
        return cls(account_key, Lock.IN_PLAN)

    @classmethod
    def on_day(cls, account_key: str, day: date) -> LockSpec:
        return cls(account_key, Lock.DAY, day=day)

    @classmethod
    def at(cls, account_key: str, arrival: datetime) -> LockSpec:
        return cls(account_key, Lock.TIME, arrival=arrival)

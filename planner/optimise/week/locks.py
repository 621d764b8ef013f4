"""What the user pinned in a plan: a visit kept in the week, on a day, or at a time.

An appointment at an account is a lock too (`LockSpec.for_appointment`): fixed → at its
time, flexible on the day → on its day (within its time range), flexible in the week →
kept in the week; its length replaces the account's usual meeting length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.domain.calendar import Appointment, AppointmentKind
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
    appointment: Appointment | None = None

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

    @classmethod
    def for_appointment(cls, appointment: Appointment) -> LockSpec:
        key = appointment.account_key
        if appointment.kind is AppointmentKind.FIXED:
            return cls(key, Lock.TIME, arrival=appointment.start, appointment=appointment)
        if appointment.kind is AppointmentKind.DAY:
            return cls(key, Lock.DAY, day=appointment.start.date(), appointment=appointment)
        return cls(key, Lock.IN_PLAN, appointment=appointment)

    @property
    def priority(self) -> int:
        """Which lock gives way first when a day cannot hold them all (lowest first)."""
        return self.appointment.kind.priority if self.appointment else 0

    @property
    def service_s(self) -> int | None:
        """The meeting length the appointment sets (None: the account's usual one)."""
        return self.appointment.minutes * 60 if self.appointment else None

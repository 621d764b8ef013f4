"""The week plan: days of visits joined by legs, plus what was left out and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from planner.domain.calendar import ClosedDay
from planner.domain.errors import DomainError
from planner.domain.geo import GeoPoint
from planner.domain.i18n import N_
from planner.domain.units import Money


class Lock(StrEnum):
    NONE = N_("none")
    IN_PLAN = N_("in_plan")  # keep it this week, any day
    DAY = N_("day")  # keep it on this day
    TIME = N_("time")  # keep it on this day at this time


@dataclass(frozen=True)
class Stop:
    """A place a day starts or ends at: home, a hotel."""

    name: str
    location: GeoPoint
    kind: str = "home"  # home | hotel


@dataclass(frozen=True)
class Visit:
    account_key: str
    account_id: str
    name: str
    arrival: datetime  # time-zone aware
    departure: datetime
    value: Money
    lock: Lock = Lock.NONE
    explanation: str = ""
    cancelled: bool = False
    appointment_id: str = ""  # the appointment this visit keeps, if any
    fixed: bool = False  # a fixed appointment: this date and time, not the planner's choice

    def __post_init__(self) -> None:
        if self.arrival.tzinfo is None or self.departure.tzinfo is None:
            raise DomainError("visit times must carry a time zone")
        if self.departure < self.arrival:
            raise DomainError(f"visit to {self.name} departs before it arrives")


@dataclass(frozen=True)
class Leg:
    from_key: str
    to_key: str
    distance_m: int
    duration_s: int
    cost: Money
    departure: datetime | None = None
    geometry: tuple[tuple[float, float], ...] = ()  # (lat, lon) points when the model has them
    estimate: bool = False  # not timed on real roads (straight-line estimate, town-level pin)

    def __post_init__(self) -> None:
        if self.distance_m < 0 or self.duration_s < 0:
            raise DomainError("a leg cannot have negative distance or duration")


@dataclass(frozen=True)
class Break:
    """The rep's lunch break: when it starts and ends (time-zone aware)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise DomainError("break times must carry a time zone")
        if self.end <= self.start:
            raise DomainError("a break must end after it starts")


@dataclass(frozen=True)
class DayPlan:
    day: date
    start: Stop
    end: Stop
    visits: tuple[Visit, ...] = ()
    legs: tuple[Leg, ...] = ()  # len(visits) + 1 when there are visits
    hotel_cost: Money | None = None  # hotel + allowance when the day ends at a hotel
    lunch: Break | None = None  # None on days without visits (and in older workspaces)

    def __post_init__(self) -> None:
        if self.visits and len(self.legs) != len(self.visits) + 1:
            raise DomainError(
                f"{self.day}: {len(self.visits)} visits need {len(self.visits) + 1} legs"
            )

    @property
    def lunch_after(self) -> int | None:
        """How many of the day's visits come before the lunch break (None without one)."""
        if self.lunch is None:
            return None
        return sum(1 for visit in self.visits if visit.arrival < self.lunch.start)

    @property
    def distance_m(self) -> int:
        return sum(leg.distance_m for leg in self.legs)

    @property
    def driving_s(self) -> int:
        return sum(leg.duration_s for leg in self.legs)

    def travel_cost(self, currency: str) -> Money:
        total = Money.zero(currency)
        for leg in self.legs:
            total = total + leg.cost
        return total

    def cost(self, currency: str) -> Money:
        extra = self.hotel_cost or Money.zero(currency)
        return self.travel_cost(currency) + extra

    def value(self, currency: str) -> Money:
        total = Money.zero(currency)
        for visit in self.visits:
            if not visit.cancelled:
                total = total + visit.value
        return total


@dataclass(frozen=True)
class Decision:
    """Why a candidate account is or is not visited in person this week."""

    account_key: str
    account_id: str
    name: str
    outcome: str  # planned | remote | excluded
    reason: str
    value: Money
    marginal_cost: Money | None = None
    channel: str = ""  # in person | video | phone ("" for excluded accounts)


@dataclass(frozen=True)
class WeekPlan:
    rep_name: str
    week_start: date
    currency: str
    days: tuple[DayPlan, ...] = ()
    remote: tuple[Decision, ...] = ()
    excluded: tuple[Decision, ...] = ()
    planned: tuple[Decision, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    closed: tuple[ClosedDay, ...] = ()  # holidays and days off: no visits
    conflicts: tuple[str, ...] = ()  # appointments and days off that collide

    @property
    def distance_m(self) -> int:
        return sum(d.distance_m for d in self.days)

    @property
    def driving_s(self) -> int:
        return sum(d.driving_s for d in self.days)

    @property
    def cost(self) -> Money:
        total = Money.zero(self.currency)
        for day in self.days:
            total = total + day.cost(self.currency)
        return total

    @property
    def value(self) -> Money:
        total = Money.zero(self.currency)
        for day in self.days:
            total = total + day.value(self.currency)
        return total

    def visits(self) -> list[Visit]:
        return [v for d in self.days for v in d.visits]


def week_to_plan(today: date) -> date:
    """The Monday of the week a rep plans on `today`: this week until Wednesday, then the
    next one (from Thursday on, what is left of the week is mostly already arranged)."""
    monday = today - timedelta(days=today.weekday())
    return monday if today.weekday() < 3 else monday + timedelta(days=7)

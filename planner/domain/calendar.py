"""The rep's calendar: appointments, time off, public holidays and busy times.

Priorities when they collide: public holidays and time off close the time for
everything; then fixed appointments > flexible on the day > flexible in the week >
the planner's own suggestions. A collision is reported (`WeekPlan.conflicts`), never
resolved silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from planner.domain.errors import DomainError


class AppointmentKind(StrEnum):
    FIXED = "fixed"  # this date and time
    DAY = "day"  # flexible on the day, optionally within a time range
    WEEK = "week"  # flexible in the week

    @property
    def priority(self) -> int:
        """Higher wins a conflict; the planner's own suggestions are 0."""
        return {AppointmentKind.FIXED: 3, AppointmentKind.DAY: 2, AppointmentKind.WEEK: 1}[self]


class HalfDay(StrEnum):
    MORNING = "am"
    AFTERNOON = "pm"


@dataclass(frozen=True)
class Appointment:
    """A meeting the rep already has: at an account (`account_key`) or at an address.

    `start` is time-zone aware. FIXED: the meeting starts then. DAY: on that date, starting
    between `earliest` and `latest` when given. WEEK: any working day of that week. An
    all-day appointment blocks `days` whole days from `start`'s date (a trade fair).
    """

    id: str
    rep_name: str
    kind: AppointmentKind
    start: datetime
    minutes: int = 60
    account_key: str = ""
    address: str = ""
    title: str = ""
    all_day: bool = False
    days: int = 1
    earliest: time | None = None
    latest: time | None = None
    source: str = ""  # "" when entered by the user, else the calendar it came from
    uid: str = ""  # the calendar event's UID when it came from one

    def __post_init__(self) -> None:
        if not self.id:
            raise DomainError("an appointment needs an id")
        if self.start.tzinfo is None:
            raise DomainError("appointment times must carry a time zone")
        if not self.all_day and not 0 < self.minutes <= 12 * 60:
            raise DomainError(f"appointment length must be 1–720 minutes, got {self.minutes}")
        if self.days < 1:
            raise DomainError(f"an appointment lasts at least one day, got {self.days}")
        if not self.account_key and not self.address and not self.title:
            raise DomainError("an appointment needs an account, an address or a title")
        if self.earliest and self.latest and self.latest < self.earliest:
            raise DomainError("the appointment's latest start is before its earliest")

    @property
    def end(self) -> datetime:
        if self.all_day:
            return self.start + timedelta(days=self.days)
        return self.start + timedelta(minutes=self.minutes)

    @property
    def label(self) -> str:
        return self.title or self.address or self.account_key

    def dates(self) -> list[date]:
        """The days an all-day appointment blocks (the start's date otherwise)."""
        first = self.start.date()
        return [first + timedelta(days=i) for i in range(self.days if self.all_day else 1)]

    def week_of(self) -> date:
        first = self.start.date()
        return first - timedelta(days=first.weekday())


@dataclass(frozen=True)
class TimeOff:
    """A day off, or half of one (`half`: the morning or the afternoon off)."""

    rep_name: str
    day: date
    half: HalfDay | None = None
    reason: str = "time off"

    @property
    def label(self) -> str:
        part = {None: "", HalfDay.MORNING: " (morning)", HalfDay.AFTERNOON: " (afternoon)"}
        return f"{self.reason}{part[self.half]}"


@dataclass(frozen=True)
class BusyTime:
    """A time the rep is taken (an event from their calendar), with no account to visit."""

    start: datetime
    end: datetime
    title: str = ""
    all_day: bool = False
    location: str = ""
    uid: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise DomainError("busy times must carry a time zone")
        if self.end <= self.start:
            raise DomainError(f"busy time {self.title!r} ends before it starts")


@dataclass(frozen=True)
class ClosedDay:
    """A working day the planner must leave empty, and why."""

    day: date
    reason: str


@dataclass(frozen=True)
class WeekCalendar:
    """Everything already in the rep's week, as the week planner's input."""

    holidays: tuple[tuple[date, str], ...] = ()  # (date, name)
    time_off: tuple[TimeOff, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    busy: tuple[BusyTime, ...] = ()
    all_day_busy_closes: bool = True  # an all-day calendar event is a day off
    closed_days: tuple[ClosedDay, ...] = ()  # days closed for a reason given as is
    notes: tuple[str, ...] = ()  # e.g. a calendar source that could not be read

    @classmethod
    def of_plan_days(cls, closed: tuple[ClosedDay, ...]) -> WeekCalendar:
        """The days a stored plan kept closed, when its calendar is not at hand."""
        return cls(closed_days=closed)


class Outcome(StrEnum):
    """How a planned visit went (HubSpot's meeting outcomes, the common vocabulary)."""

    COMPLETED = "completed"
    NO_SHOW = "no_show"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class VisitReport:
    """A call report: a visit done or not, how it went, and the rep's notes."""

    rep_name: str
    account_key: str
    account_id: str
    name: str
    day: date
    done: bool
    outcome: Outcome
    notes: str = ""
    start: datetime | None = None  # the visit's time when it was planned
    end: datetime | None = None

    def __post_init__(self) -> None:
        if self.done != (self.outcome is Outcome.COMPLETED):
            raise DomainError(
                f"a visit {'done' if self.done else 'not done'} cannot have the outcome "
                f"{self.outcome.value!r}"
            )

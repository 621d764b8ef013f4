"""The week as integer data: days (shifts), candidate visits with time windows, matrices.

Time is seconds of local wall-clock time since 00:00 of the week's first day, so Monday
09:00 is 32 400 and Tuesday 09:00 is 118 800. Place 0 of the matrices is the rep's home;
place i + 1 is candidate i. Money is integer cents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import numpy as np
import numpy.typing as npt

from planner.domain.account import Account
from planner.domain.calendar import ClosedDay
from planner.domain.errors import DomainError
from planner.domain.hours import OpeningHours
from planner.domain.i18n import N_
from planner.domain.plan import Lock, Stop
from planner.domain.rep import Rep
from planner.optimise.priorities import ValueBreakdown
from planner.optimise.week.locks import LockSpec

DAY_S = 86_400
HOME = 0


def seconds_of(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass(frozen=True)
class DaySpec:
    """One working day: a shift from `start_place` to `end_place` (matrix places)."""

    day: date
    offset_s: int  # 00:00 of this day, in week seconds
    start_s: int
    end_s: int
    lunch_from_s: int
    lunch_to_s: int
    lunch_s: int
    max_drive_s: int
    start_place: int = HOME
    end_place: int = HOME
    start_stop: Stop | None = None
    end_stop: Stop | None = None


@dataclass(frozen=True)
class Window:
    """When a visit may start: [early_s, late_s] on day `day` (an index into days)."""

    day: int
    early_s: int
    late_s: int


@dataclass(frozen=True)
class Candidate:
    account: Account
    place: int
    service_s: int
    value: ValueBreakdown
    windows: tuple[Window, ...]
    required: bool = False
    lock: LockSpec | None = None
    no_window_reason: str = ""

    @property
    def key(self) -> str:
        return self.account.key

    @property
    def prize(self) -> int:
        return self.value.total.cents

    def windows_on(self, day: int) -> list[Window]:
        return [w for w in self.windows if w.day == day]


@dataclass(frozen=True)
class WeekProblem:
    rep: Rep
    week_start: date
    days: tuple[DaySpec, ...]
    candidates: tuple[Candidate, ...]
    distance_m: npt.NDArray[np.int64]
    duration_s: npt.NDArray[np.int64]
    cost_cents: npt.NDArray[np.int64]
    home: Stop
    notes: tuple[str, ...] = ()
    closed: tuple[ClosedDay, ...] = ()  # working days the calendar closes (not in `days`)
    conflicts: tuple[str, ...] = ()  # calendar collisions found while building the week

    def to_datetime(self, seconds: int) -> datetime:
        """Week seconds → aware local datetime (wall-clock arithmetic in the rep's zone)."""
        midnight = datetime.combine(self.week_start, time(0), tzinfo=self.rep.tz)
        return midnight + timedelta(seconds=seconds)

    def to_seconds(self, moment: datetime) -> int:
        local = moment.astimezone(self.rep.tz)
        return (local.date() - self.week_start).days * DAY_S + seconds_of(local.time())

    def with_days(self, days: Sequence[DaySpec]) -> WeekProblem:
        return replace(self, days=tuple(days))

    def with_candidates(self, candidates: Sequence[Candidate]) -> WeekProblem:
        return replace(self, candidates=tuple(candidates))


def working_days(rep: Rep, week_start: date, count: int | None) -> list[date]:
    """The first `count` working days from `week_start` (all of that week when None)."""
    span = [week_start + timedelta(days=i) for i in range(7)]
    days = [d for d in span if d.weekday() in rep.work_days]
    if count is not None:
        if count <= 0:
            raise DomainError(f"number of days must be positive, got {count}")
        days = days[:count]
    if not days:
        raise DomainError(f"{rep.name} has no working day in the week of {week_start}")
    return days


def day_specs(rep: Rep, week_start: date, dates: Sequence[date], home: Stop) -> list[DaySpec]:
    specs = []
    for day in dates:
        offset = (day - week_start).days * DAY_S
        specs.append(
            DaySpec(
                day=day,
                offset_s=offset,
                start_s=offset + seconds_of(rep.work_start),
                end_s=offset + seconds_of(rep.work_end),
                lunch_from_s=offset + seconds_of(rep.lunch_start),
                lunch_to_s=offset + seconds_of(rep.lunch_end),
                lunch_s=rep.lunch_minutes * 60,
                max_drive_s=rep.max_driving_minutes * 60,
                start_stop=home,
                end_stop=home,
            )
        )
    return specs


def build_candidates(
    accounts: Sequence[Account],
    values: Mapping[str, ValueBreakdown],
    days: Sequence[DaySpec],
    locks: Mapping[str, LockSpec],
    to_seconds: Callable[[datetime], int],
) -> list[Candidate]:
    """Candidates for the solver: place i + 1 is accounts[i]; all must be located."""
    out = []
    # Windows depend on the opening hours and the meeting's length only: many accounts
    # share them (often none known), so each pair is worked out once.
    known: dict[tuple[OpeningHours | None, int], list[Window]] = {}
    for i, account in enumerate(accounts):
        value = values[account.key]
        lock = locks.get(account.key)
        service = (lock.service_s if lock else None) or account.meeting_minutes * 60
        shared = (account.opening_hours, service)
        if shared not in known:
            known[shared] = _week_windows(account, days, service)
        windows = known[shared]
        reason = "" if windows else _why_no_window(account, days, service)
        if lock is not None:
            windows = _apply_lock(lock, windows, days, to_seconds)
            if not windows:
                reason = f"locked {lock.kind.value} lock falls outside the planned days"
        required = (lock is not None or value.must_visit) and bool(windows)
        out.append(
            Candidate(account, i + 1, service, value, tuple(windows), required, lock, reason)
        )
    return out


def _week_windows(account: Account, days: Sequence[DaySpec], service: int) -> list[Window]:
    return [w for d, spec in enumerate(days) for w in _windows(account, d, spec, service)]


def _windows(account: Account, d: int, spec: DaySpec, service: int) -> list[Window]:
    if account.opening_hours is None:
        # Documented default: no opening hours known → open whenever the rep works.
        spans = [(spec.start_s, spec.end_s)]
    else:
        spans = [
            (spec.offset_s + seconds_of(iv.start), spec.offset_s + seconds_of(iv.end))
            for iv in account.opening_hours.on(spec.day.weekday())
        ]
    out = []
    for open_s, close_s in spans:
        early, late = max(open_s, spec.start_s), min(close_s, spec.end_s) - service
        if late >= early:
            out.append(Window(d, early, late))
    return out


def _why_no_window(account: Account, days: Sequence[DaySpec], service: int) -> str:
    hours = account.opening_hours
    if hours is not None and not any(hours.on(s.day.weekday()) for s in days):
        return N_("closed on every planned day")
    return N_(
        "no opening interval on a planned day fits a {minutes}-minute meeting within working hours"
    ).format(minutes=service // 60)


def _apply_lock(
    lock: LockSpec,
    windows: list[Window],
    days: Sequence[DaySpec],
    to_seconds: Callable[[datetime], int],
) -> list[Window]:
    if lock.kind is Lock.IN_PLAN:
        return windows
    day_index = {spec.day: d for d, spec in enumerate(days)}
    if lock.kind is Lock.DAY:
        d = day_index.get(lock.day) if lock.day else None
        return _within_range(lock, [w for w in windows if w.day == d], days)
    assert lock.arrival is not None
    at = to_seconds(lock.arrival)
    d = next((i for i, s in enumerate(days) if s.offset_s <= at < s.offset_s + DAY_S), None)
    return [] if d is None else [Window(d, at, at)]


def _within_range(lock: LockSpec, windows: list[Window], days: Sequence[DaySpec]) -> list[Window]:
    """A flexible-on-the-day appointment's time range cuts its windows that day."""
    appointment = lock.appointment
    if appointment is None or (appointment.earliest is None and appointment.latest is None):
        return windows
    out = []
    for w in windows:
        offset = days[w.day].offset_s
        early = offset + seconds_of(appointment.earliest) if appointment.earliest else w.early_s
        late = offset + seconds_of(appointment.latest) if appointment.latest else w.late_s
        if max(early, w.early_s) <= min(late, w.late_s):
            out.append(Window(w.day, max(early, w.early_s), min(late, w.late_s)))
    return out

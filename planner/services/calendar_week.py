"""Use cases: the rep's appointments and time off, and the week calendar the planner reads.

`week_calendar` gathers, for one rep and week, the public holidays of the rep's
country/region, their time off and their appointments (calendar sources add busy
times). Appointments and time off are kept in the workspace.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.domain.account import Account
from planner.domain.calendar import (
    Appointment,
    AppointmentKind,
    BusyTime,
    HalfDay,
    TimeOff,
    WeekCalendar,
)
from planner.domain.errors import DomainError
from planner.domain.rep import Rep
from planner.io.calendars.holidays import public_holidays
from planner.io.calendars.store import (
    APPOINTMENTS,
    appointment_from_dict,
    appointment_to_dict,
    load_appointments,
    load_sources,
    load_time_off,
    pop_by_id,
    rep_names,
    save_appointments,
    save_time_off,
)
from planner.io.reps_csv import parse_time
from planner.io.workspace import Workspace
from planner.services.calendar_sources import source_week

__all__ = [  # the CLI's view of the calendar (it reaches io only through services)
    "AppointmentRequest",
    "add_appointment",
    "add_time_off",
    "all_appointments",
    "all_time_off",
    "appointment_to_dict",
    "parse_time",
    "remove_appointment",
    "remove_time_off",
    "week_calendar",
]


def find_rep(workspace: Workspace, name: str) -> Rep:
    rep = workspace.rep(name)
    if rep is None:
        names = ", ".join(r.name for r in workspace.reps()) or "none"
        raise DomainError(f"no rep named {name!r} in the workspace (known: {names})")
    return rep


def find_account(workspace: Workspace, ident: str) -> Account:
    """An account by its CRM id (or by its workspace key)."""
    account = workspace.account_by_key(f"id:{ident}") or workspace.account_by_key(ident)
    if account is None:
        raise DomainError(f"no account with id {ident!r} in the workspace")
    return account


def week_calendar(workspace: Workspace, rep: Rep, week_start: date) -> WeekCalendar:
    """Holidays, time off and appointments touching the week that starts on `week_start`."""
    last = week_start + timedelta(days=6)
    appointments = tuple(
        a for a in load_appointments(workspace, rep.name) if _touches(a, rep, week_start, last)
    )
    time_off = tuple(t for t in load_time_off(workspace, rep.name) if week_start <= t.day <= last)
    busy: list[BusyTime] = []
    notes: list[str] = []
    if load_sources(workspace, rep.name):
        busy, booked, notes = source_week(workspace, rep, week_start, workspace.accounts())
        appointments += tuple(booked)
    return WeekCalendar(
        holidays=tuple(public_holidays(rep, week_start, last)),
        time_off=time_off,
        appointments=appointments,
        busy=tuple(busy),
        notes=tuple(notes),
    )


def _touches(appointment: Appointment, rep: Rep, first: date, last: date) -> bool:
    if appointment.kind is AppointmentKind.WEEK and not appointment.all_day:
        return appointment.week_of() == first
    days = appointment.dates()
    local = appointment.start.astimezone(rep.tz).date()
    return any(first <= d <= last for d in (*days, local))


@dataclass(frozen=True)
class AppointmentRequest:
    """What the user asks for; `start` may be naive (then it is the rep's local time)."""

    rep_name: str
    start: datetime
    minutes: int = 60
    kind: AppointmentKind = AppointmentKind.FIXED
    account_id: str = ""
    address: str = ""
    title: str = ""
    all_day: bool = False
    days: int = 1
    window: tuple[time, time] | None = None


def add_appointment(workspace: Workspace, request: AppointmentRequest) -> Appointment:
    rep = find_rep(workspace, request.rep_name)
    if bool(request.account_id) == bool(request.address):
        raise DomainError("give either an account or an address for the appointment")
    account = find_account(workspace, request.account_id) if request.account_id else None
    if account is None and request.kind is not AppointmentKind.FIXED and not request.all_day:
        raise DomainError(
            "a flexible appointment needs an account to visit (an address only works for "
            "fixed or all-day appointments)"
        )
    if request.window is not None and request.kind is not AppointmentKind.DAY:
        raise DomainError("a time range applies only to appointments flexible on the day")
    start = request.start
    if start.tzinfo is None:
        start = start.replace(tzinfo=rep.tz)
    if request.all_day:
        start = datetime.combine(start.date(), time(0), tzinfo=rep.tz)
    appointment = Appointment(
        id=uuid.uuid4().hex[:8],
        rep_name=rep.name,
        kind=request.kind,
        start=start,
        minutes=request.minutes,
        account_key=account.key if account else "",
        address=request.address,
        title=request.title or (account.name if account else ""),
        all_day=request.all_day,
        days=request.days,
        earliest=request.window[0] if request.window else None,
        latest=request.window[1] if request.window else None,
    )
    with workspace.transaction():
        save_appointments(workspace, rep.name, [*load_appointments(workspace, rep.name),
                                                appointment])  # fmt: skip
    return appointment


def all_appointments(workspace: Workspace, rep_name: str | None = None) -> list[Appointment]:
    return [
        a for name in rep_names(workspace, rep_name) for a in load_appointments(workspace, name)
    ]


def remove_appointment(workspace: Workspace, appointment_id: str) -> Appointment:
    row = pop_by_id(workspace, APPOINTMENTS, appointment_id)
    if row is None:
        raise DomainError(f"no appointment with id {appointment_id!r}")
    return appointment_from_dict(row)


def add_time_off(
    workspace: Workspace,
    rep_name: str,
    day: date,
    half: HalfDay | None = None,
    reason: str = "time off",
) -> TimeOff:
    rep = find_rep(workspace, rep_name)
    off = TimeOff(rep.name, day, half, reason or "time off")
    with workspace.transaction():
        kept = [t for t in load_time_off(workspace, rep.name) if t.day != day]
        others = [t for t in load_time_off(workspace, rep.name) if t.day == day and t.half]
        if half is not None:  # the other half stays; both halves = the whole day
            kept += [t for t in others if t.half != half]
        save_time_off(workspace, rep.name, [*kept, off])
    return off


def remove_time_off(workspace: Workspace, rep_name: str, day: date) -> list[TimeOff]:
    rep = find_rep(workspace, rep_name)
    with workspace.transaction():
        items = load_time_off(workspace, rep.name)
        gone = [t for t in items if t.day == day]
        if not gone:
            raise DomainError(f"{rep.name} has no time off on {day}")
        save_time_off(workspace, rep.name, [t for t in items if t.day != day])
    return gone


def all_time_off(workspace: Workspace, rep_name: str | None = None) -> list[TimeOff]:
    return [t for name in rep_names(workspace, rep_name) for t in load_time_off(workspace, name)]

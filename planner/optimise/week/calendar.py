"""The rep's calendar as the week problem's inputs: closed days, shorter shifts, busy
intervals no visit may overlap, and locked stops for appointments at accounts.

`week_effect` reads a `WeekCalendar` for the days to plan; `CalendarEffect.shape_days`
cuts the shifts and `CalendarEffect.carve` takes busy time out of every candidate's
windows. Conflicts (an appointment on a holiday, two fixed appointments at once) are
collected as sentences, never resolved silently. Priorities: holidays and time off
close the time for everything, then fixed > flexible on the day > flexible in the week
> the planner's suggestions (`LockSpec.priority` orders what a full day gives up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from planner.domain.calendar import (
    Appointment,
    AppointmentKind,
    ClosedDay,
    HalfDay,
    TimeOff,
    WeekCalendar,
)
from planner.domain.i18n import N_
from planner.domain.plan import WeekPlan
from planner.domain.rep import Rep
from planner.optimise.week.locks import LockSpec
from planner.optimise.week.problem import Candidate, DaySpec, Window

Busy = tuple[datetime, datetime, str]  # start, end, what


@dataclass
class CalendarEffect:
    open_dates: list[date]
    closed: list[ClosedDay] = field(default_factory=list)
    locks: list[LockSpec] = field(default_factory=list)
    busy: list[Busy] = field(default_factory=list)
    shifts: dict[date, tuple[time, time]] = field(default_factory=dict)  # shortened days
    conflicts: list[str] = field(default_factory=list)

    @property
    def booked(self) -> set[str]:
        """Accounts with an appointment this week: planned even if otherwise excluded."""
        return {lock.account_key for lock in self.locks}

    def shape_days(self, specs: Sequence[DaySpec]) -> list[DaySpec]:
        """Shifts shortened by half days off and by busy time at either end of the day."""
        out = []
        for spec in specs:
            start, end = spec.start_s, spec.end_s
            if spec.day in self.shifts:
                first, last = self.shifts[spec.day]
                start, end = spec.offset_s + _secs(first), spec.offset_s + _secs(last)
            out.append(replace(spec, start_s=start, end_s=end))
        return out

    def carve(
        self, candidates: Sequence[Candidate], to_seconds: Callable[[datetime], int]
    ) -> list[Candidate]:
        """No visit may overlap a busy interval; fixed appointments keep their time."""
        if not self.busy:
            return list(candidates)
        spans = [(to_seconds(a), to_seconds(b)) for a, b, _ in self.busy]
        out = []
        for cand in candidates:
            if cand.lock is not None and cand.lock.arrival is not None:
                out.append(cand)
                continue
            windows = _carved(cand.windows, spans, cand.service_s)
            reason = cand.no_window_reason
            if cand.windows and not windows:
                reason = "the rep's calendar is busy whenever it is open"
            out.append(replace(cand, windows=tuple(windows), no_window_reason=reason))
        return out


def _secs(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def _carved(
    windows: Sequence[Window], spans: Sequence[tuple[int, int]], service: int
) -> list[Window]:
    """Start windows minus every start whose meeting would overlap a span."""
    pieces = list(windows)
    for b0, b1 in spans:
        nxt = []
        for w in pieces:
            if w.late_s + service <= b0 or w.early_s >= b1:
                nxt.append(w)
                continue
            if min(w.late_s, b0 - service) >= w.early_s:
                nxt.append(Window(w.day, w.early_s, min(w.late_s, b0 - service)))
            if max(w.early_s, b1) <= w.late_s:
                nxt.append(Window(w.day, max(w.early_s, b1), w.late_s))
        pieces = nxt
    return sorted(pieces, key=lambda w: (w.day, w.early_s))


def week_effect(calendar: WeekCalendar, rep: Rep, dates: Sequence[date]) -> CalendarEffect:
    """What the calendar does to the week made of `dates` (the rep's working days)."""
    closed = _closed_days(calendar, dates)
    effect = CalendarEffect([d for d in dates if d not in closed])
    effect.closed = [ClosedDay(d, closed[d]) for d in dates if d in closed]
    effect.conflicts += calendar.notes
    for off in calendar.time_off:
        if off.half is not None and off.day in effect.open_dates:
            _half_day(effect, rep, off)
    for event in calendar.busy:
        if not event.all_day:
            for piece in _per_day(event.start, event.end, rep):
                _add_busy(effect, rep, (*piece, f"busy: {event.title or 'event'}"))
    _place_appointments(effect, calendar.appointments, rep, closed)
    _trim_shift_ends(effect, rep)
    return effect


def _per_day(start: datetime, end: datetime, rep: Rep) -> list[tuple[datetime, datetime]]:
    """A span cut at local midnights: an event from Monday 14:00 to Wednesday 12:00 is
    Monday afternoon, all Tuesday and Wednesday morning."""
    out = []
    local, stop = start.astimezone(rep.tz), end.astimezone(rep.tz)
    while local < stop:
        midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=rep.tz)
        out.append((local, min(stop, midnight)))
        local = midnight
    return out


def _closed_days(calendar: WeekCalendar, dates: Sequence[date]) -> dict[date, str]:
    reasons: dict[date, str] = {c.day: c.reason for c in calendar.closed_days}
    wanted = set(dates)
    for day, name in calendar.holidays:
        reasons.setdefault(day, N_("public holiday: {name}").format(name=name))
    for off in calendar.time_off:
        if off.half is None:
            reasons.setdefault(off.day, off.reason)
    for appointment in calendar.appointments:
        if appointment.all_day:
            for day in appointment.dates():
                reasons.setdefault(day, f"appointment: {appointment.label}")
    if calendar.all_day_busy_closes:
        for event in calendar.busy:
            if event.all_day:
                day = event.start.date()
                while day < event.end.date() or day == event.start.date():
                    reasons.setdefault(day, f"busy all day: {event.title or 'event'}")
                    day += timedelta(days=1)
    return {d: r for d, r in reasons.items() if d in wanted}


def _half_day(effect: CalendarEffect, rep: Rep, off: TimeOff) -> None:
    """Morning off: the day starts with lunch at home; afternoon off: it ends at lunch."""
    start, end = effect.shifts.get(off.day, (rep.work_start, rep.work_end))
    if off.half is HalfDay.MORNING:
        lunch_end = datetime.combine(off.day, rep.lunch_end)
        start = max(start, (lunch_end - timedelta(minutes=rep.lunch_minutes)).time())
    else:
        end = min(end, rep.lunch_start)
    if start >= end:
        effect.open_dates.remove(off.day)
        effect.closed = sorted([*effect.closed, ClosedDay(off.day, off.label)], key=lambda c: c.day)
        return
    effect.shifts[off.day] = (start, end)


def _add_busy(effect: CalendarEffect, rep: Rep, busy: Busy) -> None:
    local = busy[0].astimezone(rep.tz)
    if local.date() in effect.open_dates:
        effect.busy.append(busy)


def _trim_shift_ends(effect: CalendarEffect, rep: Rep) -> None:
    """Busy time at the very start or end of a day shortens the day instead: the rep
    cannot be driving to a customer during a dentist appointment at 08:30."""
    for start, end, what in effect.busy:
        day = start.astimezone(rep.tz).date()
        first, last = effect.shifts.get(day, (rep.work_start, rep.work_end))
        s, e = start.astimezone(rep.tz).time(), end.astimezone(rep.tz)
        e_time = e.time() if e.date() == day else time(23, 59)
        if s <= first < e_time:
            first = e_time
        if s < last <= e_time:
            last = s
        if first < last:
            effect.shifts[day] = (first, last)
        elif day in effect.open_dates:
            effect.open_dates.remove(day)
            effect.closed = sorted([*effect.closed, ClosedDay(day, what)], key=lambda c: c.day)


def _place_appointments(
    effect: CalendarEffect, appointments: Sequence[Appointment], rep: Rep, closed: dict[date, str]
) -> None:
    by_account: dict[str, Appointment] = {}
    ranked = sorted(appointments, key=lambda a: (-a.kind.priority, a.start))
    for appointment in ranked:
        if appointment.all_day:
            continue
        problem = _why_not(appointment, effect, rep, closed)
        if problem:
            effect.conflicts.append(f"{_describe(appointment, rep)}: {problem}")
            continue
        if not appointment.account_key:
            end = appointment.end
            effect.busy.append((appointment.start, end, f"appointment: {appointment.label}"))
            continue
        kept = by_account.get(appointment.account_key)
        if kept is not None:
            effect.conflicts.append(
                f"{_describe(appointment, rep)}: the week already has "
                f"{_describe(kept, rep)} at the same account (one visit per account a week)"
            )
            continue
        by_account[appointment.account_key] = appointment
        effect.locks.append(LockSpec.for_appointment(appointment))
    _overlaps(effect, rep, [a for a in by_account.values() if a.kind is AppointmentKind.FIXED])


def _why_not(
    appointment: Appointment, effect: CalendarEffect, rep: Rep, closed: dict[date, str]
) -> str:
    """Why an appointment cannot be kept this week ("" when it can)."""
    local = appointment.start.astimezone(rep.tz)
    if appointment.kind is AppointmentKind.WEEK:
        return "" if effect.open_dates else "no open day this week"
    if local.date() in closed:
        return f"the day is closed ({closed[local.date()]})"
    if local.date() not in effect.open_dates:
        return "not a working day of this plan"
    if appointment.kind is AppointmentKind.FIXED or not appointment.account_key:
        first, last = effect.shifts.get(local.date(), (rep.work_start, rep.work_end))
        end = appointment.end.astimezone(rep.tz)
        if local.time() < first or end.time() > last or end.date() != local.date():
            if (first, last) != (rep.work_start, rep.work_end):
                return f"it falls in the half day off (working {first:%H:%M}–{last:%H:%M})"
            return f"outside working hours ({first:%H:%M}–{last:%H:%M})"
    return ""


def _overlaps(effect: CalendarEffect, rep: Rep, fixed: Sequence[Appointment]) -> None:
    """Fixed appointments overlapping each other or busy time: kept, and reported."""
    for i, a in enumerate(fixed):
        for b in fixed[i + 1 :]:
            if a.start < b.end and b.start < a.end:
                effect.conflicts.append(f"{_describe(a, rep)} overlaps {_describe(b, rep)}")
        for start, end, what in effect.busy:
            if a.start < end and start < a.end:
                effect.conflicts.append(f"{_describe(a, rep)} overlaps {what}")


def _describe(appointment: Appointment, rep: Rep) -> str:
    local = appointment.start.astimezone(rep.tz)
    when = {
        AppointmentKind.FIXED: f"{local:%a %d %b %H:%M}",
        AppointmentKind.DAY: f"{local:%a %d %b} (flexible on the day)",
        AppointmentKind.WEEK: f"week of {appointment.week_of():%d %b} (flexible in the week)",
    }[appointment.kind]
    return f"appointment {appointment.id} {appointment.label!r} {when}"


def calendar_problems(plan: WeekPlan, calendar: WeekCalendar) -> list[str]:
    """Where a plan breaks its calendar: a visit on a closed day, overlapping busy time
    or time off, a fixed appointment moved. Empty when the plan honours it."""
    closed = {c.day for c in plan.closed} | {day for day, _ in calendar.holidays}
    closed |= {t.day for t in calendar.time_off if t.half is None}
    busy = [(b.start, b.end, b.title) for b in calendar.busy if not b.all_day]
    busy += [(a.start, a.end, a.label) for a in calendar.appointments if not a.account_key]
    out = []
    for day in plan.days:
        if day.visits and day.day in closed:
            out.append(f"{day.day}: visits on a closed day")
        for v in day.visits:
            out += [
                f"{v.name} {v.arrival:%a %H:%M} overlaps {what}"
                for start, end, what in busy
                if v.arrival < end and start < v.departure
            ]
    fixed = {a.id: a for a in calendar.appointments if a.kind is AppointmentKind.FIXED}
    for v in plan.visits():
        if v.appointment_id in fixed and v.arrival != fixed[v.appointment_id].start:
            out.append(f"{v.name}: fixed appointment moved to {v.arrival:%a %H:%M}")
    return out

"""What the day columns show beside the planned visits: the rep's calendar and call reports.

Qt-free, so the app and any other view read the same: closed days come with the plan;
this adds, per day, appointments at other places and busy times (one line each), and
per visit whether it was logged done or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.domain.calendar import Outcome, WeekCalendar
from planner.domain.plan import WeekPlan
from planner.domain.rep import Rep
from planner.io.calendars.store import load_reports
from planner.io.workspace import Workspace
from planner.services.calendar_week import week_calendar


@dataclass(frozen=True)
class WeekOverlay:
    blocks: dict[date, list[str]] = field(default_factory=dict)  # "09:00–10:00 Team call"
    logged: dict[tuple[str, date], Outcome] = field(default_factory=dict)  # (key, day)
    # Days with visits that the rep's calendar closes now (a public holiday, a whole day
    # off), by reason: the plan was made before they were known, or without them.
    closed: dict[date, str] = field(default_factory=dict)


def week_overlay(workspace: Workspace, rep: Rep, plan: WeekPlan) -> WeekOverlay:
    try:
        calendar = week_calendar(workspace, rep, plan.week_start)
    except Exception:  # a broken source must not hide the plan; `plan` reports it
        calendar = WeekCalendar()
    last = plan.week_start + timedelta(days=6)
    logged = {
        (r.account_key, r.day): r.outcome
        for r in load_reports(workspace, rep.name)
        if plan.week_start <= r.day <= last
    }
    return WeekOverlay(_blocks(calendar, rep), logged, _closed_with_visits(calendar, plan))


def _closed_with_visits(calendar: WeekCalendar, plan: WeekPlan) -> dict[date, str]:
    reasons = dict(calendar.holidays)
    reasons.update({off.day: off.label for off in calendar.time_off if off.half is None})
    return {day.day: reasons[day.day] for day in plan.days if day.visits and day.day in reasons}


def _blocks(calendar: WeekCalendar, rep: Rep) -> dict[date, list[str]]:
    out: dict[date, list[str]] = {}
    spans = [(b.start, b.end, b.title or "busy") for b in calendar.busy if not b.all_day]
    spans += [
        (a.start, a.end, a.label)
        for a in calendar.appointments
        if not a.account_key and not a.all_day
    ]
    for start, end, title in sorted(spans):
        local, stop = start.astimezone(rep.tz), end.astimezone(rep.tz)
        out.setdefault(local.date(), []).append(f"{local:%H:%M}–{stop:%H:%M} {title}")
    for off in calendar.time_off:
        if off.half is not None:
            out.setdefault(off.day, []).append(off.label)
    return out

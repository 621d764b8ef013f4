"""Calendar export (.ics) with icalendar: one VEVENT per visit, stable UIDs, SEQUENCE bumps.

Never hand-written iCalendar text: icalendar escapes commas, semicolons, backslashes
and line breaks, folds long lines and writes VTIMEZONE blocks.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import icalendar

from planner.domain import Account, DayPlan, DomainError, Rep, WeekPlan
from planner.io.exporters.common import clean_text, describe_visit, stop_rows
from planner.io.exporters.ics_state import EventState, IcsState, content_hash

PRODID = "-//Territory planner//Itinerary export//EN"
# A fixed namespace so the same rep, week and account always give the same UID.
_UID_NAMESPACE = uuid.UUID("6f1d3c8e-2f4b-5a7d-9c11-7e0b9a6d4c21")


@dataclass(frozen=True)
class IcsOptions:
    alarm_minutes: int | None = 30  # reminder before each visit; None for no reminder
    travel_blocks: bool = False  # busy blocks for the drives between visits
    hotel_nights: bool = True  # an all-day event for each night away
    per_day: bool = False  # one calendar per day instead of one for the week


@dataclass(frozen=True)
class IcsExport:
    calendars: dict[str, bytes]  # label ("week" or YYYY-MM-DD) -> .ics bytes
    state: IcsState


@dataclass
class _Spec:
    """An event before it gets its revision; `fields` is what the content hash covers."""

    uid: str
    day: date
    summary: str
    start: datetime | date
    end: datetime | date
    fields: dict[str, object] = field(default_factory=dict)
    geo: tuple[float, float] | None = None
    alarm: bool = False
    cancelled: bool = False


def visit_uid(rep_name: str, week_start: date, key: str) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{rep_name}|{week_start}|{key}')}@territory-planner"


def export_ics(
    plan: WeekPlan,
    accounts: Mapping[str, Account],
    rep: Rep,
    options: IcsOptions | None = None,
    *,
    previous: IcsState | None = None,
    now: datetime | None = None,
    days: Iterable[date] | None = None,
) -> IcsExport:
    """Calendars for the plan's `days` (default all) and the new export state.

    The whole plan is looked at even when only some days are written: a visit moved to a
    day not exported now is left alone, not cancelled. State of events not written is
    carried over from `previous` unchanged.
    """
    options = options or IcsOptions()
    previous = previous or {}
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    wanted = _week_days(plan, previous) if days is None else set(days)
    every = _all_specs(plan, accounts, rep, options)
    removed = _removed_specs(every, previous, wanted, rep)
    specs = [s for s in every if s.day in wanted] + removed
    state = dict(previous)
    events: dict[str, list[icalendar.Event]] = {}
    for spec in specs:
        state[spec.uid] = revision = _revise(spec, previous.get(spec.uid), now)
        label = spec.day.isoformat() if options.per_day else "week"
        events.setdefault(label, []).append(_event(spec, revision, now, options))
    if not events:
        # RFC 5545 needs at least one component; an empty file would be rejected or ignored.
        days_text = ", ".join(sorted(d.isoformat() for d in wanted)) or "none"
        raise DomainError(
            f"nothing to put in a calendar: no visits on the days exported ({days_text})"
        )
    name = clean_text(f"{rep.name} – week of {plan.week_start.isoformat()}")
    calendars = {label: _calendar(name, rep, evs).to_ical() for label, evs in events.items()}
    return IcsExport(calendars=calendars, state=state)


def _week_days(plan: WeekPlan, previous: IcsState) -> set[date]:
    """Every day of the plan's week that has something to say: its planned days, and days
    exported before that are no longer planned (re-planned with fewer days, now a holiday
    or a day off), whose events must go out again as cancelled."""
    week = {plan.week_start + timedelta(days=i) for i in range(7)}
    return {d.day for d in plan.days} | {old.day for old in previous.values() if old.day in week}


def to_minute(moment: datetime) -> datetime:
    """To the nearest minute: calendars show minutes, and a drive that ends when a visit
    starts must still touch it after rounding (both round the same instant the same way)."""
    return (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)


def _all_specs(
    plan: WeekPlan, accounts: Mapping[str, Account], rep: Rep, options: IcsOptions
) -> list[_Spec]:
    specs = _visit_specs(plan, accounts, rep)
    for day in plan.days:
        if options.travel_blocks:
            specs.extend(_travel_specs(plan, day, rep))
        if options.hotel_nights and day.end.kind == "hotel":
            specs.append(_hotel_spec(plan, day))
    return specs


def _visit_specs(plan: WeekPlan, accounts: Mapping[str, Account], rep: Rep) -> list[_Spec]:
    specs = []
    seen: dict[str, int] = {}
    for row in stop_rows(plan, accounts):
        visit = row.visit
        # A second visit to the same account in one week needs its own UID.
        n = seen.get(visit.account_key, 0)
        seen[visit.account_key] = n + 1
        key = visit.account_key if n == 0 else f"{visit.account_key}#{n}"
        spec = _Spec(
            uid=visit_uid(rep.name, plan.week_start, f"visit|{key}"),
            day=row.day.day,
            summary=clean_text(f"Visit: {visit.name}"),
            start=to_minute(visit.arrival.astimezone(rep.tz)),
            end=to_minute(visit.departure.astimezone(rep.tz)),
            geo=row.location.as_tuple() if row.location else None,
            alarm=not visit.cancelled,
            cancelled=visit.cancelled,
        )
        spec.fields = {
            "location": row.address,
            "description": describe_visit(row, rep),
            "categories": "Visit",
        }
        specs.append(spec)
    return specs


def _travel_specs(plan: WeekPlan, day: DayPlan, rep: Rep) -> list[_Spec]:
    """Busy blocks for each drive; a leg without a departure time leaves when the last stop ends."""
    if not day.visits:
        return []
    names = [day.start.name, *(v.name for v in day.visits), day.end.name]
    specs = []
    for i, leg in enumerate(day.legs):
        if leg.duration_s <= 0:
            continue
        if leg.departure is not None:
            start = leg.departure
        elif i == 0:
            start = day.visits[0].arrival - timedelta(seconds=leg.duration_s)
        else:
            start = day.visits[i - 1].departure
        start = start.astimezone(rep.tz)
        # One UID per leg (this day, from here to there), never per position in the day:
        # after an edit the third drive of the day is another drive.
        leg_key = f"travel|{day.day}|{leg.from_key}|{leg.to_key}"
        spec = _Spec(
            uid=visit_uid(rep.name, plan.week_start, leg_key),
            day=day.day,
            summary=clean_text(f"Drive: {names[i]} → {names[i + 1]}"),
            start=to_minute(start),
            end=to_minute(start + timedelta(seconds=leg.duration_s)),
        )
        spec.fields = {
            "description": clean_text(
                f"{leg.distance_m / 1000:.1f} km, {round(leg.duration_s / 60)} min, {leg.cost}"
            ),
            "categories": "Travel",
        }
        specs.append(spec)
    return specs


def _hotel_spec(plan: WeekPlan, day: DayPlan) -> _Spec:
    spec = _Spec(
        uid=visit_uid(plan.rep_name, plan.week_start, f"hotel|{day.day}"),
        day=day.day,
        summary=clean_text(f"Hotel night: {day.end.name}"),
        start=day.day,
        end=day.day + timedelta(days=1),
        geo=day.end.location.as_tuple(),
    )
    cost = f"Cost: {day.hotel_cost}" if day.hotel_cost else ""
    spec.fields = {"location": clean_text(day.end.name), "description": cost, "categories": "Hotel"}
    return spec


def _removed_specs(
    specs: list[_Spec], previous: IcsState, days: set[date], rep: Rep
) -> list[_Spec]:
    """Events exported before for these days but gone from the plan: sent again as cancelled.

    Their stored times carry only a UTC offset: they go out in the rep's zone, whose
    VTIMEZONE the calendar carries (a TZID like "UTC+01:00" has none)."""
    current = {s.uid for s in specs}
    removed = []
    for uid, old in sorted(previous.items()):
        if uid in current or old.day not in days:
            continue
        start: datetime | date = old.start.date() if old.all_day else old.start.astimezone(rep.tz)
        end: datetime | date = old.end.date() if old.all_day else old.end.astimezone(rep.tz)
        spec = _Spec(uid, old.day, old.summary, start, end, cancelled=True)
        spec.fields = {"removed": True}
        removed.append(spec)
    return removed


def _revise(spec: _Spec, old: EventState | None, now: datetime) -> EventState:
    digest = content_hash(
        {
            **spec.fields,
            "summary": spec.summary,
            "start": spec.start,
            "end": spec.end,
            "geo": spec.geo,
            "alarm": spec.alarm,
            "cancelled": spec.cancelled,
        }
    )
    if old is None:
        sequence, modified = 0, now
    elif old.content_hash == digest:
        sequence, modified = old.sequence, old.last_modified
    else:
        sequence, modified = old.sequence + 1, now
    all_day = not isinstance(spec.start, datetime)
    return EventState(
        sequence=sequence,
        content_hash=digest,
        last_modified=modified,
        day=spec.day,
        summary=spec.summary,
        start=_as_datetime(spec.start),
        end=_as_datetime(spec.end),
        all_day=all_day,
    )


def _as_datetime(value: datetime | date) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _event(
    spec: _Spec, revision: EventState, now: datetime, options: IcsOptions
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", spec.uid)
    event.add("dtstamp", now)
    event.add("last-modified", revision.last_modified)
    event.add("sequence", revision.sequence)
    event.add("summary", spec.summary)
    event.add("dtstart", spec.start)
    event.add("dtend", spec.end)
    event.add("status", "CANCELLED" if spec.cancelled else "CONFIRMED")
    hotel = spec.fields.get("categories") == "Hotel"
    event.add("transp", "TRANSPARENT" if hotel or spec.cancelled else "OPAQUE")
    for name in ("location", "description"):
        value = spec.fields.get(name)
        if isinstance(value, str) and value:
            event.add(name, value)
    category = spec.fields.get("categories")
    if isinstance(category, str):
        event.add("categories", [category])
    if spec.geo is not None:
        event.add("geo", spec.geo)
    if spec.alarm and options.alarm_minutes is not None:
        event.add_component(_alarm(spec.summary, options.alarm_minutes))
    return event


def _alarm(summary: str, minutes: int) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def _calendar(name: str, rep: Rep, events: list[icalendar.Event]) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", rep.timezone)
    for event in sorted(events, key=lambda e: (str(e.decoded("dtstart")), str(e["uid"]))):
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal

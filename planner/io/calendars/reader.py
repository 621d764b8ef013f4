"""Events of an iCalendar text within a time range: recurrences expanded, zones right.

Google exports name their zone only in `X-WR-TIMEZONE` (times in UTC or floating): the
`x-wr-timezone` package turns that into real zones first. Recurring events (RRULE,
RDATE, EXDATE, moved occurrences) are expanded by `recurring-ical-events`. Floating
times are the rep's local time. Cancelled and free (TRANSPARENT) events take no time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from planner.domain.errors import DomainError

if TYPE_CHECKING:  # the calendar libraries load when a calendar is read (~0.15 s)
    import icalendar

PLANNER_UID_SUFFIX = "@territory-planner"  # events the planner's own exports created
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime  # aware
    end: datetime
    all_day: bool
    summary: str = ""
    location: str = ""
    description: str = ""
    emails: tuple[str, ...] = ()  # organizer and attendees
    recurrence_id: str = ""  # set on one occurrence of a recurring event

    @property
    def made_by_planner(self) -> bool:
        return self.uid.endswith(PLANNER_UID_SUFFIX)


def parse_calendar(text: bytes | str, source: str) -> icalendar.Calendar:
    import icalendar
    import x_wr_timezone

    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise DomainError(f"{source} is not a readable calendar: {exc}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise DomainError(f"{source} is not a calendar (no VCALENDAR)")
    standard: icalendar.Calendar = x_wr_timezone.to_standard(calendar)
    return standard


def read_events(
    text: bytes | str, first: datetime, last: datetime, zone: tzinfo, source: str = "calendar"
) -> list[CalendarEvent]:
    """Busy events overlapping [first, last), each occurrence of a series on its own."""
    import recurring_ical_events

    calendar = parse_calendar(text, source)
    try:
        occurrences = recurring_ical_events.of(calendar, skip_bad_series=True).between(first, last)
    except Exception as exc:  # the library raises many kinds on malformed rules
        raise DomainError(f"{source}: cannot expand its recurring events ({exc})") from None
    out = []
    for component in occurrences:
        if _takes_no_time(component):
            continue
        event = _event(component, zone)
        if event is not None and event.end > first and event.start < last:
            out.append(event)
    return sorted(out, key=lambda e: (e.start, e.uid))


def _takes_no_time(component: Any) -> bool:
    status = str(component.get("status", "")).upper()
    transparency = str(component.get("transp", "")).upper()
    return status == "CANCELLED" or transparency == "TRANSPARENT"


def _event(component: Any, zone: tzinfo) -> CalendarEvent | None:
    start_value = component.decoded("dtstart", None)
    if start_value is None:
        return None
    all_day = not isinstance(start_value, datetime)
    start = _aware(start_value, zone)
    end_value = component.decoded("dtend", None)
    if end_value is not None:
        end = _aware(end_value, zone)
    elif "duration" in component:
        end = start + component.decoded("duration")
    else:  # RFC 5545: a date lasts the day, a date-time is an instant
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    if end <= start:
        end = start + timedelta(minutes=1)  # an instant still marks a meeting
    attendees = component.get("attendee", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    people = [str(component.get("organizer", "")), *(str(a) for a in attendees)]
    emails = tuple(sorted({m.lower() for p in people for m in _EMAIL.findall(p)}))
    recurrence = component.get("recurrence-id")
    return CalendarEvent(
        uid=str(component.get("uid", "")),
        start=start,
        end=end,
        all_day=all_day,
        summary=str(component.get("summary", "")),
        location=str(component.get("location", "")),
        description=str(component.get("description", "")),
        emails=emails,
        recurrence_id=recurrence.to_ical().decode() if recurrence is not None else "",
    )


def _aware(value: date | datetime, zone: tzinfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=zone)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def emails_in(text: str) -> set[str]:
    return {m.lower() for m in _EMAIL.findall(text)}

"""The planner's own events on a CalDAV calendar: write, read back, delete — by UID only.

Only UIDs the planner created are ever touched (the caller passes them); every other
event in the calendar is read by no one here and never changed. Each event is its own
calendar object (as calendar apps store them), with the zone definitions it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import icalendar
from caldav.lib import error as caldav_error

from planner.io.calendars.sources import (
    CalendarSource,
    CalendarSourceError,
    caldav_calendar,
    caldav_message,
)


@dataclass(frozen=True)
class ServerEvent:
    """What the server holds for one of our events now."""

    uid: str
    start: datetime
    end: datetime


def split_events(ics: bytes) -> dict[str, str]:
    """UID → a calendar text holding that one event and the zones (from an export)."""
    calendar = icalendar.Calendar.from_ical(ics)
    zones = list(calendar.walk("VTIMEZONE"))
    out = {}
    for event in calendar.walk("VEVENT"):
        one = icalendar.Calendar()
        for name in ("prodid", "version", "calscale"):
            if name in calendar:
                one.add(name, calendar[name])
        for zone in zones:
            one.add_component(zone)
        one.add_component(event)
        out[str(event["uid"])] = one.to_ical().decode("utf-8")
    return out


def read_back(target: CalendarSource, uids: Iterable[str]) -> dict[str, ServerEvent | None]:
    """Our events as the server has them now; None for one the user deleted."""
    calendar = caldav_calendar(target)
    out: dict[str, ServerEvent | None] = {}
    for uid in sorted(uids):
        try:
            found: Any = calendar.event_by_uid(uid)
        except caldav_error.NotFoundError:
            out[uid] = None
            continue
        except Exception as exc:
            raise CalendarSourceError(caldav_message(target.location, exc)) from None
        component = found.icalendar_component
        out[uid] = ServerEvent(uid, component.decoded("dtstart"), component.decoded("dtend"))
    return out


def write_events(
    target: CalendarSource,
    events: Mapping[str, str],
    *,
    existing: set[str],
    written: Callable[[str], None],
) -> None:
    """Create or update our events, calling `written(uid)` after each one the server took.

    One the server no longer has although we read it a moment ago (`existing`) was
    deleted by the user meanwhile: it is not created again."""
    calendar = caldav_calendar(target)
    for uid, text in sorted(events.items()):
        try:
            if uid in existing:
                current: Any = calendar.event_by_uid(uid)
                current.data = text
                current.save(no_create=True)
            else:
                calendar.save_event(text)
        except caldav_error.NotFoundError:
            continue  # deleted while we synced: the next sync takes the deletion in
        except Exception as exc:
            raise CalendarSourceError(caldav_message(target.location, exc)) from None
        written(uid)


def delete_events(target: CalendarSource, uids: Iterable[str]) -> None:
    """Delete events the planner created and no longer plans (gone already is fine)."""
    calendar = caldav_calendar(target)
    for uid in sorted(uids):
        try:
            found: Any = calendar.event_by_uid(uid)
            found.delete()
        except caldav_error.NotFoundError:
            continue
        except Exception as exc:
            raise CalendarSourceError(caldav_message(target.location, exc)) from None

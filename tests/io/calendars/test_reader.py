"""Reading calendars: recurrences, moved and deleted occurrences, zones (Outlook's Windows
names, Google's X-WR-TIMEZONE), all-day and multi-day events, what takes no time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events

from planner.domain import DomainError
from planner.io.calendars.reader import read_events

ROME = ZoneInfo("Europe/Rome")
DATA = Path(__file__).resolve().parents[2] / "data" / "calendars"
# Real calendars shipped with recurring-ical-events (LGPL-3.0-or-later), read in place.
PACKAGE_CALENDARS = Path(recurring_ical_events.__file__).parent / "test" / "calendars"


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ROME)


def test_an_outlook_week() -> None:
    text = (DATA / "outlook_week.ics").read_text()
    events = read_events(text, at(7, 0), at(14, 0), ROME)
    spans = [(e.summary, e.start.astimezone(ROME), e.end.astimezone(ROME)) for e in events]
    assert spans == [
        ("Team call", at(7, 9), at(7, 10)),
        ("Quarterly review", at(7, 11), at(7, 12)),
        ("Dentist", at(9, 8), at(9, 9, 30)),
        ("Team call (moved)", at(9, 16), at(9, 17)),  # this week's Wednesday call moved
        ("Call with the New York office", at(9, 21), at(9, 22)),  # 15:00 in New York
        ("Follow-up", at(11, 14), at(11, 15)),  # Friday's call deleted (EXDATE)
    ]
    follow_up = events[-1]
    assert follow_up.emails == ("anna.bassi@budrio-agri.example", "giulia@example.com")
    assert events[1].location == "Via Rizzoli 1, 40125 Bologna"


def test_all_day_events_span_their_days() -> None:
    text = (DATA / "outlook_week.ics").read_text()
    (offsite,) = [e for e in read_events(text, at(14, 0), at(21, 0), ROME) if e.all_day]
    assert offsite.all_day and (offsite.start, offsite.end) == (at(14, 0), at(16, 0))


def test_google_floating_times_take_the_calendars_zone_not_the_reps() -> None:
    text = (PACKAGE_CALENDARS / "issue_86_x_wr_timezone_without_time_zone_in_dt.ics").read_text()
    first, last = datetime(2021, 9, 16, tzinfo=ROME), datetime(2021, 9, 17, tzinfo=ROME)
    (event,) = read_events(text, first, last, ZoneInfo("Asia/Tokyo"))
    brussels = event.start.astimezone(ZoneInfo("Europe/Brussels"))
    assert (brussels.hour, brussels.minute) == (21, 0)


def test_a_series_with_one_week_deleted() -> None:
    text = (PACKAGE_CALENDARS / "each_week_but_one_deleted.ics").read_text()
    berlin = ZoneInfo("Europe/Berlin")
    events = read_events(text, datetime(2019, 3, 1, tzinfo=berlin),
                         datetime(2019, 5, 1, tzinfo=berlin), berlin)  # fmt: skip
    assert len(events) == 7  # COUNT=8 less one EXDATE


def test_garbage_is_one_clear_error() -> None:
    with pytest.raises(DomainError, match=r"my\.ics is not a readable calendar"):
        read_events("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:nonsense\n", at(1, 0), at(2, 0),
                    ROME, "my.ics")  # fmt: skip

"""The calendar after a re-plan that drops days: valid for strict parsers and khal, dropped
visits cancelled, one UID per drive, times to the minute."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream

from planner.domain import Account, Rep, WeekPlan
from planner.io.exporters.ics import IcsExport, IcsOptions, export_ics
from planner.io.exporters.ics_state import state_from_dict, state_to_dict
from tests.io.exporters.test_ics import T0, _khal

OPTIONS = IcsOptions(travel_blocks=True)


def _replanned(plan: WeekPlan) -> WeekPlan:
    """Two days kept (Tuesday without its first visit), the rest dropped."""
    monday, tuesday = plan.days[0], plan.days[1]
    first_leg = replace(tuesday.legs[1], from_key=tuesday.legs[0].from_key)
    shorter = replace(tuesday, visits=tuesday.visits[1:], legs=(first_leg, *tuesday.legs[2:]))
    return replace(plan, days=(monday, shorter))


def _exports(plan: WeekPlan, accounts: dict[str, Account], rep: Rep) -> tuple[IcsExport, IcsExport]:
    first = export_ics(plan, accounts, rep, OPTIONS, now=T0)
    previous = state_from_dict(state_to_dict(first.state))  # as the workspace keeps it
    later = T0 + timedelta(days=1)
    return first, export_ics(_replanned(plan), accounts, rep, OPTIONS, previous=previous, now=later)


def test_every_parser_accepts_the_replanned_calendar(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    _, second = _exports(plan, accounts, rep)
    data = second.calendars["week"]
    text = data.decode("utf-8")
    zones = set(re.findall(r"^TZID:(.+?)\r?$", text, flags=re.M))
    used = set(re.findall(r";TZID=([^:;]+)", text))
    assert used and used <= zones, f"TZIDs without VTIMEZONE: {used - zones}"
    vobject.readOne(text, validate=True)
    strict = IcsCalendarStream.calendar_from_ics(text)  # raises on any error
    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(strict.events) == len(parsed) == len(second.state)
    for event in parsed:
        for name in ("dtstart", "dtend"):
            value = event.decoded(name)
            assert not hasattr(value, "second") or value.second == 0, (name, value)


def test_dropped_days_arrive_cancelled_in_khal(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    first, second = _exports(plan, accounts, rep)
    dropped = {d.day for d in plan.days[2:]}
    expected = {
        uid for uid, s in first.state.items() if s.day in dropped and "Visit: " in s.summary
    }
    assert len(expected) == sum(len(d.visits) for d in plan.days[2:])
    files = []
    for n, export in enumerate((first, second)):
        files.append(tmp_path / f"v{n}.ics")
        files[-1].write_bytes(export.calendars["week"])
    config = _khal_config(tmp_path)
    for path in files:  # the rep imports last week's export, then the re-planned one
        _khal(config, "import", "--batch", "-a", "work", str(path))
    listing = _khal(config, "list", "--format", "{status}|{uid}", "--day-format", "",
                    "2026-03-01", "8d")  # fmt: skip
    lines = [line.split("|", 1) for line in listing.splitlines() if "|" in line]
    status = {uid: state for state, uid in lines}
    assert len(lines) == len(status) == len(second.state)  # updated in place, no duplicates
    cancelled = {uid for uid, s in status.items() if s.strip() == "CANCELLED"}
    assert expected <= cancelled
    assert all(s.day in dropped or uid not in expected for uid, s in first.state.items())


def test_a_drive_keeps_its_uid_and_a_new_drive_gets_a_new_one(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    first, second = _exports(plan, accounts, rep)
    drives = {uid: s for uid, s in first.state.items() if s.summary.startswith("Drive: ")}
    again = {uid: s for uid, s in second.state.items() if s.summary.startswith("Drive: ")}
    for uid in drives.keys() & again.keys():  # a UID never names another leg
        assert again[uid].summary == drives[uid].summary
    tuesday = plan.days[1].day
    new = {uid for uid in again.keys() - drives.keys() if again[uid].day == tuesday}
    assert len(new) == 1  # home → the former second visit, a leg that did not exist
    gone = [s for uid, s in again.items() if uid in drives and s.day == tuesday]
    assert len(gone) == len([leg for leg in plan.days[1].legs if leg.duration_s])


def _khal_config(tmp_path: Path) -> Path:
    cal = tmp_path / "cal"
    cal.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[work]]\npath = {cal}\ntype = calendar\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\ndefault_calendar = work\n"
    )
    return config

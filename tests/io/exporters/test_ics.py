from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from planner.domain import Account, DomainError, Rep, WeekPlan
from planner.io.exporters.common import clean_text
from planner.io.exporters.ics import IcsOptions, export_ics
from planner.io.exporters.ics_state import state_from_dict, state_to_dict

T0 = datetime(2026, 2, 27, 9, 0, tzinfo=UTC)
KHAL = Path(sys.executable).parent / "khal"


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def _khal(config: Path, *args: str) -> str:
    done = subprocess.run(
        [str(KHAL), "-c", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    return done.stdout


def _khal_import(tmp_path: Path, files: list[Path], together: bool = False) -> list[str]:
    """Import into a throwaway vdir calendar; returns the UIDs khal lists for the week."""
    cal = tmp_path / "cal"
    cal.mkdir(exist_ok=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[work]]\npath = {cal}\ntype = calendar\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\ndefault_calendar = work\n"
    )
    if together:  # one khal start for many files: khal takes ~1 s to start
        _khal(config, "import", "--batch", "-a", "work", *map(str, files))
    else:  # one after the other, as a user re-importing a newer export would
        for file in files:
            _khal(config, "import", "--batch", "-a", "work", str(file))
    listing = _khal(config, "list", "--format", "{uid}", "--day-format", "", "2026-03-01", "8d")
    return [line for line in listing.splitlines() if line.strip()]


def test_week_file_parses_with_three_independent_tools(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    result = export_ics(plan, accounts, rep, IcsOptions(travel_blocks=True), now=T0)
    data = result.calendars["week"]
    path = tmp_path / "week.ics"
    path.write_bytes(data)
    cal = vobject.readOne(data.decode("utf-8"), validate=True)
    assert cal.vtimezone.tzid.value == "Europe/Rome"
    events = _events(data)
    visits = [e for e in events if e.get("categories").cats == ["Visit"]]
    assert len(visits) == len(plan.visits()) == 9
    assert {str(e["uid"]) for e in events} == set(result.state)
    assert sorted(_khal_import(tmp_path, [path])) == sorted(result.state)


def test_visit_event_carries_times_place_links_and_reminder(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    data = export_ics(plan, accounts, rep, now=T0).calendars["week"]
    first = plan.days[0].visits[0]
    event = next(e for e in _events(data) if e["summary"] == f"Visit: {clean_text(first.name)}")
    start = event.decoded("dtstart")
    assert start == first.arrival and str(start.tzinfo) == "Europe/Rome"
    assert event["dtstart"].params["TZID"] == "Europe/Rome"
    assert event.decoded("dtend") == first.departure
    assert event["location"] == "Via XX Settembre 12, Scala B, 24122 Bergamo, IT"
    assert event["geo"].latitude == pytest.approx(45.6983)
    description = str(event["description"])
    for needle in ("Dott. Bianchi #0", "Proposal, v2; final", "geo:45.698300,9.677300"):
        assert needle in description
    assert "https://www.openstreetmap.org/?mlat=45.698300&mlon=9.677300" in description
    assert "Why planned: Deal closes this month" in description
    # Hand-off to the phone's navigation app, URL-encoded (a CRM name cannot break it).
    google = "https://www.google.com/maps/dir/?api=1&destination=45.698300%2C9.677300"
    assert f"Navigate (Google Maps): {google}&travelmode=driving" in description
    assert "https://waze.com/ul?ll=45.698300%2C9.677300&navigate=yes" in description
    assert "https://maps.apple.com/?daddr=45.698300%2C9.677300&dirflg=d&q=" in description
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-30)


def test_hostile_text_round_trips_intact(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    data = export_ics(plan, accounts, rep, now=T0).calendars["week"]
    by_summary = {str(e["summary"]): e for e in _events(data)}
    vcal = vobject.readOne(data.decode("utf-8"), validate=True)
    vsummaries = {ev.summary.value for ev in vcal.vevent_list}
    for account in accounts.values():
        expected = f"Visit: {clean_text(account.name)}"
        assert expected in by_summary, expected
        assert expected in vsummaries
    note = next(a.notes for a in accounts.values() if a.notes)
    assert len(note) == 2000
    assert any(note in str(e.get("description", "")) for e in by_summary.values())
    assert "Visit: +39 Caffè ☕ Verona 😀" in by_summary
    # CR/LF becomes a plain LF: iCalendar TEXT can only carry "\n".
    assert any('S.p.A.; "Sede"\nBergamo <script>' in s for s in by_summary)


def test_cancelled_visit_and_hotel_night(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    events = _events(export_ics(plan, accounts, rep, now=T0).calendars["week"])
    cancelled = [e for e in events if e["status"] == "CANCELLED"]
    assert [str(e["summary"]) for e in cancelled] == ["Visit: \tFerramenta C:\\Lecco\\"]
    assert not cancelled[0].walk("VALARM")
    (hotel,) = [e for e in events if e.get("categories").cats == ["Hotel"]]
    assert hotel.decoded("dtstart") == plan.days[0].day
    assert "€125.00" in str(hotel["description"])


def test_reexport_after_edit_keeps_uids_and_bumps_sequence(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    first = export_ics(plan, accounts, rep, now=T0)
    # Stored as JSON by the workspace and read back.
    previous = state_from_dict(state_to_dict(first.state))
    assert previous == first.state
    day0 = plan.days[0]
    moved = replace(
        day0.visits[1],
        arrival=day0.visits[1].arrival + timedelta(hours=1),
        departure=day0.visits[1].departure + timedelta(hours=1),
    )
    # Drop the last visit of Thursday: its event must come back cancelled, not vanish.
    day3 = plan.days[3]
    edited = replace(
        plan,
        days=(
            replace(day0, visits=(day0.visits[0], moved)),
            *plan.days[1:3],
            replace(day3, visits=day3.visits[:2], legs=day3.legs[:3]),
        ),
    )
    later = T0 + timedelta(days=1)
    second = export_ics(edited, accounts, rep, previous=previous, now=later)
    assert set(second.state) == set(first.state)
    events = {str(e["uid"]): e for e in _events(second.calendars["week"])}
    assert set(events) == set(first.state)
    changed = {uid for uid, s in second.state.items() if s.sequence == 1}
    assert len(changed) == 2
    for uid, state in second.state.items():
        event = events[uid]
        assert event.decoded("sequence") == state.sequence
        old = first.state[uid]
        if uid in changed:
            assert event.decoded("last-modified") == later
        else:
            assert state == old and event.decoded("last-modified") == T0
    removed = next(e for e in events.values() if "Cremona" in str(e["summary"]))
    assert removed["status"] == "CANCELLED" and removed.decoded("sequence") == 1
    # A third identical export changes nothing.
    third = export_ics(edited, accounts, rep, previous=second.state, now=later + timedelta(1))
    assert third.state == second.state
    v1, v2 = tmp_path / "v1.ics", tmp_path / "v2.ics"
    v1.write_bytes(first.calendars["week"])
    v2.write_bytes(second.calendars["week"])
    # Updated in place, no duplicates.
    assert sorted(_khal_import(tmp_path, [v1, v2])) == sorted(first.state)


def test_one_file_per_day_shares_uids_with_week_file(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep, tmp_path: Path
) -> None:
    week = export_ics(plan, accounts, rep, now=T0)
    daily = export_ics(plan, accounts, rep, IcsOptions(per_day=True), now=T0)
    assert sorted(daily.calendars) == [d.day.isoformat() for d in plan.days]
    assert daily.state == week.state
    files = []
    for label, data in daily.calendars.items():
        vobject.readOne(data.decode("utf-8"), validate=True)
        path = tmp_path / f"{label}.ics"
        path.write_bytes(data)
        files.append(path)
        assert all(str(e.decoded("dtstart"))[:10] == label for e in _events(data))
    assert sorted(_khal_import(tmp_path, files, together=True)) == sorted(week.state)


def test_unreadable_state_gives_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unreadable"):
        state_from_dict({"x@y": {"sequence": "one"}})


def test_nothing_to_export_is_an_error_unless_earlier_events_need_cancelling(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    home = plan.days[2].end
    emptied = replace(
        plan,
        days=tuple(
            replace(d, start=home, end=home, visits=(), legs=(), hotel_cost=None) for d in plan.days
        ),
    )
    with pytest.raises(DomainError, match="nothing to put in a calendar"):
        export_ics(emptied, accounts, rep, now=T0)
    before = export_ics(plan, accounts, rep, now=T0)
    after = export_ics(emptied, accounts, rep, previous=before.state, now=T0)
    events = _events(after.calendars["week"])
    visits = [e for e in events if str(e["summary"]).startswith("Visit: ")]
    assert len(visits) == 9 and all(e["status"] == "CANCELLED" for e in visits)
    # The hotel night went too: the emptied Monday ends at home.
    assert all(e["status"] == "CANCELLED" for e in events)


def test_exporting_one_day_leaves_a_visit_moved_elsewhere_alone(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    first = export_ics(plan, accounts, rep, now=T0)
    monday, thursday = plan.days[0], plan.days[3]
    shift = thursday.day - monday.day
    moved = replace(
        monday.visits[1],
        arrival=monday.visits[1].arrival + shift,
        departure=monday.visits[1].departure + shift,
    )
    edited = replace(
        plan,
        days=(
            replace(monday, visits=monday.visits[:1], legs=monday.legs[:2]),
            *plan.days[1:3],
            replace(
                thursday, visits=(*thursday.visits, moved), legs=(*thursday.legs, monday.legs[2])
            ),
        ),
    )
    later = T0 + timedelta(hours=1)
    only_monday = export_ics(
        edited, accounts, rep, previous=first.state, now=later, days=[monday.day]
    )
    events = _events(only_monday.calendars["week"])
    assert all(e["status"] == "CONFIRMED" for e in events)  # the moved visit is not cancelled
    assert "Brescia" not in str(only_monday.calendars["week"])
    moved_uid = next(u for u, s in first.state.items() if "HYPERLINK" in s.summary)
    assert only_monday.state[moved_uid] == first.state[moved_uid]  # nothing sent about it yet
    thursday_too = export_ics(edited, accounts, rep, previous=only_monday.state, now=later)
    assert thursday_too.state[moved_uid].sequence == 1
    assert thursday_too.state[moved_uid].day == thursday.day


def test_travel_blocks_end_where_the_next_stop_begins(
    plan: WeekPlan, accounts: dict[str, Account], rep: Rep
) -> None:
    data = export_ics(plan, accounts, rep, IcsOptions(travel_blocks=True), now=T0)
    drives = [e for e in _events(data.calendars["week"]) if e.get("categories").cats == ["Travel"]]
    legs = [(day, i, leg) for day in plan.days for i, leg in enumerate(day.legs)]
    assert len(drives) == sum(1 for *_, leg in legs if leg.duration_s > 0)
    ends = {e.decoded("dtend") for e in drives}
    for day in plan.days:
        for visit in day.visits:  # every visit is reached by a drive ending on arrival
            assert visit.arrival in ends
    assert all(not e.walk("VALARM") for e in drives)
    assert any("→" in str(e["summary"]) and "km" in str(e["description"]) for e in drives)

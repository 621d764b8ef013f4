"""The rep's calendars as planner input: an Outlook file, an ICS URL with ETag, CalDAV."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from planner.domain import Account, Address, DomainError, Rep, WeekPlan
from planner.io.workspace import Workspace
from planner.optimise.week.calendar import calendar_problems
from planner.optimise.week.check import check_plan
from planner.optimise.week.planner import WeekParams
from planner.services.calendar_sources import add_source, all_sources, refresh_sources
from planner.services.calendar_week import (
    AppointmentRequest,
    add_appointment,
    add_time_off,
    week_calendar,
)
from planner.services.plan_week import plan_in_workspace
from planner.travel.geodesic import GeodesicModel
from tests.calendar_servers import IcsHost, Radicale, ics_host, make_calendar, radicale
from tests.optimise.week.conftest import HOME, account

__all__ = ["ics_host", "radicale"]  # fixtures
WEEK = date(2026, 12, 7)  # Tuesday 8 is Immacolata, a public holiday in Italy
OUTLOOK = Path(__file__).resolve().parents[1] / "data" / "calendars" / "outlook_week.ics"
FAST = WeekParams(time_limit_s=1.0, overnight=False)
REP = Rep(name="Giulia", home=HOME, home_address="Bologna")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=REP.tz)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    bologna = Address(street="Via Rizzoli 1", city="Bologna", postcode="40125")
    accounts: list[Account] = [
        account("Acme Bologna", 44.4939, 11.3465, address=bologna),
        account("Budrio Agri", 44.537, 11.534, contact="Anna <anna.bassi@budrio-agri.example>"),
        account("Cento Metal", 44.727, 11.289),
        *(account(f"Client {i}", 44.40 + 0.04 * i, 11.20 + 0.05 * i) for i in range(8)),
    ]  # fmt: skip
    path = tmp_path / "ws.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts(accounts)
        ws.save_reps([REP])
    return path


def _plan(ws: Workspace) -> WeekPlan:
    return plan_in_workspace(ws, "Giulia", WEEK, None, GeodesicModel(), params=FAST).plan


def test_a_real_week_appointments_recurring_meeting_time_off_and_holiday(
    workspace: Path,
) -> None:
    with Workspace.open(workspace) as ws:
        add_source(ws, "Giulia", str(OUTLOOK))
        add_appointment(ws, AppointmentRequest("Giulia", datetime(2026, 12, 9, 11, 0),
                                               account_id="cento-metal"))  # fmt: skip
        add_time_off(ws, "Giulia", date(2026, 12, 10))
        plan = _plan(ws)
        calendar = week_calendar(ws, REP, WEEK)
        accounts = ws.accounts()
    assert [(c.day.day, c.reason) for c in plan.closed] == [
        (8, "public holiday: Immacolata Concezione"),
        (10, "time off"),
    ]
    visits = {v.account_id: v for v in plan.visits()}
    assert visits["acme-bologna"].fixed and visits["acme-bologna"].arrival == at(7, 11)
    assert visits["budrio-agri"].fixed and visits["budrio-agri"].arrival == at(11, 14)
    assert visits["cento-metal"].fixed and visits["cento-metal"].arrival == at(9, 11)
    assert len(plan.visits()) > 6
    wednesday = next(d for d in plan.days if d.day == date(2026, 12, 9))
    assert all(v.arrival >= at(9, 9, 30) for v in wednesday.visits)  # after the dentist
    assert calendar_problems(plan, calendar) == []  # no visit overlaps the team calls
    assert [b.title for b in calendar.busy if b.start.day == 7] == ["Team call"]
    assert check_plan(plan, accounts, REP, GeodesicModel()) == []
    assert plan.conflicts == ()


def test_all_day_events_are_days_off_only_when_the_user_says_so(
    workspace: Path, tmp_path: Path
) -> None:
    offsite = OUTLOOK.read_text().replace("20261214", "20261210").replace("20261216", "20261211")
    path = tmp_path / "offsite.ics"
    path.write_text(offsite)
    with Workspace.open(workspace) as ws:
        add_source(ws, "Giulia", str(path))
        assert not _plan(ws).closed[1:]
        ws.set_value("calendar_sources", "Giulia", [])
        add_source(ws, "Giulia", str(path), all_day_off=True)
        closed = _plan(ws).closed
    assert [(c.day.day, c.reason) for c in closed][1:] == [(10, "busy all day: Company offsite")]


def test_an_ics_url_is_cached_with_its_etag_and_survives_the_server_going_away(
    workspace: Path, ics_host: IcsHost
) -> None:
    ics_host.body = OUTLOOK.read_bytes()
    with Workspace.open(workspace) as ws:
        source, events = add_source(ws, "Giulia", ics_host.url, now=at(1, 8))
        assert source.kind == "ics" and events > 10
        assert refresh_sources(ws, "Giulia") == [f"{source.id} ics {ics_host.url}: unchanged"]
        assert ics_host.requests == ["200", "304"]
        ics_host.stop()
        (line,) = refresh_sources(ws, "Giulia")
        assert line.startswith(f"{source.id}: cannot reach {ics_host.url}: server down")
        assert re.search(r"keeping the copy read \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$", line)
        plan = _plan(ws)
    assert plan.visits()[0].account_id == "acme-bologna" and plan.visits()[0].fixed


def test_a_caldav_calendar_and_a_wrong_password(
    workspace: Path, radicale: Radicale, tmp_path: Path
) -> None:
    url = make_calendar(radicale)
    import caldav

    client = caldav.DAVClient(url=url, username=radicale.user,
                              password=radicale.password_file.read_text().strip(),
                              enable_rfc6764=False)  # fmt: skip
    calendar = client.calendar(url=url)
    for chunk in _split(OUTLOOK.read_text()):
        calendar.save_event(chunk)
    wrong = tmp_path / "wrong"
    wrong.write_text("nope\n")
    with Workspace.open(workspace) as ws:
        with pytest.raises(DomainError, match="refused the login"):
            add_source(ws, "Giulia", url, user=radicale.user, password_file=str(wrong))
        assert all_sources(ws, "Giulia") == []
        source, events = add_source(ws, "Giulia", url, user=radicale.user,
                                    password_file=str(radicale.password_file),
                                    now=at(1, 8))  # fmt: skip
        assert source.kind == "caldav" and events > 10
        plan = _plan(ws)
    visits = {v.account_id: v for v in plan.visits()}
    assert visits["acme-bologna"].arrival == at(7, 11)
    assert visits["budrio-agri"].arrival == at(11, 14)


def _split(text: str) -> list[str]:
    """One calendar object per UID (a series and its moved occurrence stay together)."""
    head, _, rest = text.partition("BEGIN:VEVENT")
    zones = head[head.index("BEGIN:VTIMEZONE") :]
    blocks = ["BEGIN:VEVENT" + b for b in rest.split("BEGIN:VEVENT")]
    blocks[-1] = blocks[-1].replace("END:VCALENDAR", "").rstrip() + "\n"
    by_uid: dict[str, list[str]] = {}
    for block in blocks:
        uid = next(line for line in block.splitlines() if line.startswith("UID:"))
        by_uid.setdefault(uid, []).append(block.rstrip() + "\n")
    start = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n"
    return [start + zones + "".join(b) + "END:VCALENDAR\n" for b in by_uid.values()]

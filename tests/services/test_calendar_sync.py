"""Two-way sync with a real CalDAV server (Radicale on 127.0.0.1): publish the week, let
the rep move and delete visits in their calendar app, sync, re-plan; and every way a sync
can fail midway."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import caldav
import pytest

from planner.domain import DomainError, WeekPlan
from planner.io.exporters.ics import visit_uid
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.calendar_sync import publish_week, sync_calendar
from planner.services.plan_week import plan_in_workspace
from planner.travel.geodesic import GeodesicModel
from tests.calendar_servers import (
    PASSWORD,
    Radicale,
    make_calendar,
    radicale,
    start_proxy,
    start_radicale,
)
from tests.services.test_calendar_sources import REP, workspace

__all__ = ["radicale", "workspace"]  # fixtures
WEEK = date(2026, 11, 30)  # no public holiday in Italy
FOREIGN = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Someone else//EN
BEGIN:VEVENT
UID:lunch-with-marco@example.com
SUMMARY:Lunch with Marco
DTSTART;TZID=Europe/Rome:20261201T200000
DTEND;TZID=Europe/Rome:20261201T210000
END:VEVENT
END:VCALENDAR
"""


def _client(url: str, user: str) -> Any:
    client = caldav.DAVClient(url=url, username=user, password=PASSWORD, enable_rfc6764=False)
    return client.calendar(url=url)


def _published(ws: Workspace, radicale: Radicale, url: str) -> WeekPlan:
    plan_in_workspace(ws, "Giulia", WEEK, 3, GeodesicModel(), params=WeekParams(time_limit_s=1))
    publish_week(ws, "Giulia", WEEK, url=url, user=radicale.user,
                 password_file=str(radicale.password_file))  # fmt: skip
    plan = ws.load_plan("Giulia", WEEK)
    assert plan is not None
    return plan


def _uid(key: str) -> str:
    return visit_uid(REP.name, WEEK, f"visit|{key}")


def _server_uids(calendar: Any) -> set[str]:
    return {str(e.icalendar_component["uid"]) for e in calendar.events()}


def test_round_trip_moved_stays_deleted_goes_others_keep_their_uids(
    workspace: Path, radicale: Radicale
) -> None:
    url = make_calendar(radicale)
    calendar = _client(url, radicale.user)
    calendar.save_event(FOREIGN)
    with Workspace.open(workspace) as ws:
        first = _published(ws, radicale, url)
        visits = list(first.visits())
        assert _server_uids(calendar) == {_uid(v.account_key) for v in visits} | {
            "lunch-with-marco@example.com"
        }
        moving, deleting = visits[0], visits[-1]
        new_start = datetime.combine(WEEK + timedelta(days=2), datetime.min.time().replace(
            hour=15), tzinfo=REP.tz)  # fmt: skip
        event = calendar.event_by_uid(_uid(moving.account_key))
        component = event.icalendar_component
        length = component.decoded("dtend") - component.decoded("dtstart")
        component["dtstart"].dt = new_start
        component["dtend"].dt = new_start + length
        event.save()
        calendar.event_by_uid(_uid(deleting.account_key)).delete()
        lines = sync_calendar(ws, "Giulia")
        second = ws.load_plan("Giulia", WEEK)
    assert second is not None
    assert any(line.startswith("moved in the calendar: " + moving.name) for line in lines)
    assert any(line.startswith("deleted in the calendar: " + deleting.name) for line in lines)
    after = {v.account_key: v for v in second.visits()}
    assert after[moving.account_key].arrival == new_start and after[moving.account_key].fixed
    assert deleting.account_key not in after
    others = {v.account_key for v in visits} - {moving.account_key, deleting.account_key}
    kept = others & set(after)
    assert kept and all(_uid(k) in _server_uids(calendar) for k in kept)
    assert _uid(deleting.account_key) not in _server_uids(calendar)
    lunch = calendar.event_by_uid("lunch-with-marco@example.com")
    assert str(lunch.icalendar_component["summary"]) == "Lunch with Marco"  # never touched
    # A second sync with nothing changed changes nothing.
    with Workspace.open(workspace) as ws:
        again = sync_calendar(ws, "Giulia")
        assert ws.load_plan("Giulia", WEEK) == second
    assert not any(line.startswith(("moved", "deleted", "conflict")) for line in again)


def test_wrong_password_and_server_down_lose_nothing_and_the_next_sync_completes(
    workspace: Path, tmp_path: Path
) -> None:
    server = start_radicale(tmp_path / "dav")
    try:
        url = make_calendar(server)
        wrong = tmp_path / "wrong"
        wrong.write_text("nope\n")
        with Workspace.open(workspace) as ws:
            plan_in_workspace(ws, "Giulia", WEEK, 3, GeodesicModel(),
                              params=WeekParams(time_limit_s=1))  # fmt: skip
            with pytest.raises(DomainError, match="refused the login"):
                publish_week(ws, "Giulia", WEEK, url=url, user=server.user,
                             password_file=str(wrong))  # fmt: skip
            plan = _published(ws, server, url)
        port = int(url.split(":")[2].split("/")[0])
        server.stop()
        with Workspace.open(workspace) as ws:
            (*_, line) = sync_calendar(ws, "Giulia")
            assert "sync stopped: cannot reach" in line and "Nothing is lost" in line
            assert ws.load_plan("Giulia", WEEK) == plan
        server = start_radicale(tmp_path / "dav", port)
        with Workspace.open(workspace) as ws:
            (*_, line) = sync_calendar(ws, "Giulia")
            assert line.startswith(f"week of {WEEK}: ") and "published" in line
            assert ws.load_plan("Giulia", WEEK) == plan
    finally:
        server.stop()


def test_a_500_midway_and_an_event_deleted_during_the_sync(
    workspace: Path, radicale: Radicale
) -> None:
    url = make_calendar(radicale)
    proxy = start_proxy(radicale.url)
    via = url.replace(radicale.url, proxy.url)
    calendar = _client(url, radicale.user)
    try:
        with Workspace.open(workspace) as ws:
            proxy.fail_at = 3  # from the third write on, the server answers 500
            with pytest.raises(DomainError, match="server answered with an error"):
                _published(ws, radicale, via)
            stored = ws.load_plan("Giulia", WEEK)
            assert stored is not None
            assert 0 < len(_server_uids(calendar)) < len(stored.visits())  # stopped midway
            proxy.fail_at = None
            sync_calendar(ws, "Giulia")  # completes what was left
            plan = ws.load_plan("Giulia", WEEK)
            assert plan is not None
            assert _server_uids(calendar) == {_uid(v.account_key) for v in plan.visits()}
            victim = plan.visits()[1]

            def delete_now() -> None:
                calendar.event_by_uid(_uid(victim.account_key)).delete()

            sync_calendar(ws, "Giulia", between=delete_now)  # deleted after being read
            assert _uid(victim.account_key) not in _server_uids(calendar)  # not recreated
            lines = sync_calendar(ws, "Giulia")  # the next sync takes the deletion in
            final = ws.load_plan("Giulia", WEEK)
    finally:
        proxy.stop()
    assert any(line.startswith("deleted in the calendar: " + victim.name) for line in lines)
    assert final is not None and victim.account_key not in {v.account_key for v in final.visits()}

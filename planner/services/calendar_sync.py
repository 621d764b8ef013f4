"""Use cases: publish the planned week to the rep's CalDAV calendar and sync it back.

Publish writes one event per visit (the events the .ics export writes, same stable
UIDs) and remembers, per week, what it wrote. Sync reads those events back:

* moved by the rep → a fixed appointment at the new time (it stays there);
* deleted by the rep → the account is taken out of that week (as "excluded by the user");
* changed in the planner too since it was published → a conflict, reported; neither side
  is overwritten until the rep settles it;

then re-plans the week around them (visits keep their days: no reshuffle) and publishes
the result. Only events the planner created are written or deleted. A failure (wrong
password, server down, an error mid-way) stops with one message: the workspace keeps
everything, what was written is remembered event by event, and the next sync completes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from planner.domain.calendar import Appointment, AppointmentKind
from planner.domain.errors import DomainError
from planner.domain.plan import Decision, Visit, WeekPlan
from planner.domain.rep import Rep
from planner.io.calendars.caldav_sync import (
    ServerEvent,
    delete_events,
    read_back,
    split_events,
    write_events,
)
from planner.io.calendars.sources import CalendarSource, CalendarSourceError
from planner.io.calendars.store import load_appointments, save_appointments
from planner.io.exporters.ics import IcsOptions, export_ics, to_minute, visit_uid
from planner.io.exporters.ics_state import state_from_dict, state_to_dict
from planner.io.workspace import Workspace
from planner.optimise.priorities import USER_EXCLUDED
from planner.optimise.week.planner import WeekParams
from planner.services.calendar_sources import refresh_sources
from planner.services.plan_week import plan_in_workspace
from planner.services.travel import workspace_travel_model

TARGET = "calendar_target"  # rep → the CalDAV calendar published to, and its weeks
PUBLISHED = "calendar_published"  # rep|week → uid → what was written
ICS_STATE = "calendar_published_ics"  # rep|week → SEQUENCE state of the events
OPTIONS = IcsOptions(alarm_minutes=30, travel_blocks=False, hotel_nights=False)
SYNC_PLAN = WeekParams(time_limit_s=5.0)
Written = dict[str, dict[str, str]]  # uid → {"key", "start", "end"}


def publish_week(
    workspace: Workspace, rep_name: str, week: date, *, url: str, user: str, password_file: str
) -> list[str]:
    """Set the rep's CalDAV calendar and publish the stored plan of `week` to it."""
    rep = _rep(workspace, rep_name)
    if workspace.load_plan(rep.name, week) is None:
        raise DomainError(f"no plan stored for {rep.name}, week of {week}: plan it first")
    secret_file = str(Path(password_file).expanduser().resolve()) if password_file else ""
    target = CalendarSource("target", rep.name, url, "caldav", user, secret_file)
    weeks = sorted({*_target_weeks(workspace, rep.name), week.isoformat()})
    workspace.set_value(TARGET, rep.name, {"source": asdict(target), "weeks": weeks})
    return [_publish(workspace, rep, week, target)]


def sync_calendar(
    workspace: Workspace, rep_name: str, *, between: Callable[[], None] | None = None
) -> list[str]:
    """Read every source, then take back the rep's edits of each published week.

    `between` runs after the server was read and before anything is written (tests use
    it to change the server at the worst moment).
    """
    rep = _rep(workspace, rep_name)
    lines = refresh_sources(workspace, rep.name)
    stored = workspace.get_value(TARGET, rep.name)
    if not stored:
        return [*lines, "no calendar to publish to: set one with `calendar publish`"]
    target = CalendarSource(**stored["source"])
    for week in stored["weeks"]:
        try:
            lines += _sync_week(workspace, rep, date.fromisoformat(week), target, between)
        except CalendarSourceError as exc:
            lines.append(f"week of {week}: sync stopped: {exc}. Nothing is lost: the "
                         "next sync picks up from here")  # fmt: skip
            break
    return lines


def _sync_week(
    workspace: Workspace,
    rep: Rep,
    week: date,
    target: CalendarSource,
    between: Callable[[], None] | None,
) -> list[str]:
    plan = workspace.load_plan(rep.name, week)
    if plan is None:
        return [f"week of {week}: no plan stored any more; nothing to sync"]
    written = _written(workspace, rep, week)
    server = read_back(target, written)
    if between is not None:
        between()
    moved, deleted, held, lines = _changes(plan, written, server)
    if moved or deleted:
        _apply(workspace, rep, plan, moved, deleted)
        days = len(plan.days) + len(plan.closed)
        travel = workspace_travel_model(workspace)
        plan_in_workspace(workspace, rep.name, week, days, travel, params=SYNC_PLAN)
    lines.append(_publish(workspace, rep, week, target, held=held, present=set(server)))
    return lines


def _changes(
    plan: WeekPlan, written: Written, server: dict[str, ServerEvent | None]
) -> tuple[list[tuple[str, str, ServerEvent]], list[tuple[str, str]], set[str], list[str]]:
    """Moved and deleted visits, UIDs held back by a conflict, and what to tell the rep."""
    now = {v.account_key: v for v in plan.visits() if not v.cancelled}
    moved, deleted, held, lines = [], [], set(), []
    for uid, was in sorted(written.items()):
        key, event = was["key"], server.get(uid)
        visit = now.get(key)
        if event is None:
            deleted.append((uid, key))
            lines.append(f"deleted in the calendar: {_name(visit, key)} — taken out of the week")
            continue
        start, end = datetime.fromisoformat(was["start"]), datetime.fromisoformat(was["end"])
        if (event.start, event.end) == (start, end):
            continue
        if visit is not None and to_minute(visit.arrival) != start:
            held.add(uid)
            lines.append(f"conflict: {visit.name} was moved in the calendar to "
                         f"{event.start:%a %d %b %H:%M} and re-planned here to "
                         f"{visit.arrival:%a %d %b %H:%M}; neither is overwritten: move it "
                         "in one place")  # fmt: skip
            continue
        moved.append((uid, key, event))
        lines.append(f"moved in the calendar: {_name(visit, key)} — now fixed at "
                     f"{event.start:%a %d %b %H:%M}")  # fmt: skip
    return moved, deleted, held, lines


def _name(visit: Visit | None, key: str) -> str:
    return visit.name if visit is not None else key


def _apply(
    workspace: Workspace,
    rep: Rep,
    plan: WeekPlan,
    moved: list[tuple[str, str, ServerEvent]],
    deleted: list[tuple[str, str]],
) -> None:
    """Moved → fixed appointments (source "sync"); deleted → out of the week; one transaction."""
    gone_uids = {uid for uid, _ in deleted} | {uid for uid, _, _ in moved}
    kept = [a for a in load_appointments(workspace, rep.name) if a.uid not in gone_uids]
    names = {v.account_key: v for v in plan.visits()}
    for uid, key, event in moved:
        minutes = max(1, round((event.end - event.start).total_seconds() / 60))
        title = names[key].name if key in names else key
        kept.append(Appointment(
            id="sync-" + hashlib.sha1(uid.encode()).hexdigest()[:8], rep_name=rep.name,
            kind=AppointmentKind.FIXED, start=event.start.astimezone(rep.tz), minutes=minutes,
            account_key=key, title=title, source="sync", uid=uid,
        ))  # fmt: skip
    out = [
        Decision(key, v.account_id, v.name, "excluded", USER_EXCLUDED, v.value)
        for _, key in deleted
        if (v := names.get(key)) is not None
    ]
    with workspace.transaction():
        save_appointments(workspace, rep.name, kept)
        workspace.save_plan(replace(plan, excluded=(*plan.excluded, *out)))


def _publish(
    workspace: Workspace,
    rep: Rep,
    week: date,
    target: CalendarSource,
    *,
    held: set[str] | None = None,
    present: set[str] | None = None,
) -> str:
    """Write the stored plan's visits, delete the ones no longer planned (ours only)."""
    plan = workspace.load_plan(rep.name, week)
    assert plan is not None
    held = held or set()
    written = _written(workspace, rep, week)
    wanted = _visit_events(workspace, rep, plan)
    existing = set(written) if present is None else present
    todo = {uid: text for uid, (text, _) in wanted.items() if uid not in held}
    try:
        write_events(target, todo, existing=existing & set(todo),
                     written=lambda uid: written.update({uid: wanted[uid][1]}))  # fmt: skip
        stale = set(written) - set(wanted) - held
        delete_events(target, stale)
        for uid in stale:
            written.pop(uid)
    finally:
        workspace.set_value(PUBLISHED, _week_key(rep, week), written)
    return f"week of {week}: {len(todo)} visits published to {target.location}" + (
        f", {len(stale)} removed" if stale else ""
    )


def _visit_events(
    workspace: Workspace, rep: Rep, plan: WeekPlan
) -> dict[str, tuple[str, dict[str, str]]]:
    """UID → (calendar text, record) for every planned visit, as the .ics export writes it."""
    visits = [v for v in plan.visits() if not v.cancelled]
    if not visits:
        return {}
    key = _week_key(rep, plan.week_start)
    stored = workspace.get_value(ICS_STATE, key)
    accounts = {a.key: a for a in workspace.accounts()}
    export = export_ics(plan, accounts, rep, OPTIONS,
                        previous=state_from_dict(stored) if stored else None)  # fmt: skip
    workspace.set_value(ICS_STATE, key, state_to_dict(export.state))
    texts = split_events(export.calendars["week"])
    out = {}
    for visit in visits:
        uid = visit_uid(rep.name, plan.week_start, f"visit|{visit.account_key}")
        record = {"key": visit.account_key, "start": _minute(visit.arrival, rep),
                  "end": _minute(visit.departure, rep)}  # fmt: skip
        out[uid] = (texts[uid], record)
    return out


def _minute(moment: datetime, rep: Rep) -> str:
    """As the export writes it: the rep's zone, to the nearest minute."""
    return to_minute(moment.astimezone(rep.tz)).isoformat()


def _written(workspace: Workspace, rep: Rep, week: date) -> Written:
    stored: Any = workspace.get_value(PUBLISHED, _week_key(rep, week))
    return dict(stored or {})


def _target_weeks(workspace: Workspace, rep_name: str) -> list[str]:
    stored = workspace.get_value(TARGET, rep_name)
    return list(stored["weeks"]) if stored else []


def _week_key(rep: Rep, week: date) -> str:
    return f"{rep.name}|{week.isoformat()}"


def _rep(workspace: Workspace, name: str) -> Rep:
    rep = workspace.rep(name)
    if rep is None:
        raise DomainError(f"no rep named {name!r} in the workspace")
    return rep

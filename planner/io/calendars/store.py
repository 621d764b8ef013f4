"""Appointments, time off and calendar sources in the workspace (its small key-value
store, one JSON list per rep), the last copy read from each source, and plain-dict forms."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, time
from typing import Any

from planner.domain.calendar import (
    Appointment,
    AppointmentKind,
    HalfDay,
    Outcome,
    TimeOff,
    VisitReport,
)
from planner.io.calendars.sources import CalendarSource, Fetched
from planner.io.workspace import Workspace

APPOINTMENTS = "appointments"
TIME_OFF = "time_off"


def appointment_to_dict(appointment: Appointment) -> dict[str, Any]:
    return {
        "id": appointment.id,
        "rep_name": appointment.rep_name,
        "kind": appointment.kind.value,
        "start": appointment.start.isoformat(),
        "minutes": appointment.minutes,
        "account_key": appointment.account_key,
        "address": appointment.address,
        "title": appointment.title,
        "all_day": appointment.all_day,
        "days": appointment.days,
        "earliest": appointment.earliest.strftime("%H:%M") if appointment.earliest else None,
        "latest": appointment.latest.strftime("%H:%M") if appointment.latest else None,
        "source": appointment.source,
        "uid": appointment.uid,
    }


def appointment_from_dict(data: dict[str, Any]) -> Appointment:
    earliest, latest = data.get("earliest"), data.get("latest")
    return Appointment(
        id=data["id"],
        rep_name=data["rep_name"],
        kind=AppointmentKind(data["kind"]),
        start=datetime.fromisoformat(data["start"]),
        minutes=int(data.get("minutes", 60)),
        account_key=data.get("account_key", ""),
        address=data.get("address", ""),
        title=data.get("title", ""),
        all_day=bool(data.get("all_day", False)),
        days=int(data.get("days", 1)),
        earliest=time.fromisoformat(earliest) if earliest else None,
        latest=time.fromisoformat(latest) if latest else None,
        source=data.get("source", ""),
        uid=data.get("uid", ""),
    )


def load_appointments(workspace: Workspace, rep_name: str) -> list[Appointment]:
    rows = workspace.get_value(APPOINTMENTS, rep_name) or []
    return [appointment_from_dict(row) for row in rows]


def save_appointments(workspace: Workspace, rep_name: str, items: list[Appointment]) -> None:
    ordered = sorted(items, key=lambda a: (a.start, a.id))
    workspace.set_value(APPOINTMENTS, rep_name, [appointment_to_dict(a) for a in ordered])


def load_time_off(workspace: Workspace, rep_name: str) -> list[TimeOff]:
    rows = workspace.get_value(TIME_OFF, rep_name) or []
    return [
        TimeOff(
            rep_name,
            date.fromisoformat(row["day"]),
            HalfDay(row["half"]) if row.get("half") else None,
            row.get("reason", "time off"),
        )
        for row in rows
    ]


def save_time_off(workspace: Workspace, rep_name: str, items: list[TimeOff]) -> None:
    rows = [
        {"day": t.day.isoformat(), "half": t.half.value if t.half else None, "reason": t.reason}
        for t in sorted(items, key=lambda t: (t.day, t.half or ""))
    ]
    workspace.set_value(TIME_OFF, rep_name, rows)


SOURCES = "calendar_sources"
CACHE = "calendar_cache"


def load_sources(workspace: Workspace, rep_name: str) -> list[CalendarSource]:
    rows = workspace.get_value(SOURCES, rep_name) or []
    return [CalendarSource(**row) for row in rows]


def save_sources(workspace: Workspace, rep_name: str, items: list[CalendarSource]) -> None:
    workspace.set_value(SOURCES, rep_name, [asdict(s) for s in items])


def load_cached(workspace: Workspace, source_id: str) -> Fetched | None:
    """The copy of a URL or CalDAV source kept at its last successful read."""
    row = workspace.get_value(CACHE, source_id)
    if not row:
        return None
    return Fetched(tuple(row["texts"]), row.get("etag", ""), row.get("last_modified", ""))


def save_cached(workspace: Workspace, source_id: str, fetched: Fetched, when: datetime) -> None:
    row = {"texts": list(fetched.texts), "etag": fetched.etag,
           "last_modified": fetched.last_modified, "fetched_at": when.isoformat()}  # fmt: skip
    workspace.set_value(CACHE, source_id, row)


def cache_time(workspace: Workspace, source_id: str) -> str:
    """When the kept copy was read, e.g. "2026-12-07 09:17 UTC" ("" when never)."""
    row = workspace.get_value(CACHE, source_id)
    if not row or not row.get("fetched_at"):
        return ""
    return f"{datetime.fromisoformat(row['fetched_at']).astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def pop_by_id(workspace: Workspace, namespace: str, ident: str) -> dict[str, Any] | None:
    """Remove the row with this id from whichever rep's list holds it; the row, or None."""
    with workspace.transaction():
        for rep in workspace.reps():
            rows = workspace.get_value(namespace, rep.name) or []
            kept = [row for row in rows if row.get("id") != ident]
            if len(kept) != len(rows):
                workspace.set_value(namespace, rep.name, kept)
                found: dict[str, Any] = next(row for row in rows if row.get("id") == ident)
                return found
    return None


def rep_names(workspace: Workspace, rep_name: str | None) -> list[str]:
    """The one rep asked for, else every rep of the workspace."""
    return [rep_name] if rep_name else [r.name for r in workspace.reps()]


REPORTS = "visit_reports"


def report_to_dict(report: VisitReport) -> dict[str, Any]:
    return {
        "rep_name": report.rep_name, "account_key": report.account_key,
        "account_id": report.account_id, "name": report.name, "day": report.day.isoformat(),
        "done": report.done, "outcome": report.outcome.value, "notes": report.notes,
        "start": report.start.isoformat() if report.start else None,
        "end": report.end.isoformat() if report.end else None,
    }  # fmt: skip


def report_from_dict(row: dict[str, Any]) -> VisitReport:
    start, end = row.get("start"), row.get("end")
    return VisitReport(
        row["rep_name"], row["account_key"], row["account_id"], row["name"],
        date.fromisoformat(row["day"]), bool(row["done"]), Outcome(row["outcome"]),
        row.get("notes", ""), datetime.fromisoformat(start) if start else None,
        datetime.fromisoformat(end) if end else None,
    )  # fmt: skip


def load_reports(workspace: Workspace, rep_name: str) -> list[VisitReport]:
    return [report_from_dict(row) for row in workspace.get_value(REPORTS, rep_name) or []]


def save_reports(workspace: Workspace, rep_name: str, items: list[VisitReport]) -> None:
    ordered = sorted(items, key=lambda r: (r.day, r.name))
    workspace.set_value(REPORTS, rep_name, [report_to_dict(r) for r in ordered])

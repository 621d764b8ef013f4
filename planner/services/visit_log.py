"""Use cases: call reports. A planned visit is logged done or not done with its outcome and
notes; a visit done moves the account's last-visit date forward, so its cadence and its
value next week follow what really happened. The log exports as CRM activities."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from planner.domain.calendar import Outcome, VisitReport
from planner.domain.errors import DomainError
from planner.domain.plan import Visit
from planner.io.calendars.store import load_reports, rep_names, save_reports
from planner.io.exporters.activities import FORMATS, activities_csv
from planner.io.workspace import Workspace
from planner.services.calendar_week import find_account, find_rep

__all__ = ["FORMATS", "export_activities", "log_visit", "visit_reports"]


def log_visit(
    workspace: Workspace,
    rep_name: str,
    account_id: str,
    day: date,
    *,
    outcome: Outcome,
    notes: str = "",
) -> tuple[VisitReport, str]:
    """Log one visit (replacing an earlier report of the same visit); and a line saying
    what changed for the account."""
    rep = find_rep(workspace, rep_name)
    account = find_account(workspace, account_id)
    planned = _planned_visit(workspace, rep.name, account.key, day)
    report = VisitReport(
        rep.name, account.key, account.account_id, account.name, day,
        outcome is Outcome.COMPLETED, outcome, notes,
        planned.arrival if planned else None, planned.departure if planned else None,
    )  # fmt: skip
    effect = "last visit unchanged"
    with workspace.transaction():
        kept = [r for r in load_reports(workspace, rep.name)
                if (r.account_key, r.day) != (account.key, day)]  # fmt: skip
        save_reports(workspace, rep.name, [*kept, report])
        if report.done:
            workspace.log_visit(account.key, day, notes)
            if account.last_visit is None or account.last_visit < day:
                workspace.save_accounts([replace(account, last_visit=day)])
                effect = f"last visit now {day:%d %b %Y}"
    return report, effect


def _planned_visit(workspace: Workspace, rep_name: str, key: str, day: date) -> Visit | None:
    plan = workspace.load_plan(rep_name, day - timedelta(days=day.weekday()))
    if plan is None:
        return None
    return next((v for d in plan.days if d.day == day for v in d.visits if v.account_key == key),
                None)  # fmt: skip


def visit_reports(workspace: Workspace, rep_name: str | None = None) -> list[VisitReport]:
    return [r for name in rep_names(workspace, rep_name) for r in load_reports(workspace, name)]


def export_activities(
    workspace: Workspace, fmt: str, out: Path, rep_name: str | None = None
) -> int:
    """Write the call reports as a CRM activity import; returns how many rows."""
    reports = visit_reports(workspace, rep_name)
    if not reports:
        raise DomainError("no visits logged yet: log them with `territory-planner visits log`")
    out.write_bytes(activities_csv(reports, fmt))
    return len(reports)

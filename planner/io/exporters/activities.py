"""Call reports as CRM activity imports (CSV).

Salesforce (Data Loader, Task object; API field names as headers):
  WhatId (the account's CRM id), Subject, ActivityDate (YYYY-MM-DD), Status (Completed
  for a visit done, Deferred for one not done), Priority (Normal), Type (Meeting),
  Description (outcome and notes).
HubSpot (activity import, meetings; property internal names as headers, plus the
  association column): Company Record ID (the account's CRM id), hs_meeting_title,
  hs_timestamp, hs_meeting_start_time, hs_meeting_end_time (ISO 8601, UTC),
  hs_meeting_outcome (COMPLETED, NO_SHOW, RESCHEDULED, CANCELED), hs_meeting_body.

Text cells that a spreadsheet would run as a formula get a leading apostrophe; control
characters are dropped; UTF-8 with BOM (Excel).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime, time

from planner.domain.calendar import Outcome, VisitReport
from planner.io.exporters.common import clean_text
from planner.io.exporters.csv_export import neutralise

FORMATS = ("salesforce", "hubspot")
SALESFORCE = ("WhatId", "Subject", "ActivityDate", "Status", "Priority", "Type", "Description")
HUBSPOT = ("Company Record ID", "hs_meeting_title", "hs_timestamp", "hs_meeting_start_time",
           "hs_meeting_end_time", "hs_meeting_outcome", "hs_meeting_body")  # fmt: skip
_HUBSPOT_OUTCOME = {Outcome.COMPLETED: "COMPLETED", Outcome.NO_SHOW: "NO_SHOW",
                    Outcome.RESCHEDULED: "RESCHEDULED", Outcome.CANCELLED: "CANCELED"}  # fmt: skip


def activities_csv(reports: Sequence[VisitReport], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"activity format must be one of {', '.join(FORMATS)}")
    headers, row = (SALESFORCE, _salesforce) if fmt == "salesforce" else (HUBSPOT, _hubspot)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for report in reports:
        writer.writerow([_text(cell) for cell in row(report)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text(value: str) -> str:
    return neutralise(clean_text(value))


def _description(report: VisitReport) -> str:
    outcome = report.outcome.value.replace("_", " ")
    return f"Outcome: {outcome}" + (f"\n{report.notes}" if report.notes else "")


def _salesforce(report: VisitReport) -> list[str]:
    return [
        report.account_id, f"Visit: {report.name}", report.day.isoformat(),
        "Completed" if report.done else "Deferred", "Normal", "Meeting", _description(report),
    ]  # fmt: skip


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hubspot(report: VisitReport) -> list[str]:
    start = report.start or datetime.combine(report.day, time(9), tzinfo=UTC)
    end = report.end or start
    return [
        report.account_id, f"Visit: {report.name}", _utc(start), _utc(start), _utc(end),
        _HUBSPOT_OUTCOME[report.outcome], _description(report),
    ]  # fmt: skip

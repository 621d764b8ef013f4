"""`territory-planner export ics|gpx|csv|pdf|html --week YYYY-MM-DD --out PATH`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import (
    add_workspace_argument,
    iso_date,
    open_workspace,
    progress_bar,
    run_in_workspace,
)
from planner.domain import DomainError
from planner.services.export_itinerary import ExportFormat, IcsOptions, export_from_workspace
from planner.services.visit_log import FORMATS as ACTIVITY_FORMATS
from planner.services.visit_log import export_activities
from planner.services.workspaces import Workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a stored week plan as calendar (.ics), GPX, CSV, PDF or a map page",
        description="Export the plan stored for a rep's week. Calendar re-exports keep each "
        "visit's UID and bump SEQUENCE, so calendar apps update events instead of "
        "duplicating them; a visit dropped from the plan is sent as cancelled.",
    )
    parser.add_argument("format", choices=[*(f.value for f in ExportFormat), "activities"],
                        help="file format; activities: the visit log for a CRM")  # fmt: skip
    parser.add_argument("--week", type=iso_date, metavar="YYYY-MM-DD",
                        help="first day of the planned week (all but activities)")  # fmt: skip
    parser.add_argument("--format", dest="crm", choices=ACTIVITY_FORMATS,
                        help="for activities: salesforce (Task) or hubspot (meetings)")  # fmt: skip
    parser.add_argument("--rep", metavar="NAME",
                        help="rep (default: the one rep with a plan for that week)")  # fmt: skip
    parser.add_argument("--out", required=True, type=Path, metavar="PATH", help="file to write")
    parser.add_argument("--day", action="append", type=iso_date, metavar="YYYY-MM-DD",
                        help="export only this day (repeatable)")  # fmt: skip
    parser.add_argument("--locale", metavar="CODE",
                        help="language and numbers of the CSV, PDF and map page, e.g. it "
                             "(CSV: semicolons, decimal comma)")  # fmt: skip
    ics = parser.add_argument_group("calendar (ics)")
    ics.add_argument("--per-day", action="store_true", help="one .ics file per day")
    ics.add_argument("--travel", action="store_true", help="add busy blocks for the drives")
    ics.add_argument("--no-hotels", action="store_true", help="leave out hotel-night events")
    ics.add_argument("--reminder", type=int, default=30, metavar="MIN",
                     help="reminder minutes before visits; 0 for none (default 30)")  # fmt: skip
    add_workspace_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "activities":
        return _activities(args)
    if args.week is None:
        print("error: --week is required for this export", file=sys.stderr)
        return 2
    if args.reminder < 0:
        print("error: --reminder cannot be negative", file=sys.stderr)
        return 2
    options = IcsOptions(
        alarm_minutes=args.reminder or None,
        travel_blocks=args.travel,
        hotel_nights=not args.no_hotels,
        per_day=args.per_day,
    )
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    try:
        with workspace, progress_bar(f"exporting {args.format}") as bar:
            result = export_from_workspace(
                workspace, args.rep, args.week, args.format, args.out, days=args.day,
                locale=args.locale, ics_options=options, progress=bar,
            )  # fmt: skip
    except (DomainError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in result.files:
        print(path)
    return 0


def _activities(args: argparse.Namespace) -> int:
    if args.crm is None:
        print("error: say which CRM with --format salesforce|hubspot", file=sys.stderr)
        return 2

    def write(workspace: Workspace) -> None:
        rows = export_activities(workspace, args.crm, args.out, args.rep)
        print(f"{args.out} ({rows} visits, {args.crm})")

    return run_in_workspace(args, write)

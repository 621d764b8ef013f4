"""`territory-planner export ics|gpx|csv|pdf|html --week YYYY-MM-DD --out PATH`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import add_workspace_argument, iso_date, open_workspace, progress_bar
from planner.domain import DomainError
from planner.services.export_itinerary import ExportFormat, IcsOptions, export_from_workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write a stored week plan as calendar (.ics), GPX, CSV, PDF or a map page",
        description="Export the plan stored for a rep's week. Calendar re-exports keep each "
        "visit's UID and bump SEQUENCE, so calendar apps update events instead of "
        "duplicating them; a visit dropped from the plan is sent as cancelled.",
    )
    parser.add_argument("format", choices=[f.value for f in ExportFormat], help="file format")
    parser.add_argument("--week", required=True, type=iso_date, metavar="YYYY-MM-DD",
                        help="first day of the planned week")  # fmt: skip
    parser.add_argument("--rep", metavar="NAME",
                        help="rep (default: the one rep with a plan for that week)")  # fmt: skip
    parser.add_argument("--out", required=True, type=Path, metavar="PATH", help="file to write")
    parser.add_argument("--day", action="append", type=iso_date, metavar="YYYY-MM-DD",
                        help="export only this day (repeatable)")  # fmt: skip
    parser.add_argument("--locale", metavar="CODE",
                        help="CSV numbers, e.g. it: semicolons, decimal comma")  # fmt: skip
    ics = parser.add_argument_group("calendar (ics)")
    ics.add_argument("--per-day", action="store_true", help="one .ics file per day")
    ics.add_argument("--travel", action="store_true", help="add busy blocks for the drives")
    ics.add_argument("--no-hotels", action="store_true", help="leave out hotel-night events")
    ics.add_argument("--reminder", type=int, default=30, metavar="MIN",
                     help="reminder minutes before visits; 0 for none (default 30)")  # fmt: skip
    add_workspace_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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

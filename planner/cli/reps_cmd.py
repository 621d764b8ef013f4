"""`territory-planner reps [--json]` lists reps; `territory-planner reps import FILE` loads them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from planner.cli.common import add_workspace_argument, open_workspace
from planner.services.import_accounts import ImportFileError, import_reps
from planner.services.workspaces import rep_to_dict


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "reps",
        help="list reps, or import them from a CSV/XLSX file ('reps import FILE')",
        description="Reps file columns: name, address and/or latitude, longitude, work_days, "
        "work_start, work_end, capacity_hours, cost_per_km, cost_per_hour, hotel_per_night, "
        "currency, timezone (only name is required; time zone, currency and holiday region "
        "default to those of the rep's home).",
    )
    add_workspace_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    actions = parser.add_subparsers(dest="reps_action", metavar="ACTION")
    importer = actions.add_parser("import", help="add or update reps from a CSV/XLSX file")
    importer.add_argument("file", type=Path)
    add_workspace_argument(importer)
    importer.set_defaults(handler=run_import)
    parser.set_defaults(handler=run_list)


def run_import(args: argparse.Namespace) -> int:
    workspace = open_workspace(args, create=True)  # an import may start a workspace
    if workspace is None:
        return 1
    try:
        with workspace:
            reps, rejected = import_reps(workspace, args.file)
    except ImportFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.file.name}: {len(reps)} reps imported, {len(rejected)} rejected")
    for r in rejected:
        column = f", column {r.column!r}" if r.column else ""
        print(f"  row {r.number}{column}: {r.reason}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    with workspace:
        reps = workspace.reps()
    if args.json:
        print(json.dumps([rep_to_dict(r) for r in reps], ensure_ascii=False, indent=1))
        return 0
    for rep in reps:
        home = f"{rep.home.lat:.5f},{rep.home.lon:.5f}" if rep.home else "not located"
        print(
            f"{rep.name:<24} {rep.home_address[:40]:<40} {home:<20} "
            f"{rep.work_start:%H:%M}-{rep.work_end:%H:%M} {rep.cost_per_km} {rep.currency}/km"
        )
    print(f"{len(reps)} reps")
    return 0

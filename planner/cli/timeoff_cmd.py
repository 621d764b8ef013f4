"""`territory-planner timeoff add|list|remove`: the rep's days and half days off."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import add_workspace_argument, iso_date, run_in_workspace
from planner.domain.calendar import HalfDay
from planner.services.calendar_week import add_time_off, all_time_off, remove_time_off
from planner.services.workspaces import Workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "timeoff",
        help="add, list or remove the rep's time off (never planned on)",
        description="Days and half days off: the week planner books no visit in them.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a day or half day off")
    add.add_argument("--rep", required=True, metavar="NAME")
    add.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--half", choices=[h.value for h in HalfDay],
                     help="only the morning (am) or the afternoon (pm)")  # fmt: skip
    add.add_argument("--reason", default="time off", help="shown in the plan (default: time off)")
    add.set_defaults(handler=_run_add)
    listing = sub.add_parser("list", help="list time off")
    listing.add_argument("--rep", metavar="NAME", help="only this rep's")
    listing.set_defaults(handler=_run_list)
    remove = sub.add_parser("remove", help="remove the time off of one day")
    remove.add_argument("--rep", required=True, metavar="NAME")
    remove.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    remove.set_defaults(handler=_run_remove)
    for command in (add, listing, remove):
        add_workspace_argument(command)


def _run_add(args: argparse.Namespace) -> int:
    half = HalfDay(args.half) if args.half else None

    def add(workspace: Workspace) -> None:
        off = add_time_off(workspace, args.rep, args.date, half, args.reason)
        print(f"{off.rep_name}: {off.label} on {off.day:%a %d %b %Y}")

    return run_in_workspace(args, add)


def _run_list(args: argparse.Namespace) -> int:
    def show(workspace: Workspace) -> None:
        items = all_time_off(workspace, args.rep)
        for off in items:
            print(f"{off.day.isoformat()}  {off.rep_name}: {off.label}")
        print(f"{len(items)} days or half days off")

    return run_in_workspace(args, show)


def _run_remove(args: argparse.Namespace) -> int:
    def remove(workspace: Workspace) -> None:
        for off in remove_time_off(workspace, args.rep, args.date):
            print(f"removed {off.rep_name}: {off.label} on {off.day:%a %d %b %Y}")

    return run_in_workspace(args, remove)

"""`territory-planner appointments add|list|remove`: meetings the rep already has."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, time
from typing import Any

from planner.cli.common import add_workspace_argument, run_in_workspace
from planner.domain.calendar import Appointment, AppointmentKind
from planner.services.calendar_week import (
    AppointmentRequest,
    add_appointment,
    all_appointments,
    appointment_to_dict,
    parse_time,
    remove_appointment,
)
from planner.services.workspaces import Workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "appointments",
        help="add, list or remove the rep's appointments (the planner plans around them)",
        description="Appointments are kept by the week planner: fixed ones at their time, "
        "flexible ones on their day or in their week. A conflict is reported, not dropped.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add an appointment")
    add.add_argument("--rep", required=True, metavar="NAME", help="the rep it belongs to")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--account", metavar="ID", help="CRM id of the account to visit")
    where.add_argument("--address", metavar="TEXT", help="any other place (car service, office)")
    add.add_argument("--start", required=True, type=_start, metavar="YYYY-MM-DDTHH:MM",
                     help="date and time in the rep's time zone (a date alone for flexible "
                     "or all-day appointments)")  # fmt: skip
    add.add_argument("--minutes", type=int, default=60, metavar="N", help="length (default 60)")
    add.add_argument("--kind", choices=[k.value for k in AppointmentKind], default="fixed",
                     help="fixed (this time), day (flexible on the day), week (flexible in "
                     "the week); default fixed")  # fmt: skip
    add.add_argument("--window", type=_window, metavar="HH:MM-HH:MM",
                     help="for --kind day: when the meeting may start")  # fmt: skip
    add.add_argument("--all-day", action="store_true", help="block whole days (a trade fair)")
    add.add_argument("--days", type=int, default=1, metavar="N", help="with --all-day: N days")
    add.add_argument("--title", default="", help="what it is (default: the account's name)")
    add.set_defaults(handler=_run_add)
    listing = sub.add_parser("list", help="list appointments")
    listing.add_argument("--rep", metavar="NAME", help="only this rep's")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=_run_list)
    remove = sub.add_parser("remove", help="remove an appointment by its id")
    remove.add_argument("id", help="the id `appointments list` shows")
    remove.set_defaults(handler=_run_remove)
    for command in (add, listing, remove):
        add_workspace_argument(command)


def _start(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date and time (YYYY-MM-DDTHH:MM): {text!r}"
        ) from None


def _window(text: str) -> tuple[time, time]:
    first, sep, last = text.partition("-")
    try:
        if not sep:
            raise ValueError
        return parse_time(first), parse_time(last)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time range (HH:MM-HH:MM): {text!r}") from None


def _run_add(args: argparse.Namespace) -> int:
    kind = AppointmentKind(args.kind)
    has_time = args.start.time() != time(0) or args.start.tzinfo is not None
    if kind is AppointmentKind.FIXED and not args.all_day and not has_time:
        print("error: a fixed appointment needs a time: --start YYYY-MM-DDTHH:MM", file=sys.stderr)
        return 2
    request = AppointmentRequest(
        rep_name=args.rep, start=args.start, minutes=args.minutes, kind=kind,
        account_id=args.account or "", address=args.address or "", title=args.title,
        all_day=args.all_day, days=args.days, window=args.window,
    )  # fmt: skip

    def add(workspace: Workspace) -> None:
        appointment = add_appointment(workspace, request)
        print(f"added appointment {appointment.id}: {describe(appointment)}")

    return run_in_workspace(args, add)


def describe(appointment: Appointment) -> str:
    """One line: when, what kind, where."""
    start = appointment.start
    if appointment.all_day:
        days = f" for {appointment.days} days" if appointment.days > 1 else ""
        when = f"{start:%a %d %b %Y} all day{days}"
    elif appointment.kind is AppointmentKind.WEEK:
        when = f"week of {appointment.week_of():%d %b %Y}, {appointment.minutes} min"
    elif appointment.kind is AppointmentKind.DAY:
        window = ""
        if appointment.earliest or appointment.latest:
            first, last = appointment.earliest or time(0), appointment.latest or time(23, 59)
            window = f" starting {first:%H:%M}–{last:%H:%M}"
        when = f"{start:%a %d %b %Y}{window}, {appointment.minutes} min"
    else:
        when = f"{start:%a %d %b %Y %H:%M}, {appointment.minutes} min"
    where = appointment.address or appointment.account_key
    return f"{appointment.label} ({appointment.kind.value}) {when} at {where}"


def _run_list(args: argparse.Namespace) -> int:
    def show(workspace: Workspace) -> None:
        items = all_appointments(workspace, args.rep)
        if args.json:
            print(json.dumps([appointment_to_dict(a) for a in items], indent=1, ensure_ascii=False))
            return
        for a in items:
            print(f"{a.id}  {a.rep_name}: {describe(a)}")
        print(f"{len(items)} appointments")

    return run_in_workspace(args, show)


def _run_remove(args: argparse.Namespace) -> int:
    def remove(workspace: Workspace) -> None:
        gone = remove_appointment(workspace, args.id)
        print(f"removed appointment {gone.id}: {describe(gone)}")

    return run_in_workspace(args, remove)

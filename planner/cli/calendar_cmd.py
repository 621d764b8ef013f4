"""`territory-planner calendar add|list|remove|sync`: the rep's own calendars as input."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli.common import add_workspace_argument, iso_date, run_in_workspace
from planner.domain import DomainError
from planner.services.calendar_sources import add_source, all_sources, remove_source
from planner.services.calendar_sync import publish_week, sync_calendar
from planner.services.workspaces import Workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "calendar",
        help="the rep's calendars (.ics file, ICS URL, CalDAV): busy times the planner avoids",
        description="Events in the rep's calendars are planned around: busy time is never "
        "booked, and an event at an account (its address, its name, or its people's "
        "e-mail) is that account's visit this week, at the event's time.",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a calendar source")
    add.add_argument("source", help="an .ics file, an ICS URL (https://, webcal://) or a "
                     "CalDAV calendar URL")  # fmt: skip
    add.add_argument("--rep", required=True, metavar="NAME")
    add.add_argument("--kind", choices=("file", "ics", "caldav"),
                     help="what SOURCE is (default: a path is a file, webcal:// or a URL "
                     "ending in .ics is ICS, any other URL CalDAV)")  # fmt: skip
    add.add_argument("--user", default="", metavar="U", help="login for the server")
    add.add_argument("--password-file", default="", metavar="F",
                     help="file holding the password (read when needed, never stored)")  # fmt: skip
    add.add_argument("--all-day-off", action="store_true",
                     help="all-day events are days off (else they are ignored)")  # fmt: skip
    add.set_defaults(handler=_run_add)
    listing = sub.add_parser("list", help="list calendar sources")
    listing.add_argument("--rep", metavar="NAME", help="only this rep's")
    listing.set_defaults(handler=_run_list)
    remove = sub.add_parser("remove", help="remove a calendar source by its id")
    remove.add_argument("id")
    remove.set_defaults(handler=_run_remove)
    sync = sub.add_parser(
        "sync", help="read the rep's calendars again; take back their edits of published weeks"
    )
    sync.add_argument("--rep", required=True, metavar="NAME")
    sync.set_defaults(handler=_run_sync)
    publish = sub.add_parser("publish", help="publish a planned week to a CalDAV calendar "
                             "(and keep it in sync)")  # fmt: skip
    publish.add_argument("--rep", required=True, metavar="NAME")
    publish.add_argument("--week", required=True, type=iso_date, metavar="YYYY-MM-DD")
    publish.add_argument("--url", required=True, help="the CalDAV calendar's URL")
    publish.add_argument("--user", default="", metavar="U")
    publish.add_argument("--password-file", default="", metavar="F")
    publish.set_defaults(handler=_run_publish)
    for command in (add, listing, remove, sync, publish):
        add_workspace_argument(command)


def _run_add(args: argparse.Namespace) -> int:
    def add(workspace: Workspace) -> None:
        source, events = add_source(
            workspace, args.rep, args.source, kind=args.kind, user=args.user,
            password_file=args.password_file, all_day_off=args.all_day_off,
        )  # fmt: skip
        print(f"added calendar {source.id} ({source.label}): {events} events in the next weeks")

    return run_in_workspace(args, add)


def _run_list(args: argparse.Namespace) -> int:
    def show(workspace: Workspace) -> None:
        items = all_sources(workspace, args.rep)
        for s in items:
            login = f", user {s.user}" if s.user else ""
            days_off = ", all-day events are days off" if s.all_day_off else ""
            print(f"{s.id}  {s.rep_name}: {s.label}{login}{days_off}")
        print(f"{len(items)} calendar sources")

    return run_in_workspace(args, show)


def _run_remove(args: argparse.Namespace) -> int:
    def remove(workspace: Workspace) -> None:
        gone = remove_source(workspace, args.id)
        print(f"removed calendar {gone.id} ({gone.label})")

    return run_in_workspace(args, remove)


def _run_sync(args: argparse.Namespace) -> int:
    def sync(workspace: Workspace) -> None:
        lines = sync_calendar(workspace, args.rep)
        for line in lines:
            print(line)
        if any("sync stopped" in line for line in lines):
            raise DomainError("the sync did not complete (see above); run it again later")

    return run_in_workspace(args, sync)


def _run_publish(args: argparse.Namespace) -> int:
    def publish(workspace: Workspace) -> None:
        lines = publish_week(workspace, args.rep, args.week, url=args.url, user=args.user,
                             password_file=args.password_file)  # fmt: skip
        for line in lines:
            print(line)

    return run_in_workspace(args, publish)

"""`territory-planner workspace init|copy|add-user`: create, move and share workspaces."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from planner.cli.common import workspace_target
from planner.services.workspaces import (
    WorkspaceError,
    add_team_member,
    copy_between,
    init_workspace,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "workspace",
        help="create a workspace, copy one between a file and PostgreSQL, add team logins",
        description="A workspace is a SQLite file (one rep) or a PostgreSQL database shared "
        "by a team (postgresql://user[:password]@host:port/db; the password may also come "
        "from PGPASSWORD or ~/.pgpass).",
    )
    sub = parser.add_subparsers(dest="workspace_command", metavar="ACTION", required=True)
    init = sub.add_parser("init", help="create the workspace schema (or update it)")
    init.add_argument("target", type=workspace_target, metavar="PATH|URL")
    init.set_defaults(handler=_init)
    copy = sub.add_parser("copy", help="copy every row of SRC into a new file or empty database")
    copy.add_argument("source", type=workspace_target, metavar="SRC")
    copy.add_argument("target", type=workspace_target, metavar="DST")
    copy.set_defaults(handler=_copy)
    user = sub.add_parser(
        "add-user",
        help="let a PostgreSQL login use the team workspace as a manager or a rep",
        description="Run by the workspace's owner. Creates the login when new; the password "
        "is asked for on a terminal, read from standard input otherwise (--no-password keeps "
        "the login's current one).",
    )
    user.add_argument("url", metavar="URL")
    user.add_argument("login")
    user.add_argument("--role", choices=("manager", "rep"), required=True)
    user.add_argument("--rep", metavar="NAME", help="the rep this login plans for (role rep)")
    user.add_argument("--no-password", action="store_true", help="do not set a password")
    user.set_defaults(handler=_add_user)


def _init(args: argparse.Namespace) -> int:
    try:
        print(init_workspace(args.target))
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _copy(args: argparse.Namespace) -> int:
    try:
        counts = copy_between(args.source, args.target)
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{table} {n}" for table, n in counts.items() if n)
    print(f"copied {sum(counts.values())} rows ({rows or 'empty workspace'})")
    return 0


def _password(args: argparse.Namespace) -> str | None:
    if args.no_password:
        return None
    if sys.stdin.isatty():
        return getpass.getpass(f"password for {args.login}: ")
    return sys.stdin.readline().rstrip("\n")


def _add_user(args: argparse.Namespace) -> int:
    try:
        if args.role == "rep" and not args.rep:
            raise ValueError("a rep login needs --rep NAME (the rep it plans for)")
        print(add_team_member(args.url, args.login, args.role, args.rep, _password(args)))
    except (WorkspaceError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0

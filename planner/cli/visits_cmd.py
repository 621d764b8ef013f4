"""`territory-planner visits log|list`: call reports that keep cadence and value true."""

from __future__ import annotations

import argparse
import json
from typing import Any

from planner.cli.common import add_workspace_argument, iso_date, run_in_workspace
from planner.domain.calendar import Outcome
from planner.services.visit_log import log_visit, visit_reports
from planner.services.workspaces import Workspace


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "visits",
        help="log planned visits done or not done (outcome, notes); updates last-visit dates",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    log = sub.add_parser("log", help="log one visit")
    log.add_argument("--rep", required=True, metavar="NAME")
    log.add_argument("--account", required=True, metavar="ID", help="the account's CRM id")
    log.add_argument("--date", required=True, type=iso_date, metavar="YYYY-MM-DD")
    done = log.add_mutually_exclusive_group(required=True)
    done.add_argument("--done", action="store_true", help="the visit took place")
    done.add_argument("--not-done", action="store_true", help="it did not")
    log.add_argument("--outcome", choices=[o.value for o in Outcome if o is not Outcome.COMPLETED],
                     default=Outcome.RESCHEDULED.value,
                     help="with --not-done: why (default rescheduled)")  # fmt: skip
    log.add_argument("--notes", default="", help="what was discussed, next steps")
    log.set_defaults(handler=_run_log)
    listing = sub.add_parser("list", help="list logged visits")
    listing.add_argument("--rep", metavar="NAME")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_run_list)
    for command in (log, listing):
        add_workspace_argument(command)


def _run_log(args: argparse.Namespace) -> int:
    outcome = Outcome.COMPLETED if args.done else Outcome(args.outcome)

    def log(workspace: Workspace) -> None:
        report, effect = log_visit(workspace, args.rep, args.account, args.date,
                                   outcome=outcome, notes=args.notes)  # fmt: skip
        state = "done" if report.done else f"not done ({report.outcome.value})"
        print(f"{report.name}, {report.day:%a %d %b %Y}: {state}; {effect}")

    return run_in_workspace(args, log)


def _run_list(args: argparse.Namespace) -> int:
    def show(workspace: Workspace) -> None:
        reports = visit_reports(workspace, args.rep)
        if args.json:
            rows = [{"rep": r.rep_name, "account_id": r.account_id, "name": r.name,
                     "date": r.day.isoformat(), "done": r.done, "outcome": r.outcome.value,
                     "notes": r.notes} for r in reports]  # fmt: skip
            print(json.dumps(rows, indent=1, ensure_ascii=False))
            return
        for r in reports:
            print(f"{r.day.isoformat()}  {r.rep_name}: {r.name} — {r.outcome.value}"
                  f"{': ' + r.notes if r.notes else ''}")  # fmt: skip
        print(f"{len(reports)} visits logged")

    return run_in_workspace(args, show)

"""`territory-planner plan --team`: every rep's week at once, as Dask tasks."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from planner.cli.common import open_workspace, progress_bar, workspace_path
from planner.domain import DomainError
from planner.domain.formats import Formats, environment_locale
from planner.domain.units import Money
from planner.services.plan_team import TeamJob, TeamPlanError, plan_team, resolve_target, team_reps
from planner.services.plan_week import WeekParams
from planner.services.workspaces import WorkspaceError


def add_team_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("whole team (Dask)")
    group.add_argument("--team", action="store_true",
                       help="plan every rep's week (or --reps) at once, one Dask task per rep; "
                       "each plan is stored in its own transaction")  # fmt: skip
    group.add_argument("--reps", metavar="A,B", help="with --team: only these reps")
    group.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="with --team: an existing Dask scheduler "
                       "(default: a local cluster)")  # fmt: skip
    group.add_argument("--workers", type=int, metavar="N",
                       help="with --team, no --scheduler: local worker processes "
                       "(default: one per core, at most one per rep)")  # fmt: skip


def run_team(args: argparse.Namespace, params: WeekParams) -> int:
    if args.rep:
        print("error: --rep plans one rep; with --team use --reps A,B", file=sys.stderr)
        return 2
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    wanted = [n.strip() for n in args.reps.split(",") if n.strip()] if args.reps else None
    try:
        with workspace:
            reps = team_reps(workspace, wanted)
        job = TeamJob(resolve_target(workspace_path(args)), args.week, args.days, params)
        with progress_bar(f"planning {len(reps)} reps") as bar:
            plans = plan_team(job, reps, scheduler=args.scheduler, workers=args.workers,
                              progress=bar, on_done=_print_done)  # fmt: skip
    except (DomainError, WorkspaceError, TeamPlanError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(plans, indent=2, ensure_ascii=False))
    else:
        print("\n".join(format_team(plans)))
    return 0


def _print_done(rep: str, plan: dict[str, Any]) -> None:
    totals = plan["totals"]
    print(f"{rep}: planned, {totals['visits']} visits, saved", file=sys.stderr, flush=True)


def _money(data: dict[str, Any] | None, f: Formats) -> str:
    return "–" if data is None else f.money(Money(data["cents"], data["currency"]))


def format_team(plans: list[dict[str, Any]], locale: str | None = None) -> list[str]:
    """One line per rep: visits, km, driving, cost, value, net."""
    f = Formats(locale or environment_locale())
    lines = [f"{'rep':<24} {'visits':>6} {'km':>7} {'driving h':>9} {'cost':>14} "
             f"{'value':>14} {'net':>14}"]  # fmt: skip
    for plan in plans:
        totals = plan["totals"]
        km = totals["distance_m"] / 1000
        hours = totals["driving_s"] / 3600
        cost, value, net = (_money(totals[k], f) for k in ("cost", "value", "net"))
        lines.append(
            f"{plan['rep_name'][:24]:<24} {totals['visits']:>6} {km:>7.0f} {hours:>9.1f} "
            f"{cost:>14} {value:>14} {net:>14}"
        )
    return lines

"""`territory-planner plan --week YYYY-MM-DD`: plan one rep's week and explain it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from planner.cli.common import add_workspace_argument, iso_date, open_workspace, progress_bar
from planner.cli.team_plan_cmd import add_team_arguments, run_team
from planner.domain import DayPlan, DomainError, WeekPlan
from planner.domain.deadline import Deadline
from planner.domain.units import hours, km
from planner.io.workspace import WorkspaceError
from planner.services.plan_week import WeekOutcome, WeekParams, plan_in_workspace, plan_json
from planner.services.travel import workspace_travel_model
from planner.travel import TravelError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="plan a rep's week: visits, routes, costs, remote list and explanations",
        description="Choose which accounts deserve a trip this week, in which order and on "
        "which day, at what cost; the rest go to a remote list with the reason in money. "
        "A plan already stored for that week is re-planned around its locked visits. "
        "The plan is saved in the workspace.",
    )
    parser.add_argument("--week", required=True, type=iso_date, metavar="YYYY-MM-DD",
                        help="first day of the week to plan")  # fmt: skip
    parser.add_argument("--rep", metavar="NAME", help="rep to plan for (default: the first)")
    parser.add_argument("--days", type=int, metavar="N", help="number of working days")
    parser.add_argument("--time-limit", type=float, default=10.0, metavar="S",
                        help="planning time in seconds, from when the week's accounts and "
                        "travel times are loaded (default 10)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=0, metavar="N", help="random seed")
    parser.add_argument("--iterations", type=int, metavar="N",
                        help="stop the solver after N iterations: with --seed, the same plan "
                        "every run (the time limit still caps it)")  # fmt: skip
    parser.add_argument("--no-overnight", action="store_true", help="never plan a hotel night")
    parser.add_argument("--reshuffle", action="store_true",
                        help="when re-planning a stored week, let unlocked visits change day "
                        "(by default they keep their day)")  # fmt: skip
    parser.add_argument("--all-accounts", action="store_true",
                        help="plan every account of the workspace, not only the rep's own "
                        "(saved territory, else CRM owner)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    add_team_arguments(parser)
    add_workspace_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        params = WeekParams(
            time_limit_s=args.time_limit,
            seed=args.seed,
            max_iterations=args.iterations,
            overnight=not args.no_overnight,
            keep_days=not args.reshuffle,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.team:
        return run_team(args, params)
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    try:
        with workspace, progress_bar("planning the week") as bar:
            travel_model = workspace_travel_model(workspace)
            outcome = plan_in_workspace(
                workspace, args.rep, args.week, args.days, travel_model, params=params,
                progress=bar, deadline=Deadline.after(params.time_limit_s),
                everyone=args.all_accounts,
            )  # fmt: skip
    except (DomainError, TravelError, ValueError, WorkspaceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(plan_json(outcome), indent=2, ensure_ascii=False))
    else:
        print("\n".join(format_plan(outcome)))
    return 0


def format_plan(outcome: WeekOutcome) -> list[str]:
    """The itinerary, then why every account is in, remote or excluded, and notes."""
    plan = outcome.plan
    lines = format_itinerary(plan)
    lines += ["", "Why in the plan:"] + [f"  {d.name}: {d.reason}" for d in plan.planned]
    lines += ["", "Serve remotely:"] + [f"  {d.name}: {d.reason}" for d in plan.remote]
    lines += ["", "Excluded:"] + [f"  {d.name}: {d.reason}" for d in plan.excluded]
    if plan.notes:
        lines += ["", "Notes:"] + [f"  {n}" for n in plan.notes]
    return lines


def format_itinerary(plan: WeekPlan) -> list[str]:
    """Day by day: departure, visits with lunch in place, return, nights; week totals."""
    lines = [f"Week of {plan.week_start:%a %d %b %Y} for {plan.rep_name}", ""]
    for day in plan.days:
        lines.append(
            f"{day.day:%a %d %b}: {len(day.visits)} visits, {km(day.distance_m):.0f} km, "
            f"{hours(day.driving_s):.1f} h driving, cost {day.cost(plan.currency)}, "
            f"value {day.value(plan.currency)}"
        )
        if day.legs and day.legs[0].departure is not None:
            lines.append(f"  {day.legs[0].departure:%H:%M} leave {day.start.name}")
        for i, (visit, leg) in enumerate(zip(day.visits, day.legs, strict=False)):
            if i == day.lunch_after:
                lines.append(_lunch_line(day))
            lines.append(
                f"  {visit.arrival:%H:%M}–{visit.departure:%H:%M} {visit.name} "
                f"(value {visit.value}; {km(leg.distance_m):.0f} km, {leg.cost} to get there)"
            )
        if day.lunch_after == len(day.visits):
            lines.append(_lunch_line(day))
        if day.visits:
            lines.append(f"  back at {day.end.name} ({day.end.kind})")
        if day.hotel_cost is not None:
            lines.append(f"  night at {day.end.name}: {day.hotel_cost}")
    return lines + _totals(plan)


def _lunch_line(day: DayPlan) -> str:
    assert day.lunch is not None
    return f"  {day.lunch.start:%H:%M}–{day.lunch.end:%H:%M} lunch break"


def _totals(plan: WeekPlan) -> list[str]:
    distance = km(plan.distance_m)
    per_km = f", {plan.value.scaled(1 / distance)} value per km" if distance else ""
    return [
        "",
        f"Week: {len(plan.visits())} visits, value {plan.value}, cost {plan.cost}, "
        f"net {plan.value - plan.cost}, {distance:.0f} km, "
        f"{hours(plan.driving_s):.1f} h driving{per_km}",
    ]

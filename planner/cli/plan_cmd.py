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
from planner.domain.formats import Formats, environment_locale
from planner.domain.i18n import Translator
from planner.domain.reasons import translate_reason
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


def format_plan(outcome: WeekOutcome, locale: str | None = None) -> list[str]:
    """The itinerary, then why every account is in, remote or excluded, and notes."""
    plan = outcome.plan
    locale = locale or environment_locale()
    t = Translator(locale)
    lines = format_itinerary(plan, locale)
    for title, decisions in (
        (t("Why in the plan:"), plan.planned),
        (t("Serve remotely:"), plan.remote),
        (t("Excluded:"), plan.excluded),
    ):
        lines += ["", title] + [
            f"  {d.name}: {translate_reason(d.reason, locale)}" for d in decisions
        ]
    if plan.notes:
        lines += ["", t("Notes:")] + [f"  {n}" for n in plan.notes]
    return lines


def format_itinerary(plan: WeekPlan, locale: str | None = None) -> list[str]:
    """Day by day: departure, visits with lunch in place, return, nights; week totals.

    In the locale's language and number format (the environment's by default).
    """
    locale = locale or environment_locale()
    t, f = Translator(locale), Formats(locale)
    week = f.long_date(plan.week_start)
    lines = [t("Week of {date} for {rep}", date=week, rep=plan.rep_name), ""]
    for day in plan.days:
        lines.append(t(
            "{day}: {n} visits, {distance}, {driving} driving, cost {cost}, value {value}",
            day=f.day(day.day), n=len(day.visits), distance=f.distance(day.distance_m, 0),
            driving=f.duration(day.driving_s), cost=f.money(day.cost(plan.currency)),
            value=f.money(day.value(plan.currency)),
        ))  # fmt: skip
        lines.extend(_day_lines(day, t, f))
    return lines + _totals(plan, t, f)


def _day_lines(day: DayPlan, t: Translator, f: Formats) -> list[str]:
    lines = []
    if day.legs and day.legs[0].departure is not None:
        lines.append(t("  {time} leave {place}", time=f"{day.legs[0].departure:%H:%M}",
                       place=day.start.name))  # fmt: skip
    for i, (visit, leg) in enumerate(zip(day.visits, day.legs, strict=False)):
        if i == day.lunch_after:
            lines.append(_lunch_line(day, t))
        lines.append(t(
            "  {start}–{end} {name} (value {value}; {distance}, {cost} to get there)",
            start=f"{visit.arrival:%H:%M}", end=f"{visit.departure:%H:%M}", name=visit.name,
            value=f.money(visit.value), distance=f.distance(leg.distance_m, 0),
            cost=f.money(leg.cost),
        ))  # fmt: skip
    if day.lunch_after == len(day.visits):
        lines.append(_lunch_line(day, t))
    if day.visits:
        lines.append(t("  back at {place} ({kind})", place=day.end.name, kind=t(day.end.kind)))
    if day.hotel_cost is not None:
        lines.append(t("  night at {place}: {cost}", place=day.end.name,
                       cost=f.money(day.hotel_cost)))  # fmt: skip
    return lines


def _lunch_line(day: DayPlan, t: Translator) -> str:
    assert day.lunch is not None
    return t("  {start}–{end} lunch break", start=f"{day.lunch.start:%H:%M}",
             end=f"{day.lunch.end:%H:%M}")  # fmt: skip


def _totals(plan: WeekPlan, t: Translator, f: Formats) -> list[str]:
    per_unit = ""
    if plan.distance_m:
        per = f.money(f.per_distance(plan.value, plan.distance_m))
        per_unit = t(", {money} value per {unit}", money=per, unit=f.distance_unit)
    return [
        "",
        t(
            "Week: {n} visits, value {value}, cost {cost}, net {net}, {distance}, "
            "{driving} driving{per_unit}",
            n=len(plan.visits()), value=f.money(plan.value), cost=f.money(plan.cost),
            net=f.money(plan.value - plan.cost), distance=f.distance(plan.distance_m, 0),
            driving=f.duration(plan.driving_s), per_unit=per_unit,
        ),
    ]  # fmt: skip

"""`territory-planner plan --week YYYY-MM-DD`: plan one rep's week and explain it."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from typing import Any

from planner.cli.common import add_workspace_argument, iso_date, open_workspace, progress_bar
from planner.cli.slots_cmd import add_arguments as add_slot_arguments
from planner.cli.slots_cmd import run_slots
from planner.cli.team_plan_cmd import add_team_arguments, run_team
from planner.domain import DayPlan, DomainError, WeekPlan
from planner.domain.deadline import Deadline
from planner.domain.formats import Formats, environment_locale
from planner.domain.i18n import Translator
from planner.domain.reasons import translate_reason
from planner.services.check_roads import check_roads, report_lines
from planner.services.plan_week import WeekOutcome, WeekParams, plan_in_workspace, plan_json
from planner.services.plan_weeks import MAX_WEEKS, plan_weeks_in_workspace
from planner.services.travel import TravelError, workspace_travel_model

LIST_LIMIT = 40  # lines per list in the text report (a 25,000-account workspace has 24,000)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="plan a rep's week: visits, routes, costs, remote list and explanations",
        description="Choose which accounts deserve a trip this week, in which order and on "
        "which day, at what cost; the rest go to a remote list with the reason in money. "
        "A plan already stored for that week is re-planned around its locked visits. "
        "The plan is saved in the workspace.",
    )
    parser.add_argument("action", nargs="?", choices=["slots"],
                        help="slots: find the best times for one account's visit (this week "
                        "or next, ranked by added travel and what they push out)")  # fmt: skip
    parser.add_argument("--week", type=iso_date, metavar="YYYY-MM-DD",
                        help="first day of the week to plan (required unless slots)")  # fmt: skip
    add_slot_arguments(parser)
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
    parser.add_argument("--weeks", type=int, default=1, metavar="N",
                        help="plan N consecutive weeks (1-4) from --week, cadences met across "
                        "them; --time-limit applies to each week; with --json and N > 1 "
                        'prints {"weeks": [...]}')  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.add_argument("--full", action="store_true",
                        help=f"list every account of the remote and excluded lists and every "
                        f"note (the text shows the first {LIST_LIMIT} of each)")  # fmt: skip
    add_team_arguments(parser)
    parser.add_argument("--check-roads", action="store_true",
                        help="do not plan: re-time the plan stored for that week on the roads "
                        "of your regions and list late arrivals, missed opening hours and "
                        "overtime, with minutes")  # fmt: skip
    add_workspace_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.action == "slots":
        return run_slots(args)
    if args.week is None:
        print("error: --week is required to plan", file=sys.stderr)
        return 2
    if args.check_roads:
        return run_check_roads(args)
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
    if not 1 <= args.weeks <= MAX_WEEKS:
        print(f"error: --weeks must be 1–{MAX_WEEKS}, got {args.weeks}", file=sys.stderr)
        return 2
    if args.weeks > 1:
        return run_weeks(args, params)
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
    except (DomainError, TravelError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(plan_json(outcome), indent=2, ensure_ascii=False))
    else:
        print("\n".join(format_plan(outcome, limit=None if args.full else LIST_LIMIT)))
    return 0


def run_weeks(args: argparse.Namespace, params: WeekParams) -> int:
    """`plan --weeks N` with N > 1: the weeks in order, each stored, printed one by one."""
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    try:
        with workspace, progress_bar(f"planning {args.weeks} weeks") as bar:
            outcomes = plan_weeks_in_workspace(
                workspace, args.rep, args.week, workspace_travel_model(workspace),
                weeks=args.weeks, days=args.days, params=params, progress=bar,
                everyone=args.all_accounts,
            )  # fmt: skip
    except (DomainError, TravelError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        data = {"weeks": [plan_json(o) for o in outcomes]}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        limit = None if args.full else LIST_LIMIT
        print("\n\n".join("\n".join(format_plan(o, limit=limit)) for o in outcomes))
    return 0


def format_plan(
    outcome: WeekOutcome, locale: str | None = None, limit: int | None = None
) -> list[str]:
    """The itinerary, then why every account is in, remote or excluded, and notes; with a
    `limit`, the remote and excluded lists and the notes stop after that many lines and
    say how many more there are."""
    plan = outcome.plan
    locale = locale or environment_locale()
    t, f = Translator(locale), Formats(locale)
    lines = format_itinerary(plan, locale)
    for title, decisions, cut in (
        (t("Why in the plan:"), plan.planned, None),
        (t("Serve remotely:"), plan.remote, limit),
        (t("Excluded:"), plan.excluded, limit),
    ):
        items = [f"  {d.name}: {translate_reason(d.reason, locale)}" for d in decisions]
        lines += ["", title, *_at_most(items, cut, t, f)]
    if plan.conflicts:
        lines += ["", t("Conflicts:")] + [f"  {c}" for c in plan.conflicts]
    if plan.notes:
        notes = [f"  {translate_reason(n, locale)}" for n in plan.notes]
        lines += ["", t("Notes:"), *_at_most(notes, limit, t, f)]
    return lines


def _at_most(lines: list[str], limit: int | None, t: Translator, f: Formats) -> list[str]:
    if limit is None or len(lines) <= limit:
        return lines
    more = f.number(len(lines) - limit)
    hint = t("… and {count} more (--full or --json lists them all)", count=more)
    return [*lines[:limit], f"  {hint}"]


def format_itinerary(plan: WeekPlan, locale: str | None = None) -> list[str]:
    """Day by day: departure, visits with lunch in place, return, nights; week totals.

    In the locale's language and number format (the environment's by default).
    """
    locale = locale or environment_locale()
    t, f = Translator(locale), Formats(locale)
    week = f.long_date(plan.week_start)
    lines = [t("Week of {date} for {rep}", date=week, rep=plan.rep_name), ""]
    closed = {c.day: c.reason for c in plan.closed}
    for day in plan.days:
        lines += [_closed_line(d, closed.pop(d), t, f) for d in sorted(closed) if d < day.day]
        lines.append(t(
            "{day}: {n} visits, {distance}, {driving} driving, cost {cost}, value {value}",
            day=f.day(day.day), n=len(day.visits), distance=f.distance(day.distance_m, 0),
            driving=f.duration(day.driving_s), cost=f.money(day.cost(plan.currency)),
            value=f.money(day.value(plan.currency)),
        ))  # fmt: skip
        lines.extend(_day_lines(day, t, f))
    lines += [_closed_line(d, reason, t, f) for d, reason in sorted(closed.items())]
    return lines + _totals(plan, t, f)


def _closed_line(day: date, reason: str, t: Translator, f: Formats) -> str:
    """A holiday or a day off: no visits, and why."""
    return t("{day}: closed ({reason})", day=f.day(day), reason=reason)


def _day_lines(day: DayPlan, t: Translator, f: Formats) -> list[str]:
    lines = []
    if day.legs and day.legs[0].departure is not None:
        lines.append(t("  {time} leave {place}", time=f"{day.legs[0].departure:%H:%M}",
                       place=day.start.name))  # fmt: skip
    for i, (visit, leg) in enumerate(zip(day.visits, day.legs, strict=False)):
        if i == day.lunch_after:
            lines.append(_lunch_line(day, t))
        name = t("{name} [fixed appointment]", name=visit.name) if visit.fixed else visit.name
        lines.append(t(
            "  {start}–{end} {name} (value {value}; {distance}, {cost} to get there)",
            start=f"{visit.arrival:%H:%M}", end=f"{visit.departure:%H:%M}", name=name,
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


def run_check_roads(args: argparse.Namespace) -> int:
    """`plan --week W --check-roads`: the stored plan re-timed on roads."""
    workspace = open_workspace(args)
    if workspace is None:
        return 1
    try:
        with workspace:
            plan, result = check_roads(workspace, args.rep, args.week)
    except (DomainError, TravelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        data = {
            "rep": plan.rep_name,
            "week": plan.week_start.isoformat(),
            "issues": [asdict(i) for i in result.issues],
            "planned_driving_s": result.planned_driving_s,
            "road_driving_s": result.road_driving_s,
            "notes": list(result.notes),
        }
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        print("\n".join(report_lines(plan, result)))
    return 0

"""Use case: re-time a stored week plan on the roads of the user's regions and list
every late arrival, missed opening window, overtime and driving over the limit."""

from __future__ import annotations

from datetime import date

from planner.domain.errors import DomainError
from planner.domain.plan import WeekPlan
from planner.io.regions import RegionStore
from planner.io.workspace import Workspace
from planner.optimise.week.retime import Retimed, retime_plan
from planner.services.travel import town_pins, workspace_roads_model
from planner.travel.model import TravelModel
from planner.travel.town_pins import TownPinModel


def check_roads(
    workspace: Workspace,
    rep_name: str | None,
    week_start: date,
    store: RegionStore | None = None,
) -> tuple[WeekPlan, Retimed]:
    """The stored plan and its re-timing on roads; DomainError says what is missing."""
    reps = workspace.reps()
    rep = next((r for r in reps if rep_name in (None, r.name)), None)
    if rep is None:
        raise DomainError(f"no rep named {rep_name!r} in the workspace" if rep_name else
                          "the workspace has no reps")  # fmt: skip
    plan = workspace.load_plan(rep.name, week_start)
    if plan is None:
        raise DomainError(
            f"no plan stored for {rep.name} in the week of {week_start}: run `plan` first"
        )
    roads = workspace_roads_model(workspace, store or RegionStore())
    if roads is None:
        raise DomainError("no region to time the plan on: add one with `region add SOURCE`")
    accounts = workspace.accounts()
    visited = {v.account_key for v in plan.visits()}
    located = [a.location for a in accounts if a.key in visited and a.location is not None]
    if located and not any(roads.region_of(p) for p in located):
        names = ", ".join(r.name for r in roads.regions)
        raise DomainError(
            f"no region covers the plan's accounts (regions: {names}); add the region "
            "where they are with `region add`"
        )
    pins = town_pins(accounts)
    model: TravelModel = TownPinModel(roads, pins, roads.fallback.params) if pins else roads
    return plan, retime_plan(plan, accounts, rep, model)


def report_lines(plan: WeekPlan, result: Retimed) -> list[str]:
    """The re-timing report, one line per problem, then a one-line verdict."""
    lines = [f"Week of {plan.week_start} for {plan.rep_name}, re-timed on roads:"]
    lines += [f"  {i.day} {i.kind:<8} {i.minutes:>4} min  {i.text}" for i in result.issues]
    lines += [f"  note: {n}" for n in result.notes]
    planned, road = result.planned_driving_s / 3600, result.road_driving_s / 3600
    lines.append(
        f"{result.count('late')} late arrivals, {result.count('window')} missed windows, "
        f"overtime on {result.count('overtime')} day(s), over the driving limit on "
        f"{result.count('driving')} day(s); driving {planned:.1f} h planned, {road:.1f} h on roads"
    )
    return lines

"""Use case: plan one rep's week — value the accounts, route the days, explain everything.

The planning itself is `planner.optimise.week.orchestrate.optimise_week`; this service
adds the workspace (the rep, their territory, the stored plan's locks) and the JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from planner.domain.account import Account
from planner.domain.calendar import ClosedDay, WeekCalendar
from planner.domain.deadline import Deadline
from planner.domain.errors import DomainError
from planner.domain.plan import DayPlan, Lock, WeekPlan
from planner.domain.progress import CancelToken, ProgressReporter
from planner.domain.rep import Rep
from planner.io.codec import money_to_dict, week_plan_to_dict
from planner.io.workspace import Workspace
from planner.optimise.priorities import ValueParams
from planner.optimise.week.locks import LockSpec
from planner.optimise.week.orchestrate import WeekOutcome, WeekRequest, optimise_week
from planner.optimise.week.planner import WeekParams
from planner.services.calendar_week import week_calendar
from planner.services.currencies import in_currency, load_rates
from planner.services.rep_scope import RepScope, rep_scope
from planner.services.road_legs import with_road_legs
from planner.services.valuation import values_for_replan
from planner.services.value_settings import load_value_params
from planner.services.visit_history import earlier_plans, with_planned_visits
from planner.travel.model import TravelModel

__all__ = ["WeekOutcome", "WeekParams", "plan_in_workspace", "plan_json", "plan_week"]


def plan_week(
    accounts: Sequence[Account],
    rep: Rep,
    week_start: date,
    days: int | None,
    travel_model: TravelModel,
    *,
    params: WeekParams | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    locks: Sequence[LockSpec] = (),
    previous: WeekPlan | None = None,
    values: ValueParams | None = None,
    deadline: Deadline | None = None,
    calendar: WeekCalendar | None = None,
) -> WeekPlan:
    request = WeekRequest(
        accounts, rep, week_start, days, travel_model, locks, previous, values, calendar
    )
    return optimise_week(request, params, progress, cancel, deadline).plan


def locks_from_plan(plan: WeekPlan, *, appointments: bool = True) -> list[LockSpec]:
    """The locks the user set on a stored plan's visits; with `appointments=False` not
    those of visits that keep an appointment (re-read from the calendar instead)."""
    out = []
    for day in plan.days:
        for v in day.visits:
            if v.appointment_id and not appointments:
                continue
            if v.lock is Lock.IN_PLAN:
                out.append(LockSpec.keep(v.account_key))
            elif v.lock is Lock.DAY:
                out.append(LockSpec.on_day(v.account_key, day.day))
            elif v.lock is Lock.TIME:
                out.append(LockSpec.at(v.account_key, v.arrival))
    return out


@dataclass(frozen=True)
class PlanningAccounts:
    """The accounts a rep's week is planned from, as the planner sees them."""

    accounts: list[Account]  # the rep's own (or all), booked ones, in the rep's currency
    scope: RepScope
    converted: str  # a note on amounts converted to the rep's currency, or ""
    every: int  # accounts in the workspace


def planning_accounts(
    workspace: Workspace,
    rep: Rep,
    week_start: date,
    calendar: WeekCalendar,
    *,
    everyone: bool = False,
    every: Sequence[Account] | None = None,
) -> PlanningAccounts:
    """The rep's own accounts (`planner.services.rep_scope`; all with `everyone`) and any
    with an appointment in the week, with visits in the rep's earlier stored plans as
    their last visits, amounts in the rep's currency. Planning and hand edits both start
    from these. `every`: the workspace's accounts when the caller has them loaded."""
    every = workspace.accounts() if every is None else every
    scope = rep_scope(every, rep, workspace.reps(), workspace.territories(), everyone=everyone)
    accounts = list(scope.accounts)
    booked = {a.account_key for a in calendar.appointments} - {a.key for a in accounts}
    accounts += [a for a in every if a.key in booked]  # booked: in, the rep's own or not
    accounts = with_planned_visits(accounts, earlier_plans(workspace, rep.name, week_start))
    accounts, converted = in_currency(accounts, rep.currency, load_rates(workspace))
    return PlanningAccounts(accounts, scope, converted, len(every))


def plan_in_workspace(
    workspace: Workspace,
    rep_name: str | None,
    week_start: date,
    days: int | None,
    travel_model: TravelModel,
    *,
    params: WeekParams | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    deadline: Deadline | None = None,
    everyone: bool = False,
    save: bool = True,
) -> WeekOutcome:
    """Plan the rep's week from the workspace and store it (unless not `save`).

    The rep's own accounts are planned (`planner.services.rep_scope`: saved territory,
    else CRM owner), every account with `everyone`. Visits in the rep's plans stored for
    earlier weeks count as the accounts' last visits (cadences across weeks). A plan
    already stored for that week is re-planned: its locks are kept and it warm-starts the solver.
    `deadline` bounds the planning; by default `params.time_limit_s` does.
    """
    reps = workspace.reps()
    if not reps:
        raise DomainError("the workspace has no reps: import one with `territory-planner reps`")
    rep = next((r for r in reps if r.name == rep_name), None) if rep_name else reps[0]
    if rep is None:
        names = ", ".join(r.name for r in reps)
        raise DomainError(f"no rep named {rep_name!r} in the workspace (known: {names})")
    calendar = week_calendar(workspace, rep, week_start)
    scoped = planning_accounts(workspace, rep, week_start, calendar, everyone=everyone)
    accounts, scope, converted = scoped.accounts, scoped.scope, scoped.converted
    every = scoped.every
    previous = workspace.load_plan(rep.name, week_start)
    locks = locks_from_plan(previous, appointments=False) if previous is not None else []
    values = values_for_replan(previous, load_value_params(workspace))
    request = WeekRequest(
        accounts, rep, week_start, days, travel_model, locks, previous, values, calendar
    )
    outcome = optimise_week(request, params, progress, cancel, deadline)
    notes = tuple(n for n in (scope.left_out_note(every), converted) if n)
    if notes:
        outcome = replace(outcome, plan=replace(outcome.plan, notes=(*notes, *outcome.plan.notes)))
    outcome = replace(outcome, plan=with_road_legs(outcome.plan, accounts, travel_model))
    if save:
        workspace.save_plan(outcome.plan)
    return outcome


def _day_totals(day: DayPlan, currency: str) -> dict[str, Any]:
    return {
        "value": money_to_dict(day.value(currency)),
        "distance_m": day.distance_m,
        "driving_s": day.driving_s,
        "cost": money_to_dict(day.cost(currency)),
        "visits": len(day.visits),
    }


def _closed_day(closed: ClosedDay) -> dict[str, Any]:
    return {"date": closed.day.isoformat(), "visits": [], "legs": [], "closed": closed.reason}


def _by_date(day: dict[str, Any]) -> str:
    return str(day["date"])


def plan_json(outcome: WeekOutcome) -> dict[str, Any]:
    """Everything about the plan, for scripts (the `--json` output of `plan`)."""
    plan = outcome.plan
    data = week_plan_to_dict(plan)
    for day_data, day in zip(data["days"], plan.days, strict=True):
        day_data["totals"] = _day_totals(day, plan.currency)
        day_data["closed"] = None
    data["days"] = sorted(data["days"] + [_closed_day(c) for c in plan.closed], key=_by_date)
    km = plan.distance_m / 1000
    data["totals"] = {
        "value": money_to_dict(plan.value),
        "distance_m": plan.distance_m,
        "driving_s": plan.driving_s,
        "cost": money_to_dict(plan.cost),
        "net": money_to_dict(plan.value - plan.cost),
        "value_per_km": money_to_dict(plan.value.scaled(1 / km)) if km else None,
        "visits": len(plan.visits()),
    }
    stays = outcome.stays
    data["overnight"] = None
    if stays is not None:
        data["overnight"] = {
            "chosen": stays.chosen,
            "options": [
                {
                    "label": o.label,
                    "nights": [outcome.problem.days[n].day.isoformat() for n in o.nights],
                    "value": money_to_dict(o.value),
                    "travel": money_to_dict(o.travel),
                    "hotel": money_to_dict(o.hotel),
                    "net": money_to_dict(o.net),
                    "distance_m": o.distance_m,
                    "driving_s": o.driving_s,
                }
                for o in stays.options
            ],
        }
    return data

"""Use case: find a suitable slot for one account, this week or next.

Every position in every open day of the stored plan (or of an empty week when none is
stored) is tried with the planner's own exact timing (opening hours, working hours and
the rep's calendar, lunch, driving limit). A slot that fits as the day stands costs its
detour; where the day is full, the visits worth least are taken out until it fits, and
the slot says which (its price is what it pushes out). Slots are ranked by the value
they push out, then by the travel they add.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from planner.domain.account import Account
from planner.domain.errors import DomainError
from planner.domain.plan import WeekPlan, week_to_plan
from planner.domain.rep import Rep
from planner.domain.units import Money
from planner.io.workspace import Workspace
from planner.optimise.week.build import build_week_problem
from planner.optimise.week.insertion import Routes, route_cost, time_day
from planner.optimise.week.problem import WeekProblem
from planner.services.calendar_week import find_account, find_rep, week_calendar
from planner.services.rep_scope import rep_scope
from planner.services.travel import workspace_travel_model


@dataclass(frozen=True)
class Slot:
    arrival: datetime  # local time the meeting would start
    added_cost: Money  # the detour's travel cost
    pushes_out: tuple[str, ...] = ()  # visits that would leave the day
    pushed_value: Money | None = None

    @property
    def day(self) -> date:
        return self.arrival.date()


def find_slots(
    workspace: Workspace, rep_name: str, account_id: str, week: date | None = None, count: int = 5
) -> list[Slot]:
    if count <= 0:
        raise DomainError("the number of slots must be positive")
    rep = find_rep(workspace, rep_name)
    account = find_account(workspace, account_id)
    if account.location is None:
        raise DomainError(f"{account.name} has no location yet: geocode it first")
    first = week or week_to_plan(date.today())
    first -= timedelta(days=first.weekday())
    every = workspace.accounts()
    scope = rep_scope(every, rep, workspace.reps(), workspace.territories())
    accounts = [a for a in every if a.key in scope.keys or a.key == account.key]
    slots: list[Slot] = []
    for monday in (first, first + timedelta(days=7)):
        slots += _week_slots(workspace, rep, accounts, account.key, monday)
    zero = Money.zero(rep.currency)
    slots.sort(key=lambda s: ((s.pushed_value or zero).cents, s.added_cost.cents, s.arrival))
    return slots[:count]


def _week_slots(
    workspace: Workspace, rep: Rep, accounts: Sequence[Account], key: str, monday: date
) -> list[Slot]:
    plan = workspace.load_plan(rep.name, monday)
    days = len(plan.days) + len(plan.closed) if plan else None
    problem, _ = build_week_problem(
        accounts, rep, monday, days, workspace_travel_model(workspace), locks=(), values=None,
        calendar=week_calendar(workspace, rep, monday),
    )  # fmt: skip
    index = {c.key: i for i, c in enumerate(problem.candidates)}
    if key not in index:
        raise DomainError("the account cannot be planned this week (excluded or unreachable)")
    routes = _routes(problem, plan, index, key)
    out: list[Slot] = []
    for day in sorted({w.day for w in problem.candidates[index[key]].windows}):
        out += _day_slots(problem, routes, day, index[key])
    return out


def _routes(problem: WeekProblem, plan: WeekPlan | None, index: dict[str, int], key: str) -> Routes:
    by_date = {d.day: d for d in plan.days} if plan else {}
    routes: Routes = []
    for spec in problem.days:
        day = by_date.get(spec.day)
        visits = day.visits if day else ()
        routes.append([index[v.account_key] for v in visits
                       if v.account_key in index and v.account_key != key])  # fmt: skip
    return routes


def _day_slots(problem: WeekProblem, routes: Routes, day: int, cand: int) -> list[Slot]:
    """Every fitting position of the day; else the one after pushing out the least."""
    base = list(routes[day])
    cur = problem.rep.currency
    pushed: list[int] = []
    while True:
        found = []
        for pos in range(len(base) + 1):
            trial = [*base[:pos], cand, *base[pos:]]
            timeline = time_day(problem, day, trial)
            if timeline is not None:
                added = route_cost(problem, day, trial) - route_cost(problem, day, base)
                arrival = problem.to_datetime(timeline.arrivals[pos])
                found.append((arrival, Money(added, cur)))
        if found:
            names = tuple(problem.candidates[c].account.name for c in pushed)
            value = Money(sum(problem.candidates[c].prize for c in pushed), cur)
            return [Slot(a, m, names, value if pushed else None) for a, m in found]
        optional = [k for k, c in enumerate(base) if not problem.candidates[c].required]
        if not optional:
            return []
        k = min(optional, key=lambda k: problem.candidates[base[k]].prize)
        pushed.append(base.pop(k))


def describe_slot(slot: Slot) -> str:
    """What a slot costs: its travel, and what it would push out of its day."""
    cost = f"adds {slot.added_cost} of travel"
    if not slot.pushes_out:
        return cost
    return f"{cost}, pushes out {', '.join(slot.pushes_out)} (value {slot.pushed_value})"

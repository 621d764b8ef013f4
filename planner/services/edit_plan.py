"""Use case: edit a week plan by hand — move a visit, lock it, remove it — and re-time it.

An edit never re-optimises: the visits keep the order the user gave, the days are timed
again exactly (opening hours, lunch, driving limit) and the totals and explanations are
recomputed from the same figures the planner uses. An edit that breaks a constraint is
refused with the reason; the plan is then unchanged. "Re-optimise" is plan_week with
the plan's locks and the plan itself as the warm start.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from planner.domain.account import Account
from planner.domain.calendar import WeekCalendar
from planner.domain.errors import DomainError
from planner.domain.formats import Formats
from planner.domain.i18n import N_
from planner.domain.plan import Decision, WeekPlan
from planner.domain.rep import Rep
from planner.optimise.priorities import ValueParams, Valuer, value_accounts
from planner.optimise.week.build import assemble_plan, build_week_problem
from planner.optimise.week.explain_memo import ExplainMemo
from planner.optimise.week.insertion import Routes, time_day
from planner.optimise.week.locks import LockSpec
from planner.optimise.week.overnight import with_hotel
from planner.optimise.week.planner import evaluate
from planner.optimise.week.problem import WeekProblem
from planner.services.plan_week import locks_from_plan
from planner.services.valuation import values_for_replan
from planner.travel.model import TravelModel

_ENGLISH = Formats()  # refusals are written in English and translated where shown


class PlanEditError(DomainError):
    """The edit would break the plan; the message says why. The plan is unchanged."""


@dataclass(frozen=True)
class PlanContext:
    """What a plan was made from: needed to time it again. `values`: the value formula's
    parameters (the workspace's tiers), as the planner used them. `memo` and `valuer` (a
    `ValueMemo`): explanation figures and values kept from earlier edits of the week, so
    an edit searches only the days it changed and values only the account it changed."""

    accounts: Sequence[Account]
    rep: Rep
    travel_model: TravelModel
    calendar: WeekCalendar | None = None  # None: only the plan's closed days are known
    values: ValueParams | None = None
    memo: ExplainMemo | None = None
    valuer: Valuer = value_accounts
    # Remote decisions shown before the edit, kept as they are for accounts still left
    # out: the edited route is shown first, their reasons follow (SessionModel).
    shown: Mapping[str, Decision] | None = None


def move_visit(
    ctx: PlanContext, plan: WeekPlan, key: str, day_index: int, position: int
) -> WeekPlan:
    """Put `key` on day `day_index` at `position` (locked to that day) and re-time the week."""
    routes = _routes(plan)
    name = _visit_name(plan, key)
    for route in routes:
        if key in route:
            route.remove(key)
    if not 0 <= day_index < len(routes):
        raise PlanEditError(N_("there is no day {n} in this plan").format(n=day_index + 1))
    routes[day_index].insert(max(0, min(position, len(routes[day_index]))), key)
    locks = {lock.account_key: lock for lock in locks_from_plan(plan)}
    locks[key] = LockSpec.on_day(key, plan.days[day_index].day)  # a moved visit loses its time
    return _retime(ctx, plan, routes, list(locks.values()), moved=(key, name))


def toggle_lock(ctx: PlanContext, plan: WeekPlan, key: str) -> WeekPlan:
    """Lock a visit to its day, or unlock it."""
    locks = {lock.account_key: lock for lock in locks_from_plan(plan)}
    if key in locks:
        del locks[key]
    else:
        day = next(d.day for d in plan.days for v in d.visits if v.account_key == key)
        locks[key] = LockSpec.on_day(key, day)
    return _retime(ctx, plan, _routes(plan), list(locks.values()))


def remove_visit(ctx: PlanContext, plan: WeekPlan, key: str) -> WeekPlan:
    """Take a visit out of the week; it stays out when the week is re-optimised."""
    routes = [[k for k in route if k != key] for route in _routes(plan)]
    locks = [lock for lock in locks_from_plan(plan) if lock.account_key != key]
    values = values_for_replan(plan, ctx.values)
    values = replace(values, excluded=values.excluded | {key})
    return _retime(ctx, plan, routes, locks, values=values)


def retime(ctx: PlanContext, plan: WeekPlan) -> WeekPlan:
    """The plan timed again as it is: what a first edit works out for every day."""
    return _retime(ctx, plan, _routes(plan), locks_from_plan(plan))


def _routes(plan: WeekPlan) -> list[list[str]]:
    return [[v.account_key for v in day.visits if not v.cancelled] for day in plan.days]


def _visit_name(plan: WeekPlan, key: str) -> str:
    for visit in plan.visits():
        if visit.account_key == key:
            return visit.name
    raise PlanEditError(N_("that visit is not in the plan"))


def _retime(
    ctx: PlanContext,
    plan: WeekPlan,
    routes_by_key: list[list[str]],
    locks: list[LockSpec],
    *,
    moved: tuple[str, str] | None = None,
    values: ValueParams | None = None,
) -> WeekPlan:
    values = values or values_for_replan(plan, ctx.values)
    calendar = ctx.calendar or WeekCalendar.of_plan_days(plan.closed)
    problem, excluded = build_week_problem(
        ctx.accounts, ctx.rep, plan.week_start, len(plan.days) + len(plan.closed),
        ctx.travel_model, locks=locks, values=values, calendar=calendar, valuer=ctx.valuer,
    )  # fmt: skip
    problem = _with_hotels(problem, plan)
    index = {c.key: i for i, c in enumerate(problem.candidates)}
    routes: Routes = []
    for d, keys in enumerate(routes_by_key):
        missing = [k for k in keys if k not in index]
        if missing:
            raise PlanEditError(
                N_("{n} visit(s) on {day} can no longer be planned").format(
                    n=len(missing), day=_ENGLISH.day(plan.days[d].day)
                )
            )
        routes.append([index[k] for k in keys])
        if time_day(problem, d, routes[-1]) is None:
            day = _ENGLISH.day(plan.days[d].day)
            what = (
                N_("{name} does not fit on {day}").format(name=moved[1], day=day)
                if moved
                else N_("{day} no longer fits").format(day=day)
            )
            raise PlanEditError(
                N_(
                    "{what}: opening hours, working hours, lunch or the driving limit "
                    "would be broken"
                ).format(what=what)
            )
    solved = evaluate(problem, routes, (N_("edited by hand"),))
    if ctx.memo is not None:
        ctx.memo.bind(ctx.rep, plan.week_start, ctx.travel_model)
    return assemble_plan(problem, solved, excluded, None, ctx.memo, shown=ctx.shown)


def _with_hotels(problem: WeekProblem, plan: WeekPlan) -> WeekProblem:
    """Keep the plan's hotel nights: a hotel sits at the account it was placed beside."""
    at = {c.account.location: i for i, c in enumerate(problem.candidates)}
    for night, day in enumerate(plan.days[:-1]):
        if day.end.kind == "hotel" and day.end.location in at:
            problem = with_hotel(problem, [night], at[day.end.location])
    return problem

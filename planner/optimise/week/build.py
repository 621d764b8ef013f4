"""From the workspace's accounts to a WeekProblem, and from solved routes to a WeekPlan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from planner.domain.account import Account
from planner.domain.errors import DomainError
from planner.domain.plan import Stop, WeekPlan
from planner.domain.progress import NeverCancel
from planner.domain.rep import Rep
from planner.optimise.priorities import ValueBreakdown, ValueParams, value_accounts
from planner.optimise.week.decode import day_plans
from planner.optimise.week.explain import explain
from planner.optimise.week.locks import LockSpec
from planner.optimise.week.overnight import StayComparison
from planner.optimise.week.planner import Solved
from planner.optimise.week.problem import (
    WeekProblem,
    build_candidates,
    day_specs,
    working_days,
)
from planner.optimise.week.reach import preselect
from planner.travel.costs import cost_matrix_cents
from planner.travel.model import TravelModel

Excluded = tuple[str, str, ValueBreakdown]  # account id, name, value breakdown


def build_week_problem(
    accounts: Sequence[Account],
    rep: Rep,
    week_start: date,
    days: int | None,
    travel_model: TravelModel,
    *,
    locks: Sequence[LockSpec],
    values: ValueParams | None,
) -> tuple[WeekProblem, list[Excluded]]:
    if rep.home is None:
        raise DomainError(f"{rep.name} has no home location: set it before planning")
    unique = list({a.key: a for a in reversed(accounts)}.values())[::-1]  # first copy wins
    breakdowns = value_accounts(unique, week_start, values)
    located = [a for a in unique if not breakdowns[a.key].excluded and a.location is not None]
    excluded = [
        (a.account_id, a.name, breakdowns[a.key])
        for a in unique
        if breakdowns[a.key].excluded or a.location is None
    ]
    required = {lock.account_key for lock in locks}
    required |= {k for k, b in breakdowns.items() if b.must_visit}
    plannable, far = preselect(located, breakdowns, rep, keep=required)
    excluded += [
        (a.account_id, a.name, replace(breakdowns[a.key], excluded_reason=why)) for a, why in far
    ]
    points = [rep.home, *(a.location for a in plannable if a.location is not None)]
    matrix = travel_model.matrix(points, cancel=NeverCancel())
    home = Stop(rep.home_address or "home", rep.home, kind="home")
    specs = day_specs(rep, week_start, working_days(rep, week_start, days), home)
    skeleton = WeekProblem(
        rep, week_start, tuple(specs), (), matrix.distance_m, matrix.duration_s,
        cost_matrix_cents(rep, matrix), home, matrix.notes,
    )  # fmt: skip
    lock_map = {lock.account_key: lock for lock in locks}
    cands = build_candidates(plannable, breakdowns, specs, lock_map, skeleton.to_seconds)
    return skeleton.with_candidates(cands), excluded


def assemble_plan(
    problem: WeekProblem, solved: Solved, excluded: list[Excluded], stays: StayComparison | None
) -> WeekPlan:
    decisions = explain(problem, solved.routes, excluded)
    days = day_plans(problem, solved.routes, decisions.reason_by_candidate(problem))
    notes = list(problem.notes) + list(solved.notes)
    if solved.cancelled:
        notes.append("planning was cancelled: this is the best plan found so far")
    notes += [f"{c.account.name}: {flag}" for c in problem.candidates for flag in c.value.flags]
    if stays is not None:
        notes += stays.lines()
    return WeekPlan(
        rep_name=problem.rep.name,
        week_start=problem.week_start,
        currency=problem.rep.currency,
        days=days,
        remote=decisions.remote,
        excluded=decisions.excluded,
        planned=decisions.planned,
        notes=tuple(notes),
    )

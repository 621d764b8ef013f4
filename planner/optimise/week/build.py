"""From the workspace's accounts to a WeekProblem, and from solved routes to a WeekPlan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from planner.domain.account import Account
from planner.domain.calendar import WeekCalendar
from planner.domain.errors import DomainError
from planner.domain.i18n import N_
from planner.domain.plan import Decision, Stop, WeekPlan
from planner.domain.progress import NeverCancel
from planner.domain.rep import Rep
from planner.optimise.priorities import ValueBreakdown, ValueParams, Valuer, value_accounts
from planner.optimise.week.calendar import week_effect
from planner.optimise.week.decode import day_plans
from planner.optimise.week.explain import Decisions, explain
from planner.optimise.week.explain_memo import ExplainMemo
from planner.optimise.week.insertion import Routes
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
    calendar: WeekCalendar | None = None,
    valuer: Valuer = value_accounts,
) -> tuple[WeekProblem, list[Excluded]]:
    """The week's problem; the rep's `calendar` closes days, shortens shifts, blocks busy
    time and turns appointments at accounts into locks (`planner.optimise.week.calendar`).
    `valuer`: a `ValueMemo` keeps the breakdowns of unchanged accounts between calls."""
    if rep.home is None:
        raise DomainError(f"{rep.name} has no home location: set it before planning")
    effect = week_effect(calendar or WeekCalendar(), rep, working_days(rep, week_start, days))
    if not effect.open_dates:
        reasons = "; ".join(f"{c.day:%a %d %b}: {c.reason}" for c in effect.closed)
        raise DomainError(f"no day of the week of {week_start} is open for visits ({reasons})")
    locks = [*(lk for lk in locks if lk.account_key not in effect.booked), *effect.locks]
    unique = list({a.key: a for a in reversed(accounts)}.values())[::-1]  # first copy wins
    breakdowns = valuer(unique, week_start, values)
    located = [
        a
        for a in unique
        if a.location is not None and (a.key in effect.booked or not breakdowns[a.key].excluded)
    ]
    keys = {a.key for a in located}
    excluded = [(a.account_id, a.name, breakdowns[a.key]) for a in unique if a.key not in keys]
    required = {lock.account_key for lock in locks}
    required |= {k for k, b in breakdowns.items() if b.must_visit}
    plannable, far = preselect(located, breakdowns, rep, keep=required)
    excluded += [
        (a.account_id, a.name, replace(breakdowns[a.key], excluded_reason=why)) for a, why in far
    ]
    points = [rep.home, *(a.location for a in plannable if a.location is not None)]
    matrix = travel_model.matrix(points, cancel=NeverCancel())
    home = Stop(rep.home_address or "home", rep.home, kind="home")
    specs = effect.shape_days(day_specs(rep, week_start, effect.open_dates, home))
    conflicts = effect.conflicts + _unbookable(effect.locks, unique)
    skeleton = WeekProblem(
        rep, week_start, tuple(specs), (), matrix.distance_m, matrix.duration_s,
        cost_matrix_cents(rep, matrix), home, matrix.notes, tuple(effect.closed),
        tuple(conflicts),
    )  # fmt: skip
    lock_map = {lock.account_key: lock for lock in locks}
    cands = build_candidates(plannable, breakdowns, specs, lock_map, skeleton.to_seconds)
    return skeleton.with_candidates(effect.carve(cands, skeleton.to_seconds)), excluded


def _unbookable(locks: Sequence[LockSpec], accounts: Sequence[Account]) -> list[str]:
    """Appointments at accounts the week cannot visit: unknown, or without a location."""
    by_key = {a.key: a for a in accounts}
    out = []
    for lock in locks:
        account = by_key.get(lock.account_key)
        label = lock.appointment.label if lock.appointment else lock.account_key
        if account is None:
            out.append(f"appointment {label!r}: no account {lock.account_key} in the workspace")
        elif account.location is None:
            out.append(f"appointment at {account.name}: the account has no location yet")
    return out


def _missed_appointments(problem: WeekProblem, routes: Routes, decisions: Decisions) -> list[str]:
    """Appointments the routes could not keep, with the reason the explanations give."""
    planned = {c for route in routes for c in route}
    why = {d.account_key: d.reason for d in (*decisions.remote, *decisions.excluded)}
    return [
        f"appointment at {cand.account.name} could not be planned: {why.get(cand.key, '')}"
        for i, cand in enumerate(problem.candidates)
        if cand.lock is not None and cand.lock.appointment is not None and i not in planned
    ]


FLAG_NAMES_SHOWN = 3  # a flag many accounts share is one note naming a few of them


def _flag_notes(problem: WeekProblem) -> list[str]:
    """The candidates' value flags: one note per account, or per flag when it is common."""
    by_flag: dict[str, list[str]] = {}
    for cand in problem.candidates:
        for flag in cand.value.flags:
            by_flag.setdefault(flag, []).append(cand.account.name)
    notes = []
    for flag, names in by_flag.items():
        if len(names) <= FLAG_NAMES_SHOWN:
            notes += [f"{name}: {flag}" for name in names]
        else:
            shown = ", ".join(names[:FLAG_NAMES_SHOWN])
            notes.append(
                N_("{count} accounts: {flag} ({names}, …)").format(
                    flag=flag, count=str(len(names)), names=shown
                )
            )
    return notes


def assemble_plan(
    problem: WeekProblem,
    solved: Solved,
    excluded: list[Excluded],
    stays: StayComparison | None,
    memo: ExplainMemo | None = None,
    *,
    shown: Mapping[str, Decision] | None = None,
) -> WeekPlan:
    """The plan of `solved`, every account's decision explained (`explain`: `shown`
    remote decisions are kept as they are)."""
    decisions = explain(problem, solved.routes, excluded, memo, shown)
    days = day_plans(problem, solved.routes, decisions.reason_by_candidate(problem))
    conflicts = [*problem.conflicts, *_missed_appointments(problem, solved.routes, decisions)]
    notes = list(problem.notes) + list(solved.notes)
    if solved.cancelled:
        notes.append("planning was cancelled: this is the best plan found so far")
    notes += _flag_notes(problem)
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
        closed=problem.closed,
        conflicts=tuple(conflicts),
    )

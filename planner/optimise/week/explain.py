"""Why each candidate is visited, served remotely, or excluded — in the solver's figures.

Planned: its value against its marginal detour (the travel cost saved by skipping it).
Left out: its value against the cheapest feasible insertion cost, or why no slot fits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.domain.i18n import N_
from planner.domain.plan import Decision
from planner.domain.units import Money
from planner.optimise.priorities import ValueBreakdown
from planner.optimise.week.insertion import (
    DayState,
    Routes,
    best_insertion,
    day_states,
    removal_saving,
)
from planner.optimise.week.problem import Candidate, WeekProblem


@dataclass(frozen=True)
class Decisions:
    planned: tuple[Decision, ...]
    remote: tuple[Decision, ...]
    excluded: tuple[Decision, ...]

    def reason_by_candidate(self, problem: WeekProblem) -> dict[int, str]:
        index = {c.key: i for i, c in enumerate(problem.candidates)}
        return {index[d.account_key]: d.reason for d in self.planned}


def explain(
    problem: WeekProblem, routes: Routes, not_candidates: Iterable[tuple[str, str, ValueBreakdown]]
) -> Decisions:
    """`not_candidates`: (account id, name, breakdown) of accounts excluded up front."""
    cur = problem.rep.currency
    planned, remote, excluded = [], [], []
    where = {c: (d, i) for d, route in enumerate(routes) for i, c in enumerate(route)}
    states = day_states(problem, routes)
    for idx, cand in enumerate(problem.candidates):
        if idx in where:
            day, pos = where[idx]
            planned.append(_planned(problem, cand, removal_saving(problem, day, routes[day], pos)))
        elif cand.prize <= 0 and not cand.required:
            reason = N_("no value this week: {parts}").format(parts=cand.value.describe())
            excluded.append(_decision(cand, "excluded", reason, None))
        else:
            remote.append(_left_out(problem, routes, idx, states))
    for account_id, name, value in not_candidates:
        excluded.append(
            Decision(
                value.account_key,
                account_id,
                name,
                "excluded",
                value.excluded_reason,
                Money(value.total.cents, cur),
            )
        )
    order = {problem.candidates[c].key: w for c, w in where.items()}
    planned.sort(key=lambda d: order[d.account_key])  # by day, then visiting order
    remote.sort(key=lambda d: -d.value.cents)  # the most valuable calls first
    return Decisions(tuple(planned), tuple(remote), tuple(excluded))


def _decision(cand: Candidate, outcome: str, reason: str, cost: Money | None) -> Decision:
    return Decision(
        cand.key,
        cand.account.account_id,
        cand.account.name,
        outcome,
        reason,
        cand.value.total,
        cost,
    )


def _planned(problem: WeekProblem, cand: Candidate, detour_cents: int) -> Decision:
    cur = problem.rep.currency
    value, detour = cand.value.total, Money(detour_cents, cur)
    if cand.lock is not None:
        lead = N_("locked ({kind})").format(kind=cand.lock.kind.value)
    elif cand.required:
        lead = N_("must visit")
    else:
        lead = N_("worth the trip")
    reason = N_("{lead}: value {value} vs detour {detour}, nets {net}").format(
        lead=lead, value=value, detour=detour, net=value - detour
    )
    return _decision(cand, "planned", reason, detour)


def _left_out(
    problem: WeekProblem, routes: Routes, idx: int, states: dict[int, DayState]
) -> Decision:
    cand = problem.candidates[idx]
    cur = problem.rep.currency
    value = cand.value.total
    if not cand.windows:
        reason = N_("worth {value} but no feasible time window: {why}").format(
            value=value, why=cand.no_window_reason
        )
        return _decision(cand, "remote", reason, None)
    ins = best_insertion(problem, routes, idx, states=states)
    cost = Money(ins.delta_cents, cur)
    if ins.delta_cents >= cand.prize:
        gap = cost - value
        reason = N_("value {value} is below the cheapest insertion cost {cost} by {gap}").format(
            value=value, cost=cost, gap=gap
        )
    elif not ins.feasible:
        reason = N_(
            "{why}: no feasible slot on any day (cheapest detour {cost} would have netted {net})"
        ).format(why=ins.reason, cost=cost, net=value - cost)
    else:
        day = problem.days[ins.day or 0].day
        reason = N_("would net {net} on {day} but was left out by the search").format(
            net=value - cost, day=f"{day:%a} {day.day} {day:%b}"
        )
    return _decision(cand, "remote", reason, cost)

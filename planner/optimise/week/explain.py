"""Why each candidate is visited, served remotely, or excluded — in the solver's figures.

Planned: its value against its marginal detour (the travel cost saved by skipping it).
Left out: served by video or phone (`planner.optimise.channel`), with the true reason it
is not visited: distance (not even an empty day reaches it), cost (its value is below the
cheapest detour; "cadence not due" when it was visited recently), or day capacity (a day
with nothing else holds it, the planned days do not).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.domain.i18n import N_
from planner.domain.plan import Decision
from planner.domain.units import Money
from planner.optimise.channel import IN_PERSON, remote_channel
from planner.optimise.priorities import ValueBreakdown
from planner.optimise.week.insertion import (
    DayState,
    Insertion,
    Routes,
    best_insertion,
    day_states,
    removal_saving,
    time_day,
)
from planner.optimise.week.problem import Candidate, WeekProblem

if TYPE_CHECKING:
    from planner.optimise.week.explain_memo import ExplainMemo, Lookup


@dataclass(frozen=True)
class Decisions:
    planned: tuple[Decision, ...]
    remote: tuple[Decision, ...]
    excluded: tuple[Decision, ...]

    def reason_by_candidate(self, problem: WeekProblem) -> dict[int, str]:
        index = {c.key: i for i, c in enumerate(problem.candidates)}
        return {index[d.account_key]: d.reason for d in self.planned}


def explain(
    problem: WeekProblem,
    routes: Routes,
    not_candidates: Iterable[tuple[str, str, ValueBreakdown]],
    memo: ExplainMemo | None = None,
    shown: Mapping[str, Decision] | None = None,
) -> Decisions:
    """`not_candidates`: (account id, name, breakdown) of accounts excluded up front.
    With a `memo` (bound to the problem's rep, week and travel model), the figures of
    days that did not change since an earlier call are not searched again. `shown`:
    remote decisions by account key, kept as they are for accounts still left out (a
    hand edit shows its route first; their reasons are worked out by a later call)."""
    cur = problem.rep.currency
    shown = shown or {}
    planned, remote, excluded = [], [], []
    where = {c: (d, i) for d, route in enumerate(routes) for i, c in enumerate(route)}
    states = day_states(problem, routes)
    lookup = None
    if memo is not None:
        left_out = [
            i
            for i, c in enumerate(problem.candidates)
            if i not in where and _searched(c) and c.key not in shown
        ]
        lookup = memo.lookup(problem, routes, states, left_out)
    for idx, cand in enumerate(problem.candidates):
        if idx in where:
            day, pos = where[idx]
            planned.append(_planned(problem, cand, removal_saving(problem, day, routes[day], pos)))
        elif not _worth_visiting(cand):
            reason = N_("no value this week: {parts}").format(parts=cand.value.describe())
            excluded.append(_decision(cand, "excluded", reason, None))
        else:
            kept = shown.get(cand.key)
            remote.append(kept or _left_out(problem, routes, idx, states, lookup))
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


def _worth_visiting(cand: Candidate) -> bool:
    return cand.prize > 0 or cand.required


def _searched(cand: Candidate) -> bool:
    """A left-out candidate whose reason needs an insertion search."""
    return _worth_visiting(cand) and bool(cand.windows)


def _decision(
    cand: Candidate, outcome: str, reason: str, cost: Money | None, channel: str = ""
) -> Decision:
    return Decision(
        cand.key,
        cand.account.account_id,
        cand.account.name,
        outcome,
        reason,
        cand.value.total,
        cost,
        channel,
    )


def _planned(problem: WeekProblem, cand: Candidate, detour_cents: int) -> Decision:
    cur = problem.rep.currency
    value, detour = cand.value.total, Money(detour_cents, cur)
    if cand.lock is not None and cand.lock.appointment is not None:
        kind = {"fixed": N_("fixed"), "day": N_("flexible on the day"),
                "week": N_("flexible in the week")}  # fmt: skip
        lead = N_("appointment ({kind})").format(kind=kind[cand.lock.appointment.kind.value])
    elif cand.lock is not None:
        lead = N_("locked ({kind})").format(kind=cand.lock.kind.value)
    elif cand.required:
        lead = N_("must visit")
    else:
        lead = N_("worth the trip")
    reason = N_("{lead}: value {value} vs detour {detour}, nets {net}").format(
        lead=lead, value=value, detour=detour, net=value - detour
    )
    return _decision(cand, "planned", reason, detour, IN_PERSON)


def _left_out(
    problem: WeekProblem,
    routes: Routes,
    idx: int,
    states: dict[int, DayState],
    lookup: Lookup | None,
) -> Decision:
    """Served remotely: the channel and what it is worth, then the true reason it is not
    visited — distance, cost, day capacity or cadence not due — checked, not guessed."""
    cand = problem.candidates[idx]
    channel, worth = remote_channel(cand.account, cand.value)
    if not cand.windows:
        why = N_("opening hours: {why}").format(why=cand.no_window_reason)
        return _decision(cand, "remote", _remote(worth, why), None, channel)
    if lookup is not None:
        ins, alone = lookup.best_insertion(idx), lookup.alone(idx)
    else:
        ins = best_insertion(problem, routes, idx, states=states)
        open_days = sorted({w.day for w in cand.windows})
        alone = [d for d in open_days if time_day(problem, d, [idx]) is not None]
    cost = Money(ins.delta_cents, problem.rep.currency)
    why = _why_not_in_person(problem, idx, ins, cost, alone)
    return _decision(cand, "remote", _remote(worth, why), cost, channel)


def _remote(worth: str, why: str) -> str:
    return N_("{worth}; not in person: {why}").format(worth=worth, why=why)


def _why_not_in_person(
    problem: WeekProblem, idx: int, ins: Insertion, cost: Money, alone: list[int]
) -> str:
    """`alone`: the days that could hold the visit with nothing else in them."""
    cand = problem.candidates[idx]
    value = cand.value.total
    if not alone:
        return _distance(problem, cand)
    if ins.delta_cents >= cand.prize:
        if not cand.value.due:
            return N_(
                "cadence not due: visited {ago} d ago, due every {cadence} d; value {value} "
                "is below the trip's cost {cost}"
            ).format(
                ago=round(cand.value.overdue * cand.value.cadence_days),
                cadence=cand.value.cadence_days,
                value=value,
                cost=cost,
            )
        return N_("cost: value {value} is below the cheapest trip cost {cost} by {gap}").format(
            value=value, cost=cost, gap=cost - value
        )
    if not ins.feasible:
        days = ", ".join(f"{problem.days[d].day:%a}" for d in alone)
        return N_("day capacity: {why} on {days}; it would have netted {net}").format(
            why=ins.reason, days=days, net=value - cost
        )
    day = problem.days[ins.day or 0].day
    return N_("would net {net} on {day} but was left out by the search").format(
        net=value - cost, day=f"{day:%a} {day.day} {day:%b}"
    )


def _distance(problem: WeekProblem, cand: Candidate) -> str:
    """Why not even a day with nothing else in it can hold the visit."""
    spec = problem.days[0]
    there = int(problem.duration_s[spec.start_place, cand.place])
    back = int(problem.duration_s[cand.place, spec.end_place])
    if there + back > spec.max_drive_s:
        return N_(
            "distance: {hours} h of driving there and back, over the {limit} h daily limit"
        ).format(hours=f"{(there + back) / 3600:.1f}", limit=f"{spec.max_drive_s / 3600:g}")
    return N_(
        "distance: {hours} h away, too far to arrive within its opening hours and be back "
        "by the end of the working day"
    ).format(hours=f"{there / 3600:.1f}")

"""Make the solver's routes exactly feasible, then improve them: exchanges and top-ups.

The solver sees the lunch break and the driving limit only approximately (see
`planner.optimise.week.model`). `repair` drops, from a day that does not fit exactly,
the visit whose loss is smallest (value − detour saved) until the day fits; locked and
must-visit accounts go last, with a note. `fill` then inserts greedily every left-out
account whose value exceeds its cheapest feasible insertion cost, so afterwards every
account left out is worth less than its cheapest feasible detour or has no feasible slot
— which is what the explanations say. `exchange` swaps small visits for bigger accounts
the solver left out (ending with `fill`, so the same holds after it).
"""

from __future__ import annotations

import itertools

from planner.domain.deadline import Deadline
from planner.optimise.week.insertion import (
    DayState,
    Routes,
    best_insertion,
    day_state_of,
    day_states,
    places,
    removal_saving,
    time_day,
    week_travel_cents,
    week_value_cents,
)
from planner.optimise.week.problem import WeekProblem


def repair(problem: WeekProblem, routes: Routes) -> tuple[Routes, list[str]]:
    notes: list[str] = []
    fixed = [list(r) for r in routes]
    for day, route in enumerate(fixed):
        while route and time_day(problem, day, route) is None:
            drop = _cheapest_drop(problem, day, route)
            cand = problem.candidates[route[drop]]
            if cand.required:
                notes.append(
                    f"{cand.account.name}: locked or must-visit but does not fit "
                    f"{problem.days[day].day:%a %d %b} with lunch and driving limits"
                )
            route.pop(drop)
    return fixed, notes


def _cheapest_drop(problem: WeekProblem, day: int, route: list[int]) -> int:
    def loss(i: int) -> tuple[bool, int, int]:
        cand = problem.candidates[route[i]]
        priority = cand.lock.priority if cand.lock else 0  # appointments: fixed go last
        return (cand.required, priority, cand.prize - removal_saving(problem, day, route, i))

    return min(range(len(route)), key=loss)


def exchange(problem: WeekProblem, routes: Routes, until: Deadline) -> Routes:
    """`swap_in` then `fill`, again while the week's net improves and time remains.

    Measured on the demo week's 10 s plan for seed 0 (40 small visits): €15.5k → €17.0k
    in three passes of ~0.3 s.
    """
    best, best_net = routes, _net(problem, routes)
    while not until.expired():
        found = fill(problem, swap_in(problem, best, until))
        net = _net(problem, found)
        if net <= best_net:
            break
        best, best_net = found, net
    return best


def _net(problem: WeekProblem, routes: Routes) -> int:
    return week_value_cents(problem, routes) - week_travel_cents(problem, routes)


def swap_in(problem: WeekProblem, routes: Routes, until: Deadline) -> Routes:
    """Exchange planned visits for left-out accounts worth more, where the day still fits.

    The solver adds and removes optional visits one at a time; on a full day neither
    move alone pays, so a plan of many small visits can keep a bigger account out. Left-out
    accounts are tried most valuable first (until `until`): on each day
    they are open, each visit or pair of consecutive visits (locked and must-visit ones
    stay) is taken out and the account put at its cheapest feasible position; the
    exchange with the largest gain is applied.
    """
    out = [list(r) for r in routes]
    planned = {c for r in out for c in r}
    pool = [i for i, c in enumerate(problem.candidates) if i not in planned and c.windows]
    pool.sort(key=lambda i: -problem.candidates[i].prize)
    for u in pool:
        if until.expired():
            break
        move = _best_exchange(problem, out, u)
        if move is not None:
            day, k, n, position = move
            del out[day][k : k + n]
            out[day].insert(position, u)
    return out


def _best_exchange(
    problem: WeekProblem, routes: Routes, u: int
) -> tuple[int, int, int, int] | None:
    """(day, first visit taken out, how many, position for `u`) with the largest gain."""
    prize = problem.candidates[u].prize
    cost = problem.cost_cents
    gain, best = 0, None
    for day in sorted({w.day for w in problem.candidates[u].windows}):
        route = routes[day]
        p = places(problem, day, route)
        for k in range(len(route)):
            for n in (1, 2)[: len(route) - k]:
                taken = [problem.candidates[v] for v in route[k : k + n]]
                saving = sum(int(cost[a, b]) for a, b in itertools.pairwise(p[k : k + n + 2]))
                loss = sum(c.prize for c in taken) - saving + int(cost[p[k], p[k + n + 1]])
                if any(c.required for c in taken) or prize - loss <= gain:
                    continue
                trial = [*routes[:day], route[:k] + route[k + n :], *routes[day + 1 :]]
                ins = best_insertion(
                    problem,
                    trial,
                    u,
                    max_delta=prize - loss - gain,
                    states=day_state_of(problem, trial, day),
                    days=(day,),
                    reasons=False,
                )
                if ins.feasible:
                    gain, best = prize - loss - ins.delta_cents, (day, k, n, ins.position)
    return best


def fill(problem: WeekProblem, routes: Routes, until: Deadline | None = None) -> Routes:
    """Greedy insertion of every remaining account with a positive net value.

    Best-first: each round inserts the account whose cheapest feasible detour leaves the
    largest net. Each account's best position is cached per day and only the day that
    changed is re-evaluated, so a round costs one day's insertions, not the week's.
    Required accounts always go in; the optional ones stop at `until` (on 1,000 dense
    city candidates filling a week took 10-20 s), the routes so far are returned.
    """
    until = until or Deadline.never()
    filled = [list(r) for r in routes]
    planned = {c for r in filled for c in r}
    required = [i for i, c in enumerate(problem.candidates) if c.required and i not in planned]
    required.sort(key=lambda i: -_priority(problem, i))  # fixed appointments first
    for i in required:
        ins = best_insertion(problem, filled, i, reasons=False)
        if ins.feasible and ins.day is not None:
            filled[ins.day].insert(ins.position, i)
        else:
            filled = make_room(problem, filled, i) or filled
        planned.update(c for r in filled for c in r)
    pool = {
        i for i, c in enumerate(problem.candidates) if i not in planned and c.windows and c.prize
    }
    states = day_states(problem, filled)
    best: dict[tuple[int, int], tuple[int, int]] = {}  # (cand, day) → (net, position)
    for c in pool:
        if until.expired():
            return filled
        for day in {w.day for w in problem.candidates[c].windows}:
            _update(problem, filled, states, best, (c, day))
    while best and not until.expired():
        (cand, day), (_, pos) = max(best.items(), key=lambda item: (item[1][0], -item[0][0]))
        filled[day].insert(pos, cand)
        pool.discard(cand)
        for key in [k for k in best if k[0] == cand or k[1] == day]:
            del best[key]
        states.update(day_state_of(problem, filled, day))
        for c in pool:
            if any(w.day == day for w in problem.candidates[c].windows):
                _update(problem, filled, states, best, (c, day))
    return filled


def _update(
    problem: WeekProblem,
    routes: Routes,
    states: dict[int, DayState],
    best: dict[tuple[int, int], tuple[int, int]],
    at: tuple[int, int],
) -> None:
    cand, day = at
    prize = problem.candidates[cand].prize
    ins = best_insertion(
        problem, routes, cand, max_delta=prize, states=states, days=(day,), reasons=False
    )
    if ins.feasible and ins.day is not None and prize - ins.delta_cents > 0:
        best[cand, day] = (prize - ins.delta_cents, ins.position)


def _priority(problem: WeekProblem, cand: int) -> int:
    lock = problem.candidates[cand].lock
    return lock.priority if lock else 0


def make_room(problem: WeekProblem, routes: Routes, cand: int) -> Routes | None:
    """Routes with `cand` in, after taking out of one day the optional visits worth least
    until it fits (the day losing the least value wins); None when no day can hold it."""
    best: tuple[int, Routes] | None = None
    for day in sorted({w.day for w in problem.candidates[cand].windows}):
        route, lost = list(routes[day]), 0
        while True:
            trial = [*routes[:day], route, *routes[day + 1 :]]
            ins = best_insertion(problem, trial, cand, days=(day,), reasons=False)
            if ins.feasible:
                trial[day] = [*route[: ins.position], cand, *route[ins.position :]]
                if best is None or lost < best[0]:
                    best = (lost, trial)
                break
            optional = [k for k, c in enumerate(route) if not problem.candidates[c].required]
            if not optional:
                break
            k = min(optional, key=lambda k: problem.candidates[route[k]].prize)
            lost += problem.candidates[route.pop(k)].prize
    return best[1] if best else None

"""Make the solver's routes exactly feasible, then add any visit that still pays.

The solver sees the lunch break and the driving limit only approximately (see
`planner.optimise.week.model`). `repair` drops, from a day that does not fit exactly,
the visit whose loss is smallest (value − detour saved) until the day fits; locked and
must-visit accounts go last, with a note. `fill` then inserts greedily every left-out
account whose value exceeds its cheapest feasible insertion cost, so afterwards every
account left out is worth less than its cheapest feasible detour or has no feasible slot
— which is what the explanations say.
"""

from __future__ import annotations

from planner.optimise.week.insertion import (
    DayState,
    Routes,
    best_insertion,
    day_state_of,
    day_states,
    removal_saving,
    time_day,
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
    def loss(i: int) -> tuple[bool, int]:
        cand = problem.candidates[route[i]]
        return (cand.required, cand.prize - removal_saving(problem, day, route, i))

    return min(range(len(route)), key=loss)


def fill(problem: WeekProblem, routes: Routes) -> Routes:
    """Greedy insertion of every remaining account with a positive net value.

    Best-first: each round inserts the account whose cheapest feasible detour leaves the
    largest net. Each account's best position is cached per day and only the day that
    changed is re-evaluated, so a round costs one day's insertions, not the week's.
    """
    filled = [list(r) for r in routes]
    planned = {c for r in filled for c in r}
    for i, candidate in enumerate(problem.candidates):
        if candidate.required and i not in planned:
            ins = best_insertion(problem, filled, i)
            if ins.feasible and ins.day is not None:
                filled[ins.day].insert(ins.position, i)
                planned.add(i)
    pool = {
        i for i, c in enumerate(problem.candidates) if i not in planned and c.windows and c.prize
    }
    states = day_states(problem, filled)
    best: dict[tuple[int, int], tuple[int, int]] = {}  # (cand, day) → (net, position)
    for c in pool:
        for day in {w.day for w in problem.candidates[c].windows}:
            _update(problem, filled, states, best, (c, day))
    while best:
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
    ins = best_insertion(problem, routes, cand, max_delta=prize, states=states, days=(day,))
    if ins.feasible and ins.day is not None and prize - ins.delta_cents > 0:
        best[cand, day] = (prize - ins.delta_cents, ins.position)

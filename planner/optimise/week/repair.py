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
    Routes,
    best_insertion,
    idle_by_day,
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
    """Greedy insertion of every remaining account with a positive net value."""
    filled = [list(r) for r in routes]
    planned = {c for r in filled for c in r}
    for i, cand in enumerate(problem.candidates):
        if cand.required and i not in planned:
            ins = best_insertion(problem, filled, i)
            if ins.feasible and ins.day is not None:
                filled[ins.day].insert(ins.position, i)
                planned.add(i)
    pool = [
        i for i, c in enumerate(problem.candidates) if i not in planned and c.windows and c.prize
    ]
    while pool:
        best: tuple[int, int, int, int] | None = None  # (net, cand, day, pos)
        idle = idle_by_day(problem, filled)
        for c in pool:
            prize = problem.candidates[c].prize
            ins = best_insertion(problem, filled, c, max_delta=prize, idle=idle)
            net = prize - ins.delta_cents
            ok = ins.feasible and ins.day is not None and net > 0
            if ok and ins.day is not None and (best is None or net > best[0]):
                best = (net, c, ins.day, ins.position)
        if best is None:
            break
        _, chosen, day, pos = best
        filled[day].insert(pos, chosen)
        pool.remove(chosen)
    return filled

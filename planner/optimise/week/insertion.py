"""Routes as lists of candidate indices per day, and the cost of inserting or removing one.

All money here is the solver's own figure: the cost matrix in cents.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from planner.optimise.week.problem import WeekProblem
from planner.optimise.week.schedule import StopTiming, Timeline, schedule_day

Routes = list[list[int]]  # per day, candidate indices in visiting order


@dataclass(frozen=True)
class Insertion:
    """The cheapest way to add a candidate: where, at what travel cost, and whether it fits."""

    day: int | None
    position: int
    delta_cents: int  # extra travel cost of the detour
    feasible: bool
    reason: str = ""  # why no position fits (when not feasible)


def stops_of(problem: WeekProblem, day: int, route: Sequence[int]) -> list[StopTiming]:
    out = []
    for c in route:
        cand = problem.candidates[c]
        out.append(StopTiming(cand.place, cand.service_s, tuple(cand.windows_on(day))))
    return out


def time_day(problem: WeekProblem, day: int, route: Sequence[int]) -> Timeline | None:
    """The day's timeline, or None when it breaks a window, the shift or the driving limit."""
    spec = problem.days[day]
    timeline = schedule_day(
        spec, stops_of(problem, day, route), problem.duration_s, problem.distance_m
    )
    if timeline is None or timeline.driving_s > spec.max_drive_s:
        return None
    return timeline


def places(problem: WeekProblem, day: int, route: Sequence[int]) -> list[int]:
    spec = problem.days[day]
    return [spec.start_place, *(problem.candidates[c].place for c in route), spec.end_place]


def route_cost(problem: WeekProblem, day: int, route: Sequence[int]) -> int:
    p = places(problem, day, route)
    return sum(int(problem.cost_cents[a, b]) for a, b in itertools.pairwise(p))


def removal_saving(problem: WeekProblem, day: int, route: Sequence[int], i: int) -> int:
    """Travel cost saved by skipping the i-th visit: its marginal detour cost."""
    p = places(problem, day, route)
    a, v, b = p[i], p[i + 1], p[i + 2]
    c = problem.cost_cents
    return int(c[a, v]) + int(c[v, b]) - int(c[a, b])


def idle_seconds(problem: WeekProblem, day: int, route: Sequence[int], t: Timeline) -> int:
    """Time left in the shift plus waiting: an upper bound on what an insertion may use."""
    spec = problem.days[day]
    service = sum(problem.candidates[c].service_s for c in route)
    used = t.driving_s + service + (spec.lunch_s if t.lunch else 0)
    return spec.end_s - spec.start_s - used


def best_insertion(
    problem: WeekProblem,
    routes: Routes,
    cand: int,
    *,
    max_delta: int | None = None,
    idle: dict[int, int] | None = None,
    days: Collection[int] | None = None,
) -> Insertion:
    """Cheapest feasible position for `cand` over all days; else the cheapest at all.

    With `max_delta`, positions costing that much or more are not tried for feasibility.
    `idle` (from `idle_by_day`) saves recomputing each day's free time per candidate.
    `days` limits the search to those days.
    """
    candidate = problem.candidates[cand]
    options: list[tuple[int, int, int]] = []  # (delta, day, position)
    c = problem.cost_cents
    v = candidate.place
    for day in sorted({w.day for w in candidate.windows}):
        if days is not None and day not in days:
            continue
        p = places(problem, day, routes[day])
        for pos in range(len(p) - 1):
            delta = int(c[p[pos], v]) + int(c[v, p[pos + 1]]) - int(c[p[pos], p[pos + 1]])
            options.append((delta, day, pos))
    if not options:
        return Insertion(None, 0, 0, False, candidate.no_window_reason or "no time window")
    options.sort()
    cheapest = options[0]
    idle = idle if idle is not None else idle_by_day(problem, routes)
    reason = "day full"
    for delta, day, pos in options:
        if max_delta is not None and delta >= max_delta:
            reason = "value below the cheapest insertion cost"
            break
        # The meeting itself is the only time an insertion surely adds (a detour can be ~0).
        if idle[day] < candidate.service_s:
            continue
        trial = [*routes[day][:pos], cand, *routes[day][pos:]]
        spec = problem.days[day]
        stops = stops_of(problem, day, trial)
        timeline = schedule_day(spec, stops, problem.duration_s, problem.distance_m)
        if timeline is not None and timeline.driving_s <= spec.max_drive_s:
            return Insertion(day, pos, delta, True)
        if timeline is not None:
            reason = "maximum driving per day reached"
    return Insertion(cheapest[1], cheapest[2], cheapest[0], False, reason)


def idle_by_day(problem: WeekProblem, routes: Routes) -> dict[int, int]:
    out: dict[int, int] = {}
    for day in range(len(routes)):
        out.update(idle_by_day_of(problem, routes, day))
    return out


def idle_by_day_of(problem: WeekProblem, routes: Routes, day: int) -> dict[int, int]:
    t = time_day(problem, day, routes[day])
    return {day: 0 if t is None else idle_seconds(problem, day, routes[day], t)}

"""Routes as lists of candidate indices per day, and the cost of inserting or removing one.

All money here is the solver's own figure: the cost matrix in cents.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from planner.domain.i18n import N_
from planner.optimise.week.problem import WeekProblem, Window
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


def fits(problem: WeekProblem, routes: Routes) -> bool:
    """Whether every day of the week, its drive to and from a hotel included, is feasible."""
    return all(time_day(problem, d, route) is not None for d, route in enumerate(routes))


def places(problem: WeekProblem, day: int, route: Sequence[int]) -> list[int]:
    spec = problem.days[day]
    return [spec.start_place, *(problem.candidates[c].place for c in route), spec.end_place]


def route_cost(problem: WeekProblem, day: int, route: Sequence[int]) -> int:
    p = places(problem, day, route)
    return sum(int(problem.cost_cents[a, b]) for a, b in itertools.pairwise(p))


def week_value_cents(problem: WeekProblem, routes: Routes) -> int:
    return sum(problem.candidates[c].prize for r in routes for c in r)


def week_travel_cents(problem: WeekProblem, routes: Routes) -> int:
    # A day that ends elsewhere than it starts (a hotel) drives even without visits.
    return sum(
        route_cost(problem, d, r)
        for d, r in enumerate(routes)
        if r or problem.days[d].start_place != problem.days[d].end_place
    )


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


@dataclass(frozen=True)
class DayState:
    """What insertions into one day need to know, computed once per change of the day."""

    idle_s: int  # free time in the shift (an upper bound on what an insertion may use)
    ready_s: tuple[int, ...]  # earliest time the rep can leave each place of the route
    driving_s: int


def best_insertion(
    problem: WeekProblem,
    routes: Routes,
    cand: int,
    *,
    max_delta: int | None = None,
    states: dict[int, DayState] | None = None,
    days: Collection[int] | None = None,
    reasons: bool = True,
) -> Insertion:
    """Cheapest feasible position for `cand` over all days; else the cheapest at all.

    With `max_delta`, positions costing that much or more are not tried for feasibility.
    `states` (from `day_states`) saves recomputing each day per candidate. `days` limits
    the search to those days. Without `reasons` (the planner's own searches, which only
    need where a visit fits) a day that cannot be timed is not timed again to tell
    "hours" from "full": that doubled the cost of every refused position.
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
        return Insertion(None, 0, 0, False, candidate.no_window_reason or N_("no time window"))
    options.sort()
    cheapest = options[0]
    states = states if states is not None else day_states(problem, routes)
    causes: set[str] = set()  # why each position failed: "full", "hours", "driving"
    for delta, day, pos in options:
        if max_delta is not None and delta >= max_delta:
            reason = N_("value below the cheapest insertion cost")
            return Insertion(cheapest[1], cheapest[2], cheapest[0], False, reason)
        verdict = _quick_verdict(problem, routes, states[day], (cand, day, pos))
        if verdict:
            causes.add(verdict)
            continue
        timed = trial_verdict(problem, routes, cand, day, pos, reasons=reasons)
        if timed == "fits":
            return Insertion(day, pos, delta, True)
        causes.add(timed)
    return Insertion(cheapest[1], cheapest[2], cheapest[0], False, cause_text(causes))


def _timing_cause(problem: WeekProblem, trial: list[int], day: int, cand: int) -> str:
    """Why a day cannot be timed with the visit: "hours" when it would fit were the
    account open all day (its opening hours are taken), else "full" (no time left)."""
    spec = problem.days[day]
    stops = stops_of(problem, day, trial)
    at = trial.index(cand)
    all_day = (Window(day, spec.start_s, spec.end_s),)
    stops[at] = StopTiming(stops[at].place, stops[at].service_s, all_day)
    timeline = schedule_day(spec, stops, problem.duration_s, problem.distance_m)
    return "hours" if timeline is not None else "full"


def cause_text(causes: set[str]) -> str:
    """The reason shown: "day full" only when no free time was the only obstacle."""
    if "hours" in causes:
        return N_("no free time within its opening hours")
    if "driving" in causes:
        return N_("maximum driving per day reached")
    return N_("day full")


def trial_verdict(
    problem: WeekProblem, routes: Routes, cand: int, day: int, pos: int, *, reasons: bool = True
) -> str:
    """The day timed with `cand` inserted at `pos`: "fits", or why not: "driving" (over
    the driving limit), "hours" (its opening hours are taken) or "full" (no time left;
    also said without `reasons`, which skips telling it from "hours")."""
    trial = [*routes[day][:pos], cand, *routes[day][pos:]]
    spec = problem.days[day]
    timeline = schedule_day(
        spec, stops_of(problem, day, trial), problem.duration_s, problem.distance_m
    )
    if timeline is None:
        return _timing_cause(problem, trial, day, cand) if reasons else "full"
    return "fits" if timeline.driving_s <= spec.max_drive_s else "driving"


def _quick_verdict(
    problem: WeekProblem, routes: Routes, state: DayState, at: tuple[int, int, int]
) -> str:
    """Cheap necessary conditions before timing the day: "full" (less free time than the
    meeting), "hours" (even the earliest arrival misses its opening hours), "driving" or
    "" (maybe)."""
    cand, day, pos = at
    candidate = problem.candidates[cand]
    # The meeting itself is the only time an insertion surely adds (a detour can be ~0).
    if state.idle_s < candidate.service_s:
        return "full"
    p = places(problem, day, routes[day])
    v, dur = candidate.place, problem.duration_s
    # Lunch and waiting only delay: if even the earliest arrival misses every window, no.
    arrive = state.ready_s[pos] + int(dur[p[pos], v])
    if all(arrive > w.late_s for w in candidate.windows_on(day)):
        return "hours"
    detour = int(dur[p[pos], v]) + int(dur[v, p[pos + 1]]) - int(dur[p[pos], p[pos + 1]])
    if state.driving_s + detour > problem.days[day].max_drive_s:
        return "driving"
    return ""


def day_states(problem: WeekProblem, routes: Routes) -> dict[int, DayState]:
    out: dict[int, DayState] = {}
    for day in range(len(routes)):
        out.update(day_state_of(problem, routes, day))
    return out


def day_state_of(problem: WeekProblem, routes: Routes, day: int) -> dict[int, DayState]:
    route = routes[day]
    spec = problem.days[day]
    t = time_day(problem, day, route)
    if t is None:
        return {day: DayState(0, (spec.start_s,) * (len(route) + 1), spec.max_drive_s)}
    return {day: DayState(idle_seconds(problem, day, route, t), _ready(problem, day, route),
                          t.driving_s)}  # fmt: skip


def _ready(problem: WeekProblem, day: int, route: Sequence[int]) -> tuple[int, ...]:
    """Earliest departure from each place of the route, without a lunch break."""
    spec = problem.days[day]
    p = places(problem, day, route)
    t, out = spec.start_s, [spec.start_s]
    for i, c in enumerate(route):
        t += int(problem.duration_s[p[i], p[i + 1]])
        windows = problem.candidates[c].windows_on(day)
        t = max(t, min((w.early_s for w in windows if w.late_s >= t), default=t))
        t += problem.candidates[c].service_s
        out.append(t)
    return tuple(out)

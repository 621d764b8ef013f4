"""Solve a WeekProblem: build the PyVRP model, run the solver adapter, make routes exact."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planner.domain.deadline import Deadline
from planner.domain.progress import CancelToken, ProgressReporter
from planner.optimise.solver import SolveParams, solve
from planner.optimise.week.decode import solution_routes
from planner.optimise.week.insertion import (
    Routes,
    time_day,
    week_travel_cents,
    week_value_cents,
)
from planner.optimise.week.model import build_data, initial_solution
from planner.optimise.week.problem import WeekProblem
from planner.optimise.week.repair import exchange, fill, repair
from planner.travel.costs import overnight_cost

WarmStart = Sequence[Sequence[tuple[int, int]]]  # per day: (candidate, arrival seconds)


@dataclass(frozen=True)
class WeekParams:
    """How to plan: solver budget and the planner's own switches."""

    time_limit_s: float = 5.0
    seed: int = 0
    max_iterations: int | None = None  # set for bit-for-bit reproducible runs
    overnight: bool = True
    overnight_min_drive_s: int = 75 * 60  # one-way drive that makes a cluster "far"
    keep_days: bool = True  # re-planning: unchanged visits stay on their day

    def __post_init__(self) -> None:
        if self.time_limit_s <= 0:
            raise ValueError(f"time limit must be positive, got {self.time_limit_s}")

    def solver(self) -> SolveParams:
        return SolveParams(
            time_limit_s=self.time_limit_s,
            seed=self.seed,
            max_iterations=self.max_iterations,
        )


@dataclass(frozen=True)
class Solved:
    routes: Routes
    notes: tuple[str, ...]
    value_cents: int
    travel_cents: int
    hotel_cents: int
    seconds: float
    cancelled: bool

    missing_required: int = 0  # locked / must-visit / appointments left out

    @property
    def net_cents(self) -> int:
        return self.value_cents - self.travel_cents - self.hotel_cents

    @property
    def rank(self) -> tuple[int, int]:
        """Plans keeping more of what is required win, then the higher net."""
        return (-self.missing_required, self.net_cents)


def solve_week(
    problem: WeekProblem,
    params: WeekParams,
    progress: ProgressReporter,
    cancel: CancelToken,
    deadline: Deadline,
    *,
    start: Routes | None = None,
    polish: bool = False,
) -> Solved:
    """A start (the greedy week unless `start` is given), the solver, then exact timing,
    all before `deadline`.

    The solver builds its own first plan (a greedy start trapped it in far trips on the
    demo week) unless `polish` asks it to carry on from `start`, a plan already
    optimised. The better of the start and the solver's plan is kept.
    """
    started = time.monotonic()
    data, nodes = build_data(problem)
    seed = start if start is not None else greedy_routes(problem, None)
    best = evaluate(problem, seed)
    finishing = _finishing_time(problem, deadline)
    solver_until = deadline.earlier(finishing)
    if data.num_clients == 0 or solver_until.remaining() <= 0.05 or cancel.cancelled:
        return replace(best, seconds=time.monotonic() - started, cancelled=cancel.cancelled)
    initial = initial_solution(data, nodes, problem, timed(problem, seed)) if polish else None
    result = solve(data, params.solver(), progress, cancel, initial=initial, deadline=solver_until)
    routes, notes = repair(problem, solution_routes(problem, nodes, result.solution))
    if not result.cancelled:
        routes = exchange(problem, fill(problem, routes), deadline.earlier(finishing / 4))
    found = evaluate(problem, routes, tuple(notes))
    if found.rank > best.rank:
        best = found
    return replace(best, seconds=time.monotonic() - started, cancelled=result.cancelled)


def _finishing_time(problem: WeekProblem, deadline: Deadline) -> float:
    """Time kept back from the solver for repair, fill and explanations after it.

    Measured: about 2 ms per candidate (≈2 s for 1 000 candidates on a loaded machine);
    never more than 15 % of the time limit. Exchanges (`repair.exchange`) use what
    is left of it but a quarter.
    """
    return min(deadline.share(0.15), 0.2 + 0.002 * len(problem.candidates))


def greedy_routes(
    problem: WeekProblem, warm: WarmStart | None, until: Deadline | None = None
) -> Routes:
    """The previous plan's routes (when re-planning) made exact, then filled best-first
    until `until` (a start for the solver: partly filled is still a start)."""
    routes = [[c for c, _ in day] for day in warm] if warm else [[] for _ in problem.days]
    routes, _ = repair(problem, routes)
    return fill(problem, routes, until)


def timed(problem: WeekProblem, routes: Routes) -> list[list[tuple[int, int]]]:
    """(candidate, arrival) per day, for `initial_solution` to pick matching windows."""
    out = []
    for day, route in enumerate(routes):
        timeline = time_day(problem, day, route)
        out.append(list(zip(route, timeline.arrivals, strict=True)) if timeline else [])
    return out


def evaluate(
    problem: WeekProblem,
    routes: Routes,
    notes: tuple[str, ...] = (),
    seconds: float = 0.0,
    cancelled: bool = False,
) -> Solved:
    value, travel = week_value_cents(problem, routes), week_travel_cents(problem, routes)
    nights = sum(1 for d in problem.days if d.end_stop is not None and d.end_stop.kind == "hotel")
    hotel = overnight_cost(problem.rep).cents * nights
    planned = {c for route in routes for c in route}
    missing = sum(1 for i, c in enumerate(problem.candidates) if c.required and i not in planned)
    return Solved(routes, notes, value, travel, hotel, seconds, cancelled, missing)

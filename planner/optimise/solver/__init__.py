"""Solver adapter: one entry point that turns a `pyvrp.ProblemData` into the best plan.

The week planner builds the problem (with `pyvrp.Model`) in integer units — seconds,
metres, cents — and calls `solve`; strategies behind it are interchangeable.

    result = solve(data, SolveParams(time_limit_s=10, seed=0), progress, cancel)
    result.solution.routes()  # one route per vehicle used, visits are client indices

Progress is the fraction of the time limit used. A tripped cancel token stops the search
and returns the best plan found so far (never raises).
"""

from __future__ import annotations

import pyvrp

from planner.domain.progress import CancelToken, NeverCancel, NullProgress, ProgressReporter
from planner.optimise.solver.clock import Budget
from planner.optimise.solver.params import STRATEGIES, SolveParams, SolveResult, objective_of
from planner.optimise.solver.pyvrp_run import run_pyvrp

__all__ = [
    "STRATEGIES",
    "SolveParams",
    "SolveResult",
    "objective_of",
    "solve",
]


def solve(
    data: pyvrp.ProblemData,
    params: SolveParams | None = None,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
    initial: pyvrp.Solution | None = None,
) -> SolveResult:
    """Solve `data` within `params.time_limit_s` seconds of wall time."""
    params = params or SolveParams()
    budget = Budget(
        params.time_limit_s, progress or NullProgress(), cancel or NeverCancel(), "routing"
    )
    strategy = "pyvrp" if params.strategy == "auto" else params.strategy
    phase = run_pyvrp(
        data,
        budget,
        params.time_limit_s,
        params.seed,
        initial=initial,
        max_iterations=params.max_iterations,
        display=params.display,
    )
    best = phase.solution
    if initial is not None and _better(data, initial, best):
        best = initial
    budget.finish()
    return SolveResult(
        solution=best,
        objective=objective_of(data, best),
        feasible=bool(best.is_feasible()),
        seconds=budget.elapsed,
        strategy_used=strategy,
        iterations=phase.iterations,
        cancelled=budget.cancelled,
    )


def _better(data: pyvrp.ProblemData, a: pyvrp.Solution, b: pyvrp.Solution) -> bool:
    """Feasible beats infeasible; then the lower objective."""
    if a.is_feasible() != b.is_feasible():
        return bool(a.is_feasible())
    return objective_of(data, a) < objective_of(data, b)

"""Solver adapter: one entry point that turns a `pyvrp.ProblemData` into the best plan.

The week planner builds the problem (with `pyvrp.Model`) in integer units — seconds,
metres, cents — and calls `solve`; strategies behind it are interchangeable
(see `strategies.choose`).

    result = solve(data, SolveParams(time_limit_s=10, seed=0), progress, cancel)
    result.solution.routes()  # one route per vehicle used, visits are client indices

Progress is the fraction of the time limit used. A tripped cancel token stops the search
and returns the best plan found so far (never raises). A warm start (`initial`) is never
lost: the result is at least as good.
"""

from __future__ import annotations

import pyvrp

from planner.domain.deadline import Deadline
from planner.domain.progress import CancelToken, NeverCancel, NullProgress, ProgressReporter
from planner.optimise.solver.clock import Budget
from planner.optimise.solver.params import STRATEGIES, SolveParams, SolveResult, objective_of
from planner.optimise.solver.strategies import STRATEGY_FUNCTIONS, best_of, choose

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
    *,
    deadline: Deadline | None = None,
) -> SolveResult:
    """Solve `data` until the caller's `deadline`, or within `params.time_limit_s` seconds
    from now when the solve is the whole job."""
    params = params or SolveParams()
    deadline = deadline or Deadline.after(params.time_limit_s)
    budget = Budget(deadline, progress or NullProgress(), cancel or NeverCancel())
    strategy = choose(data, params)
    outcome = STRATEGY_FUNCTIONS[strategy](data, params, budget, initial)
    best = outcome.solution
    if best is None:  # only OR-Tools can come back empty-handed
        best = initial if initial is not None else pyvrp.Solution(data, [])
    elif initial is not None:
        best = best_of(data, best, initial)
    budget.finish()
    return SolveResult(
        solution=best,
        objective=objective_of(data, best),
        feasible=bool(best.is_feasible()),
        seconds=budget.elapsed,
        strategy_used=strategy,
        iterations=outcome.iterations,
        second_iterations=outcome.second_iterations,
        cancelled=budget.cancelled,
    )

"""Phase: PyVRP's iterated local search within a slice of the budget."""

from __future__ import annotations

from dataclasses import dataclass

import pyvrp

from planner.optimise.solver.clock import Budget


@dataclass(frozen=True, slots=True)
class PhaseResult:
    solution: pyvrp.Solution
    iterations: int


def run_pyvrp(
    data: pyvrp.ProblemData,
    budget: Budget,
    deadline_s: float,
    seed: int,
    *,
    initial: pyvrp.Solution | None = None,
    max_iterations: int | None = None,
    display: bool = False,
) -> PhaseResult:
    """Search until `deadline_s` on the budget's clock (or cancel / iteration cap)."""
    stop = budget.stop_at(deadline_s, max_iterations)
    result = pyvrp.solve(
        data,
        stop=stop,
        seed=seed,
        collect_stats=False,
        display=display,
        initial_solution=initial,
    )
    return PhaseResult(result.best, int(result.num_iterations))

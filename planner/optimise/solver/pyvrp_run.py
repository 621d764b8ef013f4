"""Phase: PyVRP's iterated local search within a slice of the budget."""

from __future__ import annotations

from dataclasses import dataclass

import pyvrp
from pyvrp.search import NeighbourhoodParams, PerturbationParams

from planner.optimise.solver.clock import Budget

# From this many clients on, PyVRP's defaults (late-acceptance history of 300 solutions,
# 1-25 perturbations) are tuned for far more iterations than a few seconds allow: on the
# generated 300-account week (2,337 clients, 10 s) they ended at a value of ~€14.9k, a
# history of 50 and 1-10 perturbations at ~€18.3k (two seeds each; benchmarks/weekly_bench).
# Asymmetric proximity (each client's neighbours by the cost of going from it, not the
# mean of both directions) then lifted seeds 0-3 on every seed, mean €18.55k → €18.99k;
# neutral on the 1,000-account week at 30 s (€21.1k either way).
LARGE_CLIENTS = 500
_LARGE = pyvrp.SolveParams(
    ils=pyvrp.IteratedLocalSearchParams(history_length=50),
    perturbation=PerturbationParams(1, 10),
    neighbourhood=NeighbourhoodParams(symmetric_proximity=False),
)


@dataclass(frozen=True, slots=True)
class PhaseResult:
    solution: pyvrp.Solution
    iterations: int


def config_for(data: pyvrp.ProblemData, tuned: bool = True) -> pyvrp.SolveParams:
    """PyVRP's defaults for small problems, the short-run tuning for large ones."""
    if tuned and data.num_clients >= LARGE_CLIENTS:
        return _LARGE
    return pyvrp.SolveParams()


def run_pyvrp(
    data: pyvrp.ProblemData,
    budget: Budget,
    deadline_s: float,
    seed: int,
    *,
    initial: pyvrp.Solution | None = None,
    max_iterations: int | None = None,
    display: bool = False,
    tuned: bool = True,
) -> PhaseResult:
    """Search until `deadline_s` on the budget's clock (or cancel / iteration cap)."""
    stop = budget.stop_at(deadline_s, max_iterations)
    result = pyvrp.solve(
        data,
        stop=stop,
        seed=seed,
        collect_stats=False,
        display=display,
        params=config_for(data, tuned),
        initial_solution=initial,
    )
    return PhaseResult(result.best, int(result.num_iterations))

"""Phase: PyVRP's iterated local search within a slice of the budget."""

from __future__ import annotations

from dataclasses import dataclass

import pyvrp
from pyvrp.search import NeighbourhoodParams, PerturbationParams

from planner.optimise.solver.clock import Budget

# From this many clients on, PyVRP's defaults (late-acceptance history of 300 solutions,
# 1-25 perturbations) are tuned for far more iterations than a few seconds allow.
# Measured with benchmarks/weekly_bench on the generated weeks (the week model, one client
# per opening interval: 300 accounts → 495 clients): a history of 50, 1-10 perturbations,
# asymmetric proximity (a client's neighbours by the cost of leaving it) and the greedy
# start (strategies.pyvrp_tuned) reach a net of €73.2-73.7k at 10 s on seeds 0-3 and
# €73.4k at 120 s, where PyVRP's defaults in the hybrid got €70.9-71.7k and €72.9k; at
# 5 s they also win on the 100- and 150-account weeks (165 and 250 clients: €34.1k →
# €34.9k, €50.7k → €51.7k, seeds 0-2). On the 100-client prize-collecting R101 the hybrid
# is better (750.8 vs 744.3), hence the line at 150.
LARGE_CLIENTS = 150
_LARGE = pyvrp.SolveParams(
    ils=pyvrp.IteratedLocalSearchParams(history_length=50),
    perturbation=PerturbationParams(1, 10),
    neighbourhood=NeighbourhoodParams(symmetric_proximity=False),
)


# Below that line, PyVRP's defaults except that the search restarts after 20,000
# iterations without improvement instead of 150,000: on Solomon RC101 at 30 s PyVRP's
# default ended 0.71-0.98 % above the optimum on seeds 0-4 (0.39 % with 50,000), this
# reached it on seeds 0 and 1; C101, R101 and R201 stay optimal, the prize-collecting
# R101 and RC101 unchanged (750.8, 1283.8 at 5 s).
_SMALL = pyvrp.SolveParams(ils=pyvrp.IteratedLocalSearchParams(num_iters_no_improvement=20_000))


@dataclass(frozen=True, slots=True)
class PhaseResult:
    solution: pyvrp.Solution
    iterations: int


def config_for(data: pyvrp.ProblemData, tuned: bool = True) -> pyvrp.SolveParams:
    """Sooner restarts for small problems, the short-run tuning for large ones; PyVRP's
    own defaults when not `tuned` (the PyVRP peer)."""
    if not tuned:
        return pyvrp.SolveParams()
    return _LARGE if data.num_clients >= LARGE_CLIENTS else _SMALL


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

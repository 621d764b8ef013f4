"""The strategies behind `solve`, each spending one Budget, and the rule that picks one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pyvrp

from planner.optimise.solver.clock import Budget
from planner.optimise.solver.construct import greedy_start
from planner.optimise.solver.params import SolveParams, objective_of
from planner.optimise.solver.pyvrp_run import LARGE_CLIENTS, run_pyvrp
from planner.optimise.solver.second_core import SecondSearch, available
from planner.optimise.solver.tsp import run_tsp, tsp_costs


def _ortools() -> ModuleType:
    """The OR-Tools peer, loaded when a plan first needs it (OR-Tools takes ~0.1 s to
    import: not at the app's start)."""
    from planner.optimise.solver import ortools_peer

    return ortools_peer


# The greedy start takes ~0.06 s on 1,600 clients; the cap only matters on slow machines.
_GREEDY_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Outcome:
    solution: pyvrp.Solution | None
    iterations: int
    second_iterations: int = 0  # of `iterations`, the second-core search's


Strategy = Callable[[pyvrp.ProblemData, SolveParams, Budget, pyvrp.Solution | None], Outcome]


def choose(data: pyvrp.ProblemData, params: SolveParams) -> str:
    """`auto`: a plain TSP goes to fast-tsp. The hybrid only for small problems with
    optional clients, where it won (prize-collecting R101 at 30 s: 750.8 against PyVRP's
    744.3, tie on RC101). Everything else goes to tuned PyVRP: reproducible runs
    (max_iterations), problems the OR-Tools model cannot express, classic VRPTW (all
    clients required: OR-Tools is 1-6 % behind PyVRP there, ../shared/bench/README.md,
    so its phase only takes time away) and large problems (OR-Tools' Python callbacks
    made its phase a loss on the 300-account week)."""
    if params.strategy != "auto":
        return params.strategy
    if tsp_costs(data) is not None:
        return "tsp"
    if params.max_iterations is not None or _ortools().unsupported_reason(data) is not None:
        return "tuned"
    if data.num_clients >= LARGE_CLIENTS or not _has_optional(data):
        return "tuned"
    return "hybrid"


def _has_optional(data: pyvrp.ProblemData) -> bool:
    grouped_optional = any(not g.required for g in data.groups())
    return grouped_optional or any(not c.required and c.group is None for c in data.clients())


def pyvrp_tuned(
    data: pyvrp.ProblemData, params: SolveParams, budget: Budget, initial: pyvrp.Solution | None
) -> Outcome:
    """Tuned PyVRP; large problems without a warm start get a greedy one (construct.py).

    Never worse than plain PyVRP at equal time, by construction, below `LARGE_CLIENTS`
    (and when the run is not iteration-bounded): this process runs exactly the search
    plain PyVRP runs (its own configuration, the caller's seed, the whole budget, no
    phase before it), so at any moment its best plan is the one plain PyVRP has after
    the same number of iterations (how many fit in the time is the machine's, alike for
    both). The only extra is the tuned search with the next seed in a background child
    (second_core.py) that takes no CPU from this one; its plan replaces this one only
    when it is better. The tuned configuration here instead was worse on 4 of 12 runs of
    benchmarks/data/solomon_extra (R112 +0.85 %, R205 +0.84 %, RC105 +0.11 %). The
    child at normal priority, gated on the 1-minute load average, took CPU from this
    search on the shared 2-core machine (R201 hierarchical, seed 0, 10 s: 1254.80
    against plain PyVRP's 1253.23).
    """
    large = data.num_clients >= LARGE_CLIENTS
    if initial is None and large:
        initial = greedy_start(data, budget, budget.limit_s * _GREEDY_SHARE)
    tuned = large or params.max_iterations is not None

    def search() -> Outcome:
        return _pyvrp_outcome(data, params, budget, initial, tuned=tuned)

    return _alongside_second_seed(data, params, budget, initial, search)


def _pyvrp_outcome(
    data: pyvrp.ProblemData,
    params: SolveParams,
    budget: Budget,
    initial: pyvrp.Solution | None,
    *,
    tuned: bool,
) -> Outcome:
    """PyVRP for the whole budget, in this process."""
    phase = run_pyvrp(
        data,
        budget,
        budget.limit_s,
        params.seed,
        initial=initial,
        max_iterations=params.max_iterations,
        display=params.display,
        tuned=tuned,
    )
    return Outcome(phase.solution, phase.iterations)


def _second_seed(
    data: pyvrp.ProblemData, params: SolveParams, budget: Budget, initial: pyvrp.Solution | None
) -> SecondSearch | None:
    """Tuned PyVRP with the next seed on the second core, for the rest of the budget,
    when there is one (second_core.py)."""
    if budget.cancelled or not available(budget.remaining, params.max_iterations):
        return None  # a solve cancelled before it starts runs no search at all
    return SecondSearch(data, params.seed, budget.deadline, tuned=True, initial=initial)


def _alongside_second_seed(
    data: pyvrp.ProblemData,
    params: SolveParams,
    budget: Budget,
    initial: pyvrp.Solution | None,
    search: Callable[[], Outcome],
) -> Outcome:
    """Run `search` here while the second core searches too; keep the better plan."""
    child = _second_seed(data, params, budget, initial)
    try:
        outcome = search()
    finally:  # the child stops when told, also when this search fails
        other = child.result() if child is not None else None
    return _with_second(data, outcome, other)


def _with_second(
    data: pyvrp.ProblemData, outcome: Outcome, other: tuple[pyvrp.Solution, int] | None
) -> Outcome:
    """The better of this process's plan and the second core's; iterations add up."""
    if other is None or outcome.solution is None:
        return outcome
    solution = best_of(data, outcome.solution, other[0])
    return Outcome(solution, outcome.iterations + other[1], other[1])


def pyvrp_alone(
    data: pyvrp.ProblemData, params: SolveParams, budget: Budget, initial: pyvrp.Solution | None
) -> Outcome:
    """The PyVRP peer: its default configuration, as a user of PyVRP would run it."""
    return _pyvrp_outcome(data, params, budget, initial, tuned=False)


def ortools_only(
    data: pyvrp.ProblemData, params: SolveParams, budget: Budget, initial: pyvrp.Solution | None
) -> Outcome:
    return Outcome(_ortools().run_ortools(data, budget, budget.limit_s, initial), 0)


def hybrid(
    data: pyvrp.ProblemData, params: SolveParams, budget: Budget, initial: pyvrp.Solution | None
) -> Outcome:
    """PyVRP first, then OR-Tools' guided local search from PyVRP's best.

    Measured on the prize-collecting R101 (5 routes): PyVRP alone stalls at 744.3,
    OR-Tools alone reaches 750.8, and OR-Tools started from PyVRP's plan reaches 750.8
    in 2 s; on RC101 PyVRP leads (1283.8 vs 1221-1234) and needs its share of the time.
    The OR-Tools phase keeps its start when it finds nothing better.
    The second core runs PyVRP with another seed all along (the OR-Tools phase keeps
    starting from this process's PyVRP plan, the start the shares were measured with).
    Unlike `pyvrp_tuned` this is not plain PyVRP's search plus extras, so it is not
    never-worse by construction: side by side with plain PyVRP at 10 s (load 7-8,
    objective, lower is better) R101 17,463 / 17,442 against 17,467 / 17,761 on seeds
    0 / 1, RC101 20,297 / 20,580 against 20,212 / 20,580.
    """
    return _alongside_second_seed(
        data, params, budget, initial, lambda: _pyvrp_then_ortools(data, params, budget, initial)
    )


def _pyvrp_then_ortools(
    data: pyvrp.ProblemData, params: SolveParams, budget: Budget, initial: pyvrp.Solution | None
) -> Outcome:
    first = run_pyvrp(
        data,
        budget,
        budget.limit_s * (1.0 - params.ortools_share),
        params.seed,
        initial=initial,
        display=params.display,
    )
    if budget.cancelled or budget.remaining <= 0:
        return Outcome(first.solution, first.iterations)
    start = first.solution if first.solution.is_feasible() else None
    second = _ortools().run_ortools(data, budget, budget.limit_s, start)
    return Outcome(best_of(data, first.solution, second), first.iterations)


def tsp(
    data: pyvrp.ProblemData, params: SolveParams, budget: Budget, initial: pyvrp.Solution | None
) -> Outcome:
    costs = tsp_costs(data)
    if costs is None:
        raise ValueError("strategy 'tsp' needs a plain TSP (one vehicle, no windows, ...)")
    solution, slices = run_tsp(data, costs, budget, budget.limit_s)
    return Outcome(solution, slices)


STRATEGY_FUNCTIONS: dict[str, Strategy] = {
    "tuned": pyvrp_tuned,
    "pyvrp": pyvrp_alone,
    "ortools": ortools_only,
    "hybrid": hybrid,
    "tsp": tsp,
}


def best_of(data: pyvrp.ProblemData, a: pyvrp.Solution, b: pyvrp.Solution | None) -> pyvrp.Solution:
    """Feasible beats infeasible; then the lower objective; ties keep `a`."""
    if b is None:
        return a
    if a.is_feasible() != b.is_feasible():
        return a if a.is_feasible() else b
    return b if objective_of(data, b) < objective_of(data, a) else a

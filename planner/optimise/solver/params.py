"""Parameters and results of the solver adapter (integer units at the boundary)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import pyvrp

STRATEGIES: Final = ("auto", "tuned", "hybrid", "tsp", "pyvrp", "ortools")
"""`tuned`: PyVRP's iterated local search, tuned for short runs on large problems.
`hybrid`: tuned PyVRP for (1 − ortools_share) of the time, then OR-Tools from its best.
`tsp`: fast-tsp, for plain TSPs only. `auto`: picks one of those from the instance.
The peers, for comparison: `pyvrp` (PyVRP with its defaults) and `ortools` (the OR-Tools
model of the same problem) alone."""


@dataclass(frozen=True, slots=True)
class SolveParams:
    """How long and how to search.

    With `max_iterations` set (and a generous time limit) a run is reproducible
    bit for bit for a given seed; with a time limit alone the search follows the same
    trajectory for a seed but stops wherever the clock says.
    """

    time_limit_s: float = 5.0
    seed: int = 0
    strategy: str = "auto"
    max_iterations: int | None = None
    # 0.4: the smallest share with which the hybrid matched or beat both peers on the
    # prize-collecting R101 and RC101 at 5, 10 and 30 s (0.25 lost R101 at 5 s).
    ortools_share: float = 0.4
    display: bool = False

    def __post_init__(self) -> None:
        if not math.isfinite(self.time_limit_s) or self.time_limit_s <= 0:
            raise ValueError(f"time_limit_s must be a positive number, got {self.time_limit_s}")
        if not 0 <= self.seed < 2**31:
            raise ValueError(f"seed must be in [0, 2**31), got {self.seed}")
        if self.strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {self.strategy!r}; choose one of {STRATEGIES}")
        if self.max_iterations is not None and self.max_iterations < 0:
            raise ValueError(f"max_iterations must be >= 0, got {self.max_iterations}")
        if not 0.0 < self.ortools_share < 1.0:
            raise ValueError(f"ortools_share must be in (0, 1), got {self.ortools_share}")


@dataclass(frozen=True, slots=True)
class SolveResult:
    """The best plan found.

    `objective` is PyVRP's integer cost of the solution: fixed vehicle + distance +
    duration costs + the prizes of the clients left out (lower is better). It equals
    "costs − collected prizes" plus the constant sum of all prizes, so comparing plans of
    one instance by either is the same. It is computed without penalties, also when the
    plan is infeasible (then `feasible` is False).
    """

    solution: pyvrp.Solution
    objective: int
    feasible: bool
    seconds: float
    strategy_used: str
    iterations: int
    cancelled: bool = False
    second_iterations: int = 0  # of `iterations`, those of the second-core search

    @property
    def prizes_collected(self) -> int:
        return int(self.solution.prizes())

    @property
    def distance(self) -> int:
        return int(self.solution.distance())

    @property
    def duration(self) -> int:
        return int(self.solution.duration())


def objective_of(data: pyvrp.ProblemData, solution: pyvrp.Solution) -> int:
    """PyVRP's cost of `solution` with zero penalties, defined for infeasible plans too."""
    evaluator = pyvrp.CostEvaluator([0] * data.num_load_dimensions, 0, 0)
    return int(evaluator.penalised_cost(solution))

"""Manager mode: balanced, compact territories (min-cost flow on micro-cells, then repair)."""

from planner.optimise.territories.flow import InfeasibleBalance
from planner.optimise.territories.metrics import (
    AssignmentMetrics,
    Comparison,
    TerritoryMetrics,
    compare,
    evaluate,
    reassign,
    spread,
)
from planner.optimise.territories.problem import (
    Anchor,
    Balance,
    BalanceSettings,
    KeepTogether,
    TerritoryProblem,
    build_problem,
)
from planner.optimise.territories.solve import Solution, solve

__all__ = [
    "Anchor",
    "AssignmentMetrics",
    "Balance",
    "BalanceSettings",
    "Comparison",
    "InfeasibleBalance",
    "KeepTogether",
    "Solution",
    "TerritoryMetrics",
    "TerritoryProblem",
    "build_problem",
    "compare",
    "evaluate",
    "reassign",
    "solve",
    "spread",
]

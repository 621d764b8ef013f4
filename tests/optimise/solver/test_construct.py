from __future__ import annotations

import pyvrp

from planner.domain.deadline import Deadline
from planner.domain.progress import NeverCancel, NullProgress
from planner.optimise.solver import objective_of
from planner.optimise.solver.clock import Budget
from planner.optimise.solver.construct import greedy_start


def _start(data: pyvrp.ProblemData) -> pyvrp.Solution:
    return greedy_start(data, Budget(Deadline.after(5.0), NullProgress(), NeverCancel()), 5.0)


def test_greedy_start_is_feasible_and_covers_required_groups(grouped: pyvrp.ProblemData) -> None:
    start = _start(grouped)
    assert start.is_feasible()
    assert start.num_missing_groups() == 0
    visited = [a.idx for r in start.routes() for a in r if a.is_client()]
    groups = [grouped.client(i).group for i in visited if grouped.client(i).group is not None]
    assert len(groups) == len(set(groups))


def test_greedy_start_only_takes_visits_that_pay(prize_line: pyvrp.ProblemData) -> None:
    start = _start(prize_line)
    visited = sorted(a.idx for r in start.routes() for a in r if a.is_client())
    assert visited == [0, 1]
    assert objective_of(prize_line, start) == 15


def test_greedy_start_respects_windows_and_shifts(two_depot_week: pyvrp.ProblemData) -> None:
    start = _start(two_depot_week)
    assert start.is_feasible()
    assert start.num_clients() >= 1

from __future__ import annotations

import time

import pytest
import pyvrp

from planner.domain.deadline import Deadline
from planner.optimise.solver import SolveParams, objective_of, second_core, solve
from planner.optimise.solver.second_core import SecondSearch, available


def test_only_for_long_unbounded_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert available(5.0, None)
    assert not available(5.0, 100)  # reproducible runs stay single-process
    assert not available(second_core.MIN_PHASE_S / 2, None)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert not available(5.0, None)


def test_child_stops_when_told_and_returns_its_best(small_vrptw: pyvrp.ProblemData) -> None:
    deadline = Deadline.after(60.0)
    child = SecondSearch(small_vrptw, seed=3, deadline=deadline, tuned=True, initial=None)
    time.sleep(1.5)  # the child starts Python and PyVRP, then searches
    started = time.monotonic()
    got = child.result()  # as on cancel or at the parent's deadline
    # Generous: it must stop when told, not run on to its 60 s deadline (a busy machine is slow).
    assert time.monotonic() - started < 15.0
    assert got is not None
    solution, iterations = got
    assert solution.is_feasible() and iterations > 0
    assert objective_of(small_vrptw, solution) > 0


def test_solve_with_two_seeds_is_feasible(
    small_vrptw: pyvrp.ProblemData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(second_core, "MIN_PHASE_S", 0.5)
    result = solve(small_vrptw, SolveParams(time_limit_s=1.5, strategy="tuned"))
    assert result.feasible
    assert result.seconds < 15.0  # stops near its limit, not after the second search's own


def test_a_second_search_only_on_a_free_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.getloadavg", lambda: (0.9, 0.5, 0.5))
    assert second_core.core_free()
    monkeypatch.setattr("os.getloadavg", lambda: (9.0, 9.0, 9.0))  # a shared, busy machine
    assert not second_core.core_free()

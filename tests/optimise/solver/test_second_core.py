from __future__ import annotations

import os
import pickle
import signal
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


def test_child_stops_when_told_and_returns_its_best(
    small_vrptw: pyvrp.ProblemData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(second_core, "_GRACE_S", 15.0)  # a busy machine starts it slowly
    deadline = Deadline.after(60.0)
    # At normal priority: an idle-priority child on a busy test machine may get no CPU.
    child = SecondSearch(
        small_vrptw, seed=3, deadline=deadline, tuned=True, initial=None, background=False
    )
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
    assert 0 <= result.second_iterations <= result.iterations  # its share is counted apart


@pytest.mark.skipif(not hasattr(os, "sched_getscheduler"), reason="Linux scheduling policy")
def test_the_child_only_uses_idle_cpu(small_vrptw: pyvrp.ProblemData) -> None:
    """It must never take CPU from the search beside it (nor from the user's programs)."""
    child = SecondSearch(
        small_vrptw, seed=3, deadline=Deadline.after(30.0), tuned=True, initial=None
    )
    try:
        assert os.sched_getscheduler(child._proc.pid) == os.SCHED_IDLE
    finally:
        child.result()


def test_a_starved_child_costs_at_most_the_grace(
    small_vrptw: pyvrp.ProblemData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that never answers (a busy machine) is dropped after the grace period."""
    monkeypatch.setattr(second_core, "_GRACE_S", 0.2)
    child = SecondSearch(
        small_vrptw, seed=3, deadline=Deadline.after(30.0), tuned=True, initial=None
    )
    os.kill(child._proc.pid, signal.SIGSTOP)  # as if it never got the CPU
    started = time.monotonic()
    assert child.result() is None
    assert time.monotonic() - started < 5.0


def _with_fixed_cost(data: pyvrp.ProblemData) -> pyvrp.ProblemData:
    vt = data.vehicle_type(0).replace(fixed_cost=10_000)
    return data.replace(vehicle_types=[vt])


def test_a_plan_from_another_process_keeps_its_fixed_costs(
    small_vrptw: pyvrp.ProblemData,
) -> None:
    """PyVRP's pickle drops a route's fixed vehicle cost; the child's plan would then
    always look cheaper than this process's one and replace it (more vehicles)."""
    data = _with_fixed_cost(small_vrptw)
    solution = pyvrp.solve(data, stop=pyvrp.stop.MaxIterations(50), seed=0).best
    assert solution.num_routes() >= 2
    moved = second_core.rebuilt(data, pickle.loads(pickle.dumps(solution)))
    assert objective_of(data, moved) == objective_of(data, solution) > 20_000
    assert moved == solution


def test_the_child_plan_is_judged_by_its_true_cost(
    small_vrptw: pyvrp.ProblemData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(second_core, "_GRACE_S", 15.0)
    data = _with_fixed_cost(small_vrptw)
    child = SecondSearch(
        data, seed=3, deadline=Deadline.after(60.0), tuned=True, initial=None, background=False
    )
    time.sleep(1.5)
    got = child.result()
    assert got is not None
    solution = got[0]
    routes = [pyvrp.Route(data, list(r)[1:-1], r.vehicle_type()) for r in solution.routes()]
    fresh = pyvrp.Solution(data, routes)
    assert objective_of(data, solution) == objective_of(data, fresh)
    assert objective_of(data, solution) >= 10_000 * solution.num_routes()

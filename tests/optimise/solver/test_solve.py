from __future__ import annotations

import dataclasses
import time

import pytest
import pyvrp

from planner.domain.progress import CancelFlag
from planner.optimise.solver import SolveParams, SolveResult, objective_of, solve


class Recorder:
    def __init__(self) -> None:
        self.fractions: list[float] = []

    def report(self, fraction: float, message: str = "") -> None:
        self.fractions.append(fraction)


class CancelAfter:
    """Trips itself after `n` reads, i.e. after n solver iterations."""

    def __init__(self, n: int) -> None:
        self.reads = 0
        self.n = n

    @property
    def cancelled(self) -> bool:
        self.reads += 1
        return self.reads > self.n


@pytest.mark.parametrize(
    "kwargs",
    [
        {"time_limit_s": 0},
        {"time_limit_s": -1.0},
        {"time_limit_s": float("nan")},
        {"seed": -1},
        {"strategy": "magic"},
        {"max_iterations": -5},
        {"ortools_share": 1.0},
    ],
)
def test_params_reject_bad_values(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        SolveParams(**kwargs)  # type: ignore[arg-type]


def test_params_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SolveParams().seed = 3  # type: ignore[misc]


def test_solves_small_vrptw_feasibly(small_vrptw: pyvrp.ProblemData) -> None:
    result = solve(small_vrptw, SolveParams(time_limit_s=5, max_iterations=300))
    assert isinstance(result, SolveResult)
    assert result.feasible
    assert result.solution.num_clients() == small_vrptw.num_clients
    assert result.objective == objective_of(small_vrptw, result.solution)
    assert result.objective == result.solution.distance()
    assert result.iterations > 0
    assert result.strategy_used == "tuned"
    assert not result.cancelled


def test_prizes_leave_out_the_far_cheap_client(prize_line: pyvrp.ProblemData) -> None:
    result = solve(prize_line, SolveParams(time_limit_s=5, max_iterations=200))
    visited = sorted(a.idx for route in result.solution.routes() for a in route if a.is_client())
    assert visited == [0, 1]
    # distance 10 out and back, the far client's prize 5 uncollected
    assert result.objective == 10 + 5
    assert result.prizes_collected == 100


def test_same_seed_same_plan(small_vrptw: pyvrp.ProblemData) -> None:
    params = SolveParams(time_limit_s=30, seed=7, max_iterations=150)
    first, second = solve(small_vrptw, params), solve(small_vrptw, params)
    assert first.solution == second.solution


def test_cancel_returns_best_so_far(small_vrptw: pyvrp.ProblemData) -> None:
    start = time.perf_counter()
    result = solve(small_vrptw, SolveParams(time_limit_s=30), cancel=CancelAfter(20))
    assert time.perf_counter() - start < 5
    assert result.cancelled
    assert result.solution.num_clients() == small_vrptw.num_clients


def test_cancel_before_start_still_returns_a_plan(small_vrptw: pyvrp.ProblemData) -> None:
    flag = CancelFlag()
    flag.cancel()
    result = solve(small_vrptw, SolveParams(time_limit_s=30), cancel=flag)
    assert result.cancelled
    assert result.iterations == 0


def test_progress_is_fraction_of_time(small_vrptw: pyvrp.ProblemData) -> None:
    recorder = Recorder()
    solve(small_vrptw, SolveParams(time_limit_s=0.3), progress=recorder)
    assert len(recorder.fractions) >= 2
    assert all(0.0 <= f <= 1.0 for f in recorder.fractions)
    assert recorder.fractions == sorted(recorder.fractions)
    assert recorder.fractions[-1] == 1.0


def test_time_limit_is_honoured(small_vrptw: pyvrp.ProblemData) -> None:
    result = solve(small_vrptw, SolveParams(time_limit_s=0.3))
    assert result.seconds < 1.0


def test_warm_start_is_never_lost(small_vrptw: pyvrp.ProblemData) -> None:
    best = solve(small_vrptw, SolveParams(time_limit_s=5, max_iterations=300)).solution
    again = solve(small_vrptw, SolveParams(max_iterations=0), initial=best)
    assert again.solution == best

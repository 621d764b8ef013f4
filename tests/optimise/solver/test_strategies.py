from __future__ import annotations

import threading
import time

import pytest
import pyvrp

from planner.domain.progress import CancelFlag
from planner.optimise.solver import SolveParams, objective_of, solve, strategies
from planner.optimise.solver.pyvrp_run import LARGE_CLIENTS, config_for
from planner.optimise.solver.tsp import tsp_costs


def test_auto_picks_by_instance(
    random_tsp: pyvrp.ProblemData, small_vrptw: pyvrp.ProblemData, grouped: pyvrp.ProblemData
) -> None:
    assert solve(random_tsp, SolveParams(time_limit_s=0.3)).strategy_used == "tsp"
    assert solve(grouped, SolveParams(time_limit_s=0.3)).strategy_used == "hybrid"
    # every client required: a classic VRPTW, where OR-Tools' phase does not pay
    assert solve(small_vrptw, SolveParams(time_limit_s=0.3)).strategy_used == "tuned"
    reproducible = SolveParams(time_limit_s=5, max_iterations=50)
    assert solve(small_vrptw, reproducible).strategy_used == "tuned"


def test_tsp_is_only_for_plain_tsps(
    random_tsp: pyvrp.ProblemData, small_vrptw: pyvrp.ProblemData
) -> None:
    assert tsp_costs(random_tsp) is not None
    assert tsp_costs(small_vrptw) is None
    with pytest.raises(ValueError, match="plain TSP"):
        solve(small_vrptw, SolveParams(time_limit_s=0.2, strategy="tsp"))


def test_tsp_tour_is_at_least_as_good_as_pyvrp(random_tsp: pyvrp.ProblemData) -> None:
    tour = solve(random_tsp, SolveParams(time_limit_s=0.5, strategy="tsp"))
    ils = solve(random_tsp, SolveParams(time_limit_s=0.5, strategy="pyvrp"))
    assert tour.feasible
    assert tour.solution.num_clients() == random_tsp.num_clients
    assert tour.objective <= ils.objective


@pytest.mark.parametrize("strategy", ["hybrid", "ortools", "pyvrp", "tuned"])
def test_every_strategy_gives_a_feasible_plan(
    strategy: str, two_depot_week: pyvrp.ProblemData
) -> None:
    result = solve(two_depot_week, SolveParams(time_limit_s=0.4, strategy=strategy))
    assert result.feasible
    assert result.objective == objective_of(two_depot_week, result.solution)
    assert result.seconds < 1.5


def test_hybrid_not_worse_than_its_pyvrp_phase(two_depot_week: pyvrp.ProblemData) -> None:
    hybrid = solve(two_depot_week, SolveParams(time_limit_s=0.6, strategy="hybrid"))
    pyvrp_phase = solve(two_depot_week, SolveParams(time_limit_s=0.45, strategy="pyvrp"))
    assert hybrid.objective <= pyvrp_phase.objective


def test_cancel_stops_ortools(small_vrptw: pyvrp.ProblemData) -> None:
    flag = CancelFlag()
    threading.Timer(0.3, flag.cancel).start()
    start = time.perf_counter()
    result = solve(small_vrptw, SolveParams(time_limit_s=20, strategy="ortools"), cancel=flag)
    assert time.perf_counter() - start < 3
    assert result.cancelled
    assert result.feasible


def test_large_problems_get_the_short_run_tuning(small_vrptw: pyvrp.ProblemData) -> None:
    small = config_for(small_vrptw)
    assert small != pyvrp.SolveParams()
    assert small.ils.num_iters_no_improvement < pyvrp.SolveParams().ils.num_iters_no_improvement
    client = small_vrptw.client(0)
    large = small_vrptw.replace(clients=[client] * LARGE_CLIENTS)
    assert config_for(large) not in (small, pyvrp.SolveParams())
    assert config_for(large).ils.history_length < pyvrp.SolveParams().ils.history_length
    # The PyVRP peer runs PyVRP's own defaults.
    assert config_for(small_vrptw, tuned=False) == pyvrp.SolveParams()
    assert config_for(large, tuned=False) == pyvrp.SolveParams()


def test_below_large_the_default_runs_plain_pyvrps_own_search(
    small_vrptw: pyvrp.ProblemData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never worse than plain PyVRP by construction: the same search (configuration,
    seed, whole budget, no warm start), only a background second seed beside it."""
    calls: dict[str, dict[str, object]] = {}
    real = strategies.run_pyvrp

    def spy(data, budget, deadline_s, seed, **kwargs):  # type: ignore[no-untyped-def]
        calls[strategy] = {"deadline": deadline_s, "seed": seed, **kwargs}
        return real(data, budget, deadline_s, seed, **kwargs)

    monkeypatch.setattr(strategies, "run_pyvrp", spy)
    monkeypatch.setattr(strategies, "available", lambda *_: False)  # no child here
    for strategy in ("auto", "pyvrp"):
        solve(small_vrptw, SolveParams(time_limit_s=0.5, seed=7, strategy=strategy))
    assert calls["auto"]["tuned"] is False
    assert calls["auto"].keys() == calls["pyvrp"].keys()
    for key in calls["auto"]:
        if key != "deadline":  # each solve's own 0.5 s budget, measured from its start
            assert calls["auto"][key] == calls["pyvrp"][key], key
    assert abs(float(calls["auto"]["deadline"]) - float(calls["pyvrp"]["deadline"])) < 0.1

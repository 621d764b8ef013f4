from __future__ import annotations

import pytest
import pyvrp

from planner.domain.deadline import Deadline
from planner.domain.progress import NeverCancel, NullProgress
from planner.optimise.solver import SolveParams, objective_of, solve
from planner.optimise.solver.clock import Budget
from planner.optimise.solver.ortools_peer import (
    OrToolsModel,
    _search_parameters,
    run_ortools,
    unsupported_reason,
)


def _solve_model(data: pyvrp.ProblemData) -> tuple[OrToolsModel, int, pyvrp.Solution]:
    model = OrToolsModel(data)
    assignment = model.routing.SolveWithParameters(_search_parameters(0.5))
    assert assignment is not None
    solution = pyvrp.Solution(data, model.routes_of(assignment))
    return model, int(assignment.ObjectiveValue()), solution


@pytest.mark.parametrize("name", ["small_vrptw", "prize_line", "two_depot_week", "grouped"])
def test_same_objective_and_feasibility_as_pyvrp(name: str, request: pytest.FixtureRequest) -> None:
    data: pyvrp.ProblemData = request.getfixturevalue(name)
    _, ortools_objective, solution = _solve_model(data)
    assert solution.is_feasible()
    assert objective_of(data, solution) == ortools_objective


def test_optional_far_client_left_out(prize_line: pyvrp.ProblemData) -> None:
    _, objective, solution = _solve_model(prize_line)
    assert objective == 15
    assert solution.num_clients() == 2


def test_warm_start_round_trip(two_depot_week: pyvrp.ProblemData) -> None:
    _, _, solution = _solve_model(two_depot_week)
    model = OrToolsModel(two_depot_week)
    start = model.assignment_of(solution)
    assert start is not None
    assert pyvrp.Solution(two_depot_week, model.routes_of(start)) == solution


def test_run_keeps_a_warm_start_at_least(small_vrptw: pyvrp.ProblemData) -> None:
    budget = Budget(Deadline.after(0.3), NullProgress(), NeverCancel())
    first = run_ortools(small_vrptw, budget, 0.3)
    assert first is not None
    budget = Budget(Deadline.after(0.3), NullProgress(), NeverCancel())
    again = run_ortools(small_vrptw, budget, 0.3, first)
    assert again is not None
    assert objective_of(small_vrptw, again) <= objective_of(small_vrptw, first)


def test_unsupported_features_are_named(small_vrptw: pyvrp.ProblemData) -> None:
    assert unsupported_reason(small_vrptw) is None
    released = small_vrptw.replace(
        clients=[
            pyvrp.Client(location=c.location, delivery=c.delivery, release_time=5)
            for c in small_vrptw.clients()
        ]
    )
    assert unsupported_reason(released) == "release times and pickups"
    with pytest.raises(ValueError, match="release times"):
        OrToolsModel(released)


def test_groups_match_pyvrp_optimum(grouped: pyvrp.ProblemData) -> None:
    _, objective, solution = _solve_model(grouped)
    exact = solve(grouped, SolveParams(time_limit_s=5, max_iterations=500))
    assert solution.is_feasible()
    assert objective == exact.objective
    assert solution.num_missing_groups() == 0


def test_callback_transits_for_large_models_give_the_same_objective(
    grouped: pyvrp.ProblemData, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, with_matrix, _ = _solve_model(grouped)
    monkeypatch.setattr("planner.optimise.solver.ortools_peer._MATRIX_MAX_NODES", 0)
    _, with_callback, solution = _solve_model(grouped)
    assert with_callback == with_matrix == objective_of(grouped, solution)

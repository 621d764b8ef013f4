"""Phase: a plain travelling salesman tour with fast-tsp (Or-opt / Lin-Kernighan local
search in C++, MIT licence).

PyVRP has no intra-route 2-opt and stalls 1-4 % above optimum on TSPLIB; fast-tsp reaches
the optimum of berlin52..a280 in 0.5 s (benchmarks/routing.py). It only fits a problem
that *is* a TSP: one vehicle, one depot, every client required, no binding windows,
loads or limits, and a symmetric cost matrix.
"""

from __future__ import annotations

import fast_tsp
import numpy as np
import numpy.typing as npt
import pyvrp

from planner.optimise.solver.clock import Budget

_UNBOUNDED = np.iinfo(np.int64).max
# Cancel is only checked between slices (fast-tsp cannot be interrupted), so a slice is
# short; each slice restarts, which doubles as multi-start.
_MIN_SLICE_S = 0.5


def tsp_costs(data: pyvrp.ProblemData) -> npt.NDArray[np.int64] | None:
    """The symmetric arc-cost matrix over [depot, clients...] if `data` is a plain TSP."""
    if data.num_vehicles != 1 or data.num_depots != 1 or data.num_clients < 2:
        return None
    if data.num_groups or data.num_shipments:
        return None
    vt = data.vehicle_type(0)
    limits = (vt.tw_late, vt.start_late, vt.max_duration, vt.max_distance)
    if vt.tw_early or any(lim != _UNBOUNDED for lim in limits) or vt.reload_depots:
        return None
    clients = data.clients()
    if any(
        not c.required or c.release_time or c.tw_early or c.tw_late != _UNBOUNDED for c in clients
    ):
        return None
    depot = data.depot(0)
    if depot.tw_early or depot.tw_late != _UNBOUNDED:
        return None
    total = np.sum([c.delivery for c in clients], axis=0, dtype=np.int64)
    if any(int(t) > cap for t, cap in zip(np.atleast_1d(total), vt.capacity, strict=False)):
        return None
    locs = np.asarray([depot.location] + [c.location for c in clients])
    dist = np.asarray(data.distance_matrix(vt.profile), dtype=np.int64)[np.ix_(locs, locs)]
    dur = np.asarray(data.duration_matrix(vt.profile), dtype=np.int64)[np.ix_(locs, locs)]
    # Without windows nobody waits, so the duration cost is travel plus constant service.
    cost = vt.unit_distance_cost * dist + vt.unit_duration_cost * dur
    return cost if np.array_equal(cost, cost.T) else None


def run_tsp(
    data: pyvrp.ProblemData, costs: npt.NDArray[np.int64], budget: Budget, deadline_s: float
) -> tuple[pyvrp.Solution, int]:
    """Best tour over restarts until `deadline_s` or until a restart finds nothing better
    (tours of up to 20 nodes are exact at once); returns it and the number of slices."""
    matrix = costs.tolist()
    best: list[int] | None = None
    best_cost = 0.0
    slices = 0
    limit = max(_MIN_SLICE_S, budget.limit_s / 4)
    improved = True
    while best is None or (
        improved and not budget.cancelled and deadline_s - budget.elapsed > 0.05
    ):
        seconds = max(0.01, min(limit, deadline_s - budget.elapsed))
        tour = fast_tsp.find_tour(matrix, seconds, stop_when_converged=True)
        cost = fast_tsp.compute_cost(tour, matrix)
        slices += 1
        budget.tick("routing (TSP)")
        improved = best is None or (cost < best_cost and len(matrix) > 20)
        if best is None or cost < best_cost:
            best, best_cost = tour, cost
    start = best.index(0)
    visits = [node - 1 for node in best[start + 1 :] + best[:start]]
    return pyvrp.Solution(data, [pyvrp.Route(data, visits, 0)] if visits else []), slices

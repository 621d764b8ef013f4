"""OR-Tools routing model of a `pyvrp.ProblemData`: the peer we compare against and a
source of warm starts.

The model has the same objective as PyVRP (arc distance × unit distance cost, route
duration × unit duration cost, fixed vehicle costs, uncollected prizes as disjunction
penalties) and the same constraints for the features the week planner uses: depots per
vehicle type, vehicle shift windows and latest start, shift duration (with paid overtime),
maximum distance, client time windows and service durations, capacities with deliveries,
optional clients with prizes, mutually exclusive client groups, several profiles.
`unsupported_reason` names what it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyvrp
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from planner.optimise.solver.clock import Budget

IntMatrix = npt.NDArray[np.int64]
# Above this many nodes a full node matrix as Python lists costs too much memory.
_MATRIX_MAX_NODES = 1500


def unsupported_reason(data: pyvrp.ProblemData) -> str | None:
    """Why this model cannot represent `data` faithfully, or None when it can."""
    if data.num_shipments:
        return "shipments"
    if any(c.release_time or any(c.pickup) for c in data.clients()):
        return "release times and pickups"
    if any(d.service_duration for d in data.depots()):
        return "depot service durations"
    for vt in data.vehicle_types():
        if vt.reload_depots or any(vt.initial_load):
            return "reloading and initial loads"
    return None


@dataclass(frozen=True, slots=True)
class _Nodes:
    """OR-Tools node n: depots first (n < num_depots), then clients."""

    locations: list[int]
    service: list[int]
    vehicle_types: list[int]  # vehicle type of each expanded OR-Tools vehicle
    horizon: int


def _nodes(data: pyvrp.ProblemData) -> _Nodes:
    clients = data.clients()
    locations = [d.location for d in data.depots()] + [c.location for c in clients]
    service = [0] * data.num_depots + [c.service_duration for c in clients]
    vts = [t for t, vt in enumerate(data.vehicle_types()) for _ in range(vt.num_available)]
    return _Nodes(locations, service, vts, _horizon(data, service))


def _horizon(data: pyvrp.ProblemData, service: list[int]) -> int:
    """A finite bound on every time: the latest finite window, or a route through all."""
    finite = [c.tw_late for c in data.clients()] + [d.tw_late for d in data.depots()]
    finite += [vt.tw_late for vt in data.vehicle_types()]
    cap = 2**40  # far above any week in seconds, far below int64 overflow when summed
    bounded = [t for t in finite if t < cap]
    durations = [np.asarray(m, dtype=np.int64) for m in data.duration_matrices()]
    longest = sum(int(m.max()) for m in durations) * (data.num_clients + 1)
    return min(cap, max([*bounded, 0]) + longest + sum(service))


class OrToolsModel:
    """The OR-Tools routing model of one ProblemData (built once, solvable once)."""

    def __init__(self, data: pyvrp.ProblemData) -> None:
        reason = unsupported_reason(data)
        if reason is not None:
            raise ValueError(f"the OR-Tools peer does not model {reason}")
        self.data = data
        self.nodes = _nodes(data)
        vts = data.vehicle_types()
        starts = [vts[t].start_depot for t in self.nodes.vehicle_types]
        ends = [vts[t].end_depot for t in self.nodes.vehicle_types]
        self.manager = pywrapcp.RoutingIndexManager(
            len(self.nodes.locations), len(starts), starts, ends
        )
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._callbacks: list[object] = []
        self._add_costs()
        self._add_time()
        self._add_loads()
        self._add_distance_limits()
        self._add_prizes()

    def _register(self, matrix: npt.ArrayLike, row_extra: npt.NDArray[np.int64]) -> int:
        """A transit evaluator: matrix[location(i), location(j)] + row_extra[node(i)].

        Small models get a full node matrix (no Python in the search loop); large ones,
        whose node matrix would take gigabytes as Python lists (the week model has one
        node per account and opening window), a callback over the location matrix."""
        locs = np.asarray(self.nodes.locations)
        full = np.asarray(matrix, dtype=np.int64)
        if len(locs) <= _MATRIX_MAX_NODES:
            node_matrix = full[np.ix_(locs, locs)] + row_extra[:, None]
            return int(self.routing.RegisterTransitMatrix(node_matrix.tolist()))
        rows = full.tolist()
        index_count = self.manager.GetNumberOfIndices()
        node_of = [self.manager.IndexToNode(k) for k in range(index_count)]
        loc_of = [self.nodes.locations[n] for n in node_of]
        extra_of = [int(row_extra[n]) for n in node_of]

        def transit(i: int, j: int) -> int:
            return int(rows[loc_of[i]][loc_of[j]] + extra_of[i])

        self._callbacks.append(transit)  # OR-Tools does not own Python callables
        return int(self.routing.RegisterTransitCallback(transit))

    def _add_costs(self) -> None:
        vts = self.data.vehicle_types()
        callbacks: dict[tuple[int, int], int] = {}
        extra = self._visit_costs()
        for v, t in enumerate(self.nodes.vehicle_types):
            vt = vts[t]
            key = (vt.profile, vt.unit_distance_cost)
            if key not in callbacks:
                arc = np.asarray(self.data.distance_matrix(vt.profile), dtype=np.int64) * key[1]
                callbacks[key] = self._register(arc, extra)
            self.routing.SetArcCostEvaluatorOfVehicle(callbacks[key], v)
            self.routing.SetFixedCostOfVehicle(vt.fixed_cost, v)

    def _add_time(self) -> None:
        vts = self.data.vehicle_types()
        service = np.asarray(self.nodes.service, dtype=np.int64)
        per_profile = {
            p: self._register(self.data.duration_matrix(p), service)
            for p in {vts[t].profile for t in self.nodes.vehicle_types}
        }
        transits = [per_profile[vts[t].profile] for t in self.nodes.vehicle_types]
        h = self.nodes.horizon
        self.routing.AddDimensionWithVehicleTransits(transits, h, h, False, "time")
        self.time = self.routing.GetDimensionOrDie("time")
        for i, client in enumerate(self.data.clients()):
            index = self.manager.NodeToIndex(self.data.num_depots + i)
            self.time.CumulVar(index).SetRange(min(client.tw_early, h), min(client.tw_late, h))
        for v, t in enumerate(self.nodes.vehicle_types):
            self._vehicle_time(v, vts[t])

    def _vehicle_time(self, v: int, vt: pyvrp.VehicleType) -> None:
        h = self.nodes.horizon
        start, end = self.data.depot(vt.start_depot), self.data.depot(vt.end_depot)
        early = max(vt.tw_early, start.tw_early)
        late = min(vt.start_late, start.tw_late, h)
        self.time.CumulVar(self.routing.Start(v)).SetRange(min(early, h), late)
        self.time.CumulVar(self.routing.End(v)).SetMax(min(vt.tw_late, end.tw_late, h))
        self.time.SetSpanUpperBoundForVehicle(min(vt.max_duration, h), v)
        if vt.unit_duration_cost:
            self.time.SetSpanCostCoefficientForVehicle(vt.unit_duration_cost, v)
        if vt.unit_overtime_cost and vt.shift_duration < h:
            bound = pywrapcp.BoundCost(vt.shift_duration, vt.unit_overtime_cost)
            self.time.SetSoftSpanUpperBoundForVehicle(bound, v)

    def _add_loads(self) -> None:
        vts = self.data.vehicle_types()
        for dim in range(self.data.num_load_dimensions):
            demand = [0] * self.data.num_depots + [c.delivery[dim] for c in self.data.clients()]
            cb = self.routing.RegisterUnaryTransitVector(demand)
            caps = [vts[t].capacity[dim] for t in self.nodes.vehicle_types]
            self.routing.AddDimensionWithVehicleCapacity(cb, 0, caps, True, f"load{dim}")

    def _add_distance_limits(self) -> None:
        vts = self.data.vehicle_types()
        limits = [vts[t].max_distance for t in self.nodes.vehicle_types]
        cap = 2**40
        if all(lim >= cap for lim in limits):
            return
        zero = np.zeros(len(self.nodes.locations), dtype=np.int64)
        per_profile = {
            p: self._register(self.data.distance_matrix(p), zero)
            for p in {vts[t].profile for t in self.nodes.vehicle_types}
        }
        transits = [per_profile[vts[t].profile] for t in self.nodes.vehicle_types]
        caps = [min(lim, cap) for lim in limits]
        self.routing.AddDimensionWithVehicleTransitAndCapacity(transits, 0, caps, True, "distance")

    def _visit_costs(self) -> npt.NDArray[np.int64]:
        """Per node, what PyVRP charges for visiting it beyond the arcs: in a client group
        of prize sum S, visiting client i still leaves S - prize(i) uncollected."""
        extra = np.zeros(len(self.nodes.locations), dtype=np.int64)
        clients = self.data.clients()
        for group in self.data.groups():
            total = sum(clients[i].prize for i in group.clients)
            for i in group.clients:
                extra[self.data.num_depots + i] = total - clients[i].prize
        return extra

    def _add_prizes(self) -> None:
        clients = self.data.clients()
        for i, client in enumerate(clients):
            if not client.required and client.group is None:
                index = self.manager.NodeToIndex(self.data.num_depots + i)
                self.routing.AddDisjunction([index], client.prize)
        for group in self.data.groups():
            indices = [self.manager.NodeToIndex(self.data.num_depots + i) for i in group.clients]
            if group.required:  # exactly one of them
                self.routing.AddDisjunction(indices)
            else:  # at most one; none visited leaves every prize of the group uncollected
                self.routing.AddDisjunction(
                    indices, sum(clients[i].prize for i in group.clients), 1
                )

    def routes_of(self, assignment: pywrapcp.Assignment) -> list[pyvrp.Route]:
        routes = []
        for v, t in enumerate(self.nodes.vehicle_types):
            visits = []
            index = self.routing.Start(v)
            while not self.routing.IsEnd(index):
                node = self.manager.IndexToNode(index)
                if node >= self.data.num_depots:
                    visits.append(node - self.data.num_depots)
                index = assignment.Value(self.routing.NextVar(index))
            if visits:
                routes.append(pyvrp.Route(self.data, visits, t))
        return routes

    def assignment_of(self, solution: pyvrp.Solution) -> pywrapcp.Assignment | None:
        """An OR-Tools start from a PyVRP solution (vehicles of a type taken in order)."""
        free: dict[int, list[int]] = {}
        for v, t in enumerate(self.nodes.vehicle_types):
            free.setdefault(t, []).append(v)
        per_vehicle: list[list[int]] = [[] for _ in self.nodes.vehicle_types]
        for route in solution.routes():
            v = free[route.vehicle_type()].pop(0)
            per_vehicle[v] = [
                self.manager.NodeToIndex(self.data.num_depots + a.idx)
                for a in route
                if a.is_client()
            ]
        self.routing.CloseModelWithParameters(_search_parameters(1.0))
        result: pywrapcp.Assignment | None = self.routing.ReadAssignmentFromRoutes(
            per_vehicle, True
        )
        return result


def _search_parameters(seconds: float) -> pywrapcp.DefaultRoutingSearchParameters:
    params = pywrapcp.DefaultRoutingSearchParameters()
    # Measured on Solomon R101/RC101: PATH_CHEAPEST_ARC and AUTOMATIC found no solution
    # in 5 s; parallel cheapest insertion always did.
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(max(1, int(seconds * 1000)))
    return params


def run_ortools(
    data: pyvrp.ProblemData,
    budget: Budget,
    deadline_s: float,
    initial: pyvrp.Solution | None = None,
) -> pyvrp.Solution | None:
    """Search with OR-Tools until `deadline_s` on the budget's clock; None if it found
    nothing (OR-Tools has no "best infeasible" plan to return)."""
    model = OrToolsModel(data)
    seconds = max(0.001, deadline_s - budget.elapsed)
    params = _search_parameters(seconds)
    checks = model.routing.solver().CustomLimit(lambda: _should_stop(budget, deadline_s))
    model.routing.AddSearchMonitor(checks)
    start = model.assignment_of(initial) if initial is not None else None
    if initial is not None and start is None:
        return None  # the start broke a constraint of this model: nothing to improve on
    if start is not None:
        assignment = model.routing.SolveFromAssignmentWithParameters(start, params)
    else:
        assignment = model.routing.SolveWithParameters(params)
    if assignment is None:
        return None
    return pyvrp.Solution(data, model.routes_of(assignment))


def _should_stop(budget: Budget, deadline_s: float) -> bool:
    """Polled by OR-Tools during its search (it holds the GIL, so no watcher thread
    could run): relays progress and cancel, and enforces the deadline, which OR-Tools'
    own time limit overran threefold while building a first plan for 2,000 nodes."""
    budget.tick("routing (OR-Tools)")
    return budget.cancelled or budget.elapsed >= deadline_s

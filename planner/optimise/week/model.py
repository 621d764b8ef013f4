"""The week as a PyVRP prize-collecting VRP with time windows.

* One depot per distinct start/end place (home, a hotel), one vehicle type per working
  day with that day's shift as its time window.
* One client per (account, opening window): PyVRP allows a single time window per
  client, so an account open 09:00–12:30 and 14:30–18:00 on five days becomes ten
  clients at the same location joined in a mutually exclusive client group — at most one
  of them is visited (exactly one when the account is required: locks, must-visits).
* Prize = the account's value this week in cents; edge "distance" = the travel cost in
  cents (`planner.travel.costs.cost_matrix_cents`), so the objective is exactly
  uncollected value + travel cost; edge duration = driving seconds.
* Lunch: not in the solver. Reserving the break by shortening every shift was tried and
  refused good days: most accounts close at lunch, so the rep's break usually fits in
  waiting time the solver already has. `planner.optimise.week.schedule` places the
  break exactly; `planner.optimise.week.repair` drops a visit from the rare day where it
  cannot fit, and re-fills other days.
* Maximum driving per day: PyVRP limits distance, not driving time. Distance here is
  cost, so the limit becomes `max_distance = r × max driving` with r the highest
  cost-per-second of the legs in play: every route within the driving limit is within
  that bound (so the greedy warm start is never refused), and routes the bound lets
  through with too much slow driving are cut exactly by `planner.optimise.week.repair`.
  (The median ratio was tried: it refused far, valuable day trips outright.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyvrp

from planner.optimise.week.problem import DaySpec, WeekProblem, Window

_MIN_LEG_S = 60  # legs shorter than this are ignored for the cost-per-second bound


@dataclass(frozen=True)
class NodeMap:
    """Client index → (candidate index, window); vehicle type index = day index."""

    clients: tuple[tuple[int, Window], ...]

    def by_candidate(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for client, (cand, _) in enumerate(self.clients):
            out.setdefault(cand, []).append(client)
        return out


def build_data(problem: WeekProblem) -> tuple[pyvrp.ProblemData, NodeMap]:
    n_places = problem.cost_cents.shape[0]
    home = problem.home.location
    locations = [pyvrp.Location(x=home.lon, y=home.lat) for _ in range(n_places)]
    for cand in problem.candidates:
        point = cand.account.location
        if point is not None:
            locations[cand.place] = pyvrp.Location(x=point.lon, y=point.lat)
    depot_places = sorted({p for d in problem.days for p in (d.start_place, d.end_place)})
    depot_of = {place: i for i, place in enumerate(depot_places)}
    depots = [pyvrp.Depot(location=p) for p in depot_places]
    bound = _cost_per_second(problem)
    vehicle_types = [_vehicle(d, depot_of, bound) for d in problem.days]
    clients, groups, nodes = _clients(problem)
    data = pyvrp.ProblemData(
        locations=locations,
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=[_matrix(problem.cost_cents)],
        duration_matrices=[_matrix(problem.duration_s)],
        groups=groups,
    )
    return data, NodeMap(tuple(nodes))


def _vehicle(day: DaySpec, depot_of: Mapping[int, int], cost_per_s: float) -> pyvrp.VehicleType:
    shift = day.end_s - day.start_s
    max_cost = int(cost_per_s * day.max_drive_s) if cost_per_s > 0 else np.iinfo(np.int64).max
    return pyvrp.VehicleType(
        num_available=1,
        start_depot=depot_of[day.start_place],
        end_depot=depot_of[day.end_place],
        tw_early=day.start_s,
        tw_late=day.end_s,
        shift_duration=max(0, shift),
        max_distance=max_cost,
        unit_distance_cost=1,
        unit_duration_cost=0,
        name=day.day.isoformat(),
    )


def _cost_per_second(problem: WeekProblem) -> float:
    places = [0, *(c.place for c in problem.candidates)]
    places += [p for d in problem.days for p in (d.start_place, d.end_place)]
    idx = np.unique(np.asarray(places, dtype=np.intp))
    dur = problem.duration_s[np.ix_(idx, idx)]
    cost = problem.cost_cents[np.ix_(idx, idx)]
    mask = dur >= _MIN_LEG_S
    if not mask.any():
        return 0.0
    return float(np.max(cost[mask] / dur[mask]))


def _clients(
    problem: WeekProblem,
) -> tuple[list[pyvrp.Client], list[pyvrp.ClientGroup], list[tuple[int, Window]]]:
    clients: list[pyvrp.Client] = []
    groups: list[pyvrp.ClientGroup] = []
    nodes: list[tuple[int, Window]] = []
    for c, cand in enumerate(problem.candidates):
        if not cand.windows:
            continue
        shared = len(cand.windows) > 1
        first = len(clients)
        for window in cand.windows:
            clients.append(
                pyvrp.Client(
                    location=cand.place,
                    service_duration=cand.service_s,
                    tw_early=window.early_s,
                    tw_late=window.late_s,
                    prize=max(0, cand.prize),
                    required=cand.required and not shared,
                    group=len(groups) if shared else None,
                    name=cand.key,
                )
            )
            nodes.append((c, window))
        if shared:
            groups.append(
                pyvrp.ClientGroup(list(range(first, len(clients))), required=cand.required)
            )
    return clients, groups, nodes


def initial_solution(
    data: pyvrp.ProblemData, nodes: NodeMap, routes: Sequence[Sequence[tuple[int, int]]]
) -> pyvrp.Solution:
    """A warm start: per day, (candidate index, week-seconds arrival) in visiting order.

    Each visit takes the client of that day whose window holds the old arrival (else the
    day's first window); visits without a client that day are left out.
    """
    per_cand = nodes.by_candidate()
    out = []
    for day, visits in enumerate(routes):
        chosen = []
        for cand, arrival in visits:
            options = [k for k in per_cand.get(cand, []) if nodes.clients[k][1].day == day]
            fit = [k for k in options if _holds(nodes.clients[k][1], arrival)]
            if fit or options:
                chosen.append((fit or options)[0])
        if chosen:
            out.append(pyvrp.Route(data, chosen, day))
    return pyvrp.Solution(data, out)


def _holds(window: Window, at: int) -> bool:
    return window.early_s <= at <= window.late_s


def _matrix(values: npt.NDArray[np.int64]) -> Any:
    # PyVRP's stubs type matrices as ndarray[int]; numpy's own typing disagrees.
    return np.ascontiguousarray(values, dtype=np.int64)

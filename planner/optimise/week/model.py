"""The week as a PyVRP prize-collecting VRP with time windows.

* One depot per distinct start/end place (home, a hotel), one vehicle type per working
  day. Times are seconds since midnight: the days are interchangeable vehicles.
* One client per (account, opening interval of the day): PyVRP allows a single time
  window per client, so an account open 09:00–12:30 and 14:30–18:00 becomes two
  clients at the same place in a mutually exclusive client group — at most one is
  visited (exactly one when the account is required: locks, must-visits).
* Days the account is closed: an interval valid only on some days sits on its own copy
  of the place, and in the routing profile of every other day the edges into and out of
  that copy take `_FORBIDDEN_S` (days), so no route that day can reach it in time. Days
  with the same closures share a profile. Measured on the 374-candidate demo week this
  formulation has ~450 clients where one client per (account, day, interval) had 3 494.
* Prize = the account's value this week in cents; edge "distance" = the travel cost in
  cents (`planner.travel.costs.cost_matrix_cents`), so the objective is exactly
  uncollected value + travel cost; edge duration = driving seconds.
* Lunch: PyVRP has no breaks, so the solver's clock leaves the break out. Its time is
  wall-clock time with the lunch slot cut out at the latest moment the rules allow
  (`LunchGap`: with lunch 12:30–14:00 for 45 minutes, model 13:15 is wall 13:15 and
  model 13:16 is wall 14:01): shifts and every window are mapped onto that clock, so a
  route the solver packs to the last minute still leaves room for the break, and a
  shop's own lunch closure still gives the rep a free lunch (09:00–12:30 and
  14:30–18:00 stay 3 h 30 apart less the break: the rep waits through it either way).
  Leaving the break out of the solver entirely was measured: on the generated 300-account
  week every day the solver filled came back without room for lunch and the exact
  re-timing dropped 9–10 of 54 visits (net €75k → €70k). `planner.optimise.week.schedule`
  still places the break exactly (any moment 12:30–14:00 where it fits), and
  `planner.optimise.week.repair` drops a visit from the rare day where it cannot fit.
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

from planner.optimise.week.problem import DAY_S, Candidate, DaySpec, WeekProblem

_MIN_LEG_S = 60  # legs shorter than this are ignored for the cost-per-second bound
_FORBIDDEN_S = 10 * DAY_S


@dataclass(frozen=True)
class Copy:
    """One PyVRP client: a candidate's time-of-day window on some days, at a location."""

    cand: int
    early_s: int  # seconds since midnight
    late_s: int
    days: frozenset[int]
    location: int


@dataclass(frozen=True)
class LunchGap:
    """The lunch break cut out of the solver's clock (seconds since midnight)."""

    at_s: int  # the latest allowed start of the break
    length_s: int

    @classmethod
    def of(cls, days: Sequence[DaySpec]) -> LunchGap:
        """The rep's break; none when the days disagree (the solver's days share a clock)."""
        gaps = {(d.lunch_to_s - d.offset_s - d.lunch_s, d.lunch_s) for d in days}
        return cls(*gaps.pop()) if len(gaps) == 1 else cls(0, 0)

    def squeeze(self, t: int) -> int:
        """Wall-clock seconds since midnight → the solver's clock."""
        return t if t <= self.at_s else max(self.at_s, t - self.length_s)


@dataclass(frozen=True)
class NodeMap:
    """Client index → Copy; vehicle type index = day index."""

    clients: tuple[Copy, ...]
    lunch: LunchGap

    def by_candidate(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for client, copy in enumerate(self.clients):
            out.setdefault(copy.cand, []).append(client)
        return out


def build_data(problem: WeekProblem) -> tuple[pyvrp.ProblemData, NodeMap]:
    lunch = LunchGap.of(problem.days)
    copies, location_place = _copies(problem, lunch)
    locations = _locations(problem, location_place)
    depot_places = sorted({p for d in problem.days for p in (d.start_place, d.end_place)})
    depot_of = {place: i for i, place in enumerate(depot_places)}
    depots = [pyvrp.Depot(location=p) for p in depot_places]
    profile_of, distances, durations = _profiles(problem, copies, location_place)
    bound = _cost_per_second(problem)
    vehicle_types = [
        _vehicle(spec, depot_of, bound, profile_of[d], lunch) for d, spec in enumerate(problem.days)
    ]
    clients, groups = _clients(problem, copies)
    data = pyvrp.ProblemData(
        locations=locations,
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=distances,
        duration_matrices=durations,
        groups=groups,
    )
    return data, NodeMap(tuple(copies), lunch)


def _copies(problem: WeekProblem, lunch: LunchGap) -> tuple[list[Copy], list[int]]:
    """The clients, and for every PyVRP location the matrix place it stands on.

    Locations 0..n-1 are the matrix places themselves; a candidate's intervals valid on
    a different set of days than its first one get extra locations on the same place.
    """
    location_place = list(range(problem.cost_cents.shape[0]))
    copies: list[Copy] = []
    for c, cand in enumerate(problem.candidates):
        by_time: dict[tuple[int, int], set[int]] = {}
        for w in cand.windows:
            offset = problem.days[w.day].offset_s
            times = (lunch.squeeze(w.early_s - offset), lunch.squeeze(w.late_s - offset))
            by_time.setdefault(times, set()).add(w.day)
        location_of: dict[frozenset[int], int] = {}
        for (early, late), days in sorted(by_time.items()):
            key = frozenset(days)
            if key not in location_of:
                location_of[key] = cand.place if not location_of else len(location_place)
                if location_of[key] != cand.place:
                    location_place.append(cand.place)
            copies.append(Copy(c, early, late, key, location_of[key]))
    return copies, location_place


def _locations(problem: WeekProblem, location_place: Sequence[int]) -> list[pyvrp.Location]:
    point_of = {c.place: c.account.location for c in problem.candidates}
    home = problem.home.location
    out = []
    for place in location_place:
        point = point_of.get(place) or home
        out.append(pyvrp.Location(x=point.lon, y=point.lat))
    return out


def _profiles(
    problem: WeekProblem, copies: Sequence[Copy], location_place: Sequence[int]
) -> tuple[list[int], list[Any], list[Any]]:
    """Profile index per day, and each profile's distance and duration matrices."""
    idx = np.asarray(location_place, dtype=np.intp)
    cost = problem.cost_cents[np.ix_(idx, idx)]
    base = problem.duration_s[np.ix_(idx, idx)]
    profile_of: list[int] = []
    closed_sets: list[frozenset[int]] = []
    for d in range(len(problem.days)):
        closed = frozenset(c.location for c in copies if d not in c.days)
        if closed not in closed_sets:
            closed_sets.append(closed)
        profile_of.append(closed_sets.index(closed))
    distances, durations = [], []
    for closed in closed_sets:
        duration = base.copy()
        shut = np.asarray(sorted(closed), dtype=np.intp)
        duration[shut, :] = _FORBIDDEN_S
        duration[:, shut] = _FORBIDDEN_S
        np.fill_diagonal(duration, 0)
        distances.append(_matrix(cost))
        durations.append(_matrix(duration))
    return profile_of, distances, durations


def _vehicle(
    day: DaySpec, depot_of: Mapping[int, int], cost_per_s: float, profile: int, lunch: LunchGap
) -> pyvrp.VehicleType:
    max_cost = int(cost_per_s * day.max_drive_s) if cost_per_s > 0 else np.iinfo(np.int64).max
    start, end = lunch.squeeze(day.start_s - day.offset_s), lunch.squeeze(day.end_s - day.offset_s)
    return pyvrp.VehicleType(
        num_available=1,
        start_depot=depot_of[day.start_place],
        end_depot=depot_of[day.end_place],
        tw_early=start,
        tw_late=end,
        shift_duration=end - start,
        max_distance=max_cost,
        unit_distance_cost=1,
        unit_duration_cost=0,
        profile=profile,
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
    problem: WeekProblem, copies: Sequence[Copy]
) -> tuple[list[pyvrp.Client], list[pyvrp.ClientGroup]]:
    clients: list[pyvrp.Client] = []
    members: dict[int, list[int]] = {}
    for copy in copies:
        members.setdefault(copy.cand, []).append(len(clients))
        clients.append(_client(problem.candidates[copy.cand], copy))
    groups: list[pyvrp.ClientGroup] = []
    for cand, idx in members.items():
        if len(idx) > 1:
            for k in idx:
                clients[k] = _client(problem.candidates[cand], copies[k], group=len(groups))
            groups.append(pyvrp.ClientGroup(idx, required=problem.candidates[cand].required))
    return clients, groups


def _client(cand: Candidate, copy: Copy, group: int | None = None) -> pyvrp.Client:
    return pyvrp.Client(
        location=copy.location,
        service_duration=cand.service_s,
        tw_early=copy.early_s,
        tw_late=copy.late_s,
        prize=max(0, cand.prize),
        required=cand.required and group is None,
        group=group,
        name=cand.key,
    )


def initial_solution(
    data: pyvrp.ProblemData,
    nodes: NodeMap,
    problem: WeekProblem,
    routes: Sequence[Sequence[tuple[int, int]]],
) -> pyvrp.Solution:
    """A warm start: per day, (candidate index, week-seconds arrival) in visiting order.

    Each visit takes the client valid that day whose window holds the old arrival (else
    the first one valid that day); visits without such a client are left out.
    """
    per_cand = nodes.by_candidate()
    out = []
    for day, visits in enumerate(routes):
        offset = problem.days[day].offset_s
        chosen = []
        for cand, arrival in visits:
            options = [k for k in per_cand.get(cand, []) if day in nodes.clients[k].days]
            at = nodes.lunch.squeeze(arrival - offset)
            fit = [k for k in options if _holds(nodes.clients[k], at)]
            if fit or options:
                chosen.append((fit or options)[0])
        if chosen:
            out.append(pyvrp.Route(data, chosen, day))
    return pyvrp.Solution(data, out)


def _holds(copy: Copy, at: int) -> bool:
    return copy.early_s <= at <= copy.late_s


def _matrix(values: npt.NDArray[np.int64]) -> Any:
    # PyVRP's stubs type matrices as ndarray[int]; numpy's own typing disagrees.
    return np.ascontiguousarray(values, dtype=np.int64)

"""How good an assignment is: per-territory figures, balance spread, compactness, changes.

Spread is the issue's definition, max |x - mean| / mean, taken over loads divided
by each rep's capacity share so that a rep with twice the hours is expected to
carry twice the load (with equal capacities it is exactly max |x - mean| / mean).
Compactness is the visit-weighted mean road-km estimate from accounts to their
territory's centre: lower is tighter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from planner.domain import DomainError
from planner.optimise.territories.problem import TerritoryProblem
from planner.optimise.territories.solve import centroids

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class TerritoryMetrics:
    rep_name: str
    accounts: int
    value: float
    workload_hours: float  # per week
    capacity_hours: float
    travel_km_estimate: float  # per week
    compactness_km: float
    mean_km_from_home: float

    @property
    def utilisation(self) -> float:
        return self.workload_hours / self.capacity_hours


@dataclass(frozen=True)
class AssignmentMetrics:
    territories: tuple[TerritoryMetrics, ...]
    workload_spread: float
    value_spread: float
    travel_km_estimate: float
    compactness_km: float
    unassigned: int  # located accounts with no rep
    split_groups: int = 0  # towns/postcodes shared by more than one rep (when kept together)

    def by_rep(self) -> dict[str, TerritoryMetrics]:
        return {t.rep_name: t for t in self.territories}


@dataclass(frozen=True)
class Comparison:
    before: AssignmentMetrics
    after: AssignmentMetrics
    moved: dict[str, tuple[str, str]]  # account key → (old rep, new rep)

    @property
    def changed_hands(self) -> int:
        return len(self.moved)


def spread(loads: FloatArray, capacity: FloatArray) -> float:
    """max |x - mean| / mean of capacity-normalised loads (0 when the mean is 0)."""
    if len(loads) == 0:
        return 0.0
    norm = loads / (capacity / capacity.sum())
    mean = float(norm.mean())
    return float(np.abs(norm - mean).max() / mean) if mean > 0 else 0.0


def rep_indices(problem: TerritoryProblem, assignment: Mapping[str, str]) -> IntArray:
    """(n,) rep index per account; -1 when the assignment does not place it."""
    names = {name: r for r, name in enumerate(problem.rep_names)}
    unknown = sorted({rep for rep in assignment.values() if rep not in names})
    if unknown:
        raise DomainError(f"assignment names unknown reps: {', '.join(unknown)}")
    return np.array([names.get(assignment.get(k, ""), -1) for k in problem.keys], dtype=np.intp)


def evaluate(problem: TerritoryProblem, assignment: Mapping[str, str]) -> AssignmentMetrics:
    rep_of = rep_indices(problem, assignment)
    n_reps = len(problem.reps)
    placed = rep_of >= 0
    r_of, visits = rep_of[placed], problem.visits[placed]
    count = np.bincount(r_of, minlength=n_reps)
    value = np.bincount(r_of, problem.value[placed], n_reps)
    work = np.bincount(r_of, problem.workload_h[placed], n_reps)
    centre_km = problem.distance(centroids(problem, rep_of), problem.lat_lon)
    weight = np.maximum(np.bincount(r_of, visits, n_reps), 1e-12)
    compact = np.bincount(r_of, visits * centre_km[r_of, np.flatnonzero(placed)], n_reps) / weight
    home = (
        np.bincount(r_of, visits * problem.home_km[r_of, np.flatnonzero(placed)], n_reps) / weight
    )
    travel = _weekly_travel(problem, r_of, placed, work, home)
    cap = problem.capacity_h
    territories = tuple(
        TerritoryMetrics(
            rep_name=problem.reps[r].name,
            accounts=int(count[r]),
            value=float(value[r]),
            workload_hours=float(work[r]),
            capacity_hours=float(cap[r]),
            travel_km_estimate=float(travel[r]),
            compactness_km=float(compact[r]) if count[r] else 0.0,
            mean_km_from_home=float(home[r]) if count[r] else 0.0,
        )
        for r in range(n_reps)
    )
    total_visits = max(float(visits.sum()), 1e-12)
    return AssignmentMetrics(
        territories=territories,
        workload_spread=spread(work, cap),
        value_spread=spread(value, cap),
        travel_km_estimate=float(travel.sum()),
        compactness_km=float((compact * weight).sum() / total_visits),
        unassigned=int((~placed).sum()),
        split_groups=_split_groups(problem, rep_of),
    )


def _split_groups(problem: TerritoryProblem, rep_of: IntArray) -> int:
    reps_of_group: dict[str, set[int]] = {}
    for label, r in zip(problem.groups, rep_of, strict=False):
        if label:
            reps_of_group.setdefault(label, set()).add(int(r))
    return sum(len(reps) > 1 for reps in reps_of_group.values())


def _weekly_travel(
    problem: TerritoryProblem,
    r_of: IntArray,
    placed: npt.NDArray[np.bool_],
    work: FloatArray,
    home_km: FloatArray,
) -> FloatArray:
    """Drive between visits plus, each field day, out from home to the territory and back."""
    n_reps = len(problem.reps)
    hops = np.bincount(r_of, problem.visits[placed] * problem.hop_km[placed], n_reps)
    work_days = np.array([len(r.work_days) for r in problem.reps], dtype=np.float64)
    days = work_days * np.minimum(work / problem.capacity_h, 1.0)
    return np.asarray(hops + days * 2.0 * home_km)


def compare(
    problem: TerritoryProblem, before: Mapping[str, str], after: Mapping[str, str]
) -> Comparison:
    """Metrics of two assignments and the accounts that change hands."""
    moved = {
        k: (before.get(k, ""), after.get(k, ""))
        for k in problem.keys
        if before.get(k, "") != after.get(k, "")
    }
    return Comparison(evaluate(problem, before), evaluate(problem, after), moved)


def reassign(
    problem: TerritoryProblem, assignment: Mapping[str, str], keys: Iterable[str], rep_name: str
) -> dict[str, str]:
    """A copy of the assignment with the given accounts moved to rep_name (manual edit)."""
    problem.rep_index(rep_name)
    known = set(problem.keys)
    keys = list(keys)
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise DomainError(f"unknown or unlocated accounts: {', '.join(unknown[:5])}")
    out = dict(assignment)
    out.update(dict.fromkeys(keys, rep_name))
    return out

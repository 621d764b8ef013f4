"""Balanced, compact territories: min-cost flow on micro-cells, rounding, repair, iterations.

Each rep r gets a fair share of every balanced quantity, capacity_r / Σ capacity
(over reps that are not locked), and must land within ±tolerance of it. The flow
is solved with a tighter band so that rounding split cells rarely needs repair.
With `Anchor.CENTROID` the centres move: solve, move each centre to its
territory's visit-weighted centroid, solve again (location-allocation) until few
accounts change hands.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from planner.domain import DomainError
from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)
from planner.optimise.territories.cells import kd_cells
from planner.optimise.territories.flow import InfeasibleBalance, flow_split, lp_split
from planner.optimise.territories.problem import Anchor, TerritoryProblem
from planner.optimise.territories.rounding import disaggregate, repair

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

# Fractions of the tolerance the flow may use; the rest absorbs rounding. A tighter
# band is tried only when repair could not bring every rep within the tolerance.
_FLOW_BANDS = (0.6, 0.3, 0.0)
_REPAIR_BAND = 0.98  # repair aims just inside the tolerance so float noise cannot fail it
_CELLS_PER_REP = 100
_NO_PROGRESS = NullProgress()
_NEVER = NeverCancel()


@dataclass(frozen=True, eq=False)
class Solution:
    rep_of: IntArray  # (n,) rep index of each account
    notes: tuple[str, ...]
    iterations: int
    repair_moves: int

    def assignment(self, problem: TerritoryProblem) -> dict[str, str]:
        names = problem.rep_names
        return {k: names[r] for k, r in zip(problem.keys, self.rep_of, strict=True)}


@dataclass(frozen=True, eq=False)
class _Frame:
    """What stays fixed across location-allocation rounds."""

    fixed: IntArray  # rep index, or -1 when free
    active: BoolArray  # reps that take part in balancing
    current: IntArray  # rep index before balancing, or -1
    dims: tuple[str, ...]
    quantities: FloatArray  # (d, n)
    target: FloatArray  # (d, r)


def solve(
    problem: TerritoryProblem,
    *,
    locked: Mapping[str, str] | None = None,
    locked_reps: Collection[str] = (),
    current: Mapping[str, str] | None = None,
    progress: ProgressReporter = _NO_PROGRESS,
    cancel: CancelToken = _NEVER,
) -> Solution:
    """Assign every located account to one rep; see the module docstring."""
    frame, notes = _frame(problem, locked or {}, locked_reps, current or {})
    settings = problem.settings
    anchor_km = problem.home_km
    rep_of = frame.fixed.copy()
    moves = 0
    rounds = settings.max_iterations if settings.anchor is Anchor.CENTROID else 1
    for round_no in range(rounds):
        if cancel.cancelled:
            raise Cancelled("territory assignment cancelled")
        progress.report(round_no / rounds, f"balancing territories, round {round_no + 1}")
        new, moves, note = _solve_once(problem, frame, anchor_km)
        changed = int(np.count_nonzero(new != rep_of))
        rep_of = new
        if note and note not in notes:
            notes.append(note)
        if round_no and changed <= max(1, len(rep_of) // 1000):
            break
        if settings.anchor is Anchor.CENTROID:
            anchor_km = problem.distance(centroids(problem, rep_of), problem.lat_lon)
    progress.report(1.0, "territories balanced")
    return Solution(rep_of, tuple(notes), round_no + 1, moves)


def _frame(
    problem: TerritoryProblem,
    locked: Mapping[str, str],
    locked_reps: Collection[str],
    current: Mapping[str, str],
) -> tuple[_Frame, list[str]]:
    n_reps, n = len(problem.reps), len(problem.keys)
    index = problem.index_of()
    notes: list[str] = []
    cur = np.full(n, -1, dtype=np.intp)
    for key, rep in current.items():
        if key in index and rep in problem.rep_names:
            cur[index[key]] = problem.rep_index(rep)
    active = np.ones(n_reps, dtype=bool)
    for name in locked_reps:
        active[problem.rep_index(name)] = False
    if not active.any():
        raise DomainError("every rep is locked: nothing to balance")
    fixed = np.where(active[np.maximum(cur, 0)] | (cur < 0), -1, cur).astype(np.intp)
    for key, rep in locked.items():
        if key not in index:
            notes.append(f"locked account {key} has no location or is unknown; ignored")
            continue
        fixed[index[key]] = problem.rep_index(rep)
    for r in np.flatnonzero(~active):
        if not (fixed == r).any():
            notes.append(f"{problem.rep_names[r]} is locked but has no current accounts")
    dims = tuple(problem.settings.dimensions)
    if "value" in dims and problem.value.sum() <= 0:
        notes.append("no account has an expected value (amount × probability); value not balanced")
        dims = tuple(d for d in dims if d != "value") or ("workload",)
    quantities = np.stack([problem.quantity(d) for d in dims])
    balanced = ~np.isin(fixed, np.flatnonzero(~active))
    share = np.where(active, problem.capacity_h, 0.0) / problem.capacity_h[active].sum()
    target = quantities[:, balanced].sum(axis=1)[:, None] * share[None, :]
    return _Frame(fixed, active, cur, dims, quantities, target), notes


def cost_matrix(problem: TerritoryProblem, anchor_km: FloatArray, current: IntArray) -> FloatArray:
    """(r, n) weekly cost of giving account n to rep r: visits × km, plus a move penalty."""
    cost = anchor_km * problem.visits[None, :]
    moved = (current[None, :] >= 0) & (current[None, :] != np.arange(len(problem.reps))[:, None])
    return np.asarray(cost + moved * (problem.settings.stickiness_km * problem.visits[None, :]))


def _solve_once(
    problem: TerritoryProblem, frame: _Frame, anchor_km: FloatArray
) -> tuple[IntArray, int, str]:
    """Flow, rounding and repair; if repair cannot reach the band, retry with a tighter flow."""
    tol = problem.settings.tolerance
    cost = cost_matrix(problem, anchor_km, frame.current)
    free = np.flatnonzero(frame.fixed < 0)
    cells = _cells(problem, free, frame.current[free])
    bounds = (frame.target * (1 - tol * _REPAIR_BAND), frame.target * (1 + tol * _REPAIR_BAND))
    for band in _FLOW_BANDS:
        rep_of = _rounded_flow(problem, frame, cost, cells, tol * band)
        rep_of, moves, ok = repair(
            rep_of, frame.fixed < 0, frame.quantities, bounds=bounds, cost=cost, active=frame.active
        )
        if ok:
            return rep_of, moves, ""
    why = (
        "locked accounts leave too little to move"
        if (frame.fixed >= 0).any()
        else "too few or too uneven accounts for this tolerance"
    )
    return (
        rep_of,
        moves,
        (f"could not bring every rep within ±{tol:.0%}: {why}; the closest split found is kept"),
    )


def _rounded_flow(
    problem: TerritoryProblem, frame: _Frame, cost: FloatArray, cells: list[IntArray], band: float
) -> IntArray:
    """Cells split by the flow within ±band of the targets, then one rep per account."""
    fixed = frame.fixed >= 0
    pre = np.stack(
        [np.bincount(frame.fixed[fixed], q[fixed], len(problem.reps)) for q in frame.quantities]
    )
    active = np.flatnonzero(frame.active)
    lo = np.maximum(frame.target * (1 - band) - pre, 0.0)[:, active]
    hi = np.maximum(frame.target * (1 + band) - pre, 0.0)[:, active]
    cell_cost = np.stack([cost[np.ix_(active, c)].sum(axis=1) for c in cells], axis=1)
    cell_q = np.array([[q[c].sum() for c in cells] for q in frame.quantities])
    try:
        share = _split(cell_cost, cell_q, lo, hi, problem.settings.use_lp)
    except InfeasibleBalance:  # lumpy cells or locks: split freely, repair balances after
        whole = np.broadcast_to(cell_q.sum(axis=1)[:, None], hi.shape)
        share = _split(cell_cost, cell_q, np.zeros_like(lo), np.array(whole), use_lp=False)
    full_share = np.zeros((len(problem.reps), len(cells)))
    full_share[active] = share
    rep_of = disaggregate(full_share, cells, cost, frame.quantities[0])
    rep_of[fixed] = frame.fixed[fixed]
    return rep_of


def _cells(problem: TerritoryProblem, free: IntArray, current: IntArray) -> list[IntArray]:
    """Micro-cells of the free accounts, never mixing accounts of different current reps.

    A cell moves as a unit, so a cell straddling today's boundary would drag accounts
    off their rep for no reason; cutting per current rep keeps small edits small. With
    `keep_together`, each town (postcode) is one cell, so only the few cells the
    optimum splits, and repair moves, divide a town between reps.
    """
    # About 100 cells per rep keeps the flow small; small problems go account by account.
    size = max(
        1, min(problem.settings.cell_size, len(free) // (_CELLS_PER_REP * len(problem.reps)))
    )
    cells: list[IntArray] = []
    for rep in np.unique(current):
        group = free[current == rep]
        blocks: dict[str, list[int]] = {}
        for i in group:
            if problem.groups and problem.groups[i]:
                blocks.setdefault(problem.groups[i], []).append(int(i))
        cells += [np.array(b, dtype=np.intp) for _, b in sorted(blocks.items())]
        loose = np.array([i for i in group if not (problem.groups and problem.groups[i])],
                         dtype=np.intp)  # fmt: skip
        cells += [loose[c] for c in kd_cells(problem.lat_lon[loose], size)]
    return cells


def _split(
    cost: FloatArray, quantity: FloatArray, lo: FloatArray, hi: FloatArray, use_lp: bool
) -> FloatArray:
    if len(quantity) == 1 and not use_lp:
        return flow_split(cost, quantity[0], lo[0], hi[0])
    return lp_split(cost, quantity, lo, hi)


def centroids(problem: TerritoryProblem, rep_of: IntArray) -> FloatArray:
    """Visit-weighted centre of each territory (a rep with no accounts keeps their home)."""
    lat, lon = np.radians(problem.lat_lon[:, 0]), np.radians(problem.lat_lon[:, 1])
    xyz = np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))
    out = problem.home.copy()
    for r in range(len(problem.reps)):
        mine = rep_of == r
        if not mine.any():
            continue
        x, y, z = (xyz[mine] * problem.visits[mine, None]).sum(axis=0)
        out[r] = (np.degrees(np.arctan2(z, np.hypot(x, y))), np.degrees(np.arctan2(y, x)))
    return out

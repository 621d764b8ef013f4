"""The cell-to-rep transportation problem: networkx min-cost flow, or HiGHS for two balances.

One balanced quantity (workload or value) is a single commodity: each cell supplies
its quantity, each rep must receive between `lo` and `hi`, and shipping a unit from
a cell to a rep costs the cell's visit-weighted distance per unit. That is a
min-cost flow, solved exactly by networkx's network simplex on integer-scaled data.
Balancing workload *and* value at once puts two resource limits on each rep, which a
network cannot express; that case is the same transportation LP with extra rows,
solved by HiGHS through scipy.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, vstack

from planner.domain import DomainError

FloatArray = npt.NDArray[np.float64]

_FLOW_UNITS = 1_000_000  # total supply after scaling; rounding error ≤ 1e-6 per cell
_COST_UNITS = 10_000_000  # largest arc cost after scaling


class InfeasibleBalance(DomainError):
    """No split satisfies the balance bounds (usually: locks already overload a rep)."""


def flow_split(cost: FloatArray, supply: FloatArray, lo: FloatArray, hi: FloatArray) -> FloatArray:
    """Fraction of each cell given to each rep, by min-cost flow.

    cost: (r, c) cost of the whole cell c going to rep r; supply: (c,) quantity
    per cell; lo/hi: (r,) bounds on what each rep receives. Cells with no supply
    go wholly to their cheapest rep (they do not affect balance).
    """
    n_reps, n_cells = cost.shape
    share = np.zeros((n_reps, n_cells))
    empty = supply <= 0
    share[np.argmin(cost[:, empty], axis=0), np.flatnonzero(empty)] = 1.0
    live = np.flatnonzero(~empty)
    if len(live) == 0:
        return share
    scale = _FLOW_UNITS / float(supply[live].sum())
    units = np.maximum(np.rint(supply[live] * scale).astype(np.int64), 1)
    per_unit = cost[:, live] / supply[live]  # cost of one unit of quantity
    cost_scale = _COST_UNITS / max(float(per_unit.max()), 1e-12)
    arc_cost = np.rint(per_unit * cost_scale).astype(np.int64)
    lo_u = np.floor(np.maximum(lo, 0) * scale).astype(np.int64)
    hi_u = np.ceil(np.maximum(hi, 0) * scale).astype(np.int64)
    total = int(units.sum())
    if lo_u.sum() > total or hi_u.sum() < total:
        raise InfeasibleBalance("the balance bounds cannot all be met")
    graph = nx.DiGraph()
    graph.add_node("slack", demand=total - int(lo_u.sum()))
    for r in range(n_reps):
        graph.add_node(("r", r), demand=int(lo_u[r]))
        graph.add_edge(("r", r), "slack", capacity=int(hi_u[r] - lo_u[r]), weight=0)
    for j, c in enumerate(live):
        graph.add_node(("c", int(c)), demand=-int(units[j]))
        for r in range(n_reps):
            graph.add_edge(("c", int(c)), ("r", r), weight=int(arc_cost[r, j]))
    try:
        _, flows = nx.network_simplex(graph)
    except nx.NetworkXUnfeasible as exc:
        raise InfeasibleBalance("the balance bounds cannot all be met") from exc
    for j, c in enumerate(live):
        out = flows[("c", int(c))]
        for r in range(n_reps):
            share[r, c] = out[("r", r)] / units[j]
    return share


def lp_split(
    cost: FloatArray, quantities: FloatArray, lo: FloatArray, hi: FloatArray
) -> FloatArray:
    """Fraction of each cell given to each rep, by LP (HiGHS), for any number of balances.

    quantities: (d, c) per balanced dimension; lo/hi: (d, r) bounds.
    """
    n_reps, n_cells = cost.shape
    n_var = n_reps * n_cells  # variable r * n_cells + c
    cols = np.arange(n_var)
    one_rep = csr_matrix(
        (np.ones(n_var), (np.tile(np.arange(n_cells), n_reps), cols)), shape=(n_cells, n_var)
    )
    rows = []
    upper = []
    for d in range(quantities.shape[0]):
        load = csr_matrix(
            (np.tile(quantities[d], n_reps), (np.repeat(np.arange(n_reps), n_cells), cols)),
            shape=(n_reps, n_var),
        )
        rows += [load, -load]
        upper += [hi[d], -lo[d]]
    result = linprog(
        cost.ravel(),
        A_ub=vstack(rows).tocsr(),
        b_ub=np.concatenate(upper),
        A_eq=one_rep,
        b_eq=np.ones(n_cells),
        bounds=(0.0, 1.0),
        method="highs-ds",
    )
    if result.status == 2:
        raise InfeasibleBalance("the balance bounds cannot all be met")
    if result.status != 0:
        raise DomainError(f"territory LP failed: {result.message}")
    return np.clip(np.asarray(result.x).reshape(n_reps, n_cells), 0.0, 1.0)

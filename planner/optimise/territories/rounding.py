"""From fractional cell shares to one rep per account, then a repair that restores balance.

A basic optimum of the transportation problem splits at most (reps - 1) cells per
balanced dimension. Each split cell is resolved account by account — the accounts
with most to lose go first to their cheaper rep — until each rep's share of the
cell is used. Rounding can leave a rep a little outside its band; `repair` then
moves single accounts between reps, always the move that buys the most balance for
the least extra travel, and never a locked account.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

_SPLIT = 1e-9


def disaggregate(
    share: FloatArray, cells: list[IntArray], cost: FloatArray, quantity: FloatArray
) -> IntArray:
    """Rep of each account in the cells, honouring the cell shares of `quantity`.

    share: (r, c) fractions; cost: (r, n) per-account cost; quantity: (n,) the
    primary balanced quantity. Returns (n,) rep index, -1 for accounts in no cell.
    """
    rep_of = np.full(cost.shape[1], -1, dtype=np.intp)
    for c, members in enumerate(cells):
        reps = np.flatnonzero(share[:, c] > _SPLIT)
        if len(reps) == 1:
            rep_of[members] = reps[0]
            continue
        quota = share[reps, c] * float(quantity[members].sum())
        sub = cost[np.ix_(reps, members)]
        ordered = np.sort(sub, axis=0)
        regret = ordered[1] - ordered[0]
        for k in np.argsort(-regret, kind="stable"):
            a = members[k]
            fits = quota >= quantity[a] / 2
            pick = np.argmin(np.where(fits, sub[:, k], np.inf)) if fits.any() else np.argmax(quota)
            rep_of[a] = reps[pick]
            quota[pick] -= quantity[a]
    return rep_of


def _excess(load: FloatArray, lo: FloatArray, hi: FloatArray, scale: FloatArray) -> FloatArray:
    """How far loads lie outside [lo, hi], relative to the target; summed over dimensions."""
    out = (np.maximum(load - hi, 0.0) + np.maximum(lo - load, 0.0)) / scale
    return np.asarray(out.sum(axis=0))


def repair(
    rep_of: IntArray,
    movable: BoolArray,
    quantities: FloatArray,
    *,
    bounds: tuple[FloatArray, FloatArray],
    cost: FloatArray,
    active: BoolArray,
    max_moves: int = 5000,
) -> tuple[IntArray, int, bool]:
    """Move movable accounts between active reps until every load is within bounds.

    quantities: (d, n); bounds: (lo, hi) each (d, r). Returns the new rep_of, the
    number of moves and whether every load ended within bounds. Stops early when no
    single move reduces the violation.
    """
    lo, hi = bounds
    rep_of = rep_of.copy()
    n_reps = cost.shape[0]
    scale = np.maximum((lo + hi) / 2, 1e-12)
    load = np.stack([np.bincount(rep_of, q, minlength=n_reps) for q in quantities])
    for moves in range(max_moves):
        excess = np.where(active, _excess(load, lo, hi, scale), 0.0)
        if excess.max() <= 1e-12:
            return rep_of, moves, True
        r = int(np.argmax(excess))
        cand = np.flatnonzero(movable & active[rep_of])
        src = rep_of[cand]
        # Moves into r from elsewhere, and out of r to each other active rep.
        into = cand[src != r]
        out = cand[src == r]
        others = np.flatnonzero(active & (np.arange(n_reps) != r))
        accounts = np.concatenate([into, np.repeat(out, len(others))])
        origin = np.concatenate([rep_of[into], np.full(len(out) * len(others), r)])
        dest = np.concatenate([np.full(len(into), r), np.tile(others, len(out))])
        if len(accounts) == 0:
            return rep_of, moves, False
        q = quantities[:, accounts]
        gain = (
            excess[origin]
            + excess[dest]
            - _excess(load[:, origin] - q, lo[:, origin], hi[:, origin], scale[:, origin])
            - _excess(load[:, dest] + q, lo[:, dest], hi[:, dest], scale[:, dest])
        )
        extra = cost[dest, accounts] - cost[origin, accounts]
        score = np.where(gain > 1e-12, extra / np.maximum(gain, 1e-12), np.inf)
        best = int(np.argmin(score))
        if not np.isfinite(score[best]):
            return rep_of, moves, False
        a, s, t = int(accounts[best]), int(origin[best]), int(dest[best])
        rep_of[a] = t
        load[:, s] -= quantities[:, a]
        load[:, t] += quantities[:, a]
    return rep_of, max_moves, False

"""Micro-cells: small compact groups of accounts that the balancing flow moves as units.

A flow over 20,000 accounts × 12 reps has 240,000 arcs, too many for networkx's
network simplex in a few seconds; ~1,300 cells × 12 reps is quick. Cells are the
leaves of a k-d split at the median (equal counts, deterministic, compact), so a
dense city is cut into many small cells rather than one heavy grid square. Only the
few cells the optimum splits between reps are resolved account by account later.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


def planar(lat_lon: FloatArray) -> FloatArray:
    """Equirectangular (x, y) in degrees of latitude, good enough to cut space into cells."""
    if len(lat_lon) == 0:
        return np.zeros((0, 2))
    lat0 = np.radians(np.mean(lat_lon[:, 0]))
    return np.column_stack((lat_lon[:, 1] * np.cos(lat0), lat_lon[:, 0]))


def kd_cells(lat_lon: FloatArray, max_size: int) -> list[IntArray]:
    """Split points recursively at the median of the wider axis until cells hold ≤ max_size."""
    if max_size < 1:
        raise ValueError("cell size must be at least 1")
    xy = planar(lat_lon)
    todo: list[IntArray] = [np.arange(len(xy), dtype=np.intp)] if len(xy) else []
    cells: list[IntArray] = []
    while todo:
        idx = todo.pop()
        if len(idx) <= max_size:
            cells.append(idx)
            continue
        pts = xy[idx]
        axis = int(np.argmax(pts.max(axis=0) - pts.min(axis=0)))
        if pts[:, axis].max() == pts[:, axis].min():
            # Every point on one pin (a town-level geocode): cut by position, not space.
            order = np.arange(len(idx))
        else:
            order = np.argsort(pts[:, axis], kind="stable")
        half = len(idx) // 2
        todo.append(idx[order[half:]])
        todo.append(idx[order[:half]])
    cells.sort(key=lambda c: int(c[0]))
    return cells


def membership(cells: list[IntArray], n_points: int) -> IntArray:
    """cell index of every point (points in no cell get -1)."""
    out = np.full(n_points, -1, dtype=np.intp)
    for c, idx in enumerate(cells):
        out[idx] = c
    return out

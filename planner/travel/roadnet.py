"""Road network from an OpenStreetMap extract (.osm.pbf) as a networkx graph.

pyrosm reads the drivable ways; each edge gets a travel time from its length and a
speed. Speeds follow OSRM's car profile (profiles/car.lua shipped with osrm-bindings
26.10): per-highway default speeds when a way has no `maxspeed`, and 80 % of a
tagged `maxspeed` (its `speed_reduction`), so our times are comparable with an OSRM
server's. The parsed network is cached on disk as .npz (keyed by the file's content
and the speed table) because parsing a regional extract takes minutes.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from platformdirs import user_cache_dir

from planner.travel.model import TravelError

# OSRM car.lua `speeds.highway`, km/h, for ways without a usable maxspeed.
HIGHWAY_SPEEDS_KMH: dict[str, float] = {
    "motorway": 90,
    "motorway_link": 45,
    "trunk": 85,
    "trunk_link": 40,
    "primary": 65,
    "primary_link": 30,
    "secondary": 55,
    "secondary_link": 25,
    "tertiary": 40,
    "tertiary_link": 20,
    "unclassified": 25,
    "residential": 25,
    "living_street": 10,
    "service": 15,
}
FALLBACK_SPEED_KMH = 25.0  # unknown highway values: OSRM's residential speed
MAXSPEED_FACTOR = 0.8  # OSRM car.lua `speed_reduction`
_MPH = 1.609344
_FORMAT = 1  # bump when the cached layout or the speed rules change
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mph|km/h|kmh|kph)?\s*$", re.IGNORECASE)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def parse_maxspeed(value: object) -> float | None:
    """km/h from an OSM maxspeed tag ("50", "30 mph", "50;70"), None if not numeric."""
    if not isinstance(value, str) or not value.strip():
        return None
    first = value.split(";")[0]
    match = _NUMBER.match(first)
    if not match:
        return None  # "IT:urban", "signals", "none": fall back to the highway default
    speed = float(match.group(1)) * (_MPH if (match.group(2) or "").lower() == "mph" else 1.0)
    return speed if speed > 0 else None


def edge_speed_kmh(highway: object, maxspeed: object) -> float:
    tagged = parse_maxspeed(maxspeed)
    if tagged is not None:
        return tagged * MAXSPEED_FACTOR
    return HIGHWAY_SPEEDS_KMH.get(str(highway), FALLBACK_SPEED_KMH)


@dataclass(frozen=True, eq=False)
class RoadArrays:
    """A directed road network as flat arrays (what the disk cache stores)."""

    lat: FloatArray  # per node
    lon: FloatArray
    osm_id: IntArray
    u: IntArray  # per directed edge, node positions
    v: IntArray
    length_m: FloatArray
    time_s: FloatArray

    def to_networkx(self) -> nx.DiGraph:
        """Directed graph; nodes are positions 0..n-1 with lat/lon/osm_id attributes."""
        graph = nx.DiGraph()
        # Slowest first, so that of two parallel ways the fastest is added last and kept.
        order = np.argsort(-self.time_s, kind="stable")
        graph.add_nodes_from(
            (i, {"lat": la, "lon": lo, "osm_id": int(o)})
            for i, (la, lo, o) in enumerate(zip(self.lat, self.lon, self.osm_id, strict=True))
        )
        graph.add_edges_from(
            (int(a), int(b), {"length": float(d), "travel_time": float(t)})
            for a, b, d, t in zip(
                self.u[order], self.v[order], self.length_m[order], self.time_s[order], strict=True
            )
        )
        return graph

    def with_junction_penalty(self, seconds: float) -> RoadArrays:
        """Edges into a junction (a node joining three or more roads) take `seconds` longer."""
        if seconds == 0 or not len(self.u):
            return self
        low, high = np.minimum(self.u, self.v), np.maximum(self.u, self.v)
        roads = np.unique(np.stack([low, high], axis=1), axis=0)  # undirected, deduplicated
        degree = np.bincount(roads.ravel(), minlength=len(self.lat))
        extra = np.where(degree[self.v] >= 3, seconds, 0.0)
        return replace(self, time_s=self.time_s + extra)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(tmp, **{k: getattr(self, k) for k in _FIELDS})
        tmp.replace(path)  # atomic: a crash never leaves a half-written cache

    @classmethod
    def load(cls, path: Path) -> RoadArrays:
        with np.load(path) as data:
            return cls(**{k: data[k] for k in _FIELDS})


_FIELDS = ("lat", "lon", "osm_id", "u", "v", "length_m", "time_s")


def _directed_edges(edges: Any) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """(u osm id, v osm id, metres, seconds) for each allowed direction of each way segment."""
    speeds = np.array(
        [edge_speed_kmh(h, m) for h, m in zip(edges["highway"], edges["maxspeed"], strict=True)]
    )
    length = edges["length"].to_numpy(dtype=np.float64)
    seconds = length / (speeds / 3.6)
    u = edges["u"].to_numpy(dtype=np.int64)
    v = edges["v"].to_numpy(dtype=np.int64)
    oneway = edges["oneway"].astype(str).str.lower().to_numpy() if "oneway" in edges else None
    forward = np.ones(len(u), dtype=bool)
    backward = np.ones(len(u), dtype=bool)
    if oneway is not None:
        forward &= oneway != "-1"
        backward &= ~np.isin(oneway, ["yes", "true", "1"])
    return (
        np.concatenate([u[forward], v[backward]]),
        np.concatenate([v[forward], u[backward]]),
        np.concatenate([length[forward], length[backward]]),
        np.concatenate([seconds[forward], seconds[backward]]),
    )


def read_pbf(pbf: Path) -> RoadArrays:
    """Parse the drivable network of an .osm.pbf with pyrosm."""
    try:
        from pyrosm import OSM  # heavy import, only when a pbf is actually read
    except ImportError:  # the desktop bundle leaves pyrosm out
        raise TravelError(
            "reading .osm.pbf road extracts needs the pyrosm package, which this build does "
            "not include: install Territory planner from source, or use an OSRM server"
        ) from None

    if not pbf.is_file():
        raise TravelError(f"road extract not found: {pbf}")
    try:
        nodes, edges = OSM(str(pbf)).get_network("driving", nodes=True)
    except Exception as exc:  # pyrosm raises bare Exceptions/ValueErrors on bad files
        raise TravelError(f"cannot read OSM extract {pbf}: {exc}") from exc
    if edges is None or len(edges) == 0:
        raise TravelError(f"{pbf} holds no drivable roads")
    uid, vid, length, seconds = _directed_edges(edges)
    osm_ids = nodes["id"].to_numpy(dtype=np.int64)
    order = np.argsort(osm_ids)
    u_pos, v_pos = np.searchsorted(osm_ids[order], uid), np.searchsorted(osm_ids[order], vid)
    u_pos, v_pos = np.minimum(u_pos, len(order) - 1), np.minimum(v_pos, len(order) - 1)
    known = (osm_ids[order][u_pos] == uid) & (osm_ids[order][v_pos] == vid)
    return RoadArrays(
        lat=nodes["lat"].to_numpy(dtype=np.float64)[order],
        lon=nodes["lon"].to_numpy(dtype=np.float64)[order],
        osm_id=osm_ids[order],
        u=u_pos[known].astype(np.int64),
        v=v_pos[known].astype(np.int64),
        length_m=length[known],
        time_s=np.maximum(seconds[known], 1e-3),  # keeps every edge strictly positive
    )


def _cache_name(pbf: Path) -> str:
    digest = hashlib.sha256(
        f"format={_FORMAT};speeds={sorted(HIGHWAY_SPEEDS_KMH.items())}".encode()
    )
    with pbf.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return f"{pbf.stem.split('.')[0]}-{digest.hexdigest()[:16]}.npz"


def default_cache_dir() -> Path:
    return Path(user_cache_dir("territory-planner")) / "road-graphs"


def load_road_arrays(pbf: Path, cache_dir: Path | None = None) -> tuple[RoadArrays, str]:
    """The network of `pbf`, from the disk cache when present; also returns its content key."""
    pbf = Path(pbf)
    if not pbf.is_file():
        raise TravelError(f"road extract not found: {pbf}")
    name = _cache_name(pbf)
    path = (cache_dir or default_cache_dir()) / name
    if path.is_file():
        try:
            return RoadArrays.load(path), name
        except (OSError, ValueError, KeyError):
            path.unlink(missing_ok=True)  # corrupt cache: rebuild it
    arrays = read_pbf(pbf)
    with contextlib.suppress(OSError):  # a read-only cache dir only costs time next load
        arrays.save(path)
    return arrays, name

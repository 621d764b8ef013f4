"""Travel model: distances, durations and costs between places.

Backends: "geodesic" (offline estimate, the default), "osm" (an OSM road graph from a
.osm.pbf extract) and "osrm" (an OSRM server's /table and /route). All return a
`TravelMatrix` of int64 metres and seconds; money is computed only in `costs`.
"""

from __future__ import annotations

from typing import Any

from planner.travel.cache import (
    ArrayMatrixStore,
    InMemoryMatrixCache,
    MatrixCache,
    StoreMatrixCache,
    cached_matrix,
    matrix_key,
)
from planner.travel.costs import cost_matrix_cents, day_cost, leg_cost, overnight_cost
from planner.travel.geodesic import GeodesicModel, GeodesicParams
from planner.travel.incremental import MatrixMemo
from planner.travel.model import Geometry, TravelError, TravelMatrix, TravelModel
from planner.travel.settings import BACKENDS, TravelSettings, load_settings, save_settings


def make_model(backend: str = "geodesic", **options: Any) -> TravelModel:
    """Build a travel model by backend name.

    geodesic: options are GeodesicParams fields (circuity_short, speed_long_kmh, ...).
    osm: pbf (path to an .osm.pbf), optional cache_dir, junction_penalty_s, access_speed_kmh.
    osrm: url of the server, optional profile, max_table_size, timeout_s.
    """
    if backend == "geodesic":
        return GeodesicModel(GeodesicParams(**options))
    if backend == "osm":
        from planner.travel.roadgraph import RoadGraphModel  # scipy/pyrosm only when used

        pbf = options.pop("pbf", None)
        if not pbf:
            raise TravelError("the osm backend needs pbf=PATH to an .osm.pbf extract")
        return RoadGraphModel.from_pbf(pbf, **options)
    if backend == "osrm":
        from planner.travel.osrm import OsrmModel

        url = options.pop("url", None)
        if not url:
            raise TravelError("the osrm backend needs url=http://host:port of an OSRM server")
        return OsrmModel(url, **options)
    raise TravelError(f"unknown travel backend {backend!r}; choose one of {', '.join(BACKENDS)}")


__all__ = [
    "BACKENDS",
    "ArrayMatrixStore",
    "GeodesicModel",
    "GeodesicParams",
    "Geometry",
    "InMemoryMatrixCache",
    "MatrixCache",
    "MatrixMemo",
    "StoreMatrixCache",
    "TravelError",
    "TravelMatrix",
    "TravelModel",
    "TravelSettings",
    "cached_matrix",
    "cost_matrix_cents",
    "day_cost",
    "leg_cost",
    "load_settings",
    "make_model",
    "matrix_key",
    "overnight_cost",
    "save_settings",
]

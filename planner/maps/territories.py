"""Territory areas for the map: a padded concave hull around each rep's accounts.

Concave rather than convex so that neighbouring territories that interlock do not
paint over each other; the padding keeps edge accounts inside and gives one or two
accounts an area too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import shapely

from planner.domain import Account, Rep, Territory
from planner.io.exporters.common import one_line
from planner.maps.layers import GeoJSON, collection
from planner.maps.palette import Palette

PAD_KM = 3.0
CONCAVITY = 0.35  # shapely's ratio: 1 is the convex hull, smaller hugs the points


def _area_ring(lonlat: np.ndarray) -> list[list[float]]:
    """Closed outer ring (lon, lat) around the points, grown by about PAD_KM."""
    # work in a local equirectangular plane so the padding is round, not squashed
    squash = math.cos(math.radians(float(lonlat[:, 1].mean())))
    plane = np.column_stack([lonlat[:, 0] * squash, lonlat[:, 1]])
    hull = shapely.concave_hull(shapely.multipoints(plane), ratio=CONCAVITY)
    area = hull.buffer(PAD_KM / 111.0, quad_segs=4).simplify(0.002)
    if area.geom_type == "MultiPolygon":  # cannot happen for one buffered hull; be safe
        area = max(area.geoms, key=lambda g: g.area)
    ring = np.asarray(area.exterior.coords)
    return [[round(float(x) / squash, 5), round(float(y), 5)] for x, y in ring]


def territories_layer(
    territories: Iterable[Territory],
    accounts: Mapping[str, Account],
    reps: Iterable[Rep] = (),
    rep_colors: Palette | None = None,
) -> GeoJSON:
    """One polygon per territory with located accounts, and a point per rep's home."""
    colors = rep_colors["colors"] if rep_colors else {}
    other = rep_colors["other"] if rep_colors else "#777777"
    features: list[GeoJSON] = []
    for territory in territories:
        points = [
            (a.location.lon, a.location.lat)
            for key in sorted(territory.account_keys)
            if (a := accounts.get(key)) is not None and a.location is not None
        ]
        if not points:
            continue
        props = {
            "name": one_line(territory.name),
            "rep": one_line(territory.rep_name),
            "accounts": len(territory.account_keys),
            "color": colors.get(one_line(territory.rep_name), other),
        }
        ring = _area_ring(np.array(points, dtype=float))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": props,
            }
        )
    for rep in reps:
        if rep.home is None:
            continue
        name = one_line(rep.name)
        props = {"kind": "home", "name": f"{name} (home)", "color": colors.get(name, other)}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [rep.home.lon, rep.home.lat]},
                "properties": props,
            }
        )
    return collection(features)

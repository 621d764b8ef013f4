"""Territory areas for the map: a padded convex hull around each rep's accounts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
from scipy.spatial import ConvexHull, QhullError

from planner.domain import Account, Rep, Territory
from planner.io.exporters.common import one_line
from planner.maps.layers import GeoJSON, collection
from planner.maps.palette import Palette

PAD_KM = 2.0  # margin so edge accounts sit inside the outline, and 1-2 accounts get an area
_OCTAGON = [(math.cos(a), math.sin(a)) for a in np.linspace(0, 2 * math.pi, 8, endpoint=False)]


def _padded_hull(lonlat: np.ndarray) -> list[list[float]]:
    """Closed ring (lon, lat) of the hull of the points, grown by about PAD_KM."""
    try:
        corners = lonlat[ConvexHull(lonlat).vertices]
    except (QhullError, ValueError):  # fewer than 3 points, or all on a line
        corners = lonlat
    dlat = PAD_KM / 111.0
    dlon = dlat / max(0.1, math.cos(math.radians(float(lonlat[:, 1].mean()))))
    padded = np.array([(x + dx * dlon, y + dy * dlat) for x, y in corners for dx, dy in _OCTAGON])
    hull = padded[ConvexHull(padded).vertices]
    ring = [[round(float(x), 5), round(float(y), 5)] for x, y in hull]
    return [*ring, ring[0]]


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
        ring = _padded_hull(np.array(points, dtype=float))
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

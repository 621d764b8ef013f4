"""Use case: the offline base map of a standalone map file (export html, the demo).

Opened without internet, the file would be an empty beige area once zoomed to a day:
it carries the app's base map instead, the gazetteer's town labels and the installed
regions' roads around what it shows (`map_places`, `map_roads`), drawn by zoom level
as in the app.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.domain import Account, WeekPlan
from planner.domain.geo import GeoPoint
from planner.io.geocoding.gazetteer import Gazetteer
from planner.io.regions import RegionStore
from planner.maps.page import Basemap
from planner.services.map_places import places_around
from planner.services.map_roads import roads_around

# A file cannot ask for the streets of its view later (the app can): the area's road
# classes go in whole, major first, up to about 1 MB of JSON.
FILE_ROAD_POINTS = 60_000


def offline_basemap(
    accounts: Iterable[Account],
    plan: WeekPlan | None = None,
    gazetteer: Gazetteer | None = None,
    regions: RegionStore | None = None,
) -> Basemap:
    """What a standalone page (`planner.maps.write_standalone_page(..., basemap=)`)
    needs to read offline: the towns and roads around the accounts and the week's
    start and end points, as the app's page gets them."""
    shown = list(accounts)
    points = [a.location for a in shown if a.location is not None] + _plan_stops(plan)
    towns = {a.address.city for a in shown if a.address.city}
    return Basemap(
        places=places_around(points, towns, gazetteer),
        roads=roads_around(points, regions, max_points=FILE_ROAD_POINTS),
    )


def _plan_stops(plan: WeekPlan | None) -> list[GeoPoint]:
    """Where the week's days start and end (home, a hotel): on the map, off the accounts."""
    if plan is None:
        return []
    return [stop.location for day in plan.days for stop in (day.start, day.end)]

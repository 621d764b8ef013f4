"""Hand a stop or a day's route to the rep's navigation app.

Links, not API calls: Google Maps directions URLs (with waypoints, the documented
`api=1` form), Apple Maps, Waze, and RFC 5870 `geo:` URIs that Android hands to any
navigation app. Every parameter is URL-encoded. Coordinates, not addresses, are sent:
a pin the rep has checked is better than the app's guess at a CRM address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from planner.domain.geo import GeoPoint
from planner.domain.plan import DayPlan

GOOGLE_DIRECTIONS = "https://www.google.com/maps/dir/"
# Google Maps takes at most 9 waypoints in a directions URL; longer days are split into
# consecutive links, each starting where the previous one ends.
MAX_WAYPOINTS = 9


def _coordinates(point: GeoPoint) -> str:
    return f"{point.lat:.6f},{point.lon:.6f}"


def google_directions(route: Sequence[GeoPoint]) -> str:
    """Driving directions through `route` in order (its first point is the origin)."""
    if len(route) < 2:
        raise ValueError("a route needs an origin and a destination")
    params = {"api": "1", "origin": _coordinates(route[0])}
    params["destination"] = _coordinates(route[-1])
    if len(route) > 2:
        params["waypoints"] = "|".join(_coordinates(p) for p in route[1:-1])
    params["travelmode"] = "driving"
    return f"{GOOGLE_DIRECTIONS}?{urlencode(params)}"


def google_day_links(route: Sequence[GeoPoint]) -> list[str]:
    """A day's route as one link, or several when it has more stops than Google takes."""
    links = []
    start = 0
    while start < len(route) - 1:
        end = min(start + MAX_WAYPOINTS + 1, len(route) - 1)
        links.append(google_directions(route[start : end + 1]))
        start = end
    return links


def google_place(point: GeoPoint) -> str:
    """Directions from where the phone is to one stop."""
    query = urlencode({"api": "1", "destination": _coordinates(point), "travelmode": "driving"})
    return f"{GOOGLE_DIRECTIONS}?{query}"


def apple_maps(point: GeoPoint, name: str = "") -> str:
    params = {"daddr": _coordinates(point), "dirflg": "d"}
    if name:
        params["q"] = name
    return f"https://maps.apple.com/?{urlencode(params)}"


def waze(point: GeoPoint) -> str:
    return f"https://waze.com/ul?{urlencode({'ll': _coordinates(point), 'navigate': 'yes'})}"


def geo_uri(point: GeoPoint, name: str = "") -> str:
    """RFC 5870 with the Android label convention: geo:0,0?q=lat,lon(Name)."""
    if not name:
        return f"geo:{_coordinates(point)}"
    where = _coordinates(point)
    return f"geo:{where}?q={where}({quote(name, safe='')})"


@dataclass(frozen=True)
class StopLinks:
    """Every hand-off for one stop, by app."""

    google: str
    apple: str
    waze: str
    geo: str

    @classmethod
    def of(cls, point: GeoPoint, name: str = "") -> StopLinks:
        return cls(google_place(point), apple_maps(point, name), waze(point), geo_uri(point, name))


def day_route(day: DayPlan, locations: dict[str, GeoPoint]) -> list[GeoPoint]:
    """Start, the located visits in order, end: the points to drive through."""
    visits = [
        locations[v.account_key]
        for v in day.visits
        if v.account_key in locations and not v.cancelled
    ]
    return [day.start.location, *visits, day.end.location]

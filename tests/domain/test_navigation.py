"""Navigation links: Google Maps directions with waypoints, Apple Maps, Waze, geo:."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from planner.domain import GeoPoint
from planner.domain.navigation import (
    MAX_WAYPOINTS,
    StopLinks,
    geo_uri,
    google_day_links,
    google_directions,
)

HOME = GeoPoint(44.494, 11.343)


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_google_directions_carry_origin_waypoints_and_destination() -> None:
    stops = [HOME, GeoPoint(44.5, 11.3), GeoPoint(44.6, 11.2), HOME]
    url = google_directions(stops)
    assert url.startswith("https://www.google.com/maps/dir/?api=1&")
    query = _query(url)
    assert query["origin"] == ["44.494000,11.343000"]
    assert query["destination"] == ["44.494000,11.343000"]
    assert query["waypoints"] == ["44.500000,11.300000|44.600000,11.200000"]
    assert "%7C" in url and "|" not in url  # the separator is URL-encoded
    assert query["travelmode"] == ["driving"]


def test_a_long_day_is_split_into_links_google_accepts() -> None:
    stops = [HOME, *(GeoPoint(44 + i / 100, 11) for i in range(12)), HOME]
    links = google_day_links(stops)
    assert len(links) == 2
    parts = [_query(link) for link in links]
    assert all(len(p.get("waypoints", [""])[0].split("|")) <= MAX_WAYPOINTS for p in parts)
    assert parts[1]["origin"] == parts[0]["destination"]  # the second part goes on from there
    assert parts[1]["destination"] == ["44.494000,11.343000"]


def test_stop_links_encode_names() -> None:
    links = StopLinks.of(GeoPoint(45.0, 9.0), 'Rossi & Figli "Sede" <b>')
    assert _query(links.apple)["q"] == ['Rossi & Figli "Sede" <b>']
    assert "&Figli" not in links.apple and " " not in links.apple
    assert _query(links.waze) == {"ll": ["45.000000,9.000000"], "navigate": ["yes"]}
    assert links.geo.startswith("geo:45.000000,9.000000?q=45.000000,9.000000(Rossi%20%26%20Figli")
    assert geo_uri(GeoPoint(45.0, 9.0)) == "geo:45.000000,9.000000"

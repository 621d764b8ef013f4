"""GPX 1.1 export with gpxpy: one route per day (stops in order), one track per day of roads.

Navigation apps follow a route's points; the track carries the road geometry when
the travel model knew it, so the map shows the real drive rather than straight lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC

import gpxpy.gpx

from planner.domain import Account, DayPlan, GeoPoint, Rep, WeekPlan
from planner.domain.navigation import geo_uri
from planner.io.exporters.common import (
    StopRow,
    clean_text,
    describe_visit,
    stop_rows,
)

CREATOR = "Territory planner"


def export_gpx(plan: WeekPlan, accounts: Mapping[str, Account], rep: Rep) -> str:
    """The week as GPX 1.1 XML text; cancelled visits are left out of the routes."""
    gpx = gpxpy.gpx.GPX()
    gpx.creator = CREATOR
    gpx.name = clean_text(f"{rep.name} – week of {plan.week_start.isoformat()}")
    gpx.description = clean_text(
        f"{len(plan.visits())} visits, {plan.distance_m / 1000:.1f} km, cost {plan.cost}"
    )
    rows = stop_rows(plan, accounts)
    for day in plan.days:
        day_rows = [r for r in rows if r.day is day and not r.visit.cancelled]
        gpx.routes.append(_route(day, day_rows, rep))
        track = _track(day)
        if track is not None:
            gpx.tracks.append(track)
    return gpx.to_xml(version="1.1")


def _route(day: DayPlan, rows: list[StopRow], rep: Rep) -> gpxpy.gpx.GPXRoute:
    route = gpxpy.gpx.GPXRoute(
        name=clean_text(f"{day.day.isoformat()} ({day.day:%A})"),
        description=clean_text(
            f"{len(rows)} visits, {day.distance_m / 1000:.1f} km, "
            f"{round(day.driving_s / 60)} min driving"
        ),
    )
    route.points.append(_stop_point(day.start.name, day.start.location, day.start.kind))
    for row in rows:
        if row.location is None:
            continue  # not geocoded: nothing to navigate to; the CSV and PDF still list it
        point = _stop_point(f"{row.index}. {row.visit.name}", row.location, "visit")
        point.time = row.visit.arrival.astimezone(UTC)
        point.description = describe_visit(row, rep)
        point.comment = clean_text(row.address)
        route.points.append(point)
    route.points.append(_stop_point(day.end.name, day.end.location, day.end.kind))
    return route


def _stop_point(name: str, location: GeoPoint, kind: str) -> gpxpy.gpx.GPXRoutePoint:
    point = gpxpy.gpx.GPXRoutePoint(
        latitude=location.lat,
        longitude=location.lon,
        name=clean_text(name),
        symbol={"home": "Residence", "hotel": "Lodging"}.get(kind, "Flag, Blue"),
    )
    point.type = kind
    # gpxpy 1.6.2 writes href unescaped (its issue #283), so the link is the geo: URI,
    # which has no XML-special characters; the web map link goes in the escaped <desc>.
    point.link = geo_uri(location)
    point.link_text = "Navigate"
    return point


def _track(day: DayPlan) -> gpxpy.gpx.GPXTrack | None:
    """Road geometry of the day's legs, one segment per leg; None when no leg has any."""
    segments = []
    for leg in day.legs:
        if len(leg.geometry) < 2:
            continue
        segment = gpxpy.gpx.GPXTrackSegment()
        segment.points.extend(gpxpy.gpx.GPXTrackPoint(lat, lon) for lat, lon in leg.geometry)
        segments.append(segment)
    if not segments:
        return None
    track = gpxpy.gpx.GPXTrack(name=f"{day.day.isoformat()} roads")
    track.segments.extend(segments)
    return track

"""A region's roads for drawing on the offline map: one small SQLite file per region.

Built from the region's .osm.pbf with pyosmium when the region is built (a step of its
own, beside the address index and the road dataset): every way tagged with a drawn
`highway=*` class, its line simplified for the zoom its class is shown from, stored as
1e-5° integers with a bounding-box R*Tree. `read_road_lines` returns the lines crossing
a box, major classes first, whole classes only, within a point budget, so a big region
sends its motorways and main roads and leaves the streets out rather than sending
half of them.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)

ROAD_LINES_FILE = "road-lines.sqlite"  # in a region's folder
SCALE = 100_000  # coordinates stored as integers of 1e-5 degree (about a metre)

# Drawn classes, major first: (class name, highway values, simplification tolerance in
# degrees — about what one screen pixel covers at the zoom the class appears from).
ROAD_CLASSES: tuple[tuple[str, frozenset[str], float], ...] = (
    ("motorway", frozenset({"motorway", "motorway_link", "trunk", "trunk_link"}), 0.0004),
    ("primary", frozenset({"primary", "primary_link"}), 0.0002),
    ("secondary", frozenset({"secondary", "secondary_link"}), 0.0001),
    ("tertiary", frozenset({"tertiary", "tertiary_link"}), 0.00005),
    ("minor", frozenset({"unclassified", "residential", "living_street"}), 0.00002),
)
_CLASS_OF = {value: i for i, (_, values, _) in enumerate(ROAD_CLASSES) for value in values}
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE lines(id INTEGER PRIMARY KEY, cls INTEGER NOT NULL, points INTEGER NOT NULL,
    coords BLOB NOT NULL);
CREATE VIRTUAL TABLE lines_box USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""
Line = tuple[int, list[float]]  # (class index, [lon, lat, lon, lat, ...])


def build_road_lines(
    pbf: Path,
    target: Path,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> dict[str, int]:
    """Write the road lines of `pbf` to `target`; counts of lines and points."""
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    conn = sqlite3.connect(target)
    lines = points = 0
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        for line_id, (cls, coords) in enumerate(_read_ways(pbf, progress, cancel), start=1):
            _insert(conn, line_id, cls, coords)
            lines += 1
            points += len(coords) // 2
        conn.execute("INSERT INTO meta VALUES ('version', '1')")
        conn.commit()
    finally:
        conn.close()
    progress.report(1.0, f"roads for the map: {lines:,} lines")
    return {"lines": lines, "points": points}


def _insert(conn: sqlite3.Connection, line_id: int, cls: int, coords: array[int]) -> None:
    lons, lats = coords[0::2], coords[1::2]
    conn.execute(
        "INSERT INTO lines VALUES (?,?,?,?)", (line_id, cls, len(coords) // 2, coords.tobytes())
    )
    conn.execute(
        "INSERT INTO lines_box VALUES (?,?,?,?,?)",
        (line_id, min(lats) / SCALE, max(lats) / SCALE, min(lons) / SCALE, max(lons) / SCALE),
    )


def _read_ways(
    pbf: Path, progress: ProgressReporter, cancel: CancelToken
) -> Iterator[tuple[int, array[int]]]:
    import osmium
    from shapely import LineString

    size = max(1, pbf.stat().st_size)
    # Nodes feed the location cache only; Python sees the ways tagged highway=*.
    processor = (
        osmium.FileProcessor(str(pbf), osmium.osm.NODE | osmium.osm.WAY)
        .with_locations()
        .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
        .with_filter(osmium.filter.KeyFilter("highway"))
    )
    try:
        for count, obj in enumerate(processor):
            if count % 20_000 == 0:
                if cancel.cancelled:
                    raise Cancelled("road lines build cancelled")
                progress.report(min(0.95, count / (size / 100)), "roads for the map: reading")
            cls = _CLASS_OF.get(obj.tags.get("highway") or "")
            if cls is None:
                continue
            xy = _locations(obj)
            if len(xy) < 2:
                continue
            simple = LineString(xy).simplify(ROAD_CLASSES[cls][2], preserve_topology=False)
            yield cls, array("i", (round(v * SCALE) for x, y in simple.coords for v in (x, y)))
    except RuntimeError as exc:  # libosmium: "PBF error: unexpected EOF", ...
        raise ValueError(f"the extract cannot be read: {exc}") from exc


def _locations(way: Any) -> list[tuple[float, float]]:
    out = []
    for node in way.nodes:
        location = node.location
        if location.valid():
            out.append((location.lon, location.lat))
    return out


class RoadLines(list[Line]):
    """Lines read for a box; `partial` when classes were left out over the budget."""

    partial = False


def read_road_lines(
    path: Path, box: tuple[float, float, float, float], max_points: int = 300_000
) -> RoadLines:
    """Lines crossing the (south, west, north, east) box, major classes first; a class
    that would go over `max_points` is left out with every smaller one."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    south, west, north, east = box
    out = RoadLines()
    total = 0
    try:
        for cls in range(len(ROAD_CLASSES)):
            rows = conn.execute(
                "SELECT l.points, l.coords FROM lines_box b JOIN lines l ON l.id = b.id "
                "WHERE b.max_lat >= ? AND b.min_lat <= ? AND b.max_lon >= ? AND b.min_lon <= ? "
                "AND l.cls = ?",
                (south, north, west, east, cls),
            ).fetchall()
            total += sum(points for points, _ in rows)
            if total > max_points:
                out.partial = True
                break
            out.extend((cls, _decode(blob)) for _, blob in rows)
    finally:
        conn.close()
    return out


def _decode(blob: bytes) -> list[float]:
    coords = array("i")
    coords.frombytes(blob)
    return [v / SCALE for v in coords]

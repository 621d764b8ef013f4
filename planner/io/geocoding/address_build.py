"""Build a region's address index from its .osm.pbf with pyosmium.

One pass reads house addresses (`addr:street` + `addr:housenumber`, or `addr:place`)
on nodes, on ways (building outlines: the mean of their nodes) and on multipolygon
buildings, the named roads (`highway=*` + `name`) and the towns (`place=*`). Streets
are kept per (name, nearest town) so that the many "Via Roma" of a country stay apart;
their names go into an FTS5 table with accents folded, together with the town, the
postcodes and the `addr:city` values met on them, which a lookup can filter on. A
road's other names (`name:sv` in bilingual Helsinki, `alt_name`, `official_name`,
`old_name`) are searchable too: alias rows that `street_alias` maps to the street.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from planner.domain.progress import (
    Cancelled,
    CancelToken,
    NeverCancel,
    NullProgress,
    ProgressReporter,
)
from planner.io.geocoding.names import fold
from planner.io.geocoding.street_names import house_number_value, street_norm

INDEX_VERSION = 1
_ALIAS_TAG = re.compile(r"^(name:[a-z]{2,3}|alt_name|official_name|old_name|short_name)$")
_TOWN_PLACES = frozenset({"city", "town", "village", "hamlet", "suburb", "quarter"})
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE streets(id INTEGER PRIMARY KEY, name TEXT NOT NULL, norm TEXT NOT NULL,
    town TEXT NOT NULL, area TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL);
CREATE VIRTUAL TABLE streets_fts USING fts5(norm, area, content='streets',
    content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE towns(name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL);
CREATE TABLE street_alias(alias_id INTEGER PRIMARY KEY, street_id INTEGER NOT NULL);
CREATE TABLE addresses(street_id INTEGER NOT NULL, housenumber TEXT NOT NULL,
    number INTEGER, postcode TEXT NOT NULL, city TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL);
"""
_INDEXES = """
CREATE INDEX addresses_street ON addresses(street_id, number);
CREATE INDEX towns_name ON towns(name);
"""


@dataclass
class _Street:
    name: str
    lat: float
    lon: float
    length: float  # of the longest way seen (its midpoint is the street's pin)
    area: set[str] = field(default_factory=set)


@dataclass
class _Read:
    """What one pass over the extract collected."""

    towns: list[tuple[str, float, float]] = field(default_factory=list)
    town_aliases: list[tuple[str, float, float]] = field(default_factory=list)  # Helsingfors
    roads: list[tuple[str, float, float, float]] = field(default_factory=list)  # name, lat, lon, m
    aliases: set[tuple[str, str, float, float]] = field(default_factory=set)  # name, other, pin
    houses: list[tuple[str, str, str, str, float, float]] = field(default_factory=list)
    bbox: list[float] = field(default_factory=lambda: [90.0, 180.0, -90.0, -180.0])


def build_address_index(
    pbf: Path,
    out: Path,
    progress: ProgressReporter | None = None,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """Write the index to `out`; returns counts and the extract's bounding box."""
    progress = progress or NullProgress()
    cancel = cancel or NeverCancel()
    read = _read(pbf, progress, cancel)
    streets, house_rows, aliases = _group(read)
    progress.report(0.9, "addresses: writing the index")
    conn = sqlite3.connect(out)
    try:
        with conn:
            conn.executescript(_SCHEMA)
            _write(conn, streets, house_rows)
            _write_aliases(conn, streets, aliases)
            conn.executemany(
                "INSERT INTO towns VALUES (?, ?, ?)",
                {(fold(name), lat, lon) for name, lat, lon in read.towns + read.town_aliases},
            )
            conn.executescript(_INDEXES)
            conn.execute("INSERT INTO streets_fts(streets_fts) VALUES ('optimize')")
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
    finally:
        conn.close()
    s, w, n, e = read.bbox
    if n < s:
        raise ValueError("the extract holds no located nodes")
    progress.report(1.0, "addresses: index ready")
    return {"addresses": len(house_rows), "streets": len(streets), "bbox": (s, w, n, e)}


def _read(pbf: Path, progress: ProgressReporter, cancel: CancelToken) -> _Read:
    import osmium

    read = _Read()
    size = max(1, pbf.stat().st_size)
    # untagged nodes (most of a file: way geometry) only matter as way locations
    processor = (
        osmium.FileProcessor(str(pbf)).with_locations().with_areas()
        .with_filter(osmium.filter.EmptyTagFilter())
    )  # fmt: skip
    try:
        for count, obj in enumerate(processor):
            if count % 50_000 == 0:
                if cancel.cancelled:
                    raise Cancelled("address index build cancelled")
                progress.report(min(0.85, 0.85 * count / (size / 32)), "addresses: reading")
            _take(obj, read)
    except RuntimeError as exc:  # libosmium: "PBF error: unexpected EOF", ...
        raise ValueError(f"the extract cannot be read: {exc}") from exc
    return read


def _take(obj: Any, read: _Read) -> None:
    tags = obj.tags
    if obj.is_node():
        lat, lon = obj.location.lat, obj.location.lon
        _extend(read.bbox, lat, lat, lon, lon)
        if tags.get("place") in _TOWN_PLACES and "name" in tags:
            read.towns.append((tags["name"], lat, lon))
            read.town_aliases += [(other, lat, lon) for other in _other_names(tags)]
        _house(tags, lat, lon, read)
    elif obj.is_way():
        points = [(n.location.lat, n.location.lon) for n in obj.nodes if n.location.valid()]
        if not points:
            return
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        _extend(read.bbox, min(lats), max(lats), min(lons), max(lons))
        if "highway" in tags and "name" in tags:
            lat, lon, length = _midpoint(points)
            read.roads.append((tags["name"], lat, lon, length))
            read.aliases.update((tags["name"], other, lat, lon) for other in _other_names(tags))
        if "addr:housenumber" in tags:
            lat, lon = np.mean(np.asarray(points), axis=0)
            _house(tags, float(lat), float(lon), read)
    elif obj.is_area() and not obj.from_way() and "addr:housenumber" in tags:
        rings = [[(n.lat, n.lon) for n in ring] for ring in obj.outer_rings()]
        points = [p for ring in rings for p in ring]
        if points:
            lat, lon = np.mean(np.asarray(points), axis=0)
            _house(tags, float(lat), float(lon), read)


def _extend(box: list[float], south: float, north: float, west: float, east: float) -> None:
    box[0], box[1] = min(box[0], south), min(box[1], west)
    box[2], box[3] = max(box[2], north), max(box[3], east)


def _other_names(tags: Any) -> set[str]:
    """A road's names besides `name`: other languages, alternative, official, old."""
    out: set[str] = set()
    for tag in tags:
        if _ALIAS_TAG.match(tag.k):
            out.update(v.strip() for v in tag.v.split(";"))
    out.discard(tags["name"])
    out.discard("")
    return out


def _house(tags: Any, lat: float, lon: float, read: _Read) -> None:
    number = tags.get("addr:housenumber")
    street = tags.get("addr:street") or tags.get("addr:place")
    if number and street:
        read.houses.append(
            (street, number, tags.get("addr:postcode", ""), tags.get("addr:city", ""), lat, lon)
        )


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(lat, lon) half-way along the line, and its length in metres."""
    arr = np.asarray(points)
    scale = np.array([1.0, math.cos(math.radians(float(arr[0, 0])))]) * 111_195.0
    steps = np.linalg.norm(np.diff(arr, axis=0) * scale, axis=1)
    if not len(steps) or steps.sum() == 0:
        return float(arr[0, 0]), float(arr[0, 1]), 0.0
    along = np.concatenate([[0.0], np.cumsum(steps)])
    half = along[-1] / 2
    k = int(np.searchsorted(along, half, side="right")) - 1
    k = min(k, len(steps) - 1)
    t = (half - along[k]) / steps[k] if steps[k] else 0.0
    lat, lon = arr[k] + t * (arr[k + 1] - arr[k])
    return float(lat), float(lon), float(along[-1])


Key = tuple[str, str]  # a street: (normalised name, nearest town)


Alias = tuple[Key, str]  # the street another name is of, and that name as written


def _group(read: _Read) -> tuple[dict[Key, _Street], list[tuple[Any, ...]], dict[Key, Alias]]:
    """Streets keyed by (normalised name, nearest town); house rows pointing at them;
    the other names of streets (keyed the same way) and the street each names."""
    town_of = _nearest_town(read.towns)
    streets: dict[tuple[str, str], _Street] = {}
    for name, lat, lon, length in read.roads:
        key = (street_norm(name), town_of(lat, lon))
        known = streets.get(key)
        if key[0] and (known is None or length > known.length):
            area = known.area if known else {key[1]}
            streets[key] = _Street(name, lat, lon, length, area)
    rows: list[tuple[Any, ...]] = []
    for street, number, postcode, city, lat, lon in read.houses:
        key = (street_norm(street), town_of(lat, lon))
        if not key[0]:
            continue
        found = streets.setdefault(key, _Street(street, lat, lon, 0.0, {key[1]}))
        found.area.update(x for x in (postcode, city) if x)
        rows.append((key, number, house_number_value(number), postcode, city, lat, lon))
    aliases: dict[Key, Alias] = {}
    for name, other, lat, lon in sorted(read.aliases):
        town = town_of(lat, lon)
        key, alias = (street_norm(name), town), (street_norm(other), town)
        if key in streets and alias[0] and alias not in streets:  # not a street of its own
            aliases.setdefault(alias, (key, other))
    return streets, rows, aliases


def _nearest_town(towns: list[tuple[str, float, float]]) -> Any:
    if not towns:
        return lambda lat, lon: ""
    from scipy.spatial import cKDTree  # only when a region is built (~0.5 s to import)

    coords = np.array([(lat, lon * math.cos(math.radians(lat))) for _, lat, lon in towns])
    tree = cKDTree(coords)

    def town_of(lat: float, lon: float) -> str:
        _, i = tree.query((lat, lon * math.cos(math.radians(lat))))
        return towns[int(i)][0]

    return town_of


def _write(
    conn: sqlite3.Connection, streets: dict[tuple[str, str], _Street], rows: list[tuple[Any, ...]]
) -> None:
    ids = {key: i for i, key in enumerate(streets, start=1)}
    conn.executemany(
        "INSERT INTO streets VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((ids[k], s.name, k[0], k[1], " ".join(sorted(s.area)), s.lat, s.lon)
         for k, s in streets.items()),
    )  # fmt: skip
    conn.execute("INSERT INTO streets_fts(rowid, norm, area) SELECT id, norm, area FROM streets")
    conn.executemany("INSERT INTO addresses VALUES (?, ?, ?, ?, ?, ?, ?)", _rows(ids, rows))


def _write_aliases(
    conn: sqlite3.Connection, streets: dict[Key, _Street], aliases: dict[Key, Alias]
) -> None:
    """Alias rows after the streets, searchable like them, mapped to their street."""
    ids = {key: i for i, key in enumerate(streets, start=1)}
    first = len(streets) + 1
    rows = [
        (first + n, written, norm, town, " ".join(sorted(streets[key].area)),
         streets[key].lat, streets[key].lon)
        for n, ((norm, town), (key, written)) in enumerate(aliases.items())
    ]  # fmt: skip
    conn.executemany("INSERT INTO streets VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany(
        "INSERT INTO street_alias VALUES (?, ?)",
        ((first + n, ids[key]) for n, (key, _) in enumerate(aliases.values())),
    )
    conn.execute(
        "INSERT INTO streets_fts(rowid, norm, area) SELECT id, norm, area FROM streets "
        "WHERE id >= ?",
        (first,),
    )


def _rows(
    ids: dict[tuple[str, str], int], rows: list[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    for key, *rest in rows:
        yield (ids[key], *rest)

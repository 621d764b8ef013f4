"""The offline gazetteer on a real-world mix of Italian, US and German addresses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from geopy.distance import geodesic

from planner.domain import Address, Precision
from planner.io.geocoding import Gazetteer
from planner.io.geocoding.gazetteer_build import GAZETTEER_VERSION

# (address, expected (lat, lon) of the town or postcode, precision, source)
CASES = [
    # Italian: official names, English exonyms, "S." for San/Sant', apostrophes, CAP only.
    (Address(city="Milano", country="IT"), (45.464, 9.190), Precision.TOWN, "geonames"),
    (Address(city="Milan", country="Italy"), (45.464, 9.190), Precision.TOWN, "geonames"),
    (Address(city="S. Donà di Piave", country="IT"), (45.630, 12.568), Precision.TOWN, "geonames"),
    (Address(city="San Dona di Piave", country="Italia"), (45.630, 12.568), Precision.TOWN, ""),
    (Address(city="Sant'Agata di Militello", country="IT"), (38.068, 14.636), Precision.TOWN, ""),
    (Address(city="S.Agata di Militello", country="IT"), (38.068, 14.636), Precision.TOWN, ""),
    (Address(city="REGGIO EMILIA", country="IT"), (44.698, 10.631), Precision.TOWN, ""),
    (Address(city="Bozen", country="IT"), (46.491, 11.340), Precision.TOWN, ""),
    (Address(postcode="20121", country="IT"), (45.464, 9.190), Precision.TOWN, "cap-it"),
    (Address(postcode="118", city="Roma", country="IT"), (41.892, 12.511), Precision.TOWN, "cap"),
    (Address(city="20121 Milano", country="IT"), (45.464, 9.190), Precision.TOWN, "cap-it"),
    (Address(city="Calliano", region="TN", country="IT"), (45.933, 11.095), Precision.TOWN, ""),
    (Address(city="Calliano", region="AT", country="IT"), (45.008, 8.257), Precision.TOWN, ""),
    # US: ZIP centroids (ZIP+4 too), state narrows homonyms, "St."/"Ft." abbreviations.
    (
        Address(postcode="10001", city="New York", country="US"),
        (40.748, -73.997),
        Precision.POSTCODE,
        "zip-us",
    ),
    (Address(postcode="94105-1804", country="USA"), (37.789, -122.395), Precision.POSTCODE, "zip"),
    (Address(city="Springfield", region="IL", country="US"), (39.802, -89.644), Precision.TOWN, ""),
    (
        Address(city="Springfield", region="Massachusetts", country="US"),
        (42.101, -72.590),
        Precision.TOWN,
        "",
    ),
    (
        Address(city="St. Louis", region="MO", country="United States"),
        (38.627, -90.198),
        Precision.TOWN,
        "",
    ),
    (
        Address(city="Ft. Lauderdale", region="FL", country="US"),
        (26.122, -80.143),
        Precision.TOWN,
        "",
    ),
    # German: umlauts as ä/ae/a, ß, exonyms, "a.M.", parentheses, PLZ with lost leading zero.
    (Address(city="München", country="DE"), (48.137, 11.575), Precision.TOWN, ""),
    (Address(city="Muenchen", country="Deutschland"), (48.137, 11.575), Precision.TOWN, ""),
    (Address(city="Munich", country="Germany"), (48.137, 11.575), Precision.TOWN, ""),
    (Address(city="Köln", country="DE"), (50.933, 6.950), Precision.TOWN, ""),
    (Address(city="Cologne", country="DE"), (50.933, 6.950), Precision.TOWN, ""),
    (Address(city="Frankfurt a.M.", country="DE"), (50.116, 8.684), Precision.TOWN, ""),
    (Address(city="Halle (Saale)", country="DE"), (51.482, 11.979), Precision.TOWN, ""),
    (Address(city="St. Augustin", country="DE"), (50.775, 7.197), Precision.TOWN, ""),
    (Address(city="Gießen", country="DE"), (50.584, 8.678), Precision.TOWN, ""),
    (Address(city="Giessen", country="DE"), (50.584, 8.678), Precision.TOWN, ""),
    (Address(postcode="80331", country="DE"), (48.136, 11.573), Precision.POSTCODE, "plz-de"),
    (
        Address(postcode="1067", city="Dresden", country="DE"),
        (51.060, 13.718),
        Precision.POSTCODE,
        "",
    ),
]


@pytest.mark.parametrize(("address", "expected", "precision", "source"), CASES)
def test_real_world_addresses(
    gazetteer: Gazetteer,
    address: Address,
    expected: tuple[float, float],
    precision: Precision,
    source: str,
) -> None:
    result = gazetteer.geocode(address)
    assert result is not None, address
    assert geodesic(result.location.as_tuple(), expected).km < 3, (address, result)
    assert result.precision is precision
    assert result.source.startswith("gazetteer:")
    assert source in result.source


def test_exonym_depends_on_country(gazetteer: Gazetteer) -> None:
    """Cologne in Germany is Köln; Cologne in Italy is a town near Brescia."""
    italian = gazetteer.geocode(Address(city="Cologne", country="IT"))
    assert italian is not None
    assert geodesic(italian.location.as_tuple(), (45.58, 9.94)).km < 5


def test_ambiguous_town_says_which_it_chose(gazetteer: Gazetteer) -> None:
    result = gazetteer.geocode(Address(city="Springfield", country="US"))
    assert result is not None
    assert "places called 'Springfield'" in result.note and "chose the largest" in result.note


def test_postcode_and_town_disagreeing_is_noted(gazetteer: Gazetteer) -> None:
    us = gazetteer.geocode(Address(postcode="10001", city="Boston", country="US"))
    assert us is not None and "belongs to" in us.note and "Boston" in us.note
    de = gazetteer.geocode(Address(postcode="01067", city="München", country="DE"))
    assert de is not None and de.precision is Precision.POSTCODE and "km from München" in de.note


def test_shared_cap_without_town_is_postcode_precision(gazetteer: Gazetteer) -> None:
    conn = sqlite3.connect(gazetteer.path)
    (code,) = conn.execute(
        "SELECT code FROM postcodes WHERE country='IT' GROUP BY code HAVING COUNT(*) > 1"
    ).fetchone()
    conn.close()
    result = gazetteer.geocode(Address(postcode=code, country="IT"))
    assert result is not None and result.precision is Precision.POSTCODE
    assert "shared by" in result.note


def test_no_match_and_unknown_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.geocode(Address(city="Xqzzyville", country="IT")) is None
    assert gazetteer.geocode(Address(city="Milano", country="Atlantis")) is None
    assert gazetteer.geocode(Address(street="Via Roma 1", country="IT")) is None


def test_default_country_applies_when_the_address_has_none(gazetteer: Gazetteer) -> None:
    italian = Gazetteer(gazetteer.path, default_country="IT")
    result = italian.geocode(Address(postcode="20121"))
    assert result is not None and result.source == "gazetteer:cap-it"
    italian.close()


def test_build_is_automatic_and_versioned(tmp_path: Path, gazetteer: Gazetteer) -> None:
    assert gazetteer.path.name == f"gazetteer-v{GAZETTEER_VERSION}.sqlite"
    conn = sqlite3.connect(gazetteer.path)
    counts = dict(conn.execute("SELECT country, COUNT(*) FROM postcodes GROUP BY country"))
    places = conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
    conn.close()
    assert places > 230_000  # GeoNames towns with >= 500 people
    assert counts["US"] > 40_000 and counts["DE"] > 8_000 and counts["IT"] > 7_000
    assert gazetteer.path.stat().st_size < 60_000_000


def test_first_lookup_builds_the_file_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing gazetteer is built on first use (a small GeoNames stand-in keeps it fast)."""
    from planner.io.geocoding import gazetteer_build

    towns = [
        {"geonameid": 1, "name": "Milan", "latitude": 45.46, "longitude": 9.19,
         "countrycode": "IT", "admin1code": "09", "population": 1_371_498,
         "alternatenames": ["Milano", "Mailand", "MIL", "Милан"]},
        {"geonameid": 2, "name": "Sankt Augustin", "latitude": 50.78, "longitude": 7.2,
         "countrycode": "DE", "admin1code": "07", "population": 56_094,
         "alternatenames": ["St. Augustin"]},
    ]  # fmt: skip
    monkeypatch.setattr(gazetteer_build, "_load_cities", lambda: towns)
    path = tmp_path / "cache" / "gaz.sqlite"
    gaz = Gazetteer(path)
    result = gaz.geocode(Address(city="Mailand", country="Italien"))
    assert path.exists() and not list(path.parent.glob("*.tmp"))
    assert result is not None and result.location.as_tuple() == (45.46, 9.19)
    assert gaz.geocode(Address(city="Sankt Augustin", country="DE")) is not None
    assert gaz.geocode(Address(city="MIL", country="IT")) is None  # codes are not names
    gaz.close()


def test_path_can_be_chosen_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.io.geocoding.gazetteer import GAZETTEER_ENV, default_gazetteer_path

    monkeypatch.setenv(GAZETTEER_ENV, str(tmp_path / "g.sqlite"))
    assert default_gazetteer_path() == tmp_path / "g.sqlite"


def test_country_left_out_is_inferred_from_postcode_and_town(gazetteer: Gazetteer) -> None:
    italian = gazetteer.geocode(Address(postcode="42019", city="Scandiano"))
    assert italian is not None and italian.source == "gazetteer:cap-it"
    american = gazetteer.geocode(Address(postcode="10001", city="New York"))
    assert american is not None and american.source == "gazetteer:zip-us"


def test_map_labels_use_the_local_name(gazetteer: Gazetteer) -> None:
    """GeoNames calls it "Florence"; an Italian reads "Firenze" (ISTAT's name), and a
    town the accounts write their own way ("München", not "MÜNCHEN") keeps that spelling."""
    tuscany = {name: pop for name, _, _, pop in gazetteer.places_within((43.7, 11.1, 43.9, 11.4))}
    assert "Firenze" in tuscany and "Florence" not in tuscany
    bavaria = gazetteer.places_within((48.0, 11.4, 48.3, 11.8), towns=["München", "MÜNCHEN"])
    assert bavaria[0][0] == "München" and bavaria[0][3] > 1_000_000
    shouting = gazetteer.places_within((48.0, 11.4, 48.3, 11.8), towns=["MÜNCHEN"])
    assert shouting[0][0] == "Munich"  # an all-caps export spelling is not a label

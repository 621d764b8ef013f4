"""No pin outside the row's country or state: hints from the state, the postcode and the
file's inferred country; pins left out with the reason instead of guessed elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from geopy.distance import geodesic

from planner.domain import Address
from planner.io.geocoding import Gazetteer, GeocodeError
from planner.io.geocoding.country_infer import infer_country
from planner.io.geocoding.names import lookup_keys, postcode_key
from planner.io.importers import read_import
from planner.services.import_country import settle_country

REAL = Path(__file__).parents[2] / "data" / "real"


def _km(gazetteer: Gazetteer, address: Address, expected: tuple[float, float]) -> float:
    found = gazetteer.geocode(address)
    assert found is not None
    return float(geodesic(found.location.as_tuple(), expected).km)


def test_a_town_missing_from_the_named_state_is_not_pinned_in_another(
    gazetteer: Gazetteer,
) -> None:
    # Saugus, CA is no town of its own in GeoNames; Saugus, MA is: never pin there.
    with pytest.raises(GeocodeError, match="no place called 'Saugus' in CA, US"):
        gazetteer.geocode(Address(city="Saugus", region="CA", country="US"))


def test_a_town_in_several_countries_and_no_country_is_left_out(gazetteer: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match=r"names places in \d+ countries"):
        gazetteer.geocode(Address(city="London"))


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (Address(city="北京市", country="CN"), (39.907, 116.397)),  # suffix 市 ("city")
        (Address(city="서울", country="KR"), (37.566, 126.978)),
        (Address(street="Via Roma 1, 40121 Bologna", country="IT"), (44.494, 11.339)),
        (Address(street="VIA IMERA 10 92100", city="AGRIGENTO", country="IT"), (37.311, 13.577)),
        (Address(postcode="320824621", region="FL", country="US"), (30.122, -81.363)),
        (Address(postcode="1754", city="Maynard", region="MA", country="US"), (42.432, -71.455)),
        # The postcode's département (35, Bretagne) picks Moulins (Ille-et-Vilaine), not
        # the larger Moulins (Allier) 390 km away.
        (Address(city="Moulins", postcode="35680", country="FR"), (48.003, -1.373)),
    ],
)
def test_names_in_other_scripts_and_postcodes_where_exports_put_them(
    gazetteer: Gazetteer, address: Address, expected: tuple[float, float]
) -> None:
    assert _km(gazetteer, address, expected) < 10


def test_zip_plus_four_without_hyphen_and_lost_zeros() -> None:
    assert postcode_key("US", "320824621") == "32082"
    assert postcode_key("US", "17541234") == "01754"
    assert postcode_key("US", "1754") == "01754"


def test_only_qualifiers_are_dropped_from_a_town_name() -> None:
    assert lookup_keys("Saint-Aubin-d'Aubigné") == ["s aubin d aubigne"]
    assert "frankfurt" in lookup_keys("Frankfurt a.M.")
    assert "rennes" in lookup_keys("RENNES CEDEX 3")


@pytest.mark.parametrize(
    ("name", "country", "evidence"),
    [
        ("berlin_schulen.csv", "DE", "phone prefixes"),
        ("cms_hospital_general_information.csv", "US", "state or province codes"),
        ("mimit_impianti_2020.csv", "IT", "state or province codes"),
        ("rennes_annuaire_education.csv", "FR", "town names"),
    ],
)
def test_the_country_of_a_file_without_a_country_column_is_inferred(
    gazetteer: Gazetteer, name: str, country: str, evidence: str
) -> None:
    parsed = read_import(REAL / name)
    assert settle_country(parsed, gazetteer=gazetteer) == country
    assert all(r.address["country"] == country for r in parsed.rows)
    (note,) = [n for n in parsed.table.notes if n.startswith("no country column")]
    assert f"inferred {country} (" in note and evidence in note


def test_no_country_is_inferred_from_rows_that_do_not_tell(gazetteer: Gazetteer) -> None:
    mixed = [Address(city=c) for c in ("Paris", "Bologna", "München", "Springfield")]
    assert infer_country(gazetteer, mixed).country == ""
    parsed = read_import(REAL / "catania_farmacie.csv")  # street lines only
    assert settle_country(parsed, gazetteer=gazetteer) == ""
    assert "rows point to no single country" in parsed.table.notes[-1]

"""Towns read from the address text when a file has no town column (Japanese and Chinese
addresses written together, one-line addresses with commas)."""

from __future__ import annotations

import pytest

from planner.domain import Address
from planner.io.geocoding import Gazetteer
from planner.io.geocoding.address_towns import address_towns, towns_in_text
from planner.io.geocoding.country_infer import infer_country


@pytest.mark.parametrize(
    ("text", "towns"),
    [
        ("北海道札幌市\n厚別区\n青葉町6丁目1-5", ["札幌市"]),  # lines of a file's addr1..3
        ("北海道札幌市厚別区青葉町6丁目1-5", ["札幌市"]),  # a city, then its ward: the city
        ("京都府京都市中京区", ["京都市"]),  # 京都府: the prefecture's 都 is no suffix cut
        ("東京都新宿区西新宿2-8-1", ["新宿区"]),  # Tokyo's wards are municipalities
        ("广东省深圳市南山区", ["深圳市"]),
        ("Via Roma 1\nScala B", []),  # Latin text: towns come from a town column
    ],
)
def test_towns_in_address_text(text: str, towns: list[str]) -> None:
    assert towns_in_text(text) == towns


def test_an_address_without_a_town_column_is_pinned_at_the_town_in_its_text() -> None:
    found = Gazetteer().geocode(Address(street="北海道札幌市\n中央区\n北1条西2丁目1"))
    assert found is not None and found.country == "JP"
    assert abs(found.location.lat - 43.06) < 0.1 and abs(found.location.lon - 141.35) < 0.1
    assert "town 札幌市 read from the address" in found.note


@pytest.mark.parametrize(
    ("text", "towns"),
    [
        ("117574, Москва, Юго-Западный округ,  Голубинская улица, 5-3",
         ["Москва", "Юго-Западный округ", "Голубинская улица"]),
        ("Via Roma 1, Bologna", ["Bologna"]),
        ("Calle Mayor", []),  # one part: a street, no town
        ("Turmstr. 75", []),
    ],
)  # fmt: skip
def test_one_line_addresses_offer_their_parts_without_digits(text: str, towns: list[str]) -> None:
    assert address_towns(text) == towns


def test_a_town_far_larger_in_one_country_tells_the_country() -> None:
    # Москва is also an alternate name of Moscow, Idaho: 10 million people against 25,000.
    gazetteer = Gazetteer()
    moscow = [Address(street=f"1175{i:02d}, Москва, Южный округ, улица {i}") for i in range(5)]
    assert infer_country(gazetteer, moscow).country == "RU"
    # Birmingham (England, Alabama) is no such case: nothing is inferred from it alone.
    birmingham = [Address(city="Birmingham") for _ in range(5)]
    assert infer_country(gazetteer, birmingham).country == ""

"""Towns read from Japanese and Chinese address text when a file has no town column."""

from __future__ import annotations

import pytest

from planner.domain import Address
from planner.io.geocoding import Gazetteer
from planner.io.geocoding.cjk_address import towns_in_text


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

from __future__ import annotations

import pytest

from planner.domain import Address
from planner.io.geocoding.names import (
    fold,
    lookup_keys,
    name_key,
    name_keys,
    parse_one_line,
    postcode_key,
)


def test_fold_handles_accents_case_sharp_s_and_punctuation() -> None:
    assert fold("  Città  di CASTELLO ") == "citta di castello"
    assert fold("Gießen") == "giessen"
    assert fold("Reggio nell'Emilia") == "reggio nell emilia"


@pytest.mark.parametrize(
    "variants",
    [
        ("San Giovanni in Persiceto", "S. Giovanni in Persiceto", "S.Giovanni in Persiceto"),
        ("Sant'Agata di Militello", "S. Agata di Militello", "Santa Agata di Militello"),
        ("Sankt Augustin", "St. Augustin", "St Augustin"),
        ("Saint Louis", "St. Louis", "ST LOUIS"),
        ("Fort Lauderdale", "Ft. Lauderdale"),
    ],
)
def test_name_key_meets_abbreviations(variants: tuple[str, ...]) -> None:
    assert len({name_key(v) for v in variants}) == 1


def test_index_keys_cover_umlaut_spellings_and_parentheses() -> None:
    keys = name_keys("Köln") | name_keys("Halle (Saale)")
    assert {"koln", "koeln", "halle saale", "halle"} <= keys


def test_lookup_keys_fall_back_to_the_town_part() -> None:
    assert lookup_keys("Frankfurt a.M.")[-1] == "frankfurt"
    assert lookup_keys("Frankfurt/Main")[:2] == ["frankfurt main", "frankfurt"]
    assert lookup_keys("Milano") == ["milano"]


@pytest.mark.parametrize(
    ("country", "raw", "expected"),
    [
        ("US", "94105-1804", "94105"),
        ("US", "501", "00501"),
        ("IT", "118", "00118"),
        ("IT", "I-20121", "20121"),
        ("DE", "D-01067", "01067"),
        ("DE", "1067", "01067"),
        ("GB", "sw1a 1aa", "SW1A1AA"),
    ],
)
def test_postcode_key(country: str, raw: str, expected: str) -> None:
    assert postcode_key(country, raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Via Roma 1, 20121 Milano MI, IT",
            Address("Via Roma 1", "Milano", "20121", "MI", "IT"),
        ),
        (
            "123 Main St, Springfield IL 62701, USA",
            Address("123 Main St", "Springfield", "62701", "IL", "USA"),
        ),
        (
            "Marienplatz 1, D-80331 München, Deutschland",
            Address("Marienplatz 1", "München", "80331", "", "Deutschland"),
        ),
        (
            "1200 Main St, Dallas, TX 75202, USA",
            Address("1200 Main St", "Dallas", "75202", "TX", "USA"),
        ),
        ("Dallas, TX 75202-1234", Address("", "Dallas", "75202-1234", "TX", "")),
        ("Via Roma 1, Milano", Address("Via Roma 1", "Milano", "", "", "")),
        ("Bologna", Address("", "Bologna", "", "", "")),
    ],
)
def test_parse_one_line(text: str, expected: Address) -> None:
    assert parse_one_line(text) == expected

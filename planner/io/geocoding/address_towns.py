"""Towns inside the address text of files that have no town column, only address lines.

Japanese (and Chinese) addresses run prefecture, city, ward and block together without
spaces: 北海道札幌市厚別区青葉町6丁目1-5 is Hokkaidō, Sapporo, Atsubetsu ward. One-line
addresses elsewhere separate their parts with commas, in either order: "117574, Москва,
Юго-Западный округ, Голубинская улица, 5-3" or "Via Roma 1, Bologna".
"""

from __future__ import annotations

import re

from planner.io.geocoding.names import is_latin

# An optional prefecture (都 道 府 県, 2–3 characters before the suffix: 北海道, 京都府,
# 神奈川県), then a city (…市) and/or a ward, town or village (…区 町 村).
_PARTS = re.compile(r"^(?:.{2,3}?[都道府県省])?(?P<city>.+?[市])?(?P<ward>.+?[区町村县])?")


def towns_in_text(text: str) -> list[str]:
    """Town names found in the address lines, the most reliable first: the cities (…市),
    else the wards and towns (Tokyo's 新宿区 is a municipality; a ward inside a city
    shares its name with wards elsewhere, so a city, when there is one, is used)."""
    cities: list[str] = []
    others: list[str] = []
    for line in text.splitlines():
        line = "".join(line.split())
        if not line or is_latin(line):
            continue
        match = _PARTS.match(line)
        if match is None:
            continue
        if match["city"]:
            cities.append(match["city"])
        if match["ward"]:
            others.append(match["ward"])
    return list(dict.fromkeys(cities or others))


def towns_in_parts(text: str) -> list[str]:
    """The comma-separated parts of a one-line address that could be a town: those without
    digits (a street has its house number, a postcode is digits), in the order written."""
    parts = [" ".join(p.split()) for p in text.replace("\n", ",").split(",")]
    if len(parts) < 2:  # a street alone ("Via Roma 1", "Calle Mayor") names no town
        return []
    return [p for p in parts if len(p) >= 2 and not any(c.isdigit() for c in p)]


def address_towns(text: str) -> list[str]:
    """Town candidates of an address text, the most likely first."""
    return towns_in_text(text) or towns_in_parts(text)

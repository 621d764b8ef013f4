"""Towns inside Japanese (and Chinese) address text, which runs prefecture, city, ward and
block together without spaces: 北海道札幌市厚別区青葉町6丁目1-5 is Hokkaidō, Sapporo,
Atsubetsu ward. Files from there often have no town column at all, only address lines.
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

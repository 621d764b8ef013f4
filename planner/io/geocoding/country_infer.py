"""The country of a file that has no country column, told by its rows.

Domestic registers and CRM exports often leave the country out ("Berlin schools": PLZ,
street, +49 phone numbers). Each sampled row votes with what it shows: an international
phone prefix, a state or province code the gazetteer knows in one country only, a
postcode that the country's table pairs with the row's town, a town name that exists in
one country only. The file's country is the one most rows point to, when it clearly
wins; otherwise nothing is inferred (a wrong country would pin every row in it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from planner.domain import Address
from planner.io.geocoding.address_towns import address_towns
from planner.io.geocoding.gazetteer import Gazetteer
from planner.io.geocoding.names import lookup_keys, name_key, name_keys

_PHONE_PREFIX = re.compile(r"^\s*(?:\+|00)\s*(\d{1,3})")
# International dialling codes of the countries CRM files here come from (longest first).
_DIALLING = {
    "351": "PT", "352": "LU", "353": "IE", "354": "IS", "356": "MT", "358": "FI",
    "385": "HR", "386": "SI", "420": "CZ", "421": "SK", "30": "GR", "31": "NL", "32": "BE",
    "33": "FR", "34": "ES", "36": "HU", "39": "IT", "40": "RO", "41": "CH", "43": "AT",
    "44": "GB", "45": "DK", "46": "SE", "47": "NO", "48": "PL", "49": "DE", "61": "AU",
    "81": "JP", "86": "CN",
}  # fmt: skip
_MIN_ROWS = 3
_WIN_SHARE = 0.6
_SAMPLE = 300
_DOMINANT_RATIO, _DOMINANT_PEOPLE = 100, 100_000
_EVIDENCE = ("phone prefixes", "state or province codes", "postcodes", "town names")


@dataclass(frozen=True)
class CountryGuess:
    """The inferred ISO code ("" when the rows do not tell) and what told it."""

    country: str
    rows: int  # rows that pointed to it
    voting: int  # rows that pointed anywhere
    evidence: tuple[str, ...] = ()

    def describe(self) -> str:
        shown = ", ".join(self.evidence)
        return f"{self.country} ({self.rows} of {self.voting} rows: {shown})"


def infer_country(
    gazetteer: Gazetteer, addresses: Sequence[Address], phones: Sequence[str] = ()
) -> CountryGuess:
    """The country most sampled rows point to, if it wins by a clear margin."""
    votes: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    voting = 0
    tables = [str(r[0]) for r in gazetteer.query("SELECT DISTINCT country FROM postcodes")]
    for i, address in enumerate(addresses[:_SAMPLE]):
        phone = phones[i] if i < len(phones) else ""
        row = _row_votes(gazetteer, address, phone, tables)
        if not row:
            continue
        voting += 1
        for country, kind in row.items():
            votes[country] += 1
            kinds.setdefault(country, Counter())[kind] += 1
    if not votes:
        return CountryGuess("", 0, 0)
    (best, count), *rest = votes.most_common(2)
    runner_up = rest[0][1] if rest else 0
    if count < _MIN_ROWS or count < _WIN_SHARE * voting or count < 2 * runner_up:
        return CountryGuess("", count, voting)
    evidence = tuple(f"{n} {kind}" for kind, n in kinds[best].most_common())
    return CountryGuess(best, count, voting, evidence)


def _row_votes(
    gazetteer: Gazetteer, address: Address, phone: str, tables: list[str]
) -> dict[str, str]:
    """country → the first kind of evidence this row gives for it."""
    out: dict[str, str] = {}
    if match := _PHONE_PREFIX.match(phone):
        digits = match.group(1)
        for size in (3, 2):
            if country := _DIALLING.get(digits[:size]):
                out.setdefault(country, _EVIDENCE[0])
                break
    for country in _unique(_region_countries(gazetteer, address.region)):
        out.setdefault(country, _EVIDENCE[1])
    for country in _postcode_countries(gazetteer, address, tables):
        out.setdefault(country, _EVIDENCE[2])
    town = address.city or next(iter(address_towns(address.street)), "")
    for country in _town_vote(gazetteer, town):
        out.setdefault(country, _EVIDENCE[3])
    return out


def _unique(countries: set[str]) -> set[str]:
    return countries if len(countries) == 1 else set()


def _region_countries(gazetteer: Gazetteer, region: str) -> set[str]:
    if not region.strip():
        return set()
    sql = "SELECT DISTINCT country FROM regions WHERE key = ?"
    return {str(r[0]) for r in gazetteer.query(sql, name_key(region))}


def _town_vote(gazetteer: Gazetteer, city: str) -> set[str]:
    """The country of a town found in one country only, or in one far more than anywhere
    else: Москва is Moscow, Russia (10 million people), not the Idaho town of 25,000 that
    GeoNames also names so; Cáceres (Spain, Colombia, Brazil) and Birmingham (England,
    Alabama) tell nothing."""
    if not city.strip():
        return set()
    sql = (
        "SELECT n.country, MAX(p.population) FROM names n JOIN places p ON p.id = n.place "
        "WHERE n.key = ? GROUP BY n.country ORDER BY 2 DESC"
    )
    rows = gazetteer.query(sql, lookup_keys(city)[0])
    ranked = [(str(c), int(str(pop))) for c, pop in rows]
    if len(ranked) == 1:
        return {ranked[0][0]}
    if len(ranked) > 1 and ranked[0][1] >= max(_DOMINANT_PEOPLE, _DOMINANT_RATIO * ranked[1][1]):
        return {ranked[0][0]}
    return set()


def _town_countries(gazetteer: Gazetteer, city: str) -> set[str]:
    if not city.strip():
        return set()
    key = lookup_keys(city)[0]
    return {
        str(r[0]) for r in gazetteer.query("SELECT DISTINCT country FROM names WHERE key = ?", key)
    }


def _postcode_countries(gazetteer: Gazetteer, address: Address, tables: list[str]) -> set[str]:
    """Countries whose postcode table has the code with the row's town (or, for tables
    without towns, where the town exists); none for a code without a town."""
    code = address.postcode.strip().upper().replace(" ", "")
    if not code.isdigit():
        return set()
    sql = "SELECT country, town FROM postcodes WHERE country = ? AND code = ?"
    rows = [row for country in tables for row in gazetteer.query(sql, country, code)]
    if not address.city.strip():
        # A bare code says little: the tables cover a few countries, while 5-digit codes
        # are used in dozens (a Spanish 10005 is also a New York ZIP).
        return set()
    wanted = set(lookup_keys(address.city))
    towns = _town_countries(gazetteer, address.city)
    return {
        str(country)
        for country, town in rows
        if (town and wanted & name_keys(str(town))) or (not town and country in towns)
    }

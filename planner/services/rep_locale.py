"""A rep's time zone, currency and holiday region from where the rep lives.

A reps file often gives a name and a home address only. The Rep defaults (Europe/Rome,
EUR) are right for the demo's Italian reps and wrong for a rep in Dallas: their week
would be timed on Rome's clock, their calendar export shifted by seven hours, Italian
public holidays kept free and the value shown in euros. So the fields the file left
empty are taken from the home: its coordinates when the file gives them, else the
offline answer for the address (regions' address indexes, then the gazetteer; no
network: an import never waits on it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import holidays
from timezonefinder import TimezoneFinder

from planner.domain import GeoPoint, Rep
from planner.io.calendars.holidays import zone_country
from planner.io.geocoding import (
    Gazetteer,
    GeocodeConfig,
    Geocoder,
    build_geocoders,
    parse_one_line,
)
from planner.services.currencies import currency_of_country
from planner.services.geocode_accounts import country_check, geocode_rep_home

LOCALE_FIELDS = ("timezone", "currency", "holiday_region")


@dataclass(frozen=True)
class HomeLocale:
    """What the home says: IANA zone, ISO currency, holiday subdivision (each may be "")."""

    timezone: str = ""
    currency: str = ""
    holiday_region: str = ""

    def values(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in LOCALE_FIELDS if getattr(self, name)}


@cache
def _zone_finder() -> TimezoneFinder:
    return TimezoneFinder()  # about a second to load its polygons: once per process


def locale_at(point: GeoPoint, country: str) -> HomeLocale:
    """The locale of a place: the zone from its coordinates, the currency from its country."""
    zone = _zone_finder().timezone_at(lng=point.lon, lat=point.lat) or ""
    return HomeLocale(zone, currency_of_country(country))


def _holiday_region(country: str, region: str) -> str:
    """The subdivision code when the holidays package knows it for that country."""
    if not country or not region:
        return ""
    try:
        known = holidays.country_holidays(country).subdivisions
    except NotImplementedError:
        return ""
    return region.upper() if region.upper() in known else ""


def home_locale_finder(
    geocoders: Sequence[Geocoder] | None = None,
) -> Callable[[Rep], dict[str, str] | None]:
    """For ``read_reps``: a rep's home locale as Rep field values (None: home not found)."""
    if geocoders is None:  # what `geocode --offline` asks: regions' addresses, the gazetteer
        geocoders = build_geocoders(GeocodeConfig(order=("addresses", "gazetteer")), None)
    sources = list(geocoders)
    is_country = country_check(sources)
    gazetteer = next((g for g in sources if isinstance(g, Gazetteer)), None)

    def find(rep: Rep) -> dict[str, str] | None:
        address = parse_one_line(rep.home_address, is_country)
        if rep.home:
            located, result = rep, None
        else:
            located, result, _ = geocode_rep_home(rep, geocoders=sources)
        if located.home is None:
            return None
        named = gazetteer.country_code(address.country) if gazetteer and address.country else ""
        locale = locale_at(located.home, (result.country if result else "") or named)
        if not locale.currency and locale.timezone:  # coordinates only: the zone's country
            locale = locale_at(located.home, zone_country(locale.timezone))
        region = _holiday_region(zone_country(locale.timezone), address.region)
        return replace(locale, holiday_region=region).values()

    return find

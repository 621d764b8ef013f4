"""Geocoding: coordinates and an honest precision for every address.

Sources, tried in the user's order (GeocodeConfig.order): the workspace cache, the
offline gazetteer (GeoNames towns, US/DE/IT postcodes, in a local SQLite file) and an
online geopy provider (Nominatim by default). Coordinates from the CRM file (precision
SOURCE) and manual pins (MANUAL) are never replaced; the batch service lives in
planner.services.geocode_accounts.
"""

from planner.io.geocoding.base import GeocodeError, Geocoder, GeocodeResult
from planner.io.geocoding.chain import (
    SOURCES,
    Attempt,
    CacheGeocoder,
    GeocodeCache,
    GeocodeConfig,
    build_geocoders,
    cache_key,
    cache_record,
    geocode_one,
)
from planner.io.geocoding.gazetteer import Gazetteer, default_gazetteer_path
from planner.io.geocoding.names import looks_like_country, parse_one_line
from planner.io.geocoding.provider import DEFAULT_USER_AGENT, ProviderConfig

__all__ = [
    "DEFAULT_USER_AGENT",
    "SOURCES",
    "Attempt",
    "CacheGeocoder",
    "Gazetteer",
    "GeocodeCache",
    "GeocodeConfig",
    "GeocodeError",
    "GeocodeResult",
    "Geocoder",
    "ProviderConfig",
    "build_geocoders",
    "cache_key",
    "cache_record",
    "default_gazetteer_path",
    "geocode_one",
    "looks_like_country",
    "parse_one_line",
]

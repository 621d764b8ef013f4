"""Sources tried in the user's order: workspace cache, the address indexes of the user's
regions (street + house number, offline), offline gazetteer, online provider."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from planner.domain import Address, GeoPoint, Precision
from planner.domain.progress import CancelToken
from planner.io.geocoding.address_index import region_address_index
from planner.io.geocoding.base import GeocodeError, Geocoder, GeocodeResult
from planner.io.geocoding.gazetteer import Gazetteer
from planner.io.geocoding.provider import ProviderConfig
from planner.io.workspace.records import CachedGeocode

SOURCES = ("cache", "addresses", "gazetteer", "online")


@dataclass(frozen=True)
class GeocodeConfig:
    """Which sources to try, in which order, and how to reach the online one."""

    order: tuple[str, ...] = SOURCES
    offline: bool = False  # never ask an online provider
    provider: ProviderConfig = field(default_factory=ProviderConfig)
    default_country: str = ""  # ISO code assumed when an address names no country
    gazetteer_path: Path | None = None  # None: built on first use in the user cache dir

    def __post_init__(self) -> None:
        unknown = [s for s in self.order if s not in SOURCES]
        if unknown:
            raise ValueError(
                f"unknown geocoding source(s) {', '.join(unknown)}; choose from "
                f"{', '.join(SOURCES)}"
            )

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(s for s in self.order if not (self.offline and s == "online"))


class GeocodeCache(Protocol):
    """The workspace's geocode cache (planner.io.workspace.Workspace has these methods)."""

    def cached_geocodes(self, keys: Iterable[str]) -> dict[str, CachedGeocode]: ...

    def cache_geocodes(self, items: Iterable[CachedGeocode]) -> None: ...


def cache_key(address: Address) -> str:
    """Address.normalised() of the address with each part trimmed (CRM cells carry spaces)."""
    return Address(*(part.strip() for part in astuple(address))).normalised()


class CacheGeocoder:
    """Answers from earlier online lookups, keyed by Address.normalised()."""

    name = "cache"

    def __init__(self, cache: GeocodeCache) -> None:
        self.cache = cache

    def geocode(self, address: Address) -> GeocodeResult | None:
        key = cache_key(address)
        hit = self.cache.cached_geocodes([key]).get(key)
        if hit is None or hit.lat is None or hit.lon is None:
            return None
        note = f"cached {hit.created_at:%Y-%m-%d}"
        return GeocodeResult(GeoPoint(hit.lat, hit.lon), Precision(hit.precision), hit.source, note)


def cache_record(address: Address, result: GeocodeResult) -> CachedGeocode:
    return CachedGeocode(
        cache_key(address),
        result.location.lat,
        result.location.lon,
        result.precision.value,
        result.source,
        datetime.now(UTC),
    )


def build_geocoders(
    config: GeocodeConfig, cache: GeocodeCache | None, cancel: CancelToken | None = None
) -> list[Geocoder]:
    """The configured sources, in order; the cache is skipped when there is none."""
    out: list[Geocoder] = []
    for source in config.sources:
        if source == "cache" and cache is not None:
            out.append(CacheGeocoder(cache))
        elif source == "addresses":
            index = region_address_index()
            if index is not None:  # no region added: nothing to ask
                out.append(index)
        elif source == "gazetteer":
            out.append(Gazetteer(config.gazetteer_path, config.default_country))
        elif source == "online":
            from planner.io.geocoding.online import OnlineGeocoder  # geopy: when asked

            out.append(OnlineGeocoder(config.provider, cancel=cancel))
    return out


@dataclass(frozen=True)
class Attempt:
    """The outcome for one address: the first answer, or why every source failed."""

    result: GeocodeResult | None
    reasons: tuple[str, ...] = ()  # one per source that did not answer
    by: str = ""  # name of the source that answered

    @property
    def note(self) -> str:
        parts = list(self.reasons)
        if self.result is not None and self.result.note:
            parts.append(self.result.note)
        return "; ".join(parts)


def geocode_one(address: Address, geocoders: Sequence[Geocoder]) -> Attempt:
    """Ask each source in turn; the first answer wins and earlier failures are noted."""
    if address.is_empty:
        return Attempt(None, ("no address to geocode",))
    reasons: list[str] = []
    for geocoder in geocoders:
        try:
            result = geocoder.geocode(address)
        except GeocodeError as exc:
            reasons.append(f"{geocoder.name}: {exc}")
            continue
        except Exception as exc:  # an answer nobody foresaw: this account fails, the run goes on
            reasons.append(f"{geocoder.name}: failed ({type(exc).__name__})")
            continue
        if result is not None:
            return Attempt(result, tuple(reasons), geocoder.name)
        if geocoder.name != "cache":  # a cache miss is not worth telling the user
            reasons.append(f"{geocoder.name}: no match")
    if not geocoders:
        reasons.append("no geocoding source enabled")
    return Attempt(None, tuple(reasons))

"""Online geocoding through geopy: Nominatim by default, any geopy provider by name.

Requests are paced with geopy's RateLimiter at the provider's published rate (Nominatim:
one request per second) and retried with exponential backoff on timeouts, HTTP 429
(honouring Retry-After) and 5xx. Every answer's precision is read from the provider's
own classification rather than assumed.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from geopy.adapters import RequestsAdapter
from geopy.exc import (
    GeocoderNotFound,
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from planner.domain import Address, GeoPoint
from planner.domain.progress import CancelToken, NeverCancel
from planner.io.geocoding.base import GeocodeError, GeocodeResult
from planner.io.geocoding.precision import precision_from_raw

DEFAULT_USER_AGENT = "territory-planner/0.1 (offline desktop sales planner)"
# Seconds between requests by provider policy; unknown providers get the cautious 1 s.
MIN_DELAY_S = {
    "nominatim": 1.0,  # https://operations.osmfoundation.org/policies/nominatim/
    "photon": 1.0,
    "opencage": 1.0,  # free tier
    "googlev3": 0.02,
    "bing": 0.2,
    "mapbox": 0.1,
    "here": 0.2,
    "arcgis": 0.2,
    "geocodeearth": 0.1,
    "pelias": 0.1,
    "locationiq": 0.5,
    "tomtom": 0.2,
}


@dataclass(frozen=True)
class ProviderConfig:
    """Which online provider to ask and how politely."""

    name: str = "nominatim"
    url: str = ""  # e.g. "https://nominatim.example.org" or "http://127.0.0.1:8080"
    user_agent: str = DEFAULT_USER_AGENT
    api_key: str = ""
    min_delay_s: float | None = None  # None: the provider's policy from MIN_DELAY_S
    timeout_s: float = 10.0
    max_retries: int = 3
    backoff_s: float = 2.0  # first retry wait; doubles each time
    max_wait_s: float = 120.0  # longest Retry-After we honour before giving up
    max_failures_in_row: int = 3  # then the provider is skipped for the rest of the run

    @property
    def delay_s(self) -> float:
        if self.min_delay_s is not None:
            return self.min_delay_s
        return MIN_DELAY_S.get(self.name.lower(), 1.0)


def _geopy_kwargs(cls: type, config: ProviderConfig) -> dict[str, Any]:
    """Constructor arguments for a geopy geocoder class, by what its signature accepts."""
    params = inspect.signature(cls).parameters
    kwargs: dict[str, Any] = {"timeout": config.timeout_s, "adapter_factory": _adapter}
    if "user_agent" in params:
        kwargs["user_agent"] = config.user_agent
    if config.api_key:
        for key_name in ("api_key", "apikey", "key", "username"):
            if key_name in params:
                kwargs[key_name] = config.api_key
                break
    if config.url:
        parts = urlsplit(config.url if "//" in config.url else f"https://{config.url}")
        if "domain" not in params:
            raise GeocodeError(f"provider {config.name!r} does not accept a server URL")
        kwargs["domain"] = parts.netloc + parts.path.rstrip("/")
        if "scheme" in params:
            kwargs["scheme"] = parts.scheme or "https"
    return kwargs


def _adapter(**kwargs: Any) -> RequestsAdapter:
    # Our own loop does the retrying (with backoff and Retry-After); no hidden retries below.
    return RequestsAdapter(max_retries=0, **kwargs)


class OnlineGeocoder:
    """A geopy provider behind the Geocoder interface, paced and retried."""

    def __init__(
        self,
        config: ProviderConfig | None = None,
        *,
        cancel: CancelToken | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config or ProviderConfig()
        self.cancel = cancel or NeverCancel()
        self._sleep = sleep
        self._failures_in_row = 0
        self._stopped = ""  # why the provider is skipped for the rest of this run
        try:
            cls = get_geocoder_for_service(self.config.name.lower())
        except GeocoderNotFound:
            raise GeocodeError(f"unknown geocoding provider {self.config.name!r}") from None
        try:
            self._geocoder = cls(**_geopy_kwargs(cls, self.config))
        except GeopyError as exc:
            raise GeocodeError(f"{self.config.name}: {exc}") from exc
        delay = self.config.delay_s
        self._limited = RateLimiter(
            self._geocoder.geocode,
            min_delay_seconds=delay,
            max_retries=0,
            error_wait_seconds=delay,
            swallow_exceptions=False,
        )

    @property
    def name(self) -> str:
        return self.config.name.lower()

    def geocode(self, address: Address) -> GeocodeResult | None:
        if address.is_empty:
            return None
        location = None
        if self.name == "nominatim":
            structured = _structured(address)
            location = self._ask(structured)
            if location is None and len(structured) > 1:
                # Structured search is strict about parts; free text forgives misplaced ones.
                location = self._ask(address.one_line())
        else:
            location = self._ask(address.one_line())
        if location is None:
            return None
        precision, note = precision_from_raw(self.name, location.raw)
        point = GeoPoint(location.latitude, location.longitude)
        return GeocodeResult(point, precision, self.name, note)

    def _ask(self, query: str | dict[str, str]) -> Location | None:
        if self._stopped:
            raise GeocodeError(f"skipped for this run: {self._stopped}")
        wait = self.config.backoff_s
        attempts = self.config.max_retries + 1
        for attempt in range(attempts):
            try:
                result: Location | None = self._limited(query)
                self._failures_in_row = 0
                return result
            except GeocoderRateLimited as exc:
                pause = exc.retry_after if exc.retry_after is not None else wait
                if pause > self.config.max_wait_s:
                    reason = f"{self.name} asks to wait {pause:.0f} s (rate limit); try later"
                    raise self._failed(reason, source_down=True) from exc
                reason = f"{self.name} rate limit (HTTP 429)"
            except GeocoderTimedOut as exc:
                pause, reason = wait, f"{self.name} timed out ({exc})"
            except GeocoderParseError as exc:
                raise GeocodeError(f"{self.name} sent an unreadable answer") from exc
            except GeocoderUnavailable as exc:
                pause, reason = wait, f"{self.name} unreachable ({exc})"
            except GeocoderServiceError as exc:
                status = _status(exc)
                if status is not None and status < 500:
                    # A bad key or a blocked user agent fails every request alike.
                    down = status in (401, 402, 403, 407)
                    raise self._failed(f"{self.name} refused the request: {exc}", down) from exc
                pause, reason = wait, f"{self.name} server error ({exc})"
            if attempt + 1 < attempts:
                self._pause(pause)
                wait *= 2
        raise self._failed(f"{reason}; gave up after {attempts} attempts")

    def _failed(self, reason: str, source_down: bool = False) -> GeocodeError:
        """The error to raise; after a few failures in a row the provider is left alone
        for the rest of the run, so an offline laptop does not wait on every account."""
        self._failures_in_row += 1
        if source_down or self._failures_in_row >= self.config.max_failures_in_row:
            self._stopped = reason
        return GeocodeError(reason)

    def _pause(self, seconds: float) -> None:
        """Sleep in short slices so a cancel is noticed during a long Retry-After."""
        remaining = seconds
        while remaining > 0:
            if self.cancel.cancelled:
                raise GeocodeError("cancelled")
            step = min(remaining, 0.25)
            self._sleep(step)
            remaining -= step


def _status(exc: GeocoderServiceError) -> int | None:
    status = getattr(exc.__cause__, "status_code", None)
    return None if status is None else int(status)


def _structured(address: Address) -> dict[str, str]:
    parts = {
        "street": address.street.replace("\n", ", "),
        "city": address.city,
        "postalcode": address.postcode,
        "state": address.region,
        "country": address.country,
    }
    return {k: v.strip() for k, v in parts.items() if v.strip()}

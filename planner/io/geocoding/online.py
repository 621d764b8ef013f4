"""Online geocoding through geopy: Nominatim by default, any geopy provider by name.

Requests are paced with geopy's RateLimiter at the provider's published rate (Nominatim:
one request per second) and retried with exponential backoff on timeouts, HTTP 429
(honouring Retry-After) and 5xx. Every answer's precision is read from the provider's
own classification rather than assumed.
"""

from __future__ import annotations

import inspect
import time
import warnings
from collections.abc import Callable
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

from planner.domain import Address, DomainError, GeoPoint
from planner.domain.progress import CancelToken, NeverCancel
from planner.io.geocoding.base import GeocodeError, GeocodeResult
from planner.io.geocoding.precision import precision_from_raw
from planner.io.geocoding.provider import ProviderConfig

# What geopy raises when it reads fields from an answer of the wrong shape (an object
# instead of a list, a list of strings, a missing "lat").
_SHAPE_ERRORS = (TypeError, ValueError, KeyError, AttributeError, IndexError)
_CAUSES = (
    ("refused", "connection refused"),
    ("name or service not known", "server name not found"),
    ("name resolution", "server name not found"),
    ("nodename nor servname", "server name not found"),
    ("getaddrinfo", "server name not found"),
    ("timed out", "connection timed out"),
    ("reset by peer", "connection reset"),
    ("remote end closed", "connection closed by the server"),
    ("ssl", "secure connection (TLS) failed"),
    ("network is unreachable", "network unreachable"),
)
# geopy warns before refusing a latitude beyond ±90; the refusal is reported per account.
warnings.filterwarnings("ignore", message="Latitude normalization", category=UserWarning)


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
        return self._result(location)

    def _result(self, location: Location) -> GeocodeResult:
        """The answer checked: a provider can send anything (lat 95, NaN, a wrong shape)."""
        raw = location.raw if isinstance(location.raw, dict) else {}
        # geopy wraps a longitude of 200 round to -160: check what the provider sent.
        lat, lon = raw.get("lat", location.latitude), raw.get("lon", location.longitude)
        try:
            point = GeoPoint(float(lat), float(lon))
        except (TypeError, ValueError, DomainError):
            shown = f"{lat!r:.20}, {lon!r:.20}".replace("'", "")
            raise GeocodeError(f"{self.name} sent an impossible coordinate ({shown})") from None
        try:
            precision, note = precision_from_raw(self.name, dict(location.raw))
        except (TypeError, ValueError, AttributeError):
            raise GeocodeError(f"{self.name} sent an answer of an unexpected shape") from None
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
            except GeocoderTimedOut as exc:  # geopy files HTTP 503 and 504 under time-outs
                status = _status(exc)
                pause = wait
                reason = (
                    f"{self.name} unavailable (HTTP {status})"
                    if status is not None
                    else f"{self.name} timed out (no answer in {self.config.timeout_s:g} s)"
                )
            except GeocoderParseError as exc:
                raise GeocodeError(f"{self.name} sent an unreadable answer") from exc
            except GeocoderUnavailable as exc:
                pause, reason = wait, f"{self.name} unreachable ({_network_cause(exc)})"
            except GeocoderServiceError as exc:
                status = _status(exc)
                if status is not None and status < 500:
                    # A bad key or a blocked user agent fails every request alike.
                    down = status in (401, 402, 403, 407)
                    why = f"{self.name} refused the request (HTTP {status})"
                    raise self._failed(why, down) from exc
                if status is None:  # an error inside a 200 answer, e.g. {"error": "..."}
                    why = f"{self.name} answered with an error: {_short(exc)}"
                    raise GeocodeError(why) from exc
                pause, reason = wait, f"{self.name} server error (HTTP {status})"
            except _SHAPE_ERRORS as exc:  # geopy read fields from an answer that has none
                raise GeocodeError(f"{self.name} sent {_what_was_wrong(exc)}") from None
            if attempt + 1 < attempts:
                self._pause(pause)
                wait *= 2
        tries = f"{attempts} attempts" if attempts != 1 else "1 attempt"
        raise self._failed(f"{reason}; gave up after {tries}")

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


def _what_was_wrong(exc: Exception) -> str:
    """geopy's own check of a coordinate (ValueError "Latitude must be in the [-90; 90]
    range", "must be finite") or a field it could not read."""
    text = str(exc)
    if "must be in the" in text or "finite" in text:
        return "an impossible coordinate"
    return "an answer of an unexpected shape"


def _short(exc: BaseException, size: int = 60) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _network_cause(exc: BaseException) -> str:
    """A few words for a connection failure instead of urllib3's 400-character dump."""
    text = str(exc).lower()
    for needle, words in _CAUSES:
        if needle in text:
            return words
    return "network error"


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

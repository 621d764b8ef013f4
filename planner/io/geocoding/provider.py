"""Which online provider to ask and how politely (no geopy here: the app starts without
loading the online providers' code, `planner.io.geocoding.online`)."""

from __future__ import annotations

from dataclasses import dataclass

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

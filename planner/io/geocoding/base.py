"""What every geocoding source answers, and the interface they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from planner.domain import Address, GeoPoint, Precision


@dataclass(frozen=True)
class GeocodeResult:
    """A coordinate for one address, how precise it is, and who said so."""

    location: GeoPoint
    precision: Precision
    source: str  # e.g. "gazetteer:zip-us", "nominatim", "cache:nominatim"
    note: str = ""  # e.g. "3 places called Milan in US; chose the largest"
    country: str = ""  # ISO code of the place found, when the source knows it


class GeocodeError(Exception):
    """A source could not answer (network, quota, bad reply); the message says why.

    Distinct from "no match", which a source reports by returning None.
    """


class Geocoder(Protocol):
    """One source of coordinates: offline gazetteer, online provider, cache."""

    @property
    def name(self) -> str: ...

    def geocode(self, address: Address) -> GeocodeResult | None:
        """The best coordinate for the address, None when the source knows no match.

        Raises GeocodeError when the source failed to answer.
        """

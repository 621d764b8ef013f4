"""Places on the Earth and how precisely we know them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from planner.domain.errors import DomainError
from planner.domain.i18n import N_


class Precision(StrEnum):
    """How well a pin locates an account, best first.

    A town-level pin puts every account of a town on one point; travel times between
    them become zero, so precision is recorded for every coordinate we hold.
    """

    MANUAL = N_("manual")  # set by the user; never overwritten by a geocode
    SOURCE = N_("source")  # coordinates came with the CRM export
    HOUSE = N_("house")  # the house number found in a region's address index (OpenStreetMap)
    ROOFTOP = N_("rooftop")  # house number / street level
    STREET = N_("street")
    POSTCODE = N_("postcode")
    TOWN = N_("town")
    REGION = N_("region")
    COUNTRY = N_("country")
    NONE = N_("none")  # not geocoded

    @property
    def is_located(self) -> bool:
        return self is not Precision.NONE

    @property
    def is_coarse(self) -> bool:
        """True when many accounts may share the pin (postcode or coarser)."""
        return self in (Precision.POSTCODE, Precision.TOWN, Precision.REGION, Precision.COUNTRY)


@dataclass(frozen=True)
class GeoPoint:
    """A WGS84 coordinate in decimal degrees."""

    lat: float
    lon: float

    def __post_init__(self) -> None:
        for name, value, bound in (("latitude", self.lat, 90.0), ("longitude", self.lon, 180.0)):
            if not isinstance(value, (int, float)) or math.isnan(value) or abs(value) > bound:
                raise DomainError(f"{name} must be a number within ±{bound:g}, got {value!r}")
        object.__setattr__(self, "lat", float(self.lat))
        object.__setattr__(self, "lon", float(self.lon))

    def as_tuple(self) -> tuple[float, float]:
        return (self.lat, self.lon)

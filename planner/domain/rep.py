"""A sales rep: where they start, when they work, what their time and car cost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.domain.errors import DomainError
from planner.domain.geo import GeoPoint


@dataclass(frozen=True)
class Rep:
    name: str
    home_address: str = ""
    home: GeoPoint | None = None
    work_days: tuple[int, ...] = (0, 1, 2, 3, 4)  # 0 = Monday
    work_start: time = time(8, 30)
    work_end: time = time(18, 0)
    lunch_start: time = time(12, 30)  # earliest start of the lunch break
    lunch_end: time = time(14, 0)  # the break must be over by then
    lunch_minutes: int = 45
    max_driving_minutes: int = 5 * 60  # per day
    capacity_hours: float = 40.0  # per week, for territory balancing
    cost_per_km: Decimal = Decimal("0.35")
    cost_per_hour: Decimal = Decimal("30")
    hotel_per_night: Decimal = Decimal("95")
    meal_allowance: Decimal = Decimal("30")  # per night away
    currency: str = "EUR"
    timezone: str = "Europe/Rome"
    holiday_country: str = ""  # ISO 3166 code for public holidays; "" = from the time zone
    holiday_region: str = ""  # subdivision (state, province) for regional holidays

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise DomainError("rep name is required")
        if not self.work_days or any(d not in range(7) for d in self.work_days):
            raise DomainError(
                f"work days must be weekday numbers 0 (Mon) to 6 (Sun), got {self.work_days}"
            )
        if self.work_end <= self.work_start:
            raise DomainError(
                f"work ends ({self.work_end:%H:%M}) before it starts ({self.work_start:%H:%M})"
            )
        if self.lunch_minutes < 0 or self.lunch_minutes > 180:
            raise DomainError(f"lunch break must be 0–180 minutes, got {self.lunch_minutes}")
        if self.lunch_minutes and self.lunch_end <= self.lunch_start:
            raise DomainError("lunch window ends before it starts")
        if self.max_driving_minutes <= 0:
            raise DomainError("maximum driving per day must be positive")
        if self.capacity_hours <= 0:
            raise DomainError("capacity must be a positive number of hours per week")
        for label, value in (
            ("cost per km", self.cost_per_km),
            ("cost per hour", self.cost_per_hour),
            ("hotel per night", self.hotel_per_night),
            ("meal allowance", self.meal_allowance),
        ):
            if value < 0:
                raise DomainError(f"{label} cannot be negative, got {value}")
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise DomainError(f"currency must be a three-letter code, got {self.currency!r}")
        object.__setattr__(self, "holiday_country", self.holiday_country.strip().upper())
        if self.holiday_country and not (
            len(self.holiday_country) == 2 and self.holiday_country.isalpha()
        ):
            raise DomainError(
                f"holiday country must be a two-letter ISO code, got {self.holiday_country!r}"
            )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise DomainError(f"unknown time zone {self.timezone!r}") from None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

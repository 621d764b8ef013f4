"""An account: a customer or prospect a rep may visit."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from planner.domain.errors import DomainError
from planner.domain.geo import GeoPoint, Precision
from planner.domain.hours import OpeningHours

DEFAULT_MEETING_MINUTES = 45


def _norm(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().split())


@dataclass(frozen=True)
class Address:
    street: str = ""
    city: str = ""
    postcode: str = ""
    region: str = ""  # state / province
    country: str = ""  # ISO 3166-1 alpha-2 when known, else as exported

    def one_line(self) -> str:
        town = " ".join(p for p in (self.postcode, self.city) if p)
        parts = [self.street.replace("\n", ", "), town, self.region, self.country]
        return ", ".join(p for p in parts if p)

    def normalised(self) -> str:
        """Key for caches and duplicate detection: case, accents and spacing folded."""
        return _norm(self.one_line())

    @property
    def is_empty(self) -> bool:
        return not any((self.street, self.city, self.postcode, self.region, self.country))


@dataclass(frozen=True)
class Account:
    """One customer or prospect, as imported from a CRM and enriched locally."""

    name: str
    account_id: str = ""  # CRM id; empty when the export has none
    address: Address = field(default_factory=Address)
    location: GeoPoint | None = None
    precision: Precision = Precision.NONE
    geocode_source: str = ""
    geocode_note: str = ""  # e.g. why geocoding failed
    doubtful: str = ""  # why the pin looks wrong (far from the rest of its territory), or ""
    amount: Decimal | None = None  # the open deal's value
    currency: str = "EUR"
    annual_revenue: Decimal | None = None  # the customer's own revenue, never a deal amount
    stage: str = ""
    probability: float | None = None  # 0..1
    close_date: date | None = None
    last_visit: date | None = None
    cadence_days: int | None = None
    meeting_minutes: int = DEFAULT_MEETING_MINUTES
    opening_hours: OpeningHours | None = None
    owner: str = ""
    phone: str = ""
    contact: str = ""
    industry: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""  # the user's own notes: an import never changes them
    crm_notes: str = ""  # the CRM's description: each import replaces it

    @property
    def all_notes(self) -> str:
        """The CRM's notes, then the user's, for display and exports."""
        return "\n".join(part for part in (self.crm_notes, self.notes) if part)

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise DomainError("account name is required")
        if self.amount is not None and self.amount < 0:
            raise DomainError(f"amount cannot be negative, got {self.amount}")
        if self.annual_revenue is not None and self.annual_revenue < 0:
            raise DomainError(f"annual revenue cannot be negative, got {self.annual_revenue}")
        if self.probability is not None and not 0.0 <= self.probability <= 1.0:
            raise DomainError(
                f"probability must be between 0 and 100 %, got {self.probability:.0%}"
            )
        if self.cadence_days is not None and self.cadence_days <= 0:
            raise DomainError(
                f"visit cadence must be a positive number of days, got {self.cadence_days}"
            )
        if not 0 < self.meeting_minutes <= 12 * 60:
            raise DomainError(f"meeting duration must be 1–720 minutes, got {self.meeting_minutes}")
        if self.location is None and self.precision not in (Precision.NONE,):
            raise DomainError(f"precision {self.precision} given without coordinates")
        if self.location is not None and self.precision is Precision.NONE:
            raise DomainError("coordinates given without a precision")

    @property
    def key(self) -> str:
        """Identity used to match re-imports: the CRM id, else name + address."""
        if self.account_id:
            return f"id:{self.account_id}"
        return f"na:{_norm(self.name)}|{self.address.normalised()}"

    @property
    def expected_value(self) -> Decimal | None:
        if self.amount is None or self.probability is None:
            return None
        return self.amount * Decimal(str(self.probability))

    def with_location(
        self, location: GeoPoint | None, precision: Precision, source: str, note: str = ""
    ) -> Account:
        return replace(
            self, location=location, precision=precision, geocode_source=source,
            geocode_note=note, doubtful="",
        )  # fmt: skip

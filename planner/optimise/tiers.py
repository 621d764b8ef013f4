"""Customer tiers: how much a relationship visit is worth and how often one is due.

Every account has a tier, A (most important) to C:

* a tag naming it — "A", "Tier B", "Class C", "A-customer", "tier:a" (an import maps a
  CRM's tier/segment/rating column to tags);
* else the customer's annual revenue against the tier floors (A from €100k, B from €20k);
* else the default tier (C): a plain list with no CRM values is still worth visiting.

Each tier has a visit cadence (A every 14 days, B 30, C 90; an account's own cadence
wins), a value for one relationship visit when due (A €800, B €300, C €120), and how
steeply that value rises once overdue (the overdue ratio — days since the last visit ÷
cadence — raised to the power A 2, B 1.5, C 1, capped): an A-customer twice overdue is
worth 4 visits, a C-account twice overdue 2. Customers (a won deal, or a "customer" tag
or stage) also carry revenue at risk while overdue: their revenue (annual revenue, else the
won deal's amount) × `risk_share` per cadence period overdue, capped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from planner.domain.account import Account
from planner.domain.i18n import N_
from planner.domain.units import Money

TIERS = ("A", "B", "C")
WON_STAGES = frozenset({"closed won", "won", "customer"})
_TIER_TAG = re.compile(
    r"^(?:(?:tier|class|classe|fascia|segment|rating|abc)\s*[-:]?\s*)?([abc])"
    r"(?:\s*[- ]?\s*(?:customer|cliente|account))?$"
)


def _cadences() -> dict[str, int]:
    return {"A": 14, "B": 30, "C": 90}


def _visit_values() -> dict[str, Decimal]:
    return {"A": Decimal(800), "B": Decimal(300), "C": Decimal(120)}


def _steepness() -> dict[str, float]:
    return {"A": 2.0, "B": 1.5, "C": 1.0}


def _revenue_floors() -> dict[str, Decimal]:
    return {"A": Decimal(100_000), "B": Decimal(20_000)}


@dataclass(frozen=True)
class TierSettings:
    """Tier cadences and values (settings: `territory-planner settings tiers ...`)."""

    cadence_days: Mapping[str, int] = field(default_factory=_cadences)
    visit_value: Mapping[str, Decimal] = field(default_factory=_visit_values)
    steepness: Mapping[str, float] = field(default_factory=_steepness)
    revenue_floor: Mapping[str, Decimal] = field(default_factory=_revenue_floors)
    default_tier: str = "C"
    overdue_cap: float = 4.0  # the cadence factor never exceeds this many visits' worth
    risk_share: float = 0.01  # revenue at risk per cadence period overdue

    def __post_init__(self) -> None:
        for mapping in (self.cadence_days, self.visit_value, self.steepness):
            if set(mapping) != set(TIERS):
                raise ValueError(f"tier settings need A, B and C, got {sorted(mapping)}")
        if any(d <= 0 for d in self.cadence_days.values()):
            raise ValueError("tier cadences must be a positive number of days")
        if any(v < 0 for v in self.visit_value.values()):
            raise ValueError("tier visit values cannot be negative")
        if self.default_tier not in TIERS:
            raise ValueError(f"default tier must be A, B or C, got {self.default_tier!r}")
        if self.overdue_cap < 1 or not 0 <= self.risk_share <= 1:
            raise ValueError("overdue cap must be at least 1 and risk share within 0–100 %")


def is_customer(account: Account) -> bool:
    """A won deal, or a CRM type/tag or stage saying customer."""
    if account.stage.strip().lower() in WON_STAGES:
        return True
    return any("customer" in t.lower() or "cliente" in t.lower() for t in account.tags)


def tier_of(account: Account, settings: TierSettings) -> tuple[str, str]:
    """(tier, where it comes from) for the inspector."""
    for tag in account.tags:
        found = _TIER_TAG.match(" ".join(tag.lower().split()))
        if found:
            return found.group(1).upper(), N_("tag {tag}").format(tag=tag)
    revenue = account.annual_revenue
    if revenue is not None:
        for tier in TIERS[:-1]:
            floor = settings.revenue_floor.get(tier)
            if floor is not None and revenue >= floor:
                return tier, _revenue_source(revenue, account.currency)
        return TIERS[-1], _revenue_source(revenue, account.currency)
    return settings.default_tier, N_("default tier")


def _revenue_source(revenue: Decimal, currency: str) -> str:
    return N_("annual revenue {revenue}").format(revenue=Money.of(revenue, currency))


def customer_revenue(account: Account) -> Decimal | None:
    """What the customer brings in: annual revenue, else a won deal's amount."""
    revenue = account.annual_revenue
    if revenue is None and account.stage.strip().lower() in WON_STAGES:
        revenue = account.amount
    return revenue


def cadence_factor(ratio: float, tier: str, settings: TierSettings) -> float:
    """How many relationship visits' worth a visit is now: ratio ** steepness, capped."""
    return float(min(settings.overdue_cap, max(0.0, ratio) ** settings.steepness[tier]))

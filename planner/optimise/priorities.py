"""What visiting an account this week is worth, in money, broken down into its parts.

The value of one in-person visit this week is::

    deal         = open deal's expected value (amount × probability) × visit_share × stage weight
    urgency      = deal × urgency_boost × max(0, 1 − days_to_close / urgency_horizon_days)
    relationship = tier visit value × min(cap, overdue ratio ** tier steepness)
    at risk      = customer revenue × risk_share × min(cap, overdue ratio − 1)   when overdue
    recency      = −(deal + urgency) × recent_penalty × (1 − overdue ratio)      when not due
    value        = max(0, deal + urgency + relationship + at risk + recency) × account weight

* `visit_share` is the part of a deal's expected value that one meeting moves forward
  (default 5 %): a €100k deal at 40 % is worth €2,000 to visit.
* Urgency grows linearly as the close date approaches, doubling the deal part (default
  boost 1.0) for deals closing this week; a close date in the past counts as "now".
* Relationship: every account has a tier (A/B/C, `planner.optimise.tiers`: from a tag,
  else annual revenue, else the default tier) with a value per visit and a cadence (the
  account's own cadence wins). The overdue ratio is days since the last visit ÷ cadence
  (a never-visited account counts as due: ratio 1). Overdue A-customers rise steeply.
* Customers — a won deal ("Closed Won"), or a customer tag or stage — are visited for
  the relationship: no open deal, but their revenue is at risk while they are overdue.
* Stage weights reflect how much a meeting matters at each stage; a lost deal excludes
  the account.
* The account weight is a user override per account (default 1).

Missing data never drops an account: documented defaults apply and the account is
flagged (`ValueBreakdown.flags`) so the user can see and fix it. A plain list with no
CRM values (a hospital register) is worth the default tier's visit to every account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from planner.domain.account import Account
from planner.domain.i18n import N_
from planner.domain.units import Money
from planner.optimise.tiers import (
    TierSettings,
    cadence_factor,
    customer_revenue,
    is_customer,
    tier_of,
)

# Stage names cover the usual generic ones and Salesforce's standard opportunity stages;
# probabilities for the Salesforce stages are Salesforce's own defaults.
DEFAULT_STAGE_WEIGHTS: Mapping[str, float] = {
    "lead": 0.5,
    "prospecting": 0.6,
    "qualification": 0.8,
    "needs analysis": 0.9,
    "value proposition": 0.9,
    "id. decision makers": 1.0,
    "perception analysis": 1.0,
    "proposal": 1.0,
    "proposal/price quote": 1.0,
    "negotiation": 1.2,
    "negotiation/review": 1.2,
    "customer": 1.0,
}
DEFAULT_STAGE_PROBABILITY: Mapping[str, float] = {
    "lead": 0.05,
    "prospecting": 0.1,
    "qualification": 0.1,
    "needs analysis": 0.2,
    "value proposition": 0.5,
    "id. decision makers": 0.6,
    "perception analysis": 0.7,
    "proposal": 0.5,
    "proposal/price quote": 0.75,
    "negotiation": 0.7,
    "negotiation/review": 0.9,
    "customer": 0.9,
}
USER_EXCLUDED = N_("excluded by the user")  # the reason re-plans recognise to keep it out
CLOSED_STAGES = frozenset({"closed won", "closed lost", "won", "lost", "closed"})
LOST_STAGES = frozenset({"closed lost", "lost", "closed"})


@dataclass(frozen=True)
class ValueParams:
    """The weights of the value formula (see the module docstring)."""

    visit_share: float = 0.05
    urgency_boost: float = 1.0
    urgency_horizon_days: int = 90
    recent_penalty: float = 0.5
    default_probability: float = 0.2  # when neither probability nor a known stage gives one
    default_amount: Decimal = Decimal("0")  # when the CRM has no amount
    stage_weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_STAGE_WEIGHTS))
    stage_probability: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_STAGE_PROBABILITY)
    )
    tiers: TierSettings = field(default_factory=TierSettings)
    account_weights: Mapping[str, float] = field(default_factory=dict)  # key → multiplier
    must_visit: frozenset[str] = frozenset()  # account keys
    excluded: frozenset[str] = frozenset()  # account keys
    key_account_tag: str = "key"
    key_overdue_ratio: float = 1.5  # a key account this overdue becomes must-visit

    def __post_init__(self) -> None:
        if not 0 <= self.visit_share <= 1:
            raise ValueError(f"visit share must be within 0–100 %, got {self.visit_share}")
        if self.urgency_horizon_days <= 0:
            raise ValueError("the urgency horizon must be a positive number of days")
        for name in ("urgency_boost", "recent_penalty"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")
        if any(w < 0 for w in self.account_weights.values()):
            raise ValueError("account weights cannot be negative")


@dataclass(frozen=True)
class ValueBreakdown:
    """One account's value this week and the parts it is made of (all in cents)."""

    account_key: str
    deal: Money
    urgency: Money
    relationship: Money
    at_risk: Money
    recency: Money  # ≤ 0: visited recently, its deal part counts less
    weight: float
    total: Money
    tier: str = "C"
    tier_source: str = "default tier"
    customer: bool = False
    cadence_days: int = 90  # the cadence in force: the account's own, else its tier's
    overdue: float = 1.0  # days since the last visit ÷ cadence
    must_visit: bool = False
    excluded_reason: str = ""
    flags: tuple[str, ...] = ()

    @property
    def excluded(self) -> bool:
        return bool(self.excluded_reason)

    @property
    def due(self) -> bool:
        return self.overdue >= 1.0

    def parts(self) -> list[tuple[str, Money]]:
        """(name, amount) of every part, for the inspector (names marked for translation)."""
        return [
            (N_("deal"), self.deal),
            (N_("urgency"), self.urgency),
            (N_("relationship"), self.relationship),
            (N_("revenue at risk"), self.at_risk),
            (N_("recency"), self.recency),
        ]

    def describe(self) -> str:
        parts = N_(
            "deal {deal} + urgency {urgency} + relationship {relationship} "
            "+ revenue at risk {at_risk} + recency {recency}"
        ).format(
            deal=self.deal,
            urgency=self.urgency,
            relationship=self.relationship,
            at_risk=self.at_risk,
            recency=self.recency,
        )
        if self.weight != 1.0:
            parts = N_("({parts}) × weight {weight}").format(parts=parts, weight=f"{self.weight:g}")
        return N_("{parts} = {total}").format(parts=parts, total=self.total)


def value_accounts(
    accounts: Iterable[Account], week_start: date, params: ValueParams | None = None
) -> dict[str, ValueBreakdown]:
    """Value breakdown of every account, by account key."""
    params = params or ValueParams()
    return {a.key: value_account(a, week_start, params) for a in accounts}


Valuer = Callable[[Iterable[Account], date, "ValueParams | None"], dict[str, "ValueBreakdown"]]


class ValueMemo:
    """`value_accounts` that remembers, for one caller (not shared between threads).

    A breakdown depends on the account, the week and the parameters; of the parameters,
    only an account's own entries (excluded, must visit, weight) differ between hand
    edits. An unchanged account with unchanged own entries keeps its breakdown, so
    taking one account out of a plan re-values that account, not every one.
    """

    def __init__(self) -> None:
        self._shared: tuple[date, ValueParams] | None = None
        self._known: dict[str, tuple[Account, tuple[bool, bool, float], ValueBreakdown]] = {}

    def __call__(
        self, accounts: Iterable[Account], week_start: date, params: ValueParams | None = None
    ) -> dict[str, ValueBreakdown]:
        params = params or ValueParams()
        shared = (week_start, _shared_params(params))
        if shared != self._shared:
            self._shared, self._known = shared, {}
        return {a.key: self._value(a, week_start, params) for a in accounts}

    def _value(self, account: Account, week_start: date, params: ValueParams) -> ValueBreakdown:
        key = account.key
        own = (key in params.excluded, key in params.must_visit,
               params.account_weights.get(key, 1.0))  # fmt: skip
        known = self._known.get(key)
        if known is not None and known[1] == own and (known[0] is account or known[0] == account):
            return known[2]
        breakdown = value_account(account, week_start, params)
        self._known[key] = (account, own, breakdown)
        return breakdown


def _shared_params(params: ValueParams) -> ValueParams:
    """The parameters without the per-account entries."""
    return replace(params, account_weights={}, must_visit=frozenset(), excluded=frozenset())


def value_account(account: Account, week_start: date, params: ValueParams) -> ValueBreakdown:
    currency = account.currency
    flags: list[str] = []
    stage = account.stage.strip().lower()
    customer = is_customer(account)
    deal_cents = 0 if stage in CLOSED_STAGES else _deal_cents(account, stage, params, flags)
    urgency_cents = round(deal_cents * _urgency_factor(account, week_start, params))
    tier, source = tier_of(account, params.tiers)
    cadence = account.cadence_days or params.tiers.cadence_days[tier]
    ratio = _overdue_ratio(account, week_start, cadence, flags)
    relationship = Money.of(params.tiers.visit_value[tier], currency).cents
    relationship = round(relationship * cadence_factor(ratio, tier, params.tiers))
    at_risk = _at_risk_cents(account, ratio, params) if customer else 0
    recency = -round((deal_cents + urgency_cents) * params.recent_penalty * max(0.0, 1 - ratio))
    weight = params.account_weights.get(account.key, 1.0)
    total = max(0, deal_cents + urgency_cents + relationship + at_risk + recency)
    return ValueBreakdown(
        account_key=account.key,
        deal=Money(deal_cents, currency),
        urgency=Money(urgency_cents, currency),
        relationship=Money(relationship, currency),
        at_risk=Money(at_risk, currency),
        recency=Money(recency, currency),
        weight=weight,
        total=Money(round(total * weight), currency),
        tier=tier,
        tier_source=source,
        customer=customer,
        cadence_days=cadence,
        overdue=ratio,
        must_visit=_must_visit(account, ratio, params),
        excluded_reason=_excluded_reason(account, stage, customer, params),
        flags=tuple(flags),
    )


def _deal_cents(account: Account, stage: str, params: ValueParams, flags: list[str]) -> int:
    amount = account.amount
    if amount is None:
        amount = params.default_amount
        if stage:  # an account list with no deals at all is not flagged on every row
            flags.append(f"no amount: assumed {amount} {account.currency}")
    probability = account.probability
    if probability is None:
        if stage in params.stage_probability:
            probability = params.stage_probability[stage]
            flags.append(f"no probability: {probability:.0%} from stage {account.stage!r}")
        else:
            probability = params.default_probability
            if account.amount is not None:
                flags.append(f"no probability: assumed {probability:.0%}")
    weight = params.stage_weights.get(stage, 1.0)
    if stage and stage not in params.stage_weights:
        flags.append(f"unknown stage {account.stage!r}: weight 1")
    value = amount * Decimal(str(probability)) * Decimal(str(params.visit_share))
    return round(value * Decimal(str(weight)) * 100)


def _urgency_factor(account: Account, week_start: date, params: ValueParams) -> float:
    if account.close_date is None or account.stage.strip().lower() in CLOSED_STAGES:
        return 0.0
    days = max(0, (account.close_date - week_start).days)
    return params.urgency_boost * max(0.0, 1.0 - days / params.urgency_horizon_days)


def _overdue_ratio(account: Account, week_start: date, cadence: int, flags: list[str]) -> float:
    """Days since the last visit over the cadence; a never-visited account counts as due."""
    if account.last_visit is None:
        flags.append(N_("never visited: counted as due"))
        return 1.0
    return max(0, (week_start - account.last_visit).days) / cadence


def _at_risk_cents(account: Account, ratio: float, params: ValueParams) -> int:
    revenue = customer_revenue(account)
    if revenue is None or ratio <= 1.0:
        return 0
    periods = min(params.tiers.overdue_cap, ratio - 1.0)
    return round(revenue * Decimal(str(params.tiers.risk_share * periods)) * 100)


def _must_visit(account: Account, ratio: float, params: ValueParams) -> bool:
    if account.key in params.must_visit:
        return True
    is_key = params.key_account_tag in {t.lower() for t in account.tags}
    return is_key and ratio >= params.key_overdue_ratio


def _excluded_reason(account: Account, stage: str, customer: bool, params: ValueParams) -> str:
    if account.key in params.excluded:
        return USER_EXCLUDED
    if stage in LOST_STAGES and not customer:
        return N_("deal is {stage}").format(stage=account.stage.lower())
    if account.location is None:
        return N_("no coordinates: geocode the address to plan a visit")
    return ""

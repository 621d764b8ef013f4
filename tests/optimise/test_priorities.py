from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from planner.domain import Account, GeoPoint, Money, Precision
from planner.optimise.priorities import ValueParams, value_account, value_accounts

WEEK = date(2026, 3, 2)
AT = GeoPoint(44.5, 11.3)


def acc(**kw: object) -> Account:
    base: dict[str, object] = {
        "name": "Acme",
        "account_id": "1",
        "location": AT,
        "precision": Precision.ROOFTOP,
        "amount": Decimal(100_000),
        "probability": 0.4,
        "stage": "proposal",
    }
    base.update(kw)
    return Account(**base)  # type: ignore[arg-type]


def test_deal_part_is_expected_value_times_visit_share() -> None:
    v = value_account(acc(), WEEK, ValueParams())
    # 100 000 × 0.4 × 5 % × stage weight 1.0 (proposal)
    assert v.deal == Money.of(2000)
    assert v.urgency == Money.zero() and v.at_risk == Money.zero()
    # never visited: due once, worth the default tier C's relationship visit (€120)
    assert v.relationship == Money.of(120) and v.tier == "C"
    assert v.total == Money.of(2120) and v.flags == ("never visited: counted as due",)


def test_close_date_urgency_grows_linearly_to_double() -> None:
    p = ValueParams()
    this_week = value_account(acc(close_date=WEEK + timedelta(days=0)), WEEK, p)
    in_45_days = value_account(acc(close_date=WEEK + timedelta(days=45)), WEEK, p)
    past = value_account(acc(close_date=WEEK - timedelta(days=10)), WEEK, p)
    far = value_account(acc(close_date=WEEK + timedelta(days=200)), WEEK, p)
    assert this_week.urgency == Money.of(2000) and this_week.total == Money.of(4120)
    assert in_45_days.urgency == Money.of(1000)
    assert past.urgency == Money.of(2000)
    assert far.urgency == Money.zero()


def test_stage_weight_scales_the_deal() -> None:
    v = value_account(acc(stage="Negotiation"), WEEK, ValueParams())
    assert v.deal == Money.of(2400)
    sf = value_account(acc(stage="Negotiation/Review", probability=None), WEEK, ValueParams())
    assert sf.deal == Money.of(5400) and "90%" in sf.flags[0]  # 100k × 90 % × 5 % × 1.2


def test_overdue_accounts_gain_and_recent_ones_lose() -> None:
    p = ValueParams()
    overdue = value_account(acc(cadence_days=30, last_visit=WEEK - timedelta(days=60)), WEEK, p)
    assert overdue.relationship == Money.of(240)  # tier C €120 × ratio 2
    capped = value_account(acc(cadence_days=10, last_visit=WEEK - timedelta(days=100)), WEEK, p)
    assert capped.relationship == Money.of(480)  # capped at 4 visits' worth
    recent = value_account(acc(cadence_days=30, last_visit=WEEK - timedelta(days=6)), WEEK, p)
    # ratio 0.2: loses 50 % × 80 % of the deal part; the relationship visit is worth 20 %
    assert recent.recency == Money.of(-800) and recent.relationship == Money.of(24)
    assert recent.total == Money.of(1224)


def test_overdue_a_customers_rise_steeply() -> None:
    def worth(tier: str, days: int) -> Money:
        kw = {"stage": "Closed Won", "amount": Decimal(0), "tags": (f"Tier {tier}",)}
        return value_account(
            acc(last_visit=WEEK - timedelta(days=days), **kw), WEEK, ValueParams()
        ).relationship

    assert worth("A", 14) == Money.of(800)  # due: one A visit
    assert worth("A", 28) == Money.of(3200)  # twice overdue: ratio² = 4 visits' worth
    assert worth("C", 180) == Money.of(240)  # a C account twice overdue: 2 visits' worth
    assert worth("A", 7) == Money.of(200)  # half-way to due: 0.5² of a visit


def test_customers_are_valued_for_the_relationship_and_revenue_at_risk() -> None:
    won = acc(stage="Closed Won", amount=Decimal(60_000), tags=("Customer - Direct", "B"))
    v = value_account(replace(won, last_visit=WEEK - timedelta(days=60)), WEEK, ValueParams())
    assert v.customer and not v.excluded and v.tier == "B" and v.tier_source == "tag B"
    assert v.deal == Money.zero()  # the deal is won: nothing left to push
    assert v.relationship == Money.of(848.53)  # €300 × 2 ** 1.5
    assert v.at_risk == Money.of(600)  # €60k × 1 % × one period overdue
    assert v.total == Money.of(1448.53)
    names = [name for name, _ in v.parts()]
    assert names == ["deal", "urgency", "relationship", "revenue at risk", "recency"]


def test_a_plain_list_without_crm_values_is_worth_the_default_tier() -> None:
    plain = Account(name="Ospedale Maggiore", location=AT, precision=Precision.ROOFTOP)
    v = value_account(plain, WEEK, ValueParams())
    assert v.total == Money.of(120) and not v.excluded
    assert v.flags == ("never visited: counted as due",)


def test_user_weight_and_breakdown_text() -> None:
    a = acc()
    v = value_account(a, WEEK, ValueParams(account_weights={a.key: 1.5}))
    assert v.total == Money.of(3180)
    assert "× weight 1.5" in v.describe()


def test_missing_data_is_flagged_not_dropped() -> None:
    a = acc(amount=None, probability=None, stage="qualification")
    v = value_account(a, WEEK, ValueParams(default_amount=Decimal(10_000)))
    # stage probability 10 % (Salesforce's default), stage weight 0.8: 10 000 × 0.1 × 0.05 × 0.8
    assert v.deal == Money.of(40)
    assert any("no amount" in f for f in v.flags)
    assert any("from stage" in f for f in v.flags)
    never = value_account(acc(cadence_days=30), WEEK, ValueParams())
    assert never.relationship == Money.of(120) and "never visited" in never.flags[-1]
    unknown = value_account(acc(probability=None, stage="weird"), WEEK, ValueParams())
    assert any("assumed 20%" in f for f in unknown.flags)
    assert not v.excluded and not never.excluded


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"stage": "Closed Lost"}, "deal is closed lost"),
        ({"location": None, "precision": Precision.NONE}, "no coordinates"),
    ],
)
def test_exclusions(kw: dict[str, object], reason: str) -> None:
    v = value_account(acc(**kw), WEEK, ValueParams())
    assert reason in v.excluded_reason


def test_must_visit_by_user_or_overdue_key_account() -> None:
    a = acc()
    assert value_accounts([a], WEEK, ValueParams(must_visit=frozenset({a.key})))[a.key].must_visit
    key = acc(tags=("Key",), cadence_days=20, last_visit=WEEK - timedelta(days=40))
    assert value_account(key, WEEK, ValueParams()).must_visit
    assert value_account(acc(), WEEK, ValueParams(excluded=frozenset({a.key}))).excluded


def test_bad_weights_rejected() -> None:
    with pytest.raises(ValueError, match="visit share"):
        ValueParams(visit_share=2)


def test_annual_revenue_places_the_tier_and_is_the_revenue_at_risk() -> None:
    big = acc(stage="Closed Won", annual_revenue=Decimal(250_000), amount=Decimal(5_000),
              last_visit=WEEK - timedelta(days=28))  # fmt: skip
    v = value_account(big, WEEK, ValueParams())
    assert (v.tier, v.tier_source) == ("A", "annual revenue €250,000.00")
    assert v.at_risk == Money.of(2500)  # €250k × 1 % × one period overdue (28 d / 14 d)
    small = value_account(acc(annual_revenue=Decimal(5_000)), WEEK, ValueParams())
    assert small.tier == "C" and small.at_risk == Money.zero()  # a prospect: nothing at risk

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from planner.domain import (
    Account,
    Address,
    DomainError,
    GeoPoint,
    Interval,
    Money,
    OpeningHours,
    Precision,
    Rep,
    Visit,
)


def test_money_arithmetic_and_currency_guard() -> None:
    assert Money.of("12.345") + Money.of(1) == Money(1335, "EUR")
    assert str(Money.of(1234.5, "usd")) == "$1,234.50"  # English, as Babel writes it
    with pytest.raises(DomainError, match="cannot combine EUR with USD"):
        _ = Money.of(1) + Money.of(1, "USD")
    assert Money.of(10).scaled(0.25) == Money(250)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " "}, "account name is required"),
        ({"name": "A", "probability": 1.5}, "probability must be between 0 and 100 %, got 150%"),
        ({"name": "A", "amount": Decimal(-1)}, "amount cannot be negative"),
        ({"name": "A", "cadence_days": 0}, "visit cadence must be a positive"),
        ({"name": "A", "meeting_minutes": 0}, "meeting duration must be 1–720 minutes"),
        ({"name": "A", "location": GeoPoint(45, 9)}, "coordinates given without a precision"),
    ],
)
def test_account_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(DomainError, match=message):
        Account(**kwargs)  # type: ignore[arg-type]


def test_account_key_prefers_crm_id() -> None:
    addr = Address(street="Via Roma 1", city="Forlì", postcode="47121", country="IT")
    assert Account(name="Acme", account_id="001").key == "id:001"
    assert Account(name=" ACME  srl", address=addr).key == "na:acme srl|via roma 1, 47121 forli, it"
    acc = Account(name="A", amount=Decimal(1000), probability=0.25)
    assert acc.expected_value == Decimal(250)


def test_geopoint_bounds() -> None:
    with pytest.raises(DomainError, match="latitude must be a number within ±90"):
        GeoPoint(144, 10)
    assert Precision.TOWN.is_coarse and not Precision.ROOFTOP.is_coarse


def test_opening_hours_parse_and_print() -> None:
    hours = OpeningHours.parse("lun-ven 09:00-12:30,14:30-18:00; Sat 9.00-12.00")
    assert hours.on(0) == (Interval(time(9), time(12, 30)), Interval(time(14, 30), time(18)))
    assert hours.on(6) == ()
    assert str(hours).startswith("Mon 09:00-12:30,14:30-18:00; Tue")
    with pytest.raises(DomainError, match="unknown weekday"):
        OpeningHours.parse("Funday 09:00-10:00")
    with pytest.raises(DomainError, match="cannot read time range"):
        OpeningHours.parse("Mon 9-10")


def test_rep_validation() -> None:
    with pytest.raises(DomainError, match="unknown time zone"):
        Rep(name="Ada", timezone="Mars/Olympus")
    with pytest.raises(DomainError, match="work ends"):
        Rep(name="Ada", work_start=time(18), work_end=time(9))


def test_visit_needs_aware_times() -> None:
    naive = datetime(2026, 11, 30, 9)
    with pytest.raises(DomainError, match="time zone"):
        Visit("k", "1", "A", naive, naive, Money.zero())
    aware = datetime(2026, 11, 30, 9, tzinfo=UTC)
    assert Visit("k", "1", "A", aware, aware, Money.zero()).arrival.date() == date(2026, 11, 30)


def test_week_to_plan_is_this_week_until_wednesday_then_next() -> None:
    from planner.domain.plan import week_to_plan

    assert week_to_plan(date(2026, 11, 24)) == date(2026, 11, 23)  # Tuesday: this week
    assert week_to_plan(date(2026, 11, 27)) == date(2026, 11, 30)  # Friday: next week
    assert week_to_plan(date(2026, 11, 29)) == date(2026, 11, 30)  # Sunday: next week

"""Money across currencies: amounts get their currency at import (column, symbol, option,
country), plans convert at the workspace's rates or refuse with the command to run."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from planner.domain import DomainError, Rep
from planner.io.workspace import Workspace
from planner.optimise.week.planner import WeekParams
from planner.services.currencies import Rates, in_currency, load_rates, parse_rates, save_rates
from planner.services.import_accounts import import_accounts
from planner.services.plan_week import plan_in_workspace
from planner.travel.geodesic import GeodesicModel
from tests.optimise.week.conftest import HOME, MONDAY, account

FAST = WeekParams(time_limit_s=0.3, overnight=False)


def test_a_us_export_is_in_us_dollars_and_annual_revenue_is_no_deal(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(
        '"ID","NAME","BILLINGCITY","BILLINGSTATE","BILLINGPOSTALCODE","BILLINGCOUNTRY",'
        '"ANNUALREVENUE"\n"001A","Gravity Investments","FORT COLLINS","CO","80525","US","6.0E7"\n'
        '"001B","Hi Rise","PHOENIX","AZ","85041","US","NULL"\n',
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        report = import_accounts(ws, path)
        accounts = {a.account_id: a for a in ws.accounts()}
    assert any(m.startswith("amounts without a currency: USD on 1 rows") for m in report.messages)
    gravity = accounts["001A"]
    assert (gravity.annual_revenue, gravity.amount) == (Decimal("60000000.00"), None)
    assert gravity.currency == "USD" and accounts["001B"].annual_revenue is None


def test_currency_from_the_symbol_the_option_or_the_country(tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_text(
        "name,city,country,amount\nAlfa,Bologna,IT,£ 1200\nBeta,Boston,US,500\nGamma,Roma,IT,70\n",
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "a.tpw") as ws:
        import_accounts(ws, path)
        by_name = {a.name: a.currency for a in ws.accounts()}
    assert by_name == {"Alfa": "GBP", "Beta": "USD", "Gamma": "EUR"}
    # Countries written out, as CRM reports write them, give their currency too.
    named = tmp_path / "named.csv"
    named.write_text(
        "name,city,country,amount\nDelta,Boston,United States,500\nEta,Leeds,UK,70\n"
        "Zeta,Köln,Deutschland,90\n",
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "c.tpw") as ws:
        import_accounts(ws, named)
        assert {a.name: a.currency for a in ws.accounts()} == {
            "Delta": "USD", "Eta": "GBP", "Zeta": "EUR"
        }  # fmt: skip
    with Workspace.open(tmp_path / "b.tpw") as ws:
        import_accounts(ws, path, currency="CHF")
        assert {a.name: a.currency for a in ws.accounts()}["Beta"] == "CHF"


def test_rates_convert_between_any_two_currencies() -> None:
    rates = Rates("EUR", parse_rates(["USD=0.92", "gbp=1,17"]))
    assert rates.factor("USD", "EUR") == Decimal("0.92")
    assert rates.factor("EUR", "GBP") == Decimal(1) / Decimal("1.17")
    usd = replace(account("Boston", 42.36, -71.06, amount=1000), currency="USD")
    (converted,), note = in_currency([usd], "EUR", rates)
    assert (converted.amount, converted.currency) == (Decimal("920.00"), "EUR")
    assert note == "values converted to EUR: 1 accounts from USD at 1 USD = 0.9200 EUR"
    with pytest.raises(DomainError, match="not an exchange rate: 'USD=zero'"):
        parse_rates(["USD=zero"])


def test_a_plan_mixing_currencies_refuses_in_one_line_then_converts(tmp_path: Path) -> None:
    path = tmp_path / "ws.tpw"
    with Workspace.open(path) as ws:
        ws.save_reps([Rep(name="Giulia", home=HOME)])  # plans in EUR
        ws.save_accounts(
            [
                account("Imola Tech", 44.353, 11.714, amount=5000),
                replace(account("Budrio Agri", 44.537, 11.534, amount=8000), currency="USD"),
            ]
        )
        with pytest.raises(DomainError) as refused:
            plan_in_workspace(ws, "Giulia", MONDAY, 1, GeodesicModel(), params=FAST)
        assert str(refused.value) == (
            "accounts in USD cannot be valued in EUR: no exchange rate for USD; set one with "
            "`territory-planner settings rates USD=<value of 1 USD in EUR>`"
        )
        save_rates(ws, Rates("EUR", {"USD": Decimal("0.92")}))
        assert load_rates(ws).rate("USD") == Decimal("0.92")
        plan = plan_in_workspace(ws, "Giulia", MONDAY, 1, GeodesicModel(), params=FAST).plan
    assert plan.currency == "EUR"
    assert any(n.startswith("values converted to EUR: 1 accounts from USD") for n in plan.notes)


def test_a_us_rep_plans_us_accounts_in_dollars(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        ws.save_reps([Rep(name="Joe", home=HOME, currency="USD")])
        ws.save_accounts(
            [replace(account("Imola Tech", 44.353, 11.714, amount=5000), currency="USD")]
        )
        plan = plan_in_workspace(ws, "Joe", MONDAY, 1, GeodesicModel(), params=FAST).plan
    assert plan.currency == "USD" and not any("converted" in n for n in plan.notes)


def test_rates_rebased_on_another_currency_keep_their_values() -> None:
    rates = Rates("EUR", parse_rates(["USD=0.92", "JPY=0.01"]))
    in_yen = rates.rebased("jpy")
    assert in_yen == Rates("JPY", {"USD": Decimal(92), "EUR": Decimal(100)})
    assert rates.rebased("USD").per_unit["EUR"] == Decimal("1.08696")  # 6 digits, as quoted
    with pytest.raises(DomainError, match="no exchange rate for CHF"):
        rates.rebased("CHF")

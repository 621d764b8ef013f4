from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from planner.domain import Account, DomainError, GeoPoint, Precision, Rep, Territory
from planner.io.workspace import Workspace
from planner.optimise.territories import Balance, BalanceSettings
from planner.services.assign_territories import (
    assign_in_workspace,
    assign_territories,
    describe_split,
    reassign_accounts,
    result_json,
    territory_csv,
    write_territory_csvs,
)
from planner.services.currencies import Rates
from tests.optimise.territories.conftest import make_accounts, make_reps


@pytest.fixture
def team() -> tuple[list[Account], list[Rep]]:
    accounts = make_accounts(240, seed=5)
    return accounts, make_reps(accounts, 3, seed=6)


def test_result_json_has_the_documented_shape(team: tuple[list[Account], list[Rep]]) -> None:
    accounts, reps = team
    result = assign_territories(accounts, reps, BalanceSettings(balance=Balance.BOTH))
    doc = result_json(result, accounts)
    assert [r["name"] for r in doc["reps"]] == [r.name for r in reps]
    for rep in doc["reps"]:
        assert {"accounts", "value", "workload_hours", "travel_km_estimate"} <= rep.keys()
    assert doc["balance"]["workload_spread"] <= 0.05
    assert doc["balance"]["value_spread"] <= 0.05
    assert set(doc["assignments"]) == {a.account_id for a in accounts}
    assert set(doc["assignments"].values()) <= {r.name for r in reps}
    assert doc["changed_hands"] is None  # no current split given


def test_owner_column_is_the_current_split(team: tuple[list[Account], list[Rep]]) -> None:
    accounts, reps = team
    owned = [Account(**{**a.__dict__, "owner": reps[i % 3].name}) for i, a in enumerate(accounts)]
    result = assign_territories(owned, reps)
    assert result.comparison is not None
    assert result.comparison.before.workload_spread >= 0
    assert result.comparison.changed_hands == sum(
        result.assignment[a.key] != a.owner for a in owned
    )
    assert result.comparison.after.travel_km_estimate < result.comparison.before.travel_km_estimate


def test_manual_reassignment_updates_metrics_and_respects_locks(
    team: tuple[list[Account], list[Rep]],
) -> None:
    accounts, reps = team
    key = accounts[0].key
    territory = Territory(
        name="T", rep_name=reps[2].name, account_keys=frozenset({key}), locked_keys=frozenset({key})
    )
    result = assign_territories(accounts, reps, territories=[territory])
    assert result.assignment[key] == reps[2].name
    target = reps[0].name
    movable = [k for k, r in result.assignment.items() if r != target and k != key][:10]
    edited = reassign_accounts(result, movable, target)
    before, after = result.metrics.by_rep(), edited.metrics.by_rep()
    assert after[target].accounts == before[target].accounts + 10
    assert all(edited.assignment[k] == target for k in movable)
    with pytest.raises(DomainError, match="locked"):
        reassign_accounts(result, [key], target)
    with pytest.raises(DomainError, match="unknown rep"):
        reassign_accounts(result, movable, "Nobody")


def test_csv_export_is_formula_safe_and_split_per_rep(tmp_path: Path) -> None:
    evil = Account(
        name='=HYPERLINK("http://x")',
        account_id="E1",
        location=GeoPoint(44.5, 11.3),
        precision=Precision.SOURCE,
    )
    accounts = [evil, *make_accounts(30, seed=8)]
    reps = [Rep(name="@Anna", home=GeoPoint(44.5, 11.3)), Rep(name="Bo", home=GeoPoint(45, 10))]
    result = assign_territories(accounts, reps)
    rows = list(csv.DictReader(io.StringIO(territory_csv(result, accounts))))
    assert len(rows) == len(accounts)
    cell = next(r for r in rows if r["account_id"] == "E1")
    assert cell["name"].startswith("'=")
    assert all(r["rep"] in ("'@Anna", "Bo") for r in rows)
    paths = write_territory_csvs(result, accounts, tmp_path / "out")
    assert sorted(p.name for p in paths) == ["Bo.csv", "_Anna.csv", "assignment.csv"]
    per_rep = sum(len(p.read_text(encoding="utf-8-sig").splitlines()) - 1 for p in paths[1:])
    assert per_rep == len(accounts)


def test_workspace_round_trip_keeps_locks_and_saves_territories(
    tmp_path: Path, team: tuple[list[Account], list[Rep]]
) -> None:
    accounts, reps = team
    with Workspace.open(tmp_path / "ws.tpw") as ws:
        ws.save_accounts(accounts)
        first = assign_in_workspace(ws, reps)
        saved = {t.rep_name: t for t in ws.territories()}
        assert sum(len(t.account_keys) for t in saved.values()) == len(accounts)
        key = accounts[1].key
        owner = first.assignment[key]
        other = next(r.name for r in reps if r.name != owner)
        ws.replace_territories(
            [
                Territory(
                    name=t.name,
                    rep_name=t.rep_name,
                    account_keys=(t.account_keys | {key})
                    if t.rep_name == other
                    else (t.account_keys - {key}),
                    locked_keys=frozenset({key}) if t.rep_name == other else frozenset(),
                )
                for t in saved.values()
            ]
        )
        # Reps without coordinates take their saved home.
        homeless = [Rep(name=r.name, capacity_hours=r.capacity_hours) for r in reps]
        second = assign_in_workspace(ws, homeless, locked_reps=[])
        assert second.assignment[key] == other
        assert second.comparison is not None
        assert second.comparison.changed_hands <= len(accounts) * 0.05
        stored = {t.rep_name: t for t in ws.territories()}
        assert key in stored[other].locked_keys


def test_clear_errors(team: tuple[list[Account], list[Rep]]) -> None:
    accounts, reps = team
    with pytest.raises(DomainError, match="locked reps"):
        assign_territories(accounts, reps, locked_reps=["Ghost"])
    with pytest.raises(DomainError, match="geocode"):
        assign_territories([Account(name="No pin")], reps)


def test_values_are_summed_in_one_currency(team: tuple[list[Account], list[Rep]]) -> None:
    """A territory's value adds its accounts' values up in one currency: theirs when they
    share one; else the reps' one, converted at the workspace's rates; else a clear no."""
    accounts, reps = team
    dollars = [replace(a, currency="USD") for a in accounts]
    assert assign_territories(dollars, reps).currency == "USD"  # no rate needed
    assert describe_split(dollars, reps, ()).currency == "USD"
    mixed = [replace(a, currency="USD") if i % 2 else a for i, a in enumerate(accounts)]
    with pytest.raises(DomainError, match="settings rates USD="):
        assign_territories(mixed, reps)  # the reps' EUR, and no USD rate
    rates = Rates("EUR", {"USD": Decimal("0.5")})
    result = assign_territories(mixed, reps, rates=rates)
    assert result.currency == "EUR"
    halved = sum(float(a.expected_value or 0) * (0.5 if i % 2 else 1) for i, a in enumerate(mixed))
    total = sum(t.value for t in result.metrics.territories)
    assert total == pytest.approx(halved, rel=1e-6)
    doc = result_json(result, mixed)
    assert {r["currency"] for r in doc["reps"]} == {"EUR"}
    moved = reassign_accounts(result, [next(iter(result.assignment))], reps[0].name)
    assert moved.currency == "EUR"
